/**
 * Improvement actions (issue 7; docs/design.md §3 Learning; Southwark procedure "Learning from
 * Complaints and Escalations": "improvement plans, along with key implementation milestones …
 * so that progress can be tracked", delays escalated to the Head of Service).
 *
 * An action is part of an answered stage's learning in the case (agreed with the response or
 * afterwards by the `agree-improvement-action` command, so it is on the case's timeline);
 * its milestones, progress and completion are kept beside it (@complaints/db `learningRepository`).
 * The sweep (jobs/sweep.ts) tells the owner and the Head of Service when one is overdue.
 *
 * Who: everyone who may read the case sees its actions; the owner and IMPROVEMENT_MANAGERS in
 * the case's directorate record progress; COMMAND_ROLES["agree-improvement-action"] agree new ones.
 */
import { todayIn } from "@complaints/core";
import {
  authRepository,
  caseRepository,
  learningRepository,
  type ActionKey,
  type ImprovementAction,
} from "@complaints/db";
import type { Context } from "../context.js";
import { badInput, noAccess, notFound, unprocessable } from "../errors.js";
import { rolesIn, type StaffPrincipal } from "../access/principal.js";
import { IMPROVEMENT_MANAGERS } from "../access/policy.js";
import { loadReadableCase, runCommand } from "./cases.js";
import { visibilityOf } from "./case-views.js";

export interface ImprovementView extends ImprovementAction {
  ownerName: string | null;
  directorateName: string | null;
  /** May the caller add milestones, record progress and complete it. */
  canManage: boolean;
}

async function describe(ctx: Context, staff: StaffPrincipal, actions: ImprovementAction[], manageable: (a: ImprovementAction) => boolean): Promise<ImprovementView[]> {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const names = await caseRepository.staffNames(ctx.db, staff.councilId, actions.flatMap((a) => (a.ownerId ? [a.ownerId] : [])));
  return actions.map((a) => ({
    ...a,
    ownerName: a.ownerId ? (names.get(a.ownerId) ?? null) : null,
    directorateName: a.directorateId ? (runtime.names.directorates.get(a.directorateId) ?? null) : null,
    canManage: manageable(a),
  }));
}

/** Roles the caller acts with in the directorate, for the management decision of each row. */
function managesIn(staff: StaffPrincipal, roles: readonly string[], action: { ownerId: string | null }): boolean {
  return action.ownerId === staff.id || roles.some((r) => IMPROVEMENT_MANAGERS.has(r as never));
}

export interface ListInput {
  status?: "open" | "overdue" | "done" | "not-done" | undefined;
  directorateId?: string | undefined;
  caseId?: string | undefined;
  /** Only the caller's own. */
  mine?: boolean | undefined;
  limit: number;
}

/** Actions on cases the caller may read, overdue first (with the date each fell behind). */
export async function listImprovementActions(ctx: Context, staff: StaffPrincipal, input: ListInput) {
  const today = todayIn(ctx.clock);
  if (input.caseId) await loadReadableCase(ctx, staff, input.caseId);
  const actions = await learningRepository.listActions(ctx.db, {
    scope: visibilityOf(staff),
    asOf: today,
    limit: input.limit,
    ...(input.status ? { status: input.status } : {}),
    ...(input.directorateId ? { directorateIds: [input.directorateId] } : {}),
    ...(input.caseId ? { caseId: input.caseId } : {}),
    ...(input.mine ? { ownerId: staff.id } : {}),
  });
  const items = await describe(ctx, staff, actions, (a) => managesIn(staff, rolesIn(staff, a.directorateId), a));
  return { today, items, overdue: items.filter((i) => i.status === "overdue").length };
}

/** One action, from a case the caller may read; and whether they may manage it. */
export async function getImprovementAction(ctx: Context, staff: StaffPrincipal, key: ActionKey): Promise<ImprovementView> {
  const { roles } = await loadReadableCase(ctx, staff, key.caseId);
  const [action] = (await learningRepository.listActions(ctx.db, { scope: visibilityOf(staff), asOf: todayIn(ctx.clock), caseId: key.caseId })).filter(
    (a) => a.stageSequence === key.stageSequence && a.actionId === key.actionId,
  );
  if (!action) throw notFound("There is no such improvement action on this case");
  const [view] = await describe(ctx, staff, [action], (a) => managesIn(staff, roles, a));
  return view!;
}

async function requireManager(ctx: Context, staff: StaffPrincipal, key: ActionKey): Promise<ImprovementView> {
  const action = await getImprovementAction(ctx, staff, key);
  if (!action.canManage) throw noAccess("Only the action's owner, the DCRO, the complaints manager, the Head of Service or the Director can update this improvement action");
  if (action.status === "done") throw unprocessable("NOT_ALLOWED_NOW", `This improvement action was completed on ${action.completedOn}`);
  return action;
}

/** An active member of staff of the council, to own an action or a task. */
export async function requireOwner(ctx: Context, staff: StaffPrincipal, ownerId: string): Promise<void> {
  const owner = await authRepository.findStaffById(ctx.db, ownerId);
  if (!owner || owner.councilId !== staff.councilId || !owner.active) throw badInput("The owner must be a current member of staff");
}

function onDate(ctx: Context, on: string | undefined): string {
  const today = todayIn(ctx.clock);
  if (on && on > today) throw badInput("Record things when they have happened: the date is in the future");
  return on ?? today;
}

const slugOf = (text: string) =>
  text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40) || "action";

export interface CreateInput {
  caseId: string;
  stageSequence?: number | undefined;
  description: string;
  ownerId: string;
  dueOn: string;
  milestones?: Array<{ description: string; dueOn: string }> | undefined;
}

/**
 * Agrees a new improvement action on an answered stage (the case command, so it is on the
 * timeline) and its milestones, in one transaction. The case's current version is used: adding
 * an action does not depend on what else changed, so a clash is simply tried again.
 */
export async function createImprovementAction(ctx: Context, staff: StaffPrincipal, input: CreateInput) {
  await requireOwner(ctx, staff, input.ownerId);
  const today = todayIn(ctx.clock);
  for (const m of input.milestones ?? []) {
    if (m.dueOn < today) throw badInput("A milestone's date has already passed");
    if (m.dueOn > input.dueOn) throw badInput("A milestone falls after the action is due: move one of them");
  }
  for (let attempt = 0; ; attempt++) {
    const { record } = await loadReadableCase(ctx, staff, input.caseId);
    const stages = record.state.stages;
    const stage = input.stageSequence === undefined ? [...stages].reverse().find((s) => s.response) : stages.find((s) => s.sequence === input.stageSequence);
    const taken = new Set(stage?.response?.learning.improvementActions.map((a) => a.id) ?? []);
    const base = slugOf(input.description);
    let actionId = base;
    for (let n = 2; taken.has(actionId); n++) actionId = `${base}-${n}`;
    try {
      const outcome = await runCommand(
        ctx,
        staff,
        "agree-improvement-action",
        {
          caseId: input.caseId,
          expectedVersion: record.version,
          ...(input.stageSequence !== undefined ? { stageSequence: input.stageSequence } : {}),
          actionId,
          description: input.description,
          ownerId: input.ownerId,
          dueOn: input.dueOn,
        },
        {
          also: async (trx) => {
            const key = { caseId: input.caseId, stageSequence: stage?.sequence ?? 1, actionId };
            for (const [i, m] of (input.milestones ?? []).entries()) {
              await learningRepository.setMilestone(trx, key, { id: `m${i + 1}`, description: m.description, dueOn: m.dueOn, createdBy: staff.id });
            }
          },
        },
      );
      return { caseId: outcome.caseId, reference: outcome.reference, stageSequence: stage!.sequence, actionId };
    } catch (error) {
      const conflict = (error as { cause?: { refusal?: { code?: string } } }).cause?.refusal?.code === "VERSION_CONFLICT";
      if (!conflict || attempt >= 2) throw error;
    }
  }
}

export async function addMilestone(ctx: Context, staff: StaffPrincipal, key: ActionKey, input: { description: string; dueOn: string }) {
  const action = await requireManager(ctx, staff, key);
  if (input.dueOn < todayIn(ctx.clock)) throw badInput("The milestone's date has already passed");
  const taken = new Set(action.milestones.map((m) => m.id));
  let n = action.milestones.length + 1;
  while (taken.has(`m${n}`)) n++;
  await learningRepository.setMilestone(ctx.db, key, { id: `m${n}`, description: input.description, dueOn: input.dueOn, createdBy: staff.id });
  return getImprovementAction(ctx, staff, key);
}

/** Progress: a milestone reached. */
export async function completeMilestone(ctx: Context, staff: StaffPrincipal, key: ActionKey & { milestoneId: string; on?: string | undefined }) {
  const action = await requireManager(ctx, staff, key);
  const milestone = action.milestones.find((m) => m.id === key.milestoneId);
  if (!milestone) throw notFound("There is no such milestone");
  if (milestone.completedOn) throw unprocessable("NOT_ALLOWED_NOW", `That milestone was reached on ${milestone.completedOn}`);
  await learningRepository.completeMilestone(ctx.db, key, onDate(ctx, key.on));
  return getImprovementAction(ctx, staff, key);
}

/** The action is done (with what was done, for the lessons-learned report). */
export async function completeImprovementAction(ctx: Context, staff: StaffPrincipal, key: ActionKey & { on?: string | undefined; note?: string | null | undefined }) {
  await requireManager(ctx, staff, key);
  await learningRepository.completeAction(ctx.db, key, { on: onDate(ctx, key.on), by: staff.id, note: key.note ?? null, at: ctx.clock.now() });
  return getImprovementAction(ctx, staff, key);
}

/** People who can own actions and tasks: the council's current staff. */
export async function owners(ctx: Context, staff: StaffPrincipal) {
  const all = await authRepository.listStaff(ctx.db, staff.councilId);
  return all
    .filter((s) => s.active)
    .map((s) => ({ id: s.id, name: s.displayName, jobTitle: s.jobTitle }))
    .sort((a, b) => a.name.localeCompare(b.name, "en-GB"));
}
