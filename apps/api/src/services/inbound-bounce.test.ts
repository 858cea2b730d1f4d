/**
 * "A bounce reaches the work queue" (issue 15; docs/decisions/0318-writing-to-residents.md and
 * 0323-inbound-mail.md), end to end: a resident's receipt goes out through a real SMTP server,
 * the delivery failure report (RFC 3464) that comes back lands in a real IMAP mailbox (a
 * throwaway Dovecot), the inbound job reads it, and the case is at the top of its handler's
 * work queue with the bounce's reason. Each half has its own tests (inbound-mail.test.ts,
 * routers/correspondence.test.ts); this one drives the whole chain through the jobs.
 */
import { startThrowawayDovecot, type ThrowawayDovecot } from "@complaints/vitest-config/dovecot";
import { startSmtpSink, type SmtpSink } from "@complaints/vitest-config/smtp";
import { caseRepository } from "@complaints/db";
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { createContextInner } from "../context.js";
import { startJobs, type JobRunner } from "../jobs/runner.js";
import { smtpTransport } from "../notifications/smtp.js";
import { createCaller } from "../root.js";

const COUNCIL_ADDRESS = "complaints@exampleton.gov.uk";
const RESIDENT = "robin.resident@example.org";

describe("a bounce reaches the work queue (real SMTP, real IMAP, the jobs)", () => {
  let h: Harness;
  let smtp: SmtpSink;
  let imap: ThrowawayDovecot;
  let transport: ReturnType<typeof smtpTransport>;
  let jobs: JobRunner;

  beforeAll(async () => {
    smtp = await startSmtpSink();
    imap = await startThrowawayDovecot();
    transport = smtpTransport(smtp.url);
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      transport,
      config: {
        inbound: { host: imap.host, port: imap.port, secure: false, user: imap.user, password: imap.password, rejectUnauthorized: true, mailbox: "INBOX", processedMailbox: "Processed", council: null, maxMessageBytes: 2 * 1024 * 1024 },
      },
      profile: (p) => ({ ...p, correspondence: { ...p.correspondence, replyTo: COUNCIL_ADDRESS } }),
    });
  }, 60_000);
  afterAll(async () => {
    await jobs?.stop();
    transport?.close();
    await h?.close();
    await smtp?.close();
    await imap?.stop();
  });

  /** Puts a message in the council's mailbox, as the mail server's MTA would deliver it. */
  async function deliverToMailbox(message: Buffer): Promise<void> {
    // Timeouts so a mailbox that does not answer fails the test saying so, not by the test's own timeout.
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false, connectionTimeout: 15_000, greetingTimeout: 15_000, socketTimeout: 30_000 });
    await client.connect();
    try {
      await client.append("INBOX", message);
    } finally {
      await client.logout();
    }
  }

  /** The report a receiving mail server sends back (RFC 3464), quoting the headers of the message that failed. */
  function deliveryFailure(quotedHeaders: string): Buffer {
    return Buffer.from(
      [
        "From: Mail Delivery System <MAILER-DAEMON@mx.example.org>",
        `To: ${COUNCIL_ADDRESS}`,
        "Subject: Undelivered Mail Returned to Sender",
        "Date: Mon, 02 Mar 2026 10:05:00 +0000",
        "Message-ID: <20260302100500.4F1A2@mx.example.org>",
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="dsn-boundary"',
        "",
        "--dsn-boundary",
        "Content-Type: text/plain; charset=us-ascii",
        "",
        "This is the mail system at host mx.example.org.",
        "I'm sorry to have to inform you that your message could not be delivered to one or more recipients.",
        "",
        "--dsn-boundary",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.example.org",
        "Arrival-Date: Mon, 02 Mar 2026 10:04:58 +0000",
        "",
        `Final-Recipient: rfc822; ${RESIDENT}`,
        `Original-Recipient: rfc822;${RESIDENT}`,
        "Action: failed",
        "Status: 5.1.1",
        `Diagnostic-Code: smtp; 550 5.1.1 <${RESIDENT}>: Recipient address rejected: User unknown in virtual mailbox table`,
        "",
        "--dsn-boundary",
        "Content-Type: text/rfc822-headers",
        "",
        quotedHeaders,
        "",
        "--dsn-boundary--",
        "",
      ].join("\r\n"),
    );
  }

  const count = async (table: "cases" | "customers") => Number((await h.db.db.selectFrom(table).select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);

  it("a resident's receipt that bounces puts their case first in its handler's queue with the reason; the report is neither a case nor a contact", async () => {
    const manager = await h.as("complaints-manager");
    const officerId = h.staffIds.get("investigating-officer")!;
    // A case already in the officer's queue, with nothing wrong with its correspondence.
    const quiet = await manager.cases.log({ kind: "complaint", channel: "phone", serviceId: "council-tax", description: "My direct debit was taken twice.", customer: { fullName: "Quinn Quiet" } });
    await manager.command.assign({ caseId: quiet.caseId, expectedVersion: (await manager.command.triage({ caseId: quiet.caseId, expectedVersion: 1, outcome: "accept" })).version, handlerId: officerId });

    // The resident complains online; the receipt is written in the submission's transaction.
    h.clock.advance(60 * 60_000);
    const visitor = createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: "192.0.2.40", userAgent: "test" } }));
    const sent = await visitor.public.submit({
      kind: "complaint",
      serviceId: "council-tax",
      description: "I was charged council tax for a flat I moved out of in January.",
      desiredOutcome: null,
      customer: { fullName: "Robin Resident", email: RESIDENT, preferredContact: "email" },
      idempotencyKey: "bounce-end-to-end",
    });
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    const triaged = await manager.command.triage({ caseId: caseId, expectedVersion: 1, outcome: "accept" });
    await manager.command.assign({ caseId: caseId, expectedVersion: triaged.version, handlerId: officerId });

    // The delivery job sends it through SMTP, with the Message-ID that traces it back to its row.
    // (Started only now, so the correspondence goes when the job runs, not when a step kicks it.)
    jobs = await startJobs(h.deps, { schedule: false });
    await jobs.runNow("deliver");
    const mail = smtp.received.filter((m) => m.to === RESIDENT);
    expect(mail).toHaveLength(1);
    expect(mail[0]!.messageId).toMatch(new RegExp(`^<outbox-\\d+\\.${h.council.councilId.slice(0, 8)}@[^>@]+>$`));
    const row = await h.db.db.selectFrom("notifications_outbox").select(["id", "status", "message_id", "payload"]).where("message_id", "=", mail[0]!.messageId!).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ status: "sent", payload: { purpose: "receipt", channel: "email" } });

    // The resident's mail server refuses it; the report comes back to the council's mailbox.
    const cases = await count("cases");
    const customers = await count("customers");
    const headers = mail[0]!.data.split(/\r\n\r\n/)[0]!;
    expect(headers).toContain(`Message-ID: ${row.message_id}`);
    h.clock.advance(5 * 60_000);
    await deliverToMailbox(deliveryFailure(headers));
    await jobs.runNow("inbound");

    // The officer's queue: the bounced case first, saying why, the other case untouched.
    const officer = await h.as("investigating-officer");
    const queue = await officer.queues.mine({});
    expect(queue.items[0]).toMatchObject({ id: caseId, reference: sent.reference, correspondenceProblem: { outboxId: row.id, status: "failed" } });
    const reason = queue.items[0]!.correspondenceProblem!.reason;
    expect(reason).toContain("Bounced");
    expect(reason).toContain("5.1.1");
    expect(reason).toContain("User unknown");
    expect(reason).toContain(RESIDENT);
    expect(queue.items.find((i) => i.id === quiet.caseId)?.correspondenceProblem).toBeNull();

    // The receipt's row is failed and needs someone; the case's correspondence says so.
    expect(await h.db.db.selectFrom("notifications_outbox").select(["status", "last_error"]).where("id", "=", row.id).executeTakeFirstOrThrow()).toEqual({ status: "failed", last_error: reason });
    expect((await officer.correspondence.list({ caseId: caseId })).messages.find((m) => m.outboxId === row.id)).toMatchObject({ status: "failed", needsAction: true, reason });

    // The report itself is recorded as a bounce, not made into a case or a customer, and nothing answers it.
    expect(await count("cases")).toBe(cases);
    expect(await count("customers")).toBe(customers);
    expect(await h.db.db.selectFrom("customers").select("id").where("email", "ilike", "%mailer-daemon%").execute()).toEqual([]);
    expect((await manager.inbound.list({ limit: 5 }))[0]).toMatchObject({ outcome: "bounce", case: null });
    await jobs.runNow("deliver");
    expect(smtp.received.filter((m) => m.to.toLowerCase().includes("mailer-daemon"))).toEqual([]);
  });
});
