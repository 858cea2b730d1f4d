/**
 * Issue 16, "Fix what the audit found broken", through the API on one council whose profile
 * carries each procedure (docs/decisions/0325-audit-fixes-and-claims.md):
 * - Leeds policy para 28: the parties told before a discrimination complaint is acknowledged
 *   are the people named in the council's settings (by email) or the staff with the role; a
 *   party nobody stands for is refused, not queued to fail; the DCRO sees the case it acts on.
 * - Leeds policy paras 70–71: a claim goes to Legal Services (told), the resident gets the
 *   step's letter, and the complaint ends as this council's policy says.
 * - Southwark procedure, 'Stage two investigations': the Head of Service is told when Stage 2
 *   is not upheld; services are chased after the profile's working days, not the code's.
 * - Leeds policy para 46: an anonymous complaint recorded as not investigated.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterRepository } from "@complaints/db";
import type { LetterModel } from "@complaints/letters";
import { openHarness, type Harness } from "../../test/harness.js";
import { sweep } from "../jobs/sweep.js";

const complaint = (description: string, extra: Record<string, unknown> = {}) => ({
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId: "council-tax",
  description,
  customer: { fullName: "Ruth Resident", email: "ruth@example.com" },
  ...extra,
});

describe("the audit's procedures, from the council's profile", () => {
  let h: Harness;
  let id: (key: string) => string;

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      profile: (p) => ({
        ...p,
        notifyBeforeAcknowledging: [{ flag: "discrimination-or-harassment", parties: ["relevant-chief-officer", "chief-officer-legal", "head-of-equality"], rule: "Leeds policy para 28" }],
        contacts: [
          { party: "chief-officer-legal", title: "Chief Officer, Legal, Licensing & Registration", name: "Jo Legal", email: "jo.legal@exampleton.gov.uk" },
          { party: "head-of-equality", title: "Head of Equality", name: "Sam Equal", email: "sam.equal@exampleton.gov.uk" },
        ],
        procedures: {
          claims: { onReferral: "close", rule: "Leeds policy para 71" },
          chasing: { serviceAfter: 2, headOfServiceAfter: 1, rule: "Exampleton procedure: chase after 2 working days, then 1" },
          headOfServiceTold: { stages: ["stage-2"], notUpheld: true, ombudsmanLikely: true, rule: "Southwark procedure, 'Stage two investigations'" },
          anonymousNotInvestigated: { rule: "Leeds policy para 46" },
        },
      }),
    });
    id = (key) => h.staffIds.get(key)!;
  });
  afterAll(() => h?.close());

  const notifications = async (caseId: string) =>
    (await h.db.db.selectFrom("notifications_outbox").select(["recipient", "payload"]).where("case_id", "=", caseId).where("kind", "=", "case-notification").orderBy("id").execute()).map(
      (r) => ({ ...(r.recipient as Record<string, unknown>), subject: (r.payload as { subject: string }).subject }),
    );

  it("Leeds para 28: the DCRO sees and works the discrimination complaint; the named officers are emailed, the Chief Officer is the Director", async () => {
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Refused a service because of my religion", { flags: ["discrimination-or-harassment"] }));
    expect((await dcro.cases.get({ caseId })).restricted).toBe(true);
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    await expect(dcro.command.acknowledge({ caseId, expectedVersion: v })).rejects.toThrow(
      'A complaint flagged "discrimination or harassment" cannot be acknowledged until the relevant Chief Officer and the Chief Officer, Legal, Licensing & Registration (Jo Legal) and the Head of Equality (Sam Equal) have been notified (Leeds policy para 28)',
    );
    for (const party of ["relevant-chief-officer", "chief-officer-legal", "head-of-equality"]) {
      v = (await dcro.command.notify({ caseId, expectedVersion: v, party, reason: "Leeds policy para 28" })).version;
    }
    await dcro.command.acknowledge({ caseId, expectedVersion: v });
    expect(await notifications(caseId)).toEqual([
      { staffId: id("director"), party: "relevant-chief-officer", subject: expect.stringContaining("for your information") },
      { email: "jo.legal@exampleton.gov.uk", name: "Jo Legal", party: "chief-officer-legal", subject: expect.stringContaining("for your information") },
      { email: "sam.equal@exampleton.gov.uk", name: "Sam Equal", party: "head-of-equality", subject: expect.stringContaining("for your information") },
    ]);
  });

  it("a party nobody stands for is refused, saying what to set up, and nothing is written", async () => {
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Nobody to tell"));
    await expect(dcro.command.notify({ caseId, expectedVersion: 1, party: "press-office", reason: "FYI" })).rejects.toThrow(
      'Nobody can be told as press office: an administrator names them, with an email address, under "People the rules name" on the organisation page',
    );
    expect((await dcro.cases.get({ caseId })).version).toBe(1);
    expect(await notifications(caseId)).toEqual([]);
  });

  it("Leeds paras 70–71: a claim is referred to Legal, who are told; the resident gets the letter; here the complaint ends", async () => {
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("The bin lorry hit my parked car"));
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: id("investigating-officer") })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    const referred = await io.command.referClaim({ caseId, expectedVersion: v, basis: "damages", details: "£2,400 for the repair to the car's wing" });
    expect(referred.letters).toMatchObject([{ kind: "claim-referral", status: "issued", sentTo: [{ channel: "email", email: "ruth@example.com" }] }]);
    const detail = await io.cases.get({ caseId });
    expect(detail.status).toBe("closed");
    expect(await notifications(caseId)).toContainEqual({ staffId: id("legal"), party: "legal", subject: expect.stringContaining("referred to Legal") });
    const { model } = (await letterRepository.getLetter(h.db.db, referred.letters[0]!.letterId!)) as unknown as { model: LetterModel };
    expect(model.sections.find((s) => s.element === "reasons")?.paragraphs.join(" ")).toBe(
      "You have told us you are claiming for compensation for a loss: £2,400 for the repair to the car's wing. A claim like this is decided by our Legal Services on the law about who is responsible, not under the complaints procedure, so we have passed it to them and they will contact you about it. This ends your complaint under our complaints procedure: the claim is how the matter will now be decided.",
    );
  });

  it("Southwark: the Head of Service is told when Stage 2 is not upheld; the chasers follow the profile's 2 then 1 working days", async () => {
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const manager = await h.as("complaints-manager");
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Charged twice for council tax"));
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: id("investigating-officer") })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    v = (await io.command.requestInformation({ caseId, expectedVersion: v, id: "svc-1", from: "service", what: "The account's billing history" })).version;
    h.clock.set("2026-03-04T09:00:00Z");
    await sweep(h.deps);
    const chasers = async () => (await h.db.db.selectFrom("notifications_outbox").select("recipient").where("case_id", "=", caseId).where("kind", "=", "chase-service").orderBy("id").execute()).map((r) => (r.recipient as { staffId: string }).staffId);
    expect(await chasers()).toEqual([id("dcro")]);
    h.clock.set("2026-03-05T09:00:00Z");
    await sweep(h.deps);
    expect(await chasers()).toEqual([id("dcro"), id("head-of-service")]);

    v = (await io.command.receiveInformation({ caseId, expectedVersion: v, id: "svc-1" })).version;
    v = (await io.command.respond({ caseId, expectedVersion: v, outcome: "not-upheld", reasons: "Billed once" })).version;
    v = (await manager.command.escalate({ caseId, expectedVersion: v, reason: "The bill is wrong" })).version;
    v = (await manager.command.acknowledge({ caseId, expectedVersion: v })).version;
    const before = (await notifications(caseId)).length;
    await manager.command.respond({ caseId, expectedVersion: v, outcome: "not-upheld", reasons: "The second payment was for last year" });
    expect((await notifications(caseId)).slice(before)).toEqual([{ staffId: id("head-of-service"), party: "head-of-service", subject: expect.stringContaining("for your information") }]);
  });

  it("Leeds para 46: an anonymous complaint is recorded as not investigated, with the reasons", async () => {
    const io = await h.as("investigating-officer");
    const dcro = await h.as("dcro");
    const { caseId } = await dcro.cases.log({ ...complaint("An allegation about a neighbour, unsigned"), customer: null });
    const v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    expect((await io.cases.get({ caseId })).available).toContain("record-not-investigated");
    await io.command.recordNotInvestigated({ caseId, expectedVersion: v, reason: "The same allegation from 30 addresses; judged malicious with the DCRO" });
    expect(await io.cases.get({ caseId })).toMatchObject({ status: "closed" });
  });
});
