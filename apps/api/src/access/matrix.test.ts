/**
 * The authorisation matrix (issue 3): every procedure × every role × a case in the caller's
 * own directorate or another × restricted or not, against the tables below. The tables are
 * the specification, written out by hand; they do not read src/access/policy.ts, so a change
 * to the policy must be made here too, on purpose.
 *
 * "Allowed" means the call got past authorisation: it succeeded, or a lifecycle rule or a
 * version check refused it (4xx other than 401/403/404). "Refused" means 401, 403 or 404
 * (a case you may not see is "not found", so its existence is not revealed).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { answeredCase } from "../../test/answered.js";
import { appRouter } from "../root.js";
import { STAFF_ROLES, type StaffRole } from "./policy.js";
import { defaultConfig } from "../config.js";

type Where = "own" | "other" | "own-restricted" | "other-restricted";
const WHERE: Where[] = ["own", "other", "own-restricted", "other-restricted"];
type Caller = Awaited<ReturnType<Harness["as"]>>;

const Y = true;
const N = false;
/** Who may read a case, by where it is. Directorate roles work in Corporate Services. */
const READ: Record<Where, Record<StaffRole, boolean>> = {
  //                  cso  io  dcro cm  hos dir qa  legal admin auditor
  own: row(Y, Y, Y, Y, Y, Y, Y, Y, N, Y),
  other: row(Y, N, N, Y, N, N, Y, Y, N, Y),
  "own-restricted": row(N, N, N, Y, Y, Y, N, Y, N, N),
  "other-restricted": row(N, N, N, Y, N, N, N, Y, N, N),
};
function row(...v: boolean[]): Record<StaffRole, boolean> {
  return Object.fromEntries(STAFF_ROLES.map((r, i) => [r, v[i]!])) as Record<StaffRole, boolean>;
}

const CSO = "customer-services", IO = "investigating-officer", DCRO = "dcro", CM = "complaints-manager", HOS = "head-of-service", DIR = "director", LEGAL = "legal";
/** Who may issue each command on a case they can read. */
const COMMANDS: Record<string, StaffRole[]> = {
  triage: [CSO, DCRO, CM],
  assign: [DCRO, CM, HOS],
  notify: [CSO, IO, DCRO, CM, HOS, DIR, LEGAL],
  acknowledge: [CSO, IO, DCRO, CM],
  recordContact: [CSO, IO, DCRO, CM, HOS, DIR, LEGAL],
  requestInformation: [IO, DCRO, CM],
  receiveInformation: [CSO, IO, DCRO, CM],
  pause: [IO, DCRO, CM],
  resume: [IO, DCRO, CM],
  extend: [IO, DCRO, CM],
  agreeStatement: [IO, DCRO, CM],
  agreeResponseDate: [IO, DCRO, CM],
  addParticipant: [IO, DCRO, CM],
  recordMilestone: [IO, DCRO, CM],
  holdingResponse: [IO, DCRO, CM],
  respond: [IO, DCRO, CM, HOS, DIR, LEGAL],
  completeRemedy: [IO, DCRO, CM, HOS],
  agreeImprovementAction: [IO, DCRO, CM, HOS, DIR],
  escalate: [CSO, DCRO, CM],
  referBack: [DCRO, CM],
  withdraw: [CSO, DCRO, CM],
  close: [DCRO, CM],
  reopen: [CM, HOS, DIR],
  acknowledgeFeedback: [CSO, DCRO, CM],
  convertToComplaint: [CSO, DCRO, CM],
  ombudsmanEnquiry: [CM],
  ombudsmanResponse: [CM, HOS, DIR],
  ombudsmanDecision: [CM],
  ombudsmanRemedyComplied: [CM, HOS],
  ombudsmanSatisfied: [CM],
  recalculateDeadlines: [CM],
};

/** Procedures that do not concern one case: who may call them at all. */
const ALL_STAFF = [...STAFF_ROLES];
const READERS = STAFF_ROLES.filter((r) => r !== "administrator");
const REPORTS: StaffRole[] = [DCRO, CM, HOS, DIR, "quality-assurance", "auditor"];
const QA_READ: StaffRole[] = [CM, HOS, DIR, "quality-assurance", "auditor"];
const QA_DO: StaffRole[] = [CM, "quality-assurance"];
const GENERAL: Record<string, StaffRole[]> = {
  "auth.me": ALL_STAFF,
  "auth.logout": ALL_STAFF,
  "queues.mine": ALL_STAFF,
  "queues.team": ALL_STAFF,
  "queues.directorate": ALL_STAFF,
  "queues.central": [CSO, CM, "quality-assurance", LEGAL, "auditor"],
  "search.cases": ALL_STAFF,
  "cases.possibleDuplicates": ALL_STAFF,
  "customers.find": READERS,
  "customers.history": READERS,
  "customers.conduct": READERS,
  "customers.conductCommand": [DCRO, CM, HOS, DIR],
  "notifications.mine": ALL_STAFF,
  "notifications.outbox": [DCRO, CM, "administrator"],
  "admin.staff.list": ["administrator"],
  "admin.staff.create": ["administrator"],
  "admin.staff.update": ["administrator"],
  "admin.staff.setRoles": ["administrator"],
  "admin.staff.resetPassword": ["administrator"],
  "admin.staff.unlock": ["administrator"],
  "admin.staff.import": ["administrator"],
  "admin.staff.importTemplate": ["administrator"],
  "admin.singleSignOn.get": ["administrator"],
  "admin.singleSignOn.set": ["administrator"],
  "admin.organisation": ["administrator"],
  "admin.profile.get": ["administrator"],
  "admin.profile.update": ["administrator"],
  "admin.calendar.setClosureDays": ["administrator"],
  "admin.plugins.setForService": ["administrator"],
  "admin.apiKeys.list": ["administrator"],
  "admin.apiKeys.create": ["administrator"],
  "admin.apiKeys.revoke": ["administrator"],
  "admin.roleRequests.list": ["administrator"],
  /** The audit log: what administrators did, and whether every chain verifies (issue 20, findings 4 and 11). */
  "audit.adminEvents": ["administrator", "auditor"],
  "audit.verify": ["administrator", "auditor"],
  /** Letters: what is due anywhere the caller may read; print batches for the post room. */
  "letters.pending": ALL_STAFF,
  "letters.printBatch.build": [CSO, DCRO, CM],
  "letters.printBatch.list": [CSO, DCRO, CM, "auditor"],
  "letters.printBatch.confirm": [CSO, DCRO, CM],
  "letters.printBatch.cancel": [CSO, DCRO, CM],
  "letters.printBatch.waiting": [CSO, DCRO, CM, "auditor"],
  /** Ombudsman enquiries across the cases the caller may read (each case checked below). */
  "ombudsman.enquiries": ALL_STAFF,
  /** Reports (issue 7): the central team, QA and auditors council-wide; DCROs, Heads of Service and Directors their own directorates. */
  "reports.options": REPORTS,
  "reports.annual": REPORTS,
  "reports.housing": REPORTS,
  "reports.socialCare": REPORTS,
  "reports.lessons": REPORTS,
  /** Improvement actions: anyone who reads cases lists those they may read. */
  "improvement.list": READERS,
  "improvement.owners": READERS,
  /** Quality checks: QA and the complaints manager do them; Heads of Service and Directors read their own; auditors read. */
  "quality.samples.list": QA_READ,
  "quality.samples.draw": QA_DO,
  "quality.samples.get": QA_READ,
  "quality.rubric": QA_DO,
  "quality.review": QA_DO,
  "quality.reviews.get": QA_READ,
  "quality.findings.add": QA_DO,
  "quality.remedialActions.list": QA_READ,
  "quality.remedialActions.add": QA_DO,
  "quality.remedialActions.complete": [CM, HOS, DIR, "quality-assurance"],
  "quality.remedialActions.checkImprovement": QA_DO,
  "quality.scores": QA_READ,
  /** Equality monitoring: the form's questions to those who record or report; the aggregate report to oversight only. */
  "equality.questions": [CSO, CM, "quality-assurance", "auditor"],
  "equality.report": [CM, "quality-assurance", "auditor"],
  /** The integration surface takes API keys, never staff sessions. */
  "integration.services": [],
  "integration.createCase": [],
  "integration.caseStatus": [],
};
/** Per case: who may log into that directorate; who may read the access log. */
const LOG: Record<"own" | "other", StaffRole[]> = { own: [CSO, IO, DCRO, CM], other: [CSO, CM] };
const ACCESS_LOG_ROLES: StaffRole[] = [CM, "auditor"];
/** Per case: who may draft and issue letters (besides the case's handler); everyone who reads it reads its letters. */
const LETTER_WRITERS: StaffRole[] = [DCRO, CM, HOS, DIR];
/** Per case: who may add files (besides the case's handler); everyone who reads it reads its files. */
const FILE_ADDERS: StaffRole[] = [CSO, IO, DCRO, CM, HOS, DIR, LEGAL];
/** Per case: who may agree improvement actions (the case command), and who may then manage them (besides their owner). */
const IMPROVEMENT_AGREERS: StaffRole[] = [IO, DCRO, CM, HOS, DIR];
const IMPROVEMENT_MANAGERS: StaffRole[] = [DCRO, CM, HOS, DIR];
/** Per case: who may make and run resolution plans (besides the case's handler). */
const PLANNERS: StaffRole[] = [IO, DCRO, CM, HOS];
/** Per case: who may record equality monitoring for the customer (a restricted permission). */
const EQUALITY_RECORDERS: StaffRole[] = [CSO, CM];
/** Procedures about one case, tested per case below. */
const CASE_SCOPED = [
  "improvement.get",
  "improvement.create",
  "improvement.addMilestone",
  "improvement.completeMilestone",
  "improvement.complete",
  "resolutionPlans.list",
  "resolutionPlans.create",
  "resolutionPlans.addTask",
  "resolutionPlans.addCheckpoint",
  "resolutionPlans.completeTask",
  "resolutionPlans.recordCheckpoint",
  "resolutionPlans.recordSatisfaction",
  "resolutionPlans.abandon",
  "equality.record",
  "equality.hasForm",
  "equality.withdraw",
];
/** Open to anyone, signed in or not. */
const PUBLIC = ["health.live", "health.ready", "auth.methods", "auth.login"];
/**
 * The public forms: a case is shown (or changed) only for its reference and tracking code,
 * never by role; that is the second test of the public forms below. What they show is open to
 * everyone, signed in or not; what changes a case (RESIDENT_ACTIONS) is the resident's alone:
 * a signed-in staff session is refused, so no role acts as the resident (issue 20, finding 7).
 */
const PUBLIC_FORMS = ["public.services", "public.equalityQuestions", "public.submit", "public.track", "public.letter", "public.escalate", "public.equality"];
const RESIDENT_ACTIONS = new Set(["public.submit", "public.escalate", "public.equality"]);
/** Covered by their own specs (they change the caller's password or session). */
const ELSEWHERE = ["auth.changePassword", /* needs another administrator's request: routers/audit.test.ts */ "admin.roleRequests.decide"];

/** A letter any writer can issue on a just-logged case: the officer supplies what the case cannot. */
function letterRequest(caseId: string) {
  return {
    caseId,
    kind: "compliment-acknowledgement" as const,
    customerAddress: { lines: ["1 Matrix Road", "Exampleton"], postcode: "EX1 1MX" },
    sections: [
      { element: "compliment-summary" as const, paragraphs: ["Thank you for your kind words."] },
      { element: "passed-to" as const, paragraphs: ["We have passed them to the team."] },
    ],
  };
}

function outcome(error: unknown): "allowed" | "refused" {
  if (error instanceof TRPCError && ["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND"].includes(error.code)) return "refused";
  if (error instanceof TRPCError && error.code === "BAD_REQUEST" && error.message.startsWith("The request is not valid")) {
    throw new Error(`the matrix sent an invalid input: ${error.message}`);
  }
  // A crash is a bug, not a permission: it must never count as "allowed".
  if (error instanceof TRPCError && error.code === "INTERNAL_SERVER_ERROR") {
    throw new Error(`the procedure failed rather than answering: ${String(error.cause ?? error.message)}`);
  }
  // Past the permission check, refused by the lifecycle's rules (422, 409…): access was allowed.
  if (error instanceof TRPCError) return "allowed";
  throw error;
}
async function attempt(call: () => Promise<unknown>): Promise<"allowed" | "refused"> {
  try {
    await call();
    return "allowed";
  } catch (error) {
    return outcome(error);
  }
}

describe("authorisation matrix", () => {
  let h: Harness;
  const cases = {} as Record<Where, { id: string; customerId: string }>;
  let outsider: string;
  let batchId: string;
  /** Per place: a case answered with an improvement action and a resolution plan. */
  const answered = {} as Record<Where, { id: string; planId: string }>;
  const qa = {} as { sampleId: string; caseId: string; reviewId: string; findingId: string; remedialActionId: string };

  beforeAll(async () => {
    h = await openHarness({
      // Every caller here shares one (missing) client address; the public limits are not under test.
      config: { publicForms: { ...defaultConfig().publicForms, requestsPerIp: 100_000, lookupFailuresPerIp: 100_000 } },
      extraStaff: [{ key: "outsider", name: "Other Officer", email: "outsider@example.gov.uk", password: PASSWORD, roles: [{ role: "investigating-officer", directorate: "housing" }] }],
    });
    outsider = h.staffIds.get("outsider")!;
    const manager = await h.as("complaints-manager");
    for (const where of WHERE) {
      const { caseId } = await manager.cases.log({
        kind: "complaint",
        channel: "email",
        serviceId: where.startsWith("own") ? "council-tax" : "waste",
        description: `A ${where} complaint for the matrix`,
        flags: where.endsWith("restricted") ? ["safeguarding"] : [],
        customer: { fullName: `Matrix ${where}`, email: `${where}@example.com` },
      });
      const detail = await manager.cases.get({ caseId });
      cases[where] = { id: caseId, customerId: detail.customer!.id };
    }
    // A print batch holding one letter of the own-directorate case, for confirm and cancel.
    await manager.letters.issue(letterRequest(cases.own.id));
    batchId = (await manager.letters.printBatch.build({})).batch!.batchId;

    // Answered cases with what follows a response. The outsider (another directorate) owns the
    // actions and tasks, so no role here acts as their owner.
    for (const where of WHERE) {
      const a = await answeredCase(manager, {
        serviceId: where.startsWith("own") ? "council-tax" : "waste",
        restricted: where.endsWith("restricted"),
        description: `An answered ${where} complaint for the matrix`,
        learning: { rootCause: "Matrix", improvementActions: [{ id: "matrix-action", description: "Matrix action", ownerId: outsider, dueOn: "2026-12-31" }] },
      });
      await manager.improvement.addMilestone({ caseId: a.caseId, stageSequence: 1, actionId: "matrix-action", description: "Matrix milestone", dueOn: "2026-12-01" });
      const plan = await manager.resolutionPlans.create({ caseId: a.caseId, summary: "Matrix plan", ownerId: outsider, tasks: [{ description: "Matrix task", ownerId: outsider, dueOn: "2026-12-31" }], checkpoints: [{ dueOn: "2026-12-01" }] });
      answered[where] = { id: a.caseId, planId: plan.id };
    }
    // A quality check of the own directorate's answered case, with a finding and a remedial action.
    const sample = await manager.quality.samples.draw({ serviceCode: "council-tax", month: "2026-03", share: 1 });
    qa.sampleId = sample.sampleId;
    qa.caseId = answered.own.id;
    const { rubric } = await manager.quality.rubric({ sampleId: qa.sampleId, caseId: qa.caseId, stageSequence: 1 });
    const answers = Object.fromEntries(rubric.criteria.filter((c) => !c.auto).map((c) => [c.id, { answer: "met" as const }]));
    const reviewed = await manager.quality.review({ sampleId: qa.sampleId, caseId: qa.caseId, stageSequence: 1, answers, findings: [{ finding: "Matrix finding", risk: "low" }] });
    qa.reviewId = reviewed.reviewId;
    qa.findingId = reviewed.findingIds[0]!;
    qa.remedialActionId = (await manager.quality.remedialActions.add({ findingId: qa.findingId, description: "Matrix remedy", ownerId: outsider, dueOn: "2026-12-31" })).remedialActionId;
  });
  afterAll(() => h?.close());

  it("covers every procedure of the API", () => {
    const covered = new Set([
      ...Object.keys(COMMANDS).map((c) => `command.${c}`),
      ...Object.keys(GENERAL),
      "cases.log",
      "cases.get",
      "cases.accessLog",
      "letters.list",
      "letters.preview",
      "letters.previewPdf",
      "letters.issue",
      "attachments.list",
      ...CASE_SCOPED,
      ...PUBLIC,
      ...PUBLIC_FORMS,
      ...ELSEWHERE,
    ]);
    expect(Object.keys(appRouter._def.procedures).filter((p) => !covered.has(p))).toEqual([]);
  });

  it("reads cases (cases.get, search, customer history) exactly as the table says", async () => {
    const problems: string[] = [];
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      for (const where of WHERE) {
        const expected = READ[where][role] ? "allowed" : "refused";
        const got = await attempt(() => caller.cases.get({ caseId: cases[where].id }));
        if (got !== expected) problems.push(`cases.get ${role} ${where}: ${got}, table says ${expected}`);
        const found = await caller.search.cases({ quick: `${where}@example.com` }).then((r) => r.some((c) => c.id === cases[where].id));
        if (found !== READ[where][role]) problems.push(`search.cases ${role} ${where}: ${found ? "found" : "not found"}`);
        const history = await caller.customers
          .history({ customerId: cases[where].customerId })
          .then((r) => r.cases.some((c) => c.id === cases[where].id))
          .catch(() => false);
        if (history !== READ[where][role]) problems.push(`customers.history ${role} ${where}: ${history ? "listed" : "not listed"}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("runs every lifecycle command exactly as the table says", async () => {
    const problems: string[] = [];
    const payloads: Record<string, Record<string, unknown>> = {
      triage: { outcome: "accept" },
      assign: { handlerId: "" },
      notify: { party: "head-of-service", reason: "Matrix" },
      acknowledge: {},
      recordContact: { direction: "in", channel: "phone", summary: "Matrix call" },
      requestInformation: { id: "m1", from: "customer", what: "Matrix" },
      receiveInformation: { id: "m1" },
      pause: { reason: "Matrix" },
      resume: {},
      extend: { workingDays: 1, reason: "Matrix", ombudsmanDetailsGiven: true },
      agreeStatement: {},
      agreeResponseDate: { date: "2026-12-31" },
      addParticipant: { role: "advocate", name: "Matrix" },
      recordMilestone: { milestoneId: "m" },
      holdingResponse: { summary: "Matrix" },
      respond: { outcome: "not-upheld", reasons: "Matrix" },
      completeRemedy: { remedyId: "r" },
      escalate: {},
      referBack: { reason: "Matrix" },
      withdraw: { reason: "Matrix" },
      close: {},
      reopen: { reason: "Matrix" },
      acknowledgeFeedback: {},
      convertToComplaint: { reason: "Matrix" },
      ombudsmanEnquiry: { enquiryId: "o1", body: "lgsco", reference: "M/1", responseDueOn: "2026-12-31" },
      ombudsmanResponse: { enquiryId: "o1", approvedBy: "Matrix" },
      ombudsmanDecision: { enquiryId: "o1", finding: "no-fault", injustice: false, summary: "Matrix" },
      ombudsmanRemedyComplied: { enquiryId: "o1", remedyId: "r" },
      ombudsmanSatisfied: { enquiryId: "o1" },
      recalculateDeadlines: { reason: "Matrix" },
    };
    payloads.assign = { handlerId: outsider };
    payloads.agreeImprovementAction = { actionId: "matrix-agreed", description: "Matrix", ownerId: outsider, dueOn: "2026-12-31" };
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      for (const where of WHERE) {
        for (const [name, allowedRoles] of Object.entries(COMMANDS)) {
          const expected = READ[where][role] && allowedRoles.includes(role) ? "allowed" : "refused";
          const procedure = (caller.command as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name]!;
          const got = await attempt(() => procedure({ caseId: cases[where].id, expectedVersion: 1, ...payloads[name] }));
          if (got !== expected) problems.push(`command.${name} ${role} ${where}: ${got}, table says ${expected}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("logs cases and reads access logs exactly as the table says", async () => {
    const problems: string[] = [];
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      for (const where of ["own", "other"] as const) {
        const expected = LOG[where].includes(role) ? "allowed" : "refused";
        const got = await attempt(() =>
          caller.cases.log({ kind: "complaint", channel: "web", serviceId: where === "own" ? "council-tax" : "waste", description: "Matrix", customer: null }),
        );
        if (got !== expected) problems.push(`cases.log ${role} ${where}: ${got}, table says ${expected}`);
      }
      for (const where of WHERE) {
        const expected = READ[where][role] && ACCESS_LOG_ROLES.includes(role) ? "allowed" : "refused";
        const got = await attempt(() => caller.cases.accessLog({ caseId: cases[where].id }));
        if (got !== expected) problems.push(`cases.accessLog ${role} ${where}: ${got}, table says ${expected}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("reads, drafts and issues letters exactly as the tables say", async () => {
    const problems: string[] = [];
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      for (const where of WHERE) {
        const caseId = cases[where].id;
        const read = READ[where][role] ? "allowed" : "refused";
        const write = READ[where][role] && LETTER_WRITERS.includes(role) ? "allowed" : "refused";
        const checks: Array<[string, "allowed" | "refused", () => Promise<unknown>]> = [
          ["letters.list", read, () => caller.letters.list({ caseId })],
          ["letters.pending", read, () => caller.letters.pending({ caseId })],
          ["letters.preview", write, () => caller.letters.preview(letterRequest(caseId))],
          ["letters.previewPdf", write, () => caller.letters.previewPdf(letterRequest(caseId))],
          ["letters.issue", write, () => caller.letters.issue({ ...letterRequest(caseId), byPost: false })],
        ];
        for (const [name, expected, call] of checks) {
          const got = await attempt(call);
          if (got !== expected) problems.push(`${name} ${role} ${where}: ${got}, table says ${expected}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("lists a case's files, and its Ombudsman enquiries, exactly as the read table says; adds files as FILE_ADDERS", async () => {
    const problems: string[] = [];
    const manager = await h.as("complaints-manager");
    // Each case answered an Ombudsman enquiry (the command needs a triaged case).
    for (const where of WHERE) {
      const caseId = cases[where].id;
      const { version } = await manager.cases.get({ caseId });
      const triaged = await manager.command.triage({ caseId, expectedVersion: version, outcome: "accept" }).catch(() => null);
      await manager.command.ombudsmanEnquiry({ caseId, expectedVersion: triaged?.version ?? version, enquiryId: `matrix-${where}`, body: "lgsco", reference: `MX/${where}`, responseDueOn: "2026-12-31" });
    }
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      const listed = new Set((await caller.ombudsman.enquiries({})).enquiries.map((e) => e.caseId));
      for (const where of WHERE) {
        const caseId = cases[where].id;
        if (listed.has(caseId) !== READ[where][role]) problems.push(`ombudsman.enquiries ${role} ${where}: ${listed.has(caseId) ? "listed" : "not listed"}, table says ${READ[where][role] ? "listed" : "not"}`);
        const files = await attempt(() => caller.attachments.list({ caseId }));
        const expected = READ[where][role] ? "allowed" : "refused";
        if (files !== expected) problems.push(`attachments.list ${role} ${where}: ${files}, table says ${expected}`);
        const mayAdd = await caller.attachments.list({ caseId }).then((l) => l.mayAdd, () => false);
        if (mayAdd !== (READ[where][role] && FILE_ADDERS.includes(role))) problems.push(`attachments.list mayAdd ${role} ${where}: ${mayAdd}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("agrees and manages improvement actions, runs resolution plans and records equality monitoring exactly as the tables say", async () => {
    const problems: string[] = [];
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      for (const where of WHERE) {
        const read = READ[where][role];
        const allowedIf = (roles: StaffRole[]) => (read && roles.includes(role) ? "allowed" : "refused");
        const key = { caseId: answered[where].id, stageSequence: 1, actionId: "matrix-action" };
        const plan = { planId: answered[where].planId, expectedVersion: 1 };
        const checks: Array<[string, "allowed" | "refused", () => Promise<unknown>]> = [
          ["improvement.get", read ? "allowed" : "refused", () => caller.improvement.get(key)],
          ["improvement.create", allowedIf(IMPROVEMENT_AGREERS), () => caller.improvement.create({ caseId: key.caseId, description: "Matrix follow-up", ownerId: outsider, dueOn: "2026-12-31" })],
          ["improvement.addMilestone", allowedIf(IMPROVEMENT_MANAGERS), () => caller.improvement.addMilestone({ ...key, description: "Another milestone", dueOn: "2026-12-15" })],
          ["improvement.completeMilestone", allowedIf(IMPROVEMENT_MANAGERS), () => caller.improvement.completeMilestone({ ...key, milestoneId: "m1" })],
          ["improvement.complete", allowedIf(IMPROVEMENT_MANAGERS), () => caller.improvement.complete({ ...key, note: "Matrix done" })],
          ["resolutionPlans.list", read ? "allowed" : "refused", () => caller.resolutionPlans.list({ caseId: key.caseId })],
          ["resolutionPlans.create", allowedIf(PLANNERS), () => caller.resolutionPlans.create({ caseId: key.caseId, summary: "Another plan", ownerId: outsider, tasks: [{ description: "A task", ownerId: outsider, dueOn: "2026-12-31" }] })],
          ["resolutionPlans.addTask", allowedIf(PLANNERS), () => caller.resolutionPlans.addTask({ ...plan, description: "Another task", ownerId: outsider, dueOn: "2026-12-31" })],
          ["resolutionPlans.addCheckpoint", allowedIf(PLANNERS), () => caller.resolutionPlans.addCheckpoint({ ...plan, dueOn: "2026-11-30" })],
          ["resolutionPlans.completeTask", allowedIf(PLANNERS), () => caller.resolutionPlans.completeTask({ ...plan, taskId: "task-1" })],
          ["resolutionPlans.recordCheckpoint", allowedIf(PLANNERS), () => caller.resolutionPlans.recordCheckpoint({ ...plan, checkpointId: "checkpoint-1", onTrack: true })],
          ["resolutionPlans.recordSatisfaction", allowedIf(PLANNERS), () => caller.resolutionPlans.recordSatisfaction({ ...plan, satisfaction: "satisfied" })],
          ["resolutionPlans.abandon", allowedIf(PLANNERS), () => caller.resolutionPlans.abandon({ ...plan, reason: "Matrix" })],
          ["equality.record", allowedIf(EQUALITY_RECORDERS), () => caller.equality.record({ caseId: cases[where].id, consentGivenOn: "2026-03-02", answers: { sex: "prefer-not-to-say" } })],
          ["equality.hasForm", allowedIf(EQUALITY_RECORDERS), () => caller.equality.hasForm({ caseId: cases[where].id })],
          ["equality.withdraw", allowedIf(EQUALITY_RECORDERS), () => caller.equality.withdraw({ caseId: cases[where].id })],
        ];
        for (const [name, expected, call] of checks) {
          const got = await attempt(call);
          if (got !== expected) problems.push(`${name} ${role} ${where}: ${got}, table says ${expected}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("opens the public forms' reads to every role and to nobody signed in alike, and their changes to nobody signed in only", async () => {
    const problems: string[] = [];
    const mine = await (await h.as(null)).public.submit({ kind: "comment", serviceId: "waste", description: "Matrix comment", customer: null, idempotencyKey: "matrix-public-comment" });
    const proof = { reference: mine.reference, trackingCode: mine.trackingCode };
    const calls: Record<string, (c: Caller) => Promise<unknown>> = {
      "public.services": (c) => c.public.services(),
      "public.equalityQuestions": (c) => c.public.equalityQuestions(),
      "public.submit": (c) => c.public.submit({ kind: "comment", serviceId: "waste", description: "Matrix comment", customer: null, idempotencyKey: "matrix-public-comment" }),
      "public.track": (c) => c.public.track(proof),
      "public.letter": (c) => c.public.letter({ ...proof, letterId: "00000000-0000-4000-8000-000000000000" }),
      "public.escalate": (c) => c.public.escalate({ ...proof, expectedVersion: 1, idempotencyKey: "matrix-public-escalate" }),
      "public.equality": (c) => c.public.equality({ ...proof, consent: true, answers: {} }),
    };
    expect(Object.keys(calls).sort()).toEqual([...PUBLIC_FORMS].sort());
    for (const role of [...STAFF_ROLES, null]) {
      for (const [name, call] of Object.entries(calls)) {
        // public.letter: allowed past authorisation, then "no such letter" (a 404 of its own).
        const got = await call(await h.as(role)).then(
          () => "allowed",
          (error: unknown) => (error instanceof TRPCError && (["UNAUTHORIZED", "FORBIDDEN"].includes(error.code) || (error.code === "NOT_FOUND" && name !== "public.letter")) ? "refused" : "allowed"),
        );
        const expected = role !== null && RESIDENT_ACTIONS.has(name) ? "refused" : "allowed";
        if (got !== expected) problems.push(`${name} ${role ?? "anonymous"}: ${got}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it("shows a case through the public forms only to whoever has its reference and tracking code, never by role", async () => {
    const staffCase = await (await h.as("complaints-manager")).cases.get({ caseId: cases.own.id });
    const other = await (await h.as(null)).public.submit({ kind: "comment", serviceId: "waste", description: "Another matrix comment", customer: null, idempotencyKey: "matrix-public-other" });
    for (const role of [...STAFF_ROLES, null]) {
      const caller = await h.as(role);
      // Even a complaints manager gets nothing for a reference with another case's code.
      const refusedTrack = await caller.public.track({ reference: staffCase.reference, trackingCode: other.trackingCode }).then(() => "shown", (e: unknown) => (e instanceof TRPCError ? e.code : "error"));
      expect(refusedTrack, `${role ?? "anonymous"}`).toBe("NOT_FOUND");
      const refusedEscalation = await caller.public.escalate({ reference: staffCase.reference, trackingCode: other.trackingCode, expectedVersion: 1, idempotencyKey: `matrix-steal-${role}` }).then(() => "done", (e: unknown) => (e instanceof TRPCError ? e.code : "error"));
      // Staff are refused before the proof is looked at; anonymous callers get "not found".
      expect(refusedEscalation, `${role ?? "anonymous"}`).toBe(role === null ? "NOT_FOUND" : "FORBIDDEN");
    }
    expect((await (await h.as(null)).public.track({ reference: staffCase.reference, trackingCode: staffCase.trackingCode! })).reference).toBe(staffCase.reference);
  });

  it("answers the other procedures exactly as the table says, and none to anonymous callers", async () => {
    const problems: string[] = [];
    let made = 0;
    const calls: Record<string, (c: Caller) => Promise<unknown>> = {
      "auth.me": (c) => c.auth.me(),
      "auth.logout": (c) => c.auth.logout(),
      "queues.mine": (c) => c.queues.mine({}),
      "queues.team": (c) => c.queues.team({}),
      "queues.directorate": (c) => c.queues.directorate({}),
      "queues.central": (c) => c.queues.central({}),
      "search.cases": (c) => c.search.cases({ quick: "matrix" }),
      "cases.possibleDuplicates": (c) => c.cases.possibleDuplicates({ description: "matrix complaint" }),
      "customers.find": (c) => c.customers.find({ name: "Matrix" }),
      "customers.history": (c) => c.customers.history({ customerId: cases.own.customerId }),
      "customers.conduct": (c) => c.customers.conduct({ customerId: cases.own.customerId }),
      "admin.staff.list": (c) => c.admin.staff.list(),
      "admin.staff.create": (c) => c.admin.staff.create({ email: `matrix-${++made}@example.gov.uk`, name: "Matrix Made", roles: [] }),
      "admin.staff.update": (c) => c.admin.staff.update({ staffId: outsider, name: "Other Officer" }),
      "admin.staff.setRoles": (c) => c.admin.staff.setRoles({ staffId: outsider, roles: [{ role: "investigating-officer", directorateId: h.council.ids.directorates.get("housing")! }] }),
      "admin.staff.resetPassword": (c) => c.admin.staff.resetPassword({ staffId: outsider, password: PASSWORD }),
      "admin.staff.unlock": (c) => c.admin.staff.unlock({ staffId: outsider }),
      "admin.staff.import": (c) => c.admin.staff.import({ csv: "name,email,role,directorate\nMatrix Import,matrix-import@example.gov.uk,legal,\n", dryRun: true }),
      "admin.staff.importTemplate": (c) => c.admin.staff.importTemplate(),
      "admin.singleSignOn.get": (c) => c.admin.singleSignOn.get(),
      "admin.singleSignOn.set": (c) => c.admin.singleSignOn.set({ groupRoles: [], contact: null, reason: "Matrix" }),
      "admin.organisation": (c) => c.admin.organisation(),
      "admin.profile.get": (c) => c.admin.profile.get(),
      "admin.profile.update": async (c) => c.admin.profile.update({ profile: (await (await h.as("administrator")).admin.profile.get()).profile as Record<string, unknown>, reason: "Matrix", recalculateOpenCases: false }),
      "admin.calendar.setClosureDays": (c) => c.admin.calendar.setClosureDays({ closures: [{ date: "2026-12-29", label: "Council closure day" }], reason: "Matrix" }),
      "admin.plugins.setForService": (c) => c.admin.plugins.setForService({ serviceId: "waste", plugins: [], reason: "Matrix" }),
      "admin.apiKeys.list": (c) => c.admin.apiKeys.list(),
      "admin.apiKeys.create": (c) => c.admin.apiKeys.create({ name: "Matrix", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:read"] }),
      "admin.apiKeys.revoke": async (c) => c.admin.apiKeys.revoke({ keyId: (await (await h.as("administrator")).admin.apiKeys.create({ name: "To revoke", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:read"] })).id }),
      "admin.roleRequests.list": (c) => c.admin.roleRequests.list(),
      "audit.adminEvents": (c) => c.audit.adminEvents({ limit: 10 }),
      "audit.verify": (c) => c.audit.verify(),
      "integration.services": (c) => c.integration.services(),
      "integration.createCase": (c) => c.integration.createCase({ kind: "complaint", channel: "web", serviceId: "council-tax", description: "Matrix", customer: null, idempotencyKey: "matrix-key-1" }),
      "integration.caseStatus": (c) => c.integration.caseStatus({ reference: "EXB-2026-000001" }),
      "notifications.mine": (c) => c.notifications.mine({}),
      "notifications.outbox": (c) => c.notifications.outbox({}),
      "letters.pending": (c) => c.letters.pending({}),
      "letters.printBatch.build": (c) => c.letters.printBatch.build({}),
      "letters.printBatch.list": (c) => c.letters.printBatch.list({}),
      "letters.printBatch.confirm": (c) => c.letters.printBatch.confirm({ batchId }),
      "letters.printBatch.cancel": (c) => c.letters.printBatch.cancel({ batchId }),
      "letters.printBatch.waiting": (c) => c.letters.printBatch.waiting({}),
      "ombudsman.enquiries": (c) => c.ombudsman.enquiries({}),
      "reports.options": (c) => c.reports.options(),
      "reports.annual": (c) => c.reports.annual({ from: "2026-01-01", to: "2026-12-31" }),
      "reports.housing": (c) => c.reports.housing({}),
      "reports.socialCare": (c) => c.reports.socialCare({ from: "2026-01-01", to: "2026-12-31" }),
      "reports.lessons": (c) => c.reports.lessons({ from: "2026-01-01", to: "2026-12-31" }),
      "improvement.list": (c) => c.improvement.list({}),
      "improvement.owners": (c) => c.improvement.owners(),
      "quality.samples.list": (c) => c.quality.samples.list({}),
      "quality.samples.draw": (c) => c.quality.samples.draw({ serviceCode: "waste", month: "2026-03", share: 0.5 }),
      "quality.samples.get": (c) => c.quality.samples.get({ sampleId: qa.sampleId }),
      "quality.rubric": (c) => c.quality.rubric({ sampleId: qa.sampleId, caseId: qa.caseId, stageSequence: 1 }),
      "quality.review": (c) => c.quality.review({ sampleId: qa.sampleId, caseId: qa.caseId, stageSequence: 1, answers: {} }),
      "quality.reviews.get": (c) => c.quality.reviews.get({ reviewId: qa.reviewId }),
      "quality.findings.add": (c) => c.quality.findings.add({ reviewId: qa.reviewId, finding: "Another matrix finding", risk: "medium" }),
      "quality.remedialActions.list": (c) => c.quality.remedialActions.list({}),
      "quality.remedialActions.add": (c) => c.quality.remedialActions.add({ findingId: qa.findingId, description: "Another remedy", ownerId: outsider, dueOn: "2026-12-31" }),
      "quality.remedialActions.complete": (c) => c.quality.remedialActions.complete({ remedialActionId: qa.remedialActionId }),
      "quality.remedialActions.checkImprovement": (c) => c.quality.remedialActions.checkImprovement({ remedialActionId: qa.remedialActionId, improved: true }),
      "quality.scores": (c) => c.quality.scores({ from: "2026-01-01", to: "2026-12-31" }),
      "equality.questions": (c) => c.equality.questions(),
      "equality.report": (c) => c.equality.report({ from: "2026-01-01", to: "2026-12-31" }),
      "customers.conductCommand": (c) => c.customers.conductCommand({ customerId: cases.own.customerId, expectedVersion: 99, command: { type: "refer", evidence: "Matrix evidence of behaviour" } }),
    };
    for (const [name, allowedRoles] of Object.entries(GENERAL)) {
      for (const role of STAFF_ROLES) {
        const expected = allowedRoles.includes(role) ? "allowed" : "refused";
        const got = await attempt(async () => calls[name]!(await h.as(role))).catch((error: unknown) => {
          throw new Error(`${name} as ${role}: ${error instanceof Error ? error.message : String(error)}`);
        });
        if (got !== expected) problems.push(`${name} ${role}: ${got}, table says ${expected}`);
      }
      const anonymous = await attempt(async () => calls[name]!(await h.as(null)));
      if (anonymous !== "refused") problems.push(`${name} anonymous: ${anonymous}`);
    }
    expect(problems).toEqual([]);
  });
});
