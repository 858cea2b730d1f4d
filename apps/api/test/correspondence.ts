/**
 * Sends correspondence the way a transport does, for tests written before (or beside) the
 * sending slice: a `correspondence` row in issue 15's outbox contract is enqueued, claimed and
 * marked sent at the moment given, so the handlers registered with `notifier.onSent` (the case
 * records the send: decision 0322) run in the transaction that marks it sent.
 */
import type { SentChannel, SentPurpose } from "@complaints/core";
import { caseRepository, inTransaction, notificationRepository } from "@complaints/db";
import type { Harness } from "./harness.js";

let sends = 0;

export async function sendCorrespondence(
  h: Pick<Harness, "deps">,
  input: { caseId: string; purpose: SentPurpose | "receipt"; stageId: string | null; at: string; channel?: SentChannel },
): Promise<void> {
  const db = h.deps.database.db;
  const { councilId, reference } = await caseRepository.getCase(db, input.caseId);
  const channel = input.channel ?? "email";
  const dedupeKey = `${input.purpose}:${input.caseId}:${input.stageId ?? "-"}:${channel}:test-${(sends += 1)}`;
  const [id] = await inTransaction(db, (trx) =>
    h.deps.notifier.enqueue(trx, [
      {
        councilId,
        caseId: input.caseId,
        kind: "correspondence",
        recipient: { party: "customer", name: "Resident", email: "resident@example.com" },
        payload: { channel, purpose: input.purpose, stageId: input.stageId, reference, language: "en", subject: `Your complaint ${reference}`, text: "About your complaint." },
        dedupeKey,
      },
    ]),
  );
  // Claimed and marked sending as the sender does, then sent at the given moment with the
  // notifier's onSent handlers in the same transaction (apps/api/src/notifications/notifier.ts).
  const now = h.deps.clock.now();
  const worker = h.deps.notifier.worker;
  const claimed = await notificationRepository.claim(db, { worker, now, leaseSeconds: 60, limit: 1000, kinds: ["correspondence"] });
  if (!claimed.some((e) => e.id === id)) throw new Error(`correspondence ${id} was not claimed`);
  if (!(await notificationRepository.markSending(db, { id: id!, worker, now, leaseSeconds: 60 }))) throw new Error(`correspondence ${id} could not be marked sending`);
  const at = new Date(input.at);
  await inTransaction(db, async (trx) => {
    const sent = await notificationRepository.markSent(trx, { id: id!, at, provider: "test" });
    if (!sent) throw new Error(`correspondence ${id} was not marked sent`);
    await h.deps.notifier.sent(trx, [sent], at);
  });
}
