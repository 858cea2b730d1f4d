import {
  organisationRepository,
  insertBulkCases,
  qualityRepository,
  QaSampleExistsError,
  type QaReviewContext,
} from "@complaints/db";
import { createTestCouncil } from "@complaints/db/testing";
import { RuleBook, defaultProfile } from "@complaints/core";
import type { LetterModel } from "@complaints/letters";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { drawWithoutReplacement, seededRandom } from "./random.js";
import {
  buildQaRubric,
  drawQaSample,
  qaScoresReport,
  QaReviewIncompleteError,
  recordQaReview,
  scoreQaReview,
  type QaAnswers,
} from "./quality.js";

// Lewisham report 5.10 ("Since July 2009 we quality check 50% of all written responses each
// month") and §8 (a quality-checking framework, results to Heads of Service); Southwark
// "Complaints Handling Audit and Quality Checks" (a monthly sample, findings, remedial actions with
// due dates tracked, improvement expected a month after the due date).

let t: TestDb;
let councilId: string;
let repairsId: string;

beforeAll(async () => {
  t = await openTestDb();
  const { council, ids } = await createTestCouncil(t.db, { slug: "qa", name: "QA Council", profile: {
    directorates: [
      {
        id: "housing",
        name: "Housing",
        services: [
          { id: "repairs", name: "Repairs" },
          { id: "lettings", name: "Lettings" },
        ],
      },
    ],
  } });
  councilId = council.id;
  repairsId = ids.services.get("repairs")!;
  const response = (service: string, day: number, closed: boolean, lateAck = false) => ({
    serviceCode: service,
    regimeId: "housing-ombudsman-code-2024",
    receivedOn: `2026-04-${String(day).padStart(2, "0")}`,
    closure: closed ? { on: "2026-05-30", reason: "final-response" as const } : null,
    stages: [
      {
        stageId: "stage-1",
        requestedOn: `2026-04-${String(day).padStart(2, "0")}`,
        acknowledgedOn: `2026-04-${String(day + (lateAck ? 8 : 1)).padStart(2, "0")}`,
        ackDue: `2026-04-${String(day + 5).padStart(2, "0")}`,
        respondDue: "2026-05-15",
        respondedOn: `2026-05-${String(5 + (day % 20)).padStart(2, "0")}`,
        outcome: "partly-upheld" as const,
      },
    ],
  });
  await insertBulkCases(t.db, councilId, [
    // 21 written responses from Repairs sent in May on closed cases, the first one acknowledged late…
    ...Array.from({ length: 21 }, (_, i) => response("repairs", 1 + i, true, i === 0)),
    // …one still open (not in the population), and Lettings' own.
    response("repairs", 22, false),
    ...Array.from({ length: 4 }, (_, i) => response("lettings", 1 + i, true)),
  ]);
});
afterAll(() => t?.close());

describe("monthly samples (Lewisham 5.10: 50% of written responses each month)", () => {
  it("draws half the month's written responses on closed cases, repeatably from the seed", async () => {
    const population = await qualityRepository.population(t.db, {
      councilId,
      serviceId: repairsId,
      month: "2026-05",
    });
    expect(population).toHaveLength(21);
    const sample = await drawQaSample(t.db, {
      councilId,
      serviceId: repairsId,
      month: "2026-05",
      share: 0.5,
      drawnBy: "qa-1",
    });
    expect(sample).toMatchObject({
      population: 21,
      share: 0.5,
      seed: `${councilId}:${repairsId}:2026-05`,
    });
    expect(sample.items).toHaveLength(11); // ⌈0.5 × 21⌉
    const again = drawWithoutReplacement(population, 11, seededRandom(sample.seed)).map(
      (c) => `${c.caseId}#${c.stageSequence}`,
    );
    expect(sample.items.map((i) => `${i.caseId}#${i.stageSequence}`).sort()).toEqual(again.sort());
    expect(await qualityRepository.getSample(t.db, sample.id)).toMatchObject({
      month: "2026-05",
      share: 0.5,
      items: sample.items,
    });
  });

  it("is drawn once per service and month", async () => {
    await expect(
      drawQaSample(t.db, {
        councilId,
        serviceId: repairsId,
        month: "2026-05",
        share: 0.5,
        drawnBy: "qa-2",
      }),
    ).rejects.toThrow(QaSampleExistsError);
  });
});

/** The complaint handling code's checklists (the housing code's acknowledgement and Stage 1 response are the same). */
const rules = new RuleBook(defaultProfile, []).rulesFor("waste", "complaint");

const context = (overrides: Partial<QaReviewContext> = {}): QaReviewContext => ({
  caseId: "c1",
  reference: "HSG-2026-000001",
  stageSequence: 1,
  stageId: "stage-1",
  regimeId: "housing-ombudsman-code-2024",
  serviceId: "waste",
  caseKind: "complaint",
  handlerId: "officer-1",
  requestedOn: "2026-04-01",
  acknowledgedOn: "2026-04-02",
  ackDue: "2026-04-08",
  respondedOn: "2026-04-20",
  respondDue: "2026-04-16",
  extensions: 0,
  extensionsWithOmbudsmanDetails: true,
  letters: [],
  ...overrides,
});

describe("the scoring rubric (letters' required content and timeliness)", () => {
  it("lists what the housing Code requires of the acknowledgement and the Stage 1 response, and judges the dates", () => {
    const rubric = buildQaRubric(context(), rules);
    expect(rubric.regimeId).toBe(rules.regime.id);
    expect(rubric.letters).toEqual({
      acknowledgement: "acknowledgement",
      response: "stage-1-response",
    });
    const ids = rubric.criteria.map((c) => c.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        "content:acknowledgement:complaint-summary",
        "content:acknowledgement:response-due-date",
        "content:stage-1-response:decision",
        "content:stage-1-response:escalation-route",
        "timeliness:acknowledged",
        "timeliness:responded",
        "quality:every-point-answered",
      ]),
    );
    expect(rubric.criteria.find((c) => c.id === "timeliness:acknowledged")!.auto).toEqual({
      answer: "met",
      because: "acknowledged 2026-04-02, due 2026-04-08",
    });
    expect(rubric.criteria.find((c) => c.id === "timeliness:responded")!.auto).toEqual({
      answer: "not-met",
      because: "answered 2026-04-20, due 2026-04-16",
    });
    // With no letter stored, content is for the reviewer to judge.
    expect(rubric.criteria.filter((c) => c.group === "content").every((c) => !c.auto)).toBe(true);
  });

  it("pre-answers content from the letter as issued", () => {
    const model = {
      kind: "stage-1-response",
      council: {
        name: "QA Council",
        addressLines: ["Town Hall"],
        phone: "0",
        email: "a@b",
        website: "x",
        otherFormats: "",
      },
      recipient: { name: "A Resident", address: { lines: ["1 Street"], postcode: "AB1 2CD" } },
      ourReference: "HSG-2026-000001",
      date: "2026-04-20",
      subject: "Your complaint",
      salutation: "Dear Resident",
      sections: [
        { element: "stage", paragraphs: ["This is our Stage 1 response."] },
        { element: "decision", paragraphs: ["We have partly upheld your complaint."] },
        { element: "reasons", paragraphs: ["The repair was late."] },
      ],
      signOff: { name: "Officer", jobTitle: "Repairs manager", signedByResponsiblePerson: false },
    } as LetterModel;
    const rubric = buildQaRubric(
      context({ letters: [{ kind: "stage-1-response", issuedAt: new Date(), model }] }),
      rules,
    );
    const auto = (id: string) => rubric.criteria.find((c) => c.id === id)!.auto?.answer;
    expect(auto("content:stage-1-response:decision")).toBe("met");
    expect(auto("content:stage-1-response:remedies")).toBe("not-met");
    expect(auto("content:stage-1-response:escalation-route")).toBe("not-met");
    expect(auto("content:acknowledgement:complaint-summary")).toBeUndefined();
  });

  it("scores met items by weight out of the items that apply, and refuses an unfinished review", () => {
    const rubric = buildQaRubric(context(), rules);
    expect(() => scoreQaReview(rubric, {})).toThrow(QaReviewIncompleteError);
    const answers: Record<string, { answer: "met" | "not-met" | "not-applicable"; note?: string }> =
      {};
    for (const c of rubric.criteria) if (!c.auto) answers[c.id] = { answer: "met" };
    answers["content:acknowledgement:missing-information"] = { answer: "not-applicable" };
    answers["content:stage-1-response:remedies"] = {
      answer: "not-met",
      note: "No remedy offered for the delay",
    };
    const scored = scoreQaReview(rubric, answers);
    const weights = rubric.criteria.reduce((n, c) => n + c.weight, 0);
    // Not applicable: 1 mark out; not met: the remedies (1) and the late response (2).
    expect(scored.maxScore).toBe(weights - 1);
    expect(scored.score).toBe(weights - 1 - 1 - 2);
    expect(scored.answers.find((a) => a.criterion === "timeliness:responded")).toEqual({
      criterion: "timeliness:responded",
      answer: "not-met",
      weight: 2,
      note: "answered 2026-04-20, due 2026-04-16",
    });
    expect(() =>
      scoreQaReview(rubric, { ...answers, "quality:invented": { answer: "met" } }),
    ).toThrow(/not on this checklist/i);
  });
});

describe("reviews, findings, remedial actions and scores over time (Southwark audit)", () => {
  it("stores each review with its answers and reports the month's scores with findings and overdue actions", async () => {
    const sample = await drawQaSample(t.db, {
      councilId,
      serviceId: (await organisationRepository.listServices(t.db, councilId)).find(
        (s) => s.code === "lettings",
      )!.id,
      month: "2026-05",
      share: 1,
      drawnBy: "qa-1",
    });
    expect(sample.items).toHaveLength(4);
    const answersFor = async (i: number): Promise<QaAnswers> => {
      const ctx = await qualityRepository.reviewContext(t.db, sample.items[i]!.caseId, 1);
      const rubric = buildQaRubric(ctx, rules);
      return Object.fromEntries(
        rubric.criteria
          .filter((c) => !c.auto)
          .map((c) => [
            c.id,
            { answer: i === 0 && c.group === "content" ? ("not-met" as const) : ("met" as const) },
          ]),
      );
    };
    const reviews = [];
    for (let i = 0; i < 2; i++) {
      reviews.push(
        await recordQaReview(t.db, {
          sampleId: sample.id,
          caseId: sample.items[i]!.caseId,
          stageSequence: 1,
          reviewerId: "qa-1",
          reviewedOn: "2026-06-03",
          answers: await answersFor(i),
          rulesFor: () => rules,
        }),
      );
    }
    const finding = await qualityRepository.addFinding(t.db, {
      reviewId: reviews[0]!.id,
      criterion: "content:stage-1-response:remedies",
      finding: "Responses do not say what will be done to put things right",
      risk: "high",
    });
    await qualityRepository.markFindingSent(t.db, finding.id, {
      toHandlerOn: "2026-06-04",
      toHeadOfServiceOn: "2026-06-04",
    });
    const action = await qualityRepository.addRemedialAction(t.db, {
      findingId: finding.id,
      description: "Template to prompt for remedies",
      ownerId: "hos-1",
      dueOn: "2026-06-30",
    });
    const report = await qaScoresReport(t.db, {
      councilId,
      period: { from: "2026-01-01", to: "2026-12-31" },
      asOf: "2026-07-15",
    });
    const lettings = report.rows.find((r) => r.serviceName === "Lettings")!;
    expect(lettings).toMatchObject({
      month: "2026-05",
      population: 4,
      sampled: 4,
      reviewed: 2,
      score: reviews[0]!.score + reviews[1]!.score,
      maxScore: reviews[0]!.maxScore + reviews[1]!.maxScore,
      findingsHigh: 1,
      remedialActions: 1,
      remedialActionsOverdue: 1,
    });
    expect(reviews[0]!.score).toBeLessThan(reviews[1]!.score);
    await qualityRepository.completeRemedialAction(t.db, action.id, "2026-07-16");
    await qualityRepository.recordImprovementCheck(t.db, action.id, "2026-08-14", true);
    const later = await qaScoresReport(t.db, {
      councilId,
      period: { from: "2026-01-01", to: "2026-12-31" },
      asOf: "2026-08-15",
    });
    expect(later.rows.find((r) => r.serviceName === "Lettings")).toMatchObject({
      remedialActionsOverdue: 0,
      remedialActionsDone: 1,
    });
  });

  it("refuses to review a response that was not sampled", async () => {
    const [response] = await qualityRepository.population(t.db, {
      councilId,
      serviceId: repairsId,
      month: "2026-05",
    });
    // April's sample: no written responses went in April, so it holds none.
    const april = await drawQaSample(t.db, {
      councilId,
      serviceId: repairsId,
      month: "2026-04",
      share: 0.5,
      drawnBy: "qa-1",
    });
    expect(april).toMatchObject({ population: 0, items: [] });
    await expect(
      recordQaReview(t.db, {
        sampleId: april.id,
        caseId: response!.caseId,
        stageSequence: 1,
        reviewerId: "qa-1",
        reviewedOn: "2026-06-03",
        rulesFor: () => rules,
      }),
    ).rejects.toThrow(/not in the sample/);
  });
});
