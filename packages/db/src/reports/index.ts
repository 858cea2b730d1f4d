/**
 * Reports (issue 7): the working-day calendar table, the fact tables the report queries read,
 * one set-based query per figure family, and the storage of learning, resolution plans, quality
 * assurance and equality monitoring. Shaping, CSV and charts live in @complaints/reports.
 */
export {
  calendarKeyOf,
  DEFAULT_REGIME,
  reportCalendarAssignments,
  syncReportCalendars,
  type SyncedCalendar,
} from "./calendar.js";
export {
  checkDate,
  checkPeriod,
  ReportInputError,
  type PeriodName,
  type ReportPeriod,
} from "./periods.js";
export {
  COMPENSATION_BANDS,
  DEFAULT_REPORT_KINDS,
  directorateTableFigures,
  monthlyFigures,
  OPEN_PHASES,
  responseTimeFigures,
  stageDetailFigures,
  type DetailFigureRow,
  type MonthlyRow,
  type ResponseTimeRow,
  type StageFiguresInput,
  type StageKey,
  type TableFigureRow,
} from "./stage-figures.js";
export {
  escalationReasons,
  refusedComplaints,
  topCategories,
  type CategoryRow,
  type EscalationReasonRow,
  type EscalationReasonsInput,
  type RefusedInput,
  type RefusedRow,
  type TopCategoriesInput,
} from "./case-figures.js";
export { ombudsmanFigures, type OmbudsmanRow } from "./ombudsman.js";
export {
  housingFigures,
  type Ch01Row,
  type Ch02Row,
  type CodeTimescale,
  type HousingAckRow,
  type HousingFigures,
  type HousingInput,
} from "./housing.js";
export { measureFigure, type MeasureFigure, type MeasureInput } from "./measures.js";
export {
  learningRepository,
  type ActionKey,
  type ImprovementAction,
  type ImprovementListInput,
  type ImprovementStatus,
  type LessonsRow,
  type OverdueImprovement,
  type SocialCareFigures,
  type SocialCareRow,
} from "./learning.js";
export {
  ResolutionPlanError,
  resolutionPlanRepository,
  type NewResolutionPlan,
  type PlanNeedingAttention,
  type ResolutionPlan,
} from "./resolution-plans.js";
export {
  QaSampleExistsError,
  qualityRepository,
  type QaCandidate,
  type QaReviewContext,
  type QaReviewInput,
  type QaRemedialActionRow,
  type QaReviewRecord,
  type QaSample,
  type QaSampleItem,
  type QaSampleSummary,
  type QaScoreRow,
} from "./quality.js";
export {
  EQUALITY_CHARACTERISTICS,
  equalityRepository,
  type EqualityAnswers,
  type EqualityCharacteristic,
  type EqualityCountRow,
  type EqualityForm,
  type EqualityTotals,
} from "./equality.js";
export {
  insertBulkCases,
  insertCaseStates,
  type BulkCase,
  type BulkInsertResult,
  type BulkStage,
} from "./bulk-cases.js";
export {
  type QaAnswer,
  type QaRisk,
  type ReportTables,
  type ResolutionPlanStatus,
  type Satisfaction,
} from "./schema.js";
