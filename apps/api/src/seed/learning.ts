/**
 * The demo council's life after responses, so the reports, improvement-action and audit pages
 * have something to show (issue 7): milestones and progress on the improvement actions the
 * responses agreed (some done, some overdue), a few resolution plans at different points,
 * monthly quality checks of three services with findings and remedial actions, and equality
 * monitoring forms returned by about a third of complainants. Last month's quality checks are
 * left half done, so there is a response to review. Made through the API's own
 * services where there is one (quality checks), with the clock set to each moment.
 */
import { addCalendarDays, todayIn } from "@complaints/core";
import { caseRepository, learningRepository, listEvents, resolutionPlanRepository, type Executor } from "@complaints/db";
import { recordEqualityMonitoring } from "@complaints/reports";
import type { AppDeps, Context } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { addRemedialAction, checkImprovement, completeRemedialAction, drawSample, getSample, review, rubric } from "../services/quality.js";
import { EQUALITY_SAMPLES } from "./data.js";

interface Rng {
  next(): number;
  int(min: number, max: number): number;
  pick<T>(items: readonly T[]): T;
  chance(p: number): boolean;
}

export interface AfterResponses {
  deps: AppDeps;
  councilId: string;
  now: Date;
  clock: { set(at: Date): void; now(): Date };
  ctxFor: (key: string) => Context;
  principals: Map<string, StaffPrincipal>;
  staffIds: Map<string, string>;
  rng: Rng;
  /** The services whose responses are quality-checked each month. */
  qualityChecked: readonly string[];
  /** Where an action of no directorate is followed up. */
  firstDirectorate: string;
}

const at = (date: string, hour = 10) => new Date(`${date}T${String(hour).padStart(2, "0")}:00:00Z`);
const earlier = (a: string, b: string) => (a < b ? a : b);
const later = (a: string, b: string) => (a > b ? a : b);

/** Returns how many steps were refused (each logged). */
export async function seedAfterResponses(o: AfterResponses): Promise<number> {
  const db = o.deps.database.db;
  const today = todayIn({ now: () => o.now });
  const runtime = await o.deps.councils.get(o.councilId);
  const directorateCode = (id: string | null) => (id ? (runtime.directorateCodeById.get(id) ?? o.firstDirectorate) : o.firstDirectorate);
  let refused = 0;
  const attempt = async (what: string, work: () => Promise<unknown>) => {
    try {
      await work();
    } catch (error) {
      refused += 1;
      o.deps.log.warn(`demo seed: ${what} was refused`, { error: (error as Error).message });
    }
  };

  // Improvement actions: a plan of two milestones each, progress recorded, some done.
  const actions = await learningRepository.listActions(db, { scope: { councilId: o.councilId, directorates: "all", restrictedDirectorates: "all" }, asOf: today, limit: 2000 });
  for (const action of actions) {
    if (!action.dueOn) continue;
    const key = { caseId: action.caseId, stageSequence: action.stageSequence, actionId: action.actionId };
    const plan = addCalendarDays(action.dueOn, -14);
    const inPlace = addCalendarDays(action.dueOn, -3);
    await attempt("a milestone", async () => {
      await learningRepository.setMilestone(db, key, { id: "m1", description: "Changes agreed with the service team", dueOn: plan, createdBy: action.ownerId ?? "demo" });
      await learningRepository.setMilestone(db, key, { id: "m2", description: "Change in place and staff briefed", dueOn: inPlace, createdBy: action.ownerId ?? "demo" });
      if (plan < today && o.rng.chance(0.75)) await learningRepository.completeMilestone(db, { ...key, milestoneId: "m1" }, earlier(addCalendarDays(plan, o.rng.int(-3, 4)), today));
      const due = action.dueOn!;
      if (due < today && o.rng.chance(0.65)) {
        const on = earlier(addCalendarDays(due, o.rng.int(-4, 6)), today);
        await learningRepository.completeMilestone(db, { ...key, milestoneId: "m2" }, on);
        await learningRepository.completeAction(db, key, { on, at: at(on), by: action.ownerId ?? "demo", note: o.rng.pick(["Team briefed; the procedure note is on the intranet", "Checklist added to the process", "Contractor reminded of the standard in the contract meeting"]) });
      }
    });
  }

  // Resolution plans on a few of those cases.
  const planned = [...new Map(actions.map((a) => [a.caseId, a])).values()].slice(0, 6);
  for (const [n, action] of planned.entries()) {
    const d = directorateCode(action.directorateId);
    const owner = action.ownerId ?? o.staffIds.get(`io-${d}`)!;
    const dcro = o.staffIds.get(`dcro-${d}`)!;
    // A plan is made after the case's last step (a close, an Ombudsman enquiry), and each of
    // its events is dated on its own day after the one before: the case's timeline stays in order.
    const lastAt = (await listEvents(db, { caseId: action.caseId })).at(-1)?.occurredAt ?? o.now;
    const createdOn = earlier(later(addCalendarDays(action.dueOn!, -28), todayIn({ now: () => lastAt })), today);
    let latest = lastAt;
    const moment = (date: string) => {
      const wanted = at(date);
      latest = wanted > latest ? wanted : new Date(latest.getTime() + 60_000);
      return latest;
    };
    await attempt("a resolution plan", async () => {
      const by = { type: "staff" as const, id: owner };
      let plan = await resolutionPlanRepository.createPlan(db, {
        caseId: action.caseId,
        stageSequence: action.stageSequence,
        summary: "Put things right for the customer and check with them that it worked",
        ownerId: owner,
        createdOn,
        by,
        at: moment(createdOn),
        tasks: [
          { id: "task-1", description: "Do the work the response promised", ownerId: owner, dueOn: addCalendarDays(createdOn, 7) },
          { id: "task-2", description: "Confirm the account or record is corrected", ownerId: dcro, dueOn: addCalendarDays(createdOn, 21) },
        ],
        checkpoints: [{ id: "checkpoint-1", dueOn: addCalendarDays(createdOn, 10) }],
      });
      const step = (date: string) => date <= today;
      if (n % 3 !== 2 && step(addCalendarDays(createdOn, 7))) plan = await resolutionPlanRepository.completeTask(db, { planId: plan.id, expectedVersion: plan.version, taskId: "task-1", on: addCalendarDays(createdOn, 7), by, at: moment(addCalendarDays(createdOn, 7)) });
      if (n % 3 !== 2 && step(addCalendarDays(createdOn, 10))) plan = await resolutionPlanRepository.recordCheckpoint(db, { planId: plan.id, expectedVersion: plan.version, checkpointId: "checkpoint-1", heldOn: addCalendarDays(createdOn, 10), onTrack: n % 2 === 0, note: n % 2 === 0 ? "On track" : "Waiting for the contractor", by, at: moment(addCalendarDays(createdOn, 10)) });
      if (n % 3 === 0 && step(addCalendarDays(createdOn, 20))) {
        plan = await resolutionPlanRepository.completeTask(db, { planId: plan.id, expectedVersion: plan.version, taskId: "task-2", on: addCalendarDays(createdOn, 20), by, at: moment(addCalendarDays(createdOn, 20)) });
        if (step(addCalendarDays(createdOn, 23))) await resolutionPlanRepository.recordSatisfaction(db, { planId: plan.id, expectedVersion: plan.version, on: addCalendarDays(createdOn, 23), satisfaction: n === 0 ? "satisfied" : "partly-satisfied", note: "Customer called back", by, at: moment(addCalendarDays(createdOn, 23)) });
      }
    });
  }

  // Monthly quality checks (Lewisham: half of all written responses) of three services, for the
  // three months before this one.
  const qa = o.principals.get("qa")!;
  const month = (back: number) => {
    const first = `${today.slice(0, 7)}-01`;
    let d = first;
    for (let i = 0; i < back; i++) d = `${addCalendarDays(d, -1).slice(0, 7)}-01`;
    return d.slice(0, 7);
  };
  for (const back of [3, 2, 1]) {
    const sampled = month(back);
    const reviewDay = addCalendarDays(`${month(back - 1)}-01`, 3);
    for (const serviceCode of o.qualityChecked) {
      await attempt("a quality check", async () => {
        o.clock.set(at(reviewDay));
        const ctx = o.ctxFor("qa");
        const drawn = await drawSample(ctx, qa, { serviceCode, month: sampled, share: 0.5 });
        const sample = await getSample(ctx, qa, drawn.sampleId);
        const d = runtime.directorateOfService.get(serviceCode) ?? o.firstDirectorate;
        // Last month's checks are still under way: half its responses wait for review.
        const toReview = back === 1 ? sample.items.slice(0, Math.floor(sample.items.length / 2)) : sample.items;
        for (const item of toReview) {
          const { rubric: r } = await rubric(ctx, qa, { sampleId: drawn.sampleId, caseId: item.caseId, stageSequence: item.stageSequence });
          const weak = o.rng.chance(0.25);
          const answers = Object.fromEntries(r.criteria.filter((c) => !c.auto).map((c) => [c.id, { answer: weak && c.id === "quality:every-point-answered" ? ("not-met" as const) : ("met" as const) }]));
          const late = r.criteria.some((c) => c.group === "timeliness" && c.auto?.answer === "not-met");
          const findings = [
            ...(weak ? [{ criterion: "quality:every-point-answered", finding: "The response did not deal with every point the customer raised", risk: "medium" as const }] : []),
            ...(late ? [{ criterion: "timeliness:responded", finding: "The response was sent after its due date without an extension", risk: "high" as const }] : []),
          ];
          const reviewed = await review(ctx, qa, { sampleId: drawn.sampleId, caseId: item.caseId, stageSequence: item.stageSequence, answers, findings });
          for (const findingId of reviewed.findingIds) {
            const dueOn = addCalendarDays(reviewDay, 20);
            const { remedialActionId } = await addRemedialAction(ctx, qa, { findingId, description: "Go through the finding with the officer and the team, and check the next month's responses", ownerId: o.staffIds.get(`hos-${d}`)!, dueOn });
            if (dueOn < today && o.rng.chance(0.7)) {
              const hos = o.principals.get(`hos-${d}`)!;
              o.clock.set(at(addCalendarDays(dueOn, -2)));
              await completeRemedialAction(o.ctxFor(`hos-${d}`), hos, { remedialActionId });
              if (addCalendarDays(dueOn, 30) < today) {
                o.clock.set(at(addCalendarDays(dueOn, 30)));
                await checkImprovement(o.ctxFor("qa"), qa, { remedialActionId, improved: o.rng.chance(0.8) });
              }
              o.clock.set(at(reviewDay));
            }
          }
        }
      });
    }
  }
  o.clock.set(o.now);

  // Equality monitoring: about a third of complainants return the form, with consent.
  await seedEqualityForms(db, o.councilId, o.rng, () => (refused += 1));
  return refused;
}

async function seedEqualityForms(db: Executor, councilId: string, rng: Rng, onRefused: () => void): Promise<void> {
  for (const c of await caseRepository.listComplaintsWithCustomer(db, councilId)) {
    if (!rng.chance(0.35)) continue;
    const on = c.receiptDate;
    try {
      await recordEqualityMonitoring(db, { caseId: c.id, consentGivenOn: on, collectedOn: on, collectedBy: "customer", answers: rng.pick(EQUALITY_SAMPLES) });
    } catch {
      onRefused();
    }
  }
}
