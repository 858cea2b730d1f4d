/**
 * @complaints/reports — what the council publishes and manages from its complaints data.
 *
 * ```ts
 * const report = await annualReport(db, { councilId, from: "2025-04-01", to: "2026-03-31" }); // previous year in brackets
 * const csv = toCsv(report);                                         // every table, one download
 * const svg = renderChartSvg(inTimeByDirectorateChart(report));      // + chartTable(spec) for the figures
 * const tsm = await tenantSatisfactionMeasures(db, { councilId, year: { from, to }, ...reportScope(book, "housing.tsm-ch01-ch02") });
 * const eq = await equalityReport(db, { councilId, period });        // aggregate only, "<5" suppression
 * ```
 *
 * Counting is SQL in @complaints/db (set-based, over a working-day calendar table); this package
 * adds rows up, rounds as published, labels, and renders CSV and accessible SVG.
 */
export {
  annualReport,
  addTally,
  emptyTally,
  previousPeriodOf,
  COMPENSATION_BAND_LABELS,
  type AnnualReport,
  type AnnualReportInput,
  type DirectorateRow,
  type StageSummary,
  type TableCell,
  type Tally,
} from "./annual-report.js";
export {
  annualReportTables,
  directorateFiguresTable,
  directorateTable,
  monthlyTrendTable,
  toCsv,
} from "./annual-tables.js";
export {
  chartTable,
  inTimeByDirectorateChart,
  monthlyTrendChart,
  renderChartSvg,
  type ChartSeries,
  type ChartSpec,
} from "./charts.js";
export { csvField, tablesToCsv } from "./csv.js";
export { renderTableHtml, type CellValue, type ReportColumn, type ReportTable } from "./table.js";
export { formatPounds, percent, percentTo, roundTo, withPrevious } from "./numbers.js";
export {
  codeSelfAssessmentData,
  tenantSatisfactionMeasures,
  tsmTable,
  type Ch01Figure,
  type Ch02Figure,
  type CodeSelfAssessmentData,
  type TenantSatisfactionMeasures,
  type TsmInput,
} from "./housing.js";
export {
  lessonsLearnedReport,
  lessonsLearnedTables,
  socialCareAnnualReport,
  SOCIAL_CARE_REGIMES,
  type LessonsLearnedReport,
  type SocialCareAnnualReport,
} from "./learning.js";
export {
  buildQaRubric,
  drawQaSample,
  qaScoresChart,
  qaScoresReport,
  qaScoresTable,
  QA_RUBRIC_VERSION,
  QaReviewIncompleteError,
  recordQaReview,
  scoreQaReview,
  type DrawQaSampleInput,
  type QaAnswers,
  type QaCriterion,
  type QaRubric,
  type QaRubricOptions,
  type QaRules,
  type QaScore,
  type QaScoresReport,
} from "./quality.js";
export {
  EQUALITY_QUESTIONS,
  EqualityFormError,
  equalityReport,
  equalityTables,
  recordEqualityMonitoring,
  type EqualityQuestion,
  type EqualityReport,
} from "./equality.js";
export { satisfactionReport, satisfactionTables, SATISFACTION_DISCLOSURE, type SatisfactionReport } from "./satisfaction.js";
export {
  EQUALITY_DISCLOSURE,
  isSmall,
  monthsOnFrom,
  suppress,
  suppressGroup,
  suppressTable,
  SUPPRESSED,
  type Shown,
  type SuppressionOptions,
} from "./suppression.js";
export { drawWithoutReplacement, seededRandom } from "./random.js";
export { columnLabel, compareColumns } from "./labels.js";
export { CalendarConflictError, reportCalendarsOf } from "./calendars.js";
// The cases and timescales a plugin's report covers, from the resolved rules (decision 0711).
export { regimeTimescales, reportScope, type RegimeReportScope } from "./regime-scope.js";
export { pluginContributions, pluginReportTables, pluginReports, type PluginMeasureFigure, type PluginReportFigures } from "./plugin-reports.js";
