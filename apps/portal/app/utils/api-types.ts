/** Shapes the API returns, inferred from its router (type-only: nothing reaches the browser). */
import type { ApiCaller } from "../../server/context";

export type CaseView = Awaited<ReturnType<ApiCaller["cases"]["get"]>>;
export type QueueView = Awaited<ReturnType<ApiCaller["queues"]["mine"]>>;
export type QueueItemView = QueueView["items"][number];
export type DueDateView = CaseView["dueDates"][number];
export type TimelineEntry = CaseView["timeline"][number];
export type AnnualReportView = Awaited<ReturnType<ApiCaller["reports"]["annual"]>>;
export type ReportTableView = AnnualReportView["tables"][number];
export type ChartView = AnnualReportView["charts"][number];
export type ImprovementActionView = Awaited<ReturnType<ApiCaller["improvement"]["get"]>>;
export type ResolutionPlansView = Awaited<ReturnType<ApiCaller["resolutionPlans"]["list"]>>;
export type ResolutionPlanView = ResolutionPlansView["plans"][number];
