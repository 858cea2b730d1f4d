/**
 * A real SMTP server on localhost for tests (the `smtp-server` package): it keeps every message
 * it accepts, can refuse the next ones with a given reply (a bounce at the SMTP stage), and can
 * take its time over each (so a sender can be killed mid-send). One helper instead of a copy in
 * every suite that checks what reaches residents and staff (docs/decisions/0318-writing-to-residents.md).
 */
import { SMTPServer } from "smtp-server";

/** @param {{ delayMs?: number }} [options] */
export async function startSmtpSink(options = {}) {
  /** @type {Array<{ to: string; subject: string; messageId: string | null; data: string }>} */
  const received = [];
  /** @type {Array<{ code: number; text: string }>} */
  const rejections = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS", "AUTH"],
    logger: false,
    onData(stream, session, callback) {
      let data = "";
      stream.on("data", (chunk) => (data += chunk.toString("utf8")));
      stream.on("end", () => {
        const rejection = rejections.shift();
        if (rejection) return callback(Object.assign(new Error(rejection.text), { responseCode: rejection.code }));
        // Kept when the data ended: a sender killed before it hears "250" has still sent it.
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address).join(","),
          subject: /^Subject: (.*)$/m.exec(data)?.[1]?.trim() ?? "",
          messageId: /^Message-ID: (<[^>]+>)/im.exec(data)?.[1] ?? null,
          data,
        });
        if (options.delayMs) setTimeout(() => callback(), options.delayMs);
        else callback();
      });
    },
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(undefined)));
  const port = server.server.address().port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}/?ignoreTLS=true`,
    received,
    reject: (code, text) => void rejections.push({ code, text }),
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
