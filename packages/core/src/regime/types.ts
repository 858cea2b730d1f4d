import type { Nation } from "../calendar/bank-holidays.js";
import type { Roll } from "../calendar/calendar.js";
import type { LetterKind } from "../vocabulary/letters.js";
import type { Jurisdiction } from "../vocabulary/jurisdictions.js";

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
  /**
   * The event complained about (the case's `matterArose` date): "6 months from the event". A
   * timescale counting from it is left out while the date is not recorded.
   */
  | "matter-arose"
  /** A milestone of the same stage: "milestone:panel-meeting". */
  | `milestone:${string}`;

export interface Timescale {
  period: Period;
  from: Anchor;
  /** Where the number comes from, named in every explanation ("Complaint handling code 6.3"). */
  rule: string;
  /**
   * Another period for cases whose intake field has a given value, tried in order, the first
   * match winning (EIR reg 11(4): an EIR reconsideration within 40 working days where an FOI
   * review has 20, both under one plugin). The count-from stays the timescale's own.
   */
  byIntake?: IntakeVariant<{ period: Period; rule: string }>[];
}

/** `value` applies to the cases whose intake field `field` equals `equals` (decision 0107). */
export type IntakeVariant<T> = { field: string; equals: string | boolean } & T;

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
  /** A different maximum for cases whose intake field has a given value (EIR: none beyond 40 WD). */
  byIntake?: IntakeVariant<{ maxWorkingDays: number; rule: string }>[];
}

export interface EscalationRule {
  to: string;
  /** How long the customer has to ask, counted from this stage's response; null = no limit. */
  window: Timescale | null;
  /**
   * More windows, each counted from its own event; the customer may ask until the latest of
   * `window` and these ("6 months from the event or 2 months from the Stage 1 decision, whichever
   * is later": `window` 2 months from "response", `orLaterOf` [6 months from "matter-arose"]).
   * The explanation names the one that applied. Counts from "response" (as sent), "receipt",
   * "stage-request" or "matter-arose".
   */
  orLaterOf?: Timescale[];
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
  /**
   * Triage may open this (later) stage directly, skipping the ones before it (SPSO model CHP:
   * a complex complaint goes straight to Stage 2 investigation). Its due dates then count from
   * the complaint's receipt. Absent or null: only escalation opens it.
   */
  openedByTriage?: { rule: string } | null;
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
  /** Whose rules these are; core's defaults are England's (decision 0107). */
  jurisdiction: Jurisdiction;
  /**
   * How the day counted from is numbered: 0, the English codes' way (docs/rules.md §7: the day of
   * receipt is day 0, so "5 working days" ends on the 5th working day after it), or 1, where the
   * day of receipt (or of the event counted from) is itself day 1 (SPSO model CHP: "the date of
   * receipt is day 1"; received on a non-working day, day 1 is the next working day). Applies to
   * working-day and calendar-day periods; months are counted as months.
   */
  dayCounting: DayCounting;
}

export interface DayCounting {
  firstDay: 0 | 1;
  rule: string;
}
