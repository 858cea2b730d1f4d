/**
 * Quality checks through the API (issue 7; seed 002 §8 and 5.10: "we quality check 50% of all
 * written responses each month"; seed 003 "Complaints Handling Audit and Quality Checks": a
 * monthly sample, findings to the service, remedial actions with due dates, a check a month on).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { answeredCase } from "../../test/answered.js";
import { refusal } from "../../test/refusal.js";

describe("quality checks", () => {
  let h: Harness;
  let id: (key: string) => string;
  const answered: string[] = [];

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [{ key: "env-hos", name: "Environment Head", email: "env-hos@example.gov.uk", password: PASSWORD, roles: [{ role: "head-of-service", directorate: "environment" }] }],
    });
    id = (key) => h.staffIds.get(key)!;
    const manager = await h.as("complaints-manager");
    for (let i = 0; i < 4; i++) answered.push((await answeredCase(manager, { description: `Answered complaint ${i}` })).caseId);
    // Answered but still open: not in the population (only cases now closed are checked).
    await answeredCase(manager, { close: false });
  });
  afterAll(() => h?.close());

  let sampleId = "";

  it("draw half of a service's written responses for the month, repeatably, once", async () => {
    const qa = await h.as("quality-assurance");
    const drawn = await qa.quality.samples.draw({ serviceCode: "council-tax", month: "2026-03", share: 0.5 });
    expect(drawn).toMatchObject({ month: "2026-03", share: 0.5, population: 4, sampled: 2, service: { code: "council-tax", name: "Council Tax" } });
    sampleId = drawn.sampleId;
    const again = await refusal(qa.quality.samples.draw({ serviceCode: "council-tax", month: "2026-03", share: 0.5 }));
    expect(again.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW", message: expect.stringMatching(/already been drawn/) });
    expect((await refusal(qa.quality.samples.draw({ serviceCode: "council-tax", month: "2026-04", share: 0.5 }))).client.message).toMatch(/month that has started/);
    const sample = await qa.quality.samples.get({ sampleId });
    expect(sample.items).toHaveLength(2);
    expect(sample.items.every((i) => answered.includes(i.caseId) && i.review === null)).toBe(true);
    const listed = await qa.quality.samples.list({});
    expect(listed.samples).toEqual([expect.objectContaining({ id: sampleId, sampled: 2, reviewed: 0, service: expect.objectContaining({ code: "council-tax" }) })]);
  });

  it("review a response against the rubric: what the record shows is pre-answered, the rest is the reviewer's", async () => {
    const qa = await h.as("quality-assurance");
    const item = (await qa.quality.samples.get({ sampleId })).items[0]!;
    const { rubric } = await qa.quality.rubric({ sampleId, caseId: item.caseId, stageSequence: item.stageSequence });
    const ids = rubric.criteria.map((c) => c.id);
    expect(ids).toEqual(expect.arrayContaining(["timeliness:acknowledged", "timeliness:responded", "quality:every-point-answered", "quality:remedy-proportionate"]));
    expect(rubric.criteria.find((c) => c.id === "timeliness:responded")!.auto).toMatchObject({ answer: "met" });
    // No letters were issued, so their required content is for the reviewer to judge.
    expect(rubric.criteria.filter((c) => c.group === "content").every((c) => c.auto === undefined)).toBe(true);

    const incomplete = await refusal(qa.quality.review({ sampleId, caseId: item.caseId, stageSequence: item.stageSequence, answers: {} }));
    expect(incomplete.client.message).toMatch(/Answer every item of the checklist/);

    const answers = Object.fromEntries(rubric.criteria.filter((c) => !c.auto).map((c) => [c.id, { answer: c.id === "quality:every-point-answered" ? ("not-met" as const) : ("met" as const) }]));
    const reviewed = await qa.quality.review({
      sampleId,
      caseId: item.caseId,
      stageSequence: item.stageSequence,
      answers,
      findings: [{ criterion: "quality:every-point-answered", finding: "The response did not deal with the request for a refund", risk: "high" }],
    });
    const weights = rubric.criteria.reduce((n, c) => n + c.weight, 0);
    expect(reviewed).toMatchObject({ score: weights - 2, maxScore: weights, findingIds: [expect.any(String)] });
    expect((await refusal(qa.quality.review({ sampleId, caseId: item.caseId, stageSequence: item.stageSequence, answers }))).client.refusal?.code).toBe("NOT_ALLOWED_NOW");
  });

  it("send findings to the Head of Service (and the handler, when there is one) as notifications", async () => {
    const hos = await h.as("head-of-service");
    const mine = await hos.notifications.mine({});
    expect(mine.filter((n) => n.kind === "qa-finding").map((n) => n.subject)).toEqual([expect.stringMatching(/quality check finding \(high risk\)/)]);
    const sample = await (await h.as("quality-assurance")).quality.samples.get({ sampleId });
    const review = await (await h.as("quality-assurance")).quality.reviews.get({ reviewId: sample.items.find((i) => i.review)!.review!.id });
    expect(review.findings[0]).toMatchObject({ risk: "high", sentToHeadOfServiceOn: "2026-03-02" });
  });

  it("track remedial actions with owners and due dates to done, and the improvement check a month on", async () => {
    const qa = await h.as("quality-assurance");
    const sample = await qa.quality.samples.get({ sampleId });
    const reviewId = sample.items.find((i) => i.review)!.review!.id;
    const findingId = (await qa.quality.reviews.get({ reviewId })).findings[0]!.id;
    const { remedialActionId } = await qa.quality.remedialActions.add({ findingId, description: "Brief the billing team on answering every point", ownerId: id("head-of-service"), dueOn: "2026-03-20" });
    h.clock.set("2026-03-25T09:00:00Z");
    const open = await qa.quality.remedialActions.list({ openOnly: true });
    expect(open).toEqual([expect.objectContaining({ id: remedialActionId, overdue: true, ownerName: "head-of-service person" })]);
    expect((await refusal((await h.as("env-hos")).quality.remedialActions.complete({ remedialActionId }))).code).toBe("NOT_FOUND");
    await (await h.as("head-of-service")).quality.remedialActions.complete({ remedialActionId });
    h.clock.set("2026-04-27T09:00:00Z");
    await qa.quality.remedialActions.checkImprovement({ remedialActionId, improved: true });
    const review = await qa.quality.reviews.get({ reviewId });
    expect(review.findings[0]!.remedialActions[0]).toMatchObject({ completedOn: "2026-03-25", improvementCheckedOn: "2026-04-27", improved: true, overdue: false });
  });

  it("report scores over time per service and month, with a chart", async () => {
    const { report, charts, tables } = await (await h.as("auditor")).quality.scores({ from: "2026-01-01", to: "2026-12-31" });
    expect(report.rows).toEqual([expect.objectContaining({ serviceName: "Council Tax", month: "2026-03", population: 4, sampled: 2, reviewed: 1, findingsHigh: 1, remedialActionsDone: 1 })]);
    expect(charts[0]!.svg).toContain('role="img"');
    expect(tables[0]!.id).toBe("qa-scores");
  });

  it("are done by QA and the complaints manager; read by Heads of Service for their own services only", async () => {
    expect((await refusal((await h.as("head-of-service")).quality.samples.draw({ serviceCode: "waste", month: "2026-03", share: 0.5 }))).code).toBe("FORBIDDEN");
    expect((await (await h.as("env-hos")).quality.samples.list({})).samples).toEqual([]);
    expect((await refusal((await h.as("env-hos")).quality.samples.get({ sampleId }))).code).toBe("NOT_FOUND");
    expect((await (await h.as("head-of-service")).quality.samples.list({})).samples).toHaveLength(1);
    expect((await refusal((await h.as("investigating-officer")).quality.samples.list({}))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("quality-assurance")).quality.samples.draw({ serviceCode: "council-tax", month: "2026-02", share: 1.5 }))).client.fieldErrors).toHaveProperty("share");
    // Stored to four decimal places: a share too small to store is refused, not stored as 0 (found by no-500.test.ts).
    expect((await refusal((await h.as("quality-assurance")).quality.samples.draw({ serviceCode: "council-tax", month: "2026-02", share: 5e-324 }))).client.fieldErrors).toHaveProperty("share");
  });
});
