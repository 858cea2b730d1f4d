/**
 * What merge, link and split share (docs/decisions/0106-merge-link-split.md): each touches two
 * cases, so the API runs one command on each in one transaction and tells core about the other
 * case (`OtherCase`) from the database; a client never sends it. The commands are kept out of
 * the single-case procedures (PAIRED_COMMANDS, apps/api/src/routers/commands.ts).
 */
import type { IsoDate } from "../../calendar/dates.js";
import type { CaseLinkKind } from "../../vocabulary/index.js";
import { refuse } from "../refusals.js";
import type { CaseLink, CaseState, OtherCase } from "../types.js";

/** The other case, or a refusal when the caller did not say which (a command run on its own). */
export function requireOther(other: OtherCase | undefined, what: string): OtherCase {
  if (!other) refuse("INVALID_INPUT", `Say which case to ${what}`);
  return other;
}

export function refuseSelf(state: CaseState, other: OtherCase, what: string): void {
  if (other.id === state.id) refuse("INVALID_INPUT", `Case ${state.reference} cannot be ${what} itself`);
}

export function linkOf(state: CaseState, caseId: string): CaseLink | undefined {
  return state.links?.find((l) => l.caseId === caseId);
}

export function addLink(state: CaseState, other: OtherCase, kind: CaseLinkKind, on: IsoDate): void {
  state.links = [...(state.links ?? []).filter((l) => l.caseId !== other.id), { caseId: other.id, reference: other.reference, kind, on }];
}
