/**
 * A message to a resident that failed puts its case at the top of its handler's work queue with
 * the reason, and on the case's correspondence, until staff resend it or resolve it another way
 * (issue 15; docs/decisions/0318-writing-to-residents.md).
 */
import { notificationRepository } from "@complaints/db";
import { startSmtpSink, type SmtpSink } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadWorkerBeganSending, openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { smtpTransport } from "../notifications/smtp.js";

describe("correspondence failures in the work queue", () => {
  let h: Harness;
  let smtp: SmtpSink;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await openHarness({ start: "2026-03-02T09:00:00Z", transport: smtpTransport(smtp.url) });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  async function assignedCase(name: string) {
    const manager = await h.as("complaints-manager");
    const logged = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "council-tax", description: `${name}'s bill is wrong.`, customer: { fullName: name, email: `${name.toLowerCase()}@example.org` } });
    const v = (await manager.command.triage({ caseId: logged.caseId, expectedVersion: 1, outcome: "accept" })).version;
    await manager.command.assign({ caseId: logged.caseId, expectedVersion: v, handlerId: h.staffIds.get("investigating-officer")! });
    return logged;
  }

  async function emailTo(c: { caseId: string; reference: string }, n: number) {
    const [id] = await h.deps.notifier.enqueue(h.db.db, [
      {
        councilId: h.council.councilId,
        caseId: c.caseId,
        kind: "correspondence",
        recipient: { party: "customer", name: "Resident", email: "resident@example.org" },
        payload: { channel: "email", purpose: "acknowledgement", stageId: null, reference: c.reference, language: "en", subject: `Your complaint ${c.reference}`, text: "We have your complaint." },
        dedupeKey: `acknowledgement:${c.caseId}:-:email:${n}`,
      },
    ]);
    return id!;
  }

  it("puts a case whose email bounced first in its handler's queue with the reason, until it is resent and sent", async () => {
    const quiet = await assignedCase("Quinn");
    const bounced = await assignedCase("Bo");
    const outboxId = await emailTo(bounced, 1);
    await h.deps.notifier.deliverPending();
    const sent = await h.db.db.selectFrom("notifications_outbox").select(["status", "message_id"]).where("id", "=", outboxId).executeTakeFirstOrThrow();
    expect(sent.status).toBe("sent");

    // A bounce (a DSN quoting our Message-ID), as the inbound mailbox reports it.
    const reported = await notificationRepository.recordDeliveryStatus(h.db.db, { councilId: h.council.councilId, messageId: sent.message_id!, status: "failed", reason: "Email to the resident bounced: mailbox unavailable", at: h.clock.now() });
    expect(reported).toMatchObject({ id: outboxId, status: "failed" });

    const officer = await h.as("investigating-officer");
    const queue = await officer.queues.mine({});
    expect(queue.items[0]).toMatchObject({ id: bounced.caseId, correspondenceProblem: { outboxId, status: "failed", reason: "Email to the resident bounced: mailbox unavailable" } });
    expect(queue.items.find((i) => i.id === quiet.caseId)?.correspondenceProblem).toBeNull();

    const listed = await officer.correspondence.list({ caseId: bounced.caseId });
    expect(listed.messages).toMatchObject([{ outboxId, channel: "email", status: "failed", statusLabel: "Not delivered", needsAction: true, reason: "Email to the resident bounced: mailbox unavailable" }]);

    // Auditors read it but do not write to residents.
    expect((await refusal((await h.as("auditor")).correspondence.resend({ caseId: bounced.caseId, outboxId }))).code).toBe("FORBIDDEN");

    expect(await officer.correspondence.resend({ caseId: bounced.caseId, outboxId })).toEqual({ outboxId, status: "queued" });
    expect((await officer.queues.mine({})).items.find((i) => i.id === bounced.caseId)?.correspondenceProblem).toBeNull();
    await h.deps.notifier.deliverPending();
    expect((await officer.correspondence.list({ caseId: bounced.caseId })).messages).toMatchObject([{ status: "sent", needsAction: false }]);
    expect(smtp.received.filter((m) => m.data.includes(bounced.reference))).toHaveLength(2);
    // A sent message is not resent.
    expect((await refusal(officer.correspondence.resend({ caseId: bounced.caseId, outboxId }))).client.refusal?.code).toBe("CORRESPONDENCE_NOT_FAILED");
  });

  it("sends it again to the address as corrected, not to the one that bounced; with no address left, says so", async () => {
    const c = await assignedCase("Cal");
    const outboxId = await emailTo(c, 1);
    await h.deps.notifier.deliverPending();
    const { message_id } = await h.db.db.selectFrom("notifications_outbox").select("message_id").where("id", "=", outboxId).executeTakeFirstOrThrow();
    await notificationRepository.recordDeliveryStatus(h.db.db, { councilId: h.council.councilId, messageId: message_id!, status: "failed", reason: "No such mailbox", at: h.clock.now() });

    const officer = await h.as("investigating-officer");
    // Nowhere to send it now: the refusal says what to do.
    await officer.cases.updateContact({ caseId: c.caseId, party: "customer", details: { phone: "0113 496 0000" } });
    const refused = await refusal(officer.correspondence.resend({ caseId: c.caseId, outboxId }));
    expect(refused.client.refusal).toMatchObject({ code: "NO_CONTACT_DETAILS", message: "There is no email address for Resident now: add one to how we contact them, or mark this message resolved" });

    await officer.cases.updateContact({ caseId: c.caseId, party: "customer", details: { email: "cal.right@example.org" } });
    await officer.correspondence.resend({ caseId: c.caseId, outboxId });
    await h.deps.notifier.deliverPending();
    expect(smtp.received.filter((m) => m.data.includes(c.reference)).map((m) => m.to)).toEqual(["resident@example.org", "cal.right@example.org"]);
  });

  it("puts a resent message that fails again back in the queue with the new reason, for staff to resend or resolve again", async () => {
    const c = await assignedCase("Rhys");
    const outboxId = await emailTo(c, 1);
    smtp.reject(550, "5.1.1 Mailbox unavailable");
    await h.deps.notifier.deliverPending();
    const officer = await h.as("investigating-officer");
    expect((await officer.queues.mine({})).items.find((i) => i.id === c.caseId)?.correspondenceProblem).toMatchObject({ outboxId, status: "failed" });

    expect(await officer.correspondence.resend({ caseId: c.caseId, outboxId })).toEqual({ outboxId, status: "queued" });
    smtp.reject(550, "5.1.1 Mailbox still unavailable");
    await h.deps.notifier.deliverPending();
    // The resend did not settle it: the case is back at the top of the queue with the second refusal.
    expect((await officer.queues.mine({})).items[0]).toMatchObject({ id: c.caseId, correspondenceProblem: { outboxId, status: "failed", reason: expect.stringMatching(/Mailbox still unavailable/) } });
    expect((await officer.correspondence.list({ caseId: c.caseId })).messages).toMatchObject([{ outboxId, status: "failed", needsAction: true }]);
    expect(await officer.correspondence.resolve({ caseId: c.caseId, outboxId, resolution: "Sent by post instead" })).toEqual({ outboxId, resolved: true });
    expect((await officer.queues.mine({})).items.find((i) => i.id === c.caseId)?.correspondenceProblem).toBeNull();
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(0);
  });

  it("takes a failure staff resolved another way off the top of the queue, without sending it again", async () => {
    const c = await assignedCase("Uma");
    const outboxId = await emailTo(c, 1);
    await deadWorkerBeganSending(h, 1);
    h.clock.advance(2_000);
    await h.deps.notifier.deliverPending();
    const officer = await h.as("investigating-officer");
    expect((await officer.queues.mine({})).items[0]).toMatchObject({ id: c.caseId, correspondenceProblem: { status: "uncertain", reason: expect.stringMatching(/may or may not have been sent/) } });
    expect(await officer.correspondence.resolve({ caseId: c.caseId, outboxId, resolution: "The resident confirmed by phone that it arrived" })).toEqual({ outboxId, resolved: true });
    expect((await officer.queues.mine({})).items.find((i) => i.id === c.caseId)?.correspondenceProblem).toBeNull();
    // Staff see how it was settled, and by whom.
    expect((await officer.correspondence.list({ caseId: c.caseId })).messages).toMatchObject([
      { status: "uncertain", needsAction: false, resolution: { by: expect.any(String), how: "The resident confirmed by phone that it arrived" } },
    ]);
    const [settled] = (await officer.correspondence.list({ caseId: c.caseId })).messages;
    expect(settled!.resolution!.by).not.toBe(h.staffIds.get("investigating-officer")); // a name, not an id
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(0);
    // Another case's message is not this case's.
    expect((await refusal(officer.correspondence.resolve({ caseId: c.caseId, outboxId: outboxId + 1000, resolution: "x" }))).code).toBe("NOT_FOUND");
  });
});
