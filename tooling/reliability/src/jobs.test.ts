/**
 * Background jobs with two API processes on one database (pg-boss schedules the sweep and
 * the outbox delivery every minute in both): every reminder and notice is emailed exactly
 * once, to a real SMTP server on localhost.
 */
import type { Child } from "@complaints/bench";
import { startSmtpSink, type SmtpSink, type ReceivedMail } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, query, startApi, syntheticCouncil } from "./setup/world.js";

let url: string;
let smtp: SmtpSink;
let received: ReceivedMail[] = [];
const apis: Child[] = [];

beforeAll(async () => {
  smtp = await startSmtpSink();
  received = smtp.received;
  url = await freshDatabase("jobs");
  // Two years of a council: its open cases have deadlines coming up and passed.
  await syntheticCouncil(url, { cases: 800 });
  const env = { SMTP_URL: smtp.url, SMTP_FROM: "complaints@synthetic.example.gov.uk", SWEEP_MINUTES: "1" };
  apis.push(await startApi(url, env), await startApi(url, env));
});

afterAll(async () => {
  for (const api of apis) await api.stop();
  await smtp?.close();
});

async function outbox() {
  return query<{ id: number; kind: string; dedupe_key: string; sent_at: Date | null; failed_at: Date | null; attempts: number }>(
    url,
    "SELECT id, kind, dedupe_key, sent_at, failed_at, attempts FROM notifications_outbox WHERE kind <> 'letter' ORDER BY id",
  );
}

describe("background jobs across two API processes", () => {
  it("sends each reminder and notice once, whichever process runs the job", { timeout: 420_000 }, async () => {
    // Wait (at most six minutes) until a sweep has queued notifications, all of them have
    // been delivered, and a further full minute has passed with both processes still sweeping.
    const deadline = Date.now() + 6 * 60_000;
    let settledSince = 0;
    let rows = await outbox();
    while (Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 5_000));
      rows = await outbox();
      const pending = rows.filter((r) => !r.sent_at && !r.failed_at).length;
      if (rows.length > 0 && pending === 0) {
        settledSince ||= Date.now();
        if (Date.now() - settledSince > 70_000) break;
      } else settledSince = 0;
    }
    const sent = rows.filter((r) => r.sent_at);
    console.info(`[jobs] ${rows.length} notifications queued (${[...new Set(rows.map((r) => r.kind))].join(", ")}), ${sent.length} sent, ${received.length} emails received`);
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.filter((r) => !r.sent_at && !r.failed_at)).toEqual([]);
    expect(new Set(rows.map((r) => r.dedupe_key)).size).toBe(rows.length);
    // Exactly one email per notification sent: none lost, none twice.
    expect(received).toHaveLength(sent.length);
    const keys = received.map((m) => `${m.to}|${m.subject}|${m.data.split(/\r?\n\r?\n/).slice(1).join("\n\n")}`);
    expect(new Set(keys).size).toBe(received.length);
    expect(sent.every((r) => r.attempts === 1)).toBe(true);
    // Both processes were up throughout.
    for (const api of apis) expect(api.process.exitCode).toBeNull();
  });
});
