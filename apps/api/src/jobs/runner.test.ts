import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Database } from "@complaints/db";
import { engine, openHarness, type Harness } from "../../test/harness.js";
import { createDeps } from "../deps.js";
import { silentLogger } from "../logger.js";
import { handlersFor, startJobs, type JobRunner } from "./runner.js";

describe("background jobs", () => {
  let h: Harness;
  let caseId: string;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    const dcro = await h.as("dcro");
    ({ caseId } = await (await h.as("customer-services")).cases.log({
      kind: "complaint",
      channel: "web",
      serviceId: "council-tax",
      description: "Jobs case",
      customer: { fullName: "Jo Jobs" },
    }));
    await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await dcro.command.assign({ caseId, expectedVersion: 2, handlerId: h.staffIds.get("investigating-officer")! });
    h.clock.set("2026-03-05T09:00:00Z");
  });
  afterAll(() => h?.close());

  it.runIf(engine === "pglite")("run in this process on the embedded database", async () => {
    const runner = await startJobs(h.deps, { schedule: false });
    expect(runner.kind).toBe("in-process");
    await Promise.all([runner.runNow("sweep"), runner.runNow("sweep")]);
    await runner.stop();
    const reminders = await h.db.db.selectFrom("notifications_outbox").select("id").where("case_id", "=", caseId).where("kind", "=", "reminder").execute();
    expect(reminders).toHaveLength(1);
  });

  it("the sweep removes sign-in failures older than any sign-in limit looks back at", async () => {
    const failures = () => h.db.db.selectFrom("login_failures").select("id").execute();
    const before = (await failures()).length;
    await h.deps.lockout.fail({ email: "nobody@example.gov.uk", ip: "192.0.2.7" });
    expect(await failures()).toHaveLength(before + 1);
    const now = h.clock.now();
    h.clock.set(new Date(now.getTime() + 24 * 3600_000).toISOString());
    try {
      await handlersFor(h.deps).sweep();
      expect(await failures()).toHaveLength(0);
    } finally {
      h.clock.set(now.toISOString());
    }
  });

  it("the delivery job delivers what is queued even when finishing the step letters fails", async () => {
    const dcro = await h.as("dcro");
    const { caseId: posted } = await (await h.as("customer-services")).cases.log({
      kind: "complaint",
      channel: "phone",
      serviceId: "council-tax",
      description: "A letter by post",
      desiredOutcome: "An apology",
      customer: { fullName: "Pat Post", phone: "0113 496 0001", address: "4 Mill Lane\nExampleton", postcode: "EX1 2AB" },
    });
    await dcro.command.triage({ caseId: posted, expectedVersion: 1, outcome: "accept" });
    await dcro.command.assign({ caseId: posted, expectedVersion: 2, handlerId: h.staffIds.get("investigating-officer")! });
    const acknowledged = await (await h.as("investigating-officer")).command.acknowledge({ caseId: posted, expectedVersion: 3 });
    expect(acknowledged.letters).toMatchObject([{ status: "issued", sentTo: [{ channel: "post" }] }]);
    // Finishing the step letters fails at once (its clock cannot be read); the sender has its own.
    const clock = h.deps.clock;
    h.deps.clock = {
      now: () => {
        throw new Error("the clock stopped");
      },
    };
    let report;
    try {
      report = await handlersFor(h.deps).deliver();
    } finally {
      h.deps.clock = clock;
    }
    expect(report.toPrintRoom).toBeGreaterThanOrEqual(1);
    expect(h.log.entries.some((e) => e.level === "error" && e.message === "step letters not finished")).toBe(true);
    const post = await h.db.db.selectFrom("notifications_outbox").select("status").where("case_id", "=", posted).where("kind", "=", "correspondence").execute();
    expect(post.map((r) => r.status)).not.toContain("queued");
  });

  it.runIf(engine === "postgres")("run once across three API processes sharing PostgreSQL (pg-boss)", async () => {
    const { url, schema } = h.db.postgres!;
    const bossSchema = `pgboss_${randomBytes(4).toString("hex")}`;
    // Three "processes": each its own connection pool, its own dependencies and its own pg-boss.
    const pools: Database[] = [];
    const runners: JobRunner[] = [];
    try {
      for (let i = 0; i < 3; i++) {
        const database = await createDb({ url, schema, maxConnections: 4 });
        pools.push(database);
        const deps = createDeps({ database, clock: h.clock, log: silentLogger, config: h.deps.config, plugins: [] });
        runners.push(await startJobs(deps, { connectionString: url, schema: bossSchema, schedule: false }));
      }
      expect(runners.map((r) => r.kind)).toEqual(["pg-boss", "pg-boss", "pg-boss"]);
      await Promise.all(runners.flatMap((r) => [r.runNow("sweep"), r.runNow("sweep")]));
      const reminders = await h.db.db.selectFrom("notifications_outbox").select("recipient").where("case_id", "=", caseId).where("kind", "=", "reminder").execute();
      expect(reminders).toHaveLength(1);

    } finally {
      for (const r of runners) await r.stop();
      for (const p of pools) await p.close();
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${bossSchema} CASCADE`);
      await client.end();
    }
  });
});
