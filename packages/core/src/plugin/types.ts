import type { z } from "zod";
import type { IsoDate } from "../calendar/dates.js";
import type { Nation } from "../calendar/bank-holidays.js";
import type {
  CaseCommand,
  CaseState,
  CommandType,
  Effect,
} from "../lifecycle/types.js";
import type { CaseKind, Jurisdiction, LetterKind, Role } from "../vocabulary/index.js";
import type {
  DayCounting,
  EscalationRule,
  ExtensionRule,
  HandlerRule,
  Milestone,
  NextBody,
  Period,
  Regime,
  StageRules,
  TargetTimescale,
  Timescale,
} from "../regime/types.js";
import type { ResolvedRules } from "./resolved.js";
import type { ContentRequirementSpec, LetterKindDeclaration, LetterKindId, LettersSpec } from "./letter-content.js";

export type TimescaleField = "acknowledge" | "respond";

export interface TransitionHookArgs {
  /** null for `log`. */
  state: CaseState | null;
  command: CaseCommand;
  /** The state the command would produce; present for `post` hooks. */
  next: CaseState | null;
  rules: ResolvedRules;
  today: IsoDate;
}

export type TransitionVerdict = { refuse: { message: string; rule: string } } | { effects: Effect[] };

/**
 * Guards and side effects on transitions, ordered as Rollup orders hooks: `pre` hooks run
 * before the change and may refuse it; `post` hooks see the new state and may only add
 * effects. Pure: return effects, never perform them.
 */
export interface TransitionHook {
  order: "pre" | "post";
  /** Only these commands reach the hook; all when omitted. */
  commands?: readonly CommandType[];
  handler(args: TransitionHookArgs): TransitionVerdict | void;
}

export interface LetterParagraph {
  /** "<pluginId>.<name>", stable. */
  id: string;
  letters: readonly LetterKind[];
  slot: "opening" | "body-end" | "before-signoff";
  render(ctx: { state: CaseState; stageId: string | null; rules: ResolvedRules }): string | null;
}

/**
 * Which stages a measure looks at, from the report facts (one row per stage of a case,
 * packages/db/src/reports/schema.ts `report_stage_facts`). Every field narrows; omitted = any.
 */
export interface StageFactFilter {
  /** Stage ids of the regime ("stage-1"). */
  stageIds?: readonly string[];
  /** Stage outcomes ("upheld", "partly-upheld"…). */
  outcomes?: readonly string[];
  /** Only stages answered (true) or not yet answered (false). */
  responded?: boolean;
  /** Only stages extended (true) or not (false). */
  extended?: boolean;
  /**
   * Answered within the regime's own timescale for that stage, read from the resolved rules
   * (acknowledgement allowance + response period, plus any extension told with the next
   * body's details up to the stage's maximum); working days on the council's calendar.
   */
  answeredInTime?: boolean;
}

/** The date a stage is counted in the reporting period by. */
export type StageFactDate = "requested" | "acknowledged" | "responded";

/**
 * How the reports package computes a measure over the cases of the plugin's services and kinds
 * in the reporting period (decision 0711). `count`: stages matching `where`, dated by `dated`;
 * `share`: of the stages matching `of`, the percentage also matching `where`; `median`: the
 * median working days from one date of a stage to another, over the stages matching `of`.
 * `per` adds a denominator from the council's profile (CH01: per 1,000 homes).
 */
export type MeasureComputation =
  | { kind: "count"; dated: StageFactDate; where?: StageFactFilter; per?: { profileField: "homes"; multiplier: number } }
  | { kind: "share"; dated: StageFactDate; of?: StageFactFilter; where: StageFactFilter }
  | { kind: "median"; dated: StageFactDate; of?: StageFactFilter; workingDays: { from: StageFactDate; to: StageFactDate } };

/** One figure of a plugin's report; with `compute`, the reports package computes it and the portal shows it. */
export interface ReportMeasure {
  id: string;
  label: string;
  definition: string;
  compute?: MeasureComputation;
}

/** A figure a plugin adds to the reports (housing: TSM CH01/CH02); the reports package computes it. */
export interface ReportContribution {
  id: string;
  title: string;
  source: string;
  measures: ReportMeasure[];
}

/**
 * What a plugin may do (docs/design.md §5). Setters take one value per plugin and a second call
 * throws; adders (`add*`, `onTransition`) accumulate in registration order.
 */
export interface PluginRegistrar {
  /** Govern complaints of the services the profile enables this plugin on (one claimer per service). */
  claimService(): void;
  /** Govern cases of these kinds wherever enabled (member enquiries, FOI/EIR reviews). */
  claimKinds(...kinds: CaseKind[]): void;
  setTimescale(stageId: string, field: TimescaleField, timescale: Timescale | null): void;
  setTarget(stageId: string, target: TargetTimescale | null): void;
  setExtension(stageId: string, extension: ExtensionRule | null): void;
  setHoldingInterval(stageId: string, interval: (Period & { rule: string }) | null): void;
  setEscalation(stageId: string, escalation: EscalationRule | null): void;
  setHandlerRule(stageId: string, handler: HandlerRule | null): void;
  setStageOption(stageId: string, option: Partial<Pick<StageRules, "label" | "responsePeriodAgreeable" | "signedByResponsiblePerson" | "referBackTo" | "acknowledgementLetter" | "responseLetter">>, rule: string): void;
  /**
   * A ceiling no later layer may exceed (statute): checked at start-up. With `options.intake`
   * it bounds only the cases whose intake field has that value (the period a timescale's
   * `byIntake` variant gives them); without, every period the stage can give.
   */
  setStatutoryMaximum(stageId: string, field: TimescaleField | "extension", max: Period, rule: string, options?: { intake?: { field: string; equals: string | boolean } }): void;
  skipStage(stageId: string, reason: string): void;
  addStage(stage: StageRules, options: { after: string }): void;
  setNextBody(body: NextBody): void;
  /** Whose bank holidays count; `councilClosures: false` when a statute defines the working days. */
  setCalendar(nations: Nation[], rule: string, options?: { councilClosures?: boolean }): void;
  addMilestone(stageId: string, milestone: Milestone): void;
  /**
   * A check of the fully resolved regime, run at start-up for every service and kind the
   * plugin governs (the Housing Ombudsman code allows two stages, never three). Return a
   * problem in plain words, or null.
   */
  checkRegime(rule: string, check: (regime: Regime) => string | null): void;
  /**
   * The case kinds an add-on (a plugin that claims nothing) applies to. By default an add-on
   * applies to every kind except those another enabled plugin claims.
   */
  appliesToKinds(...kinds: CaseKind[]): void;
  setRegimeIdentity(identity: { id: string; label: string; family: string }): void;
  setTimeLimit(limit: (Period & { rule: string }) | null): void;
  setFeedbackAcknowledge(timescale: Timescale | null): void;
  requireRoles(command: CommandType, roles: Role[], options: { stageId?: string; rule: string }): void;
  extendIntake(fields: z.ZodRawShape): void;
  onTransition(hook: TransitionHook): void;
  addLetterParagraphs(...paragraphs: LetterParagraph[]): void;
  addReport(report: ReportContribution): void;

  // --- Regime fields (issue 17, decision 0107). Appended: keep new methods below. ---

  /**
   * Whose rules these are: "england" (core's defaults), "wales", "scotland", "northern-ireland".
   * Outside England every value the plugin leaves at core's English default is named in a
   * start-up warning, and the conformance kit fails the plugin, unless it sets the value or
   * keeps it on purpose with `acceptInherited`.
   */
  setJurisdiction(jurisdiction: Jurisdiction, rule: string): void;
  /**
   * Day 0 (core's default, docs/rules.md §7: the day of receipt is day 0) or day 1 (the day of
   * receipt, or of the event counted from, is itself day 1: SPSO model CHP) for every deadline
   * of the regime: `{ firstDay: 1, rule: "SPSO model CHP …" }`.
   */
  setDayCounting(counting: DayCounting): void;
  /**
   * How long the council has to send a wrongly addressed complaint on (or back, naming the right
   * body) after triage finds it so; counted from receipt by default. Core's default is Leeds'
   * 3 working days; null: no deadline.
   */
  setWronglyAddressedReturn(timescale: Timescale | null): void;
  /**
   * Lets triage open this later stage directly (SPSO: a complex complaint goes straight to
   * Stage 2 investigation): `triage` with `{ outcome: "accept", stageId }` then opens it, and its
   * due dates count from the complaint's receipt. Any other stage id given to triage is refused.
   */
  setOpenedByTriage(stageId: string, option: { rule: string } | null): void;
  /**
   * Keeps a value inherited from core's English defaults on purpose, with the reason: the
   * inheritance warning for it goes, and the explanation of the value says who accepted it and
   * why. `path` is the rule path the warning names: "stage-1.extension", "timeLimit",
   * "nextBody", "nations", "dayCounting", "feedbackAcknowledge", "wronglyAddressedReturn".
   */
  acceptInherited(path: string, reason: string): void;
  /**
   * Replaces core's letter checklists for the plugin's cases (core's default: the complaint
   * handling code 2024, `DEFAULT_LETTERS`). Build from core's blocks (`complaintHandlingCodeLetters`,
   * `sharedLetters`, `refusalLetters`, `conductLetters`, `nextBodyDetails`): an item naming
   * "{next body}" or `mentionsAnyOf: "next-body"` is checked against the regime's resolved next
   * body (`setNextBody`), so an SPSO plugin's Stage 2 response must name the SPSO. One call.
   */
  setLetters(letters: LettersSpec, rule: string): void;
  /**
   * What one letter must carry (null: the regime never sends it), for every stage or for one
   * (`stageId`); applied after `setLetters`, in registration order. `kind` is core's
   * LetterKind or one this plugin adds with `addLetterKind`.
   */
  setLetterContent(kind: LetterKindId, requirements: readonly ContentRequirementSpec[] | null, options: { stageId?: string; rule: string }): void;
  /** A letter kind beside core's vocabulary ("<pluginId>.<name>"); give its checklist with `setLetterContent`. */
  addLetterKind(kind: LetterKindDeclaration): void;
  /**
   * Widens who may perform a command on the plugin's cases (a Head of Service may extend):
   * the roles are added to the command's default roles and meet any `requireRoles` for it.
   * Listed in the rules' explanation; refused at start-up for a role that never does casework
   * (auditor, public, system) and where the council's profile refuses it
   * (`procedures.refusedGrants`).
   */
  allowRoles(command: CommandType, roles: Role[], options: { stageId?: string; rule: string }): void;
}

export interface ServicePlugin {
  readonly $$type: "@complaints/ServicePlugin";
  /** kebab-case: "housing", "foi-eir". */
  readonly id: string;
  readonly name: string;
  readonly version: string;
  register(registrar: PluginRegistrar): void;
}

export function createServicePlugin(options: Omit<ServicePlugin, "$$type">): ServicePlugin {
  if (!/^[a-z][a-z0-9-]*$/.test(options.id)) throw new Error(`Plugin id "${options.id}" must be kebab-case`);
  return Object.freeze({ ...options, $$type: "@complaints/ServicePlugin" as const });
}
