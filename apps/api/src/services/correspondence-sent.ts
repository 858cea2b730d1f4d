/**
 * A deadline that requires telling the resident is met when the correspondence is sent
 * (docs/decisions/0322-deadlines-met-when-sent.md): when the outbox marks an acknowledgement,
 * a response, an extension or a holding response sent, core's `record-correspondence-sent`
 * runs on the case, in the transaction that marks the row sent, so the case says it was sent
 * if and only if the outbox does.
 */
import { fixedClock, SENT_CHANNELS, SENT_PURPOSES, type CaseState, type SentChannel, type SentPurpose } from "@complaints/core";
import { applyCaseCommand, caseRepository, ConflictError, NotFoundError, organisationRepository, type Executor, type OutboxEntry } from "@complaints/db";
import type { AppDeps } from "../context.js";
import type { SentHandler } from "../notifications/notifier.js";

/** The system as the actor: no member of staff told the outbox the letter went. */
export const CORRESPONDENCE_ACTOR = { id: "system:correspondence", roles: ["system" as const], name: "Correspondence sent" };

/** Another writer may move the case between reading it and locking it: read it again. */
const ATTEMPTS = 5;

/**
 * The handler the start-up registers with `deps.notifier.onSent`. Rows that are not
 * correspondence about a step with a deadline are left alone. A refusal (the stage is gone, the
 * step was never recorded) is logged, not thrown: the message did go, and failing here would
 * undo the record that it went and send it again.
 */
export function recordSentOnCase(deps: Pick<AppDeps, "councils" | "log">): SentHandler {
  return async (trx: Executor, entry: OutboxEntry, sentAt: Date) => {
    const sent = sentCorrespondence(entry);
    if (!sent || !entry.caseId) return;
    const council = await organisationRepository.findCouncil(trx, entry.councilId);
    if (!council) return;
    // The rules from the profile read in this transaction: the council directory reads through
    // its own connection, which a PGlite transaction would wait on (docs/toolchain.md gotcha 4).
    const { book } = deps.councils.check(council.profile);
    for (let attempt = 1; ; attempt++) {
      let current;
      try {
        current = await caseRepository.getCase<CaseState>(trx, entry.caseId);
      } catch (error) {
        if (error instanceof NotFoundError) return;
        throw error;
      }
      try {
        const result = await applyCaseCommand(trx, {
          caseId: entry.caseId,
          expectedVersion: current.version,
          command: { type: "record-correspondence-sent", ...sent, sentAt: sentAt.toISOString(), by: { ...CORRESPONDENCE_ACTOR, roles: [...CORRESPONDENCE_ACTOR.roles] } },
          rules: book.rulesFor(current.state.serviceId, current.state.kind),
          clock: fixedClock(sentAt),
        });
        if (!result.ok) deps.log.warn("correspondence sent, not recorded on the case", { outboxId: entry.id, caseId: entry.caseId, refusal: result.refusal.message });
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= ATTEMPTS) throw error;
      }
    }
  };
}

/** The stage, purpose and channel of a correspondence row (issue 15's outbox contract), or null. */
function sentCorrespondence(entry: OutboxEntry): { stageId: string | null; purpose: SentPurpose; channel: SentChannel } | null {
  if (entry.kind !== "correspondence") return null;
  const { purpose, channel, stageId } = entry.payload as { purpose?: unknown; channel?: unknown; stageId?: unknown };
  if (!SENT_PURPOSES.includes(purpose as SentPurpose) || !SENT_CHANNELS.includes(channel as SentChannel)) return null;
  if (stageId !== null && typeof stageId !== "string") return null;
  return { stageId, purpose: purpose as SentPurpose, channel: channel as SentChannel };
}
