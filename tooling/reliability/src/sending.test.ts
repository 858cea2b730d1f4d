/**
 * Kill -9 the API while it emails residents (issue 15; docs/decisions/0318-writing-to-residents.md):
 * 300 correspondence messages are sent by the API's job queue to a real SMTP server on localhost
 * that takes its time over each; the API is killed (SIGKILL: no shutdown) mid-sending, twice, and
 * started again each time (the new process delivers at once and again when the dead worker's
 * leases end: apps/api/src/jobs/runner.ts). Afterwards every message arrived at most once, and every one is either sent
 * (and arrived exactly once) or "uncertain" for staff to check: never twice, never silently lost.
 */
import type { Child } from "@complaints/bench";
import { startSmtpSink, type SmtpSink } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, query, startApi, syntheticCouncil } from "./setup/world.js";

const MESSAGES = 300;
const KILLS = 2;
/** Milliseconds the SMTP server takes over each message: sending lasts long enough to be cut. */
const SLOW_MS = 40;

let url: string;
let smtp: SmtpSink;
let api: Child | null = null;
let env: Record<string, string>;
/** Outbox ids, by Message-ID, in the order the SMTP server accepted them. */
const received = (): number[] => smtp.received.flatMap((m) => { const id = /^<outbox-(\d+)\./.exec(m.messageId ?? "")?.[1]; return id ? [Number(id)] : []; });

beforeAll(async () => {
  // Kept when the data ended: a sender killed before it hears "250" has still sent it.
  smtp = await startSmtpSink({ delayMs: SLOW_MS });
  url = await freshDatabase("sending");
  await syntheticCouncil(url, { cases: 300 });
  // Two messages to the resident of each of 300 cases, queued as a command would queue them.
  await query(
    url,
    `INSERT INTO notifications_outbox (council_id, case_id, kind, channel, recipient, payload, dedupe_key)
     SELECT c.council_id, c.id, 'correspondence', 'email',
            jsonb_build_object('party', 'customer', 'name', 'Resident', 'email', 'resident-' || n || '-' || left(c.id::text, 8) || '@example.org'),
            jsonb_build_object('channel', 'email', 'purpose', 'other', 'stageId', null, 'reference', c.reference, 'language', 'en',
                               'subject', 'About your complaint ' || c.reference, 'text', 'Message ' || n || ' about ' || c.reference),
            'other:' || c.id || ':-:email:' || n
     FROM (SELECT id, council_id, reference FROM cases ORDER BY reference LIMIT ${MESSAGES / 2}) c CROSS JOIN generate_series(1, 2) n`,
  );
  env = { SMTP_URL: smtp.url, SMTP_FROM: "complaints@synthetic.example.gov.uk", OUTBOX_LEASE_SECONDS: "10" };
  api = await startApi(url, env);
}, 300_000);

afterAll(async () => {
  await api?.stop("SIGKILL");
  await smtp?.close();
});

async function outbox() {
  return query<{ id: string; status: string; attempts: number }>(url, "SELECT id, status, attempts FROM notifications_outbox WHERE kind = 'correspondence' ORDER BY id");
}

describe("kill -9 of the API while it sends residents' email", () => {
  it("sends each message at most once, and leaves each one sent or uncertain", { timeout: 900_000 }, async () => {
    const deadline = Date.now() + 13 * 60_000;
    let kills = 0;
    // Kill each time another sixth of the messages has arrived (the sender is then mid-way through one).
    while (kills < KILLS && Date.now() < deadline) {
      if (received().length >= ((kills + 1) * MESSAGES) / 6) {
        await api!.stop("SIGKILL");
        kills++;
        api = await startApi(url, env);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(kills).toBe(KILLS);
    // Then wait until nothing is queued or sending (a dead worker's job expires, its lease runs out, the next tick settles it).
    let rows = await outbox();
    while (Date.now() < deadline) {
      rows = await outbox();
      if (rows.every((r) => r.status === "sent" || r.status === "uncertain" || r.status === "failed")) break;
      await new Promise((r) => setTimeout(r, 3_000));
    }
    const byStatus: Record<string, typeof rows> = {};
    for (const r of rows) (byStatus[r.status] ??= []).push(r);
    console.info(`[sending] ${rows.length} messages, ${kills} kills: ${Object.entries(byStatus).map(([s, l]) => `${l!.length} ${s}`).join(", ")}; ${received().length} received`);

    expect(rows).toHaveLength(MESSAGES);
    // Never twice.
    expect(received().length).toBe(new Set(received()).size);
    // Never silently lost: sent and arrived once, or uncertain (perhaps arrived, at most once) for staff.
    expect(rows.filter((r) => r.status !== "sent" && r.status !== "uncertain")).toEqual([]);
    const arrived = new Set(received());
    expect(rows.filter((r) => r.status === "sent" && !arrived.has(Number(r.id)))).toEqual([]);
    // Each kill cut at most the message then being sent.
    expect((byStatus.uncertain ?? []).length).toBeLessThanOrEqual(KILLS);
    expect(api!.process.exitCode).toBeNull();
  });
});
