/**
 * Triage opening a later stage directly (docs/decisions/0108-day-one-counting-triage-to-a-later-stage.md):
 * where a council's rules let triage send a complex complaint straight to Stage 2 (the SPSO model
 * complaints handling procedure does), the case view offers the stage and `triage` opens it, its
 * acknowledgement counted from receipt; elsewhere the same request is refused with the rule.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const RULE = "SPSO model complaints handling procedure: a complex complaint may go straight to Stage 2";
const complaint = {
  kind: "complaint" as const,
  channel: "phone" as const,
  serviceId: "council-tax",
  description: "Three years of wrong council tax bills and no answer to my letters",
  customer: { fullName: "Morag Reid", phone: "07700 900456", postcode: "EX2 3CD" },
};

describe("triage opens Stage 2 directly where the rules allow it", () => {
  let direct: Harness;
  let english: Harness;
  beforeAll(async () => {
    direct = await openHarness({
      start: "2027-06-07T09:00:00Z",
      profile: (p) => ({ ...p, timescales: { ...p.timescales, stages: { ...p.timescales?.stages, "stage-2": { ...p.timescales?.stages?.["stage-2"], openedByTriage: { rule: RULE } } } } }),
    });
    english = await openHarness({ start: "2027-06-07T09:00:00Z" });
  });
  afterAll(async () => {
    await direct?.close();
    await english?.close();
  });

  it("the case offers Stage 2 to triage, and triage opens it with its acknowledgement due 5 working days from receipt (code 6.11)", async () => {
    const { caseId } = await (await direct.as("customer-services")).cases.log(complaint);
    const dcro = await direct.as("dcro");
    expect((await dcro.cases.get({ caseId })).regime.triageStages).toEqual([{ id: "stage-2", label: "Stage 2" }]);
    await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept", stageId: "stage-2" });
    const view = await dcro.cases.get({ caseId });
    expect(view.stages.map((s) => s.stageId)).toEqual(["stage-2"]);
    expect(view.dueDates.find((d) => d.id === "stage-2#1.acknowledge")).toMatchObject({ date: "2027-06-14", rule: "Complaint handling code 2024 6.11" });
  });

  it("under the English code Stage 2 is opened by escalation only: the request is refused, naming the rule", async () => {
    const { caseId } = await (await english.as("customer-services")).cases.log(complaint);
    const dcro = await english.as("dcro");
    expect((await dcro.cases.get({ caseId })).regime.triageStages).toEqual([]);
    const refused = await refusal(dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept", stageId: "stage-2" }));
    expect(refused.client.refusal?.code).toBe("NOT_ALLOWED_NOW");
    expect(refused.message).toMatch(/^Stage 2 is opened by escalation from an earlier stage, not by triage: accept the complaint at Stage 1/);
  });
});
