/**
 * A real SMTP server on localhost for tests (the `smtp-server` package): it keeps every message
 * it accepts, can refuse the next ones with a given reply (a bounce at the SMTP stage), and can
 * take its time over each (so a sender can be killed mid-send), and can take a message whole and
 * then drop the connection or never answer (the answer lost: the resident may have it). One helper instead of a copy in
 * every suite that checks what reaches residents and staff (docs/decisions/0318-writing-to-residents.md).
 */
import { SMTPServer } from "smtp-server";

/** @param {{ delayMs?: number }} [options] */
export async function startSmtpSink(options = {}) {
  /** @type {Array<{ to: string; subject: string; messageId: string | null; data: string }>} */
  const received = [];
  /** @type {Array<{ code: number; text: string }>} */
  const rejections = [];
  /** What to do with the next messages instead of answering: "drop" the connection or stay "silent". @type {Array<"drop" | "silent">} */
  const unanswered = [];
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
        const instead = unanswered.shift();
        // smtp-server gives onData no socket: find this session's connection to cut it.
        if (instead === "drop") for (const c of server.connections) if (c.id === session.id) c._socket.destroy();
        if (instead) return;
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
    dropAfterData: (count = 1) => void unanswered.push(...Array(count).fill("drop")),
    neverAnswer: (count = 1) => void unanswered.push(...Array(count).fill("silent")),
    openConnections: () => server.connections.size,
    close: () => new Promise((resolve) => server.close(() => resolve(undefined))),
  };
}
