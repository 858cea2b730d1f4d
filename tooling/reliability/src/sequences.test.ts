/**
 * Random command sequences, through core (10,000 of them, every regime the synthetic council
 * has: the corporate code, housing, member enquiries, FOI/EIR, adult and children's social
 * care, the Independent Adjudicator) and through the API over HTTP (a few hundred, on
 * PostgreSQL). After every command that is applied, the invariants hold:
 * - a case always has its due dates (an open stage has its response date);
 * - a closed case stays closed unless reopened (or escalated after a "not escalated" close);
 * - no stage the regime requires is skipped: the first stage is the regime's first, and each
 *   next one is where the regime's graph leads;
 * - one command, one version, one event; a refused command changes nothing.
 * Through the API, the stored snapshot, its mirrors and the event log agree as well.
 */
import { SyntheticWorld } from "@complaints/bench";
import { transition, type Actor, type CaseCommand, type CaseKind, type CaseState, type ResolvedRules } from "@complaints/core";
import { ApiClient, type Child } from "@complaints/bench";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PASSWORD, query, startApi, syntheticCouncil, type Council } from "./setup/world.js";

const SEED = Number(process.env.SEQUENCE_SEED ?? 8);
const CORE_SEQUENCES = 10_000;
const API_SEQUENCES = Number(process.env.API_SEQUENCES ?? 250);

const world = new SyntheticWorld({ seed: 1, now: new Date(), years: 2, councilSize: 100_000 });
const synthetic = world.council(0);
const officers = synthetic.roster.investigators.get("refuse-collection")!;
const manager: Actor = { id: synthetic.roster.complaintsManagers[0]!, name: "Manager", roles: ["complaints-manager", "customer-services", "dcro", "investigating-officer"] };

type Step = Exclude<CaseCommand, { type: "log" }> extends infer C ? (C extends unknown ? Omit<C, "by"> : never) : never;

/** The commands that move a case on, drawn more often so sequences get somewhere. */
const progress: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>({ type: "triage", outcome: "accept" }, { type: "acknowledge", offerToDiscuss: true }, { type: "close", note: null }, { type: "escalate", reason: "Not satisfied" }),
  fc.record({ type: fc.constant("assign" as const), handlerId: fc.constantFrom(...officers) }),
  fc.record({ type: fc.constant("respond" as const), outcome: fc.constantFrom("upheld" as const, "not-upheld" as const), reasons: fc.constant("Because"), signedBy: fc.constant("Head of Service") }),
) as fc.Arbitrary<Step>;

/** Commands with plausible and implausible payloads. */
const anyStep: fc.Arbitrary<Step> = fc.oneof(
  fc.constantFrom<Step>(
    { type: "triage", outcome: "accept" },
    { type: "triage", outcome: "excluded", reason: "legal-proceedings", route: "The court" },
    { type: "triage", outcome: "not-a-complaint", agreedWithCustomer: true, note: "A request" },
    { type: "triage", outcome: "wrongly-addressed", body: "The police", bodyContact: "101" },
    { type: "triage", outcome: "out-of-time", decision: "accept-with-discretion", reasons: "Ill" },
    { type: "acknowledge", offerToDiscuss: true },
    { type: "pause", reason: "Waiting" },
    { type: "resume" },
    { type: "holding-response", summary: "Still working on it" },
    { type: "agree-statement" },
    { type: "withdraw", reason: "Sorted" },
    { type: "close", note: null },
    { type: "reopen", reason: "New evidence" },
    { type: "refer-back", reason: "Not investigated" },
    { type: "convert-to-complaint", reason: "Unhappy" },
    { type: "escalate", reason: "Not satisfied" },
    { type: "escalate", lateDiscretion: "Abroad" },
    { type: "acknowledge-feedback" },
    { type: "complete-remedy", remedyId: "r1" },
    { type: "request-information", id: "i1", from: "customer", what: "Photos", pause: true },
    { type: "receive-information", id: "i1" },
    { type: "record-contact", direction: "in", channel: "phone", summary: "Called" },
    { type: "notify", party: "legal", reason: "Advice" },
    { type: "notify", party: "executive-member", reason: "Public interest" },
    { type: "add-participant", role: "independent-person", name: "Robin", isCouncilOfficerOrMember: false },
    { type: "add-participant", role: "investigating-officer", name: "Pat" },
    { type: "record-milestone", milestoneId: "panel-meeting" },
    { type: "record-milestone", milestoneId: "panel-report" },
    { type: "ombudsman-enquiry", enquiryId: "o1", body: "lgsco", reference: "LGSCO-1", responseDueOn: "2030-01-01" },
    { type: "request-approval", approvalId: "ap1", enquiryId: "o1" },
    { type: "decide-approval", approvalId: "ap1", decision: "approve" },
    { type: "ombudsman-response", enquiryId: "o1", approvalId: "ap1" },
    { type: "recalculate-deadlines", reason: "New bank holiday" },
  ),
  fc.record({ type: fc.constant("assign" as const), handlerId: fc.constantFrom(...officers) }),
  fc.record({ type: fc.constant("extend" as const), workingDays: fc.integer({ min: 1, max: 30 }), reason: fc.constant("Complex"), ombudsmanDetailsGiven: fc.boolean() }),
  fc.record({
    type: fc.constant("respond" as const),
    outcome: fc.constantFrom("upheld" as const, "partly-upheld" as const, "not-upheld" as const),
    reasons: fc.constant("Because"),
    remedies: fc.constant([{ id: "r1", type: "apology" as const, description: "Sorry", ownerId: officers[0]!, dueOn: "2030-01-01" }]),
    signedBy: fc.constantFrom(null, "Head of Service"),
  }),
) as fc.Arbitrary<Step>;

const step: fc.Arbitrary<Step> = fc.oneof({ arbitrary: progress, weight: 3 }, { arbitrary: anyStep, weight: 2 });

/** A case's usual path through three stages, closing and reopening. */
const respond = (outcome: "upheld" | "not-upheld"): Step => ({ type: "respond", outcome, reasons: "Because", signedBy: "Head of Service", remedies: [{ id: "r1", type: "apology", description: "Sorry", ownerId: officers[0]!, dueOn: "2030-01-01" }] });
const usualPath: Step[] = [
  { type: "triage", outcome: "accept" },
  { type: "assign", handlerId: officers[0]! },
  { type: "acknowledge", offerToDiscuss: true },
  respond("not-upheld"),
  { type: "escalate", reason: "Not satisfied" },
  { type: "assign", handlerId: officers[1]! },
  { type: "acknowledge", offerToDiscuss: true },
  respond("upheld"),
  { type: "escalate", reason: "Still not satisfied" },
  { type: "assign", handlerId: officers[2]! },
  respond("not-upheld"),
  { type: "close", note: null },
  { type: "reopen", reason: "New evidence" },
  respond("upheld"),
  { type: "close", note: null },
];

/**
 * A sequence: a prefix of the usual path with some of its steps left out, and random commands
 * (any type, plausible or not) slipped in anywhere: most of them are refused, some land.
 */
const sequence: fc.Arbitrary<Step[]> = fc
  .tuple(fc.integer({ min: 1, max: usualPath.length }), fc.array(fc.nat({ max: 40 }), { maxLength: 3 }), fc.array(fc.tuple(fc.nat({ max: 40 }), step), { maxLength: 10 }))
  .map(([length, drops, noise]) => {
    const steps = usualPath.slice(0, length).filter((_, i) => !drops.includes(i));
    for (const [at, extra] of noise) steps.splice(at % (steps.length + 1), 0, extra);
    return steps;
  });

/** Every (service, kind) the synthetic council's rules allow, so every regime is exercised. */
const scopes: Array<{ serviceId: string; kind: CaseKind; intake: Record<string, unknown>; representative: unknown; matterArose: string | null }> = [];
for (const d of synthetic.profile.directorates) {
  for (const s of d.services) {
    for (const kind of ["complaint", "member-enquiry", "foi-eir-review", "compliment", "service-request"] as CaseKind[]) {
      try {
        const rules = synthetic.book.rulesFor(s.id, kind);
        if (rules.scope.kind !== kind) continue;
      } catch {
        continue;
      }
      scopes.push({
        serviceId: s.id,
        kind,
        intake: kind === "foi-eir-review" ? { informationRegime: "foi", requestReference: "FOI-1" } : {},
        representative: kind === "member-enquiry" ? { name: "Cllr Smith", role: "councillor", consent: { basis: "elected-member", recordedOn: "2025-01-06" }, replyTo: "representative" } : null,
        matterArose: kind === "foi-eir-review" ? "2025-01-03" : null,
      });
    }
  }
}

function invariants(before: CaseState, after: CaseState, command: Step, rules: ResolvedRules): string | null {
  const ids = rules.regime.stages.map((s) => s.id);
  if (after.version !== before.version + 1) return "the version did not move by one";
  if (before.status === "closed" && after.status !== "closed" && command.type !== "reopen" && command.type !== "escalate") return `a closed case was opened by ${command.type}`;
  if (before.status === "closed" && command.type === "escalate" && before.closure?.reason !== "not-escalated") return "a case closed otherwise than 'not escalated' was escalated";
  if ((after.status === "closed") !== (after.closure !== null)) return "closure and status disagree";
  if (after.status === "new" && after.stages.length) return "a case awaiting triage has stages";
  for (const [i, stage] of after.stages.entries()) {
    if (!ids.includes(stage.stageId)) return `stage ${stage.stageId} is not in the regime`;
    if (i === 0 && stage.stageId !== ids[0]) return `the first stage is ${stage.stageId}, the regime starts at ${ids[0]}`;
    const next = after.stages[i + 1];
    if (next) {
      const rule = rules.regime.stages.find((s) => s.id === stage.stageId)!;
      const allowed = stage.phase === "referred-back" ? rule.referBackTo : rule.escalation?.to;
      if (next.stageId !== allowed) return `${stage.stageId} → ${next.stageId} skips what the regime requires`;
    }
  }
  const current = after.stages.at(-1);
  const open = current && (current.phase === "awaiting-acknowledgement" || current.phase === "investigating" || current.phase === "paused");
  if (after.status === "open" && open && !after.dueDates.some((d) => d.kind === "respond" && d.stageId === current.stageId)) return "an open stage has no response due date";
  return null;
}

describe("random command sequences", () => {
  it(`${CORE_SEQUENCES.toLocaleString("en-GB")} sequences through core, every regime: no invariant breaks`, () => {
    let applied = 0;
    let refused = 0;
    const reached = { secondStage: 0, thirdStage: 0, closed: 0, reopened: 0, regimes: new Set<string>() };
    fc.assert(
      fc.property(fc.constantFrom(...scopes), sequence, fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 30, maxLength: 30 }), (scope, commands, gaps) => {
        const steps = commands.map((c, i) => [c, gaps[i % gaps.length]!] as const);
        let day = Date.parse("2025-01-06T10:00:00Z");
        let rules = synthetic.book.rulesFor(scope.serviceId, scope.kind);
        const logged = transition(
          null,
          { type: "log", by: manager, id: "case-1", reference: "LBL-2025-000001", kind: scope.kind, channel: "email", receivedAt: new Date(day).toISOString(), customer: { id: "c1", name: "Sam" }, description: "A complaint", serviceId: scope.serviceId, intake: scope.intake, representative: scope.representative as never, matterArose: scope.matterArose },
          rules,
          { now: () => new Date(day) },
        );
        if (!logged.ok) throw new Error(`log refused for ${scope.serviceId}/${scope.kind}: ${logged.refusal.message}`);
        let state = logged.state;
        for (const [command, gap] of steps) {
          day += gap * 86_400_000;
          rules = synthetic.book.rulesFor(state.serviceId, state.kind);
          const snapshot = JSON.stringify(state);
          const result = transition(state, { ...command, by: manager } as CaseCommand, rules, { now: () => new Date(day) });
          if (!result.ok) {
            refused++;
            if (JSON.stringify(state) !== snapshot) throw new Error(`refused ${command.type} changed the case`);
            continue;
          }
          applied++;
          if (result.events.length !== 1) throw new Error(`${command.type} recorded ${result.events.length} events`);
          const broken = invariants(state, result.state, command, rules);
          if (broken) throw new Error(`${broken} (after ${command.type}, regime ${rules.regime.id})`);
          state = result.state;
          if (command.type === "reopen") reached.reopened++;
        }
        if (state.stages.length >= 2) reached.secondStage++;
        if (state.stages.length >= 3) reached.thirdStage++;
        if (state.status === "closed") reached.closed++;
        reached.regimes.add(state.regimeId);
      }),
      { seed: SEED, numRuns: CORE_SEQUENCES },
    );
    console.info(`[sequences] core: ${CORE_SEQUENCES} sequences, ${applied} commands applied, ${refused} refused; ${reached.secondStage} reached a second stage, ${reached.thirdStage} a third, ${reached.closed} ended closed, ${reached.reopened} reopenings; regimes ${[...reached.regimes].join(", ")}`);
    // The sequences go somewhere: deep enough to test what the invariants are about.
    expect(applied).toBeGreaterThan(CORE_SEQUENCES * 3);
    expect(reached.secondStage).toBeGreaterThan(CORE_SEQUENCES / 50);
    expect(reached.thirdStage).toBeGreaterThan(0);
    expect(reached.closed).toBeGreaterThan(CORE_SEQUENCES / 10);
    expect(reached.reopened).toBeGreaterThan(0);
    expect(reached.regimes.size).toBeGreaterThanOrEqual(5);
  }, 300_000);
});

describe("random command sequences through the API", () => {
  let url: string;
  let council: Council;
  let api: Child;
  let client: ApiClient;

  beforeAll(async () => {
    url = await freshDatabase("sequences");
    council = await syntheticCouncil(url, { cases: 0, seed: 1 });
    api = await startApi(url);
    client = new ApiClient(api.url);
    await client.login(council.email("complaints-manager"), PASSWORD);
  });
  afterAll(() => api?.stop());

  it(`${API_SEQUENCES} sequences over HTTP on PostgreSQL: invariants, and snapshot, mirrors and log agree`, async () => {
    const camel = (type: string) => type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const sequences = fc.sample(fc.tuple(fc.constantFrom(...scopes), sequence), { seed: SEED, numRuns: API_SEQUENCES });
    let applied = 0;
    const problems: string[] = [];
    for (const [scope, steps] of sequences) {
      const logged = await client.mutationReply("cases.log", {
        kind: scope.kind,
        channel: "email",
        serviceId: scope.serviceId,
        description: "A case for the sequence test",
        customer: { fullName: "Sam Sequence" },
        intake: scope.intake,
        representative: scope.representative,
        matterArose: scope.matterArose ?? undefined,
      });
      if (logged.status !== 200) {
        problems.push(`log ${scope.serviceId}/${scope.kind}: ${logged.status} ${logged.text.slice(0, 200)}`);
        continue;
      }
      const { caseId } = (logged.body as { result: { data: { caseId: string; version: number } } }).result.data;
      for (const command of steps) {
        const [before] = await query<{ version: number; state: CaseState }>(url, "SELECT version, state FROM cases WHERE id = $1", [caseId]);
        const { type, ...payload } = command;
        const reply = await client.mutationReply(`command.${camel(type)}`, { caseId, expectedVersion: before!.version, ...payload });
        if (reply.status >= 500) problems.push(`${type}: ${reply.status} ${reply.text.slice(0, 200)}`);
        const [after] = await query<{ version: number; state: CaseState }>(url, "SELECT version, state FROM cases WHERE id = $1", [caseId]);
        if (reply.status !== 200) {
          if (after!.version !== before!.version) problems.push(`a refused ${type} changed the case`);
          continue;
        }
        applied++;
        const rules = council.council.book.rulesFor(before!.state.serviceId, before!.state.kind);
        const broken = invariants(before!.state, after!.state, command, rules);
        if (broken) problems.push(`${broken} (after ${type})`);
      }
      // What is stored agrees with itself: mirrors, due dates and the event log.
      const [row] = await query<{ version: number; status: string; state: CaseState; events: number; due: number; stages: number }>(
        url,
        `SELECT c.version, c.status, c.state,
                (SELECT count(*)::int FROM events e WHERE e.case_id = c.id AND e.type <> 'case-read') AS events,
                (SELECT count(*)::int FROM due_dates d WHERE d.case_id = c.id) AS due,
                (SELECT count(*)::int FROM stage_instances s WHERE s.case_id = c.id) AS stages
         FROM cases c WHERE c.id = $1`,
        [caseId],
      );
      if (row!.events !== row!.version) problems.push(`${caseId}: version ${row!.version} with ${row!.events} events`);
      if (row!.due !== row!.state.dueDates.length) problems.push(`${caseId}: ${row!.due} due-date rows for ${row!.state.dueDates.length} due dates`);
      if (row!.stages !== row!.state.stages.length) problems.push(`${caseId}: ${row!.stages} stage rows for ${row!.state.stages.length} stages`);
      if (row!.status !== row!.state.status) problems.push(`${caseId}: status column ${row!.status}, snapshot ${row!.state.status}`);
    }
    console.info(`[sequences] API: ${API_SEQUENCES} sequences, ${applied} commands applied`);
    expect(problems).toEqual([]);
    expect(applied).toBeGreaterThan(API_SEQUENCES);
  }, 600_000);
});
