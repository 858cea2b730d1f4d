/**
 * Loading into PGlite (the embedded engine) and using what was loaded: every event chain
 * verifies, the reference counter leaves room, and the real API serves the synthetic council
 * (sign in as a synthetic DCRO, read the work queue and a case, act on it).
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { createApp, createDeps } from "@complaints/api";
import { migrateToLatest, verifyEventChain } from "@complaints/db";
import { defaultPlugins } from "@complaints/profiles";
import { hash } from "@node-rs/argon2";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ApiClient } from "../http/client.js";
import { SyntheticWorld } from "./cases.js";
import { loadCases, pgliteTarget, type LoadReport } from "./load.js";

const NOW = new Date();
const COUNT = 1500;
const PASSWORD = "synthetic-password";
const options = { seed: 3, now: NOW, years: 6, councilSize: 100_000 };
let target: Awaited<ReturnType<typeof pgliteTarget>>;
let report: LoadReport;
let server: Server;
let url: string;

beforeAll(async () => {
  target = await pgliteTarget();
  await migrateToLatest(target.db);
  const passwordHash = await hash(PASSWORD, { algorithm: 2 });
  // In two loads, as the bench grows a database: the second adds to what the first made.
  const first = await loadCases(target, { ...options, from: 0, to: 500, passwordHash, batch: 250 });
  report = await loadCases(target, { ...options, from: 500, to: COUNT, passwordHash, batch: 400 });
  report.cases += first.cases;
  report.events += first.events;
  const deps = createDeps({ database: { db: target.db, dialect: "pglite", close: async () => {} }, plugins: await defaultPlugins() });
  server = createApp(deps).listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}, 240_000);

afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await target?.close();
});

describe("loading synthetic cases into PGlite", () => {
  it("loads every case with its events, mirrors and customers, and nothing twice", async () => {
    expect(report.cases).toBe(COUNT);
    expect(report.refusals).toEqual({});
    const count = async (table: string) => (await sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.raw(table)}`.execute(target.db)).rows[0]!.n;
    expect(await count("cases")).toBe(COUNT);
    expect(await count("events")).toBe(report.events);
    const { rows } = await sql<{ n: number }>`SELECT count(*)::int AS n FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id WHERE c.customer_id IS NOT NULL AND cu.id IS NULL`.execute(target.db);
    expect(rows[0]!.n).toBe(0);
    // The world's first 1,500 cases, by reference: the same set whichever way they were loaded.
    const world = new SyntheticWorld(options);
    const references = (await target.db.selectFrom("cases").select("reference").execute()).map((r) => r.reference).sort();
    expect(references).toEqual(Array.from({ length: COUNT }, (_, i) => world.generate(i).state.reference).sort());
  }, 120_000);

  it("every case's event chain verifies", async () => {
    const ids = (await target.db.selectFrom("cases").select("id").execute()).map((r) => r.id);
    const broken: string[] = [];
    for (const id of ids) {
      const result = await verifyEventChain(target.db, id);
      if (!result.ok) broken.push(`${id}: ${result.firstBroken.message}`);
    }
    expect(broken).toEqual([]);
    const conduct = await target.db.selectFrom("customer_conduct").select("customer_id").execute();
    for (const c of conduct) expect((await verifyEventChain(target.db, { conductCustomerId: c.customer_id })).ok).toBe(true);
  }, 120_000);

  it("leaves the reference counter above every generated number, so intake never collides", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM cases c JOIN case_reference_counters k
        ON k.council_id = c.council_id AND k.year = split_part(c.reference, '-', 2)::int
      WHERE split_part(c.reference, '-', 3)::int > k.last_value`.execute(target.db);
    expect(rows[0]!.n).toBe(0);
  });

  it("is served by the API: a synthetic DCRO signs in, reads the work queue and a case, and acts on it", async () => {
    const council = new SyntheticWorld(options).council(0);
    const dcro = council.staff.find((s) => s.roles.some((r) => r.role === "dcro" && r.directorate === "customer-services"))!;
    const client = new ApiClient(url);
    await client.login(dcro.email, PASSWORD);
    const queue = await client.query<{ total: number; items: Array<{ id: string; reference: string; version: number; directorate: { name: string } }> }>("queues.directorate", { limit: 50 });
    expect(queue.total).toBeGreaterThan(0);
    expect(queue.items.every((i) => i.directorate.name === "Customer Services")).toBe(true);
    const item = queue.items[0]!;
    const detail = await client.query<{ reference: string; timeline: unknown[]; dueDates: unknown[]; available: string[]; version: number }>("cases.get", { caseId: item.id });
    expect(detail.reference).toBe(item.reference);
    expect(detail.timeline.length).toBeGreaterThan(1);
    expect(detail.dueDates.length).toBeGreaterThan(0);
    expect(detail.available).toContain("record-contact");
    const done = await client.mutation<{ version: number }>("command.recordContact", { caseId: item.id, expectedVersion: detail.version, direction: "out", channel: "phone", summary: "Called the customer with an update" });
    expect(done.version).toBe(detail.version + 1);
    expect((await verifyEventChain(target.db, item.id)).ok).toBe(true);
  }, 60_000);
});
