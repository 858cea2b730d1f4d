/**
 * Resolution plans (Southwark procedure, "Resolution Plan"): for a complaint that needs
 * comprehensive action, tasks with owners and due dates, checkpoints to catch drift early, and
 * once every task is done a check with the customer that they are satisfied.
 *
 * A plan belongs to a case and its changes are part of the case's history: each change appends
 * an event to the case's hash-chained stream (under the case row's lock, at the case's current
 * version: the snapshot itself does not change), so the timeline shows them.
 */
import { DomainError } from "@complaints/core";
import { sql, type Transaction } from "kysely";
import { ConflictError, NotFoundError } from "../errors.js";
import { appendEvents, type Actor } from "../events.js";
import { inTransaction, type Executor } from "../executor.js";
import type { DB } from "../schema.js";
import { checkDate, ReportInputError } from "./periods.js";
import type { ResolutionPlanStatus, Satisfaction } from "./schema.js";

export interface ResolutionPlan {
  id: string;
  councilId: string;
  caseId: string;
  stageSequence: number;
  summary: string;
  ownerId: string;
  status: ResolutionPlanStatus;
  createdOn: string;
  createdBy: string;
  closedOn: string | null;
  satisfaction: {
    value: Satisfaction;
    checkedOn: string;
    checkedBy: string;
    note: string | null;
  } | null;
  version: number;
  tasks: Array<{
    id: string;
    description: string;
    ownerId: string;
    dueOn: string;
    completedOn: string | null;
  }>;
  checkpoints: Array<{
    id: string;
    dueOn: string;
    heldOn: string | null;
    onTrack: boolean | null;
    note: string | null;
  }>;
}

/** A plan that is malformed (no tasks, an id twice) or, under the procedure, cannot change now. */
export class ResolutionPlanError extends DomainError {
  override readonly name = "ResolutionPlanError";
  constructor(
    readonly reason: "PLAN_CLOSED" | "TASKS_OUTSTANDING" | "NO_TASKS" | "DUPLICATE_ID",
    message: string,
  ) {
    const malformed = reason === "DUPLICATE_ID" || reason === "NO_TASKS";
    super(malformed ? "INVALID_INPUT" : "NOT_ALLOWED_NOW", message, malformed ? null : "Southwark procedure, Resolution Plan");
  }
}

async function recordOnCase(
  trx: Transaction<DB>,
  caseId: string,
  { by: actor, at }: { by: Actor; at: Date },
  type: string,
  on: string,
  data: Record<string, unknown>,
): Promise<string> {
  const row = await trx
    .selectFrom("cases")
    .select(["council_id", "version"])
    .where("id", "=", caseId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) throw new NotFoundError("case", caseId);
  await appendEvents(trx, {
    councilId: row.council_id,
    stream: { caseId },
    streamVersion: row.version,
    events: [
      {
        type,
        occurredAt: at,
        actor,
        payload: { type, at: at.toISOString(), by: actor.id, on, stageId: null, data },
      },
    ],
  });
  return row.council_id;
}

async function getPlan(db: Executor, planId: string): Promise<ResolutionPlan> {
  const plan = await db
    .selectFrom("resolution_plans")
    .selectAll()
    .where("id", "=", planId)
    .executeTakeFirst();
  if (!plan) throw new NotFoundError("resolution plan", planId);
  const tasks = await db
    .selectFrom("resolution_plan_tasks")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("due_on")
    .orderBy("id")
    .execute();
  const checkpoints = await db
    .selectFrom("resolution_plan_checkpoints")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("due_on")
    .orderBy("id")
    .execute();
  return {
    id: plan.id,
    councilId: plan.council_id,
    caseId: plan.case_id,
    stageSequence: plan.stage_sequence,
    summary: plan.summary,
    ownerId: plan.owner_id,
    status: plan.status,
    createdOn: plan.created_on,
    createdBy: plan.created_by,
    closedOn: plan.closed_on,
    satisfaction: plan.satisfaction
      ? {
          value: plan.satisfaction,
          checkedOn: plan.satisfaction_checked_on!,
          checkedBy: plan.satisfaction_checked_by!,
          note: plan.satisfaction_note,
        }
      : null,
    version: plan.version,
    tasks: tasks.map((x) => ({
      id: x.id,
      description: x.description,
      ownerId: x.owner_id,
      dueOn: x.due_on,
      completedOn: x.completed_on,
    })),
    checkpoints: checkpoints.map((x) => ({
      id: x.id,
      dueOn: x.due_on,
      heldOn: x.held_on,
      onTrack: x.on_track,
      note: x.note,
    })),
  };
}

async function listForCase(db: Executor, caseId: string): Promise<ResolutionPlan[]> {
  const ids = await db
    .selectFrom("resolution_plans")
    .select("id")
    .where("case_id", "=", caseId)
    .orderBy("created_on")
    .orderBy("id")
    .execute();
  const plans: ResolutionPlan[] = [];
  for (const { id } of ids) plans.push(await getPlan(db, id));
  return plans;
}

export interface NewResolutionPlan {
  caseId: string;
  stageSequence: number;
  summary: string;
  ownerId: string;
  createdOn: string;
  by: Actor & { id: string };
  /** When it happened, by the caller's clock (now if not given). */
  at: Date;
  tasks: Array<{ id: string; description: string; ownerId: string; dueOn: string }>;
  checkpoints?: Array<{ id: string; dueOn: string }>;
}

function unique(ids: readonly string[], what: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id))
      throw new ResolutionPlanError("DUPLICATE_ID", `two ${what} have the id "${id}"`);
    seen.add(id);
  }
}

async function createPlan(db: Executor, input: NewResolutionPlan): Promise<ResolutionPlan> {
  checkDate(input.createdOn, "the plan's date");
  if (input.tasks.length === 0)
    throw new ResolutionPlanError(
      "NO_TASKS",
      "a resolution plan needs at least one task with an owner and a due date",
    );
  for (const task of input.tasks) checkDate(task.dueOn, `task "${task.id}" due date`);
  for (const checkpoint of input.checkpoints ?? [])
    checkDate(checkpoint.dueOn, `checkpoint "${checkpoint.id}" date`);
  unique(
    input.tasks.map((x) => x.id),
    "tasks",
  );
  unique(
    (input.checkpoints ?? []).map((x) => x.id),
    "checkpoints",
  );
  const id = await inTransaction(db, async (trx) => {
    const councilId = await recordOnCase(
      trx,
      input.caseId,
      input,
      "resolution-plan-created",
      input.createdOn,
      {
        summary: input.summary,
        ownerId: input.ownerId,
        stageSequence: input.stageSequence,
        tasks: input.tasks,
        checkpoints: input.checkpoints ?? [],
      },
    );
    const plan = await trx
      .insertInto("resolution_plans")
      .values({
        council_id: councilId,
        case_id: input.caseId,
        stage_sequence: input.stageSequence,
        summary: input.summary,
        owner_id: input.ownerId,
        created_on: input.createdOn,
        created_by: input.by.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await trx
      .insertInto("resolution_plan_tasks")
      .values(
        input.tasks.map((x) => ({
          plan_id: plan.id,
          id: x.id,
          description: x.description,
          owner_id: x.ownerId,
          due_on: x.dueOn,
        })),
      )
      .execute();
    if (input.checkpoints?.length) {
      await trx
        .insertInto("resolution_plan_checkpoints")
        .values(input.checkpoints.map((x) => ({ plan_id: plan.id, id: x.id, due_on: x.dueOn })))
        .execute();
    }
    return plan.id;
  });
  return getPlan(db, id);
}

/** Loads an active plan for a change, checking the caller's version (optimistic concurrency). */
async function lockActive(trx: Transaction<DB>, planId: string, expectedVersion: number) {
  const plan = await trx
    .selectFrom("resolution_plans")
    .select(["id", "case_id", "status", "version"])
    .where("id", "=", planId)
    .forUpdate()
    .executeTakeFirst();
  if (!plan) throw new NotFoundError("resolution plan", planId);
  if (plan.version !== expectedVersion)
    throw new ConflictError(planId, expectedVersion, plan.version, [], "plan");
  if (plan.status !== "active")
    throw new ResolutionPlanError(
      "PLAN_CLOSED",
      `the resolution plan is ${plan.status} and cannot change`,
    );
  return plan;
}

async function bump(
  trx: Transaction<DB>,
  planId: string,
  set: Record<string, unknown> = {},
): Promise<void> {
  await trx
    .updateTable("resolution_plans")
    .set({ ...set, version: sql`version + 1` } as never)
    .where("id", "=", planId)
    .execute();
}

/**
 * One change to an active plan, in one transaction: the plan is locked at the caller's version,
 * `change` writes its rows, the plan's version goes up (with `set`), and the case's event log
 * records `event` with the plan's id. Returns the plan as it now is.
 */
async function changePlan(
  db: Executor,
  input: { planId: string; expectedVersion: number; by: Actor; at: Date },
  event: { type: string; on: string; data: Record<string, unknown>; set?: Record<string, unknown> },
  change: (trx: Transaction<DB>) => Promise<void> = async () => {},
): Promise<ResolutionPlan> {
  await inTransaction(db, async (trx) => {
    const plan = await lockActive(trx, input.planId, input.expectedVersion);
    await change(trx);
    await bump(trx, input.planId, event.set);
    await recordOnCase(trx, plan.case_id, input, event.type, event.on, { planId: input.planId, ...event.data });
  });
  return getPlan(db, input.planId);
}

/** Refuses a task or checkpoint id the plan already has. */
async function refuseDuplicate(
  trx: Transaction<DB>,
  table: "resolution_plan_tasks" | "resolution_plan_checkpoints",
  planId: string,
  id: string,
  what: string,
): Promise<void> {
  const clash = await trx.selectFrom(table).select("id").where("plan_id", "=", planId).where("id", "=", id).executeTakeFirst();
  if (clash) throw new ResolutionPlanError("DUPLICATE_ID", `the plan already has a ${what} "${id}"`);
}

/** Who changes a plan, on which version, and when by the caller's clock. */
interface PlanChange {
  planId: string;
  expectedVersion: number;
  by: Actor & { id: string };
  at: Date;
}

/** Adds a task to an active plan (a plan's work often grows once it starts). */
async function addTask(
  db: Executor,
  input: PlanChange & {
    task: { id: string; description: string; ownerId: string; dueOn: string };
    /** The day it was added. */
    on: string;
  },
): Promise<ResolutionPlan> {
  checkDate(input.on, "the date");
  checkDate(input.task.dueOn, `task "${input.task.id}" due date`);
  const { task } = input;
  return changePlan(db, input, { type: "resolution-plan-task-added", on: input.on, data: { task } }, async (trx) => {
    await refuseDuplicate(trx, "resolution_plan_tasks", input.planId, task.id, "task");
    await trx
      .insertInto("resolution_plan_tasks")
      .values({ plan_id: input.planId, id: task.id, description: task.description, owner_id: task.ownerId, due_on: task.dueOn })
      .execute();
  });
}

/** Adds a checkpoint to an active plan. */
async function addCheckpoint(
  db: Executor,
  input: PlanChange & {
    checkpoint: { id: string; dueOn: string };
    /** The day it was added. */
    on: string;
  },
): Promise<ResolutionPlan> {
  checkDate(input.on, "the date");
  checkDate(input.checkpoint.dueOn, `checkpoint "${input.checkpoint.id}" date`);
  const { checkpoint } = input;
  return changePlan(db, input, { type: "resolution-plan-checkpoint-added", on: input.on, data: { checkpoint } }, async (trx) => {
    await refuseDuplicate(trx, "resolution_plan_checkpoints", input.planId, checkpoint.id, "checkpoint");
    await trx.insertInto("resolution_plan_checkpoints").values({ plan_id: input.planId, id: checkpoint.id, due_on: checkpoint.dueOn }).execute();
  });
}

async function completeTask(db: Executor, input: PlanChange & { taskId: string; on: string }): Promise<ResolutionPlan> {
  checkDate(input.on, "the completion date");
  return changePlan(db, input, { type: "resolution-plan-task-done", on: input.on, data: { taskId: input.taskId } }, async (trx) => {
    const updated = await trx
      .updateTable("resolution_plan_tasks")
      .set({ completed_on: input.on })
      .where("plan_id", "=", input.planId)
      .where("id", "=", input.taskId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError("task", input.taskId);
  });
}

async function recordCheckpoint(
  db: Executor,
  input: PlanChange & { checkpointId: string; heldOn: string; onTrack: boolean; note?: string | null },
): Promise<ResolutionPlan> {
  checkDate(input.heldOn, "the checkpoint date");
  const data = { checkpointId: input.checkpointId, onTrack: input.onTrack, note: input.note ?? null };
  return changePlan(db, input, { type: "resolution-plan-checkpoint", on: input.heldOn, data }, async (trx) => {
    const updated = await trx
      .updateTable("resolution_plan_checkpoints")
      .set({ held_on: input.heldOn, on_track: input.onTrack, note: input.note ?? null })
      .where("plan_id", "=", input.planId)
      .where("id", "=", input.checkpointId)
      .executeTakeFirst();
    if (updated.numUpdatedRows === 0n) throw new NotFoundError("checkpoint", input.checkpointId);
  });
}

/**
 * The satisfaction check that completes a plan: only once every task is done (Southwark: "After
 * completing all tasks in the plan, the Investigating Officer must contact the resident to
 * confirm their satisfaction").
 */
async function recordSatisfaction(
  db: Executor,
  input: PlanChange & { on: string; satisfaction: Satisfaction; note?: string | null },
): Promise<ResolutionPlan> {
  checkDate(input.on, "the date of the satisfaction check");
  const set = {
    status: "completed",
    closed_on: input.on,
    satisfaction: input.satisfaction,
    satisfaction_checked_on: input.on,
    satisfaction_checked_by: input.by.id,
    satisfaction_note: input.note ?? null,
  };
  const data = { satisfaction: input.satisfaction, note: input.note ?? null };
  return changePlan(db, input, { type: "resolution-plan-satisfaction-check", on: input.on, data, set }, async (trx) => {
    const open = await trx
      .selectFrom("resolution_plan_tasks")
      .select("id")
      .where("plan_id", "=", input.planId)
      .where("completed_on", "is", null)
      .orderBy("id")
      .execute();
    if (open.length > 0) {
      throw new ResolutionPlanError(
        "TASKS_OUTSTANDING",
        `the customer is asked whether they are satisfied once every task is done; still open: ${open.map((o) => o.id).join(", ")}`,
      );
    }
  });
}

async function abandonPlan(db: Executor, input: PlanChange & { on: string; reason: string }): Promise<ResolutionPlan> {
  checkDate(input.on, "the date");
  if (!input.reason.trim()) throw new ReportInputError("say why the plan is abandoned");
  const set = { status: "abandoned", closed_on: input.on };
  return changePlan(db, input, { type: "resolution-plan-abandoned", on: input.on, data: { reason: input.reason }, set });
}

export interface PlanNeedingAttention {
  planId: string;
  caseId: string;
  reference: string;
  ownerId: string;
  overdueTasks: Array<{ id: string; ownerId: string; dueOn: string }>;
  missedCheckpoints: Array<{ id: string; dueOn: string }>;
  /** Every task done and no satisfaction check yet. */
  awaitingSatisfactionCheck: boolean;
}

/** Active plans with a task past due, a checkpoint not held, or a satisfaction check to make. */
async function needingAttention(
  db: Executor,
  councilId: string,
  today: string,
): Promise<PlanNeedingAttention[]> {
  checkDate(today, "today");
  const { rows } = await sql<{
    plan_id: string;
    case_id: string;
    reference: string;
    owner_id: string;
    overdue_tasks: Array<{ id: string; ownerId: string; dueOn: string }>;
    missed_checkpoints: Array<{ id: string; dueOn: string }>;
    open_tasks: number;
  }>`
    SELECT p.id AS plan_id, p.case_id, c.reference, p.owner_id,
      coalesce((SELECT jsonb_agg(jsonb_build_object('id', t.id, 'ownerId', t.owner_id, 'dueOn', t.due_on) ORDER BY t.due_on, t.id)
        FROM resolution_plan_tasks t WHERE t.plan_id = p.id AND t.completed_on IS NULL AND t.due_on < ${today}::date), '[]'::jsonb) AS overdue_tasks,
      coalesce((SELECT jsonb_agg(jsonb_build_object('id', k.id, 'dueOn', k.due_on) ORDER BY k.due_on, k.id)
        FROM resolution_plan_checkpoints k WHERE k.plan_id = p.id AND k.held_on IS NULL AND k.due_on < ${today}::date), '[]'::jsonb) AS missed_checkpoints,
      (SELECT count(*) FROM resolution_plan_tasks t WHERE t.plan_id = p.id AND t.completed_on IS NULL)::integer AS open_tasks
    FROM resolution_plans p
    JOIN cases c ON c.id = p.case_id
    WHERE p.council_id = ${councilId} AND p.status = 'active'
    ORDER BY p.created_on, p.id`.execute(db);
  return rows
    .map((r) => ({
      planId: r.plan_id,
      caseId: r.case_id,
      reference: r.reference,
      ownerId: r.owner_id,
      overdueTasks: r.overdue_tasks,
      missedCheckpoints: r.missed_checkpoints,
      awaitingSatisfactionCheck: r.open_tasks === 0,
    }))
    .filter(
      (p) => p.overdueTasks.length || p.missedCheckpoints.length || p.awaitingSatisfactionCheck,
    );
}

export const resolutionPlanRepository = Object.freeze({
  createPlan,
  getPlan,
  listForCase,
  addTask,
  addCheckpoint,
  completeTask,
  recordCheckpoint,
  recordSatisfaction,
  abandonPlan,
  needingAttention,
});
