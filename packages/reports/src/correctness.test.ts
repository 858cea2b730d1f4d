import {
  RuleBook,
  computeDueDates,
  defaultProfile,
  fixedClock,
  transition,
  type Actor,
  type CaseCommand,
  type CaseState,
  type LogCase,
} from "@complaints/core";
import { insertCaseStates, syncReportCalendars } from "@complaints/db";
import { createTestCouncil, TEST_SEEDED_AT } from "@complaints/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { annualReport, type AnnualReport } from "./annual-report.js";
import { tenantSatisfactionMeasures, type TenantSatisfactionMeasures } from "./housing.js";
import { seededRandom } from "./random.js";
import { regimeTimescales } from "./regime-scope.js";

/**
 * The housing regime's cases, judged by the Code's own timescales as the resolved rules give
 * them (5 working days to acknowledge; 10 to answer at Stage 1 and 20 at Stage 2, extendable by
 * as many): core's default regime carries the 2024 codes' values, which the housing plugin keeps.
 */
const CODE_SCOPE = {
  regimeIds: ["housing-ombudsman-code-2024"],
  caseKinds: ["complaint"],
  timescales: regimeTimescales(new RuleBook(defaultProfile, []).rulesFor("waste", "complaint")),
};

// Issue 7: "Reports must be fast at scale: computed in SQL over a working-day calendar table (no
// per-case loops in JavaScript), correct against the same cases computed by core." Here a few
// hundred cases are run through core's real `transition` (default profile: the 2024 complaint
// handling code, England and Wales calendar), stored as they are, and every figure the SQL gives
// is recomputed case by case in JavaScript with core's computeDueDates and WorkingDayCalendar.

const rules = new RuleBook(defaultProfile, []).rulesFor("waste", "complaint");
const calendar = rules.calendar;
const PERIOD = { from: "2025-04-01", to: "2026-03-31" };
const AS_OF = PERIOD.to;
const CASES = 320;

const officerA: Actor = {
  id: "00000000-0000-4000-8000-00000000000a",
  roles: ["investigating-officer"],
};
const officerB: Actor = {
  id: "00000000-0000-4000-8000-00000000000b",
  roles: ["investigating-officer"],
};
const manager: Actor = {
  id: "00000000-0000-4000-8000-00000000000c",
  roles: ["complaints-manager"],
};

type Command = Exclude<CaseCommand, LogCase>;

function run(
  state: CaseState,
  date: string,
  command: Record<string, unknown> & { type: Command["type"] },
  by: Actor = manager,
): CaseState {
  const result = transition(
    state,
    { by, ...command } as Command,
    rules,
    fixedClock(`${date}T11:00:00Z`),
  );
  if (!result.ok) throw new Error(`${command.type} on ${date}: ${result.refusal.message}`);
  return result.state;
}

const respondDue = (state: CaseState) =>
  state.dueDates.find(
    (d) => d.id === `${state.stages.at(-1)!.stageId}#${state.stages.length}.respond`,
  )!.date;
const OUTCOMES = ["upheld", "partly-upheld", "not-upheld"] as const;

/** One case, its path chosen by a seeded random generator: the same 320 cases every run. */
function generate(i: number): CaseState {
  const random = seededRandom(`correctness-${i}`);
  const pick = (n: number) => Math.floor(random() * n);
  const day = calendar.addCalendarDays("2025-04-01", pick(334));
  const log = transition(
    null,
    {
      type: "log",
      by: manager,
      id: `00000000-0000-4000-8000-${String(100000 + i).padStart(12, "0")}`,
      reference: `COR-2025-${String(i).padStart(6, "0")}`,
      kind: "complaint",
      channel: "web",
      receivedAt: `${day}T${String(8 + pick(11)).padStart(2, "0")}:15:00Z`,
      customer: null,
      description: "Generated complaint",
      serviceId: "waste",
      category: ["Missed collection", "Staff conduct", "Delay"][pick(3)]!,
    },
    rules,
    fixedClock(`${day}T20:00:00Z`),
  );
  if (!log.ok) throw new Error(log.refusal.message);
  let state = log.state;
  const start = state.receipt.countsFrom;
  state = run(state, start, { type: "triage", outcome: "accept" });
  state = run(state, start, { type: "assign", handlerId: officerA.id });

  // Acknowledge from the same day to 7 working days later (the code allows 5).
  const ackOn = calendar.addWorkingDays(start, pick(8));
  state = run(state, ackOn, { type: "acknowledge" }, officerA);
  let last = ackOn;
  if (random() < 0.2) {
    const from = calendar.addWorkingDays(ackOn, 1);
    const to = calendar.addWorkingDays(from, 1 + pick(5));
    state = run(state, from, { type: "pause", reason: "Waiting for photographs" }, officerA);
    state = run(state, to, { type: "resume" }, officerA);
    last = to;
  }
  if (random() < 0.3) {
    const due = respondDue(state);
    const on = calendar.addWorkingDays(due, -1) > last ? calendar.addWorkingDays(due, -1) : last;
    if (on <= due) {
      state = run(
        state,
        on,
        {
          type: "extend",
          workingDays: 1 + pick(10),
          reason: "Contractor report awaited",
          ombudsmanDetailsGiven: true,
        },
        officerA,
      );
      last = on;
    }
  }
  const path = random();
  if (path < 0.12)
    return run(
      state,
      calendar.addWorkingDays(last, 2),
      { type: "withdraw", reason: "Resolved informally" },
      officerA,
    );
  if (path < 0.27) return state; // still open: overdue or not, depending on its date
  const answerOn = [calendar.addWorkingDays(respondDue(state), pick(11) - 6), last].sort().at(-1)!;
  state = run(
    state,
    answerOn,
    { type: "respond", outcome: OUTCOMES[pick(3)], reasons: "Findings" },
    officerA,
  );
  if (random() < 0.35) {
    const asked = calendar.addCalendarDays(answerOn, 1 + pick(10));
    state = run(state, asked, {
      type: "escalate",
      reason: ["Still not collected", "Disagrees with the outcome"][pick(2)],
    });
    state = run(state, asked, { type: "assign", handlerId: officerB.id });
    const ack2 = calendar.addWorkingDays(state.stages[1]!.requestedOn, pick(7));
    state = run(state, ack2, { type: "acknowledge" }, officerB);
    if (random() < 0.25) {
      const due = respondDue(state);
      if (ack2 < due)
        state = run(
          state,
          ack2,
          {
            type: "extend",
            workingDays: 1 + pick(20),
            reason: "Site visit",
            ombudsmanDetailsGiven: true,
          },
          officerB,
        );
    }
    if (random() < 0.7) {
      const on2 = [calendar.addWorkingDays(respondDue(state), pick(13) - 8), ack2].sort().at(-1)!;
      state = run(
        state,
        on2,
        { type: "respond", outcome: OUTCOMES[pick(3)], reasons: "Review" },
        officerB,
      );
    }
  }
  return state;
}

let t: TestDb;
let councilId: string;
let states: CaseState[];
let report: AnnualReport;
let tsm: TenantSatisfactionMeasures;

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "correctness",
    name: defaultProfile.name, profile: { ...defaultProfile, homes: 1000 } });
  councilId = council.id;
  await syncReportCalendars(t.db, councilId, { default: calendar }, TEST_SEEDED_AT);
  states = Array.from({ length: CASES }, (_, i) => generate(i));
  await insertCaseStates(t.db, councilId, states);
  report = await annualReport(t.db, {
    councilId,
    from: PERIOD.from,
    to: PERIOD.to,
    previous: null,
    asOf: AS_OF,
  });
  tsm = await tenantSatisfactionMeasures(t.db, { ...CODE_SCOPE,
    councilId,
    year: PERIOD,
    regimeIds: [rules.regime.id],
  });
}, 120_000);
afterAll(() => t?.close());

/** What core says about one stage of one case, recomputed from the snapshot. */
function coreView(state: CaseState) {
  const dues = computeDueDates(state, rules, AS_OF);
  return state.stages.map((stage, i) => {
    const due = dues.find((d) => d.id === `${stage.stageId}#${stage.sequence}.respond`)!.date;
    const responded = stage.response?.on ?? null;
    const open = ["awaiting-acknowledgement", "investigating", "paused"].includes(stage.phase);
    return {
      stage,
      due,
      responded,
      measured:
        responded !== null || (open && state.status !== "closed" && !stage.endedOn && due < AS_OF),
      inTime: responded !== null && responded <= due,
      workingDays: responded ? calendar.countWorkingDays(stage.requestedOn, responded) : null,
      escalated: i + 1 < state.stages.length,
    };
  });
}

describe("report SQL against core (issue 7: correct against the same cases computed by core)", () => {
  it("covers the paths that matter: in time, late, extended, paused, withdrawn, open and escalated", () => {
    const stages = states.flatMap(coreView);
    expect(stages.filter((s) => s.inTime).length).toBeGreaterThan(30);
    expect(stages.filter((s) => s.responded && !s.inTime).length).toBeGreaterThan(30);
    expect(stages.filter((s) => s.stage.extensions.length).length).toBeGreaterThan(20);
    expect(stages.filter((s) => s.stage.pauses.length).length).toBeGreaterThan(20);
    expect(stages.filter((s) => s.stage.phase === "withdrawn").length).toBeGreaterThan(10);
    expect(stages.filter((s) => !s.responded && s.measured).length).toBeGreaterThan(5);
    expect(stages.filter((s) => s.escalated).length).toBeGreaterThan(30);
  });

  it("counts, answered in time, outcomes, escalations, extensions and working days per stage", () => {
    for (const stageId of ["stage-1", "stage-2"]) {
      const mine = states
        .flatMap(coreView)
        .filter(
          (s) =>
            s.stage.stageId === stageId &&
            s.stage.requestedOn >= PERIOD.from &&
            s.stage.requestedOn <= PERIOD.to,
        );
      const expected = {
        received: mine.length,
        responded: mine.filter((s) => s.responded).length,
        measured: mine.filter((s) => s.measured).length,
        inTime: mine.filter((s) => s.inTime).length,
        overdueUnanswered: mine.filter((s) => !s.responded && s.measured).length,
        upheld: mine.filter((s) => s.stage.response?.outcome === "upheld").length,
        partlyUpheld: mine.filter((s) => s.stage.response?.outcome === "partly-upheld").length,
        notUpheld: mine.filter((s) => s.stage.response?.outcome === "not-upheld").length,
        escalated: mine.filter((s) => s.escalated).length,
        extended: mine.filter((s) => s.stage.extensions.length).length,
        extensionDays: mine.reduce(
          (n, s) => n + s.stage.extensions.reduce((m, e) => m + e.workingDays, 0),
          0,
        ),
        workingDaysMeasured: mine.filter((s) => s.workingDays !== null).length,
        workingDaysTotal: mine.reduce((n, s) => n + (s.workingDays ?? 0), 0),
        workingDaysUnmeasured: 0,
      };
      const tally = report.stages.find((s) => s.column === stageId)!.tally;
      expect(
        Object.fromEntries(Object.keys(expected).map((k) => [k, tally[k as keyof typeof tally]])),
        stageId,
      ).toEqual(expected);
      expect(expected.received).toBeGreaterThan(stageId === "stage-1" ? 250 : 50);
    }
  });

  it("the month-by-month trend adds up to the same cases", () => {
    const byMonth = new Map<string, number>();
    for (const s of states.flatMap(coreView)) {
      if (s.stage.requestedOn < PERIOD.from || s.stage.requestedOn > PERIOD.to) continue;
      const m = s.stage.requestedOn.slice(0, 7);
      byMonth.set(m, (byMonth.get(m) ?? 0) + 1);
    }
    expect(Object.fromEntries(report.monthlyTrend.map((m) => [m.month, m.received]))).toEqual(
      Object.fromEntries(report.monthlyTrend.map((m) => [m.month, byMonth.get(m.month) ?? 0])),
    );
  });

  it("CH02 judged on the calendar table equals the Code's timescales added up by core's calendar", () => {
    for (const [stageId, days, max] of [
      ["stage-1", 10, 10],
      ["stage-2", 20, 20],
    ] as const) {
      const responses = states
        .flatMap((state) => state.stages)
        .filter(
          (s) =>
            s.stageId === stageId &&
            s.response &&
            s.response.on >= PERIOD.from &&
            s.response.on <= PERIOD.to,
        );
      const inTime = responses.filter((s) => {
        const anchor = s.acknowledgedOn ?? calendar.addWorkingDays(s.requestedOn, 5);
        const extra =
          s.extensions.length && s.extensions.every((e) => e.ombudsmanDetailsGiven)
            ? Math.min(
                max,
                s.extensions.reduce((n, e) => n + e.workingDays, 0),
              )
            : 0;
        return s.response!.on <= calendar.addWorkingDays(anchor, days + extra);
      });
      const figure = stageId === "stage-1" ? tsm.ch02.stage1 : tsm.ch02.stage2;
      expect({ responses: figure.responses, inTime: figure.inTime }, stageId).toEqual({
        responses: responses.length,
        inTime: inTime.length,
      });
      expect(responses.length).toBeGreaterThan(stageId === "stage-1" ? 150 : 30);
    }
  });
});
