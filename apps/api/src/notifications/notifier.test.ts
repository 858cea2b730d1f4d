/**
 * Writing to residents (issue 15; docs/decisions/0318-writing-to-residents.md): a correspondence
 * message in the outbox reaches a real SMTP server with its letter attached and our Message-ID,
 * or GOV.UK Notify's official client reaches the local Notify server (tooling/notify-local);
 * retries back off; a message is never sent twice; failures are recorded with their reason.
 */
import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import net from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { OutboxEntry } from "@complaints/db";
import { startLocalNotify, type LocalNotify } from "@complaints/notify-local";
import { startSmtpSink } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deadWorkerBeganSending, openHarness, type Harness } from "../../test/harness.js";
import { directoryTransport } from "./directory.js";
import { LEASE_SECONDS } from "./notifier.js";
import { notifyTransport } from "./notify.js";
import { smtpTransport } from "./smtp.js";

/**
 * A case whose acknowledgement letter its step issued (decision 0321): the complaint came by
 * post, so the step's own message goes to the print room and every email here is the test's.
 */
async function caseWithLetter(h: Harness, name: string) {
  const manager = await h.as("complaints-manager");
  const { caseId, reference } = await manager.cases.log({
    kind: "complaint",
    channel: "post",
    serviceId: "council-tax",
    description: "My bill is wrong.",
    desiredOutcome: "A correct bill",
    customer: { fullName: name, address: "1 Long Road\nExampleton", postcode: "EX1 2AB" },
  });
  let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
  v = (await manager.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("complaints-manager")! })).version;
  const acknowledged = await manager.command.acknowledge({ caseId, expectedVersion: v });
  const letterId = acknowledged.letters.find((l) => l.kind === "acknowledgement")?.letterId;
  if (!letterId) throw new Error("the acknowledgement step issued no letter");
  // The step's own message goes now, so what each test counts is only its own.
  await h.deps.notifier.deliverPending();
  return { caseId, reference, letterId, councilId: h.council.councilId };
}

type Channel = "email" | "sms" | "post";

async function enqueue(h: Harness, c: { caseId: string; reference: string; councilId: string }, channel: Channel, extra: { payload?: Record<string, unknown>; recipient?: Record<string, unknown>; n?: number } = {}) {
  const [id] = await h.deps.notifier.enqueue(h.db.db, [
    {
      councilId: c.councilId,
      caseId: c.caseId,
      kind: "correspondence",
      recipient: { party: "customer", name: "Ann Resident", email: "resident@example.org", phone: "07700900123", ...extra.recipient },
      payload: { channel, purpose: "acknowledgement", stageId: null, reference: c.reference, language: "en", subject: `Your complaint ${c.reference}`, text: `Dear Ann,\n\nWe have your complaint ${c.reference}.`, ...extra.payload },
      dedupeKey: `acknowledgement:${c.caseId}:-:${channel}:${extra.n ?? 0}`,
    },
  ]);
  return id!;
}

const row = (h: Harness, id: number) => h.db.db.selectFrom("notifications_outbox").selectAll().where("id", "=", id).executeTakeFirstOrThrow();

describe("correspondence by email through a real SMTP server", () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  const told: Array<{ entry: OutboxEntry; sentAt: Date; rowStatus: string }> = [];

  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      transport: smtpTransport(smtp.url),
      profile: (p) => ({ ...p, correspondence: { fromName: "Exampleton Council complaints", fromEmail: "complaints@exampleton.gov.uk", replyTo: "replies@exampleton.gov.uk" } }),
    });
    h.deps.notifier.onSent(async (trx, entry, sentAt) => {
      const { status } = await trx.selectFrom("notifications_outbox").select("status").where("id", "=", entry.id).executeTakeFirstOrThrow();
      told.push({ entry, sentAt, rowStatus: status });
    });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it("sends the message from the council's sender with the letter attached, our Message-ID and the tracking code, then blanks the code", async () => {
    const c = await caseWithLetter(h, "Ann Attached");
    const id = await enqueue(h, c, "email", { payload: { letterId: c.letterId, purpose: "receipt", text: "Your tracking code is {{trackingCode}}.", trackingCode: "ABCD-EFGH-JKLM" } });
    // Staff never see a receipt's tracking code, even before it is sent.
    const outbox = await (await h.as("complaints-manager")).notifications.outbox({});
    expect(outbox.find((n) => n.id === id)?.payload).not.toHaveProperty("trackingCode");

    const report = await h.deps.notifier.deliverPending();
    expect(report).toMatchObject({ sent: 1, failed: 0 });
    const mails = smtp.received.filter((m) => m.data.includes(c.reference));
    expect(mails).toHaveLength(1);
    const mail = mails[0]!.data;
    expect(mails[0]!.to).toBe("resident@example.org");
    expect(mail).toMatch(/^From: Exampleton Council complaints <complaints@exampleton\.gov\.uk>$/m);
    expect(mail).toMatch(/^Reply-To: replies@exampleton\.gov\.uk$/m);
    const messageId = `<outbox-${id}.${c.councilId.replace(/-/g, "").slice(0, 8)}@exampleton.gov.uk>`;
    expect(mail).toContain(`Message-ID: ${messageId}`);
    expect(mail).toContain("Your tracking code is ABCD-EFGH-JKLM.");
    // The issued letter's PDF, byte for byte.
    expect(mail).toMatch(/Content-Type: application\/pdf; name=.*acknowledgement\.pdf/);
    const base64 = /Content-Disposition: attachment[^\r\n]*\r?\n(?:[^\r\n]+\r?\n)*\r?\n([A-Za-z0-9+/=\r\n]+)/.exec(mail)![1]!;
    const { pdf } = await (await import("@complaints/db")).letterRepository.getLetterPdf(h.db.db, c.letterId);
    expect(Buffer.from(base64.replace(/\s/g, ""), "base64").equals(Buffer.from(pdf))).toBe(true);

    const stored = await row(h, id);
    expect(stored).toMatchObject({ status: "sent", provider: "smtp", message_id: messageId, attempts: 1 });
    expect(stored.payload).not.toHaveProperty("trackingCode");
    // onSent ran once, inside the transaction that marked it sent.
    expect(told.filter((t) => t.entry.id === id)).toMatchObject([{ rowStatus: "sent", sentAt: stored.sent_at }]);

    // Run again: nothing more is sent.
    await h.deps.notifier.deliverPending();
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(1);
  });

  it("fails a message the SMTP server refuses with 5xx at once, and retries a 4xx with growing waits", async () => {
    const c = await caseWithLetter(h, "Bea Bounce");
    smtp.reject(550, "Mailbox unavailable");
    const refused = await enqueue(h, c, "email", { n: 1 });
    await h.deps.notifier.deliverPending();
    expect(await row(h, refused)).toMatchObject({ status: "failed", attempts: 1, last_error: expect.stringMatching(/refused it.*Mailbox unavailable/) });

    smtp.reject(451, "Try again later");
    smtp.reject(451, "Try again later");
    const later = await enqueue(h, c, "email", { n: 2 });
    await h.deps.notifier.deliverPending();
    const first = await row(h, later);
    expect(first).toMatchObject({ status: "queued", attempts: 1 });
    expect(first.available_at.getTime() - h.clock.now().getTime()).toBe(60_000);
    await h.deps.notifier.deliverPending();
    expect((await row(h, later)).attempts).toBe(1); // not yet due
    h.clock.advance(60_000);
    await h.deps.notifier.deliverPending();
    const second = await row(h, later);
    expect(second).toMatchObject({ status: "queued", attempts: 2 });
    expect(second.available_at.getTime() - h.clock.now().getTime()).toBe(120_000);
    h.clock.advance(120_000);
    await h.deps.notifier.deliverPending();
    expect(await row(h, later)).toMatchObject({ status: "sent", attempts: 3 });
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(1);
  });

  it("gives up after the most attempts", async () => {
    const c = await caseWithLetter(h, "Cal Capped");
    const id = await enqueue(h, c, "email");
    await h.db.db.updateTable("notifications_outbox").set({ max_attempts: 2 }).where("id", "=", id).execute();
    smtp.reject(421, "Busy");
    smtp.reject(421, "Busy");
    await h.deps.notifier.deliverPending();
    h.clock.advance(60_000);
    await h.deps.notifier.deliverPending();
    expect(await row(h, id)).toMatchObject({ status: "failed", attempts: 2, last_error: expect.stringMatching(/Busy/) });
  });

  it("fails a text message at once: SMTP cannot send one", async () => {
    const c = await caseWithLetter(h, "Dee Digits");
    const id = await enqueue(h, c, "sms");
    await h.deps.notifier.deliverPending();
    expect(await row(h, id)).toMatchObject({ status: "failed", last_error: expect.stringMatching(/Text messages need GOV\.UK Notify/) });
  });

  it("never sends again a message whose connection dropped after the server took it: it becomes uncertain, for staff to check", async () => {
    const c = await caseWithLetter(h, "Fay Faded");
    const id = await enqueue(h, c, "email");
    smtp.dropAfterData();
    const report = await h.deps.notifier.deliverPending();
    expect(report.uncertain).toBe(1);
    expect(await row(h, id)).toMatchObject({ status: "uncertain", attempts: 1, last_error: expect.stringMatching(/may or may not have been sent/) });
    h.clock.advance(3_600_000);
    await h.deps.notifier.deliverPending();
    // The resident has it once: the server kept it before the connection went.
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(1);
  });

  it("never sends again a message its worker left mid-send: it becomes uncertain, for staff to check", async () => {
    const c = await caseWithLetter(h, "Eve Emptied");
    const id = await enqueue(h, c, "email");
    // A worker claimed it (committed "sending") and died before it could record the outcome.
    await deadWorkerBeganSending(h, LEASE_SECONDS);
    await h.deps.notifier.deliverPending();
    expect((await row(h, id)).status).toBe("sending"); // its lease has not run out
    h.clock.advance((LEASE_SECONDS + 1) * 1000);
    const report = await h.deps.notifier.deliverPending();
    expect(report.uncertain).toBe(1);
    expect(await row(h, id)).toMatchObject({ status: "uncertain", last_error: expect.stringMatching(/may or may not have been sent.*check with the resident and resend/) });
    h.clock.advance(3_600_000);
    await h.deps.notifier.deliverPending();
    expect(smtp.received.filter((m) => m.data.includes(c.reference))).toHaveLength(0);
  });
});

describe("correspondence through GOV.UK Notify (the local Notify server, Notify's own client)", () => {
  const TEMPLATES = { email: "0d4f1a52-0b8e-4f5e-9c51-2f3a4b5c6d01", emailWithFile: "0d4f1a52-0b8e-4f5e-9c51-2f3a4b5c6d02", sms: "0d4f1a52-0b8e-4f5e-9c51-2f3a4b5c6d03" };
  let h: Harness;
  let notify: LocalNotify;

  beforeAll(async () => {
    // The templates as docs/notify-templates.md tells a council to make them.
    notify = await startLocalNotify({
      templates: {
        [TEMPLATES.email]: { type: "email", subject: "((subject))", body: "((body))" },
        [TEMPLATES.emailWithFile]: { type: "email", subject: "((subject))", body: "((body))\n\nRead your letter: ((link_to_file))" },
        [TEMPLATES.sms]: { type: "sms", body: "((body))" },
      },
    });
    const settings = { apiKey: notify.apiKey, baseUrl: notify.url, templates: TEMPLATES };
    h = await openHarness({ start: "2026-03-02T09:00:00Z", config: { mail: { transport: "notify", from: "complaints@localhost" }, notify: settings, lettersBy: "notify" } });
  });
  afterAll(async () => {
    await h?.close();
    await notify?.close();
  });

  const at = (reference: string) => notify.notifications.filter((n) => n.reference === reference);
  const ref = (id: number) => `outbox-${id}.${h.council.councilId.replace(/-/g, "").slice(0, 8)}`;

  it("sends an email with the letter as Notify's file link, a text message and a precompiled letter, each under our reference", async () => {
    const c = await caseWithLetter(h, "Fay Files");
    const email = await enqueue(h, c, "email", { payload: { letterId: c.letterId } });
    const sms = await enqueue(h, c, "sms", { payload: { text: "Your complaint {{trackingCode}}", trackingCode: "WXYZ" } });
    const post = await enqueue(h, c, "post", { payload: { letterId: c.letterId } });
    expect(await h.deps.notifier.deliverPending()).toMatchObject({ sent: 3, failed: 0 });

    const [mail] = at(ref(email));
    expect(mail).toMatchObject({ type: "email", templateId: TEMPLATES.emailWithFile, emailAddress: "resident@example.org", subject: `Your complaint ${c.reference}` });
    expect(mail!.body).toContain(`We have your complaint ${c.reference}.`);
    const { pdf } = await (await import("@complaints/db")).letterRepository.getLetterPdf(h.db.db, c.letterId);
    expect(mail!.files).toHaveLength(1);
    expect(mail!.files[0]).toMatchObject({ filename: expect.stringMatching(/acknowledgement\.pdf$/), confirmEmailBeforeDownload: true });
    expect(mail!.files[0]!.content.equals(Buffer.from(pdf))).toBe(true);
    expect(at(ref(sms))).toMatchObject([{ type: "sms", phoneNumber: "07700900123", body: "Your complaint WXYZ" }]);
    expect(at(ref(post))).toMatchObject([{ type: "letter", postage: "second" }]);
    expect(at(ref(post))[0]!.files[0]!.content.equals(Buffer.from(pdf))).toBe(true);
    for (const id of [email, sms, post]) expect(await row(h, id)).toMatchObject({ status: "sent", provider: "notify", provider_id: at(ref(id))[0]!.id });
    expect((await row(h, sms)).payload).not.toHaveProperty("trackingCode");
  });

  it("reads delivery back from Notify: delivered, or a permanent failure recorded with its reason", async () => {
    const c = await caseWithLetter(h, "Gus Gone");
    const good = await enqueue(h, c, "email", { n: 1 });
    const bad = await enqueue(h, c, "email", { n: 2, recipient: { email: "nobody@example.org" } });
    await h.deps.notifier.deliverPending();
    expect(await h.deps.notifier.pollStatuses()).toMatchObject({ delivered: 0, failed: 0 });
    notify.setStatus(ref(good), "delivered");
    notify.setStatus(ref(bad), "permanent-failure");
    const polled = await h.deps.notifier.pollStatuses();
    expect(polled).toMatchObject({ delivered: 1, failed: 1 });
    expect(await row(h, good)).toMatchObject({ status: "delivered", delivered_at: h.clock.now() });
    expect(await row(h, bad)).toMatchObject({ status: "failed", last_error: "The email to the resident was not delivered: the address or number does not exist (permanent failure)" });
  });

  it("retries when Notify is busy, and adopts what Notify kept when its answer was lost, never sending twice", async () => {
    const c = await caseWithLetter(h, "Hal Hiccup");
    notify.failNext(1, { status: 500 });
    const busy = await enqueue(h, c, "email", { n: 3 });
    await h.deps.notifier.deliverPending();
    expect(await row(h, busy)).toMatchObject({ status: "queued", attempts: 1, last_error: expect.stringMatching(/answered 500/) });
    h.clock.advance(60_000);
    await h.deps.notifier.deliverPending();
    expect(await row(h, busy)).toMatchObject({ status: "sent", attempts: 2 });
    expect(at(ref(busy))).toHaveLength(1);

    notify.failNext(1, "drop");
    const lost = await enqueue(h, c, "email", { n: 4 });
    await h.deps.notifier.deliverPending();
    expect((await row(h, lost)).status).toBe("sending");
    await h.deps.notifier.deliverPending();
    expect(await row(h, lost)).toMatchObject({ status: "sent", provider_id: at(ref(lost))[0]!.id });
    expect(at(ref(lost))).toHaveLength(1);

    // A worker that died before Notify had the message: found nowhere, so sent (once).
    const died = await enqueue(h, c, "email", { n: 5 });
    await deadWorkerBeganSending(h, LEASE_SECONDS);
    h.clock.advance((LEASE_SECONDS + 1) * 1000);
    await h.deps.notifier.deliverPending();
    // Queued again as a counted attempt, after the usual wait.
    expect(await row(h, died)).toMatchObject({ status: "queued", attempts: 1, last_error: expect.stringMatching(/never received it/) });
    h.clock.advance(60_000);
    await h.deps.notifier.deliverPending();
    expect(await row(h, died)).toMatchObject({ status: "sent" });
    expect(at(ref(died))).toHaveLength(1);
  });

  it("after staff resend a failed message, a cut-off send is looked up under the resend's own reference: the first, failed send is not adopted", async () => {
    const c = await caseWithLetter(h, "Jo Again");
    const id = await enqueue(h, c, "email", { n: 7 });
    await h.deps.notifier.deliverPending();
    notify.setStatus(ref(id), "permanent-failure");
    await h.deps.notifier.pollStatuses();
    expect((await row(h, id)).status).toBe("failed");

    const manager = await h.as("complaints-manager");
    await manager.cases.updateContact({ caseId: c.caseId, party: "customer", details: { email: "resident@example.org", address: "1 Long Road\nExampleton", postcode: "EX1 2AB" } });
    await manager.correspondence.resend({ caseId: c.caseId, outboxId: id });
    // The resend's worker dies before Notify has it: Notify holds only the first, failed send.
    await deadWorkerBeganSending(h, LEASE_SECONDS);
    h.clock.advance((LEASE_SECONDS + 1) * 1000);
    await h.deps.notifier.deliverPending();
    expect(await row(h, id)).toMatchObject({ status: "queued", last_error: expect.stringMatching(/never received it/) });
    h.clock.advance(60_000);
    await h.deps.notifier.deliverPending();
    const resent = notify.notifications.filter((n) => n.reference?.startsWith(`${ref(id)}.r`));
    expect(resent).toHaveLength(1);
    expect(await row(h, id)).toMatchObject({ status: "sent", provider_id: resent[0]!.id });
  });

  it("counts a send Notify never received as an attempt: out of attempts, it fails for staff instead of going round for ever", async () => {
    const c = await caseWithLetter(h, "Ivy Idem");
    const id = await enqueue(h, c, "email", { n: 6 });
    await h.db.db.updateTable("notifications_outbox").set({ max_attempts: 1 }).where("id", "=", id).execute();
    await deadWorkerBeganSending(h, LEASE_SECONDS);
    h.clock.advance((LEASE_SECONDS + 1) * 1000);
    expect(await h.deps.notifier.deliverPending()).toMatchObject({ failed: 1 });
    expect(await row(h, id)).toMatchObject({ status: "failed", attempts: 1 });
    h.clock.advance(3_600_000);
    await h.deps.notifier.deliverPending();
    expect(at(ref(id))).toHaveLength(0);
  });

  it("fails at once a letter larger than Notify accepts, by email or by post, saying why", async () => {
    const c = await caseWithLetter(h, "Jo Jumbo");
    // A letter of 6 MB: over Notify's 2 MB for a file sent by email and 5 MB for a precompiled letter.
    const { letterRepository } = await import("@complaints/db");
    const big = await letterRepository.issueLetter(h.db.db, {
      caseId: c.caseId,
      kind: "other",
      recipient: { name: "Jo Jumbo" },
      issuedAt: h.clock.now(),
      pdf: Buffer.concat([Buffer.from("%PDF-1.7\n"), Buffer.alloc(6 * 1024 * 1024, 32), Buffer.from("\n%%EOF\n")]),
    });
    const email = await enqueue(h, c, "email", { n: 7, payload: { letterId: big.id } });
    const post = await enqueue(h, c, "post", { n: 7, payload: { letterId: big.id } });
    expect(await h.deps.notifier.deliverPending()).toMatchObject({ sent: 0, failed: 2 });
    expect(await row(h, email)).toMatchObject({ status: "failed", attempts: 1, last_error: "The letter is larger than GOV.UK Notify accepts (2 MB for an email attachment)" });
    expect(await row(h, post)).toMatchObject({ status: "failed", attempts: 1, last_error: "The letter is larger than GOV.UK Notify accepts (5 MB for a letter by post)" });
    expect([...at(ref(email)), ...at(ref(post))]).toHaveLength(0);
  });
});

describe("without email, and into a folder", () => {
  let h: Harness;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "mail-"));
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
  });
  afterAll(async () => {
    await h?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("keeps email waiting when no transport is set up, while post still goes to the print room", async () => {
    // The acknowledgement step's own post row went to the print room as the case was made.
    const c = await caseWithLetter(h, "Ida Idle");
    const { id: post } = await h.db.db.selectFrom("notifications_outbox").select("id").where("case_id", "=", c.caseId).where("channel", "=", "post").executeTakeFirstOrThrow();
    const email = await enqueue(h, c, "email");
    expect(await h.deps.notifier.deliverPending()).toMatchObject({ sent: 0, toPrintRoom: 0 });
    expect(await row(h, email)).toMatchObject({ status: "queued", attempts: 0 });
    expect(await row(h, post)).toMatchObject({ status: "sending", provider: "print-room" });
    const posting = await h.db.db.selectFrom("letter_postings").selectAll().where("letter_id", "=", c.letterId).executeTakeFirstOrThrow();
    expect(posting).toMatchObject({ outbox_id: post, batch_id: null });
  });

  it("writes each email as an .eml file a mail program opens, with the letter attached", async () => {
    const transport = directoryTransport(dir);
    const sent = await transport.sendEmail({
      to: "resident@example.org",
      from: { name: "Exampleton Council", address: "complaints@exampleton.gov.uk" },
      replyTo: null,
      subject: "Your complaint",
      text: "Hello",
      messageId: "<outbox-1.abcdef12@exampleton.gov.uk>",
      reference: "outbox-1.abcdef12",
      attachment: { filename: "letter.pdf", content: new TextEncoder().encode("%PDF-1.7\n%%EOF\n") },
    });
    const files = await readdir(dir);
    expect(files).toEqual([expect.stringMatching(/outbox-1\.abcdef12\.eml$/)]);
    expect(sent.providerId).toBe(path.join(dir, files[0]!));
    const eml = await readFile(path.join(dir, files[0]!), "utf8");
    expect(eml).toContain("Message-ID: <outbox-1.abcdef12@exampleton.gov.uk>");
    expect(eml).toMatch(/^To: resident@example\.org\r$/m);
    expect(eml).toContain("Content-Type: application/pdf; name=letter.pdf");
  });
});

describe("a Notify request that gets no answer", () => {
  const apiKey = `x-${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}-${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`;
  const templates = { email: "0d4f1a52-0b8e-4f5e-9c51-2f3a4b5c6d01", emailWithFile: null, sms: null };
  const send = (baseUrl: string) =>
    notifyTransport({ apiKey, baseUrl, templates }, 500)
      .sendEmail({ to: "a@example.org", from: { name: null, address: "x@example.org" }, replyTo: null, subject: "s", text: "t", messageId: "<m@x>", reference: "r", attachment: null })
      .catch((e: unknown) => e);

  it("is looked up later, not sent again: the request may have reached Notify", async () => {
    // A server that takes the request and never answers.
    const silent = net.createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const error = await send(`http://127.0.0.1:${(silent.address() as net.AddressInfo).port}`);
    silent.close();
    // No answer at all: Notify may have it, so it is looked up by reference rather than sent again.
    expect(error).toMatchObject({ name: "SendError", outcome: "unknown" });
  });

  it("is retried when Notify cannot be reached at all (nothing listening, a name that does not resolve): nothing was sent", async () => {
    const closed = net.createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as net.AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    expect(await send(`http://127.0.0.1:${port}`)).toMatchObject({ name: "SendError", outcome: "retry", message: expect.stringMatching(/Could not reach GOV\.UK Notify/) });
    expect(await send("http://notify.invalid")).toMatchObject({ name: "SendError", outcome: "retry" });
  });
});
