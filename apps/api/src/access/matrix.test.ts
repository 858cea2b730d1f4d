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
import { inboundMailRepository, organisationRepository } from "@complaints/db";
import { createContextInner } from "../context.js";
import { addAttachment } from "../services/attachments.js";
import { createApp } from "../server.js";
import { Browser, listen } from "../../test/browser.js";
import type { StaffPrincipal } from "./principal.js";

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
  // The DCRO acts on its directorate's restricted cases (Leeds paras 28, 38, 53; issue 16's audit).
  "own-restricted": row(N, N, Y, Y, Y, Y, N, Y, N, N),
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
  // Run by the system when the outbox marks a message sent (decision 0322): no member of staff.
  recordCorrespondenceSent: [],
  transfer: [DCRO, CM, HOS],
  recategorise: [IO, DCRO, CM, HOS],
  editDetails: [CSO, IO, DCRO, CM],
  referClaim: [IO, DCRO, CM],
  recordNotInvestigated: [IO, DCRO, CM],
  // Approvals (decision 0324): asked for by whoever may respond; decided by those who may hold a delegated limit.
  requestApproval: [IO, DCRO, CM, HOS, DIR, LEGAL],
  decideApproval: [IO, DCRO, CM, HOS, DIR],
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
  "queues.approvals": ALL_STAFF,
  "search.cases": ALL_STAFF,
  "cases.possibleDuplicates": ALL_STAFF,
  /** Bulk actions answer every caller case by case; each case's own access is checked as for one case (services/bulk.test.ts). */
  "cases.bulk": ALL_STAFF,
  /** Saved views and the handler list are the caller's own working tools (services/queue-views.test.ts). */
  "queues.handlers": ALL_STAFF,
  "queues.views.list": ALL_STAFF,
  "queues.views.save": ALL_STAFF,
  "queues.views.delete": ALL_STAFF,
  "customers.find": READERS,
  "customers.history": READERS,
  "customers.conduct": READERS,
  "customers.conductCommand": [DCRO, CM, HOS, DIR],
  /** How a customer is written to (issue 15): read through their cases; changed by those who speak with residents. */
  "customers.contact": READERS,
  "customers.updateContact": [CSO, IO, DCRO, CM],
  "notifications.mine": ALL_STAFF,
  "notifications.outbox": [DCRO, CM, "administrator"],
  "inbound.list": [CM],
  "inbound.status": [CM],
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
  "admin.profile.preview": ["administrator"],
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
  /** The satisfaction survey's aggregate (decision 0516): the same oversight readers. */
  "satisfaction.report": [CM, "quality-assurance", "auditor"],
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
/** Who may resend a failed message to the resident, or mark it resolved (policy.ts CORRESPONDENCE_SENDERS). */
const CORRESPONDENCE_SENDERS: StaffRole[] = [CSO, IO, DCRO, CM, HOS, DIR];
/** Per case: who may add files (besides the case's handler); everyone who reads it reads its files. */
const FILE_ADDERS: StaffRole[] = [CSO, IO, DCRO, CM, HOS, DIR, LEGAL];
/** Per case: who may agree improvement actions (the case command), and who may then manage them (besides their owner). */
const IMPROVEMENT_AGREERS: StaffRole[] = [IO, DCRO, CM, HOS, DIR];
const IMPROVEMENT_MANAGERS: StaffRole[] = [DCRO, CM, HOS, DIR];
/** Per case: who may make and run resolution plans (besides the case's handler). */
const PLANNERS: StaffRole[] = [IO, DCRO, CM, HOS];
/** Per case: who may change how the customer or representative is written to (besides the case's handler). */
const CONTACT_EDITORS: StaffRole[] = [CSO, IO, DCRO, CM];
/** Per case: who may merge a duplicate into another case or split a complaint (as triage), and who may link related cases (decision 0106). */
const MERGERS: StaffRole[] = [CSO, DCRO, CM];
const LINKERS: StaffRole[] = [CSO, IO, DCRO, CM];
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
  "cases.contacts",
  "cases.updateContact",
  "cases.assignees",
  "cases.previewExtension",
  "caseLinks.list",
  "caseLinks.merge",
  "caseLinks.link",
  "caseLinks.unlink",
  "caseLinks.split",
];
/** Open to anyone, signed in or not. */
const PUBLIC = ["health.live", "health.ready", "auth.methods", "auth.login"];
/**
 * The public forms: a case is shown (or changed) only for its reference and tracking code,
 * never by role; that is the second test of the public forms below. What they show is open to
 * everyone, signed in or not; what changes a case (RESIDENT_ACTIONS) is the resident's alone:
 * a signed-in staff session is refused, so no role acts as the resident (issue 20, finding 7).
 */
const PUBLIC_FORMS = ["public.services", "public.equalityQuestions", "public.accessibilityStatement", "public.privacyNotice", "public.howWeHandleComplaints", "public.submit", "public.track", "public.letter", "public.escalate", "public.equality", "public.survey", "public.answerSurvey", "public.draft", "public.saveDraft"];
const RESIDENT_ACTIONS = new Set(["public.submit", "public.escalate", "public.equality", "public.answerSurvey", "public.saveDraft"]);
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
  /** Each case's reference, for the procedures that name the other case by it (caseLinks.*). */
  const references = new Map<string, string>();
  const referenceOf = async (caseId: string) => references.get(caseId)!;
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
      const { caseId, reference } = await manager.cases.log({
        kind: "complaint",
        channel: "email",
        serviceId: where.startsWith("own") ? "council-tax" : "waste",
        description: `A ${where} complaint for the matrix`,
        flags: where.endsWith("restricted") ? ["safeguarding"] : [],
        customer: { fullName: `Matrix ${where}`, email: `${where}@example.com` },
      });
      references.set(caseId, reference);
      const detail = await manager.cases.get({ caseId });
      cases[where] = { id: caseId, customerId: detail.customer!.id };
    }
    // A print batch holding one letter of the own-directorate case, for confirm and cancel.
    await manager.letters.issue({ ...letterRequest(cases.own.id), byPost: true });
    // The sender puts letters by post in the print room (decision 0318).
    await h.deps.notifier.deliverPending();
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
      "letters.forStep",
      "letters.preview",
      "letters.previewPdf",
      "letters.issue",
      "correspondence.list",
      "correspondence.resend",
      "correspondence.resolve",
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
      ombudsmanResponse: { enquiryId: "o1", approvalId: "matrix-approval" },
      ombudsmanDecision: { enquiryId: "o1", finding: "no-fault", injustice: false, summary: "Matrix" },
      ombudsmanRemedyComplied: { enquiryId: "o1", remedyId: "r" },
      ombudsmanSatisfied: { enquiryId: "o1" },
      recalculateDeadlines: { reason: "Matrix" },
      recordCorrespondenceSent: { stageId: "stage-1", purpose: "acknowledgement", channel: "email", sentAt: "2026-03-02T10:00:00Z" },
      // Refused by core once access is granted, so no case leaves its place in the matrix.
      transfer: { serviceId: "matrix-nowhere", reason: "Matrix" },
      recategorise: { reason: "Matrix" },
      editDetails: {},
      referClaim: { basis: "damages", details: "Matrix" },
      recordNotInvestigated: { reason: "Matrix" },
      requestApproval: { approvalId: "matrix-approval", enquiryId: "o1" },
      decideApproval: { approvalId: "matrix-approval", decision: "approve" },
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
          ["letters.forStep", read, () => caller.letters.forStep({ caseId, command: "acknowledge" })],
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

  it("lists a case's correspondence to those who read it, and resends or resolves it as CORRESPONDENCE_SENDERS", async () => {
    const problems: string[] = [];
    // One message to each case's resident, still queued: resending it is refused as not failed (422), past the access check.
    const message = {} as Record<Where, number>;
    for (const where of WHERE) {
      const [outboxId] = await h.deps.notifier.enqueue(h.db.db, [
        {
          councilId: h.council.councilId,
          caseId: cases[where].id,
          kind: "correspondence",
          recipient: { party: "customer", name: "Matrix Resident", email: `${where}@example.com` },
          payload: { channel: "email", purpose: "other", stageId: null, reference: "MATRIX", language: "en", subject: "Matrix", text: "Matrix" },
          dedupeKey: `other:${cases[where].id}:-:email:matrix`,
        },
      ]);
      message[where] = outboxId!;
    }
    for (const role of STAFF_ROLES) {
      const caller = await h.as(role);
      for (const where of WHERE) {
        const caseId = cases[where].id;
        const key = { caseId, outboxId: message[where] };
        const read = READ[where][role] ? "allowed" : "refused";
        const write = READ[where][role] && CORRESPONDENCE_SENDERS.includes(role) ? "allowed" : "refused";
        const checks: Array<[string, "allowed" | "refused", () => Promise<unknown>]> = [
          ["correspondence.list", read, () => caller.correspondence.list({ caseId })],
          ["correspondence.resend", write, () => caller.correspondence.resend(key)],
          ["correspondence.resolve", write, () => caller.correspondence.resolve({ ...key, resolution: "Sent by post" })],
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
          ["cases.contacts", read ? "allowed" : "refused", () => caller.cases.contacts({ caseId: cases[where].id })],
          ["cases.updateContact", allowedIf(CONTACT_EDITORS), () => caller.cases.updateContact({ caseId: cases[where].id, party: "customer", details: { contactChannel: "email", email: `${where}@example.com`, note: `Matrix ${role}` } })],
          // Who may take the case: asked by those who may assign it (issue 16).
          ["cases.assignees", allowedIf(COMMANDS.assign!), () => caller.cases.assignees({ caseId: cases[where].id })],
          ["cases.previewExtension", allowedIf(COMMANDS.extend!), () => caller.cases.previewExtension({ caseId: cases[where].id, workingDays: 1, reason: "Matrix", ombudsmanDetailsGiven: true })],
          // Each pair names the case itself as the other: past the permission check core refuses it, so no case changes.
          ["caseLinks.list", read ? "allowed" : "refused", () => caller.caseLinks.list({ caseId: cases[where].id })],
          ["caseLinks.merge", allowedIf(MERGERS), async () => caller.caseLinks.merge({ caseId: cases[where].id, expectedVersion: 1, reference: await referenceOf(cases[where].id) })],
          ["caseLinks.link", allowedIf(LINKERS), async () => caller.caseLinks.link({ caseId: cases[where].id, expectedVersion: 1, reference: await referenceOf(cases[where].id) })],
          ["caseLinks.unlink", allowedIf(LINKERS), async () => caller.caseLinks.unlink({ caseId: cases[where].id, expectedVersion: 1, reference: await referenceOf(cases[where].id) })],
          ["caseLinks.split", allowedIf(MERGERS), () => caller.caseLinks.split({ caseId: cases[where].id, expectedVersion: 1, serviceId: "waste", description: "Matrix" })],
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
      "public.accessibilityStatement": (c) => c.public.accessibilityStatement(),
      "public.privacyNotice": (c) => c.public.privacyNotice(),
      "public.howWeHandleComplaints": (c) => c.public.howWeHandleComplaints(),
      "public.submit": (c) => c.public.submit({ kind: "comment", serviceId: "waste", description: "Matrix comment", customer: null, idempotencyKey: "matrix-public-comment" }),
      "public.track": (c) => c.public.track(proof),
      "public.letter": (c) => c.public.letter({ ...proof, letterId: "00000000-0000-4000-8000-000000000000" }),
      "public.escalate": (c) => c.public.escalate({ ...proof, expectedVersion: 1, idempotencyKey: "matrix-public-escalate" }),
      "public.equality": (c) => c.public.equality({ ...proof, consent: true, answers: {} }),
      "public.survey": (c) => c.public.survey({ token: "A".repeat(32) }),
      "public.answerSurvey": (c) => c.public.answerSurvey({ token: "A".repeat(32), answers: { handling: "neither" } }),
      "public.draft": (c) => c.public.draft({ token: "A".repeat(43) }),
      "public.saveDraft": (c) => c.public.saveDraft({ token: null, answers: { kind: "comment" }, sent: false }),
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
      "queues.approvals": (c) => c.queues.approvals(),
      "search.cases": (c) => c.search.cases({ quick: "matrix" }),
      "cases.possibleDuplicates": (c) => c.cases.possibleDuplicates({ description: "matrix complaint" }),
      // A version no case has: each case is refused after its access check, so nothing changes.
      "cases.bulk": (c) => c.cases.bulk({ action: "assign", cases: [{ caseId: cases.own.id, expectedVersion: 2_000_000_000 }], payload: { handlerId: outsider } }),
      "queues.handlers": (c) => c.queues.handlers(),
      "queues.views.list": (c) => c.queues.views.list(),
      "queues.views.save": (c) => c.queues.views.save({ name: `Matrix view ${++made}`, filters: { queue: "mine" } }),
      // Nobody's view: refused as "not found" would read as no access, so the caller's own is deleted.
      "queues.views.delete": async (c) => c.queues.views.delete({ viewId: (await c.queues.views.save({ name: `Matrix doomed ${++made}`, filters: { queue: "mine" } })).id }),
      "customers.find": (c) => c.customers.find({ name: "Matrix" }),
      "customers.history": (c) => c.customers.history({ customerId: cases.own.customerId }),
      "customers.conduct": (c) => c.customers.conduct({ customerId: cases.own.customerId }),
      "customers.contact": (c) => c.customers.contact({ customerId: cases.own.customerId }),
      "customers.updateContact": (c) => c.customers.updateContact({ customerId: cases.own.customerId, details: { contactChannel: "email", email: "own@example.com" } }),
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
      "admin.profile.preview": async (c) => c.admin.profile.preview({ profile: (await (await h.as("administrator")).admin.profile.get()).profile }),
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
      "inbound.list": (c) => c.inbound.list({}),
      "inbound.status": (c) => c.inbound.status(),
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
      "satisfaction.report": (c) => c.satisfaction.report({ from: "2026-01-01", to: "2026-12-31" }),
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

/**
 * Two councils on one server (issue 14): no request of one council's staff, API keys or public
 * forms reaches the other's data. Exampleton ("A") holds cases, letters, files, plans, quality
 * checks, an API key and a role request; Leeds ("B") is installed beside it with the same
 * services and the same reference prefix, so the two councils' first cases share a reference.
 * Every procedure of the API is called by every role of Leeds with Exampleton's ids: one that
 * names something of Exampleton's must be refused, and nothing any of them answers may mention
 * anything of Exampleton's (its ids, its customers, its council).
 */
describe("authorisation matrix: two councils on one server", () => {
  let h: Harness;
  let leeds: Awaited<ReturnType<Harness["addCouncil"]>>;
  let server: { base: string; close: () => Promise<void> };
  const a = {} as {
    caseId: string;
    restrictedId: string;
    answeredId: string;
    planId: string;
    customerId: string;
    reference: string;
    trackingCode: string;
    letterId: string;
    attachmentId: string;
    batchId: string;
    keyId: string;
    sampleId: string;
    reviewId: string;
    findingId: string;
    remedialActionId: string;
    roleRequestId: string;
    outsider: string;
    viewId: string;
  };
  /** Everything of Exampleton's that must never appear in an answer to Leeds. */
  const markers: string[] = [];
  const leedsAs = async (role: StaffRole) => h.asPrincipal(await h.principal(`leeds:${role}`), undefined, { host: "leeds.localhost" });

  beforeAll(async () => {
    h = await openHarness({
      config: { publicForms: { ...defaultConfig().publicForms, requestsPerIp: 100_000, lookupFailuresPerIp: 100_000, submissionsPerIp: 100_000 } },
      extraStaff: [{ key: "outsider", name: "Other Officer", email: "outsider@example.gov.uk", password: PASSWORD, roles: [{ role: "investigating-officer", directorate: "housing" }] }],
    });
    await organisationRepository.setCouncilHosts(h.db.db, h.council.councilId, ["exampleton.localhost"], h.clock.now());
    leeds = await h.addCouncil({ slug: "leeds", name: "Leeds Test Council", referencePrefix: "EXB", hosts: ["leeds.localhost"] });
    a.outsider = h.staffIds.get("outsider")!;
    const manager = await h.as("complaints-manager");
    const logged = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "council-tax", description: "Exampleton-only complaint", customer: { fullName: "Exampleton Resident", email: "exampleton.resident@example.com" } });
    a.caseId = logged.caseId;
    const detail = await manager.cases.get({ caseId: a.caseId });
    a.customerId = detail.customer!.id;
    a.reference = detail.reference;
    a.trackingCode = detail.trackingCode!;
    a.restrictedId = (await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "waste", description: "Exampleton-only restricted", flags: ["safeguarding"], customer: null })).caseId;
    a.letterId = (await manager.letters.issue({ ...letterRequest(a.caseId), byPost: true })).letterId;
    await h.deps.notifier.deliverPending();
    a.batchId = (await manager.letters.printBatch.build({})).batch!.batchId;
    a.viewId = (await manager.queues.views.save({ name: "Exampleton view", filters: { queue: "central" }, share: "nobody" })).id;
    // An email Exampleton's mailbox received: Leeds's complaints managers never see it.
    await inboundMailRepository.record(h.db.db, { councilId: h.council.councilId, messageKey: "<matrix@example.com>", messageId: "<matrix@example.com>", receivedAt: h.clock.now(), sentAt: null, fromAddress: "exampleton.resident@example.com", fromName: "Exampleton Resident", subject: "Exampleton email", outcome: "added-to-case", reason: null, caseId: a.caseId, quotedReference: null });
    a.attachmentId = (await addAttachment(createContextInner({ deps: h.deps }), (await h.principal("complaints-manager")) as StaffPrincipal, { caseId: a.caseId, fileName: "exampleton.txt", mediaType: "text/plain", content: new TextEncoder().encode("Exampleton only") })).attachmentId;
    const answeredA = await answeredCase(manager, { description: "Exampleton-only answered", customer: null, learning: { rootCause: "Matrix", improvementActions: [{ id: "matrix-action", description: "Exampleton action", ownerId: a.outsider, dueOn: "2026-12-31" }] } });
    a.answeredId = answeredA.caseId;
    a.planId = (await manager.resolutionPlans.create({ caseId: a.answeredId, summary: "Exampleton plan", ownerId: a.outsider, tasks: [{ description: "Exampleton task", ownerId: a.outsider, dueOn: "2026-12-31" }], checkpoints: [{ dueOn: "2026-12-01" }] })).id;
    a.sampleId = (await manager.quality.samples.draw({ serviceCode: "council-tax", month: "2026-03", share: 1 })).sampleId;
    const { rubric } = await manager.quality.rubric({ sampleId: a.sampleId, caseId: a.answeredId, stageSequence: 1 });
    const answers = Object.fromEntries(rubric.criteria.filter((c) => !c.auto).map((c) => [c.id, { answer: "met" as const }]));
    const reviewed = await manager.quality.review({ sampleId: a.sampleId, caseId: a.answeredId, stageSequence: 1, answers, findings: [{ finding: "Exampleton finding", risk: "low" }] });
    a.reviewId = reviewed.reviewId;
    a.findingId = reviewed.findingIds[0]!;
    a.remedialActionId = (await manager.quality.remedialActions.add({ findingId: a.findingId, description: "Exampleton remedy", ownerId: a.outsider, dueOn: "2026-12-31" })).remedialActionId;
    const adminA = await h.as("administrator");
    a.keyId = (await adminA.admin.apiKeys.create({ name: "Exampleton key", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:create", "cases:read"] })).id;
    const adminId = h.staffIds.get("administrator")!;
    a.roleRequestId = (await adminA.admin.staff.setRoles({ staffId: adminId, roles: [{ role: "administrator", directorateId: null }, { role: "complaints-manager", directorateId: null }] })).pendingRequestId!;
    // Leeds's own first case: the same reference as Exampleton's first.
    const leedsCase = await (await leedsAs("complaints-manager")).cases.log({ kind: "complaint", channel: "email", serviceId: "council-tax", description: "Leeds complaint", customer: { fullName: "Leeds Resident", email: "leeds.resident@example.com" } });
    expect(leedsCase.reference).toBe(a.reference);

    const exampletonStaff = [...h.staffIds].filter(([key]) => !key.startsWith("leeds:")).map(([, id]) => id);
    markers.push(
      h.council.councilId,
      ...h.council.ids.directorates.values(),
      ...h.council.ids.services.values(),
      ...exampletonStaff,
      ...Object.values(a).filter((v) => v !== a.reference && v !== a.trackingCode),
      "Exampleton",
      "exampleton.resident@example.com",
    );
    server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  /** Each procedure, called by Leeds staff with Exampleton's ids where it takes any. */
  const calls = (): Record<string, { names: boolean; call: (c: Caller) => Promise<unknown> }> => {
    const caseId = a.caseId;
    const plan = { planId: a.planId, expectedVersion: 1 };
    const action = { caseId: a.answeredId, stageSequence: 1, actionId: "matrix-action" };
    const names = (call: (c: Caller) => Promise<unknown>) => ({ names: true, call });
    const lists = (call: (c: Caller) => Promise<unknown>) => ({ names: false, call });
    const corporateB = leeds.ids.directorates.get("corporate")!;
    return {
      "auth.me": lists((c) => c.auth.me()),
      "cases.get": names((c) => c.cases.get({ caseId })),
      "cases.accessLog": names((c) => c.cases.accessLog({ caseId })),
      "cases.log": lists((c) => c.cases.log({ kind: "complaint", channel: "web", serviceId: "council-tax", description: "Leeds matrix", customer: null })),
      "cases.possibleDuplicates": lists((c) => c.cases.possibleDuplicates({ description: "Exampleton-only complaint", email: "exampleton.resident@example.com" })),
      // Answered case by case: Exampleton's case comes back "no such case", without even its id.
      "cases.bulk": lists((c) => c.cases.bulk({ action: "issue-letters", cases: [{ caseId, expectedVersion: 1 }] })),
      "queues.handlers": lists((c) => c.queues.handlers()),
      "queues.views.list": lists((c) => c.queues.views.list()),
      "queues.views.save": lists((c) => c.queues.views.save({ name: `Leeds view ${Math.random().toString(36).slice(2)}`, filters: { queue: "mine" } })),
      "queues.views.delete": names((c) => c.queues.views.delete({ viewId: a.viewId })),
      ...Object.fromEntries(Object.keys(COMMANDS).map((name) => [`command.${name}`, names((c) => (c.command as unknown as Record<string, (input: unknown) => Promise<unknown>>)[name]!({ caseId, expectedVersion: 1, reason: "Matrix", outcome: "accept" }))])),
      "queues.mine": lists((c) => c.queues.mine({})),
      "queues.team": lists((c) => c.queues.team({})),
      "queues.directorate": lists((c) => c.queues.directorate({})),
      "queues.central": lists((c) => c.queues.central({})),
      "queues.approvals": lists((c) => c.queues.approvals()),
      "search.cases": lists((c) => c.search.cases({ quick: "exampleton.resident@example.com" })),
      "customers.find": lists((c) => c.customers.find({ name: "Exampleton Resident" })),
      "customers.history": names((c) => c.customers.history({ customerId: a.customerId })),
      "customers.conduct": names((c) => c.customers.conduct({ customerId: a.customerId })),
      "customers.contact": names((c) => c.customers.contact({ customerId: a.customerId })),
      "customers.updateContact": names((c) => c.customers.updateContact({ customerId: a.customerId, details: { contactChannel: "post", address: "1 Taken Road", postcode: "LS1 1AA" } })),
      "cases.contacts": names((c) => c.cases.contacts({ caseId })),
      "cases.assignees": names((c) => c.cases.assignees({ caseId })),
      "cases.previewExtension": names((c) => c.cases.previewExtension({ caseId, workingDays: 1, reason: "Matrix", ombudsmanDetailsGiven: true })),
      "cases.updateContact": names((c) => c.cases.updateContact({ caseId, party: "customer", details: { contactChannel: "post", address: "1 Taken Road", postcode: "LS1 1AA" } })),
      "customers.conductCommand": names((c) => c.customers.conductCommand({ customerId: a.customerId, expectedVersion: 0, command: { type: "refer", evidence: "Matrix evidence of behaviour" } })),
      "notifications.mine": lists((c) => c.notifications.mine({})),
      "notifications.outbox": lists((c) => c.notifications.outbox({})),
      "inbound.list": lists((c) => c.inbound.list({})),
      "inbound.status": lists((c) => c.inbound.status()),
      "admin.staff.list": lists((c) => c.admin.staff.list()),
      "admin.staff.create": lists((c) => c.admin.staff.create({ email: `leeds-made-${Math.random().toString(36).slice(2)}@example.gov.uk`, name: "Leeds Made", roles: [] })),
      "admin.staff.update": names((c) => c.admin.staff.update({ staffId: a.outsider, name: "Taken Over" })),
      "admin.staff.setRoles": names((c) => c.admin.staff.setRoles({ staffId: a.outsider, roles: [{ role: "investigating-officer", directorateId: corporateB }] })),
      "admin.staff.resetPassword": names((c) => c.admin.staff.resetPassword({ staffId: a.outsider, password: PASSWORD })),
      "admin.staff.unlock": names((c) => c.admin.staff.unlock({ staffId: a.outsider })),
      "admin.staff.import": lists((c) => c.admin.staff.import({ csv: "name,email,job title,team,role,directorate\nLeeds Import,leeds.import@example.gov.uk,,,investigating-officer,corporate\n", dryRun: true })),
      "admin.staff.importTemplate": lists((c) => c.admin.staff.importTemplate()),
      "admin.singleSignOn.get": lists((c) => c.admin.singleSignOn.get()),
      "admin.singleSignOn.set": lists((c) => c.admin.singleSignOn.set({ groupRoles: [{ group: "sg-leeds-officers", role: "investigating-officer", directorate: "corporate" }], contact: null, reason: "Matrix" })),
      "admin.roleRequests.list": lists((c) => c.admin.roleRequests.list()),
      "admin.roleRequests.decide": names((c) => c.admin.roleRequests.decide({ requestId: a.roleRequestId, decision: "approved" })),
      "admin.organisation": lists((c) => c.admin.organisation()),
      "admin.profile.get": lists((c) => c.admin.profile.get()),
      "admin.profile.update": lists(async (c) => c.admin.profile.update({ profile: (await (await leedsAs("administrator")).admin.profile.get()).profile as Record<string, unknown>, reason: "Matrix", recalculateOpenCases: false })),
      "admin.profile.preview": lists(async (c) => c.admin.profile.preview({ profile: (await (await leedsAs("administrator")).admin.profile.get()).profile })),
      "admin.calendar.setClosureDays": lists((c) => c.admin.calendar.setClosureDays({ closures: [{ date: "2026-12-29", label: "Leeds closure day" }], reason: "Matrix" })),
      "admin.plugins.setForService": lists((c) => c.admin.plugins.setForService({ serviceId: "waste", plugins: [], reason: "Matrix" })),
      "admin.apiKeys.list": lists((c) => c.admin.apiKeys.list()),
      "admin.apiKeys.create": names((c) => c.admin.apiKeys.create({ name: "Leeds key", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:read"] })),
      "admin.apiKeys.revoke": names((c) => c.admin.apiKeys.revoke({ keyId: a.keyId })),
      "audit.adminEvents": lists((c) => c.audit.adminEvents({ limit: 100 })),
      "audit.verify": lists((c) => c.audit.verify()),
      "integration.services": lists((c) => c.integration.services()),
      "integration.createCase": lists((c) => c.integration.createCase({ kind: "complaint", channel: "web", serviceId: "council-tax", description: "Leeds matrix", customer: null, idempotencyKey: `leeds-${Math.random()}` })),
      "integration.caseStatus": lists((c) => c.integration.caseStatus({ reference: a.reference })),
      "letters.pending": names((c) => c.letters.pending({ caseId })),
      "letters.list": names((c) => c.letters.list({ caseId })),
      "letters.forStep": names((c) => c.letters.forStep({ caseId, command: "acknowledge" })),
      "letters.preview": names((c) => c.letters.preview(letterRequest(caseId))),
      "letters.previewPdf": names((c) => c.letters.previewPdf(letterRequest(caseId))),
      "letters.issue": names((c) => c.letters.issue({ ...letterRequest(caseId), byPost: false })),
      "correspondence.list": names((c) => c.correspondence.list({ caseId })),
      "correspondence.resend": names((c) => c.correspondence.resend({ caseId, outboxId: 1 })),
      "correspondence.resolve": names((c) => c.correspondence.resolve({ caseId, outboxId: 1, resolution: "Taken over" })),
      "letters.printBatch.waiting": lists((c) => c.letters.printBatch.waiting({})),
      "letters.printBatch.build": lists((c) => c.letters.printBatch.build({})),
      "letters.printBatch.list": lists((c) => c.letters.printBatch.list({})),
      "letters.printBatch.confirm": names((c) => c.letters.printBatch.confirm({ batchId: a.batchId })),
      "letters.printBatch.cancel": names((c) => c.letters.printBatch.cancel({ batchId: a.batchId })),
      "attachments.list": names((c) => c.attachments.list({ caseId })),
      "ombudsman.enquiries": lists((c) => c.ombudsman.enquiries({})),
      "reports.options": lists((c) => c.reports.options()),
      "reports.annual": lists((c) => c.reports.annual({ from: "2026-01-01", to: "2026-12-31" })),
      "reports.housing": lists((c) => c.reports.housing({})),
      "reports.socialCare": lists((c) => c.reports.socialCare({ from: "2026-01-01", to: "2026-12-31" })),
      "reports.lessons": lists((c) => c.reports.lessons({ from: "2026-01-01", to: "2026-12-31" })),
      "improvement.list": lists((c) => c.improvement.list({})),
      "improvement.owners": lists((c) => c.improvement.owners()),
      "improvement.get": names((c) => c.improvement.get(action)),
      "improvement.create": names((c) => c.improvement.create({ caseId: a.answeredId, description: "Leeds follow-up", ownerId: a.outsider, dueOn: "2026-12-31" })),
      "improvement.addMilestone": names((c) => c.improvement.addMilestone({ ...action, description: "Leeds milestone", dueOn: "2026-12-15" })),
      "improvement.completeMilestone": names((c) => c.improvement.completeMilestone({ ...action, milestoneId: "m1" })),
      "improvement.complete": names((c) => c.improvement.complete({ ...action, note: "Leeds done" })),
      "caseLinks.list": names((c) => c.caseLinks.list({ caseId })),
      "caseLinks.merge": names((c) => c.caseLinks.merge({ caseId, expectedVersion: 1, reference: a.reference })),
      "caseLinks.link": names((c) => c.caseLinks.link({ caseId, expectedVersion: 1, reference: a.reference })),
      "caseLinks.unlink": names((c) => c.caseLinks.unlink({ caseId, expectedVersion: 1, reference: a.reference })),
      "caseLinks.split": names((c) => c.caseLinks.split({ caseId, expectedVersion: 1, serviceId: "waste", description: "Leeds matrix" })),
      "resolutionPlans.list": names((c) => c.resolutionPlans.list({ caseId: a.answeredId })),
      "resolutionPlans.create": names((c) => c.resolutionPlans.create({ caseId: a.answeredId, summary: "Leeds plan", ownerId: a.outsider, tasks: [{ description: "A task", ownerId: a.outsider, dueOn: "2026-12-31" }] })),
      "resolutionPlans.addTask": names((c) => c.resolutionPlans.addTask({ ...plan, description: "Leeds task", ownerId: a.outsider, dueOn: "2026-12-31" })),
      "resolutionPlans.addCheckpoint": names((c) => c.resolutionPlans.addCheckpoint({ ...plan, dueOn: "2026-11-30" })),
      "resolutionPlans.completeTask": names((c) => c.resolutionPlans.completeTask({ ...plan, taskId: "task-1" })),
      "resolutionPlans.recordCheckpoint": names((c) => c.resolutionPlans.recordCheckpoint({ ...plan, checkpointId: "checkpoint-1", onTrack: true })),
      "resolutionPlans.recordSatisfaction": names((c) => c.resolutionPlans.recordSatisfaction({ ...plan, satisfaction: "satisfied" })),
      "resolutionPlans.abandon": names((c) => c.resolutionPlans.abandon({ ...plan, reason: "Matrix" })),
      "quality.samples.list": lists((c) => c.quality.samples.list({})),
      "quality.samples.draw": lists((c) => c.quality.samples.draw({ serviceCode: "council-tax", month: "2026-03", share: 1 })),
      "quality.samples.get": names((c) => c.quality.samples.get({ sampleId: a.sampleId })),
      "quality.rubric": names((c) => c.quality.rubric({ sampleId: a.sampleId, caseId: a.answeredId, stageSequence: 1 })),
      "quality.review": names((c) => c.quality.review({ sampleId: a.sampleId, caseId: a.answeredId, stageSequence: 1, answers: {} })),
      "quality.reviews.get": names((c) => c.quality.reviews.get({ reviewId: a.reviewId })),
      "quality.findings.add": names((c) => c.quality.findings.add({ reviewId: a.reviewId, finding: "Leeds finding", risk: "medium" })),
      "quality.remedialActions.list": lists((c) => c.quality.remedialActions.list({})),
      "quality.remedialActions.add": names((c) => c.quality.remedialActions.add({ findingId: a.findingId, description: "Leeds remedy", ownerId: a.outsider, dueOn: "2026-12-31" })),
      "quality.remedialActions.complete": names((c) => c.quality.remedialActions.complete({ remedialActionId: a.remedialActionId })),
      "quality.remedialActions.checkImprovement": names((c) => c.quality.remedialActions.checkImprovement({ remedialActionId: a.remedialActionId, improved: true })),
      "quality.scores": lists((c) => c.quality.scores({ from: "2026-01-01", to: "2026-12-31" })),
      "equality.questions": lists((c) => c.equality.questions()),
      "equality.record": names((c) => c.equality.record({ caseId, consentGivenOn: "2026-03-02", answers: { sex: "prefer-not-to-say" } })),
      "equality.hasForm": names((c) => c.equality.hasForm({ caseId })),
      "equality.withdraw": names((c) => c.equality.withdraw({ caseId })),
      "equality.report": lists((c) => c.equality.report({ from: "2026-01-01", to: "2026-12-31" })),
      "satisfaction.report": lists((c) => c.satisfaction.report({ from: "2026-01-01", to: "2026-12-31" })),
      "public.services": lists((c) => c.public.services()),
      "public.equalityQuestions": lists((c) => c.public.equalityQuestions()),
      "public.accessibilityStatement": lists((c) => c.public.accessibilityStatement()),
      "public.privacyNotice": lists((c) => c.public.privacyNotice()),
      "public.howWeHandleComplaints": lists((c) => c.public.howWeHandleComplaints()),
      "public.submit": lists((c) => c.public.submit({ kind: "comment", serviceId: "waste", description: "Leeds comment", customer: null, idempotencyKey: `leeds-public-${Math.random()}` })),
      "public.track": names((c) => c.public.track({ reference: a.reference, trackingCode: a.trackingCode })),
      "public.letter": names((c) => c.public.letter({ reference: a.reference, trackingCode: a.trackingCode, letterId: a.letterId })),
      "public.escalate": names((c) => c.public.escalate({ reference: a.reference, trackingCode: a.trackingCode, expectedVersion: 1, idempotencyKey: `leeds-escalate-${Math.random()}` })),
      "public.equality": names((c) => c.public.equality({ reference: a.reference, trackingCode: a.trackingCode, consent: true, answers: {} })),
      "public.survey": lists((c) => c.public.survey({ token: "B".repeat(32) })),
      "public.answerSurvey": lists((c) => c.public.answerSurvey({ token: "B".repeat(32), answers: { handling: "neither" } })),
      "public.draft": lists((c) => c.public.draft({ token: "B".repeat(43) })),
      "public.saveDraft": lists((c) => c.public.saveDraft({ token: null, answers: { kind: "comment" }, sent: false })),
    };
  };
  /** Signed in or out, these do not touch a council's data (the first block covers them). */
  const NO_COUNCIL_DATA = ["health.live", "health.ready", "auth.methods", "auth.login", "auth.logout", "auth.changePassword"];

  const leak = (value: unknown) => {
    const text = JSON.stringify(value, (_k, v: unknown) => (v instanceof Uint8Array ? `<${v.byteLength} bytes>` : v)) ?? "";
    return markers.find((m) => text.includes(m)) ?? null;
  };

  it("calls every procedure of the API as Leeds", () => {
    const covered = new Set([...Object.keys(calls()), ...NO_COUNCIL_DATA]);
    expect(Object.keys(appRouter._def.procedures).filter((p) => !covered.has(p))).toEqual([]);
  });

  it("refuses every role of Leeds anything of Exampleton's, and answers them nothing that mentions Exampleton", async () => {
    const problems: string[] = [];
    for (const role of [...STAFF_ROLES, null]) {
      const caller = role === null ? h.asPrincipal(null, undefined, { host: "leeds.localhost", ip: "192.0.2.9" }) : await leedsAs(role);
      for (const [name, { names, call }] of Object.entries(calls())) {
        const who = `${name} as ${role ?? "a resident"}`;
        try {
          const answer = await call(caller);
          if (names) problems.push(`${who}: answered for Exampleton's ${name.split(".")[0]}`);
          const found = leak(answer);
          if (found) problems.push(`${who}: the answer mentions ${found}`);
        } catch (error) {
          if (!(error instanceof TRPCError) || error.code === "INTERNAL_SERVER_ERROR") problems.push(`${who}: failed rather than answered: ${String(error)}`);
          else if (names && !["UNAUTHORIZED", "FORBIDDEN", "NOT_FOUND", "BAD_REQUEST"].includes(error.code)) problems.push(`${who}: got past the check (${error.code}: ${error.message})`);
          else if (error.code === "BAD_REQUEST" && error.message.startsWith("The request is not valid")) problems.push(`${who}: the matrix sent an invalid input: ${error.message}`);
          const found = leak((error as Error).message);
          if (found) problems.push(`${who}: the refusal mentions ${found}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("left Exampleton's data as it was", async () => {
    const manager = await h.as("complaints-manager");
    const detail = await manager.cases.get({ caseId: a.caseId });
    expect(detail.timeline.map((e) => e.type)).toEqual(["log", "letter-issued", "attachment-added"]);
    expect((await (await h.as("administrator")).admin.staff.list()).find((s) => s.id === a.outsider)).toMatchObject({ name: "Other Officer" });
    expect((await (await h.as("administrator")).admin.apiKeys.list()).find((k) => k.id === a.keyId)?.revoked).toBe(false);
    expect((await (await h.as("administrator")).admin.roleRequests.list()).map((r) => r.id)).toContain(a.roleRequestId);
    expect((await manager.letters.printBatch.list({})).find((b) => b.batchId === a.batchId)?.status).toBe("printing");
  });

  it("finds with Leeds's API key only Leeds's case for a reference both councils use", async () => {
    const created = await (await leedsAs("administrator")).admin.apiKeys.create({ name: "Leeds key", directorateIds: [...leeds.ids.directorates.values()], scopes: ["cases:create", "cases:read"] });
    const key = h.asPrincipal(
      { kind: "api-key", id: created.id, councilId: leeds.councilId, name: "Leeds key", directorateIds: [...leeds.ids.directorates.values()], scopes: ["cases:create", "cases:read"] },
      undefined,
      { host: "leeds.localhost" },
    );
    const status = await key.integration.caseStatus({ reference: a.reference });
    expect(leak(status)).toBeNull();
    for (const [name, call] of Object.entries(calls())) {
      if (!name.startsWith("integration.")) continue;
      expect(leak(await call.call(key)), name).toBeNull();
    }
    // Over HTTP, the key reads its own council's case, and on Exampleton's address nothing at all.
    const bearer = { authorization: `Bearer ${created.key}` };
    const own = await new Browser(server.base, "leeds.localhost").fetch(`/api/v1/cases/${a.reference}`, { headers: bearer });
    expect(own.status).toBe(200);
    expect(leak(await own.json())).toBeNull();
    expect((await new Browser(server.base, "exampleton.localhost").fetch(`/api/v1/cases/${a.reference}`, { headers: bearer })).status).toBe(401);
  });

  it("keeps a resident's reference and tracking code to the council that gave them, even where the other council has the same reference", async () => {
    const atExampleton = h.asPrincipal(null, undefined, { host: "exampleton.localhost", ip: "192.0.2.10" });
    expect((await atExampleton.public.track({ reference: a.reference, trackingCode: a.trackingCode })).council.name).toBe("Exampleton Borough Council");
    const atLeeds = h.asPrincipal(null, undefined, { host: "leeds.localhost", ip: "192.0.2.10" });
    const refused = await atLeeds.public.track({ reference: a.reference, trackingCode: a.trackingCode }).then(() => null, (e: TRPCError) => e.code);
    expect(refused).toBe("NOT_FOUND");
    // A comment made on Leeds's form is Leeds's case.
    const made = await atLeeds.public.submit({ kind: "comment", serviceId: "waste", description: "Made on the Leeds form", customer: null, idempotencyKey: "leeds-form-1" });
    const found = await (await leedsAs("complaints-manager")).search.cases({ quick: made.reference });
    expect(found.map((c) => c.reference)).toContain(made.reference);
    expect(leak(found)).toBeNull();
    expect(await (await h.as("complaints-manager")).search.cases({ quick: "Made on the Leeds form" })).toEqual([]);
  });

  it("serves Leeds's staff none of Exampleton's files, letters or print batches over HTTP", async () => {
    const browser = await new Browser(server.base, "leeds.localhost").signIn("leeds-complaints-manager@example.gov.uk", PASSWORD);
    for (const path of [`/letters/${a.letterId}.pdf`, `/attachments/${a.attachmentId}`, `/letters/print-batches/${a.batchId}.pdf`, `/letters/print-batches/${a.batchId}.csv`]) {
      const res = await browser.fetch(path);
      expect([403, 404], path).toContain(res.status);
      expect(leak(await res.text()), path).toBeNull();
    }
    const report = await browser.fetch("/reports/annual.csv?from=2026-01-01&to=2026-12-31");
    expect(report.status).toBe(200);
    expect(leak(await report.text())).toBeNull();
  });
});
