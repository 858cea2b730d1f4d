import { execFileSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { letterRepository } from "@complaints/db";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";

/**
 * The Ombudsman list (issue 6): every open and recent enquiry on a case the caller may read,
 * with the body's deadline and where it stands. The enquiries are recorded with the lifecycle
 * commands (LGSCO / Housing Ombudsman: the council replies by the date the body sets).
 */
describe("ombudsman.enquiries", () => {
  let h: Harness;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [
        { key: "env-dcro", name: "Environment DCRO", email: "env-dcro@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "dcro", directorate: "environment" }] },
        { key: "hos-both", name: "Hana Head", email: "hos-both@example.gov.uk", password: PASSWORD, roles: [{ role: "head-of-service", directorate: "corporate" }, { role: "head-of-service", directorate: "environment" }] },
      ],
    });
    const manager = await h.as("complaints-manager");
    const hos = await h.as("hos-both");
    /** A triaged complaint with an enquiry from `body`, answered as far as `upTo`. */
    async function enquiry(name: string, serviceId: string, body: string, upTo: "asked" | "answered" | "decided" | "remedied" | "satisfied" | "decided-nothing-to-do", flags: string[] = []) {
      const { caseId } = await manager.cases.log({ kind: "complaint", channel: "email", serviceId, description: `Ombudsman ${name}`, flags: flags as never, customer: { fullName: `Person ${name}`, email: `${name}@example.com` } });
      let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
      const enquiryId = `e-${name}`;
      v = (await manager.command.ombudsmanEnquiry({ caseId, expectedVersion: v, enquiryId, body, reference: `26 ${name}`, responseDueOn: upTo === "satisfied" ? "2026-04-29" : "2026-03-30" })).version;
      if (upTo !== "asked") {
        // The Head of Service approves the reply before it goes (decision 0324).
        v = (await manager.command.requestApproval({ caseId, expectedVersion: v, approvalId: `${enquiryId}-reply`, enquiryId })).version;
        v = (await hos.command.decideApproval({ caseId, expectedVersion: v, approvalId: `${enquiryId}-reply`, decision: "approve" })).version;
        v = (await manager.command.ombudsmanResponse({ caseId, expectedVersion: v, enquiryId, approvalId: `${enquiryId}-reply` })).version;
      }
      if (upTo === "decided-nothing-to-do") v = (await manager.command.ombudsmanDecision({ caseId, expectedVersion: v, enquiryId, finding: "no-fault", injustice: false, summary: "No fault" })).version;
      if (upTo === "decided" || upTo === "remedied" || upTo === "satisfied") {
        v = (await manager.command.ombudsmanDecision({ caseId, expectedVersion: v, enquiryId, finding: "fault-injustice", injustice: true, summary: "Fault", remedies: [{ id: "r1", description: "Apologise and pay £150", dueOn: "2026-04-20" }] })).version;
      }
      if (upTo === "remedied" || upTo === "satisfied") v = (await manager.command.ombudsmanRemedyComplied({ caseId, expectedVersion: v, enquiryId, remedyId: "r1" })).version;
      if (upTo === "satisfied") await manager.command.ombudsmanSatisfied({ caseId, expectedVersion: v, enquiryId });
      ids[name] = caseId;
    }
    await enquiry("asked", "council-tax", "lgsco", "asked");
    await enquiry("answered", "council-tax", "lgsco", "answered");
    await enquiry("decided", "council-tax", "lgsco", "decided");
    await enquiry("nothing", "council-tax", "lgsco", "decided-nothing-to-do");
    await enquiry("remedied", "waste", "lgsco", "remedied");
    await enquiry("restricted", "council-tax", "lgsco", "asked", ["safeguarding"]);
    h.clock.set("2026-04-01T09:00:00Z");
    await enquiry("satisfied", "waste", "housing-ombudsman", "satisfied");
  });
  afterAll(() => h?.close());

  it("lists each enquiry with the body, its deadline and where it stands, open ones first by the date the reply is due", async () => {
    const list = await (await h.as("complaints-manager")).ombudsman.enquiries({});
    const byCase = new Map(list.enquiries.map((e) => [e.caseId, e]));
    expect(byCase.get(ids.asked!)).toMatchObject({
      body: { id: "lgsco", name: "Local Government and Social Care Ombudsman" },
      theirReference: "26 asked",
      receivedOn: "2026-03-02",
      responseDueOn: "2026-03-30",
      state: "response-due",
      // The reply was due on 30 March; today is 1 April.
      deadline: { what: "response", date: "2026-03-30", overdue: true },
      reference: expect.stringMatching(/^EXB-/),
    });
    expect(byCase.get(ids.answered!)).toMatchObject({ state: "awaiting-decision", respondedOn: "2026-03-02", deadline: null });
    expect(byCase.get(ids.decided!)).toMatchObject({ state: "remedy-due", decision: { finding: "fault-injustice", injustice: true }, deadline: { what: "remedy", date: "2026-04-20", overdue: false } });
    expect(byCase.get(ids.nothing!)).toMatchObject({ state: "decision-received", deadline: null });
    expect(byCase.get(ids.remedied!)).toMatchObject({ state: "complied" });
    expect(byCase.get(ids.satisfied!)).toMatchObject({ state: "complied", satisfiedOn: "2026-04-01", body: { name: "Housing Ombudsman Service" } });
    // The Ombudsman satisfied comes last: nothing more is due on it.
    expect(list.enquiries.at(-1)!.caseId).toBe(ids.satisfied);
  });

  it("narrows by body and by state", async () => {
    const manager = await h.as("complaints-manager");
    expect((await manager.ombudsman.enquiries({ body: "housing-ombudsman" })).enquiries.map((e) => e.caseId)).toEqual([ids.satisfied]);
    expect((await manager.ombudsman.enquiries({ state: "response-due" })).enquiries.map((e) => e.caseId).sort()).toEqual([ids.asked, ids.restricted].sort());
  });

  it("shows each person only enquiries on cases they may read: their directorate, and restricted cases only to those who read them", async () => {
    const listed = async (key: string) => new Set((await (await h.as(key)).ombudsman.enquiries({})).enquiries.map((e) => e.caseId));
    const corporate = await listed("dcro");
    expect(corporate.has(ids.asked!)).toBe(true);
    expect(corporate.has(ids.remedied!)).toBe(false);
    // The DCRO reads its directorate's restricted cases (decision 0325).
    expect(corporate.has(ids.restricted!)).toBe(true);
    const environment = await listed("env-dcro");
    expect([...environment].sort()).toEqual([ids.remedied, ids.satisfied].sort());
    expect((await listed("head-of-service")).has(ids.restricted!)).toBe(true);
    expect((await listed("administrator")).size).toBe(0);
  });

  it("keeps enquiries the Ombudsman closed in the last 90 days, and drops older ones", async () => {
    const manager = await h.as("complaints-manager");
    h.clock.set("2026-06-29T09:00:00Z");
    expect((await manager.ombudsman.enquiries({})).enquiries.map((e) => e.caseId)).toContain(ids.satisfied);
    h.clock.set("2026-07-01T09:00:00Z");
    expect((await manager.ombudsman.enquiries({})).enquiries.map((e) => e.caseId)).not.toContain(ids.satisfied);
    // An open enquiry stays however old it is.
    expect((await manager.ombudsman.enquiries({})).enquiries.map((e) => e.caseId)).toContain(ids.asked);
  });

  it("sends our reply with a covering letter addressed to the Ombudsman: by email where the profile has its address, else by post (Southwark procedure: Ombudsman enquiries)", async () => {
    h.clock.set("2026-04-01T09:00:00Z");
    const manager = await h.as("complaints-manager");
    const hos = await h.as("hos-both");
    const reply = async (body: string, name: string) => {
      const { caseId, reference } = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "waste", description: `Covering letter ${name}`, customer: { fullName: `Resident ${name}`, email: `${name}@example.com` } });
      let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
      v = (await manager.command.ombudsmanEnquiry({ caseId, expectedVersion: v, enquiryId: "e-1", body, reference: `26 ${name}`, responseDueOn: "2026-04-29" })).version;
      v = (await manager.command.requestApproval({ caseId, expectedVersion: v, approvalId: "e-1-reply", enquiryId: "e-1" })).version;
      v = (await hos.command.decideApproval({ caseId, expectedVersion: v, approvalId: "e-1-reply", decision: "approve" })).version;
      const outcome = await manager.command.ombudsmanResponse({ caseId, expectedVersion: v, enquiryId: "e-1", approvalId: "e-1-reply" });
      const sent = await h.db.db.selectFrom("notifications_outbox").select(["recipient", "payload"]).where("case_id", "=", caseId).where("kind", "=", "correspondence").execute();
      return { caseId, reference, outcome, sent: sent.map((r) => ({ recipient: r.recipient, channel: (r.payload as { channel: string }).channel })) };
    };

    const housing = await reply("housing-ombudsman", "cover-ho");
    expect(housing.outcome.letters).toEqual([expect.objectContaining({ kind: "ombudsman-reply", status: "issued", missing: [] })]);
    expect(housing.sent).toEqual([{ recipient: { party: "ombudsman", name: "Housing Ombudsman Service", email: "info@housing-ombudsman.org.uk" }, channel: "email" }]);
    const { pdf } = await letterRepository.getLetterPdf(h.db.db, housing.outcome.letters[0]!.letterId!);
    const text = execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(pdf) }).toString("utf8").replace(/\s+/g, " ");
    expect(text).toContain("PR2 0ET");
    expect(text).toContain("Dear Housing Ombudsman Service");
    expect(text).toContain(`Your reference: 26 cover-ho. On 1 April 2026 you asked for our response to the complaint of Resident cover-ho (our reference ${housing.reference}) by 29 April 2026.`);
    expect(text).toContain("Our reply is enclosed. Hana Head");
    expect(text).not.toContain("cover-ho@example.com");

    // It is not the resident's letter: their tracking page does not list it, nor lets them download it.
    const resident = createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: "203.0.113.90", userAgent: "test" } }));
    const tracked = await resident.public.track({ reference: housing.reference, trackingCode: await h.deps.tracking.codeFor(housing.caseId) });
    expect(tracked.letters.map((l) => l.kind)).not.toContain("ombudsman-reply");

    // The default profile has no email address for the LGSCO: the letter goes by post.
    const lgsco = await reply("lgsco", "cover-lgsco");
    expect(lgsco.sent).toEqual([{ recipient: { party: "ombudsman", name: "Local Government and Social Care Ombudsman" }, channel: "post" }]);
  });
});
