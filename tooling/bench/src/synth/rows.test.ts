/**
 * The generator writes rows itself (COPY), so it must write exactly what the product writes.
 * Each generated case is replayed command by command through packages/db's own `logCase` and
 * `applyCaseCommand` (the API's path) on PGlite, and then:
 * - the snapshot the repository stored equals the generated one (ids aside);
 * - the generator's row code, given the repository's snapshot and events, produces exactly the
 *   rows the repository wrote, in every mirror table, hashes included.
 */
import type { CaseCommand, CaseEvent, CaseState, LogCase } from "@complaints/core";
import { applyCaseCommand, logCase, type DB } from "@complaints/db";
import { createTestDatabase, type TestDatabase } from "@complaints/db/testing";
import { sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SyntheticWorld, type GeneratedCase } from "./cases.js";
import { installCouncil, pgliteTarget } from "./load.js";
import { caseTableRows, copyValue, eventRows, TABLES, type OrganisationIdMaps, type TableName } from "./rows.js";

const NOW = new Date("2026-11-23T12:00:00Z");
const world = new SyntheticWorld({ seed: 11, now: NOW, years: 6, councilSize: 100_000 });
const council = world.council(0);
let database: TestDatabase;
let ids: OrganisationIdMaps;

beforeAll(async () => {
  database = await createTestDatabase();
  ids = await installCouncil(database.db, council, "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo", world.start);
});
afterAll(() => database?.close());

/** Replays a generated case through the repository; returns the stored case id. */
async function replay(generated: GeneratedCase, customers: Map<string, string>): Promise<string> {
  const db = database.db;
  let caseId = "";
  let version = 0;
  for (const played of generated.events) {
    const clock = { now: () => new Date(played.event.at) };
    const { type, data } = played.event as CaseEvent;
    if (type === "log") {
      const { id: _id, reference: _reference, customer, ...fields } = data as Omit<LogCase, "type" | "by">;
      const known = customer ? customers.get(customer.id) : undefined;
      const details = generated.newCustomer?.details;
      const result = await logCase(db, {
        councilId: ids.councilId,
        command: { ...(fields as Omit<LogCase, "type" | "id" | "reference" | "customer" | "by">), by: played.actor },
        customer: customer ? (known ? { id: known } : { fullName: details?.fullName ?? customer.name, email: details?.email ?? null, phone: details?.phone ?? null, postcode: details?.postcode ?? null }) : null,
        rules: council.book.rulesFor(fields.serviceId, fields.kind),
        clock,
      });
      if (!result.ok) throw new Error(`log refused: ${result.refusal.message}`);
      if (customer && !known) customers.set(customer.id, result.state.customer!.id);
      caseId = result.caseId;
      version = result.version;
      continue;
    }
    const stored = await db.selectFrom("cases").select("state").where("id", "=", caseId).executeTakeFirstOrThrow();
    const state = stored.state as unknown as CaseState;
    const result = await applyCaseCommand(db, {
      caseId,
      expectedVersion: version,
      command: { ...data, type, by: played.actor } as Exclude<CaseCommand, LogCase>,
      rules: council.book.rulesFor(state.serviceId, state.kind),
      clock,
    });
    if (!result.ok) throw new Error(`${type} refused: ${result.refusal.message}`);
    version = result.version;
  }
  return caseId;
}

async function storedRows(db: Kysely<DB>, table: TableName, caseId: string): Promise<string[]> {
  const columns = TABLES[table];
  const key = table === "cases" ? "id" : "case_id";
  const order = table === "events" ? "seq" : columns.slice(0, 3).join(", ");
  const { rows } = await sql<Record<string, unknown>>`SELECT ${sql.raw(columns.join(", "))} FROM ${sql.raw(table)} WHERE ${sql.raw(key)} = ${caseId} ORDER BY ${sql.raw(order)}`.execute(db);
  return rows.map((r) => columns.map((c) => normalise(r[c])).join("|"));
}

function normalise(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value !== null && typeof value === "object" && !Array.isArray(value)) return JSON.stringify(sortKeys(value));
  if (Array.isArray(value)) return JSON.stringify(value.map((v) => (typeof v === "object" ? sortKeys(v) : v)));
  if (typeof value === "string" && /^[[{]/.test(value)) {
    try {
      return JSON.stringify(sortKeys(JSON.parse(value)));
    } catch {
      return value;
    }
  }
  return value === null || value === undefined ? "null" : String(value);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === "object") return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  return value;
}

/** The generated snapshot with the replay's ids put in place of the generated ones. */
function withIds(state: CaseState, from: { id: string; reference: string; customer: string | null }, to: { id: string; reference: string; customer: string | null }) {
  let text = JSON.stringify(state).replaceAll(from.id, to.id).replaceAll(from.reference, to.reference);
  if (from.customer && to.customer) text = text.replaceAll(from.customer, to.customer);
  return JSON.parse(text) as CaseState;
}

describe("generated rows are the rows the repository writes", () => {
  it("for 160 cases of every kind and regime, replayed through logCase / applyCaseCommand", async () => {
    const customers = new Map<string, string>();
    const cases = Array.from({ length: 160 }, (_, i) => world.generate(i));
    expect(new Set(cases.map((c) => c.state.regimeId)).size).toBeGreaterThanOrEqual(3);
    for (const generated of cases) {
      const caseId = await replay(generated, customers);
      const row = await database.db.selectFrom("cases").select(["state", "reference", "created_at", "updated_at"]).where("id", "=", caseId).executeTakeFirstOrThrow();
      const stored = row.state as unknown as CaseState;

      // The product, given the same commands at the same moments, reaches the same snapshot.
      const expected = withIds(generated.state, { id: generated.state.id, reference: generated.state.reference, customer: generated.state.customer?.id ?? null }, { id: caseId, reference: row.reference, customer: stored.customer?.id ?? null });
      expect(sortKeys(stored), `case ${generated.index}`).toEqual(sortKeys(expected));

      // The generator's row code, on the stored snapshot and events, writes what the repository wrote.
      const mine = caseTableRows(ids, stored, row.created_at, row.updated_at);
      const events = await database.db.selectFrom("events").selectAll().where("case_id", "=", caseId).orderBy("seq").execute();
      mine.events = eventRows(
        ids.councilId,
        { caseId },
        events.map((e) => ({ event: e.payload as unknown as CaseEvent, actor: { id: e.actor_id!, roles: ["customer-services"] }, version: e.stream_version })),
        1,
        null,
        2, // keyed, as the repository writes today
      ).rows;
      for (const table of Object.keys(TABLES) as TableName[]) {
        if (table === "customers" || table === "customer_conduct") continue;
        const theirs = await storedRows(database.db, table, caseId);
        const ours = (mine[table] ?? []).map((cells) => TABLES[table].map((_, i) => normalise(cells[i] ?? null)).join("|"));
        expect(ours.sort(), `${table} of case ${generated.index}`).toEqual(theirs.sort());
      }
    }
  }, 240_000);
});

describe("COPY text", () => {
  it("escapes what COPY's text format needs, and PostgreSQL reads back exactly what was meant", async () => {
    const tricky = "tab\there\nnew line\\back\rcr «unicode» 'quote' \"dq\" ' OR 1=1 -- <script>alert(1)</script>";
    expect(copyValue(null)).toBe("\\N");
    const target = await pgliteTarget();
    try {
      await target.pglite.query("CREATE TABLE copy_probe (t text, a text[], j jsonb, n text)");
      const line = [copyValue(tricky), copyValue(["a", 'b"c', "d\\e", "f,g", "{h}"]), copyValue(JSON.stringify({ text: tricky })), copyValue(null)].join("\t");
      await target.pglite.query("COPY copy_probe FROM '/dev/blob'", [], { blob: new Blob([`${line}\n`]) });
      const { rows } = await target.pglite.query<{ t: string; a: string[]; j: { text: string }; n: string | null }>("SELECT t, a, j, n FROM copy_probe");
      expect(rows).toEqual([{ t: tricky, a: ["a", 'b"c', "d\\e", "f,g", "{h}"], j: { text: tricky }, n: null }]);
    } finally {
      await target.close();
    }
  });
});
