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
  const claimed = await notificationRepository.claim(db, { worker: h.deps.notifier.worker, now: h.deps.clock.now(), leaseSeconds: 60, limit: 1000, kinds: ["correspondence"] });
  const entry = claimed.find((e) => e.id === id);
  if (!entry) throw new Error(`correspondence ${id} was not claimed`);
  if (!(await h.deps.notifier.markSent(entry, new Date(input.at)))) throw new Error(`correspondence ${id} was not marked sent`);
}
