/**
 * Improvement actions through the API (issue 7; Southwark procedure "Learning from Complaints and
 * Escalations": improvement plans "along with key implementation milestones … so that progress
 * can be tracked", delays escalated to the Head of Service).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { answeredCase } from "../../test/answered.js";
import { refusal } from "../../test/refusal.js";

describe("improvement actions", () => {
  let h: Harness;
  let caseId: string;
  let id: (key: string) => string;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    id = (key) => h.staffIds.get(key)!;
    caseId = (await answeredCase(await h.as("complaints-manager"), { learning: { rootCause: "Refund process unclear", lessons: "Write it down" } })).caseId;
  });
  afterAll(() => h?.close());

  it("are agreed on an answered stage with an owner, a due date and milestones, and show on the case's timeline", async () => {
    const dcro = await h.as("dcro");
    const created = await dcro.improvement.create({
      caseId,
      description: "Write the refund procedure",
      ownerId: id("investigating-officer"),
      dueOn: "2026-05-29",
      milestones: [
        { description: "Draft written", dueOn: "2026-03-31" },
        { description: "Team trained", dueOn: "2026-04-30" },
      ],
    });
    expect(created).toMatchObject({ caseId, stageSequence: 1, actionId: "write-the-refund-procedure" });
    const action = await dcro.improvement.get({ caseId, stageSequence: 1, actionId: created.actionId });
    expect(action).toMatchObject({
      description: "Write the refund procedure",
      ownerId: id("investigating-officer"),
      ownerName: "investigating-officer person",
      dueOn: "2026-05-29",
      status: "open",
      rootCause: "Refund process unclear",
      directorateName: "Corporate Services",
      canManage: true,
    });
    expect(action.milestones.map((m) => [m.id, m.description, m.dueOn, m.completedOn])).toEqual([
      ["m1", "Draft written", "2026-03-31", null],
      ["m2", "Team trained", "2026-04-30", null],
    ]);
    const timeline = (await dcro.cases.get({ caseId })).timeline.map((e) => e.type);
    expect(timeline).toContain("agree-improvement-action");
  });

  it("record progress milestone by milestone, and are listed overdue first once a date passes", async () => {
    const key = { caseId, stageSequence: 1, actionId: "write-the-refund-procedure" };
    const io = await h.as("investigating-officer");
    const progressed = await io.improvement.completeMilestone({ ...key, milestoneId: "m1" });
    expect(progressed.milestones[0]).toMatchObject({ completedOn: "2026-03-02", overdue: false });

    const other = (await answeredCase(await h.as("complaints-manager"), { description: "Bin missed" })).caseId;
    await (await h.as("head-of-service")).improvement.create({ caseId: other, description: "Check the rota", ownerId: id("dcro"), dueOn: "2026-03-20" });
    h.clock.set("2026-05-04T09:00:00Z");
    const list = await (await h.as("quality-assurance")).improvement.list({});
    expect(list.items.map((a) => [a.description, a.status, a.overdueSince])).toEqual([
      ["Check the rota", "overdue", "2026-03-20"],
      ["Write the refund procedure", "overdue", "2026-04-30"],
    ]);
    expect(list.overdue).toBe(2);
    expect(list.items.every((a) => !a.canManage)).toBe(true);
    expect((await io.improvement.list({ mine: true })).items.map((a) => a.description)).toEqual(["Write the refund procedure"]);
  });

  it("are completed by their owner or a manager, with what was done, and cannot change afterwards", async () => {
    const key = { caseId, stageSequence: 1, actionId: "write-the-refund-procedure" };
    const done = await (await h.as("investigating-officer")).improvement.complete({ ...key, note: "Procedure published on the intranet" });
    expect(done).toMatchObject({ status: "done", completedOn: "2026-05-04", completedBy: id("investigating-officer"), note: "Procedure published on the intranet" });
    const again = await refusal((await h.as("dcro")).improvement.addMilestone({ ...key, description: "More", dueOn: "2026-06-01" }));
    expect(again.client.refusal?.code).toBe("NOT_ALLOWED_NOW");
    expect((await (await h.as("director")).improvement.list({ status: "done" })).items.map((a) => a.description)).toEqual(["Write the refund procedure"]);
  });

  it("are refused to quality assurance and auditors (read only), and to anyone for a stage not yet answered", async () => {
    const key = { caseId, stageSequence: 1, actionId: "write-the-refund-procedure" };
    expect((await refusal((await h.as("auditor")).improvement.complete(key))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("quality-assurance")).improvement.create({ caseId, description: "QA idea", ownerId: id("dcro"), dueOn: "2026-07-01" }))).code).toBe("FORBIDDEN");
    const open = (await (await h.as("customer-services")).cases.log({ kind: "complaint", channel: "web", serviceId: "council-tax", description: "Not answered yet", customer: null })).caseId;
    const early = await refusal((await h.as("dcro")).improvement.create({ caseId: open, description: "Too early", ownerId: id("dcro"), dueOn: "2026-07-01" }));
    expect(early.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW", rule: expect.stringContaining("Southwark") });
  });

  it("need a current member of staff as owner and milestones inside the action's time", async () => {
    const dcro = await h.as("dcro");
    expect((await refusal(dcro.improvement.create({ caseId, description: "X", ownerId: "00000000-0000-4000-8000-000000000000", dueOn: "2026-07-01" }))).client.message).toMatch(/current member of staff/);
    expect((await refusal(dcro.improvement.create({ caseId, description: "X", ownerId: id("dcro"), dueOn: "2026-07-01", milestones: [{ description: "Late", dueOn: "2026-08-01" }] }))).client.message).toMatch(/after the action is due/);
    expect((await refusal(dcro.improvement.create({ caseId, description: "", ownerId: id("dcro"), dueOn: "2026-07-01" }))).client.fieldErrors).toHaveProperty("description");
  });

  it("offer the owners to choose from: the council's current staff", async () => {
    const owners = await (await h.as("dcro")).improvement.owners();
    expect(owners.map((o) => o.id)).toContain(id("head-of-service"));
    expect(owners.every((o) => typeof o.name === "string")).toBe(true);
  });
});
