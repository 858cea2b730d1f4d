/**
 * A deadline that requires telling the resident is met when the correspondence is sent
 * (docs/decisions/0322-deadlines-met-when-sent.md, docs/rules.md §1–2): each row names the
 * paragraph it reads. Dates counted by hand on a calendar (day of receipt = day 0).
 */
import { describe, expect, it } from "vitest";
import { accept, council, due, officer, refusalOf, runCase, type Step } from "../../test/scenario.js";
import { fixedClock } from "../clock.js";
import { availableCommands } from "../lifecycle/available.js";
import { COMMANDS } from "../lifecycle/commands/index.js";
import { transition } from "../lifecycle/transition.js";
import type { SentChannel, SentPurpose } from "../vocabulary/sent.js";

const rules = council().rulesFor("waste", "complaint");
const received = "2026-03-02"; // Mon
const sent = (at: string, purpose: SentPurpose, channel: SentChannel = "email", stageId: string | null = "stage-1"): Step => [at, { type: "record-correspondence-sent", stageId, purpose, channel, sentAt: at }];
const acknowledged: Step[] = [[received, accept], ["2026-03-02T15:00:00Z", { type: "acknowledge" }]];
const responded: Step = ["2026-03-10T11:00:00Z", { type: "respond", outcome: "not-upheld", reasons: "The crew collected on the scheduled day." }];

interface Row {
  source: string;
  title: string;
  steps: Step[];
  due: string;
  metOn: string | null;
  takenOn: string | null;
  date?: string;
  explains?: string[];
}

const ROWS: Row[] = [
  {
    source: "HO/LGSCO code 6.2",
    title: "an acknowledgement recorded but not sent has not met its deadline",
    steps: acknowledged,
    due: "stage-1#1.acknowledge",
    metOn: null,
    takenOn: "2026-03-02",
    explains: ["acknowledged Mon 2 Mar 2026, not sent yet"],
  },
  {
    source: "HO/LGSCO code 6.2",
    title: "an acknowledgement is met on the day it is sent, and the explanation says both dates",
    steps: [...acknowledged, sent("2026-03-03T09:30:00Z", "acknowledgement")],
    due: "stage-1#1.acknowledge",
    metOn: "2026-03-03",
    takenOn: "2026-03-02",
    explains: ["acknowledged Mon 2 Mar 2026, sent by email Tue 3 Mar 2026"],
  },
  {
    source: "HO/LGSCO code 6.2: 5 WD from receipt (Mon 2 Mar → Mon 9 Mar)",
    title: "an acknowledgement made in time but posted after the deadline is late",
    steps: [...acknowledged, sent("2026-03-10T16:00:00Z", "acknowledgement", "post")],
    due: "stage-1#1.acknowledge",
    metOn: "2026-03-10",
    takenOn: "2026-03-02",
    date: "2026-03-09",
    explains: ["sent by post Tue 10 Mar 2026"],
  },
  {
    source: "HO/LGSCO code 6.3: 10 WD of the complaint being acknowledged",
    title: "the response counts from the day the acknowledgement was made, not the later day it was sent",
    steps: [...acknowledged, sent("2026-03-04T10:00:00Z", "acknowledgement", "post")],
    due: "stage-1#1.respond",
    metOn: null,
    takenOn: null,
    date: "2026-03-16",
    explains: ["acknowledged Mon 2 Mar 2026, sent by post Wed 4 Mar 2026; +10 working days"],
  },
  {
    source: "HO/LGSCO code 6.3 (issue a full response); TSM CH02 counts responses sent",
    title: "a response made but not sent has not met its deadline",
    steps: [...acknowledged, sent("2026-03-02T16:00:00Z", "acknowledgement"), responded],
    due: "stage-1#1.respond",
    metOn: null,
    takenOn: "2026-03-10",
    explains: ["responded Tue 10 Mar 2026, not sent yet"],
  },
  {
    source: "HO/LGSCO code 6.3",
    title: "a response is met on the day it is sent",
    steps: [...acknowledged, sent("2026-03-02T16:00:00Z", "acknowledgement"), responded, sent("2026-03-11T09:00:00Z", "response")],
    due: "stage-1#1.respond",
    metOn: "2026-03-11",
    takenOn: "2026-03-10",
  },
  {
    source: "decision 0322: the acknowledgement is met no later than the response is sent",
    title: "an acknowledgement never sent (withdrawn once the stage was answered) is met on the day the response was sent",
    steps: [...acknowledged, responded, sent("2026-03-11T09:00:00Z", "response")],
    due: "stage-1#1.acknowledge",
    metOn: "2026-03-11",
    takenOn: "2026-03-02",
    explains: ["acknowledged Mon 2 Mar 2026, not sent yet", "met by the response sent Wed 11 Mar 2026"],
  },
  {
    source: "decision 0322: the acknowledgement is met no later than the response is sent",
    title: "a response made but not sent leaves an unsent acknowledgement open",
    steps: [...acknowledged, responded],
    due: "stage-1#1.acknowledge",
    metOn: null,
    takenOn: "2026-03-02",
  },
  {
    source: "decision 0322: the acknowledgement is met no later than the response is sent",
    title: "an acknowledgement sent before the response keeps its own date",
    steps: [...acknowledged, sent("2026-03-03T09:00:00Z", "acknowledgement"), responded, sent("2026-03-11T09:00:00Z", "response")],
    due: "stage-1#1.acknowledge",
    metOn: "2026-03-03",
    takenOn: "2026-03-02",
  },
  {
    source: "HO/LGSCO code 6.2, an anonymous case",
    title: "with nobody to write to, the step's own date counts",
    steps: acknowledged,
    due: "stage-1#1.acknowledge",
    metOn: "2026-03-02",
    takenOn: "2026-03-02",
  },
];

describe("deadlines met when the resident is told (decision 0322)", () => {
  it.each(ROWS)("$source: $title", (row) => {
    const anonymous = row.source.includes("anonymous");
    const state = runCase(rules, received, row.steps, anonymous ? { customer: null } : {});
    const d = due(state, row.due);
    expect(d.metOn).toBe(row.metOn);
    expect(d.takenOn ?? null).toBe(row.takenOn);
    if (row.date) expect(d.date).toBe(row.date);
    for (const text of row.explains ?? []) expect(d.explanation).toContain(text);
  });

  it("a case stored before sending was recorded keeps the step's date as met", () => {
    const state = runCase(rules, received, acknowledged);
    const stored = structuredClone(state);
    delete stored.stages[0]!.acknowledgementSent;
    const next = transition(stored, { type: "assign", handlerId: "officer-1", by: officer }, rules, fixedClock("2026-03-03T09:00:00Z"));
    if (!next.ok) throw new Error(next.refusal.message);
    expect(due(next.state, "stage-1#1.acknowledge").metOn).toBe("2026-03-02");
  });

  it("the resident's escalation window counts from the day the response was sent (Leeds policy para 17: 28 days)", () => {
    const leeds = council({
      timescales: {
        source: "Leeds policy",
        stages: { "stage-1": { escalation: { to: "stage-2", window: { period: { calendarDays: 28 }, from: "response", rule: "Leeds policy para 17" }, lateAllowedWithDiscretion: true, rule: "Leeds policy para 17" } } },
      },
    }).rulesFor("waste", "complaint");
    const state = runCase(leeds, received, [...acknowledged, responded, sent("2026-03-12T09:00:00Z", "response", "post")]);
    expect(due(state, "stage-1#1.escalation-window")).toMatchObject({ date: "2026-04-09" });
    expect(due(state, "stage-1#1.escalation-window").explanation).toContain("responded Tue 10 Mar 2026, sent Thu 12 Mar 2026");
  });
});

describe("record-correspondence-sent", () => {
  it("keeps the first send: the same letter by post after the email changes no date", () => {
    const state = runCase(rules, received, [...acknowledged, sent("2026-03-03T09:00:00Z", "acknowledgement", "email")]);
    const again = transition(state, { type: "record-correspondence-sent", stageId: "stage-1", purpose: "acknowledgement", channel: "post", sentAt: "2026-03-05T15:00:00Z", by: officer }, rules, fixedClock("2026-03-05T15:00:00Z"));
    if (!again.ok) throw new Error(again.refusal.message);
    expect(again.state.stages[0]!.acknowledgementSent).toEqual({ on: "2026-03-03", channel: "email" });
    expect(again.events[0]!.data).toMatchObject({ first: false, alreadySent: { on: "2026-03-03", channel: "email" } });
  });

  it("records an extension's send on the extension", () => {
    const state = runCase(rules, received, [
      ...acknowledged,
      ["2026-03-09T10:00:00Z", { type: "extend", workingDays: 5, reason: "Waiting for the contractor", ombudsmanDetailsGiven: true }],
      sent("2026-03-09T14:00:00Z", "extension", "post"),
    ]);
    expect(state.stages[0]!.extensions[0]!.sent).toEqual({ on: "2026-03-09", channel: "post" });
  });

  it("records a send against the earliest extension or holding response not yet sent, not the latest", () => {
    const state = runCase(rules, received, [
      ...acknowledged,
      ["2026-03-09T10:00:00Z", { type: "extend", workingDays: 5, reason: "Waiting for the contractor", ombudsmanDetailsGiven: true }],
      ["2026-03-10T10:00:00Z", { type: "extend", workingDays: 3, reason: "The contractor asked for more time", ombudsmanDetailsGiven: true }],
      ["2026-03-10T11:00:00Z", { type: "holding-response", summary: "Still waiting for the contractor; reply by 20 March" }],
      ["2026-03-11T11:00:00Z", { type: "holding-response", summary: "The contractor has replied; reply by 20 March" }],
      sent("2026-03-11T14:00:00Z", "extension", "post"),
      sent("2026-03-11T15:00:00Z", "holding-response", "email"),
    ]);
    expect(state.stages[0]!.extensions.map((e) => e.sent)).toEqual([{ on: "2026-03-11", channel: "post" }, null]);
    expect(state.stages[0]!.holdingResponses.map((e) => e.sent)).toEqual([{ on: "2026-03-11", channel: "email" }, null]);
    const later = runCase(rules, received, [
      ...acknowledged,
      ["2026-03-09T10:00:00Z", { type: "extend", workingDays: 5, reason: "Waiting for the contractor", ombudsmanDetailsGiven: true }],
      ["2026-03-10T10:00:00Z", { type: "extend", workingDays: 3, reason: "The contractor asked for more time", ombudsmanDetailsGiven: true }],
      sent("2026-03-11T14:00:00Z", "extension", "post"),
      sent("2026-03-12T14:00:00Z", "extension", "email"),
    ]);
    expect(later.stages[0]!.extensions.map((e) => e.sent)).toEqual([{ on: "2026-03-11", channel: "post" }, { on: "2026-03-12", channel: "email" }]);
  });

  it("records a compliment's acknowledgement, which has no stage", () => {
    const compliments = council().rulesFor("waste", "compliment");
    const state = runCase(compliments, received, [["2026-03-03T10:00:00Z", { type: "acknowledge-feedback" }], sent("2026-03-03T11:00:00Z", "acknowledgement", "email", null)], { kind: "compliment" });
    expect(due(state, "feedback.acknowledge")).toMatchObject({ metOn: "2026-03-03", takenOn: "2026-03-03" });
  });

  it("is refused for a stage the case does not have, or a step not yet recorded", () => {
    expect(refusalOf(rules, received, [...acknowledged, sent("2026-03-03T09:00:00Z", "acknowledgement", "email", "stage-9")])).toMatchObject({ code: "INVALID_INPUT" });
    expect(refusalOf(rules, received, [...acknowledged, sent("2026-03-03T09:00:00Z", "response")])).toMatchObject({ code: "NOT_ALLOWED_NOW" });
  });

  it("is refused for a send dated after today", () => {
    const state = runCase(rules, received, acknowledged);
    const result = transition(state, { type: "record-correspondence-sent", stageId: "stage-1", purpose: "acknowledgement", channel: "email", sentAt: "2026-03-09T09:00:00Z", by: officer }, rules, fixedClock("2026-03-03T09:00:00Z"));
    expect(result).toMatchObject({ ok: false, refusal: { code: "DATE_INVALID" } });
  });

  it("is never offered to staff: the system runs it when the outbox marks the message sent", () => {
    const state = runCase(rules, received, acknowledged);
    expect(availableCommands(state, rules, officer)).not.toContain("record-correspondence-sent");
    expect(COMMANDS["record-correspondence-sent"].roles).toEqual([]);
  });
});
