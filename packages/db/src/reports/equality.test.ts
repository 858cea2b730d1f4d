import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { RuleBook, defaultProfile, fixedClock, type Actor } from "@complaints/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../test/db.js";
import { caseRepository } from "../cases.js";
import { listEvents } from "../events.js";
import { applyCaseCommand, logCase } from "../lifecycle.js";
import { authRepository } from "../auth.js";
import { createTestCouncil, TEST_SEEDED_AT } from "../testing/index.js";
import {
  findPossibleDuplicates,
  listCustomerCases,
  listOpenCasesByNextDue,
  searchCases,
  type AccessScope,
} from "../search.js";
import { equalityRepository, EQUALITY_CHARACTERISTICS } from "./equality.js";

// Leeds policy paras 31–32 and 81, docs/rules.md §8: equality monitoring is voluntary special category
// data, collected with consent and kept apart from case handling. The API half of "equality data
// never appears in case procedures for any role" builds on this one: no case read in this package
// can return it, because none of them reads the table.

const SENTINELS = {
  ethnicity: "sentinel-ethnicity-q7",
  religion_or_belief: "sentinel-faith-q7",
  sexual_orientation: "sentinel-orientation-q7",
  disability: "sentinel-disability-q7",
  age_band: "sentinel-age-q7",
} as const;

const here = path.dirname(fileURLToPath(import.meta.url));
const src = path.resolve(here, "..");

let t: TestDb;
let councilId: string;
let caseId: string;
let customerId: string;
let reference: string;

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "equality", name: "Equality", profile: defaultProfile });
  councilId = council.id;
  const manager = { id: await authRepository.insertStaff(t.db, { councilId, email: "manager@equality.example", displayName: "Manager", grants: [{ role: "complaints-manager", directorateId: null }] }, TEST_SEEDED_AT) };
  const actor: Actor = { id: manager.id, roles: ["complaints-manager"] };
  const rules = new RuleBook(defaultProfile, []).rulesFor("waste", "complaint");
  const logged = await logCase(t.db, {
    councilId,
    command: {
      by: actor,
      kind: "complaint",
      channel: "web",
      receivedAt: "2026-05-04T09:00:00Z",
      description: "I was treated unfairly at the recycling centre",
      serviceId: "waste",
      flags: ["discrimination-or-harassment"],
    },
    customer: { fullName: "Grace Hopper", email: "grace@example.org", postcode: "LS1 1AA" },
    rules,
    clock: fixedClock("2026-05-04T09:00:00Z"),
  });
  if (!logged.ok) throw new Error(logged.refusal.message);
  caseId = logged.caseId;
  reference = logged.reference;
  customerId = logged.state.customer!.id;
  await equalityRepository.record(t.db, {
    caseId,
    consentGivenOn: "2026-05-04",
    collectedOn: "2026-05-04",
    collectedBy: "customer",
    answers: { ...SENTINELS, sex: "female" },
  });
  const triaged = await applyCaseCommand(t.db, {
    caseId,
    expectedVersion: logged.version,
    command: { type: "triage", by: actor, outcome: "accept" },
    rules,
    clock: fixedClock("2026-05-04T10:00:00Z"),
  });
  if (!triaged.ok) throw new Error(triaged.refusal.message);
});
afterAll(() => t?.close());

async function sourceFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await sourceFiles(full)));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) out.push(full);
  }
  return out;
}

describe("equality monitoring stays apart from the case (Leeds policy 31–32, 81; docs/rules.md §8)", () => {
  it("is read and written by one module only: no case query, mirror or projection names its table", async () => {
    const allowed = new Set([
      path.join(src, "reports", "equality.ts"),
      path.join(src, "reports", "schema.ts"),
      path.join(src, "migrations", "20261126100300_equality_monitoring.ts"),
    ]);
    const offenders: string[] = [];
    for (const file of await sourceFiles(src)) {
      if (allowed.has(file)) continue;
      const text = await readFile(file, "utf8");
      if (
        /\bequality_monitoring\b|equalityRepository/.test(text) &&
        !file.endsWith(path.join("reports", "index.ts"))
      )
        offenders.push(path.relative(src, file));
    }
    expect(offenders).toEqual([]);
  });

  it("never comes back from any case read, for a council-wide scope that sees everything", async () => {
    const scope: AccessScope = {
      councilId,
      directorates: "all",
      includeRestricted: true,
      restrictedDirectorates: "all",
    };
    const reads: unknown[] = [
      await caseRepository.getCase(t.db, caseId),
      await caseRepository.findCaseByReference(t.db, councilId, reference),
      await caseRepository.listStageInstances(t.db, caseId),
      await caseRepository.listDueDates(t.db, caseId),
      await listEvents(t.db, { caseId }),
      await searchCases(t.db, { scope, quick: reference }),
      await searchCases(t.db, { scope, text: "recycling" }),
      await listCustomerCases(t.db, { scope, customerId }),
      await listOpenCasesByNextDue(t.db, { scope }),
      await findPossibleDuplicates(t.db, {
        scope,
        customerId,
        description: "treated unfairly at the recycling centre",
      }),
      await caseRepository.workQueue(t.db, {
        scope: {
          councilId,
          staffId: "00000000-0000-4000-8000-000000000000",
          directorates: "all",
          restrictedDirectorates: "all",
        },
        limit: 50,
      }),
      await caseRepository.accessFacts(t.db, councilId, [caseId]),
      (await sql`SELECT * FROM cases WHERE id = ${caseId}`.execute(t.db)).rows,
      (await sql`SELECT * FROM report_case_facts WHERE case_id = ${caseId}`.execute(t.db)).rows,
      (await sql`SELECT * FROM report_stage_facts WHERE case_id = ${caseId}`.execute(t.db)).rows,
    ];
    const text = JSON.stringify(reads, (_key, value) =>
      value instanceof Map ? [...value.entries()] : value,
    );
    expect(text).toContain(reference); // the reads did find the case
    for (const value of Object.values(SENTINELS)) expect(text).not.toContain(value);
    for (const column of EQUALITY_CHARACTERISTICS.filter((c) => c.includes("_")))
      expect(text).not.toContain(column);
  });

  it("is not written to the event log or the case snapshot", async () => {
    const { rows } = await sql<{ n: number }>`
      SELECT count(*)::integer AS n FROM events
      WHERE payload::text LIKE '%sentinel-%' OR payload::text LIKE '%ethnicity%'`.execute(t.db);
    expect(rows[0]!.n).toBe(0);
    const state = JSON.stringify((await caseRepository.getCase(t.db, caseId)).state);
    expect(state).not.toContain("sentinel-");
  });

  it("is counted by group for the aggregate report, and deleted when consent is withdrawn", async () => {
    const period = { from: "2026-04-01", to: "2027-03-31" };
    const { rows, totals } = await equalityRepository.rawCounts(t.db, { councilId, period });
    expect(totals).toEqual({ complaints: 1, forms: 1 });
    expect(rows.find((r) => r.characteristic === "ethnicity")).toEqual({
      characteristic: "ethnicity",
      value: SENTINELS.ethnicity,
      group: null,
      complaints: 1,
      wellFounded: 0,
      discrimination: 1,
    });
    expect(rows.find((r) => r.characteristic === "pregnancy_or_maternity")?.value).toBe(
      "not-answered",
    );
    expect(await equalityRepository.hasForm(t.db, caseId)).toBe(true);
    expect(await equalityRepository.withdraw(t.db, caseId)).toBe(true);
    expect(await equalityRepository.hasForm(t.db, caseId)).toBe(false);
    expect((await equalityRepository.rawCounts(t.db, { councilId, period })).rows).toEqual([]);
  });

  it("cannot be stored without the customer's consent", async () => {
    await expect(
      sql`INSERT INTO equality_monitoring (council_id, case_id, consent_given_on, collected_on, collected_by)
          VALUES (${councilId}, ${caseId}, NULL, '2026-05-04', 'customer')`.execute(t.db),
    ).rejects.toThrow(/consent_given_on/);
    await expect(
      equalityRepository.record(t.db, {
        caseId,
        consentGivenOn: "",
        collectedOn: "2026-05-04",
        collectedBy: "customer",
        answers: {},
      }),
    ).rejects.toThrow(/consent/);
  });
});
