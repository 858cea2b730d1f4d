import {
  RuleBook,
  defaultProfile,
  fixedClock,
  type Actor,
  type CaseCommand,
  type CaseState,
  type LogCase,
} from "@complaints/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../test/db.js";
import { applyCaseCommand, logCase } from "../lifecycle.js";
import { migrateDown, migrateToLatest } from "../migrate.js";
import { authRepository } from "../auth.js";
import { createTestCouncil, TEST_SEEDED_AT } from "../testing/index.js";
import { explainReportQuery } from "./explain.js";
import { syncReportCalendars } from "./calendar.js";
import { calendarKeyExpression } from "./periods.js";
import { directorateTableQuery, responseTimeQuery } from "./stage-figures.js";
import { topCategoriesQuery } from "./case-figures.js";

// Decision 0201: the snapshot is the truth and every queryable row is derived from it in the
// same transaction. The report facts are derived the same way, by a trigger on `cases`; these
// tests run the real lifecycle (core's transition on the default profile) and compare.
const rules = new RuleBook(defaultProfile, []).rulesFor("waste", "complaint");

let t: TestDb;
let councilId: string;
let officer: Actor;
let senior: Actor;
let manager: Actor;

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "facts", name: defaultProfile.name, profile: defaultProfile });
  councilId = council.id;
  const staff = async (email: string, role: "investigating-officer" | "complaints-manager") => {
    return { id: await authRepository.insertStaff(t.db, { councilId, email, displayName: email, grants: [{ role, directorateId: null }] }, TEST_SEEDED_AT), roles: [role] } satisfies Actor;
  };
  officer = await staff("officer@facts.example", "investigating-officer");
  senior = await staff("senior@facts.example", "investigating-officer");
  manager = await staff("manager@facts.example", "complaints-manager");
});
afterAll(() => t?.close());

/** A command without its actor (the complaints manager unless given). */
type Step = { type: Exclude<CaseCommand, LogCase>["type"]; by?: Actor } & Record<string, unknown>;

async function lifecycle(
  receivedAt: string,
  steps: Array<[date: string, Step]>,
  extra: Partial<LogCase> = {},
) {
  const logged = await logCase(t.db, {
    councilId,
    command: {
      by: manager,
      kind: "complaint",
      channel: "web",
      receivedAt,
      description: "The bins were not collected",
      serviceId: "waste",
      category: "Refuse collection",
      subCategory: "Missed bin",
      ...extra,
    },
    customer: { fullName: "Ada Lovelace" },
    rules,
    clock: fixedClock(receivedAt),
  });
  if (!logged.ok) throw new Error(logged.refusal.message);
  let version = logged.version;
  let state: CaseState = logged.state;
  for (const [date, step] of steps) {
    const result = await applyCaseCommand(t.db, {
      caseId: logged.caseId,
      expectedVersion: version,
      command: { by: manager, ...step } as Exclude<CaseCommand, LogCase>,
      rules,
      clock: fixedClock(`${date}T11:00:00Z`),
    });
    if (!result.ok) throw new Error(`${step.type}: ${result.refusal.message}`);
    version = result.version;
    state = result.state;
  }
  return { caseId: logged.caseId, state };
}

const stageFacts = (caseId: string) =>
  sql<
    Record<string, unknown>
  >`SELECT * FROM report_stage_facts WHERE case_id = ${caseId} ORDER BY sequence`
    .execute(t.db)
    .then((r) => r.rows);

describe("report facts (decision 0201: derived from the snapshot in the same transaction)", () => {
  it("follow a complaint through acknowledgement, extension, response, escalation and Stage 2", async () => {
    const { caseId, state } = await lifecycle("2026-03-02T09:30:00Z", [
      ["2026-03-02", { type: "triage", outcome: "accept" }],
      ["2026-03-02", { type: "assign", handlerId: officer.id }],
      ["2026-03-03", { type: "acknowledge", by: officer }],
      [
        "2026-03-10",
        {
          type: "extend",
          by: officer,
          workingDays: 5,
          reason: "Waiting for the crew's records",
          ombudsmanDetailsGiven: true,
        },
      ],
      [
        "2026-03-20",
        {
          type: "respond",
          // The £150 is above the officer's £100 limit: the manager (limit £500) sends it.
          by: manager,
          outcome: "partly-upheld",
          reasons: "Two collections were missed",
          remedies: [
            {
              id: "apology",
              type: "apology",
              description: "Apology",
              ownerId: officer.id,
              dueOn: null,
            },
            {
              id: "goodwill",
              type: "financial",
              description: "Goodwill payment",
              ownerId: manager.id,
              dueOn: "2026-04-01",
              amountPence: 15_000,
              financialKind: "goodwill-gesture",
            },
          ],
          learning: {
            rootCause: "Round rescheduled without notice",
            lessons: "Tell residents before rounds change",
            improvementActions: [
              {
                id: "notice",
                description: "Notice of round changes",
                ownerId: manager.id,
                dueOn: "2026-05-01",
              },
            ],
          },
        },
      ],
      ["2026-03-25", { type: "escalate", reason: "The payment is too small" }],
      ["2026-03-25", { type: "assign", handlerId: senior.id }],
      ["2026-03-26", { type: "acknowledge", by: senior }],
    ]);
    const rows = await stageFacts(caseId);
    const due = (id: string) => state.dueDates.find((d) => d.id === id)?.date ?? null;
    const [s1, s2] = state.stages;
    expect(rows).toEqual([
      expect.objectContaining({
        sequence: 1,
        stage_id: "stage-1",
        case_kind: "complaint",
        category: "Refuse collection",
        sub_category: "Missed bin",
        requested_on: s1!.requestedOn,
        acknowledged_on: "2026-03-03",
        responded_on: "2026-03-20",
        outcome: "partly-upheld",
        ack_due: due("stage-1#1.acknowledge"),
        respond_due: due("stage-1#1.respond"),
        extensions: 1,
        extension_days: 5,
        extensions_with_ombudsman_details: true,
        next_stage_id: "stage-2",
        financial_remedies: 1,
        financial_remedy_pence: 15_000,
        financial_remedy_paid_pence: null,
        request_reason: null,
        root_cause: "Round rescheduled without notice",
        lessons: "Tell residents before rounds change",
      }),
      expect.objectContaining({
        sequence: 2,
        stage_id: "stage-2",
        requested_on: s2!.requestedOn,
        acknowledged_on: "2026-03-26",
        responded_on: null,
        respond_due: due("stage-2#2.respond"),
        next_stage_id: null,
        request_reason: "The payment is too small",
      }),
    ]);
    // The extension moved the due date: 10 working days from the acknowledgement, plus 5.
    expect(rows[0]!.respond_due).toBe(rules.calendar.addWorkingDays("2026-03-03", 15));
  });

  it("keep the date a step was taken and the date it was sent, and count the deadline met when sent (decision 0322)", async () => {
    const sent = (purpose: string, on: string, channel = "email") => ({ type: "record-correspondence-sent" as const, by: { id: "system:correspondence", roles: ["system" as const] }, stageId: "stage-1", purpose, channel, sentAt: `${on}T15:00:00Z` });
    const { caseId, state } = await lifecycle("2026-03-02T09:30:00Z", [
      ["2026-03-02", { type: "triage", outcome: "accept" }],
      ["2026-03-03", { type: "acknowledge", by: officer }],
      ["2026-03-04", sent("acknowledgement", "2026-03-04", "post")],
      ["2026-03-12", { type: "respond", by: officer, outcome: "not-upheld", reasons: "Collected as scheduled" }],
    ]);
    expect(await stageFacts(caseId)).toEqual([
      expect.objectContaining({
        acknowledged_on: "2026-03-03",
        acknowledgement_sent_on: "2026-03-04",
        ack_met_on: "2026-03-04",
        responded_on: "2026-03-12",
        // Answered but not sent yet: not met.
        response_sent_on: null,
        respond_met_on: null,
      }),
    ]);
    expect(state.dueDates.find((d) => d.id === "stage-1#1.respond")).toMatchObject({ metOn: null, takenOn: "2026-03-12" });
  });

  it("record why a case was not taken on, and its closure", async () => {
    const { caseId } = await lifecycle("2026-03-04T09:30:00Z", [
      [
        "2026-03-05",
        {
          type: "triage",
          outcome: "excluded",
          reason: "legal-proceedings",
          route: "The county court",
        },
      ],
    ]);
    const { rows } = await sql<
      Record<string, unknown>
    >`SELECT * FROM report_case_facts WHERE case_id = ${caseId}`.execute(t.db);
    expect(rows[0]).toMatchObject({
      kind: "complaint",
      triage_outcome: "excluded",
      triage_reason: "legal-proceedings",
      stages: 0,
    });
    expect(await stageFacts(caseId)).toEqual([]);
  });

  it("are rebuilt for cases stored before the facts existed when the migration runs", async () => {
    const { caseId } = await lifecycle("2026-03-06T09:30:00Z", [
      ["2026-03-06", { type: "triage", outcome: "accept" }],
    ]);
    const factsExist = async () =>
      (
        await sql<{ n: number }>`
          SELECT count(*)::integer AS n FROM information_schema.tables
          WHERE table_schema = current_schema() AND table_name = 'report_stage_facts'`.execute(t.db)
      ).rows[0]!.n === 1;
    // Back to before 20261126100000_report_calendar_and_facts, whatever came after it.
    const undone: string[] = [];
    while (await factsExist()) undone.push(...(await migrateDown(t.db)).applied);
    expect(undone.at(-1)).toBe("20261126100000_report_calendar_and_facts");
    await migrateToLatest(t.db);
    expect(await stageFacts(caseId)).toEqual([
      expect.objectContaining({ sequence: 1, stage_id: "stage-1" }),
    ]);
  });

  it("serve the report queries through their indexes (plans checked with sequential scans off)", async () => {
    const period = { from: "2026-04-01", to: "2027-03-31" };
    const previous = { from: "2025-04-01", to: "2026-03-31" };
    const input = { councilId, current: period, previous, asOf: "2027-04-30" };
    await syncReportCalendars(t.db, councilId, { default: rules.calendar }, TEST_SEEDED_AT);
    const plans = await t.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL enable_seqscan = off`.execute(trx);
      const calendarKey = await calendarKeyExpression(trx, councilId, "f.regime_id");
      return [
        await explainReportQuery(trx, directorateTableQuery(input)),
        await explainReportQuery(trx, responseTimeQuery(input, calendarKey)),
        await explainReportQuery(trx, topCategoriesQuery({ councilId, current: period })),
      ];
    });
    // An index on the council's facts (which one depends on the sizes; the benchmark prints the
    // plans at scale), never a scan of every council's rows.
    for (const plan of plans) {
      expect(plan).toMatch(/Index (Only )?Scan using report_stage_facts_\w+ on report_stage_facts f/);
      expect(plan).toMatch(/Index Cond: \(+council_id = '[0-9a-f-]+'::uuid\)/);
    }
    // The calendar is looked up by its primary key (calendar, day).
    expect(plans[1]).toContain("working_days_pkey");
  });
});
