import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import {
  logToyCase,
  seedCouncil,
  staffActor,
  toyProjection,
  toyTransition,
  type Seed,
  type ToyState,
} from "../test/fixtures.js";
import { applyCommand } from "./cases.js";
import { notificationRepository, type NewNotification } from "./notifications.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const T0 = new Date("2026-03-02T09:00:00Z");
const later = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
const message = (n: number, extra: Partial<NewNotification> = {}): NewNotification => ({
  councilId: seed.councilId,
  caseId: null,
  kind: "email",
  recipient: { email: `person${n}@example.org` },
  payload: { n },
  dedupeKey: null,
  availableAt: T0,
  ...extra,
});
const claim = (worker: string, limit: number, leaseSeconds: number, now: Date) =>
  notificationRepository.claim(t.db, { worker, limit, leaseSeconds, now });

async function pending(): Promise<number[]> {
  const entries = await notificationRepository.list(t.db, { councilId: seed.councilId, unsentOnly: true, limit: 1000 });
  return entries.filter((e) => !e.failedAt).map((e) => e.id);
}

/** What a sender does with a claimed message: "sending" (committed), then sent. */
async function send(worker: string, id: number, at: Date) {
  const sending = await notificationRepository.markSending(t.db, { id, worker, now: at, leaseSeconds: 60 });
  if (!sending) return undefined;
  return notificationRepository.markSent(t.db, { id, at, provider: "smtp", messageId: `<outbox-${id}@example.org>` });
}

async function drain() {
  // Leave the queue empty for the next test: send everything that is due.
  for (;;) {
    const batch = await claim("drain", 100, 1, later(10_000));
    if (!batch.length) return;
    for (const m of batch) await send("drain", m.id, later(10_000));
  }
}

describe("the notifications outbox", () => {
  it("queues a message once per dedupe key", async () => {
    const first = await notificationRepository.enqueue(t.db, [message(1, { dedupeKey: "ack-letter:case-1" })], T0);
    const again = await notificationRepository.enqueue(t.db, [message(1, { dedupeKey: "ack-letter:case-1" })], T0);
    expect(first).toHaveLength(1);
    expect(again).toEqual([]);
    expect(await notificationRepository.dedupeKeysOf(t.db, first)).toEqual(["ack-letter:case-1"]);
    await drain();
  });

  it("gives each due message to exactly one of several workers claiming at once", async () => {
    const ids = await notificationRepository.enqueue(
      t.db,
      Array.from({ length: 30 }, (_, i) => message(i)),
      T0,
    );
    const claims = await Promise.all(["a", "b", "c", "d"].map((worker) => claim(worker, 10, 60, later(1))));
    const claimed = claims.flat().map((m) => m.id);
    expect(claimed.length).toBe(30);
    expect(new Set(claimed).size).toBe(30);
    expect([...claimed].sort((a, b) => a - b)).toEqual(ids);
    // Claimed, not yet attempted: an attempt is counted when it is marked sending.
    expect(claims.flat().every((m) => m.attempts === 0 && m.status === "queued")).toBe(true);
    await drain();
  });

  it("does not hand out messages before they are due", async () => {
    const [id] = await notificationRepository.enqueue(t.db, [message(1, { availableAt: later(3600) })], T0);
    expect(await claim("a", 10, 1, later(60))).toEqual([]);
    expect((await claim("a", 10, 1, later(3600))).map((m) => m.id)).toEqual([id]);
    await drain();
  });

  it("hands a claimed message to another worker when the first one's lease runs out before it began sending", async () => {
    const [id] = await notificationRepository.enqueue(t.db, [message(1)], T0);
    expect((await claim("slow", 1, 30, later(1))).map((m) => m.id)).toEqual([id]);
    expect(await claim("fast", 1, 30, later(20))).toEqual([]);
    const [reclaimed] = await claim("fast", 1, 30, later(32));
    expect(reclaimed?.id).toBe(id);
    // The first worker no longer holds it: it may not start sending it.
    expect(await notificationRepository.markSending(t.db, { id: id!, worker: "slow", now: later(33), leaseSeconds: 30 })).toBeUndefined();
    expect(await send("fast", id!, later(33))).toMatchObject({ status: "sent", attempts: 1, provider: "smtp", messageId: `<outbox-${id}@example.org>` });
    expect(await pending()).toEqual([]);
  });

  it("never hands out again a message a worker began sending: after its lease it is claimed as stale, to be checked", async () => {
    const [id] = await notificationRepository.enqueue(t.db, [message(1)], T0);
    await claim("dies", 1, 30, later(1));
    await notificationRepository.markSending(t.db, { id: id!, worker: "dies", now: later(1), leaseSeconds: 30 });
    expect(await claim("other", 10, 30, later(3600))).toEqual([]);
    expect(await notificationRepository.claimStale(t.db, { worker: "other", now: later(20), leaseSeconds: 30, limit: 10 })).toEqual([]);
    const [stale] = await notificationRepository.claimStale(t.db, { worker: "other", now: later(32), leaseSeconds: 30, limit: 10 });
    expect([stale?.id, stale?.status]).toEqual([id, "sending"]);
    const uncertain = await notificationRepository.markUncertain(t.db, { id: id!, worker: "other", reason: "may or may not have been sent" });
    expect(uncertain).toMatchObject({ status: "uncertain", lastError: "may or may not have been sent" });
    expect(await notificationRepository.claimStale(t.db, { worker: "other", now: later(3600), leaseSeconds: 30, limit: 10 })).toEqual([]);
    // The dead worker's send did go after all (it recorded it late): sent, once.
    expect(await notificationRepository.markSent(t.db, { id: id!, at: later(40), provider: "smtp" })).toMatchObject({ status: "sent" });
    expect(await notificationRepository.markSent(t.db, { id: id!, at: later(41), provider: "smtp" })).toBeUndefined();
  });

  it("retries a failed message until its attempts run out, then sets it aside", async () => {
    const [id] = await notificationRepository.enqueue(t.db, [message(1)], T0);
    // A message allowed two attempts (the column's default is ten).
    await t.db.updateTable("notifications_outbox").set({ max_attempts: 2 }).where("id", "=", id!).execute();
    await claim("w", 1, 1, later(1));
    await notificationRepository.markSending(t.db, { id: id!, worker: "w", now: later(1), leaseSeconds: 1 });
    expect(await notificationRepository.markRetry(t.db, { id: id!, worker: "w", error: "SMTP 451", now: later(2), retryAt: later(60) })).toBe("queued");
    expect(await claim("w", 1, 1, later(30))).toEqual([]);
    await claim("w", 1, 1, later(61));
    await notificationRepository.markSending(t.db, { id: id!, worker: "w", now: later(61), leaseSeconds: 1 });
    expect(await notificationRepository.markRetry(t.db, { id: id!, worker: "w", error: "SMTP 451 again", now: later(62), retryAt: later(62) })).toBe("failed");
    expect(await claim("w", 1, 1, later(3600))).toEqual([]);
    const entry = await notificationRepository.getMessage(t.db, seed.councilId, id!);
    expect([entry?.id, entry?.attempts, entry?.status, entry?.lastError, entry?.failedAt]).toEqual([id, 2, "failed", "SMTP 451 again", later(62)]);
  });

  it("gives up at once on a permanent failure (a recipient with no address)", async () => {
    const [id] = await notificationRepository.enqueue(t.db, [message(1)], T0);
    await claim("w", 1, 1, later(1));
    await notificationRepository.markSending(t.db, { id: id!, worker: "w", now: later(1), leaseSeconds: 1 });
    await notificationRepository.markFailed(t.db, { id: id!, worker: "w", error: "No email address for the recipient", now: later(2) });
    expect(await claim("w", 1, 1, later(3600))).toEqual([]);
    expect(await notificationRepository.getMessage(t.db, seed.councilId, id!)).toMatchObject({ status: "failed", failedAt: later(2) });
  });

  it("records a bounce by the Message-ID it was sent with, in its council only; a resend queues it again", async () => {
    const [id] = await notificationRepository.enqueue(t.db, [message(1)], T0);
    await claim("w", 1, 1, later(1));
    await send("w", id!, later(1));
    const bounce = { messageId: `<outbox-${id}@example.org>`, status: "failed" as const, reason: "mailbox unavailable", at: later(5) };
    expect(await notificationRepository.recordDeliveryStatus(t.db, { ...bounce, councilId: "00000000-0000-4000-8000-000000000000" })).toBeUndefined();
    expect(await notificationRepository.recordDeliveryStatus(t.db, { ...bounce, councilId: seed.councilId })).toMatchObject({ id, status: "failed", lastError: "mailbox unavailable" });
    expect(await notificationRepository.recordDeliveryStatus(t.db, { councilId: seed.councilId, id: id!, status: "delivered", at: later(6) })).toBeUndefined();
    expect(await notificationRepository.resend(t.db, { councilId: seed.councilId, id: id!, by: seed.officer.id, at: later(7) })).toBe(true);
    expect(await notificationRepository.getMessage(t.db, seed.councilId, id!)).toMatchObject({ status: "queued", attempts: 0, sentAt: null, failedAt: null });
    await drain();
  });

  it("makes a resent message that fails or becomes uncertain again a problem to resolve again", async () => {
    const resolvedOf = (id: number) => t.db.selectFrom("notifications_outbox").select(["status", "resolved_at", "resolved_by", "resolution"]).where("id", "=", id).executeTakeFirstOrThrow();
    const [id] = await notificationRepository.enqueue(t.db, [message(1)], T0);
    await t.db.updateTable("notifications_outbox").set({ max_attempts: 1 }).where("id", "=", id!).execute();
    const failOnce = async (at: number, how: "retry" | "uncertain") => {
      await claim("w", 1, 1, later(at));
      await notificationRepository.markSending(t.db, { id: id!, worker: "w", now: later(at), leaseSeconds: 1 });
      if (how === "retry") return notificationRepository.markRetry(t.db, { id: id!, worker: "w", error: "SMTP 451", now: later(at), retryAt: later(at) });
      return notificationRepository.markUncertain(t.db, { id: id!, worker: "w", reason: "may or may not have been sent" });
    };
    expect(await failOnce(1, "retry")).toBe("failed");
    expect(await notificationRepository.resend(t.db, { councilId: seed.councilId, id: id!, by: seed.officer.id, at: later(2) })).toBe(true);
    expect(await resolvedOf(id!)).toMatchObject({ status: "queued", resolution: "resent", resolved_by: seed.officer.id });
    // Its one attempt used up again: failed, and no longer counted as settled by the resend.
    expect(await failOnce(3, "retry")).toBe("failed");
    expect(await resolvedOf(id!)).toEqual({ status: "failed", resolved_at: null, resolved_by: null, resolution: null });
    expect(await notificationRepository.resend(t.db, { councilId: seed.councilId, id: id!, by: seed.officer.id, at: later(4) })).toBe(true);
    await failOnce(5, "uncertain");
    expect(await resolvedOf(id!)).toEqual({ status: "uncertain", resolved_at: null, resolved_by: null, resolution: null });
    expect(await notificationRepository.resolveProblem(t.db, { councilId: seed.councilId, id: id!, by: seed.officer.id, at: later(6), resolution: "Phoned the resident" })).toBe(true);
  });

  it("settles a message by hand once", async () => {
    const { caseId } = await logToyCase(t.db, seed);
    const [id] = await notificationRepository.enqueue(
      t.db,
      [message(1, { caseId, kind: "letter", recipient: { party: "customer" }, payload: { letter: "acknowledgement" } })],
      T0,
    );
    const at = new Date("2026-03-03T10:00:00Z");
    expect(await notificationRepository.markDone(t.db, { id: id!, councilId: seed.councilId, at })).toBe(true);
    expect(await notificationRepository.markDone(t.db, { id: id!, councilId: seed.councilId, at })).toBe(false);
    expect((await notificationRepository.getMessage(t.db, seed.councilId, id!))?.sentAt).toEqual(at);
  });

  it("queues messages in the command's transaction: only if the command commits", async () => {
    const logged = await logToyCase(t.db, seed);
    const command = (expectedVersion: number, fail: boolean) =>
      applyCommand(t.db, {
        at: T0,
        caseId: logged.caseId,
        expectedVersion,
        actor: staffActor(seed.officer.id),
        transition: (state: ToyState) => toyTransition(state, { type: "note", text: "x" }),
        project: toyProjection,
        also: async (trx, applied) => {
          await notificationRepository.enqueue(trx, [message(0, { caseId: applied.caseId, recipient: {}, payload: { version: applied.version } })], T0);
          if (fail) throw new Error("letter rendering failed");
        },
      });
    await expect(command(1, true)).rejects.toThrow("letter rendering failed");
    const ok = await command(1, false);
    expect(ok.ok).toBe(true);
    const queued = await notificationRepository.list(t.db, { councilId: seed.councilId, caseIds: [logged.caseId], limit: 10 });
    expect(queued.map((q) => q.payload)).toEqual([{ version: 2 }]);
  });
});
