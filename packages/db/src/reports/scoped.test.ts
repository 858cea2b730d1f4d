import { defaultProfile } from "@complaints/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../test/db.js";
import { listEvents } from "../events.js";
import { organisationRepository } from "../organisation.js";
import { createTestCouncil } from "../testing/index.js";
import { insertBulkCases } from "./bulk-cases.js";
import { escalationReasons, refusedComplaints, topCategories } from "./case-figures.js";
import { learningRepository } from "./learning.js";
import { ombudsmanFigures } from "./ombudsman.js";
import { qualityRepository } from "./quality.js";
import { resolutionPlanRepository } from "./resolution-plans.js";
import { directorateTableFigures, monthlyFigures } from "./stage-figures.js";

// Reports for one directorate (a Head of Service sees their own; anyone may filter), and the
// lists the API pages over: improvement actions as a reader may see them, resolution plans that
// grow, and quality-check samples with their reviews, findings and remedial actions.

let t: TestDb;
let councilId: string;
let corporate: string;
let environment: string;
const period = { from: "2026-01-01", to: "2026-03-31" };
const byId = new Map<string, string>();

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "scoped", name: "Scoped", profile: defaultProfile });
  councilId = council.id;
  const directorates = await organisationRepository.listDirectorates(t.db, councilId);
  corporate = directorates.find((d) => d.code === "corporate")!.id;
  environment = directorates.find((d) => d.code === "environment")!.id;
  const stage1 = (actionId: string, dueOn: string) => ({
    stageId: "stage-1",
    requestedOn: "2026-01-05",
    respondDue: "2026-01-19",
    respondedOn: "2026-01-16",
    outcome: "upheld" as const,
    rootCause: "Process not followed",
    improvementActions: [
      { id: actionId, description: `Action ${actionId}`, ownerId: "owner-1", dueOn },
    ],
  });
  const { ids } = await insertBulkCases(t.db, councilId, [
    {
      reference: "SC-1",
      serviceCode: "council-tax",
      regimeId: "complaint-handling-code-2024",
      receivedOn: "2026-01-05",
      category: "Billing",
      closure: { on: "2026-02-20", reason: "final-response" },
      stages: [
        stage1("refund-process", "2026-02-01"),
        {
          stageId: "stage-2",
          requestedOn: "2026-01-26",
          respondDue: "2026-02-23",
          respondedOn: "2026-02-20",
          outcome: "not-upheld",
          requestReason: "Still charged",
        },
      ],
      ombudsman: [
        {
          id: "o1",
          body: "lgsco",
          reference: "L/1",
          receivedOn: "2026-03-02",
          responseDueOn: "2026-03-30",
        },
      ],
    },
    {
      reference: "SC-2",
      serviceCode: "waste",
      regimeId: "complaint-handling-code-2024",
      receivedOn: "2026-01-05",
      category: "Missed bin",
      stages: [stage1("crew-briefing", "2026-06-01")],
    },
    {
      reference: "SC-3",
      serviceCode: "waste",
      regimeId: "complaint-handling-code-2024",
      receivedOn: "2026-02-02",
      triage: { outcome: "excluded", reason: "legal-proceedings", route: "The court" },
      closure: { on: "2026-02-03", reason: "excluded" },
    },
  ]);
  ["SC-1", "SC-2", "SC-3"].forEach((ref, i) => byId.set(ref, ids[i]!));
});
afterAll(() => t?.close());

describe("figures for some directorates only", () => {
  const common = () => ({ councilId, current: period, asOf: period.to });

  it("count only the cases of the directorates asked for, in every figure family", async () => {
    const all = await directorateTableFigures(t.db, common());
    const mine = await directorateTableFigures(t.db, {
      ...common(),
      directorateIds: [environment],
    });
    expect(all.map((r) => r.directorateId).sort()).toEqual(
      [corporate, corporate, environment].sort(),
    );
    expect(mine.map((r) => [r.directorateId, r.column, r.received])).toEqual([
      [environment, "stage-1", 1],
    ]);
    const months = await monthlyFigures(t.db, { ...common(), directorateIds: [environment] });
    expect(months.reduce((n, r) => n + r.received, 0)).toBe(1);
    expect(
      (await topCategories(t.db, { councilId, current: period, directorateIds: [corporate] })).map(
        (r) => r.category,
      ),
    ).toEqual(["Billing"]);
    expect(
      await escalationReasons(t.db, { councilId, current: period, directorateIds: [environment] }),
    ).toEqual([]);
    expect(
      (
        await escalationReasons(t.db, { councilId, current: period, directorateIds: [corporate] })
      ).map((r) => r.reason),
    ).toEqual(["Still charged"]);
    expect(
      (
        await refusedComplaints(t.db, { councilId, current: period, directorateIds: [environment] })
      ).map((r) => r.outcome),
    ).toEqual(["excluded"]);
    expect(
      await refusedComplaints(t.db, { councilId, current: period, directorateIds: [corporate] }),
    ).toEqual([]);
    expect(
      (
        await ombudsmanFigures(t.db, { councilId, current: period, directorateIds: [corporate] })
      ).map((r) => r.enquiries),
    ).toEqual([1]);
    expect(
      await ombudsmanFigures(t.db, { councilId, current: period, directorateIds: [environment] }),
    ).toEqual([]);
  });

  it("show nothing for an empty list (someone allowed no directorate sees no figures)", async () => {
    expect(await directorateTableFigures(t.db, { ...common(), directorateIds: [] })).toEqual([]);
    expect(
      await learningRepository.lessonsLearned(t.db, {
        councilId,
        period,
        asOf: period.to,
        directorateIds: [],
      }),
    ).toEqual([]);
  });
});

describe("improvement actions as a reader sees them", () => {
  const everything = () => ({
    councilId,
    directorates: "all" as const,
    restrictedDirectorates: "all" as const,
  });

  it("list each action with where it stands, overdue first", async () => {
    await learningRepository.setMilestone(
      t.db,
      { caseId: byId.get("SC-2")!, stageSequence: 1, actionId: "crew-briefing" },
      { id: "slides", description: "Slides written", dueOn: "2026-03-01", createdBy: "owner-1" },
    );
    const listed = await learningRepository.listActions(t.db, {
      scope: everything(),
      asOf: "2026-03-10",
    });
    expect(listed.map((a) => [a.reference, a.actionId, a.status, a.overdueSince])).toEqual([
      ["SC-1", "refund-process", "overdue", "2026-02-01"],
      ["SC-2", "crew-briefing", "overdue", "2026-03-01"],
    ]);
    expect(listed[1]!.milestones).toEqual([
      {
        id: "slides",
        description: "Slides written",
        dueOn: "2026-03-01",
        completedOn: null,
        overdue: true,
      },
    ]);
    expect(listed[0]).toMatchObject({
      stageId: "stage-1",
      rootCause: "Process not followed",
      directorateId: corporate,
    });
  });

  it("leave out cases of directorates the reader does not work in", async () => {
    const listed = await learningRepository.listActions(t.db, {
      scope: { councilId, directorates: [environment], restrictedDirectorates: [] },
      asOf: "2026-03-10",
    });
    expect(listed.map((a) => a.reference)).toEqual(["SC-2"]);
  });

  it("move to done when completed, and filter by status", async () => {
    await learningRepository.completeAction(
      t.db,
      { caseId: byId.get("SC-1")!, stageSequence: 1, actionId: "refund-process" },
      { at: new Date(), on: "2026-03-11", by: "owner-1", note: "New refund checklist in use" },
    );
    await learningRepository.completeMilestone(
      t.db,
      {
        caseId: byId.get("SC-2")!,
        stageSequence: 1,
        actionId: "crew-briefing",
        milestoneId: "slides",
      },
      "2026-03-11",
    );
    const done = await learningRepository.listActions(t.db, {
      scope: everything(),
      asOf: "2026-03-12",
      status: "done",
    });
    expect(done.map((a) => [a.actionId, a.completedOn, a.completedBy, a.note])).toEqual([
      ["refund-process", "2026-03-11", "owner-1", "New refund checklist in use"],
    ]);
    const open = await learningRepository.listActions(t.db, {
      scope: everything(),
      asOf: "2026-03-12",
      status: "open",
    });
    expect(open.map((a) => a.actionId)).toEqual(["crew-briefing"]);
    expect(
      await learningRepository.listActions(t.db, {
        scope: everything(),
        asOf: "2026-03-12",
        status: "overdue",
      }),
    ).toEqual([]);
  });
});

describe("resolution plans that grow", () => {
  it("take more tasks and checkpoints while active, each recorded on the case", async () => {
    const by = { type: "staff" as const, id: "officer-1" };
    let plan = await resolutionPlanRepository.createPlan(t.db, { at: new Date(),
      caseId: byId.get("SC-2")!,
      stageSequence: 1,
      summary: "Put collections right",
      ownerId: "officer-1",
      createdOn: "2026-01-16",
      by,
      tasks: [
        { id: "rota", description: "Fix the rota", ownerId: "officer-1", dueOn: "2026-01-30" },
      ],
    });
    plan = await resolutionPlanRepository.addTask(t.db, { at: new Date(),
      planId: plan.id,
      expectedVersion: plan.version,
      task: {
        id: "check",
        description: "Check four collections",
        ownerId: "officer-1",
        dueOn: "2026-02-27",
      },
      on: "2026-01-20",
      by,
    });
    plan = await resolutionPlanRepository.addCheckpoint(t.db, { at: new Date(),
      planId: plan.id,
      expectedVersion: plan.version,
      checkpoint: { id: "week-2", dueOn: "2026-01-30" },
      on: "2026-01-20",
      by,
    });
    expect(plan.tasks.map((x) => x.id)).toEqual(["rota", "check"]);
    expect(plan.checkpoints.map((x) => x.id)).toEqual(["week-2"]);
    expect(plan.version).toBe(3);
    expect((await listEvents(t.db, { caseId: byId.get("SC-2")! })).map((e) => e.type)).toEqual([
      "resolution-plan-created",
      "resolution-plan-task-added",
      "resolution-plan-checkpoint-added",
    ]);
    await expect(
      resolutionPlanRepository.addTask(t.db, { at: new Date(),
        planId: plan.id,
        expectedVersion: plan.version,
        task: { id: "rota", description: "Again", ownerId: "x", dueOn: "2026-02-01" },
        on: "2026-01-21",
        by,
      }),
    ).rejects.toThrow(/already has a task "rota"/);
  });
});

describe("quality-check samples as the audit pages list them", () => {
  it("show the sample, its responses, each review with findings and remedial actions", async () => {
    const services = await organisationRepository.listServices(t.db, councilId);
    const tax = services.find((s) => s.code === "council-tax")!.id;
    const sample = await qualityRepository.saveSample(t.db, {
      councilId,
      serviceId: tax,
      month: "2026-02",
      share: 0.5,
      seed: "s",
      population: 1,
      drawnBy: "qa-1",
      items: [{ caseId: byId.get("SC-1")!, stageSequence: 2 }],
    });
    const [summary] = await qualityRepository.listSamples(t.db, { councilId });
    expect(summary).toMatchObject({
      id: sample.id,
      serviceId: tax,
      directorateId: corporate,
      month: "2026-02",
      share: 0.5,
      sampled: 1,
      reviewed: 0,
    });
    expect(await qualityRepository.listSamples(t.db, { councilId, serviceIds: [] })).toEqual([]);

    const review = await qualityRepository.saveReview(t.db, {
      sampleId: sample.id,
      caseId: byId.get("SC-1")!,
      stageSequence: 2,
      reviewerId: "qa-1",
      reviewedOn: "2026-03-05",
      handlerId: null,
      rubricVersion: "qa-rubric/1",
      answers: [{ criterion: "timeliness:responded", answer: "met", weight: 2 }],
      score: 2,
      maxScore: 2,
    });
    const finding = await qualityRepository.addFinding(t.db, {
      reviewId: review.id,
      criterion: null,
      finding: "Apology missing",
      risk: "high",
    });
    const action = await qualityRepository.addRemedialAction(t.db, {
      findingId: finding.id,
      description: "Retrain on apologies",
      ownerId: "hos-1",
      dueOn: "2026-03-20",
    });
    expect(await qualityRepository.reviewOf(t.db, { remedialActionId: action.id })).toBe(review.id);

    const items = await qualityRepository.sampleItems(t.db, sample.id);
    expect(items).toEqual([
      expect.objectContaining({
        reference: "SC-1",
        stageSequence: 2,
        stageId: "stage-2",
        respondedOn: "2026-02-20",
        review: expect.objectContaining({ id: review.id, score: 2, maxScore: 2 }),
      }),
    ]);
    const full = await qualityRepository.getReview(t.db, review.id);
    expect(full.findings).toEqual([
      expect.objectContaining({
        finding: "Apology missing",
        risk: "high",
        remedialActions: [
          expect.objectContaining({ id: action.id, dueOn: "2026-03-20", completedOn: null }),
        ],
      }),
    ]);
    const overdue = await qualityRepository.listRemedialActions(t.db, {
      councilId,
      asOf: "2026-03-25",
    });
    expect(overdue.map((a) => [a.reference, a.overdue])).toEqual([["SC-1", true]]);
    await qualityRepository.completeRemedialAction(t.db, action.id, "2026-03-26");
    expect(
      await qualityRepository.listRemedialActions(t.db, {
        councilId,
        asOf: "2026-03-27",
        openOnly: true,
      }),
    ).toEqual([]);
  });
});
