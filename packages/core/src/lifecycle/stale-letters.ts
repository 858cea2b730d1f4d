/**
 * A letter whose facts are stale is not sent (issue 15; docs/decisions/0321): an
 * acknowledgement for a case that has closed, a promise of a response by a date already past,
 * a letter about a stage the case has moved on from. Pure: the API asks before issuing any
 * letter the lifecycle asked for, and withdraws the pending letter with the reason.
 */
import { LETTER_KIND_NAMES, type LetterKind } from "../vocabulary/letters.js";
import { DomainError } from "../errors.js";
import type { IsoDate } from "../calendar/dates.js";
import type { CaseState, StageInstance } from "./types.js";

/** Letters about a case still being worked on: meaningless once it has closed or the stage is answered. */
const IN_PROGRESS_LETTERS: ReadonlySet<LetterKind> = new Set<LetterKind>([
  "acknowledgement",
  "escalation-acknowledgement",
  "extension-notice",
  "holding-response",
  "information-request",
  "referral-back",
]);

/**
 * Letters that promise the resident a response by the stage's due date. Not the holding
 * response: it is sent precisely because that date has passed (Leeds policy para 16; its due
 * date counts from the original one), and its promise is the new date the officer gives.
 */
const PROMISING_LETTERS: ReadonlySet<LetterKind> = new Set<LetterKind>(["acknowledgement", "escalation-acknowledgement", "extension-notice", "referral-back"]);

export const STALE_LETTER_RULE = "docs/decisions/0321-letters-issued-as-part-of-the-step.md: a letter whose facts are stale (the case closed, a date in the past, the stage moved on) is not sent";

/** What the letter was asked for: its kind, and the stage (and which time it was opened) it is about. */
export interface LetterAsked {
  kind: LetterKind;
  stageId: string | null;
  /** The stage instance's sequence when the letter was asked for; older requests have none. */
  stageSequence?: number | null;
}

function stageOf(state: CaseState, asked: LetterAsked): StageInstance | undefined {
  if (!asked.stageId) return undefined;
  if (asked.stageSequence) return state.stages.find((s) => s.sequence === asked.stageSequence);
  return [...state.stages].reverse().find((s) => s.stageId === asked.stageId);
}

/**
 * Why this letter may not be sent now, as a DomainError (code LETTER_STALE) naming the rule,
 * or null when its facts still hold. `today` is the council's local date.
 */
export function staleLetter(state: CaseState, asked: LetterAsked, today: IsoDate): DomainError | null {
  const name = LETTER_KIND_NAMES[asked.kind] ?? asked.kind;
  const stale = (why: string) => new DomainError("LETTER_STALE", `This ${name} cannot be sent: ${why}`, STALE_LETTER_RULE);
  if (IN_PROGRESS_LETTERS.has(asked.kind) && state.status === "closed") return stale("the case is closed");
  const stage = stageOf(state, asked);
  if (asked.stageId) {
    const latest = state.stages.at(-1);
    if (!stage) return stale(`the case has no ${asked.stageId} any more`);
    if (latest && latest.sequence !== stage.sequence) return stale(`the case has moved on from ${stage.label} to ${latest.label}`);
    if (IN_PROGRESS_LETTERS.has(asked.kind) && (stage.phase === "responded" || stage.phase === "withdrawn")) {
      return stale(`${stage.label} has already been ${stage.phase === "responded" ? "responded to" : "withdrawn"}`);
    }
  }
  if (PROMISING_LETTERS.has(asked.kind) && stage) {
    const due = state.dueDates.find((d) => d.id === `${stage.stageId}#${stage.sequence}.respond`);
    if (due && due.date < today) return stale(`it would promise a response by ${due.date}, which has passed`);
  }
  return null;
}
