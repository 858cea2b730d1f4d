import type { Nation } from "../calendar/bank-holidays.js";
import type { Roll } from "../calendar/calendar.js";
import type { LetterKind } from "../vocabulary/letters.js";

/** A length of time as the rule words it. */
export type Period =
  | { workingDays: number }
  | { calendarDays: number; roll?: Roll }
  | { calendarMonths: number; roll?: Roll };

/**
 * The event a timescale counts from (docs/design.md §4). `stage-request` is the request that opened
 * the stage: receipt for the first stage, the escalation request for Stage 2, the panel
 * request for a review panel; `escalation-request` and `panel-request` are its names there.
 */
export type Anchor =
  | "receipt"
  | "stage-request"
  | "escalation-request"
  | "panel-request"
  | "acknowledgement"
  | "agreed-statement"
  | "response"
  /** A milestone of the same stage: "milestone:panel-meeting". */
  | `milestone:${string}`;

export interface Timescale {
  period: Period;
  from: Anchor;
  /** Where the number comes from, named in every explanation ("Complaint handling code 6.3"). */
  rule: string;
}

export interface TargetTimescale extends Timescale {
  /** "Housing Leeds internal target": a target is tracked and reported, never enforced. */
  label: string;
}

export interface ExtensionRule {
  /** The most working days all extensions of the stage may add together. */
  maxWorkingDays: number;
  /** The customer must be given the Ombudsman's details with the extension (code 6.5). */
  ombudsmanDetailsRequired: boolean;
  rule: string;
}

export interface EscalationRule {
  to: string;
  /** How long the customer has to ask, counted from this stage's response; null = no limit. */
  window: Timescale | null;
  /** A late request may still be accepted when the officer records why (discretion). */
  lateAllowedWithDiscretion: boolean;
  rule: string;
}

export interface HandlerRule {
  /** The handler must not be the one who handled these stages (code 6.13: Stage 2 ≠ Stage 1). */
  independentOf: string[];
  rule: string;
}


/**
 * A dated step inside a stage with its own statutory deadline (SI 2006/1738 regs 19–20: the
 * panel meets within 30 WD of the request, reports within 5 WD of meeting, and the council
 * responds within 15 WD of the report). Recorded with the `record-milestone` command.
 */
export interface Milestone {
  id: string;
  label: string;
  period: Period;
  from: Anchor;
  rule: string;
}

export interface StageRules {
  id: string;
  label: string;
  acknowledge: Timescale | null;
  respond: Timescale;
  /**
   * The response period may be agreed with the complainant, and a longer one agreed before
   * the current one runs out (SI 2009/309 reg 14: six months unless longer agreed).
   */
  responsePeriodAgreeable: boolean;
  target: TargetTimescale | null;
  extension: ExtensionRule | null;
  /** Updates due at this interval once the response is late or extended (Leeds para 16). */
  holdingInterval: (Period & { rule: string }) | null;
  escalation: EscalationRule | null;
  /** A stage that may send the complaint back to an earlier one (Lancaster). */
  referBackTo: string | null;
  handler: HandlerRule | null;
  /** The response must be signed by the responsible person (SI 2009/309 reg 14). */
  signedByResponsiblePerson: boolean;
  acknowledgementLetter: LetterKind;
  responseLetter: LetterKind;
  /** Dated steps before the response, each with its own deadline; none by default. */
  milestones?: Milestone[];
}

export type NextBodyId = "lgsco" | "housing-ombudsman" | "ico" | "first-tier-tribunal" | (string & {});

export interface NextBody {
  id: NextBodyId;
  name: string;
  /** How long the complainant has to go to this body, counted from the final response. */
  window: Timescale | null;
  rule: string;
  /** Where to go after this body (ICO, then the First-tier Tribunal). */
  then?: NextBody;
}

export interface Regime {
  id: string;
  label: string;
  /** The regime's family, for grouping (letter checklists come from the rules' `letters`, decision 0407). */
  family: "code-2024" | "housing" | "foi-eir" | "adult-social-care" | "children-social-care" | "member-enquiry" | (string & {});
  /** Whose bank holidays count; the council's closure days are added from its profile. */
  nations: Nation[];
  nationsRule: string;
  /**
   * Whether the council's own closure days count as non-working. A statute that defines its
   * working days (FOIA s10(6)) ignores them: a Christmas shutdown does not stop its clock.
   */
  councilClosures: boolean;
  stages: StageRules[];
  nextBody: NextBody;
  /** Complaints later than this after the matter (or awareness) may be refused, with discretion. */
  timeLimit: (Period & { rule: string }) | null;
  /** Compliments and comments: acknowledged within this, no stages (Leeds: 10 WD). */
  feedbackAcknowledge: Timescale | null;
  /** A wrongly addressed complaint is returned with the right body within this (Leeds: 3 days). */
  wronglyAddressedReturn: Timescale | null;
}
