import { NotifyClient } from "notifications-node-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkToken, startLocalNotify, tokenFor, type LocalNotify } from "./index.js";

const EMAIL = "8c3c0a44-5f41-4a43-9f0b-6a2f5a0c6e01";
const SMS = "2f0d6c7e-1b0a-4f3c-8a9e-3c5d7e9f1a22";

let notify: LocalNotify;
let client: InstanceType<typeof NotifyClient>;

beforeAll(async () => {
  notify = await startLocalNotify({
    templates: { [EMAIL]: { type: "email", subject: "((subject))", body: "((body))\n\n((link_to_file))" }, [SMS]: { type: "sms", body: "((body))" } },
  });
  client = new NotifyClient(notify.url, notify.apiKey);
});
afterAll(() => notify?.close());

const status = (error: unknown) => (error as { response?: { status: number; data: { errors: Array<{ message: string }> } } }).response;

describe("the local GOV.UK Notify, through Notify's own Node client", () => {
  it("accepts an email with a file by link, keeps it, and finds it by reference", async () => {
    const pdf = Buffer.from("%PDF-1.7\nletter\n%%EOF\n");
    const sent = await client.sendEmail(EMAIL, "resident@example.org", {
      personalisation: { subject: "Your complaint CMP-1", body: "We have your complaint.", link_to_file: client.prepareUpload(pdf, { filename: "letter.pdf", confirmEmailBeforeDownload: true }) },
      reference: "outbox-1.abcdef12",
    });
    expect(sent.status).toBe(201);
    const stored = notify.notifications.find((n) => n.id === sent.data.id)!;
    expect(stored).toMatchObject({ type: "email", emailAddress: "resident@example.org", subject: "Your complaint CMP-1", reference: "outbox-1.abcdef12" });
    expect(stored.files[0]).toMatchObject({ filename: "letter.pdf", confirmEmailBeforeDownload: true });
    expect(stored.files[0]!.content.equals(pdf)).toBe(true);
    expect(stored.body).toContain(stored.files[0]!.url);
    expect(Buffer.from(await (await fetch(stored.files[0]!.url)).arrayBuffer()).equals(pdf)).toBe(true);

    const found = await client.getNotifications(undefined, undefined, "outbox-1.abcdef12");
    expect(found.data.notifications.map((n: { id: string }) => n.id)).toEqual([sent.data.id]);
    expect((await client.getNotifications(undefined, undefined, "outbox-nothing")).data.notifications).toEqual([]);
    notify.setStatus("outbox-1.abcdef12", "delivered");
    expect((await client.getNotificationById(sent.data.id)).data).toMatchObject({ status: "delivered", type: "email" });
  });

  it("refuses what Notify refuses: a missing personalisation field, an unknown template, a bad address", async () => {
    const missing = await client.sendEmail(EMAIL, "resident@example.org", { personalisation: { subject: "s", body: "b" } }).catch(status);
    expect(missing).toMatchObject({ status: 400, data: { errors: [{ message: "Missing personalisation: link_to_file" }] } });
    const unknown = await client.sendEmail("00000000-0000-4000-8000-000000000000", "resident@example.org", { personalisation: {} }).catch(status);
    expect(unknown).toMatchObject({ status: 400, data: { errors: [{ message: "Template not found" }] } });
    const bad = await client.sendSms(SMS, "not a number", { personalisation: { body: "b" } }).catch(status);
    expect(bad).toMatchObject({ status: 400 });
  });

  it("sends a text message and a precompiled letter (a PDF only)", async () => {
    const sms = await client.sendSms(SMS, "07700900123", { personalisation: { body: "Your reference is CMP-1" }, reference: "outbox-2.abcdef12" });
    expect(notify.notifications.find((n) => n.id === sms.data.id)).toMatchObject({ type: "sms", phoneNumber: "07700900123", body: "Your reference is CMP-1" });
    const letter = await client.sendPrecompiledLetter("outbox-3.abcdef12", Buffer.from("%PDF-1.7\n%%EOF\n"));
    expect(letter.data).toMatchObject({ reference: "outbox-3.abcdef12", postage: "second" });
    expect((await client.getNotificationById(letter.data.id)).data).toMatchObject({ type: "letter", status: "pending-virus-check" });
    const notPdf = await client.sendPrecompiledLetter("outbox-4.abcdef12", Buffer.from("hello")).catch(status);
    expect(notPdf).toMatchObject({ status: 400, data: { errors: [{ message: "Letter content is not a valid PDF" }] } });
  });

  it("fails the next requests when told to, and can drop an answer after keeping the notification", async () => {
    notify.failNext(1, { status: 500 });
    expect(await client.sendSms(SMS, "07700900123", { personalisation: { body: "x" } }).catch(status)).toMatchObject({ status: 500 });
    const before = notify.notifications.length;
    notify.failNext(1, "drop");
    const dropped = await client.sendSms(SMS, "07700900123", { personalisation: { body: "x" }, reference: "outbox-5.abcdef12" }).catch((e: { response?: unknown; code?: string }) => e);
    expect((dropped as { response?: unknown }).response).toBeUndefined();
    expect(notify.notifications.length).toBe(before + 1);
    expect((await client.getNotifications(undefined, undefined, "outbox-5.abcdef12")).data.notifications).toHaveLength(1);
  });
});

describe("Notify's token check", () => {
  const service = { id: "26785a09-ab16-4eb0-8407-a37497a57506", secret: "3d844edf-8d35-48ac-975b-e847b4f122b0" };
  const now = new Date("2026-03-02T09:00:00Z");
  const iat = now.getTime() / 1000;
  it("accepts a token of the service signed with its secret, issued within 30 seconds", () => {
    expect(() => checkToken(`Bearer ${tokenFor(service.id, service.secret, iat - 30)}`, service, now)).not.toThrow();
    expect(() => checkToken(`Bearer ${tokenFor(service.id, service.secret, iat + 30)}`, service, now)).not.toThrow();
  });
  it("refuses a clock more than 30 seconds out, another service, another secret, another algorithm, no token", () => {
    expect(() => checkToken(`Bearer ${tokenFor(service.id, service.secret, iat - 31)}`, service, now)).toThrow("accurate to within 30 seconds");
    expect(() => checkToken(`Bearer ${tokenFor("a".repeat(36), service.secret, iat)}`, service, now)).toThrow("service not found");
    expect(() => checkToken(`Bearer ${tokenFor(service.id, "wrong", iat)}`, service, now)).toThrow("signature");
    expect(() => checkToken(`Bearer ${tokenFor(service.id, service.secret, iat, "HS512")}`, service, now)).toThrow("HS256");
    expect(() => checkToken(undefined, service, now)).toThrow("authentication token must be provided");
  });
  it("is what the server applies: a client with the wrong key is refused", async () => {
    const wrong = new NotifyClient(notify.url, `local-${notify.serviceId}-00000000-0000-4000-8000-000000000000`);
    expect(await wrong.getNotifications().catch(status)).toMatchObject({ status: 403 });
    expect(notify.refused.at(-1)).toMatch(/signature/);
  });
});
