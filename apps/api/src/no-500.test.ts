/**
 * "Bad input gets a clear, specific error; no 500s" (docs/design.md §7), as a property: take a
 * valid input for a procedure, break one part of it in an arbitrary way (fast-check), call
 * the procedure, and require any failure to be a 4xx, never INTERNAL_SERVER_ERROR.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { TRPCError } from "@trpc/server";
import { openHarness, type Harness } from "../test/harness.js";
import { answeredCase } from "../test/answered.js";
import { appRouter } from "./root.js";
import type { ApiKeyPrincipal, Principal } from "./access/principal.js";
import { defaultConfig } from "./config.js";

type Input = Record<string, unknown> | undefined;

describe("no input makes a 500", () => {
  let h: Harness;
  let caseId: string;
  let customerId: string;
  let reference: string;
  let trackingCode: string;
  /** A closed, answered case with an improvement action, a resolution plan and a quality check. */
  const after = {} as { caseId: string; planId: string; sampleId: string; reviewId: string; findingId: string; remedialActionId: string };
  const version = async () => (await h.db.db.selectFrom("cases").select("version").where("id", "=", caseId).executeTakeFirstOrThrow()).version;

  beforeAll(async () => {
    // One (missing) client address makes every call here: the public limits are not under test.
    h = await openHarness({ config: { publicForms: { ...defaultConfig().publicForms, requestsPerIp: 1_000_000, submissionsPerIp: 1_000_000, lookupFailuresPerIp: 1_000_000 } } });
    const manager = await h.as("complaints-manager");
    const logged = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "council-tax", description: "Fuzz case", customer: { fullName: "Fuzzy Bear", email: "fuzzy@example.com" } });
    caseId = logged.caseId;
    reference = logged.reference;
    await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    const detail = await manager.cases.get({ caseId });
    customerId = detail.customer!.id;
    trackingCode = detail.trackingCode!;
    customerId = (await manager.cases.get({ caseId })).customer!.id;

    const io = h.staffIds.get("investigating-officer")!;
    const answered = await answeredCase(manager, { learning: { rootCause: "Fuzz", improvementActions: [{ id: "fuzz-action", description: "Fuzz action", ownerId: io, dueOn: "2026-12-31" }] } });
    after.caseId = answered.caseId;
    after.planId = (await manager.resolutionPlans.create({ caseId: answered.caseId, summary: "Fuzz plan", ownerId: io, tasks: [{ description: "Fuzz task", ownerId: io, dueOn: "2026-12-31" }], checkpoints: [{ dueOn: "2026-12-01" }] })).id;
    await manager.improvement.addMilestone({ caseId: answered.caseId, stageSequence: 1, actionId: "fuzz-action", description: "Fuzz milestone", dueOn: "2026-12-01" });
    after.sampleId = (await manager.quality.samples.draw({ serviceCode: "council-tax", month: "2026-03", share: 1 })).sampleId;
    const { rubric } = await manager.quality.rubric({ sampleId: after.sampleId, caseId: after.caseId, stageSequence: 1 });
    const answers = Object.fromEntries(rubric.criteria.filter((c) => !c.auto).map((c) => [c.id, { answer: "met" as const }]));
    const reviewed = await manager.quality.review({ sampleId: after.sampleId, caseId: after.caseId, stageSequence: 1, answers, findings: [{ finding: "Fuzz finding", risk: "high" }] });
    after.reviewId = reviewed.reviewId;
    after.findingId = reviewed.findingIds[0]!;
    after.remedialActionId = (await manager.quality.remedialActions.add({ findingId: after.findingId, description: "Fuzz remedy", ownerId: io, dueOn: "2026-12-31" })).remedialActionId;
  });
  afterAll(() => h?.close());

  /** A valid input for each procedure (the thing the property then breaks). */
  const valid = async (name: string): Promise<Input> => {
    const on = async (payload: Record<string, unknown>) => ({ caseId, expectedVersion: await version(), ...payload });
    const table: Record<string, () => Promise<Input> | Input> = {
      "health.live": () => undefined,
      "health.ready": () => undefined,
      "auth.methods": () => undefined,
      "auth.login": () => ({ email: "nobody@example.gov.uk", password: "wrong password" }),
      "auth.me": () => undefined,
      "auth.logout": () => undefined,
      "auth.changePassword": () => ({ current: "not it", next: "a new long password" }),
      "cases.log": () => ({ kind: "complaint", channel: "web", serviceId: "waste", description: "Fuzzed", customer: { fullName: "F" } }),
      "cases.get": () => ({ caseId }),
      "cases.accessLog": () => ({ caseId }),
      "cases.contacts": () => ({ caseId }),
      "cases.assignees": () => ({ caseId }),
      "cases.previewExtension": () => ({ caseId, workingDays: 5, reason: "Fuzz", ombudsmanDetailsGiven: true }),
      "cases.updateContact": () => ({ caseId, party: "representative", details: { contactChannel: "both", email: "fuzz@example.com", phone: "07700 900001", smsConsent: true, address: "1 Fuzz Lane", postcode: "EX1 1FZ", note: "Fuzz" } }),
      "cases.possibleDuplicates": () => ({ description: "fuzz", email: "fuzzy@example.com" }),
      "cases.bulk": () => ({ action: "assign", cases: [{ caseId, expectedVersion: 1 }], payload: { handlerId: "fuzz" } }),
      "queues.handlers": () => undefined,
      "queues.views.list": () => undefined,
      "queues.views.save": () => ({ name: "Fuzz view", filters: { queue: "mine", due: "red" }, share: "nobody" }),
      "queues.views.delete": () => ({ viewId: caseId }),
      "caseLinks.list": () => ({ caseId }),
      "caseLinks.merge": () => on({ reference: "CMP-1999-000001", note: "Fuzz" }),
      "caseLinks.link": () => on({ reference: "CMP-1999-000001" }),
      "caseLinks.unlink": () => on({ reference: "CMP-1999-000001" }),
      "caseLinks.split": () => on({ serviceId: "highways", description: "Fuzz" }),
      "command.triage": () => on({ outcome: "accept" }),
      "command.assign": () => on({ handlerId: h.staffIds.get("investigating-officer") }),
      "command.notify": () => on({ party: "head-of-service", reason: "Fuzz" }),
      "command.acknowledge": () => on({}),
      "command.recordContact": () => on({ direction: "in", channel: "phone", summary: "Fuzz" }),
      "command.requestInformation": () => on({ id: "f1", from: "service", what: "Fuzz" }),
      "command.receiveInformation": () => on({ id: "f1" }),
      "command.pause": () => on({ reason: "Fuzz" }),
      "command.resume": () => on({}),
      "command.extend": () => on({ workingDays: 2, reason: "Fuzz", ombudsmanDetailsGiven: true }),
      "command.agreeStatement": () => on({}),
      "command.agreeResponseDate": () => on({ date: "2026-06-30" }),
      "command.addParticipant": () => on({ role: "advocate", name: "Fuzz" }),
      "command.recordMilestone": () => on({ milestoneId: "m" }),
      "command.holdingResponse": () => on({ summary: "Fuzz" }),
      "command.respond": () => on({ outcome: "partly-upheld", reasons: "Fuzz", remedies: [{ id: "r1", type: "financial", description: "Fuzz", ownerId: null, dueOn: "2026-04-01", amountPence: 5000, approverId: h.staffIds.get("complaints-manager") }] }),
      "command.completeRemedy": () => on({ remedyId: "r1" }),
      "command.escalate": () => on({ reason: "Fuzz", requestedAt: "2026-03-10T10:00:00Z" }),
      "command.referBack": () => on({ reason: "Fuzz" }),
      "command.withdraw": () => on({ reason: "Fuzz" }),
      "command.close": () => on({ note: null }),
      "command.reopen": () => on({ reason: "Fuzz" }),
      "command.acknowledgeFeedback": () => on({}),
      "command.convertToComplaint": () => on({ reason: "Fuzz" }),
      "command.ombudsmanEnquiry": () => on({ enquiryId: "o1", body: "lgsco", reference: "F/1", responseDueOn: "2026-06-30" }),
      "command.ombudsmanResponse": () => on({ enquiryId: "o1", approvalId: "fuzz-approval" }),
      "command.requestApproval": () => on({ approvalId: "fuzz-approval", response: { outcome: "upheld", reasons: "Fuzz", remedies: [{ id: "r1", type: "financial", description: "Fuzz", ownerId: null, dueOn: null, amountPence: 90000, financialKind: "compensation" }] } }),
      "command.decideApproval": () => on({ approvalId: "fuzz-approval", decision: "refuse", reason: "Fuzz" }),
      "command.ombudsmanDecision": () => on({ enquiryId: "o1", finding: "fault-injustice", injustice: true, summary: "Fuzz", remedies: [{ id: "x", description: "Fuzz", dueOn: "2026-07-01" }] }),
      "command.ombudsmanRemedyComplied": () => on({ enquiryId: "o1", remedyId: "x" }),
      "command.ombudsmanSatisfied": () => on({ enquiryId: "o1" }),
      "command.recalculateDeadlines": () => on({ reason: "Fuzz" }),
      "command.recordCorrespondenceSent": () => on({ stageId: "stage-1", purpose: "acknowledgement", channel: "email", sentAt: "2026-03-02T10:00:00Z" }),
      "command.transfer": () => on({ serviceId: "council-tax", reason: "Fuzz" }),
      "command.recategorise": () => on({ addFlags: ["vulnerability"], priority: "high", priorityReason: "Fuzz" }),
      "command.editDetails": () => on({ description: "Fuzzed again", customerName: "Fuzz Fuzzer", representative: { name: "Fuzz Rep", role: "advocate", consent: { basis: "written", recordedOn: "2026-03-02" }, replyTo: "customer" } }),
      "command.referClaim": () => on({ basis: "physical-injury", details: "Fuzz" }),
      "command.recordNotInvestigated": () => on({ reason: "Fuzz" }),
      "queues.mine": () => ({}),
      "queues.team": () => ({ rag: ["red"] }),
      "queues.directorate": () => ({ kinds: ["complaint"], limit: 10 }),
      "queues.central": () => ({ rag: ["amber", "none"], offset: 1 }),
      "queues.approvals": () => undefined,
      "search.cases": () => ({ quick: "fuzz" }),
      "customers.find": () => ({ name: "Fuzzy" }),
      "customers.history": () => ({ customerId }),
      "customers.conduct": () => ({ customerId }),
      "customers.contact": () => ({ customerId }),
      "customers.updateContact": () => ({ customerId, details: { contactChannel: "post", address: "1 Fuzz Lane", postcode: "EX1 1FZ", smsConsent: false } }),
      "customers.conductCommand": () => ({ customerId, expectedVersion: 0, command: { type: "refer", evidence: "Fuzzed evidence of behaviour" } }),
      "notifications.mine": () => ({}),
      "notifications.outbox": () => ({ kinds: ["letter"] }),
      "inbound.list": () => ({ limit: 5 }),
      "inbound.status": () => undefined,
      "correspondence.list": () => ({ caseId }),
      "correspondence.resend": () => ({ caseId, outboxId: 1 }),
      "correspondence.resolve": () => ({ caseId, outboxId: 1, resolution: "Sent by post" }),
      "admin.staff.list": () => undefined,
      "admin.staff.create": () => ({ email: `f${Math.random().toString(36).slice(2)}@example.gov.uk`, name: "F", roles: [] }),
      "admin.staff.update": () => ({ staffId: h.staffIds.get("legal"), name: "Legal Person" }),
      "admin.staff.setRoles": () => ({ staffId: h.staffIds.get("legal"), roles: [{ role: "legal", directorateId: null }] }),
      "admin.staff.resetPassword": () => ({ staffId: h.staffIds.get("legal"), password: "another long password" }),
      "admin.staff.unlock": () => ({ staffId: h.staffIds.get("legal") }),
      "admin.staff.import": () => ({ csv: "name,email,role,directorate\nFuzz Person,fuzz.person@example.gov.uk,legal,\n", dryRun: true }),
      "admin.staff.importTemplate": () => undefined,
      "admin.singleSignOn.get": () => undefined,
      "admin.singleSignOn.set": () => ({ groupRoles: [{ group: "sg-fuzz", role: "legal", directorate: null }], contact: null, reason: "Fuzz" }),
      "admin.organisation": () => undefined,
      "admin.profile.get": () => undefined,
      "admin.profile.preview": async () => ({ profile: (await (await h.as("administrator")).admin.profile.get()).profile }),
      "admin.profile.update": async () => ({ profile: (await (await h.as("administrator")).admin.profile.get()).profile, reason: "Fuzz", recalculateOpenCases: false }),
      "admin.calendar.setClosureDays": () => ({ closures: [{ date: "2026-12-29", label: "Closed" }], reason: "Fuzz" }),
      "admin.plugins.setForService": () => ({ serviceId: "waste", plugins: [], reason: "Fuzz" }),
      "admin.apiKeys.list": () => undefined,
      "admin.apiKeys.create": () => ({ name: "F", directorateIds: [h.council.ids.directorates.get("corporate")], scopes: ["cases:read"] }),
      "admin.apiKeys.revoke": () => ({ keyId: "00000000-0000-4000-8000-000000000000" }),
      "admin.roleRequests.list": () => undefined,
      "admin.roleRequests.decide": () => ({ requestId: "00000000-0000-4000-8000-000000000000", decision: "refused" }),
      "audit.adminEvents": () => ({ limit: 20 }),
      "audit.verify": () => undefined,
      "letters.pending": () => ({ caseId }),
      "letters.list": () => ({ caseId }),
      "letters.forStep": () => ({ caseId, command: "respond" }),
      "letters.preview": () => ({ caseId, kind: "acknowledgement", stageId: "stage-1", signatoryId: h.staffIds.get("complaints-manager"), largePrint: true, customerAddress: { lines: ["1 Fuzz Lane"], postcode: "EX1 1FZ" } }),
      "letters.issue": () => ({
        caseId,
        kind: "compliment-acknowledgement",
        customerAddress: { lines: ["1 Fuzz Lane", "Exampleton"], postcode: "EX1 1FZ" },
        sections: [
          { element: "compliment-summary", paragraphs: ["Thank you."] },
          { element: "passed-to", heading: "Who knows", paragraphs: ["The team."] },
        ],
        byPost: true,
      }),
      "letters.previewPdf": () => ({ caseId, kind: "acknowledgement", largePrint: false, language: "en", customerAddress: { lines: ["1 Fuzz Lane"], postcode: "EX1 1FZ" }, sections: [{ element: "handler", paragraphs: ["Fuzz"] }] }),
      "letters.printBatch.waiting": () => ({ limit: 5 }),
      "attachments.list": () => ({ caseId }),
      "ombudsman.enquiries": () => ({ body: "lgsco", state: "response-due", limit: 5 }),
      "letters.printBatch.build": () => ({ directorateId: h.council.ids.directorates.get("corporate"), limit: 5 }),
      "letters.printBatch.list": () => ({ limit: 5, builtBefore: "2026-12-01T00:00:00Z" }),
      "letters.printBatch.confirm": () => ({ batchId: "00000000-0000-4000-8000-000000000000" }),
      "letters.printBatch.cancel": () => ({ batchId: "00000000-0000-4000-8000-000000000000" }),
      "command.agreeImprovementAction": async () => ({ caseId: after.caseId, expectedVersion: (await h.db.db.selectFrom("cases").select("version").where("id", "=", after.caseId).executeTakeFirstOrThrow()).version, actionId: `fuzz-${Math.random().toString(36).slice(2, 8)}`, description: "Fuzz", ownerId: h.staffIds.get("legal"), dueOn: "2026-12-31" }),
      "reports.options": () => undefined,
      "reports.annual": () => ({ from: "2025-04-01", to: "2026-03-31", previous: { from: "2024-04-01", to: "2025-03-31" }, directorateIds: [h.council.ids.directorates.get("corporate")], asOf: "2026-03-31" }),
      "reports.housing": () => ({ from: "2025-04-01", to: "2026-03-31" }),
      "reports.socialCare": () => ({ from: "2025-04-01", to: "2026-03-31", directorateIds: [h.council.ids.directorates.get("housing")] }),
      "reports.lessons": () => ({ from: "2026-01-01", to: "2026-03-31" }),
      "improvement.list": () => ({ status: "overdue", directorateId: h.council.ids.directorates.get("corporate"), mine: false, limit: 10 }),
      "improvement.get": () => ({ caseId: after.caseId, stageSequence: 1, actionId: "fuzz-action" }),
      "improvement.create": () => ({ caseId: after.caseId, description: "Fuzz follow-up", ownerId: h.staffIds.get("legal"), dueOn: "2026-12-31", milestones: [{ description: "Half way", dueOn: "2026-09-30" }] }),
      "improvement.addMilestone": () => ({ caseId: after.caseId, stageSequence: 1, actionId: "fuzz-action", description: "More", dueOn: "2026-11-01" }),
      "improvement.completeMilestone": () => ({ caseId: after.caseId, stageSequence: 1, actionId: "fuzz-action", milestoneId: "m1", on: "2026-03-02" }),
      "improvement.complete": () => ({ caseId: after.caseId, stageSequence: 1, actionId: "fuzz-action", note: "Done" }),
      "improvement.owners": () => undefined,
      "resolutionPlans.list": () => ({ caseId: after.caseId }),
      "resolutionPlans.create": () => ({ caseId: after.caseId, stageSequence: 1, summary: "Fuzz", ownerId: h.staffIds.get("legal"), tasks: [{ description: "T", ownerId: h.staffIds.get("legal"), dueOn: "2026-12-31" }], checkpoints: [{ dueOn: "2026-06-30" }] }),
      "resolutionPlans.addTask": () => ({ planId: after.planId, expectedVersion: 1, description: "T", ownerId: h.staffIds.get("legal"), dueOn: "2026-12-31" }),
      "resolutionPlans.addCheckpoint": () => ({ planId: after.planId, expectedVersion: 1, dueOn: "2026-06-30" }),
      "resolutionPlans.completeTask": () => ({ planId: after.planId, expectedVersion: 1, taskId: "task-1", on: "2026-03-02" }),
      "resolutionPlans.recordCheckpoint": () => ({ planId: after.planId, expectedVersion: 1, checkpointId: "checkpoint-1", heldOn: "2026-03-02", onTrack: false, note: "Behind" }),
      "resolutionPlans.recordSatisfaction": () => ({ planId: after.planId, expectedVersion: 1, satisfaction: "partly-satisfied", note: "Mostly", on: "2026-03-02" }),
      "resolutionPlans.abandon": () => ({ planId: after.planId, expectedVersion: 1, reason: "Fuzz" }),
      "quality.samples.list": () => ({ limit: 5 }),
      "quality.samples.draw": () => ({ serviceCode: "waste", month: "2026-02", share: 0.25, seed: "fuzz" }),
      "quality.samples.get": () => ({ sampleId: after.sampleId }),
      "quality.rubric": () => ({ sampleId: after.sampleId, caseId: after.caseId, stageSequence: 1 }),
      "quality.review": () => ({ sampleId: after.sampleId, caseId: after.caseId, stageSequence: 1, answers: { "quality:every-point-answered": { answer: "not-met", note: "Fuzz" } }, findings: [{ criterion: "quality:every-point-answered", finding: "Fuzz", risk: "low" }] }),
      "quality.reviews.get": () => ({ reviewId: after.reviewId }),
      "quality.findings.add": () => ({ reviewId: after.reviewId, criterion: null, finding: "Fuzz", risk: "medium" }),
      "quality.remedialActions.list": () => ({ openOnly: true, limit: 5 }),
      "quality.remedialActions.add": () => ({ findingId: after.findingId, description: "Fuzz", ownerId: h.staffIds.get("legal"), dueOn: "2026-12-31" }),
      "quality.remedialActions.complete": () => ({ remedialActionId: after.remedialActionId, on: "2026-03-02" }),
      "quality.remedialActions.checkImprovement": () => ({ remedialActionId: after.remedialActionId, improved: false }),
      "quality.scores": () => ({ from: "2026-01-01", to: "2026-12-31" }),
      "equality.questions": () => undefined,
      "equality.record": () => ({ caseId, consentGivenOn: "2026-03-02", answers: { age_band: "35-44", ethnicity: null } }),
      "equality.hasForm": () => ({ caseId }),
      "equality.withdraw": () => ({ caseId }),
      "equality.report": () => ({ from: "2026-01-01", to: "2026-12-31", by: "directorate" }),
      "satisfaction.report": () => ({ from: "2026-01-01", to: "2026-12-31" }),
      "integration.services": () => undefined,
      "integration.createCase": () => ({ kind: "complaint", channel: "web", serviceId: "council-tax", description: "Fuzz", customer: null, idempotencyKey: `fuzz-${Math.random()}` }),
      "integration.caseStatus": () => ({ reference }),
      "public.services": () => undefined,
      "public.equalityQuestions": () => undefined,
      "public.accessibilityStatement": () => undefined,
      "public.privacyNotice": () => undefined,
      "public.howWeHandleComplaints": () => undefined,
      "public.submit": () => ({
        kind: "complaint",
        serviceId: "waste",
        description: "Fuzzed from the public form",
        desiredOutcome: "Fuzz",
        customer: { fullName: "Fuzz Public", email: "fuzz@example.com", phone: "01632 960001", address: "1 Fuzz Lane", postcode: "EX1 1FZ", preferredContact: "post" },
        idempotencyKey: `public-fuzz-${Math.random()}`,
      }),
      "public.track": () => ({ reference, trackingCode }),
      "public.letter": () => ({ reference, trackingCode, letterId: "00000000-0000-4000-8000-000000000000" }),
      "public.escalate": async () => ({ reference, trackingCode, expectedVersion: await version(), reason: "Fuzz", idempotencyKey: `public-escalate-${Math.random()}` }),
      "public.equality": () => ({ reference, trackingCode, consent: true, answers: { age_band: "35-44", sex: null } }),
      "public.survey": () => ({ token: "C".repeat(32) }),
      "public.answerSurvey": () => ({ token: "C".repeat(32), answers: { handling: "very-satisfied", "kept-informed": null } }),
      "public.draft": () => ({ token: "C".repeat(43) }),
      "public.saveDraft": () => ({ token: null, answers: { kind: "complaint", description: "Fuzz" }, sent: false }),
    };
    const make = table[name];
    if (!make) throw new Error(`no valid input for ${name}: add one`);
    return make();
  };

  const apiKey = (): ApiKeyPrincipal => ({
    kind: "api-key",
    id: "fuzz-key",
    councilId: h.council.councilId,
    name: "Fuzz",
    directorateIds: [h.council.ids.directorates.get("corporate")!],
    scopes: ["cases:create", "cases:read"],
  });

  async function call(name: string, input: unknown): Promise<void> {
    const principal: Principal | null = name.startsWith("admin.") ? await h.principal("administrator") : name.startsWith("integration.") ? apiKey() : await h.principal("complaints-manager");
    let target: unknown = h.asPrincipal(principal);
    for (const part of name.split(".")) target = (target as Record<string, unknown>)[part];
    await (target as (i: unknown) => Promise<unknown>)(input);
  }

  /** Replaces, removes or adds one field, at the top or one level down. */
  function breakOne(input: Input, path: number, junk: unknown, mode: number): unknown {
    if (input === undefined || mode === 3) return junk;
    const copy = structuredClone(input) as Record<string, unknown>;
    const keys = Object.keys(copy);
    if (keys.length === 0 || mode === 2) return { ...copy, [`unexpected${path}`]: junk };
    const key = keys[path % keys.length]!;
    const inner = copy[key];
    if (mode === 1 && inner && typeof inner === "object" && !Array.isArray(inner) && Object.keys(inner).length) {
      const innerKeys = Object.keys(inner);
      (inner as Record<string, unknown>)[innerKeys[path % innerKeys.length]!] = junk;
    } else if (mode === 0 && path % 5 === 0) {
      delete copy[key];
    } else {
      copy[key] = junk;
    }
    return copy;
  }

  it("covers every procedure", async () => {
    for (const name of Object.keys(appRouter._def.procedures)) await expect(valid(name)).resolves.not.toThrow();
  });

  it("answers arbitrary breakage of any input with a 4xx, never a 500", async () => {
    const names = Object.keys(appRouter._def.procedures);
    const junk = fc.oneof(
      fc.anything({ maxDepth: 2 }),
      fc.string({ maxLength: 30 }),
      fc.integer(),
      fc.double(),
      fc.constantFrom("", "2099-12-31", "1900-01-01", "2026-02-30", "9999-12-31T23:59:59Z", "0000-01-01T00:00:00Z", "00000000-0000-0000-0000-000000000000", "a".repeat(30_000), "'; DROP TABLE cases; --", "\u0000", -1, 1e308, null),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...names), fc.nat(), junk, fc.integer({ min: 0, max: 3 }), async (name, path, value, mode) => {
        const input = breakOne(await valid(name), path, value, mode);
        try {
          await call(name, input);
        } catch (error) {
          if (!(error instanceof TRPCError)) throw error;
          if (error.code === "INTERNAL_SERVER_ERROR") {
            throw new Error(`${name} answered 500 for ${JSON.stringify(input)?.slice(0, 300)}: ${String((error.cause as Error)?.stack ?? error.cause)}`);
          }
        }
      }),
      { numRuns: 600, seed: 20261123 },
    );
  });
});
