/**
 * Resolution plans (issue 7; Southwark procedure "Resolution Plan"): for a complaint that needs
 * comprehensive action, tasks with owners and due dates, checkpoints to catch drift, and once
 * every task is done a check with the customer that they are satisfied. Each change is an event
 * on the case's timeline (@complaints/db `resolutionPlanRepository`).
 *
 * Who: everyone who may read the case reads its plans; RESOLUTION_PLANNERS in the case's
 * directorate and the case's handler make and run them.
 */
import { todayIn } from "@complaints/core";
import {
  caseRepository,
  resolutionPlanRepository,
  type ResolutionPlan,
  type Satisfaction,
} from "@complaints/db";
import type { Context } from "../context.js";
import { badInput, noAccess, notFound, unprocessable } from "../errors.js";
import type { StaffPrincipal } from "../access/principal.js";
import { RESOLUTION_PLANNERS } from "../access/policy.js";
import { loadReadableCase } from "./cases.js";
import { requireOwner } from "./improvement.js";

export interface PlanView extends ResolutionPlan {
  names: Record<string, string>;
}

async function withNames(ctx: Context, staff: StaffPrincipal, plans: ResolutionPlan[]): Promise<PlanView[]> {
  const ids = plans.flatMap((p) => [p.ownerId, p.createdBy, p.satisfaction?.checkedBy ?? "", ...p.tasks.map((t) => t.ownerId)]);
  const names = Object.fromEntries(await caseRepository.staffNames(ctx.db, staff.councilId, ids));
  return plans.map((p) => ({ ...p, names }));
}

/** The case's plans, and whether the caller may change them. */
export async function listPlans(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record, roles } = await loadReadableCase(ctx, staff, caseId);
  const plans = await resolutionPlanRepository.listForCase(ctx.db, caseId);
  return {
    caseId,
    reference: record.reference,
    canPlan: canPlan(staff, roles, record.row.assigned_staff_id),
    stages: record.state.stages.map((s) => ({ sequence: s.sequence, label: s.label })),
    plans: await withNames(ctx, staff, plans),
  };
}

function canPlan(staff: StaffPrincipal, roles: readonly string[], handlerId: string | null): boolean {
  return handlerId === staff.id || roles.some((r) => RESOLUTION_PLANNERS.has(r as never));
}

async function requirePlanner(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const read = await loadReadableCase(ctx, staff, caseId);
  if (!canPlan(staff, read.roles, read.record.row.assigned_staff_id)) {
    throw noAccess("Only the case's handler, investigating officers, the DCRO, the complaints manager or the Head of Service can make or change resolution plans");
  }
  return read;
}

/** Loads a plan of a case the caller may plan on (a plan they cannot see is "not found"). */
async function planForChange(ctx: Context, staff: StaffPrincipal, planId: string): Promise<ResolutionPlan> {
  const plan = await resolutionPlanRepository.getPlan(ctx.db, planId);
  if (plan.councilId !== staff.councilId) throw notFound("There is no such resolution plan");
  await requirePlanner(ctx, staff, plan.caseId);
  return plan;
}

const actor = (staff: StaffPrincipal) => ({ type: "staff" as const, id: staff.id });

function notFuture(ctx: Context, on: string | undefined): string {
  const today = todayIn(ctx.clock);
  if (on && on > today) throw badInput("Record things when they have happened: the date is in the future");
  return on ?? today;
}

export interface CreatePlanInput {
  caseId: string;
  stageSequence?: number | undefined;
  summary: string;
  ownerId: string;
  tasks: Array<{ description: string; ownerId: string; dueOn: string }>;
  checkpoints?: Array<{ dueOn: string }> | undefined;
}

export async function createPlan(ctx: Context, staff: StaffPrincipal, input: CreatePlanInput) {
  const { record } = await requirePlanner(ctx, staff, input.caseId);
  const stage = input.stageSequence === undefined ? record.state.stages.at(-1) : record.state.stages.find((s) => s.sequence === input.stageSequence);
  if (!stage) throw unprocessable("NOT_ALLOWED_NOW", input.stageSequence === undefined ? "A resolution plan belongs to a stage: accept the complaint first" : `The case has no stage ${input.stageSequence}`);
  for (const owner of new Set([input.ownerId, ...input.tasks.map((t) => t.ownerId)])) await requireOwner(ctx, staff, owner);
  const plan = await resolutionPlanRepository.createPlan(ctx.db, {
    caseId: input.caseId,
    stageSequence: stage.sequence,
    summary: input.summary,
    ownerId: input.ownerId,
    createdOn: todayIn(ctx.clock),
    by: actor(staff), at: ctx.clock.now(),
    tasks: input.tasks.map((t, i) => ({ id: `task-${i + 1}`, ...t })),
    checkpoints: (input.checkpoints ?? []).map((c, i) => ({ id: `checkpoint-${i + 1}`, dueOn: c.dueOn })),
  });
  return (await withNames(ctx, staff, [plan]))[0]!;
}

const nextId = (prefix: string, taken: readonly { id: string }[]) => {
  let n = taken.length + 1;
  while (taken.some((t) => t.id === `${prefix}-${n}`)) n++;
  return `${prefix}-${n}`;
};

export async function addTask(ctx: Context, staff: StaffPrincipal, input: { planId: string; expectedVersion: number; description: string; ownerId: string; dueOn: string }) {
  const plan = await planForChange(ctx, staff, input.planId);
  await requireOwner(ctx, staff, input.ownerId);
  const task = { id: nextId("task", plan.tasks), description: input.description, ownerId: input.ownerId, dueOn: input.dueOn };
  const updated = await resolutionPlanRepository.addTask(ctx.db, { planId: input.planId, expectedVersion: input.expectedVersion, task, on: todayIn(ctx.clock), by: actor(staff), at: ctx.clock.now() });
  return (await withNames(ctx, staff, [updated]))[0]!;
}

export async function addCheckpoint(ctx: Context, staff: StaffPrincipal, input: { planId: string; expectedVersion: number; dueOn: string }) {
  const plan = await planForChange(ctx, staff, input.planId);
  const checkpoint = { id: nextId("checkpoint", plan.checkpoints), dueOn: input.dueOn };
  const updated = await resolutionPlanRepository.addCheckpoint(ctx.db, { planId: input.planId, expectedVersion: input.expectedVersion, checkpoint, on: todayIn(ctx.clock), by: actor(staff), at: ctx.clock.now() });
  return (await withNames(ctx, staff, [updated]))[0]!;
}

export async function completeTask(ctx: Context, staff: StaffPrincipal, input: { planId: string; expectedVersion: number; taskId: string; on?: string | undefined }) {
  const plan = await planForChange(ctx, staff, input.planId);
  const task = plan.tasks.find((t) => t.id === input.taskId);
  if (!task) throw notFound("The plan has no such task");
  if (task.completedOn) throw unprocessable("NOT_ALLOWED_NOW", `That task was done on ${task.completedOn}`);
  const updated = await resolutionPlanRepository.completeTask(ctx.db, { planId: input.planId, expectedVersion: input.expectedVersion, taskId: input.taskId, on: notFuture(ctx, input.on), by: actor(staff), at: ctx.clock.now() });
  return (await withNames(ctx, staff, [updated]))[0]!;
}

export async function recordCheckpoint(ctx: Context, staff: StaffPrincipal, input: { planId: string; expectedVersion: number; checkpointId: string; heldOn?: string | undefined; onTrack: boolean; note?: string | null | undefined }) {
  const plan = await planForChange(ctx, staff, input.planId);
  if (!plan.checkpoints.some((c) => c.id === input.checkpointId)) throw notFound("The plan has no such checkpoint");
  const updated = await resolutionPlanRepository.recordCheckpoint(ctx.db, {
    planId: input.planId,
    expectedVersion: input.expectedVersion,
    checkpointId: input.checkpointId,
    heldOn: notFuture(ctx, input.heldOn),
    onTrack: input.onTrack,
    note: input.note ?? null,
    by: actor(staff), at: ctx.clock.now(),
  });
  return (await withNames(ctx, staff, [updated]))[0]!;
}

/** The satisfaction check with the customer that completes a plan, once every task is done. */
export async function recordSatisfaction(ctx: Context, staff: StaffPrincipal, input: { planId: string; expectedVersion: number; satisfaction: Satisfaction; note?: string | null | undefined; on?: string | undefined }) {
  await planForChange(ctx, staff, input.planId);
  const updated = await resolutionPlanRepository.recordSatisfaction(ctx.db, {
    planId: input.planId,
    expectedVersion: input.expectedVersion,
    satisfaction: input.satisfaction,
    note: input.note ?? null,
    on: notFuture(ctx, input.on),
    by: actor(staff), at: ctx.clock.now(),
  });
  return (await withNames(ctx, staff, [updated]))[0]!;
}

export async function abandonPlan(ctx: Context, staff: StaffPrincipal, input: { planId: string; expectedVersion: number; reason: string }) {
  await planForChange(ctx, staff, input.planId);
  const updated = await resolutionPlanRepository.abandonPlan(ctx.db, { planId: input.planId, expectedVersion: input.expectedVersion, reason: input.reason, on: todayIn(ctx.clock), by: actor(staff), at: ctx.clock.now() });
  return (await withNames(ctx, staff, [updated]))[0]!;
}
