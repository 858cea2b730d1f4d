/**
 * Replies and new complaints by email (issue 15), against a real IMAP server: a throwaway
 * Dovecot (tooling/vitest/dovecot.js) into which each test delivers messages by IMAP APPEND,
 * then the job's one pass over the mailbox (pollMailbox), then what staff see.
 */
import { ImapFlow } from "imapflow";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startThrowawayDovecot, type ThrowawayDovecot } from "@complaints/vitest-config/dovecot";
import { AttachmentRejectedError, ConflictError, defaultAttachmentPolicy, organisationRepository, type Executor } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import type { InboundMailSettings } from "../config.js";
import { DomainError } from "@complaints/core";
import { isRefusal, pollMailbox, processMessage, type BounceReport } from "./inbound-mail.js";

const COUNCIL_ADDRESS = "complaints@exampleton.gov.uk";
const LIMIT = 64 * 1024;
/** The smallest file the attachment checks recognise as a PDF. */
const PDF = Buffer.from("%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n");

let n = 0;
/** A message as a mail client would send it (CRLF lines, MIME when it has files). */
function email(options: {
  from: string;
  subject?: string;
  text?: string | null;
  html?: string;
  headers?: Record<string, string>;
  messageId?: string | null;
  files?: Array<{ name: string; type: string; bytes: Buffer }>;
  to?: string;
}): Buffer {
  n += 1;
  const head = [
    `From: ${options.from}`,
    `To: ${options.to ?? COUNCIL_ADDRESS}`,
    `Subject: ${options.subject ?? "About my complaint"}`,
    `Date: Mon, 02 Mar 2026 10:${String(n % 60).padStart(2, "0")}:00 +0000`,
    ...(options.messageId === null ? [] : [`Message-ID: ${options.messageId ?? `<resident-${n}-${Date.now()}@example.org>`}`]),
    "MIME-Version: 1.0",
    ...Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}`),
  ];
  const body = options.html
    ? { type: "text/html; charset=utf-8", content: options.html }
    : { type: "text/plain; charset=utf-8", content: options.text ?? "" };
  if (!options.files?.length) return Buffer.from([...head, `Content-Type: ${body.type}`, "", body.content, ""].join("\r\n"));
  const boundary = `b${n}x`;
  const parts = [
    `--${boundary}\r\nContent-Type: ${body.type}\r\n\r\n${body.content}\r\n`,
    ...options.files.map(
      (f) => `--${boundary}\r\nContent-Type: ${f.type}; name="${f.name}"\r\nContent-Disposition: attachment; filename="${f.name}"\r\nContent-Transfer-Encoding: base64\r\n\r\n${f.bytes.toString("base64").replace(/(.{76})/g, "$1\r\n")}\r\n`,
    ),
    `--${boundary}--\r\n`,
  ];
  return Buffer.from([...head, `Content-Type: multipart/mixed; boundary="${boundary}"`, "", parts.join("")].join("\r\n"));
}

describe("the inbound mailbox (a real Dovecot)", () => {
  let h: Harness;
  let imap: ThrowawayDovecot;
  let settings: InboundMailSettings;
  const bounces: BounceReport[] = [];
  const onBounce = async (bounce: BounceReport, db: Executor) => {
    // Called inside the transaction that records the report: the database is usable here.
    expect(db.isTransaction).toBe(true);
    bounces.push(bounce);
  };

  beforeAll(async () => {
    imap = await startThrowawayDovecot();
    settings = {
      host: imap.host,
      port: imap.port,
      secure: false,
      user: imap.user,
      password: imap.password,
      rejectUnauthorized: true,
      mailbox: "INBOX",
      processedMailbox: "Processed",
      council: null,
      maxMessageBytes: 2 * 1024 * 1024,
    };
    h = await openHarness({
      config: { inbound: settings, attachments: { storage: { kind: "database" }, policy: { ...defaultAttachmentPolicy, maxBytes: LIMIT } } },
      profile: (p) => ({ ...p, correspondence: { ...p.correspondence, replyTo: COUNCIL_ADDRESS, replyToClosedCase: "reopen" } }),
    });
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await imap?.stop();
  });

  async function deliver(...messages: Buffer[]): Promise<void> {
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    try {
      for (const m of messages) await client.append("INBOX", m);
    } finally {
      await client.logout();
    }
  }

  /** What is in a folder: each message's Message-ID and whether it is flagged \Seen. */
  async function folder(path: string): Promise<Array<{ messageId: string | undefined; seen: boolean }>> {
    const client = new ImapFlow({ host: imap.host, port: imap.port, secure: false, auth: { user: imap.user, pass: imap.password }, logger: false });
    await client.connect();
    try {
      const lock = await client.getMailboxLock(path);
      try {
        const out = [];
        for await (const m of client.fetch("1:*", { envelope: true, flags: true })) out.push({ messageId: m.envelope?.messageId, seen: m.flags?.has("\\Seen") ?? false });
        return out;
      } catch {
        return [];
      } finally {
        lock.release();
      }
    } finally {
      await client.logout();
    }
  }

  const poll = (overrides: Partial<InboundMailSettings> = {}) => pollMailbox(h.deps, { ...settings, ...overrides }, { onBounce });
  const caseCount = async () => Number((await h.db.db.selectFrom("cases").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
  const detail = async (caseId: string) => (await h.as("complaints-manager")).cases.get({ caseId });

  async function logCase(email: string, name = "Ann Smith") {
    return (await h.as("customer-services")).cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "I was charged twice for March.",
      customer: { fullName: name, email },
    });
  }

  it("a reply quoting the case's reference from its customer lands on the case's timeline with its attachment, and the handler is told", async () => {
    const logged = await logCase("ann.reply@example.com");
    const dcro = await h.as("dcro");
    let v = (await dcro.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId: logged.caseId, expectedVersion: v, handlerId: h.staffIds.get("investigating-officer")! })).version;
    const id = `<reply-${Date.now()}@example.com>`;
    await deliver(email({ from: "Ann Smith <Ann.Reply@example.com>", subject: `Re: Your complaint ${logged.reference}`, text: "Here is my bank statement showing both payments.", messageId: id, files: [{ name: "statement.pdf", type: "application/pdf", bytes: PDF }] }));

    const report = await poll();
    expect(report).toMatchObject({ read: 1, done: 1, left: 0, byOutcome: { "added-to-case": 1 } });

    const after = await detail(logged.caseId);
    expect(after.contacts.at(-1)).toMatchObject({ direction: "in", channel: "email", by: "inbound-email" });
    expect(after.contacts.at(-1)!.summary).toContain("Here is my bank statement showing both payments.");
    expect(after.contacts.at(-1)!.summary).toContain("Attachments kept: statement.pdf");
    const added = after.timeline.filter((e) => e.type === "attachment-added");
    expect(added.map((e) => e.data["fileName"])).toEqual(["statement.pdf"]);
    expect(after.timeline.at(-1)).toMatchObject({ type: "record-contact", actor: { type: "public", id: "inbound-email", name: "Email to the complaints mailbox" } });
    const files = await (await h.as("complaints-manager")).attachments.list({ caseId: logged.caseId });
    expect(files.attachments.map((a) => [a.fileName, a.mediaType, a.sizeBytes])).toEqual([["statement.pdf", "application/pdf", PDF.byteLength]]);

    // The handler hears of it through the outbox, in the same transaction as the contact.
    const told = await h.db.db.selectFrom("notifications_outbox").selectAll().where("case_id", "=", logged.caseId).where("kind", "=", "case-notification").execute();
    expect(told.map((t) => (t.recipient as { staffId?: string }).staffId)).toContain(h.staffIds.get("investigating-officer"));

    // Marked done only now: read, and moved out of the inbox.
    expect(await folder("INBOX")).toEqual([]);
    expect(await folder("Processed")).toContainEqual({ messageId: id, seen: true });

    // Complaints managers see it in the mailbox's record, with the case it went to.
    const list = await (await h.as("complaints-manager")).inbound.list({ limit: 10 });
    expect(list[0]).toMatchObject({ from: "ann.reply@example.com", outcome: "added-to-case", case: { caseId: logged.caseId, reference: logged.reference }, attachments: { kept: [{ fileName: "statement.pdf" }], notKept: [] } });
    void v;
  });

  it("an email from someone unknown becomes a new case waiting for triage with the sender as the customer, and a second one reuses that customer", async () => {
    const before = await caseCount();
    await deliver(email({ from: "Bob Jones <bob.jones@example.net>", subject: "Bins not collected", text: "My bins have not been collected for three weeks." }));
    expect((await poll()).byOutcome).toEqual({ "new-case": 1 });
    expect(await caseCount()).toBe(before + 1);
    const [first] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    const one = await detail(first!.case!.caseId);
    expect(one).toMatchObject({ status: "new", channel: "email", kind: "complaint" });
    expect(one.description).toContain("My bins have not been collected for three weeks.");
    const customer = await h.db.db.selectFrom("customers").selectAll().where("email", "=", "bob.jones@example.net").execute();
    expect(customer.map((c) => c.full_name)).toEqual(["Bob Jones"]);

    await deliver(email({ from: "bob.jones@example.net", subject: "Still no collection", text: "Another week and still nothing." }));
    await poll();
    const [second] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    expect(second).toMatchObject({ outcome: "new-case" });
    const cases = await h.db.db.selectFrom("cases").select(["customer_id"]).where("id", "in", [first!.case!.caseId, second!.case!.caseId]).execute();
    expect(new Set(cases.map((c) => c.customer_id)).size).toBe(1);
    expect((await h.db.db.selectFrom("customers").selectAll().where("email", "=", "bob.jones@example.net").execute()).length).toBe(1);
  });

  it("recognises auto-replies and loops (RFC 3834) and records them as ignored with the reason, answering nothing", async () => {
    const before = await caseCount();
    const outboxBefore = (await h.db.db.selectFrom("notifications_outbox").select("id").execute()).length;
    await deliver(
      email({ from: "away@example.org", subject: "Out of office", text: "I am away until Monday.", headers: { "Auto-Submitted": "auto-replied" } }),
      email({ from: "list@example.org", subject: "Newsletter", text: "News.", headers: { Precedence: "bulk" } }),
      email({ from: "someone@example.org", subject: "Auto: thanks", text: "Thanks.", headers: { "X-Autoreply": "yes" } }),
      email({ from: "MAILER-DAEMON@mx.example.org", subject: "Warning", text: "Still trying." }),
      email({ from: COUNCIL_ADDRESS, subject: "Your complaint", text: "Our own message came back.", messageId: `<outbox-77.${h.council.councilId.slice(0, 8)}@exampleton.gov.uk>` }),
    );
    expect((await poll()).byOutcome).toEqual({ ignored: 5 });
    expect(await caseCount()).toBe(before);
    expect((await h.db.db.selectFrom("notifications_outbox").select("id").execute()).length).toBe(outboxBefore);
    const reasons = (await (await h.as("complaints-manager")).inbound.list({ limit: 5 })).map((r) => r.reason);
    expect(reasons).toEqual(
      expect.arrayContaining([
        "automatic message (Auto-Submitted: auto-replied)",
        "bulk or automatic mail (Precedence: bulk)",
        "automatic reply (X-Autoreply)",
        "sent by a mail system (mailer-daemon)",
        "our own message came back to the mailbox (mail loop)",
      ]),
    );
  });

  it("passes a delivery failure report (RFC 3464) to onBounce with the Message-ID of our message that bounced", async () => {
    const ours = `<outbox-12.${h.council.councilId.slice(0, 8)}@exampleton.gov.uk>`;
    const dsn = Buffer.from(
      [
        "From: Mail Delivery System <MAILER-DAEMON@mx.exampleton.gov.uk>",
        `To: ${COUNCIL_ADDRESS}`,
        "Subject: Undelivered Mail Returned to Sender",
        `Message-ID: <dsn-${Date.now()}@mx.exampleton.gov.uk>`,
        "Auto-Submitted: auto-replied",
        "MIME-Version: 1.0",
        'Content-Type: multipart/report; report-type=delivery-status; boundary="r1"',
        "",
        "--r1",
        "Content-Type: text/plain",
        "",
        "Your message could not be delivered to one or more recipients.",
        "--r1",
        "Content-Type: message/delivery-status",
        "",
        "Reporting-MTA: dns; mx.exampleton.gov.uk",
        "",
        "Final-Recipient: rfc822; nobody@example.org",
        "Action: failed",
        "Status: 5.1.1",
        "Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address rejected: User unknown",
        "--r1",
        "Content-Type: text/rfc822-headers",
        "",
        `From: ${COUNCIL_ADDRESS}`,
        "To: nobody@example.org",
        `Message-ID: ${ours}`,
        "Subject: Your complaint EXB-2026-000001",
        "--r1--",
        "",
      ].join("\r\n"),
    );
    await deliver(dsn);
    expect((await poll()).byOutcome).toEqual({ bounce: 1 });
    expect(bounces).toHaveLength(1);
    expect(bounces[0]).toMatchObject({ councilId: h.council.councilId, messageId: ours });
    expect(bounces[0]!.reason).toContain("5.1.1");
    expect(bounces[0]!.reason).toContain("nobody@example.org");
    expect((await (await h.as("complaints-manager")).inbound.list({ limit: 1 }))[0]).toMatchObject({ outcome: "bounce", case: null });
  });

  it("does not add to a case an email quoting its reference from someone else (a forged reference): a new case for triage says so", async () => {
    const logged = await logCase("carol.owner@example.com", "Carol Owner");
    const before = (await detail(logged.caseId)).timeline.length;
    await deliver(email({ from: "mallory@example.net", subject: `Re: ${logged.reference}`, text: "Please send me everything you hold on this case." }));
    expect((await poll()).byOutcome).toEqual({ "forged-reference": 1 });
    expect((await detail(logged.caseId)).timeline.length).toBe(before);
    const [row] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    expect(row).toMatchObject({ outcome: "forged-reference", quotedReference: logged.reference, from: "mallory@example.net" });
    const draft = await detail(row!.case!.caseId);
    expect(draft.status).toBe("new");
    expect(draft.description).toContain(`quotes case ${logged.reference} but was not sent from the email address of that case's customer or representative`);
  });

  it("a reply from the case's representative (their email is in their contact details) lands on the case, not as a forged reference", async () => {
    const cso = await h.as("customer-services");
    const logged = await cso.cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "My constituent was charged twice.",
      customer: { fullName: "Iris Constituent", email: "iris.constituent@example.com" },
      representative: { name: "Jo Member MP", role: "mp", consent: { basis: "written", recordedOn: "2026-03-02" }, replyTo: "representative" },
    });
    await cso.cases.updateContact({ caseId: logged.caseId, party: "representative", details: { contactChannel: "email", email: "jo.member@parliament.example" } });
    const before = (await detail(logged.caseId)).contacts.length;
    await deliver(email({ from: "Jo Member MP <Jo.Member@parliament.example>", subject: `Re: ${logged.reference}`, text: "My constituent has sent me the bank statement." }));
    expect((await poll()).byOutcome).toEqual({ "added-to-case": 1 });
    const after = await detail(logged.caseId);
    expect(after.contacts.length).toBe(before + 1);
    expect(after.contacts.at(-1)!.summary).toContain("My constituent has sent me the bank statement.");
    const [row] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    expect(row).toMatchObject({ outcome: "added-to-case", case: { caseId: logged.caseId } });
  });

  it("a reply to a closed case: added to it for a complaints manager to decide on reopening, or a new case, as the council's setting says", async () => {
    const logged = await logCase("dan.closed@example.com", "Dan Closed");
    await (await h.as("complaints-manager")).command.withdraw({ caseId: logged.caseId, expectedVersion: logged.version, reason: "The customer withdrew it by phone" });
    await deliver(email({ from: "dan.closed@example.com", subject: `Re: ${logged.reference}`, text: "Actually the problem is back." }));
    expect((await poll()).byOutcome).toEqual({ "closed-case-reply": 1 });
    const closed = await detail(logged.caseId);
    expect(closed.status).toBe("closed");
    expect(closed.contacts.at(-1)!.summary).toContain("Reply after closure: a complaints manager decides whether to reopen the case.");
    expect(closed.available).toContain("reopen");
    const alert = await h.db.db.selectFrom("notifications_outbox").selectAll().where("case_id", "=", logged.caseId).where("kind", "=", "case-notification").execute();
    expect(alert.map((a) => (a.payload as { subject: string }).subject)).toContain(`${logged.reference}: reply after closure, decide whether to reopen`);
    expect(alert.map((a) => (a.recipient as { staffId?: string }).staffId)).toContain(h.staffIds.get("complaints-manager"));

    // The other setting: a new case that names the closed one.
    const runtime = await h.deps.councils.get(h.council.councilId);
    const profile = { ...runtime.profile, correspondence: { ...runtime.profile.correspondence, replyToClosedCase: "new-case" as const } };
    await organisationRepository.saveProfile(h.db.db, h.council.councilId, profile as typeof runtime.profile & { name: string }, h.clock.now());
    h.deps.councils.forget(h.council.councilId);
    const contacts = closed.contacts.length;
    await deliver(email({ from: "dan.closed@example.com", subject: `Re: ${logged.reference}`, text: "And again." }));
    expect((await poll()).byOutcome).toEqual({ "closed-case-new-case": 1 });
    expect((await detail(logged.caseId)).contacts.length).toBe(contacts);
    const [row] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    const fresh = await detail(row!.case!.caseId);
    expect(fresh).toMatchObject({ status: "new", customer: { name: "Dan Closed" } });
    expect(fresh.description).toContain(`A reply about case ${logged.reference}, which is closed`);
    await organisationRepository.saveProfile(h.db.db, h.council.councilId, { ...runtime.profile }, h.clock.now());
    h.deps.councils.forget(h.council.councilId);
  });

  it("keeps HTML mail as safe text only (scripts and markup dropped), lists an attachment over the limit as not kept, and records an email with no text as such", async () => {
    const logged = await logCase("erin.html@example.com", "Erin Html");
    await deliver(
      email({
        from: "erin.html@example.com",
        subject: `Re: ${logged.reference}`,
        html: "<html><head><script>alert('stolen')</script><style>p{color:red}</style></head><body><p>The <b>leak</b> is back.</p><img src=x onerror=alert(1)><script>document.cookie</script></body></html>",
        files: [{ name: "video.pdf", type: "application/pdf", bytes: Buffer.concat([PDF, Buffer.alloc(LIMIT + 1, 32)]) }],
      }),
    );
    await deliver(email({ from: "erin.html@example.com", subject: `Re: ${logged.reference}`, text: null }));
    expect((await poll()).byOutcome).toEqual({ "added-to-case": 2 });
    const after = await detail(logged.caseId);
    const [html, empty] = after.contacts.slice(-2).map((c) => c.summary);
    expect(html).toContain("The leak is back.");
    expect(html).not.toMatch(/<|script|alert|cookie|onerror/i);
    expect(html).toContain("Attachment video.pdf not kept: too large");
    expect(empty).toContain("(The email had no text.)");
    expect((await (await h.as("complaints-manager")).attachments.list({ caseId: logged.caseId })).attachments).toEqual([]);
    const rows = await (await h.as("complaints-manager")).inbound.list({ limit: 2 });
    expect(rows.map((r) => r.reason)).toEqual(expect.arrayContaining(["the email had no text", expect.stringContaining("video.pdf not kept: too large")]));
  });

  it("lists the whole text of a long email as not kept when it is over the file limit, and still adds the email to its case (one message cannot stop the mailbox)", async () => {
    const logged = await logCase("ivy.long@example.com", "Ivy Long");
    const id = `<long-${Date.now()}@example.com>`;
    await deliver(email({ from: "ivy.long@example.com", subject: `Re: ${logged.reference}`, text: `The whole story. ${"It happened again and again. ".repeat(Math.ceil((LIMIT + 1000) / 29))}`, messageId: id }));
    expect((await poll()).byOutcome).toEqual({ "added-to-case": 1 });
    const after = await detail(logged.caseId);
    expect(after.contacts.at(-1)!.summary).toContain("The whole story.");
    expect(after.contacts.at(-1)!.summary).toContain("email-text.txt not kept: too large");
    expect(await folder("Processed")).toContainEqual({ messageId: id, seen: true });
    const [row] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    expect(row).toMatchObject({ outcome: "added-to-case", attachments: { kept: [], notKept: [{ fileName: "email-text.txt" }] } });
  });

  it("records a message too large to read without reading it, for staff, and moves it out of the way", async () => {
    const id = `<huge-${Date.now()}@example.org>`;
    await deliver(email({ from: "fred@example.org", subject: "Photos", text: "x".repeat(5000), messageId: id }));
    expect((await poll({ maxMessageBytes: 2000 })).byOutcome).toEqual({ "too-large": 1 });
    const [row] = await (await h.as("complaints-manager")).inbound.list({ limit: 1 });
    expect(row).toMatchObject({ outcome: "too-large", from: "fred@example.org", subject: "Photos", case: null });
    expect(row!.reason).toContain("it was not read");
    expect(await folder("Processed")).toContainEqual({ messageId: id, seen: true });
  });

  it("loses nothing and processes nothing twice: a failure mid-run leaves the message for the next run, and a message read again changes nothing", async () => {
    const before = await caseCount();
    const failing = `<dsn-fail-${Date.now()}@mx.example>`;
    const ours = `<outbox-99.${h.council.councilId.slice(0, 8)}@exampleton.gov.uk>`;
    const dsn = Buffer.from(
      [`From: MAILER-DAEMON@mx.example`, `To: ${COUNCIL_ADDRESS}`, "Subject: failure", `Message-ID: ${failing}`, "MIME-Version: 1.0", 'Content-Type: multipart/report; report-type=delivery-status; boundary="z"', "", "--z", "Content-Type: message/delivery-status", "", "Final-Recipient: rfc822; x@example.org", "Action: failed", "Status: 5.0.0", "--z", "Content-Type: text/rfc822-headers", "", `Message-ID: ${ours}`, "--z--", ""].join("\r\n"),
    );
    const first = email({ from: "gina@example.org", subject: "Potholes", text: "The potholes on my road." });
    await deliver(first, dsn);
    // The database write of the second message fails (here: inside its transaction).
    const broken = pollMailbox(h.deps, settings, {
      onBounce: async () => {
        throw new Error("the database went away");
      },
    });
    await expect(broken).rejects.toThrow("the database went away");
    expect(await caseCount()).toBe(before + 1);
    expect((await folder("INBOX")).map((m) => m.messageId)).toEqual([failing]);
    expect((await folder("INBOX"))[0]!.seen).toBe(false);

    // The mailbox is down: the run fails, nothing is written, the message waits.
    await imap.halt();
    await expect(poll()).rejects.toThrow();
    await imap.resume();

    expect((await poll()).byOutcome).toEqual({ bounce: 1 });
    expect(bounces.filter((b) => b.messageId === ours)).toHaveLength(1);

    // The same message again (a crash after the commit, before it was marked done): no second case.
    await deliver(first);
    expect((await poll()).byOutcome).toEqual({ "already-recorded": 1 });
    expect(await caseCount()).toBe(before + 1);
    expect(await processMessage(h.deps, first, { onBounce })).toMatchObject({ done: true, outcome: "already-recorded" });
    expect(await folder("INBOX")).toEqual([]);
  });

  it("a message with no Message-ID is known by its content: read twice, recorded once", async () => {
    const before = await caseCount();
    const raw = email({ from: "hal@example.org", subject: "No id", text: "My message has no Message-ID.", messageId: null });
    expect(await processMessage(h.deps, raw, { onBounce })).toMatchObject({ done: true, outcome: "new-case" });
    expect(await processMessage(h.deps, raw, { onBounce })).toMatchObject({ done: true, outcome: "already-recorded" });
    expect(await caseCount()).toBe(before + 1);
  });

  it("shows the mailbox's record to complaints managers only", async () => {
    expect(await (await h.as("complaints-manager")).inbound.status()).toEqual({ connected: true, mailbox: `INBOX at ${imap.host}` });
    expect((await refusal((await h.as("investigating-officer")).inbound.status())).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("investigating-officer")).inbound.list({ limit: 5 }))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("administrator")).inbound.list({ limit: 5 }))).code).toBe("FORBIDDEN");
  });
});

describe("a server without a mailbox", () => {
  it("says it reads none, so an empty record is not taken for 'no email came' (IMAP_URL not set)", async () => {
    const h = await openHarness();
    try {
      expect(await (await h.as("complaints-manager")).inbound.status()).toEqual({ connected: false, mailbox: null });
    } finally {
      await h.close();
    }
  });
});

describe("which failures stop the mailbox's run", () => {
  it("records a refusal that will not change (core's rules, a file refused) as failed, and leaves a conflict or a fault of the program for the next run", () => {
    expect(isRefusal(new AttachmentRejectedError("too-large", "The file is too large"))).toBe(true);
    expect(isRefusal(new DomainError("LETTER_NOT_POSSIBLE", "There is no address to write to", null))).toBe(true);
    expect(isRefusal(new ConflictError("case-1", 3, 4, []))).toBe(false);
    expect(isRefusal(new TypeError("undefined is not a function"))).toBe(false);
  });
});
