/**
 * Learning from complaints: improvement actions followed through after the response that agreed
 * them (milestones, completion, escalation to the Head of Service when overdue), the "lessons
 * learned" report per directorate and period, and the statutory social care annual figures.
 *
 * Root cause, lessons and the improvement actions themselves are part of each stage response in
 * the case snapshot (mirrored into `learning_actions` and `report_stage_facts`); what happens to
 * an action afterwards is kept here, keyed by (case, stage sequence, action id).
 */
import { sql } from "kysely";
import { NotFoundError } from "../errors.js";
import { inTransaction, type Executor } from "../executor.js";
import { inScope, type AccessScope } from "../search.js";
import { checkDate, checkPeriod, directorateFilter, inList, type ReportPeriod } from "./periods.js";

export interface ActionKey {
  caseId: string;
  stageSequence: number;
  actionId: string;
}

/** The columns that name an improvement action in its side tables. */
function keyColumns(key: ActionKey) {
  return { case_id: key.caseId, stage_sequence: key.stageSequence, action_id: key.actionId };
}

async function requireAction(db: Executor, key: ActionKey) {
  const action = await db
    .selectFrom("learning_actions")
    .select(["council_id", "due_on"])
    .where("case_id", "=", key.caseId)
    .where("stage_sequence", "=", key.stageSequence)
    .where("id", "=", key.actionId)
    .executeTakeFirst();
  if (!action)
    throw new NotFoundError(
      "improvement action",
      `${key.caseId}/${key.stageSequence}/${key.actionId}`,
    );
  return action;
}

/** Adds (or replaces) a milestone of an improvement action's implementation plan. */
async function setMilestone(
  db: Executor,
  key: ActionKey,
  milestone: { id: string; description: string; dueOn: string; createdBy: string },
): Promise<void> {
  checkDate(milestone.dueOn, "the milestone's due date");
  await inTransaction(db, async (trx) => {
    const action = await requireAction(trx, key);
    await trx
      .insertInto("improvement_milestones")
      .values({
        ...keyColumns(key),
        id: milestone.id,
        council_id: action.council_id,
        description: milestone.description,
        due_on: milestone.dueOn,
        created_by: milestone.createdBy,
      })
      .onConflict((oc) =>
        oc.columns(["case_id", "stage_sequence", "action_id", "id"]).doUpdateSet({
          description: milestone.description,
          due_on: milestone.dueOn,
        }),
      )
      .execute();
  });
}

async function completeMilestone(
  db: Executor,
  key: ActionKey & { milestoneId: string },
  on: string,
): Promise<void> {
  checkDate(on, "the completion date");
  const result = await db
    .updateTable("improvement_milestones")
    .set({ completed_on: on })
    .where("case_id", "=", key.caseId)
    .where("stage_sequence", "=", key.stageSequence)
    .where("action_id", "=", key.actionId)
    .where("id", "=", key.milestoneId)
    .executeTakeFirst();
  if (result.numUpdatedRows === 0n) throw new NotFoundError("milestone", key.milestoneId);
}

/** Records an improvement action as done. */
async function completeAction(
  db: Executor,
  key: ActionKey,
  done: { on: string; by: string; note?: string | null; at: Date },
): Promise<void> {
  checkDate(done.on, "the completion date");
  await recordProgress(db, key, { completed_on: done.on, completed_by: done.by, note: done.note ?? null }, done.at);
}

/** Writes (or updates) an improvement action's progress row: one per action. */
async function recordProgress(
  db: Executor,
  key: ActionKey,
  progress: { completed_on: string; completed_by: string; note: string | null } | { escalated_on: string; escalated_for_due: string },
  at: Date,
): Promise<void> {
  await inTransaction(db, async (trx) => {
    const action = await requireAction(trx, key);
    await trx
      .insertInto("improvement_action_progress")
      .values({ ...keyColumns(key), council_id: action.council_id, ...progress })
      .onConflict((oc) => oc.columns(["case_id", "stage_sequence", "action_id"]).doUpdateSet({ ...progress, updated_at: at }))
      .execute();
  });
}

export type ImprovementStatus = "open" | "overdue" | "done";

export interface ImprovementAction {
  caseId: string;
  reference: string;
  directorateId: string | null;
  stageSequence: number;
  stageId: string | null;
  actionId: string;
  description: string;
  ownerId: string | null;
  dueOn: string | null;
  rootCause: string | null;
  lessons: string | null;
  status: ImprovementStatus;
  /** The earliest date missed (the action's own, or a milestone's); null when nothing is late. */
  overdueSince: string | null;
  completedOn: string | null;
  completedBy: string | null;
  note: string | null;
  /** When it last went to the Head of Service for being late, and for which date. */
  escalatedOn: string | null;
  escalatedForDue: string | null;
  milestones: Array<{
    id: string;
    description: string;
    dueOn: string;
    completedOn: string | null;
    overdue: boolean;
  }>;
}

export interface ImprovementListInput {
  /** Whose view: only actions on cases this scope may read are listed. */
  scope: AccessScope;
  /** Overdue is judged on this date. */
  asOf: string;
  status?: ImprovementStatus | "not-done" | null;
  directorateIds?: readonly string[] | null;
  ownerId?: string | null;
  caseId?: string | null;
  limit?: number;
}

/**
 * Improvement actions with their milestones and where each stands on `asOf`: done (recorded
 * here, or in the case), overdue (its date or a milestone's has passed), or open. Only actions on
 * cases the scope may read; the most pressing first (overdue by the oldest date, then by due date).
 */
async function listActions(
  db: Executor,
  input: ImprovementListInput,
): Promise<ImprovementAction[]> {
  checkDate(input.asOf, "asOf");
  const asOf = input.asOf;
  const visible = db
    .selectFrom("cases as c")
    .select("c.id")
    .where((eb) => inScope(eb, input.scope));
  const limit = Math.max(1, Math.min(input.limit ?? 500, 2000));
  const { rows } = await sql<{
    case_id: string;
    reference: string;
    directorate_id: string | null;
    stage_sequence: number;
    stage_id: string | null;
    action_id: string;
    description: string;
    owner_id: string | null;
    due_on: string | null;
    root_cause: string | null;
    lessons: string | null;
    completed_on: string | null;
    completed_by: string | null;
    note: string | null;
    escalated_on: string | null;
    escalated_for_due: string | null;
    overdue_since: string | null;
    milestones: ImprovementAction["milestones"];
  }>`
    SELECT * FROM (
      SELECT l.case_id, k.reference, l.directorate_id, l.stage_sequence, s.stage_id, l.id AS action_id,
        l.description, l.owner_id, l.due_on, l.root_cause, l.lessons,
        coalesce(g.completed_on, l.completed_on) AS completed_on, g.completed_by, g.note,
        g.escalated_on, g.escalated_for_due,
        CASE WHEN coalesce(g.completed_on, l.completed_on) IS NULL THEN least(
          CASE WHEN l.due_on < ${asOf}::date THEN l.due_on END,
          (SELECT min(m.due_on) FROM improvement_milestones m WHERE m.case_id = l.case_id
            AND m.stage_sequence = l.stage_sequence AND m.action_id = l.id
            AND m.completed_on IS NULL AND m.due_on < ${asOf}::date)
        ) END AS overdue_since,
        coalesce((SELECT jsonb_agg(jsonb_build_object('id', m.id, 'description', m.description,
            'dueOn', m.due_on, 'completedOn', m.completed_on,
            'overdue', m.completed_on IS NULL AND m.due_on < ${asOf}::date) ORDER BY m.due_on, m.id)
          FROM improvement_milestones m WHERE m.case_id = l.case_id
            AND m.stage_sequence = l.stage_sequence AND m.action_id = l.id), '[]'::jsonb) AS milestones
      FROM learning_actions l
      JOIN cases k ON k.id = l.case_id
      LEFT JOIN stage_instances s ON s.case_id = l.case_id AND s.sequence = l.stage_sequence
      LEFT JOIN improvement_action_progress g
        ON g.case_id = l.case_id AND g.stage_sequence = l.stage_sequence AND g.action_id = l.id
      WHERE l.council_id = ${input.scope.councilId} AND l.case_id IN (${visible})
        ${directorateFilter("l", input.directorateIds)}
        ${input.ownerId ? sql`AND l.owner_id = ${input.ownerId}` : sql``}
        ${input.caseId ? sql`AND l.case_id = ${input.caseId}` : sql``}
    ) a
    WHERE ${
      input.status === "done"
        ? sql`a.completed_on IS NOT NULL`
        : input.status === "overdue"
          ? sql`a.overdue_since IS NOT NULL`
          : input.status === "open"
            ? sql`a.completed_on IS NULL AND a.overdue_since IS NULL`
            : input.status === "not-done"
              ? sql`a.completed_on IS NULL`
              : sql`true`
    }
    ORDER BY a.completed_on IS NOT NULL, a.overdue_since NULLS LAST, a.due_on NULLS LAST, a.reference, a.action_id
    LIMIT ${limit}`.execute(db);
  return rows.map((r) => ({
    caseId: r.case_id,
    reference: r.reference,
    directorateId: r.directorate_id,
    stageSequence: r.stage_sequence,
    stageId: r.stage_id,
    actionId: r.action_id,
    description: r.description,
    ownerId: r.owner_id,
    dueOn: r.due_on,
    rootCause: r.root_cause,
    lessons: r.lessons,
    status: r.completed_on ? "done" : r.overdue_since ? "overdue" : "open",
    overdueSince: r.overdue_since,
    completedOn: r.completed_on,
    completedBy: r.completed_by,
    note: r.note,
    escalatedOn: r.escalated_on,
    escalatedForDue: r.escalated_for_due,
    milestones: r.milestones,
  }));
}

export interface OverdueImprovement {
  caseId: string;
  reference: string;
  directorateId: string | null;
  stageSequence: number;
  actionId: string;
  description: string;
  ownerId: string | null;
  /** The action's due date, or the earliest overdue milestone's. */
  overdueSince: string;
  /** What is overdue: the action itself, or a milestone of its plan. */
  what: { kind: "action" } | { kind: "milestone"; milestoneId: string; description: string };
  /** Already escalated to the Head of Service for this due date. */
  escalated: boolean;
}

/**
 * Improvement actions not done whose due date, or one of whose milestones, has passed: what the
 * sweep escalates to the Head of Service (Southwark: "escalate to HoS any which are delayed or
 * otherwise not meeting their planned milestones"). Unlike a plain due-date check it leaves out
 * actions recorded as done.
 */
async function overdueImprovements(
  db: Executor,
  councilId: string,
  today: string,
): Promise<OverdueImprovement[]> {
  checkDate(today, "today");
  const { rows } = await sql<{
    case_id: string;
    reference: string;
    directorate_id: string | null;
    stage_sequence: number;
    action_id: string;
    description: string;
    owner_id: string | null;
    overdue_since: string;
    milestone_id: string | null;
    milestone_description: string | null;
    escalated: boolean;
  }>`
    SELECT l.case_id, c.reference, l.directorate_id, l.stage_sequence, l.id AS action_id, l.description,
      l.owner_id, coalesce(m.due_on, l.due_on) AS overdue_since, m.id AS milestone_id,
      m.description AS milestone_description,
      coalesce(g.escalated_for_due = coalesce(m.due_on, l.due_on), false) AS escalated
    FROM learning_actions l
    JOIN cases c ON c.id = l.case_id
    LEFT JOIN improvement_action_progress g
      ON g.case_id = l.case_id AND g.stage_sequence = l.stage_sequence AND g.action_id = l.id
    LEFT JOIN LATERAL (
      SELECT mi.id, mi.description, mi.due_on FROM improvement_milestones mi
      WHERE mi.case_id = l.case_id AND mi.stage_sequence = l.stage_sequence AND mi.action_id = l.id
        AND mi.completed_on IS NULL AND mi.due_on < ${today}::date
      ORDER BY mi.due_on, mi.id LIMIT 1
    ) m ON true
    WHERE l.council_id = ${councilId} AND l.completed_on IS NULL AND g.completed_on IS NULL
      AND (l.due_on < ${today}::date OR m.id IS NOT NULL)
    ORDER BY overdue_since, c.reference, l.id`.execute(db);
  return rows.map((r) => ({
    caseId: r.case_id,
    reference: r.reference,
    directorateId: r.directorate_id,
    stageSequence: r.stage_sequence,
    actionId: r.action_id,
    description: r.description,
    ownerId: r.owner_id,
    overdueSince: r.overdue_since,
    what: r.milestone_id
      ? {
          kind: "milestone",
          milestoneId: r.milestone_id,
          description: r.milestone_description ?? "",
        }
      : { kind: "action" },
    escalated: r.escalated,
  }));
}

/** Records that an overdue action went to the Head of Service, so the sweep tells them once per due date. */
async function markEscalated(
  db: Executor,
  key: ActionKey,
  on: string,
  forDue: string,
  at: Date,
): Promise<void> {
  checkDate(on, "the escalation date");
  checkDate(forDue, "the due date escalated");
  await recordProgress(db, key, { escalated_on: on, escalated_for_due: forDue }, at);
}

export interface LessonsRow {
  directorateId: string | null;
  /** Stage responses in the period, and those upheld in full or in part. */
  responses: number;
  upheld: number;
  partlyUpheld: number;
  rootCauses: Array<{ rootCause: string; count: number }>;
  lessons: Array<{ lesson: string; count: number }>;
  actions: Array<{
    caseId: string;
    reference: string;
    stageSequence: number;
    actionId: string;
    description: string;
    ownerId: string | null;
    dueOn: string | null;
    completedOn: string | null;
    status: "done" | "overdue" | "open";
    milestones: number;
    milestonesOverdue: number;
  }>;
}

/**
 * "Lessons learned" per directorate for stage responses sent in the period (what councils tell
 * tenants and members, seed 000; Lewisham 5.5–5.10): how many were upheld, the root causes and
 * lessons recorded (grouped by wording), and every improvement action agreed with where it is
 * now (done, overdue or open on `asOf`).
 */
async function lessonsLearned(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    asOf: string;
    /** Only these directorates (default: all; an empty list: none). */
    directorateIds?: readonly string[] | null;
  },
): Promise<LessonsRow[]> {
  const period = checkPeriod(input.period, "the period");
  checkDate(input.asOf, "asOf");
  const only = directorateFilter("f", input.directorateIds);
  const { rows: totals } = await sql<{
    directorateId: string | null;
    responses: number;
    upheld: number;
    partlyUpheld: number;
    rootCauses: Array<{ rootCause: string; count: number }>;
    lessons: Array<{ lesson: string; count: number }>;
  }>`
    WITH responded AS (
      SELECT f.* FROM report_stage_facts f
      WHERE f.council_id = ${input.councilId}
        AND f.responded_on BETWEEN ${period.from}::date AND ${period.to}::date ${only}
    ),
    causes AS (
      SELECT directorate_id, min(btrim(root_cause)) AS text, count(*)::integer AS n FROM responded
      WHERE nullif(btrim(root_cause), '') IS NOT NULL GROUP BY directorate_id, lower(btrim(root_cause))
    ),
    learnt AS (
      SELECT directorate_id, min(btrim(lessons)) AS text, count(*)::integer AS n FROM responded
      WHERE nullif(btrim(lessons), '') IS NOT NULL GROUP BY directorate_id, lower(btrim(lessons))
    )
    SELECT r.directorate_id AS "directorateId", count(*)::integer AS responses,
      count(*) FILTER (WHERE r.outcome = 'upheld')::integer AS upheld,
      count(*) FILTER (WHERE r.outcome = 'partly-upheld')::integer AS "partlyUpheld",
      coalesce((SELECT jsonb_agg(jsonb_build_object('rootCause', c.text, 'count', c.n) ORDER BY c.n DESC, c.text)
        FROM causes c WHERE c.directorate_id IS NOT DISTINCT FROM r.directorate_id), '[]'::jsonb) AS "rootCauses",
      coalesce((SELECT jsonb_agg(jsonb_build_object('lesson', l.text, 'count', l.n) ORDER BY l.n DESC, l.text)
        FROM learnt l WHERE l.directorate_id IS NOT DISTINCT FROM r.directorate_id), '[]'::jsonb) AS lessons
    FROM responded r
    GROUP BY r.directorate_id
    ORDER BY r.directorate_id`.execute(db);

  const { rows: actions } = await sql<{
    directorate_id: string | null;
    case_id: string;
    reference: string;
    stage_sequence: number;
    action_id: string;
    description: string;
    owner_id: string | null;
    due_on: string | null;
    completed_on: string | null;
    milestones: number;
    milestones_overdue: number;
  }>`
    SELECT f.directorate_id, l.case_id, c.reference, l.stage_sequence, l.id AS action_id, l.description,
      l.owner_id, l.due_on, coalesce(g.completed_on, l.completed_on) AS completed_on,
      (SELECT count(*) FROM improvement_milestones m WHERE m.case_id = l.case_id
        AND m.stage_sequence = l.stage_sequence AND m.action_id = l.id)::integer AS milestones,
      (SELECT count(*) FROM improvement_milestones m WHERE m.case_id = l.case_id
        AND m.stage_sequence = l.stage_sequence AND m.action_id = l.id
        AND m.completed_on IS NULL AND m.due_on < ${input.asOf}::date)::integer AS milestones_overdue
    FROM report_stage_facts f
    JOIN learning_actions l ON l.case_id = f.case_id AND l.stage_sequence = f.sequence
    JOIN cases c ON c.id = l.case_id
    LEFT JOIN improvement_action_progress g
      ON g.case_id = l.case_id AND g.stage_sequence = l.stage_sequence AND g.action_id = l.id
    WHERE f.council_id = ${input.councilId}
      AND f.responded_on BETWEEN ${period.from}::date AND ${period.to}::date ${only}
    ORDER BY f.directorate_id, l.due_on, c.reference, l.id`.execute(db);

  const byDirectorate = new Map<string | null, LessonsRow>();
  for (const t of totals) byDirectorate.set(t.directorateId, { ...t, actions: [] });
  for (const a of actions) {
    const row = byDirectorate.get(a.directorate_id);
    if (!row) continue;
    const done = a.completed_on !== null;
    const overdue =
      !done && ((a.due_on !== null && a.due_on < input.asOf) || a.milestones_overdue > 0);
    row.actions.push({
      caseId: a.case_id,
      reference: a.reference,
      stageSequence: a.stage_sequence,
      actionId: a.action_id,
      description: a.description,
      ownerId: a.owner_id,
      dueOn: a.due_on,
      completedOn: a.completed_on,
      status: done ? "done" : overdue ? "overdue" : "open",
      milestones: a.milestones,
      milestonesOverdue: a.milestones_overdue,
    });
  }
  return [...byDirectorate.values()];
}

export interface SocialCareRow {
  regimeId: string;
  stageId: string;
  /** Stages requested (complaints received) in the period. */
  received: number;
  /** Responses sent in the period, those upheld in full or in part ("well-founded"), and in time. */
  responded: number;
  wellFounded: number;
  respondedInTime: number;
}

export interface SocialCareFigures {
  stages: SocialCareRow[];
  /** Ombudsman enquiries received in the period about cases of each regime. */
  referredToOmbudsman: Array<{ regimeId: string; body: string; count: number }>;
  /** What was learnt: root causes and lessons recorded with responses sent in the period. */
  learning: Array<{
    regimeId: string;
    rootCause: string | null;
    lessons: string | null;
    count: number;
  }>;
  improvementActions: Array<{ regimeId: string; agreed: number; done: number }>;
}

/**
 * The statutory social care annual figures (SI 2009/309 reg 18; SI 2006/1738): complaints
 * received, how many were well-founded, how many went to the Ombudsman, and what was learnt.
 */
async function socialCareFigures(
  db: Executor,
  input: {
    councilId: string;
    period: ReportPeriod;
    regimeIds: readonly string[];
    /** Only cases of these directorates (default: all). */
    directorateIds?: readonly string[] | null;
  },
): Promise<SocialCareFigures> {
  const period = checkPeriod(input.period, "the period");
  const only = directorateFilter("f", input.directorateIds);
  const onlyCase = directorateFilter("c", input.directorateIds);
  const from = period.from;
  const to = period.to;
  const regimes = inList(input.regimeIds);
  const stages = await sql<SocialCareRow>`
    SELECT f.regime_id AS "regimeId", f.stage_id AS "stageId",
      count(*) FILTER (WHERE f.requested_on BETWEEN ${from}::date AND ${to}::date)::integer AS received,
      count(*) FILTER (WHERE f.responded_on BETWEEN ${from}::date AND ${to}::date)::integer AS responded,
      count(*) FILTER (WHERE f.responded_on BETWEEN ${from}::date AND ${to}::date
        AND f.outcome IN ('upheld', 'partly-upheld'))::integer AS "wellFounded",
      count(*) FILTER (WHERE f.responded_on BETWEEN ${from}::date AND ${to}::date
        AND f.respond_met_on <= f.respond_due)::integer AS "respondedInTime"
    FROM report_stage_facts f
    WHERE f.council_id = ${input.councilId} AND f.regime_id IN ${regimes} ${only}
      AND (f.requested_on BETWEEN ${from}::date AND ${to}::date OR f.responded_on BETWEEN ${from}::date AND ${to}::date)
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  const referred = await sql<{ regimeId: string; body: string; count: number }>`
    SELECT c.regime_id AS "regimeId", o.body, count(*)::integer AS count
    FROM ombudsman_enquiries o
    JOIN report_case_facts c ON c.case_id = o.case_id
    WHERE o.council_id = ${input.councilId} AND c.regime_id IN ${regimes} ${onlyCase}
      AND o.received_on BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1, 2
    ORDER BY 1, 2`.execute(db);
  const learning = await sql<{
    regimeId: string;
    rootCause: string | null;
    lessons: string | null;
    count: number;
  }>`
    SELECT f.regime_id AS "regimeId", min(nullif(btrim(f.root_cause), '')) AS "rootCause",
      min(nullif(btrim(f.lessons), '')) AS lessons, count(*)::integer AS count
    FROM report_stage_facts f
    WHERE f.council_id = ${input.councilId} AND f.regime_id IN ${regimes} ${only}
      AND f.responded_on BETWEEN ${from}::date AND ${to}::date
      AND (nullif(btrim(f.root_cause), '') IS NOT NULL OR nullif(btrim(f.lessons), '') IS NOT NULL)
    GROUP BY 1, lower(nullif(btrim(f.root_cause), '')), lower(nullif(btrim(f.lessons), ''))
    ORDER BY 1, 4 DESC, 2, 3`.execute(db);
  const improvementActions = await sql<{ regimeId: string; agreed: number; done: number }>`
    SELECT f.regime_id AS "regimeId", count(*)::integer AS agreed,
      count(coalesce(g.completed_on, l.completed_on))::integer AS done
    FROM report_stage_facts f
    JOIN learning_actions l ON l.case_id = f.case_id AND l.stage_sequence = f.sequence
    LEFT JOIN improvement_action_progress g
      ON g.case_id = l.case_id AND g.stage_sequence = l.stage_sequence AND g.action_id = l.id
    WHERE f.council_id = ${input.councilId} AND f.regime_id IN ${regimes} ${only}
      AND f.responded_on BETWEEN ${from}::date AND ${to}::date
    GROUP BY 1
    ORDER BY 1`.execute(db);
  return {
    stages: stages.rows,
    referredToOmbudsman: referred.rows,
    learning: learning.rows,
    improvementActions: improvementActions.rows,
  };
}

export const learningRepository = Object.freeze({
  listActions,
  setMilestone,
  completeMilestone,
  completeAction,
  overdueImprovements,
  markEscalated,
  lessonsLearned,
  socialCareFigures,
});
