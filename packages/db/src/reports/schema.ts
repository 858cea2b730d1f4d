/**
 * Kysely types of the reporting, learning, quality-assurance and equality tables (migrations
 * 20261126100000–20261126100300), written by hand like src/schema.ts and checked against the
 * migrated database by reports/schema.test.ts.
 */
import type { ColumnType, Generated } from "kysely";
import type { DateString, DefaultTimestamp, Json, JsonWithDefault } from "../schema.js";

export interface WorkingDayCalendarsTable {
  key: string;
  label: string;
  nations: string[];
  closures: JsonWithDefault<unknown[]>;
  first_day: DateString;
  last_day: DateString;
  synced_at: DefaultTimestamp;
}

export interface WorkingDaysTable {
  calendar_key: string;
  day: DateString;
  wd_index: number;
  is_working: boolean;
}

export interface ReportCalendarsTable {
  council_id: string;
  regime_id: string;
  calendar_key: string;
}

/** Written only by the `report_facts` trigger on `cases`. */
export interface ReportCaseFactsTable {
  case_id: string;
  council_id: string;
  directorate_id: string | null;
  service_id: string | null;
  regime_id: string | null;
  kind: string;
  status: string;
  received_on: DateString;
  category: string | null;
  sub_category: string | null;
  representative_role: string | null;
  triage_outcome: string | null;
  triage_reason: string | null;
  closure_reason: string | null;
  closed_on: DateString | null;
  tenure: string | null;
  stages: number;
}

/** Written only by the `report_facts` trigger on `cases`. */
export interface ReportStageFactsTable {
  case_id: string;
  sequence: number;
  council_id: string;
  directorate_id: string | null;
  service_id: string | null;
  regime_id: string | null;
  case_kind: string;
  case_status: string;
  representative_role: string | null;
  category: string | null;
  sub_category: string | null;
  tenure: string | null;
  stage_id: string;
  phase: string;
  requested_on: DateString;
  acknowledged_on: DateString | null;
  responded_on: DateString | null;
  ended_on: DateString | null;
  outcome: string | null;
  ack_due: DateString | null;
  respond_due: DateString | null;
  target_due: DateString | null;
  extensions: number;
  extension_days: number;
  extensions_with_ombudsman_details: boolean;
  next_stage_id: string | null;
  financial_remedies: number;
  financial_remedy_pence: number | null;
  financial_remedy_paid_pence: number | null;
  request_reason: string | null;
  root_cause: string | null;
  lessons: string | null;
  /** When the acknowledgement and the response were sent to the resident (decision 0322). */
  acknowledgement_sent_on: DateString | null;
  response_sent_on: DateString | null;
  /**
   * When the acknowledgement and response deadlines were met (core's `metOn`): the sent date,
   * or the step's date where nothing is sent (cases stored before, nobody to write to).
   */
  ack_met_on: DateString | null;
  respond_met_on: DateString | null;
  /** Generated: the stage id, or "member:<role>" for the first stage of a member enquiry. */
  report_column: ColumnType<string, never, never>;
}

export interface ImprovementActionProgressTable {
  case_id: string;
  stage_sequence: number;
  action_id: string;
  council_id: string;
  completed_on: DateString | null;
  completed_by: string | null;
  note: string | null;
  escalated_on: DateString | null;
  escalated_for_due: DateString | null;
  updated_at: DefaultTimestamp;
}

export interface ImprovementMilestonesTable {
  case_id: string;
  stage_sequence: number;
  action_id: string;
  id: string;
  council_id: string;
  description: string;
  due_on: DateString;
  completed_on: DateString | null;
  created_by: string;
  created_at: DefaultTimestamp;
}

export type ResolutionPlanStatus = "active" | "completed" | "abandoned";
export type Satisfaction = "satisfied" | "partly-satisfied" | "dissatisfied" | "no-reply";

export interface ResolutionPlansTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  stage_sequence: number;
  summary: string;
  owner_id: string;
  status: ColumnType<ResolutionPlanStatus, ResolutionPlanStatus | undefined, ResolutionPlanStatus>;
  created_on: DateString;
  created_by: string;
  closed_on: DateString | null;
  satisfaction: Satisfaction | null;
  satisfaction_checked_on: DateString | null;
  satisfaction_checked_by: string | null;
  satisfaction_note: string | null;
  version: Generated<number>;
}

export interface ResolutionPlanTasksTable {
  plan_id: string;
  id: string;
  description: string;
  owner_id: string;
  due_on: DateString;
  completed_on: DateString | null;
}

export interface ResolutionPlanCheckpointsTable {
  plan_id: string;
  id: string;
  due_on: DateString;
  held_on: DateString | null;
  on_track: boolean | null;
  note: string | null;
}

export interface QaSamplesTable {
  id: Generated<string>;
  council_id: string;
  service_id: string;
  month: DateString;
  /** numeric(5,4): read as a string by both drivers, written as a number or string. */
  share: ColumnType<string, number | string, number | string>;
  seed: string;
  population: number;
  drawn_at: DefaultTimestamp;
  drawn_by: string;
}

export interface QaSampleItemsTable {
  sample_id: string;
  case_id: string;
  stage_sequence: number;
}

export type QaAnswer = "met" | "not-met" | "not-applicable";

export interface QaReviewsTable {
  id: Generated<string>;
  council_id: string;
  sample_id: string;
  case_id: string;
  stage_sequence: number;
  reviewer_id: string;
  reviewed_on: DateString;
  handler_id: string | null;
  rubric_version: string;
  answers: Json<Array<{ criterion: string; answer: QaAnswer; weight: number; note?: string }>>;
  score: number;
  max_score: number;
}

export type QaRisk = "high" | "medium" | "low";

export interface QaFindingsTable {
  id: Generated<string>;
  council_id: string;
  review_id: string;
  criterion: string | null;
  finding: string;
  risk: QaRisk;
  sent_to_handler_on: DateString | null;
  sent_to_head_of_service_on: DateString | null;
}

export interface QaRemedialActionsTable {
  id: Generated<string>;
  council_id: string;
  finding_id: string;
  description: string;
  owner_id: string;
  due_on: DateString;
  completed_on: DateString | null;
  improvement_checked_on: DateString | null;
  improved: boolean | null;
}

export interface EqualityMonitoringTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  consent_given_on: DateString;
  collected_on: DateString;
  collected_by: "customer" | "staff-on-customer-behalf";
  age_band: string | null;
  sex: string | null;
  gender_reassignment: string | null;
  disability: string | null;
  ethnicity: string | null;
  religion_or_belief: string | null;
  sexual_orientation: string | null;
  marriage_or_civil_partnership: string | null;
  pregnancy_or_maternity: string | null;
}

export interface ReportTables {
  working_day_calendars: WorkingDayCalendarsTable;
  working_days: WorkingDaysTable;
  report_calendars: ReportCalendarsTable;
  report_case_facts: ReportCaseFactsTable;
  report_stage_facts: ReportStageFactsTable;
  improvement_action_progress: ImprovementActionProgressTable;
  improvement_milestones: ImprovementMilestonesTable;
  resolution_plans: ResolutionPlansTable;
  resolution_plan_tasks: ResolutionPlanTasksTable;
  resolution_plan_checkpoints: ResolutionPlanCheckpointsTable;
  qa_samples: QaSamplesTable;
  qa_sample_items: QaSampleItemsTable;
  qa_reviews: QaReviewsTable;
  qa_findings: QaFindingsTable;
  qa_remedial_actions: QaRemedialActionsTable;
  equality_monitoring: EqualityMonitoringTable;
}

/**
 * Every report table and column, for the schema test (src/schema.test.ts compares the migrated
 * database with the declared tables: it merges this list in).
 */
export const reportTableColumns: {
  [T in keyof ReportTables]: { [C in keyof ReportTables[T]]-?: true };
} = {
  working_day_calendars: {
    key: true,
    label: true,
    nations: true,
    closures: true,
    first_day: true,
    last_day: true,
    synced_at: true,
  },
  working_days: { calendar_key: true, day: true, wd_index: true, is_working: true },
  report_calendars: { council_id: true, regime_id: true, calendar_key: true },
  report_case_facts: {
    case_id: true,
    council_id: true,
    directorate_id: true,
    service_id: true,
    regime_id: true,
    kind: true,
    status: true,
    received_on: true,
    category: true,
    sub_category: true,
    representative_role: true,
    triage_outcome: true,
    triage_reason: true,
    closure_reason: true,
    closed_on: true,
    tenure: true,
    stages: true,
  },
  report_stage_facts: {
    case_id: true,
    sequence: true,
    council_id: true,
    directorate_id: true,
    service_id: true,
    regime_id: true,
    case_kind: true,
    case_status: true,
    representative_role: true,
    category: true,
    sub_category: true,
    tenure: true,
    stage_id: true,
    phase: true,
    requested_on: true,
    acknowledged_on: true,
    responded_on: true,
    ended_on: true,
    outcome: true,
    ack_due: true,
    respond_due: true,
    target_due: true,
    extensions: true,
    extension_days: true,
    extensions_with_ombudsman_details: true,
    next_stage_id: true,
    financial_remedies: true,
    financial_remedy_pence: true,
    financial_remedy_paid_pence: true,
    request_reason: true,
    root_cause: true,
    lessons: true,
    acknowledgement_sent_on: true,
    response_sent_on: true,
    ack_met_on: true,
    respond_met_on: true,
    report_column: true,
  },
  improvement_action_progress: {
    case_id: true,
    stage_sequence: true,
    action_id: true,
    council_id: true,
    completed_on: true,
    completed_by: true,
    note: true,
    escalated_on: true,
    escalated_for_due: true,
    updated_at: true,
  },
  improvement_milestones: {
    case_id: true,
    stage_sequence: true,
    action_id: true,
    id: true,
    council_id: true,
    description: true,
    due_on: true,
    completed_on: true,
    created_by: true,
    created_at: true,
  },
  resolution_plans: {
    id: true,
    council_id: true,
    case_id: true,
    stage_sequence: true,
    summary: true,
    owner_id: true,
    status: true,
    created_on: true,
    created_by: true,
    closed_on: true,
    satisfaction: true,
    satisfaction_checked_on: true,
    satisfaction_checked_by: true,
    satisfaction_note: true,
    version: true,
  },
  resolution_plan_tasks: {
    plan_id: true,
    id: true,
    description: true,
    owner_id: true,
    due_on: true,
    completed_on: true,
  },
  resolution_plan_checkpoints: {
    plan_id: true,
    id: true,
    due_on: true,
    held_on: true,
    on_track: true,
    note: true,
  },
  qa_samples: {
    id: true,
    council_id: true,
    service_id: true,
    month: true,
    share: true,
    seed: true,
    population: true,
    drawn_at: true,
    drawn_by: true,
  },
  qa_sample_items: { sample_id: true, case_id: true, stage_sequence: true },
  qa_reviews: {
    id: true,
    council_id: true,
    sample_id: true,
    case_id: true,
    stage_sequence: true,
    reviewer_id: true,
    reviewed_on: true,
    handler_id: true,
    rubric_version: true,
    answers: true,
    score: true,
    max_score: true,
  },
  qa_findings: {
    id: true,
    council_id: true,
    review_id: true,
    criterion: true,
    finding: true,
    risk: true,
    sent_to_handler_on: true,
    sent_to_head_of_service_on: true,
  },
  qa_remedial_actions: {
    id: true,
    council_id: true,
    finding_id: true,
    description: true,
    owner_id: true,
    due_on: true,
    completed_on: true,
    improvement_checked_on: true,
    improved: true,
  },
  equality_monitoring: {
    id: true,
    council_id: true,
    case_id: true,
    consent_given_on: true,
    collected_on: true,
    collected_by: true,
    age_band: true,
    sex: true,
    gender_reassignment: true,
    disability: true,
    ethnicity: true,
    religion_or_belief: true,
    sexual_orientation: true,
    marriage_or_civil_partnership: true,
    pregnancy_or_maternity: true,
  },
};
