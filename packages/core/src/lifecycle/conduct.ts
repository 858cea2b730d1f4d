import { addCalendarDays, addCalendarMonths, formatShort, isIsoDate, type IsoDate } from "../calendar/dates.js";
import { todayIn, type Clock } from "../clock.js";
import { RefusalError, refuse } from "./refusals.js";
import type { Actor, Effect, Refusal } from "./types.js";

/**
 * The persistent / unreasonable complainant process, held per customer (docs/design.md §3):
 * referral with evidence → warning with the behaviour expected and a time span → the
 * customer may comment → designation with specific, proportionate restrictions → review at
 * most 6 months later → lifted or renewed. Genuine new complaints are still logged; the
 * restrictions are shown on every case of the customer.
 */
const REVIEW_RULE = "Leeds policy (persistent complainants): review at least every 6 months; LGSCO guide to managing unreasonable actions";
const PROPORTIONATE_RULE = "LGSCO guide to managing unreasonable actions, chapter 6: restrictions are tailored and proportionate, never blanket";
const SHARED_FIRST_RULE = "Lancaster task group: the proposed designation is shared with the complainant before it is decided";
const WARNING_PERIOD_RULE = "Leeds policy paras 54–55: the customer is given a time span to change before restrictions are decided";

export type Restriction =
  | { kind: "single-point-of-contact"; contact: string }
  | { kind: "written-contact-only"; adjustments: string | null }
  | { kind: "call-limit"; callsPerWeek: number }
  | { kind: "premises-limit"; detail: string }
  | { kind: "correspondence-filed"; detail: string }
  | { kind: "other"; detail: string };

export interface ConductState {
  customerId: string;
  version: number;
  status: "none" | "referred" | "warned" | "designated" | "lifted";
  referral: { on: IsoDate; by: string; evidence: string } | null;
  warning: { on: IsoDate; behaviourExpected: string; until: IsoDate } | null;
  comments: Array<{ on: IsoDate; comment: string }>;
  designation: { on: IsoDate; restrictions: Restriction[]; reason: string; reviewBy: IsoDate } | null;
  reviews: Array<{ on: IsoDate; decision: "lift" | "renew"; reason: string; nextReviewBy: IsoDate | null }>;
}

export type ConductCommand =
  | { type: "refer"; by: Actor; on?: IsoDate; evidence: string }
  | { type: "warn"; by: Actor; on?: IsoDate; behaviourExpected: string; until: IsoDate }
  | { type: "record-comment"; by: Actor; on?: IsoDate; comment: string }
  | { type: "designate"; by: Actor; on?: IsoDate; restrictions: Restriction[]; reason: string; reviewBy: IsoDate }
  | { type: "review"; by: Actor; on?: IsoDate; decision: "lift" | "renew"; reason: string; nextReviewBy?: IsoDate };

export type ConductResult =
  | { ok: true; state: ConductState; event: { type: ConductCommand["type"]; at: string; by: string; on: IsoDate; data: Record<string, unknown> }; effects: Effect[] }
  | { ok: false; refusal: Refusal };

const DECIDERS = ["complaints-manager", "head-of-service", "director"] as const;

export function emptyConduct(customerId: string): ConductState {
  return { customerId, version: 0, status: "none", referral: null, warning: null, comments: [], designation: null, reviews: [] };
}

export function transitionConduct(state: ConductState, command: ConductCommand, clock: Clock): ConductResult {
  try {
    const today = todayIn(clock);
    const on = command.on ?? today;
    if (!isIsoDate(on) || on > today) refuse("DATE_INVALID", "The date must be today or earlier");
    const next = structuredClone(state);
    const effects: Effect[] = [];
    const letter = (kind: "conduct-warning" | "conduct-designation" | "conduct-review") =>
      effects.push({ type: "send-letter", letter: kind, stageId: null, to: "customer", dueOn: null });
    switch (command.type) {
      case "refer":
        if (state.status === "referred" || state.status === "warned" || state.status === "designated") {
          refuse("NOT_ALLOWED_NOW", `This customer is already ${state.status}`);
        }
        if (command.evidence.trim().length < 10) refuse("INVALID_INPUT", "A referral needs the evidence of the behaviour (dates, contacts, what happened)", PROPORTIONATE_RULE);
        next.status = "referred";
        next.referral = { on, by: command.by.id, evidence: command.evidence };
        next.warning = null;
        next.designation = null;
        break;
      case "warn":
        if (state.status !== "referred") refuse("NOT_ALLOWED_NOW", "A warning follows a referral with evidence");
        requireDecider(command.by);
        if (!command.behaviourExpected.trim()) refuse("INVALID_INPUT", "The warning says what behaviour is expected", PROPORTIONATE_RULE);
        if (!isIsoDate(command.until) || command.until <= on) refuse("DATE_INVALID", "The warning gives a time span ending after today");
        next.status = "warned";
        next.warning = { on, behaviourExpected: command.behaviourExpected, until: command.until };
        letter("conduct-warning");
        break;
      case "record-comment":
        if (state.status === "none") refuse("NOT_ALLOWED_NOW", "There is no persistent-complainant process for this customer");
        if (!command.comment.trim()) refuse("INVALID_INPUT", "Record what the customer said");
        next.comments.push({ on, comment: command.comment });
        break;
      case "designate": {
        if (state.status !== "warned") refuse("NOT_ALLOWED_NOW", "A customer is designated only after a warning they could comment on", SHARED_FIRST_RULE);
        requireDecider(command.by);
        // The warning's last day is the customer's to use (docs/rules.md §9, Leeds paras 54–55):
        // restrictions follow only once that time span has passed without the change.
        if (state.warning && on <= state.warning.until) {
          refuse(
            "NOT_ALLOWED_NOW",
            `The warning gives the customer until ${formatShort(state.warning.until)} to change; a designation may be decided from ${formatShort(addCalendarDays(state.warning.until, 1))}`,
            WARNING_PERIOD_RULE,
          );
        }
        if (command.restrictions.length === 0) refuse("INVALID_INPUT", "Name the specific restrictions", PROPORTIONATE_RULE);
        if (!command.reason.trim()) refuse("INVALID_INPUT", "Give the reasons for the designation", PROPORTIONATE_RULE);
        checkReviewDate(on, command.reviewBy);
        next.status = "designated";
        next.designation = { on, restrictions: command.restrictions, reason: command.reason, reviewBy: command.reviewBy };
        letter("conduct-designation");
        break;
      }
      case "review": {
        if (state.status !== "designated" || !state.designation) refuse("NOT_ALLOWED_NOW", "Only a designation can be reviewed");
        requireDecider(command.by);
        if (!command.reason.trim()) refuse("INVALID_INPUT", "Give the reasons for the review decision");
        if (command.decision === "renew") {
          if (!command.nextReviewBy) refuse("INVALID_INPUT", "A renewed designation needs its next review date", REVIEW_RULE);
          checkReviewDate(on, command.nextReviewBy);
          next.designation = { ...state.designation, reviewBy: command.nextReviewBy };
        } else {
          next.status = "lifted";
        }
        next.reviews.push({ on, decision: command.decision, reason: command.reason, nextReviewBy: command.nextReviewBy ?? null });
        letter("conduct-review");
        break;
      }
    }
    next.version = state.version + 1;
    const { by, ...data } = command;
    return {
      ok: true,
      state: next,
      event: { type: command.type, at: clock.now().toISOString(), by: by.id, on, data: JSON.parse(JSON.stringify(data)) },
      effects,
    };
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function requireDecider(actor: Actor) {
  if (!actor.roles.some((r) => (DECIDERS as readonly string[]).includes(r))) {
    refuse("FORBIDDEN_ROLE", "Only the complaints manager, a Head of Service or a Director decides on persistent-complainant restrictions", "Leeds policy: persistent complainants");
  }
}

function checkReviewDate(on: IsoDate, reviewBy: IsoDate) {
  if (!isIsoDate(reviewBy) || reviewBy <= on) refuse("DATE_INVALID", "The review date must be after today");
  const latest = addCalendarMonths(on, 6);
  if (reviewBy > latest) refuse("NOT_ALLOWED_NOW", `The designation must be reviewed by ${formatShort(latest)} at the latest (6 months)`, REVIEW_RULE);
}

/** Restrictions in force for a customer, shown on every one of their cases. */
export function activeRestrictions(state: ConductState | null): Restriction[] {
  return state?.status === "designated" && state.designation ? state.designation.restrictions : [];
}
