import { sql, type Kysely } from "kysely";

/**
 * The report facts get the dates correspondence was sent (issue 15; decision 0322): a deadline
 * that requires telling the resident is met when the acknowledgement or response is sent, which
 * core records on the case (`acknowledgementSent`, `response.sent`) and decides in the due dates'
 * `metOn`. The facts keep both: the date the step was taken (`acknowledged_on`, `responded_on`),
 * the date it was sent (`*_sent_on`), and the date the deadline was met (`*_met_on`, core's
 * `metOn`: the sent date, or the step's date for cases stored before sending was recorded and
 * for cases with nobody to write to). Reports count "in time" on the met dates.
 *
 * The trigger function is `report_facts_sync` of 20261126100000 with the four columns added;
 * `down` puts that one back. Frozen.
 */
function factsSync(withSent: boolean): string {
  const due = (suffix: string, field: string) => `(SELECT report_date(d ->> '${field}') FROM jsonb_array_elements(v_dues) d
        WHERE d ->> 'id' = (st ->> 'stageId') || '#' || (st ->> 'sequence') || '.${suffix}' LIMIT 1)`;
  const sentColumns = withSent ? ", acknowledgement_sent_on, response_sent_on, ack_met_on, respond_met_on" : "";
  // Met only where the step was taken: a stage referred back (Lancaster) is closed off in the
  // due dates without an acknowledgement or response, which no report counts as one. A stage
  // whose rules set no such due date (an imported case; the housing reports judge by the Code's
  // own timescales) is met when sent, or on the step's date where no sending was recorded.
  const sentValues = withSent
    ? `,
      report_date(st -> 'acknowledgementSent' ->> 'on'), report_date(st -> 'response' -> 'sent' ->> 'on'),
      CASE WHEN st ->> 'acknowledgedOn' IS NOT NULL THEN coalesce(${due("acknowledge", "metOn")},
        CASE WHEN st ? 'acknowledgementSent' THEN report_date(st -> 'acknowledgementSent' ->> 'on')
          ELSE report_date(st ->> 'acknowledgedOn') END) END,
      CASE WHEN st -> 'response' ->> 'on' IS NOT NULL THEN coalesce(${due("respond", "metOn")},
        CASE WHEN st -> 'response' ? 'sent' THEN report_date(st -> 'response' -> 'sent' ->> 'on')
          ELSE report_date(st -> 'response' ->> 'on') END) END`
    : "";
  return `CREATE OR REPLACE FUNCTION report_facts_sync() RETURNS trigger
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
      financial_remedy_pence, financial_remedy_paid_pence, request_reason, root_cause, lessons${sentColumns})
    SELECT NEW.id, (st ->> 'sequence')::integer, NEW.council_id, NEW.directorate_id, NEW.service_id,
      NEW.regime_id, NEW.kind, NEW.status, v_role, NEW.category, NEW.sub_category,
      v_state -> 'intake' ->> 'tenure', st ->> 'stageId', coalesce(st ->> 'phase', 'unknown'), report_date(st ->> 'requestedOn'),
      report_date(st ->> 'acknowledgedOn'), report_date(st -> 'response' ->> 'on'),
      report_date(st ->> 'endedOn'), st -> 'response' ->> 'outcome',
      ${due("acknowledge", "date")},
      ${due("respond", "date")},
      ${due("target", "date")},
      x.extensions, x.extension_days, x.with_details,
      (SELECT n ->> 'stageId' FROM jsonb_array_elements(report_array(v_state -> 'stages')) n
        WHERE n ->> 'sequence' = ((st ->> 'sequence')::integer + 1)::text LIMIT 1),
      m.remedies, m.pence, m.paid_pence,
      CASE WHEN (st ->> 'sequence')::integer > 1 THEN st ->> 'requestReason' END,
      st -> 'response' -> 'learning' ->> 'rootCause',
      st -> 'response' -> 'learning' ->> 'lessons'${sentValues}
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
  $$`;
}

const UP = [
  `ALTER TABLE report_stage_facts
    ADD COLUMN acknowledgement_sent_on date,
    ADD COLUMN response_sent_on date,
    ADD COLUMN ack_met_on date,
    ADD COLUMN respond_met_on date`,
  factsSync(true),
  // CH02 and the annual report select responses by the date they were sent (decision 0322).
  `CREATE INDEX report_stage_facts_regime_response_met ON report_stage_facts (council_id, regime_id, respond_met_on)
    WHERE respond_met_on IS NOT NULL`,
  // The facts of cases written before: a no-op update runs the trigger for each.
  `UPDATE cases SET state = state`,
];

const DOWN = [
  factsSync(false),
  `DROP INDEX report_stage_facts_regime_response_met`,
  `ALTER TABLE report_stage_facts
    DROP COLUMN acknowledgement_sent_on,
    DROP COLUMN response_sent_on,
    DROP COLUMN ack_met_on,
    DROP COLUMN respond_met_on`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
