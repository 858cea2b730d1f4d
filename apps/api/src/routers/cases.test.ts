import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEventChain } from "@complaints/db";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const complaint = {
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId: "council-tax",
  description: "I was charged twice for March and nobody answered my emails.",
  desiredOutcome: "A refund and an apology",
  customer: { fullName: "Ann Smith", email: "ann.smith@example.com", postcode: "EX1 2AB" },
};

describe("a complaint through the API, from logging to final response", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [
        {
          key: "io-2",
          name: "Second Officer",
          email: "io2@example.gov.uk",
          password: PASSWORD,
          team: "council-tax/billing",
          roles: [{ role: "investigating-officer", directorate: "corporate" }],
        },
        {
          key: "env-dcro",
          name: "Environment DCRO",
          email: "env-dcro@example.gov.uk",
          password: PASSWORD,
          team: "waste/collections",
          roles: [{ role: "dcro", directorate: "environment" }],
        },
      ],
    });
  });
  afterAll(() => h?.close());

  it("logs a case with a reference, due dates that explain themselves, and a letter queued", async () => {
    const cso = await h.as("customer-services");
    const logged = await cso.cases.log({ ...complaint, receivedAt: "2026-02-28T10:00:00Z" });
    expect(logged.reference).toMatch(/^EXB-2026-\d{6}$/);
    expect(logged).toMatchObject({ version: 1, created: true });

    const dcro = await h.as("dcro");
    const triaged = await dcro.command.triage({ caseId: logged.caseId, expectedVersion: 1, outcome: "accept" });
    expect(triaged.version).toBe(2);
    expect(triaged.available).toEqual(expect.arrayContaining(["assign", "acknowledge", "extend"]));

    const detail = await dcro.cases.get({ caseId: logged.caseId });
    expect(detail.status).toBe("open");
    expect(detail.service).toMatchObject({ code: "council-tax", name: "Council Tax" });
    expect(detail.directorate.name).toBe("Corporate Services");
    expect(detail.customer?.name).toBe("Ann Smith");
    const ack = detail.dueDates.find((d) => d.kind === "acknowledge")!;
    // Received on a Saturday: counts from Monday 2 March; 5 working days to acknowledge.
    expect(ack.date).toBe("2026-03-09");
    expect(ack.explanation).toMatch(/Sat 28 Feb 2026/);
    expect(ack.explanation).toMatch(/acknowledge by Mon 9 Mar 2026/);
    expect(ack.status).toBe("green");
    expect(detail.nextDue?.kind).toBe("acknowledge");
    expect(detail.timeline.map((e) => e.type)).toEqual(["log", "triage"]);
    expect(detail.timeline[0]?.actor.name).toBe("customer-services person");
    expect(detail.rules[0]).toMatch(/complaint cases of service "council-tax"/);
  });

  it("walks the stages: assign, acknowledge, respond, escalate, respond, close — with letters in the outbox", async () => {
    const cso = await h.as("customer-services");
    const { caseId } = await cso.cases.log(complaint);
    const dcro = await h.as("dcro");
    const io = await h.as("investigating-officer");
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("investigating-officer")! })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    v = (await io.command.respond({ caseId, expectedVersion: v, outcome: "upheld", reasons: "We charged twice; refunded.", remedies: [{ id: "r1", type: "apology", description: "Apology", ownerId: null, dueOn: null }] })).version;
    v = (await cso.command.escalate({ caseId, expectedVersion: v, reason: "Not happy with the refund time" })).version;
    // Stage 2 may not be handled by the Stage 1 officer (code 6.13), and the refusal names them, not their id (issue 16).
    const sameOfficer = await refusal(dcro.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("investigating-officer")! }));
    expect(sameOfficer.code).toBe("UNPROCESSABLE_CONTENT");
    expect(sameOfficer.client.refusal?.code).toBe("HANDLER_NOT_INDEPENDENT");
    expect(sameOfficer.message).toMatch(/^investigating-officer person handled Stage 1, so cannot handle Stage 2/);
    expect(sameOfficer.message).not.toContain(h.staffIds.get("investigating-officer")!);
    // The assign list offers everyone who may take Stage 2, the second officer among them though
    // they never touched the case, each with their open cases; the Stage 1 officer is listed with core's reason.
    const people = await dcro.cases.assignees({ caseId });
    expect(people.find((p) => p.id === h.staffIds.get("io-2"))).toEqual({ id: h.staffIds.get("io-2"), name: "Second Officer", roles: ["Investigating officer"], openCases: 0, mayNot: null, current: false });
    // (Their open cases count the working stages they handle: Stage 2 has no handler yet, so not this case.)
    expect(people.find((p) => p.id === h.staffIds.get("investigating-officer"))).toMatchObject({ openCases: 0, mayNot: "investigating-officer person handled Stage 1, so cannot handle Stage 2" });
    // Nobody of another directorate, nor anyone whose role does not answer complaints.
    expect(people.map((p) => p.id)).not.toContain(h.staffIds.get("env-dcro"));
    expect(people.map((p) => p.id)).not.toContain(h.staffIds.get("customer-services"));
    // Customer services may not assign, so may not ask.
    expect((await refusal(cso.cases.assignees({ caseId }))).code).toBe("FORBIDDEN");
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("io-2")! })).version;
    expect((await dcro.cases.assignees({ caseId })).find((p) => p.id === h.staffIds.get("io-2"))).toMatchObject({ openCases: 1, current: true });
    const io2 = await h.as("io-2");
    v = (await io2.command.acknowledge({ caseId, expectedVersion: v })).version;
    v = (await io2.command.respond({ caseId, expectedVersion: v, outcome: "not-upheld", reasons: "The refund followed policy." })).version;
    const closed = await dcro.command.close({ caseId, expectedVersion: v });
    expect(closed.status).toBe("closed");

    const detail = await dcro.cases.get({ caseId });
    expect(detail.stages.map((s) => [s.stageId, s.phase, s.handlerName])).toEqual([
      ["stage-1", "responded", "investigating-officer person"],
      ["stage-2", "responded", "Second Officer"],
    ]);
    const letters = await h.db.db.selectFrom("notifications_outbox").select(["kind", "payload"]).where("case_id", "=", caseId).orderBy("id").execute();
    expect(letters.filter((l) => l.kind === "letter").map((l) => (l.payload as { letter: string }).letter)).toEqual([
      "acknowledgement",
      "stage-1-response",
      "escalation-acknowledgement",
      "stage-2-response",
    ]);
    expect(await verifyEventChain(h.db.db, caseId)).toMatchObject({ ok: true });
  });

  it("previews an extension with core's new date and the days left, writing nothing; the step then makes that date (issue 16)", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log({ ...complaint, description: "Charged twice for April." });
    const dcro = await h.as("dcro");
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.acknowledge({ caseId, expectedVersion: v })).version;
    const preview = await dcro.cases.previewExtension({ caseId, workingDays: 5, reason: "Waiting for the bank's records", ombudsmanDetailsGiven: true });
    expect(preview).toMatchObject({ stage: "Stage 1", maxWorkingDays: 10, usedAfter: 5, leftAfter: 5, letters: 1 });
    expect(preview.dueAfter > preview.dueBefore!).toBe(true);
    expect((await dcro.cases.get({ caseId })).version).toBe(v);
    // Over the maximum: the step's own refusal, before anything is made.
    expect((await refusal(dcro.cases.previewExtension({ caseId, workingDays: 11, reason: "Too long", ombudsmanDetailsGiven: true }))).client.refusal?.code).toBe("EXTENSION_TOO_LONG");
    await dcro.command.extend({ caseId, expectedVersion: v, workingDays: 5, reason: "Waiting for the bank's records", ombudsmanDetailsGiven: true });
    expect((await dcro.cases.get({ caseId })).stages[0]!.extensions[0]!.newDueDate).toBe(preview.dueAfter);
  });

  it("says which rule refuses a command, with its code, as a 4xx", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint);
    const dcro = await h.as("dcro");
    const before = await refusal(dcro.command.acknowledge({ caseId, expectedVersion: 1 }));
    expect(before.code).toBe("UNPROCESSABLE_CONTENT");
    expect(before.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW" });
    expect(before.client.message).toMatch(/Triage the case/);
    const v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    const tooLong = await refusal(dcro.command.extend({ caseId, expectedVersion: v, workingDays: 30, reason: "Complex", ombudsmanDetailsGiven: true }));
    expect(tooLong.client.refusal?.code).toBe("EXTENSION_TOO_LONG");
    expect(tooLong.client.refusal?.rule).toMatch(/code/i);
  });

  it("answers a stale version with 409 CONFLICT naming what changed, and writes nothing", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint);
    const dcro = await h.as("dcro");
    await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    const stale = await refusal(dcro.command.notify({ caseId, expectedVersion: 1, party: "head-of-service", reason: "FYI" }));
    expect(stale.code).toBe("CONFLICT");
    expect(stale.client.refusal?.code).toBe("VERSION_CONFLICT");
    expect(stale.client.message).toMatch(/triage/);
    expect((await dcro.cases.get({ caseId })).version).toBe(2);
  });

  it("rejects bad input field by field, before anything runs", async () => {
    const cso = await h.as("customer-services");
    const bad = await refusal(cso.cases.log({ ...complaint, description: "", customer: { fullName: "X", email: "nope", postcode: "12345" } } as never));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(Object.keys(bad.client.fieldErrors ?? {}).sort()).toEqual(["customer.email", "customer.postcode", "description"]);
    const unknownService = await refusal(cso.cases.log({ ...complaint, serviceId: "parking" }));
    expect(unknownService.code).toBe("BAD_REQUEST");
    expect(unknownService.client.message).toMatch(/no service "parking"/);
  });

  it("returns the first case when the same submission is retried with its idempotency key", async () => {
    const cso = await h.as("customer-services");
    const first = await cso.cases.log({ ...complaint, idempotencyKey: "web-form-123456" });
    const again = await cso.cases.log({ ...complaint, idempotencyKey: "web-form-123456" });
    expect(again).toMatchObject({ caseId: first.caseId, created: false });
    const different = await refusal(cso.cases.log({ ...complaint, description: "Something else entirely", idempotencyKey: "web-form-123456" }));
    expect(different.code).toBe("UNPROCESSABLE_CONTENT");
    expect(different.client.refusal?.code).toBe("IDEMPOTENCY_MISMATCH");
  });

  it("records who read a case; the complaints manager and auditors can see that record", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint);
    await (await h.as("dcro")).cases.get({ caseId });
    await (await h.as("quality-assurance")).cases.get({ caseId });
    const log = await (await h.as("auditor")).cases.accessLog({ caseId });
    expect(log.reads.map((r) => r.actorName)).toEqual(["quality-assurance person", "dcro person"]);
    expect((await refusal((await h.as("dcro")).cases.accessLog({ caseId }))).code).toBe("FORBIDDEN");
    // Reads are in the hash chain but not in the timeline.
    expect(await verifyEventChain(h.db.db, caseId)).toMatchObject({ ok: true });
    expect((await (await h.as("complaints-manager")).cases.get({ caseId })).timeline.map((e) => e.type)).toEqual(["log"]);
  });

  it("keeps a complaint about a member of staff from that person, and restricted cases from most roles", async () => {
    const cso = await h.as("customer-services");
    const about = h.staffIds.get("investigating-officer")!;
    const { caseId } = await cso.cases.log({ ...complaint, description: "The officer was rude to me on the phone.", aboutStaffIds: [about], flags: ["named-staff"] });
    expect((await refusal((await h.as("investigating-officer")).cases.get({ caseId }))).code).toBe("NOT_FOUND");
    expect((await refusal((await h.as("quality-assurance")).cases.get({ caseId }))).code).toBe("NOT_FOUND");
    // The DCRO is consulted on complaints about staff (Leeds policy para 38), so reads them.
    expect((await (await h.as("dcro")).cases.get({ caseId })).restricted).toBe(true);
    const hos = await (await h.as("head-of-service")).cases.get({ caseId });
    expect(hos.restricted).toBe(true);
    expect(hos.aboutStaff).toEqual([{ id: about, name: "investigating-officer person" }]);
    // Nor may that person be assigned to investigate it (core: conflict of interest).
    const manager = await h.as("complaints-manager");
    const v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    const conflict = await refusal(manager.command.assign({ caseId, expectedVersion: v, handlerId: about }));
    expect(conflict.client.refusal?.code).toBe("CONFLICT_OF_INTEREST");
  });

  it("keeps another directorate's cases from directorate staff, but not from central roles", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log({ ...complaint, serviceId: "waste", description: "Bin not collected three weeks running." });
    expect((await refusal((await h.as("dcro")).cases.get({ caseId }))).code).toBe("NOT_FOUND");
    expect((await (await h.as("env-dcro")).cases.get({ caseId })).directorate.name).toBe("Environment");
    expect((await (await h.as("complaints-manager")).cases.get({ caseId })).service.code).toBe("waste");
    const refused = await refusal((await h.as("dcro")).command.triage({ caseId, expectedVersion: 1, outcome: "accept" }));
    expect(refused.code).toBe("NOT_FOUND");
  });

  it("keeps equality monitoring out of the case for every role: it is recorded apart (equality.record; Leeds policy 31)", async () => {
    const refused = await refusal((await h.as("customer-services")).cases.log({ ...complaint, intake: { equalityMonitoring: { ethnicity: "prefer not to say" } } }));
    expect(refused.client.fieldErrors?.intake).toEqual([expect.stringMatching(/not part of the case/)]);
  });
});
