/**
 * What an SMTP failure means for sending again (docs/decisions/0318-writing-to-residents.md): a
 * message is never sent twice by itself, so a connection lost after the server took the message
 * is "unknown" (the resident may have it), while a server that could not be reached is "retry".
 * Against a real SMTP server (tooling/vitest/smtp.js).
 */
import net from "node:net";
import { startSmtpSink, type SmtpSink } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { smtpTransport } from "./smtp.js";
import { SendError, type EmailMessage } from "./transport.js";

const message = (n: number): EmailMessage => ({
  to: "resident@example.org",
  from: { name: "Exampleton Council", address: "complaints@exampleton.gov.uk" },
  replyTo: null,
  subject: `Your complaint ${n}`,
  text: `Message ${n}`,
  messageId: `<outbox-${n}.00000000@exampleton.gov.uk>`,
  reference: `outbox-${n}.00000000`,
  attachment: null,
});

async function failure(promise: Promise<unknown>): Promise<SendError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof SendError)) throw new Error(`expected a SendError, got ${String(error)}`);
  return error;
}

/** A port nothing listens on. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe("an SMTP send that fails", () => {
  let smtp: SmtpSink;
  beforeAll(async () => {
    smtp = await startSmtpSink();
  });
  afterAll(() => smtp?.close());

  it("is unknown when the connection drops after the server took the message: it may have been delivered", async () => {
    const transport = smtpTransport(smtp.url, 3_000);
    smtp.dropAfterData();
    const error = await failure(transport.sendEmail(message(1)));
    expect(error.outcome).toBe("unknown");
    expect(error.message).toMatch(/lost/);
    expect(smtp.received.map((m) => m.messageId)).toContain(message(1).messageId);
    transport.close();
  });

  it("ends within its time limit when the server goes silent after the message, cutting the connection: unknown", async () => {
    const transport = smtpTransport(smtp.url, 1_500);
    smtp.neverAnswer();
    const started = Date.now();
    const error = await failure(transport.sendEmail(message(6)));
    expect([error.outcome, error.message]).toEqual(["unknown", expect.stringMatching(/did not answer within 1.5 seconds/)]);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(smtp.received.map((m) => m.messageId)).toContain(message(6).messageId);
    // The server is not left holding the connection.
    await expect.poll(() => smtp.openConnections(), { timeout: 2_000 }).toBe(0);
    // The next message goes as usual.
    await transport.sendEmail(message(7));
    transport.close();
  });

  it("is retried when the server cannot be reached: nothing was sent", async () => {
    const transport = smtpTransport(`smtp://127.0.0.1:${await closedPort()}/?ignoreTLS=true`, 3_000);
    const error = await failure(transport.sendEmail(message(2)));
    expect([error.outcome, error.message]).toEqual(["retry", expect.stringMatching(/Could not reach the mail server/)]);
    transport.close();
  });

  it("is retried when the server's name does not resolve", async () => {
    const transport = smtpTransport("smtp://mail.invalid:25/?ignoreTLS=true", 3_000);
    expect((await failure(transport.sendEmail(message(3)))).outcome).toBe("retry");
    transport.close();
  });

  it("is permanent on a 5xx reply and retried on a 4xx one", async () => {
    const transport = smtpTransport(smtp.url, 3_000);
    smtp.reject(550, "Mailbox unavailable");
    expect((await failure(transport.sendEmail(message(4)))).outcome).toBe("permanent");
    smtp.reject(451, "Try again later");
    expect((await failure(transport.sendEmail(message(5)))).outcome).toBe("retry");
    transport.close();
  });
});
