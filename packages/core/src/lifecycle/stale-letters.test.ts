import { describe, expect, it } from "vitest";
import { RuleBook } from "../plugin/rule-book.js";
import { defaultProfile } from "../profile/default-profile.js";
import { CaseScenario } from "../testing/scenario.js";
import { staleLetter } from "./stale-letters.js";

function acknowledgedOn(day: string) {
  const scenario = new CaseScenario(new RuleBook(defaultProfile, []).rulesFor("waste", "complaint"));
  scenario.log({ channel: "email", customer: { id: "c-1", name: "Ada Lovelace" }, description: "Missed bin." }, "2026-11-02");
  scenario.do({ type: "triage", outcome: "accept" }, "2026-11-02");
  scenario.do({ type: "assign", handlerId: "sam" }, "2026-11-02");
  scenario.do({ type: "acknowledge" }, day);
  return scenario;
}
const ack = { kind: "acknowledgement" as const, stageId: "stage-1", stageSequence: 1 };

describe("staleLetter: a letter whose facts no longer hold is not sent (decision 0321)", () => {
  it("an acknowledgement asked for today, about the open stage, may be sent", () => {
    expect(staleLetter(acknowledgedOn("2026-11-03").case, ack, "2026-11-03")).toBeNull();
  });

  it("an acknowledgement cannot be sent for a closed case", () => {
    const scenario = acknowledgedOn("2026-11-03");
    scenario.do({ type: "respond", outcome: "upheld", reasons: "We missed it." }, "2026-11-04");
    scenario.do({ type: "close" }, "2026-11-05");
    const refusal = staleLetter(scenario.case, ack, "2026-11-05");
    expect(refusal).toMatchObject({ code: "LETTER_STALE", message: "This acknowledgement cannot be sent: the case is closed" });
    expect(refusal?.rule).toContain("0321");
  });

  it("an acknowledgement of a stage that has been answered is not sent, though the case is still open", () => {
    const scenario = acknowledgedOn("2026-11-03");
    scenario.do({ type: "respond", outcome: "upheld", reasons: "We missed it." }, "2026-11-04");
    expect(staleLetter(scenario.case, ack, "2026-11-04")?.message).toBe("This acknowledgement cannot be sent: Stage 1 has already been responded to");
    // The response itself, asked for by the same step, still goes.
    expect(staleLetter(scenario.case, { kind: "stage-1-response", stageId: "stage-1", stageSequence: 1 }, "2026-11-04")).toBeNull();
  });

  it("a letter promising a response by a date already past is not sent", () => {
    const scenario = acknowledgedOn("2026-11-03");
    const due = scenario.case.dueDates.find((d) => d.id === "stage-1#1.respond")!.date;
    expect(staleLetter(scenario.case, ack, due)).toBeNull();
    const dayAfter = `${due.slice(0, 8)}${String(Number(due.slice(8)) + 1).padStart(2, "0")}`;
    expect(staleLetter(scenario.case, ack, dayAfter)?.message).toBe(`This acknowledgement cannot be sent: it would promise a response by ${due}, which has passed`);
  });

  it("a letter about a stage the case has moved on from is not sent", () => {
    const scenario = acknowledgedOn("2026-11-03");
    scenario.do({ type: "respond", outcome: "not-upheld", reasons: "The bin was out late." }, "2026-11-04");
    scenario.do({ type: "escalate", reason: "It was out on time." }, "2026-11-05");
    const response = { kind: "stage-1-response" as const, stageId: "stage-1", stageSequence: 1 };
    expect(staleLetter(scenario.case, response, "2026-11-05")?.message).toBe("This Stage 1 response cannot be sent: the case has moved on from Stage 1 to Stage 2");
  });
});
