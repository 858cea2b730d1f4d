/**
 * @complaints/core — the complaint lifecycle shared by every service: the working-day
 * calendar, the deadline engine, the pure `transition` function, the plugin API and the
 * council profile. Pure: no I/O; time comes from an injected clock.
 */
export * from "./calendar/dates.js";
export { londonWallClock } from "./calendar/london-time.js";
export { NATIONS, NATION_LABELS, ukBankHolidays, type Nation, type BankHolidayData, type BankHolidayEvent } from "./calendar/bank-holidays.js";
export {
  WorkingDayCalendar,
  CalendarRangeError,
  calendarFor,
  describeSkippedDays,
  type CalendarSpec,
  type ClosureDay,
  type NonWorkingDay,
  type NonWorkingReason,
  type Roll,
} from "./calendar/calendar.js";
export { receiptOf, type Receipt, type ReceiptRules } from "./calendar/receipt.js";
export { fixedClock, todayIn, type Clock } from "./clock.js";

export * from "./regime/types.js";
export { defaultRegime } from "./regime/default-regime.js";
export * from "./regime/schema.js";

export { computeDueDates, dueDateChanges, nextDue, ragStatus } from "./deadlines/due-dates.js";
export { applyPeriod, describePeriod } from "./deadlines/apply-period.js";

export * from "./vocabulary/index.js";
export * from "./lifecycle/types.js";
export { transition } from "./lifecycle/transition.js";
export { currentResponseDue, currentStage } from "./lifecycle/commands/shared.js";
export { approverRolesFor, delegatedLimitOf, mayDecideApproval } from "./lifecycle/commands/shared.js";
export { COMMANDS, COMMAND_TYPES, type CommandModule } from "./lifecycle/commands/index.js";
export { PAIRED_COMMANDS, type PairedCommand } from "./lifecycle/commands/index.js";
export { PASS_OVER_COMMANDS } from "./lifecycle/commands/record-correspondence-sent.js";
export { TRANSFER_RULE } from "./lifecycle/commands/transfer.js";
export { availableCommands } from "./lifecycle/available.js";
export { nextSteps, type NextStep } from "./lifecycle/next-steps.js";
export { handlerRefusal } from "./lifecycle/commands/assign.js";
export { STALE_LETTER_RULE, staleLetter, type LetterAsked } from "./lifecycle/stale-letters.js";
export { RefusalError } from "./lifecycle/refusals.js";
export { DomainError, type DomainErrorCode } from "./errors.js";
export { baseIntakeShape, representativeSchema } from "./lifecycle/intake.js";
export { FIRST_DATE, LAST_DATE, id, isoDate, isoDateTime, name, slug, text } from "./input/fields.js";
export { customerInput, logCaseInput } from "./input/cases.js";
export { satisfactionAnswers, satisfactionInput, surveyToken, type SatisfactionAnswers } from "./input/satisfaction.js";
export { PUBLIC_KINDS, PUBLIC_TEXT_LIMITS, type PublicKind, escalateInput, normaliseTrackingCode, proof, publicCustomer, submitInput, trackInput } from "./input/public.js";
export { INVISIBLE_NAME_MESSAGE, isVisibleName, personName } from "./lifecycle/names.js";
export {
  transitionConduct,
  emptyConduct,
  activeRestrictions,
  type ConductState,
  type ConductCommand,
  type ConductResult,
  type Restriction,
} from "./lifecycle/conduct.js";

export * from "./plugin/types.js";
export type { ResolvedRules, Layer, RuleTrace, TraceEntry, RoleRequirement, StatutoryMaximum, DelegatedLimit } from "./plugin/resolved.js";
export { describeLayer } from "./plugin/resolved.js";
export { RuleBook, RuleConfigurationError, checkGraph } from "./plugin/rule-book.js";
export { recordPlugin, PluginRegistrationError, type PluginRegistration } from "./plugin/registrar.js";
export { explainRules, describeRuleValue, describeRules, describeTimescale, type RulesInWords, type RuleInWords } from "./plugin/explain.js";

export * from "./profile/schema.js";
export { defaultProfile } from "./profile/default-profile.js";
// The configuration pages' changes to a profile (docs/decisions/0514-configuration-in-the-portal.md).
export * as profileEdit from "./profile/edit.js";
export { ProfileEditError } from "./profile/edit.js";
export * from "./input/configuration.js";
export { compareProfiles, profileChanges, rulesChangeFor, type ProfileChange, type ProfileComparison, type RuleChange, type ServiceRulesChange } from "./profile/changes.js";
// Which way to write to a resident or representative (issue 15; docs/decisions/0320-resident-channels-and-receipts.md).
export * from "./correspondence/channels.js";
export { contactDetailsFields, contactDetailsInput, type ContactDetailsInput } from "./input/contacts.js";
export { PARTY_ROLES, contactFor, partyLabel } from "./lifecycle/parties.js";

// Letters, reports and roles as plugin extension points (docs/plugins.md; decisions 0407, 0711).
export * from "./plugin/letter-content.js";
export type { RoleGrant } from "./plugin/resolved.js";
export { NEVER_GRANTED } from "./plugin/rule-book.js";
export { grantedRolesFor } from "./lifecycle/commands/shared.js";
// A stage's rules as they apply to one case (timescales varying by an intake field, decision 0107).
export { stageRulesForCase } from "./regime/for-case.js";
