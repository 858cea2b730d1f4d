/**
 * Persistent-complainant letters and the Ombudsman's decision go out as part of their step
 * (issue 15, "Sending"; docs/decisions/0321-letters-issued-as-part-of-the-step.md).
 *
 * - Leeds policy para 54: before restrictions, the customer is told in writing of the behaviour
 *   that has not been acceptable, the change required and a time span; para 55: restrictions
 *   are confirmed in writing with a review within six months; para 56: the review's outcome
 *   is put in writing and the customer directed to the Local Government Ombudsman. LGSCO guide
 *   to managing unreasonable actions, chapter 6: restrictions are specific and proportionate.
 * - The Ombudsman's decision: the council tells the resident what the Ombudsman decided and the
 *   remedy it will carry out, by when (Lewisham annual complaints report 2009/10 §6.6, §7.4:
 *   the remedy is carried out and the complainant kept informed).
 *
 * Each letter is issued by whoever ran the step and sent on the resident's channel: emailed
 * with the PDF to a real SMTP server, or posted through the print room.
 */
import { startSmtpSink } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRepository, letterRepository, verifyEventChain } from "@complaints/db";
import type { LetterModel } from "@complaints/letters";
import { openHarness, type Harness } from "../../test/harness.js";
import { smtpTransport } from "../notifications/smtp.js";

const warning = { type: "warn" as const, behaviourExpected: "Contact us by email only, about new matters, no more than twice a week.", until: "2026-04-30" };
const concerns = { sections: [{ element: "behaviour-concerns" as const, paragraphs: ["You called our contact centre 42 times in three weeks about the same bin collection."] }] };
const refer = { type: "refer" as const, evidence: "Forty-two calls in three weeks, several abusive." };

describe("letters about a customer's conduct, and the Ombudsman's decision, go with their step", () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  let transport: ReturnType<typeof smtpTransport>;
  let manager: Awaited<ReturnType<Harness["as"]>>;
  let managerId: string;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    transport = smtpTransport(smtp.url);
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      transport,
      profile: (p) => ({ ...p, correspondence: { ...p.correspondence, fromEmail: "complaints@exampleton.gov.uk" } }),
    });
    manager = await h.as("complaints-manager");
    managerId = h.staffIds.get("complaints-manager")!;
  });
  afterAll(async () => {
    await h?.close();
    transport?.close();
    await smtp?.close();
  });

  /** The Head of Service approves the reply to the Ombudsman, then it is recorded (decision 0324). */
  async function approvedReply(caseId: string, version: number) {
    const hos = await h.as("head-of-service");
    let v = (await manager.command.requestApproval({ caseId, expectedVersion: version, approvalId: "e1-reply", enquiryId: "e1" })).version;
    v = (await hos.command.decideApproval({ caseId, expectedVersion: v, approvalId: "e1-reply", decision: "approve" })).version;
    return manager.command.ombudsmanResponse({ caseId, expectedVersion: v, enquiryId: "e1", approvalId: "e1-reply" });
  }

  /** A customer with an older complaint by `first` and, a week later, another by `latest`. */
  async function customerWithCases(name: string, first: "phone" | "email", latest: "phone" | "email") {
    const email = `${name.toLowerCase().replace(/\s/g, ".")}@example.com`;
    const older = await manager.cases.log({
      kind: "complaint",
      channel: first,
      serviceId: "council-tax",
      description: "Charged twice",
      receivedAt: "2026-02-20T10:00:00Z",
      customer: { fullName: name, email, address: "12 Mill Lane\nExampleton", postcode: "EX1 2AB" },
    });
    const customerId = (await manager.cases.get({ caseId: older.caseId })).customer!.id;
    const newer = await manager.cases.log({ kind: "complaint", channel: latest, serviceId: "waste", description: "Bins missed again", receivedAt: "2026-02-27T10:00:00Z", customer: { id: customerId } });
    return { customerId, email, older: older.caseId, latest: newer.caseId };
  }
  const rowsOf = (caseId: string) =>
    h.db.db.selectFrom("notifications_outbox").select(["id", "kind", "recipient", "payload", "status"]).where("case_id", "=", caseId).where("kind", "=", "correspondence").orderBy("id").execute();

  it("a warning is issued in the step by the officer who ran it and emailed, with its PDF, to a customer whose latest complaint came by email (Leeds para 54)", async () => {
    const c = await customerWithCases("Wendy Warned", "phone", "email");
    await manager.customers.conductCommand({ customerId: c.customerId, expectedVersion: 0, command: refer });
    const warned = await manager.customers.conductCommand({ customerId: c.customerId, expectedVersion: 1, command: warning, letter: concerns });

    // Filed on the customer's latest case, issued as the person who decided on the warning.
    expect(warned).toMatchObject({ status: "warned", caseId: c.latest });
    expect(warned.letters).toEqual([
      {
        outboxId: expect.any(Number),
        kind: "conduct-warning",
        kindName: "unreasonable behaviour warning",
        status: "issued",
        letterId: expect.any(String),
        sentTo: [{ party: "customer", name: "Wendy Warned", email: c.email, channel: "email" }],
        missing: [],
        reason: null,
      },
    ]);
    const letterId = warned.letters[0]!.letterId!;
    const detail = await manager.cases.get({ caseId: c.latest });
    expect(detail.timeline.find((e) => e.type === "letter-issued")).toMatchObject({ actor: { id: managerId }, data: { letterId, kind: "conduct-warning", sentBy: ["email"] } });
    expect(detail.lettersWaiting).toEqual([]);
    expect(await verifyEventChain(h.db.db, c.latest)).toMatchObject({ ok: true });

    // What the letter says: the behaviour in the officer's words, the change asked for and by when, the right to comment first.
    const { model } = (await letterRepository.getLetter(h.db.db, letterId)) as unknown as { model: LetterModel };
    const text = model.sections.map((s) => `${s.element}: ${s.paragraphs.join(" ")}`);
    expect(text).toEqual([
      "behaviour-concerns: You called our contact centre 42 times in three weeks about the same bin collection.",
      `expected-behaviour: We are asking you to: ${warning.behaviourExpected}`,
      "warning-period: Please make this change straight away. We will look at how you have contacted us up to 30 April 2026 before we decide whether we need to limit how you contact us.",
      expect.stringMatching(/^right-to-comment: Before we decide anything more, you can tell us what you think about this letter\. Please write to us or email \S+ by 30 April 2026, quoting our reference\.$/),
    ]);
    expect(model.signOff.name).toBe((await authRepository.findStaffById(h.db.db, managerId))!.displayName);

    // One correspondence row on the customer's channel, with the letter; nothing by post.
    const rows = await rowsOf(c.latest);
    expect(rows).toMatchObject([{ recipient: { party: "customer", name: "Wendy Warned", email: c.email }, payload: { channel: "email", purpose: "conduct", letterKind: "conduct-warning", stageId: null, letterId } }]);
    expect(await rowsOf(c.older)).toEqual([]);

    // The real SMTP server gets it: our Message-ID (traced back to the row) and the PDF attached, byte for byte.
    await h.deps.notifier.deliverPending();
    const mails = smtp.received.filter((m) => m.to === c.email);
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.data;
    const { council_id: councilId } = await h.db.db.selectFrom("cases").select("council_id").where("id", "=", c.latest).executeTakeFirstOrThrow();
    expect(mail).toContain(`Message-ID: <outbox-${rows[0]!.id}.${councilId.replace(/-/g, "").slice(0, 8)}@exampleton.gov.uk>`);
    expect(mail).toMatch(/Content-Type: application\/pdf; name=.*conduct-warning\.pdf/);
    const base64 = /Content-Disposition: attachment[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail)![1]!;
    const { pdf } = await letterRepository.getLetterPdf(h.db.db, letterId);
    expect(Buffer.from(base64.replace(/\s/g, ""), "base64").equals(Buffer.from(pdf))).toBe(true);
    expect((await rowsOf(c.latest))[0]!.status).toBe("sent");
  });

  it("a designation to a customer whose latest complaint came by phone is posted through the print room, with the restrictions, the review date and the LGSCO (Leeds paras 55–56)", async () => {
    const c = await customerWithCases("Percy Posted", "email", "phone");
    // Warned a month ago: a designation waits for the warning's time span to pass (Leeds paras 54–55).
    await manager.customers.conductCommand({ customerId: c.customerId, expectedVersion: 0, command: { ...refer, on: "2026-01-30" } });
    await manager.customers.conductCommand({ customerId: c.customerId, expectedVersion: 1, command: { ...warning, on: "2026-02-02", until: "2026-02-27" }, letter: concerns });
    const designated = await manager.customers.conductCommand({
      customerId: c.customerId,
      expectedVersion: 2,
      command: {
        type: "designate",
        restrictions: [
          { kind: "single-point-of-contact", contact: "Morgan Resolve, Complaints Manager" },
          { kind: "call-limit", callsPerWeek: 2 },
        ],
        reason: "Calls continued after the warning.",
        reviewBy: "2026-08-31",
      },
    });
    const letters = designated.letters;
    expect(letters).toMatchObject([{ kind: "conduct-designation", status: "issued", sentTo: [{ channel: "post" }] }]);
    const { model } = (await letterRepository.getLetter(h.db.db, letters[0]!.letterId!)) as unknown as { model: LetterModel };
    const sections = Object.fromEntries(model.sections.map((s) => [s.element, s.paragraphs.join(" ")]));
    expect(sections).toMatchObject({
      reasons: "We have decided to limit how you contact us. Calls continued after the warning.",
      restrictions: "From now on: please contact only Morgan Resolve, Complaints Manager; please phone us no more than 2 times a week.",
      "review-date": "We will review these arrangements by 31 August 2026 and write to you with the outcome.",
    });
    expect(sections["ombudsman-details"]).toMatch(/^You cannot appeal to the council against these arrangements, but you can ask the Local Government and Social Care Ombudsman to look at them\./);
    // No deadline of a complaint's stage is borrowed for going to the Ombudsman about restrictions.
    expect(sections["ombudsman-details"]).not.toContain("You should contact them by");

    await h.deps.notifier.deliverPending();
    const posted = await manager.letters.list({ caseId: c.latest });
    expect(posted.filter((l) => l.kind === "conduct-designation").map((l) => l.posting?.status)).toEqual(["waiting"]);
    expect((await rowsOf(c.latest)).filter((r) => (r.payload as { letterKind: string }).letterKind === "conduct-designation")).toMatchObject([{ payload: { channel: "post" }, status: "sending" }]);
  });

  it("a warning without the behaviour in the officer's words waits as a task on the case and in the work queue, saying what it lacks", async () => {
    const c = await customerWithCases("Tasha Task", "email", "email");
    await manager.customers.conductCommand({ customerId: c.customerId, expectedVersion: 0, command: refer });
    const warned = await manager.customers.conductCommand({ customerId: c.customerId, expectedVersion: 1, command: warning });
    expect(warned.letters).toMatchObject([{ kind: "conduct-warning", status: "waiting", letterId: null, missing: ["the behaviour that has not been acceptable"] }]);
    const { reference } = await manager.cases.get({ caseId: c.latest });
    const task = {
      outboxId: warned.letters[0]!.outboxId,
      kind: "conduct-warning",
      text: `Write the unreasonable behaviour warning letter for ${reference} (missing: the behaviour that has not been acceptable)`,
      href: `/cases/${c.latest}/letters/${warned.letters[0]!.outboxId}`,
    };
    expect((await manager.cases.get({ caseId: c.latest })).lettersWaiting).toEqual([task]);
    // Unassigned, the case is in the central queue, where the complaints manager works.
    expect((await manager.queues.central({ limit: 200 })).items.find((i) => i.id === c.latest)?.letterTasks).toEqual([task]);
    // The customer's page lists it with their persistent-complainant record.
    expect((await manager.customers.conduct({ customerId: c.customerId })).letters).toMatchObject([{ kind: "conduct-warning", status: "waiting", caseId: c.latest, reference, missing: ["the behaviour that has not been acceptable"] }]);
    expect(await rowsOf(c.latest)).toEqual([]);

    // Written on the letter's page, it goes.
    const issued = await manager.letters.issue({ caseId: c.latest, outboxId: task.outboxId, sections: concerns.sections });
    expect(issued).toMatchObject({ settledOutboxId: task.outboxId, sentTo: [{ channel: "email", email: c.email }] });
    expect((await manager.cases.get({ caseId: c.latest })).lettersWaiting).toEqual([]);
    expect((await manager.customers.conduct({ customerId: c.customerId })).letters).toMatchObject([{ kind: "conduct-warning", status: "issued", letterId: issued.letterId }]);
  });

  it("the Ombudsman's decision is written to the resident on their channel, with the remedy the council will carry out and by when", async () => {
    const { caseId } = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "council-tax", description: "Charged twice", customer: { fullName: "Olu Ombud", email: "olu@example.com" } });
    let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await manager.command.ombudsmanEnquiry({ caseId, expectedVersion: v, enquiryId: "e1", body: "lgsco", reference: "26 001 234", responseDueOn: "2026-03-30" })).version;
    const replied = await approvedReply(caseId, v);
    // Our reply is to the Ombudsman, not to the resident: its covering letter goes to the Ombudsman
    // (by post: the default profile has no email address for the LGSCO).
    expect(replied.letters).toMatchObject([{ kind: "ombudsman-reply", status: "issued", sentTo: [{ party: "ombudsman", channel: "post" }] }]);
    const decided = await manager.command.ombudsmanDecision({
      caseId,
      expectedVersion: replied.version,
      enquiryId: "e1",
      finding: "fault-injustice",
      injustice: true,
      summary: "The Ombudsman found fault in how we handled your council tax account, which caused you distress.",
      remedies: [{ id: "r1", description: "Apologise and pay £150", dueOn: "2026-04-20" }],
    });
    expect(decided.letters).toMatchObject([{ kind: "ombudsman-response", status: "issued", sentTo: [{ party: "customer", channel: "email", email: "olu@example.com" }] }]);
    const letterId = decided.letters[0]!.letterId!;
    const { model } = (await letterRepository.getLetter(h.db.db, letterId)) as unknown as { model: LetterModel };
    expect(Object.fromEntries(model.sections.map((s) => [s.element, s.paragraphs.join(" ")]))).toEqual({
      "ombudsman-decision": "The Ombudsman found fault in how we handled your council tax account, which caused you distress.",
      remedies: "Apologise and pay £150, by 20 April 2026.",
      "outstanding-actions": "Still to be done: Apologise and pay £150 (by 20 April 2026).",
    });
    expect(model.signOff.name).toBe((await authRepository.findStaffById(h.db.db, managerId))!.displayName);
    const detail = await manager.cases.get({ caseId });
    expect(detail.timeline.filter((e) => e.type === "letter-issued").at(-1)).toMatchObject({ actor: { id: managerId }, data: { kind: "ombudsman-response", sentBy: ["email"] } });
    expect(await rowsOf(caseId)).toMatchObject([
      { payload: { channel: "post", purpose: "ombudsman", letterKind: "ombudsman-reply" } },
      { payload: { channel: "email", purpose: "ombudsman", letterKind: "ombudsman-response", letterId } },
    ]);
  });

  it("an Ombudsman decision that asks nothing more of the council says so, and the letter still goes", async () => {
    const { caseId } = await manager.cases.log({ kind: "complaint", channel: "post", serviceId: "council-tax", description: "Charged twice", customer: { fullName: "Nia None", address: "4 Low Road\nExampleton", postcode: "EX2 3CD" } });
    let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await manager.command.ombudsmanEnquiry({ caseId, expectedVersion: v, enquiryId: "e1", body: "lgsco", reference: "26 001 999", responseDueOn: "2026-03-30" })).version;
    v = (await approvedReply(caseId, v)).version;
    const decided = await manager.command.ombudsmanDecision({ caseId, expectedVersion: v, enquiryId: "e1", finding: "no-fault", injustice: false, summary: "The Ombudsman found no fault." });
    expect(decided.letters).toMatchObject([{ kind: "ombudsman-response", status: "issued", sentTo: [{ channel: "post" }] }]);
    const { model } = (await letterRepository.getLetter(h.db.db, decided.letters[0]!.letterId!)) as unknown as { model: LetterModel };
    expect(model.sections.find((s) => s.element === "remedies")?.paragraphs).toEqual(["The Ombudsman did not ask us to do anything more."]);
  });
});
