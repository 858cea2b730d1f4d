import { defaultProfile } from "@complaints/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../test/db.js";
import { ConflictError } from "../errors.js";
import { listEvents, verifyEventChain } from "../events.js";
import { createTestCouncil } from "../testing/index.js";
import { insertBulkCases } from "./bulk-cases.js";
import { learningRepository } from "./learning.js";
import { ResolutionPlanError, resolutionPlanRepository } from "./resolution-plans.js";

// Southwark procedure, "Learning from Complaints and Escalations" and "Resolution Plan":
// improvement plans with milestones, tracked, delays escalated to the Head of Service; resolution
// plans with tasks, owners, checkpoints and a satisfaction check once every task is done.

let t: TestDb;
let councilId: string;
let caseId: string;
let otherCaseId: string;
const officer = { type: "staff" as const, id: "officer-1" };

beforeAll(async () => {
  t = await openTestDb();
  const { council } = await createTestCouncil(t.db, { slug: "improve", name: "Improve", profile: defaultProfile });
  councilId = council.id;
  const stage = (actions: Array<{ id: string; dueOn: string }>) => ({
    stageId: "stage-1",
    requestedOn: "2026-01-05",
    respondDue: "2026-01-19",
    respondedOn: "2026-01-16",
    outcome: "upheld" as const,
    rootCause: "Bins missed after a round change",
    lessons: "Tell residents about round changes",
    improvementActions: actions.map((a) => ({
      ...a,
      description: `Action ${a.id}`,
      ownerId: "owner-1",
    })),
  });
  const { ids } = await insertBulkCases(t.db, councilId, [
    {
      serviceCode: "waste",
      regimeId: "complaint-handling-code-2024",
      receivedOn: "2026-01-05",
      stages: [
        stage([
          { id: "leaflet", dueOn: "2026-03-01" },
          { id: "training", dueOn: "2026-06-01" },
        ]),
      ],
    },
    {
      serviceCode: "waste",
      regimeId: "complaint-handling-code-2024",
      receivedOn: "2026-01-05",
      stages: [stage([{ id: "rota", dueOn: "2026-02-01" }])],
    },
  ]);
  [caseId, otherCaseId] = ids as [string, string];
});
afterAll(() => t?.close());

describe("improvement actions after the response (Southwark: learning from escalations)", () => {
  it("are overdue by their own date or a milestone's, and drop out once done", async () => {
    await learningRepository.setMilestone(
      t.db,
      { caseId, stageSequence: 1, actionId: "training" },
      {
        id: "trainer-booked",
        description: "Trainer booked",
        dueOn: "2026-03-15",
        createdBy: "owner-1",
      },
    );
    const overdue = await learningRepository.overdueImprovements(t.db, councilId, "2026-04-01");
    expect(overdue.map((o) => [o.actionId, o.overdueSince, o.what.kind])).toEqual([
      ["rota", "2026-02-01", "action"],
      ["leaflet", "2026-03-01", "action"],
      ["training", "2026-03-15", "milestone"],
    ]);
    await learningRepository.completeAction(
      t.db,
      { caseId: otherCaseId, stageSequence: 1, actionId: "rota" },
      { at: new Date(),
        on: "2026-04-01",
        by: "owner-1",
      },
    );
    await learningRepository.completeMilestone(
      t.db,
      { caseId, stageSequence: 1, actionId: "training", milestoneId: "trainer-booked" },
      "2026-04-01",
    );
    const after = await learningRepository.overdueImprovements(t.db, councilId, "2026-04-02");
    expect(after.map((o) => o.actionId)).toEqual(["leaflet"]);
  });

  it("go to the Head of Service once per missed date", async () => {
    const key = { caseId, stageSequence: 1, actionId: "leaflet" };
    expect(
      (await learningRepository.overdueImprovements(t.db, councilId, "2026-04-02"))[0]!.escalated,
    ).toBe(false);
    await learningRepository.markEscalated(t.db, key, "2026-04-02", "2026-03-01", new Date());
    expect(
      (await learningRepository.overdueImprovements(t.db, councilId, "2026-04-03"))[0]!.escalated,
    ).toBe(true);
  });

  it("appear in the lessons-learned report with where each one stands", async () => {
    const [row] = await learningRepository.lessonsLearned(t.db, {
      councilId,
      period: { from: "2026-01-01", to: "2026-03-31" },
      asOf: "2026-04-02",
    });
    expect(row).toMatchObject({
      responses: 2,
      upheld: 2,
      rootCauses: [{ rootCause: "Bins missed after a round change", count: 2 }],
      lessons: [{ lesson: "Tell residents about round changes", count: 2 }],
    });
    expect(row!.actions.map((a) => [a.actionId, a.status, a.milestones])).toEqual([
      ["rota", "done", 0],
      ["leaflet", "overdue", 0],
      ["training", "open", 1],
    ]);
  });

  it("cannot be tracked for an action no response agreed", async () => {
    await expect(
      learningRepository.completeAction(
        t.db,
        { caseId, stageSequence: 1, actionId: "invented" },
        { at: new Date(), on: "2026-04-01", by: "x" },
      ),
    ).rejects.toThrow(/There is no improvement action/);
  });
});

describe("resolution plans (Southwark procedure, Resolution Plan)", () => {
  it("track tasks and checkpoints, and close with the customer's satisfaction once every task is done", async () => {
    let plan = await resolutionPlanRepository.createPlan(t.db, { at: new Date(),
      caseId,
      stageSequence: 1,
      summary: "Repair the bin store and check collections",
      ownerId: "officer-1",
      createdOn: "2026-01-16",
      by: officer,
      tasks: [
        {
          id: "repair",
          description: "Repair the bin store door",
          ownerId: "contractor-1",
          dueOn: "2026-01-30",
        },
        {
          id: "monitor",
          description: "Check four collections",
          ownerId: "officer-1",
          dueOn: "2026-02-13",
        },
      ],
      checkpoints: [{ id: "week-2", dueOn: "2026-01-30" }],
    });
    expect(plan).toMatchObject({ status: "active", version: 1, satisfaction: null });

    const attention = await resolutionPlanRepository.needingAttention(
      t.db,
      councilId,
      "2026-02-02",
    );
    expect(attention).toEqual([
      expect.objectContaining({
        planId: plan.id,
        overdueTasks: [{ id: "repair", ownerId: "contractor-1", dueOn: "2026-01-30" }],
        missedCheckpoints: [{ id: "week-2", dueOn: "2026-01-30" }],
        awaitingSatisfactionCheck: false,
      }),
    ]);

    plan = await resolutionPlanRepository.completeTask(t.db, { at: new Date(),
      planId: plan.id,
      expectedVersion: 1,
      taskId: "repair",
      on: "2026-02-02",
      by: officer,
    });
    plan = await resolutionPlanRepository.recordCheckpoint(t.db, { at: new Date(),
      planId: plan.id,
      expectedVersion: plan.version,
      checkpointId: "week-2",
      heldOn: "2026-02-02",
      onTrack: true,
      by: officer,
    });
    await expect(
      resolutionPlanRepository.recordSatisfaction(t.db, { at: new Date(),
        planId: plan.id,
        expectedVersion: plan.version,
        on: "2026-02-03",
        satisfaction: "satisfied",
        by: officer,
      }),
    ).rejects.toThrow(ResolutionPlanError);
    await expect(
      resolutionPlanRepository.completeTask(t.db, { at: new Date(),
        planId: plan.id,
        expectedVersion: 1,
        taskId: "monitor",
        on: "2026-02-13",
        by: officer,
      }),
    ).rejects.toThrow(ConflictError);
    plan = await resolutionPlanRepository.completeTask(t.db, { at: new Date(),
      planId: plan.id,
      expectedVersion: plan.version,
      taskId: "monitor",
      on: "2026-02-13",
      by: officer,
    });
    expect(
      (await resolutionPlanRepository.needingAttention(t.db, councilId, "2026-02-14"))[0]
        ?.awaitingSatisfactionCheck,
    ).toBe(true);
    plan = await resolutionPlanRepository.recordSatisfaction(t.db, { at: new Date(),
      planId: plan.id,
      expectedVersion: plan.version,
      on: "2026-02-16",
      satisfaction: "satisfied",
      note: "Collections back to normal",
      by: officer,
    });
    expect(plan).toMatchObject({
      status: "completed",
      closedOn: "2026-02-16",
      satisfaction: { value: "satisfied", checkedOn: "2026-02-16", checkedBy: "officer-1" },
    });
    await expect(
      resolutionPlanRepository.abandonPlan(t.db, { at: new Date(),
        planId: plan.id,
        expectedVersion: plan.version,
        on: "2026-02-17",
        reason: "x",
        by: officer,
      }),
    ).rejects.toThrow(/completed/);
    expect(await resolutionPlanRepository.needingAttention(t.db, councilId, "2026-03-01")).toEqual(
      [],
    );
  });

  it("are part of the case's history: each change is an event on its hash chain", async () => {
    const events = await listEvents(t.db, { caseId });
    expect(events.map((e) => e.type)).toEqual([
      "resolution-plan-created",
      "resolution-plan-task-done",
      "resolution-plan-checkpoint",
      "resolution-plan-task-done",
      "resolution-plan-satisfaction-check",
    ]);
    // Bulk-loaded cases have no events of their own; the plan's events chain from the first.
    const chain = await verifyEventChain(t.db, caseId);
    expect(chain).toMatchObject({ ok: true, events: 5 });
  });

  it("need at least one task", async () => {
    await expect(
      resolutionPlanRepository.createPlan(t.db, { at: new Date(),
        caseId,
        stageSequence: 1,
        summary: "Nothing to do",
        ownerId: "officer-1",
        createdOn: "2026-01-16",
        by: officer,
        tasks: [],
      }),
    ).rejects.toThrow(/at least one task/);
  });
});
