/**
 * Resolution plans through the API (issue 7; Southwark procedure "Resolution Plan": "tasks with
 * owners and due dates … checkpoints … After completing all tasks in the plan, the Investigating
 * Officer must contact the resident to confirm their satisfaction").
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { answeredCase } from "../../test/answered.js";
import { refusal } from "../../test/refusal.js";

describe("resolution plans", () => {
  let h: Harness;
  let caseId: string;
  let id: (key: string) => string;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    id = (key) => h.staffIds.get(key)!;
    caseId = (await answeredCase(await h.as("complaints-manager"), { close: false })).caseId;
  });
  afterAll(() => h?.close());

  it("run from tasks and checkpoints to the customer's satisfaction, each step on the case's timeline", async () => {
    const io = await h.as("investigating-officer");
    let plan = await io.resolutionPlans.create({
      caseId,
      summary: "Refund the second charge and fix the direct debit",
      ownerId: id("investigating-officer"),
      tasks: [{ description: "Refund £89", ownerId: id("dcro"), dueOn: "2026-03-09" }],
      checkpoints: [{ dueOn: "2026-03-06" }],
    });
    expect(plan).toMatchObject({ stageSequence: 1, status: "active", version: 1, tasks: [{ id: "task-1", completedOn: null }], checkpoints: [{ id: "checkpoint-1", heldOn: null }] });
    expect(plan.names[id("dcro")]).toBe("dcro person");
    plan = await io.resolutionPlans.addTask({ planId: plan.id, expectedVersion: plan.version, description: "Check the next bill", ownerId: id("investigating-officer"), dueOn: "2026-04-01" });
    plan = await io.resolutionPlans.recordCheckpoint({ planId: plan.id, expectedVersion: plan.version, checkpointId: "checkpoint-1", onTrack: true, note: "Refund raised" });
    plan = await io.resolutionPlans.completeTask({ planId: plan.id, expectedVersion: plan.version, taskId: "task-1" });

    const early = await refusal(io.resolutionPlans.recordSatisfaction({ planId: plan.id, expectedVersion: plan.version, satisfaction: "satisfied" }));
    expect(early.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW", message: expect.stringMatching(/every task is done; still open: task-2/) });

    plan = await io.resolutionPlans.completeTask({ planId: plan.id, expectedVersion: plan.version, taskId: "task-2" });
    plan = await io.resolutionPlans.recordSatisfaction({ planId: plan.id, expectedVersion: plan.version, satisfaction: "satisfied", note: "Resident confirmed by phone" });
    expect(plan).toMatchObject({ status: "completed", closedOn: "2026-03-02", satisfaction: { value: "satisfied", checkedBy: id("investigating-officer"), note: "Resident confirmed by phone" } });

    const listed = await (await h.as("auditor")).resolutionPlans.list({ caseId });
    expect(listed).toMatchObject({ canPlan: false, plans: [{ id: plan.id, status: "completed" }] });
    const timeline = (await io.cases.get({ caseId })).timeline.map((e) => e.type);
    expect(timeline).toEqual(expect.arrayContaining(["resolution-plan-created", "resolution-plan-task-added", "resolution-plan-checkpoint", "resolution-plan-task-done", "resolution-plan-satisfaction-check"]));
    // The steps are dated by the council's clock (the injected one), not the machine's.
    const steps = await h.db.db.selectFrom("events").select("occurred_at").where("case_id", "=", caseId).where("type", "like", "resolution-plan-%").execute();
    expect(steps).toHaveLength(6);
    for (const step of steps) expect(new Date(step.occurred_at).toISOString()).toBe(h.clock.now().toISOString());
  });

  it("tell someone working from an old version that the plan changed (409), and refuse changes to a closed plan", async () => {
    const dcro = await h.as("dcro");
    const plan = await dcro.resolutionPlans.create({ caseId, summary: "Second plan", ownerId: id("dcro"), tasks: [{ description: "Call back", ownerId: id("dcro"), dueOn: "2026-03-10" }] });
    await dcro.resolutionPlans.addCheckpoint({ planId: plan.id, expectedVersion: 1, dueOn: "2026-03-05" });
    expect((await refusal(dcro.resolutionPlans.addCheckpoint({ planId: plan.id, expectedVersion: 1, dueOn: "2026-03-06" }))).code).toBe("CONFLICT");
    const abandoned = await dcro.resolutionPlans.abandon({ planId: plan.id, expectedVersion: 2, reason: "Resolved another way" });
    expect(abandoned.status).toBe("abandoned");
    expect((await refusal(dcro.resolutionPlans.completeTask({ planId: plan.id, expectedVersion: abandoned.version, taskId: "task-1" }))).client.refusal?.code).toBe("NOT_ALLOWED_NOW");
  });

  it("are made by caseworkers and Heads of Service, read by everyone who reads the case", async () => {
    const input = { caseId, summary: "Plan", ownerId: id("dcro"), tasks: [{ description: "Task", ownerId: id("dcro"), dueOn: "2026-04-01" }] };
    expect((await refusal((await h.as("quality-assurance")).resolutionPlans.create(input))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("legal")).resolutionPlans.create(input))).code).toBe("FORBIDDEN");
    expect((await (await h.as("head-of-service")).resolutionPlans.create(input)).status).toBe("active");
    expect((await refusal((await h.as("administrator")).resolutionPlans.list({ caseId }))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("dcro")).resolutionPlans.create({ ...input, tasks: [] }))).client.fieldErrors).toHaveProperty("tasks");
  });
});
