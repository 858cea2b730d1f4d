import { sql, type Kysely } from "kysely";

/**
 * Reporting (issue 7): a working-day calendar table, and fact tables the reports read.
 *
 * - `working_day_calendars` / `working_days`: one row per day of each calendar (a set of
 *   nations' bank holidays plus closure days), with `wd_index`, the number of working days up to
 *   and including the day. Working days between two dates are then a subtraction:
 *   `wd_index(to) - wd_index(from)` counts the working days in (from, to], as core's
 *   `WorkingDayCalendar.countWorkingDays` does. The rows come from core's calendar
 *   (`syncWorkingDayCalendar` in src/reports/calendar.ts); nothing here computes a holiday.
 * - `report_calendars`: which calendar a council's cases count on, per regime ('*' = default).
 * - `report_case_facts` / `report_stage_facts`: one row per case and per stage instance with
 *   what the reports group and count, derived by a trigger from `cases.state` (core's snapshot,
 *   the truth) in the same statement that writes the case. They hold what the mirrors do not
 *   (triage and closure reasons, escalation reasons, root causes, extension lengths, the due
 *   dates of each stage side by side), so an annual report is one scan of one narrow table per
 *   figure family instead of a four-way join.
 */
const UP = [
  `CREATE TABLE working_day_calendars (
    key text PRIMARY KEY CHECK (key ~ '^[a-z0-9][a-z0-9+._:-]*$' AND length(key) <= 200),
    label text NOT NULL,
    nations text[] NOT NULL CHECK (cardinality(nations) >= 1),
    closures jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(closures) = 'array'),
    first_day date NOT NULL,
    last_day date NOT NULL CHECK (last_day >= first_day),
    synced_at timestamptz NOT NULL DEFAULT now()
  )`,
  `CREATE TABLE working_days (
    calendar_key text NOT NULL REFERENCES working_day_calendars (key) ON DELETE CASCADE,
    day date NOT NULL,
    wd_index integer NOT NULL CHECK (wd_index >= 0),
    is_working boolean NOT NULL,
    PRIMARY KEY (calendar_key, day)
  )`,
  `CREATE TABLE report_calendars (
    council_id uuid NOT NULL REFERENCES councils (id),
    regime_id text NOT NULL CHECK (btrim(regime_id) <> ''),
    calendar_key text NOT NULL REFERENCES working_day_calendars (key),
    PRIMARY KEY (council_id, regime_id)
  )`,
  `CREATE TABLE report_case_facts (
    case_id uuid PRIMARY KEY REFERENCES cases (id) ON DELETE CASCADE,
    council_id uuid NOT NULL,
    directorate_id uuid,
    service_id uuid,
    regime_id text,
    kind text NOT NULL,
    status text NOT NULL,
    received_on date NOT NULL,
    category text,
    sub_category text,
    representative_role text,
    triage_outcome text,
    triage_reason text,
    closure_reason text,
    closed_on date,
    tenure text,
    stages integer NOT NULL
  )`,
  `CREATE INDEX report_case_facts_received ON report_case_facts (council_id, received_on)`,
  `CREATE INDEX report_case_facts_refused ON report_case_facts (council_id, received_on)
    WHERE triage_outcome IS NOT NULL AND triage_outcome <> 'accept'`,
  `CREATE TABLE report_stage_facts (
    case_id uuid NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    sequence integer NOT NULL,
    council_id uuid NOT NULL,
    directorate_id uuid,
    service_id uuid,
    regime_id text,
    case_kind text NOT NULL,
    case_status text NOT NULL,
    representative_role text,
    category text,
    sub_category text,
    tenure text,
    stage_id text NOT NULL,
    phase text NOT NULL,
    requested_on date NOT NULL,
    acknowledged_on date,
    responded_on date,
    ended_on date,
    outcome text,
    ack_due date,
    respond_due date,
    target_due date,
    extensions integer NOT NULL,
    extension_days integer NOT NULL,
    extensions_with_ombudsman_details boolean NOT NULL,
    next_stage_id text,
    financial_remedies integer NOT NULL,
    financial_remedy_pence bigint,
    financial_remedy_paid_pence bigint,
    request_reason text,
    root_cause text,
    lessons text,
    -- The column of Lewisham's table the stage is counted in: its stage, or for the first stage of a
    -- member enquiry the member's role ("member:mp", "member:mayor", "member:councillor").
    report_column text GENERATED ALWAYS AS (CASE WHEN case_kind = 'member-enquiry' AND sequence = 1
      THEN 'member:' || coalesce(representative_role, 'other') ELSE stage_id END) STORED,
    PRIMARY KEY (case_id, sequence)
  )`,
  `CREATE INDEX report_stage_facts_requested ON report_stage_facts (council_id, requested_on)`,
  `CREATE INDEX report_stage_facts_responded ON report_stage_facts (council_id, responded_on)
    WHERE responded_on IS NOT NULL`,
  `CREATE INDEX report_stage_facts_escalations ON report_stage_facts (council_id, requested_on)
    WHERE sequence > 1`,
  // Regime-specific reports (housing TSMs and self-assessment, statutory social care).
  `CREATE INDEX report_stage_facts_regime_requested ON report_stage_facts (council_id, regime_id, requested_on)`,
  `CREATE INDEX report_stage_facts_regime_responded ON report_stage_facts (council_id, regime_id, responded_on)
    WHERE responded_on IS NOT NULL`,
  // A date from the snapshot, or null when the value is not a "YYYY-MM-DD" string (core only
  // writes well-formed dates; the guard keeps a malformed snapshot from blocking its command).
  `CREATE FUNCTION report_date(value text) RETURNS date
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN value ~ '^\\d{4}-\\d{2}-\\d{2}$' THEN value::date END
  $$`,
  `CREATE FUNCTION report_array(value jsonb) RETURNS jsonb
  LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE WHEN jsonb_typeof(value) = 'array' THEN value ELSE '[]'::jsonb END
  $$`,
  `CREATE FUNCTION report_facts_sync() RETURNS trigger
  LANGUAGE plpgsql AS $$
  DECLARE
    v_state jsonb := NEW.state;
    v_triage jsonb := CASE WHEN jsonb_typeof(NEW.state -> 'triage') = 'object' THEN NEW.state -> 'triage' END;
    v_role text := NEW.state -> 'representative' ->> 'role';
    v_dues jsonb := report_array(NEW.state -> 'dueDates');
  BEGIN
    INSERT INTO report_case_facts AS f (case_id, council_id, directorate_id, service_id, regime_id, kind,
      status, received_on, category, sub_category, representative_role, triage_outcome, triage_reason,
      closure_reason, closed_on, tenure, stages)
    VALUES (NEW.id, NEW.council_id, NEW.directorate_id, NEW.service_id, NEW.regime_id, NEW.kind,
      NEW.status, NEW.receipt_date, NEW.category, NEW.sub_category, v_role, v_triage ->> 'outcome',
      coalesce(v_triage ->> 'reason', v_triage ->> 'decision'),
      v_state -> 'closure' ->> 'reason', NEW.closed_on, v_state -> 'intake' ->> 'tenure',
      jsonb_array_length(report_array(v_state -> 'stages')))
    ON CONFLICT (case_id) DO UPDATE SET directorate_id = EXCLUDED.directorate_id,
      service_id = EXCLUDED.service_id, regime_id = EXCLUDED.regime_id, kind = EXCLUDED.kind,
      status = EXCLUDED.status, received_on = EXCLUDED.received_on, category = EXCLUDED.category,
      sub_category = EXCLUDED.sub_category, representative_role = EXCLUDED.representative_role,
      triage_outcome = EXCLUDED.triage_outcome, triage_reason = EXCLUDED.triage_reason,
      closure_reason = EXCLUDED.closure_reason, closed_on = EXCLUDED.closed_on,
      tenure = EXCLUDED.tenure, stages = EXCLUDED.stages;

    IF TG_OP = 'UPDATE' THEN
      DELETE FROM report_stage_facts WHERE case_id = NEW.id;
    END IF;
    INSERT INTO report_stage_facts (case_id, sequence, council_id, directorate_id, service_id, regime_id,
      case_kind, case_status, representative_role, category, sub_category, tenure, stage_id, phase,
      requested_on, acknowledged_on, responded_on, ended_on, outcome, ack_due, respond_due, target_due,
      extensions, extension_days, extensions_with_ombudsman_details, next_stage_id, financial_remedies,
      financial_remedy_pence, financial_remedy_paid_pence, request_reason, root_cause, lessons)
    SELECT NEW.id, (st ->> 'sequence')::integer, NEW.council_id, NEW.directorate_id, NEW.service_id,
      NEW.regime_id, NEW.kind, NEW.status, v_role, NEW.category, NEW.sub_category,
      v_state -> 'intake' ->> 'tenure', st ->> 'stageId', coalesce(st ->> 'phase', 'unknown'), report_date(st ->> 'requestedOn'),
      report_date(st ->> 'acknowledgedOn'), report_date(st -> 'response' ->> 'on'),
      report_date(st ->> 'endedOn'), st -> 'response' ->> 'outcome',
      (SELECT report_date(d ->> 'date') FROM jsonb_array_elements(v_dues) d
        WHERE d ->> 'id' = (st ->> 'stageId') || '#' || (st ->> 'sequence') || '.acknowledge' LIMIT 1),
      (SELECT report_date(d ->> 'date') FROM jsonb_array_elements(v_dues) d
        WHERE d ->> 'id' = (st ->> 'stageId') || '#' || (st ->> 'sequence') || '.respond' LIMIT 1),
      (SELECT report_date(d ->> 'date') FROM jsonb_array_elements(v_dues) d
        WHERE d ->> 'id' = (st ->> 'stageId') || '#' || (st ->> 'sequence') || '.target' LIMIT 1),
      x.extensions, x.extension_days, x.with_details,
      (SELECT n ->> 'stageId' FROM jsonb_array_elements(report_array(v_state -> 'stages')) n
        WHERE n ->> 'sequence' = ((st ->> 'sequence')::integer + 1)::text LIMIT 1),
      m.remedies, m.pence, m.paid_pence,
      CASE WHEN (st ->> 'sequence')::integer > 1 THEN st ->> 'requestReason' END,
      st -> 'response' -> 'learning' ->> 'rootCause',
      st -> 'response' -> 'learning' ->> 'lessons'
    FROM jsonb_array_elements(report_array(v_state -> 'stages')) st
    CROSS JOIN LATERAL (
      SELECT count(*)::integer AS extensions,
        coalesce(sum(CASE WHEN jsonb_typeof(e -> 'workingDays') = 'number'
          THEN (e ->> 'workingDays')::numeric::integer ELSE 0 END), 0)::integer AS extension_days,
        coalesce(bool_and(coalesce(e ->> 'ombudsmanDetailsGiven', 'false') = 'true'
          AND e ->> 'customerToldOn' IS NOT NULL), true) AS with_details
      FROM jsonb_array_elements(report_array(st -> 'extensions')) e
    ) x
    CROSS JOIN LATERAL (
      SELECT count(*)::integer AS remedies, sum((r ->> 'amountPence')::numeric)::bigint AS pence,
        sum((r ->> 'amountPence')::numeric) FILTER (WHERE r ->> 'completedOn' IS NOT NULL)::bigint AS paid_pence
      FROM jsonb_array_elements(report_array(st -> 'response' -> 'remedies')) r
      WHERE r ->> 'type' = 'financial' AND jsonb_typeof(r -> 'amountPence') = 'number'
    ) m
    WHERE st ->> 'sequence' ~ '^\\d+$' AND st ->> 'stageId' IS NOT NULL
      AND report_date(st ->> 'requestedOn') IS NOT NULL;
    RETURN NULL;
  END
  $$`,
  `CREATE TRIGGER report_facts AFTER INSERT OR UPDATE ON cases
    FOR EACH ROW EXECUTE FUNCTION report_facts_sync()`,
  // Cases written before this migration: a no-op update runs the trigger for each.
  `UPDATE cases SET state = state`,
];

const DOWN = [
  "DROP TRIGGER report_facts ON cases",
  "DROP FUNCTION report_facts_sync()",
  "DROP FUNCTION report_array(jsonb)",
  "DROP FUNCTION report_date(text)",
  "DROP TABLE report_stage_facts",
  "DROP TABLE report_case_facts",
  "DROP TABLE report_calendars",
  "DROP TABLE working_days",
  "DROP TABLE working_day_calendars",
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
