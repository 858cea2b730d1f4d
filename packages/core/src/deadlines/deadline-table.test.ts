/**
 * The deadline table: every row is a rule from a code, statute or council document, run
 * through the real lifecycle with the shipped bank-holiday data. Expected dates were counted
 * by hand on a calendar (day of receipt = day 0), not copied from the code's output.
 */
import { describe, expect, it } from "vitest";
import { accept, council, due, runCase, type CouncilOptions, type Step } from "../../test/scenario.js";
import type { LogCase } from "../lifecycle/types.js";
import type { StageRules } from "../regime/types.js";

interface Row {
  source: string;
  title: string;
  council?: CouncilOptions;
  received: string;
  steps?: Step[];
  log?: Partial<LogCase>;
  /** A due-date id suffix ("stage-1#1.acknowledge"), or "receipt" for the day-0 date. */
  due: string;
  expected: string;
  explains?: string[];
}

const ack = (on: string): Step => [on, { type: "acknowledge" }];
const accepted = (at: string): Step => [at, accept];
const S1_ACK = "stage-1#1.acknowledge";
const S1_RESPOND = "stage-1#1.respond";
const S2_ACK = "stage-2#2.acknowledge";
const S2_RESPOND = "stage-2#2.respond";

const leeds: CouncilOptions = {
  timescales: {
    source: "Leeds Compliments and Complaints Policy",
    stages: {
      "stage-1": {
        acknowledge: { period: { workingDays: 3 }, from: "receipt", rule: "Leeds policy para 13: acknowledge within 3 working days" },
        respond: { period: { workingDays: 15 }, from: "receipt", rule: "Leeds policy para 15: Stage 1 response within 15 working days" },
        holdingInterval: { workingDays: 10, rule: "Leeds policy para 16: holding responses at least every two weeks" },
        escalation: {
          to: "stage-2",
          window: { period: { calendarDays: 28 }, from: "response", rule: "Leeds policy para 17: 28 days to ask for Stage 2" },
          lateAllowedWithDiscretion: true,
          rule: "Leeds policy para 17",
        },
      },
    },
  },
};

/** Stage 1 responded on `respondOn`, escalation requested at `requestedAt`. */
const throughStage1 = (received: string, ackOn: string, respondOn: string): Step[] => [
  accepted(received),
  ack(ackOn),
  [respondOn, { type: "respond", outcome: "not-upheld", reasons: "The collection was made on the scheduled day." }],
];

const panelStage: StageRules = {
  id: "stage-3",
  label: "Review panel",
  acknowledge: null,
  respond: { period: { workingDays: 30 }, from: "panel-request", rule: "SI 2006/1738 reg 19: panel meets within 30 working days of the request" },
  responsePeriodAgreeable: false,
  target: null,
  extension: null,
  holdingInterval: null,
  escalation: null,
  referBackTo: null,
  handler: null,
  signedByResponsiblePerson: false,
  acknowledgementLetter: "acknowledgement",
  responseLetter: "stage-3-response",
};

const rows: Row[] = [
  // — Receipt: day 0, non-working days, cut-off, Europe/London —
  { source: "Southwark procedure, Receipt Date", title: "a web form on a working day counts from that day", received: "2025-03-03T10:00:00Z", due: "receipt", expected: "2025-03-03" },
  { source: "Southwark procedure, Receipt Date", title: "received on a Saturday counts from Monday", received: "2025-03-08T10:00:00Z", due: "receipt", expected: "2025-03-10" },
  { source: "Southwark procedure, Receipt Date", title: "received on a Sunday counts from Monday", received: "2025-03-09T10:00:00Z", due: "receipt", expected: "2025-03-10" },
  { source: "Southwark procedure, Receipt Date", title: "received on Easter Monday 2025 counts from Tuesday", received: "2025-04-21T08:00:00Z", due: "receipt", expected: "2025-04-22" },
  { source: "Issue 2: council cut-off time", title: "received at 17:30 on a Friday, after the 17:00 cut-off, counts from Monday", received: "2025-03-07T17:30:00Z", due: "receipt", expected: "2025-03-10" },
  { source: "Issue 2: council cut-off time", title: "received at 16:59 counts the same day", received: "2025-03-07T16:59:00Z", due: "receipt", expected: "2025-03-07" },
  { source: "Issue 2: council cut-off time", title: "18:00 BST on Thursday 17 Apr 2025, before Easter, counts from Tue 22 Apr", received: "2025-04-17T17:00:00Z", due: "receipt", expected: "2025-04-22" },
  { source: "Issue 2: dates in Europe/London", title: "23:30 UTC on 30 Jun is 00:30 BST on 1 Jul", council: { cutOffTime: null }, received: "2025-06-30T23:30:00Z", due: "receipt", expected: "2025-07-01" },
  { source: "Issue 2: dates in Europe/London", title: "23:30 GMT on Fri 28 Mar 2025 (before the clocks change) is after the cut-off: Mon 31 Mar", received: "2025-03-28T23:30:00Z", due: "receipt", expected: "2025-03-31" },
  { source: "Southwark procedure, Receipt Date", title: "Christmas Eve 2025 after the cut-off counts from Mon 29 Dec", received: "2025-12-24T17:30:00Z", due: "receipt", expected: "2025-12-29" },
  { source: "Issue 2: council cut-off time", title: "a council with no cut-off counts an evening complaint the same day", council: { cutOffTime: null }, received: "2025-03-07T19:30:00Z", due: "receipt", expected: "2025-03-07" },

  // — Acknowledgement: 5 WD from receipt (code 6.2) across the holiday calendar —
  { source: "Complaint handling code 2024 6.2", title: "received Mon 3 Mar 2025: acknowledge by Mon 10 Mar", received: "2025-03-03", steps: [accepted("2025-03-03")], due: S1_ACK, expected: "2025-03-10" },
  {
    source: "docs/design.md §4 worked example; code 6.2",
    title: "received Sat 20 Dec 2025: counts from Mon 22 Dec, skips 25 and 26 Dec, acknowledge by Wed 31 Dec",
    received: "2025-12-20T10:00:00Z",
    steps: [accepted("2025-12-22")],
    due: S1_ACK,
    expected: "2025-12-31",
    explains: ["received Sat 20 Dec 2025, counts from Mon 22 Dec 2025", "skipping Thu 25 and Fri 26 Dec (bank holidays)", "acknowledge by Wed 31 Dec 2025", "Complaint handling code 2024 6.2"],
  },
  { source: "Code 6.2; docs/rules.md §7 E&W 2025", title: "Easter 2025: received Wed 16 Apr, skips Good Friday and Easter Monday: Fri 25 Apr", received: "2025-04-16", steps: [accepted("2025-04-16")], due: S1_ACK, expected: "2025-04-25" },
  { source: "Code 6.2; GOV.UK 2022 one-offs", title: "Platinum Jubilee: received Wed 1 Jun 2022 skips Thu 2 and Fri 3 Jun: Fri 10 Jun", received: "2022-06-01", steps: [accepted("2022-06-01")], due: S1_ACK, expected: "2022-06-10", explains: ["skipping Thu 2 and Fri 3 Jun (bank holidays)"] },
  { source: "Code 6.2; GOV.UK 2022 one-offs", title: "State funeral: received Fri 16 Sep 2022 skips Mon 19 Sep: Mon 26 Sep", received: "2022-09-16", steps: [accepted("2022-09-16")], due: S1_ACK, expected: "2022-09-26" },
  { source: "Code 6.2; GOV.UK 2023 one-off", title: "Coronation: received Fri 5 May 2023 skips Mon 8 May: Mon 15 May", received: "2023-05-05", steps: [accepted("2023-05-05")], due: S1_ACK, expected: "2023-05-15" },
  { source: "Code 6.2; docs/rules.md §7 E&W 2026", title: "Christmas 2026 with Mon 28 Dec substitute: received Wed 23 Dec: Mon 4 Jan 2027", received: "2026-12-23", steps: [accepted("2026-12-23")], due: S1_ACK, expected: "2027-01-04" },
  { source: "Code 6.2; docs/rules.md §7 E&W 2027", title: "Christmas 2027, two substitute days and New Year moved to Mon 3 Jan 2028: Tue 4 Jan", received: "2027-12-23", steps: [accepted("2027-12-23")], due: S1_ACK, expected: "2028-01-04" },
  { source: "Code 6.2; GOV.UK 2020 (VE Day)", title: "Early May bank holiday moved to Fri 8 May 2020: received Thu 7 May: Fri 15 May", received: "2020-05-07", steps: [accepted("2020-05-07")], due: S1_ACK, expected: "2020-05-15" },
  { source: "Code 6.2; GOV.UK 2019", title: "Christmas 2019: received Mon 23 Dec: Thu 2 Jan 2020", received: "2019-12-23", steps: [accepted("2019-12-23")], due: S1_ACK, expected: "2020-01-02" },
  { source: "Code 6.2; GOV.UK 2018", title: "Early May 2018: received Fri 4 May skips Mon 7 May: Mon 14 May", received: "2018-05-04", steps: [accepted("2018-05-04")], due: S1_ACK, expected: "2018-05-14" },

  // — Promised from the moment it is logged, before triage (issue 16: "new cases show their clock") —
  { source: "Complaint handling code 2024 6.2", title: "logged Mon 3 Mar 2025 and not yet triaged: acknowledge by Mon 10 Mar", received: "2025-03-03", due: S1_ACK, expected: "2025-03-10", explains: ["acknowledge by Mon 10 Mar 2025", "waiting for triage"] },
  { source: "Code 6.2; docs/design.md §4", title: "logged Sat 20 Dec 2025, not yet triaged: Wed 31 Dec, the date the receipt promised", received: "2025-12-20T10:00:00Z", due: S1_ACK, expected: "2025-12-31" },
  { source: "Leeds policy para 13", title: "logged Mon 3 Mar 2025 at Leeds, not yet triaged: acknowledge by Thu 6 Mar (3 WD)", council: leeds, received: "2025-03-03", due: S1_ACK, expected: "2025-03-06" },

  // — Stage 1 response: 10 WD from the acknowledgement (code 6.3) —
  { source: "Complaint handling code 2024 6.3", title: "acknowledged Tue 23 Dec 2025: respond by Fri 9 Jan 2026", received: "2025-12-20T10:00:00Z", steps: [accepted("2025-12-22"), ack("2025-12-23")], due: S1_RESPOND, expected: "2026-01-09", explains: ["acknowledged Tue 23 Dec 2025", "Thu 1 Jan (bank holidays)"] },
  { source: "Complaint handling code 2024 6.3", title: "acknowledged Mon 10 Mar 2025: respond by Mon 24 Mar", received: "2025-03-03", steps: [accepted("2025-03-03"), ack("2025-03-10")], due: S1_RESPOND, expected: "2025-03-24" },
  { source: "Complaint handling code 2024 6.3", title: "not yet acknowledged: counts provisionally from the acknowledgement due date", received: "2025-03-03", steps: [accepted("2025-03-03")], due: S1_RESPOND, expected: "2025-03-24", explains: ["not yet sent (due Mon 10 Mar 2025)"] },
  { source: "Code 6.3; docs/rules.md §7 E&W 2024", title: "acknowledged Thu 28 Mar 2024, over Easter 2024: respond by Mon 15 Apr", received: "2024-03-25", steps: [accepted("2024-03-25"), ack("2024-03-28")], due: S1_RESPOND, expected: "2024-04-15" },

  // — Stage 2: ack 5 WD from the escalation request (6.11), response 20 WD from that ack —
  {
    source: "Complaint handling code 2024 6.11",
    title: "escalation requested Mon 2 Feb 2026: acknowledge Stage 2 by Mon 9 Feb",
    received: "2026-01-05",
    steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-02-02T14:00:00Z", { type: "escalate", requestedAt: "2026-02-02T14:00:00Z" }]],
    due: S2_ACK,
    expected: "2026-02-09",
    explains: ["escalation requested Mon 2 Feb 2026"],
  },
  {
    source: "Complaint handling code 2024, Stage 2",
    title: "Stage 2 acknowledged Mon 9 Feb 2026: respond by Mon 9 Mar (20 WD)",
    received: "2026-01-05",
    steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-02-02", { type: "escalate" }], ack("2026-02-09")],
    due: S2_RESPOND,
    expected: "2026-03-09",
  },
  {
    source: "Code 6.11 with the receipt rule",
    title: "an escalation request made on Sat 7 Feb 2026 counts from Mon 9 Feb: acknowledge by Mon 16 Feb",
    received: "2026-01-05",
    steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-02-09", { type: "escalate", requestedAt: "2026-02-07T11:00:00Z" }]],
    due: S2_ACK,
    expected: "2026-02-16",
  },

  // — Extensions (code 6.4–6.5; Stage 2 +20) —
  { source: "Complaint handling code 2024 6.4", title: "a 10 WD Stage 1 extension moves Mon 24 Mar 2025 to Mon 7 Apr", received: "2025-03-03", steps: [accepted("2025-03-03"), ack("2025-03-10"), ["2025-03-20", { type: "extend", workingDays: 10, reason: "Waiting for the contractor's report", ombudsmanDetailsGiven: true }]], due: S1_RESPOND, expected: "2025-04-07", explains: ["extended by 10 working days (Waiting for the contractor's report)"] },
  { source: "Complaint handling code 2024 6.4", title: "two extensions of 5 WD add up to the same 10 WD", received: "2025-03-03", steps: [accepted("2025-03-03"), ack("2025-03-10"), ["2025-03-20", { type: "extend", workingDays: 5, reason: "Site visit", ombudsmanDetailsGiven: true }], ["2025-03-28", { type: "extend", workingDays: 5, reason: "Second visit", ombudsmanDetailsGiven: true }]], due: S1_RESPOND, expected: "2025-04-07" },
  {
    source: "Complaint handling code 2024, Stage 2 extension",
    title: "a 20 WD Stage 2 extension moves Mon 9 Mar 2026 over Easter to Wed 8 Apr",
    received: "2026-01-05",
    steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-02-02", { type: "escalate" }], ack("2026-02-09"), ["2026-03-02", { type: "extend", workingDays: 20, reason: "Independent survey", ombudsmanDetailsGiven: true }]],
    due: S2_RESPOND,
    expected: "2026-04-08",
  },

  // — Pauses (docs/design.md §4: working-day segments) —
  { source: "docs/design.md §4: pauses as working-day segments", title: "paused Mon 17 to Thu 20 Mar 2025 (3 WD): due Thu 27 Mar", received: "2025-03-03", steps: [accepted("2025-03-03"), ack("2025-03-10"), ["2025-03-17", { type: "pause", reason: "waiting for photos" }], ["2025-03-20", { type: "resume" }]], due: S1_RESPOND, expected: "2025-03-27", explains: ["3 working days paused (waiting for photos"] },
  { source: "docs/design.md §4: pauses as working-day segments", title: "paused Fri 14 to Mon 17 Mar 2025: the weekend does not count, 1 WD: Tue 25 Mar", received: "2025-03-03", steps: [accepted("2025-03-03"), ack("2025-03-10"), ["2025-03-14", { type: "pause", reason: "waiting for the customer" }], ["2025-03-17", { type: "resume" }]], due: S1_RESPOND, expected: "2025-03-25" },
  { source: "docs/design.md §4: pauses as working-day segments", title: "a pause still running on Wed 19 Mar 2025 (2 WD so far): due Wed 26 Mar", received: "2025-03-03", steps: [accepted("2025-03-03"), ack("2025-03-10"), ["2025-03-17", { type: "pause", reason: "waiting for the customer" }], ["2025-03-19", { type: "record-contact", direction: "out", channel: "phone", summary: "Chased the customer" }]], due: S1_RESPOND, expected: "2025-03-26" },

  // — Nations: Scotland- and NI-only holidays; the UK union for FOI/EIR —
  { source: "docs/rules.md §7: St Andrew's Day (Scotland)", title: "Scotland: received Fri 27 Nov 2026 skips Mon 30 Nov: Mon 7 Dec", council: { nations: ["scotland"] }, received: "2026-11-27", steps: [accepted("2026-11-27")], due: S1_ACK, expected: "2026-12-07" },
  { source: "docs/rules.md §7: St Andrew's Day is not an E&W holiday", title: "England and Wales: the same complaint is due Fri 4 Dec", received: "2026-11-27", steps: [accepted("2026-11-27")], due: S1_ACK, expected: "2026-12-04" },
  { source: "docs/rules.md §7: 2 January (Scotland)", title: "Scotland: received Wed 31 Dec 2025 skips 1 and 2 Jan: Fri 9 Jan 2026", council: { nations: ["scotland"] }, received: "2025-12-31", steps: [accepted("2025-12-31")], due: S1_ACK, expected: "2026-01-09" },
  { source: "docs/rules.md §7 E&W 2026", title: "England and Wales: the same complaint is due Thu 8 Jan 2026", received: "2025-12-31", steps: [accepted("2025-12-31")], due: S1_ACK, expected: "2026-01-08" },
  { source: "docs/rules.md §7: first Monday of August (Scotland)", title: "Scotland: received Fri 31 Jul 2026 skips Mon 3 Aug: Mon 10 Aug", council: { nations: ["scotland"] }, received: "2026-07-31", steps: [accepted("2026-07-31")], due: S1_ACK, expected: "2026-08-10" },
  { source: "docs/rules.md §7: Summer bank holiday (E&W, not Scotland)", title: "England and Wales: received Fri 28 Aug 2026 skips Mon 31 Aug: Mon 7 Sep", received: "2026-08-28", steps: [accepted("2026-08-28")], due: S1_ACK, expected: "2026-09-07" },
  { source: "docs/rules.md §7: Scotland has no late-August holiday", title: "Scotland: the same complaint is due Fri 4 Sep", council: { nations: ["scotland"] }, received: "2026-08-28", steps: [accepted("2026-08-28")], due: S1_ACK, expected: "2026-09-04" },
  { source: "docs/rules.md §7: St Patrick's Day (NI)", title: "Northern Ireland: received Mon 16 Mar 2026 skips Tue 17 Mar: Tue 24 Mar", council: { nations: ["northern-ireland"] }, received: "2026-03-16", steps: [accepted("2026-03-16")], due: S1_ACK, expected: "2026-03-24" },
  { source: "docs/rules.md §7: Battle of the Boyne (NI)", title: "Northern Ireland: received Fri 10 Jul 2026 skips Mon 13 Jul: Mon 20 Jul", council: { nations: ["northern-ireland"] }, received: "2026-07-10", steps: [accepted("2026-07-10")], due: S1_ACK, expected: "2026-07-20" },
  { source: "FOIA s10(6), EIR reg 2: a bank holiday anywhere in the UK", title: "UK union: received Fri 27 Nov 2026 skips St Andrew's Day: Mon 7 Dec", council: { nations: ["england-and-wales", "scotland", "northern-ireland"] }, received: "2026-11-27", steps: [accepted("2026-11-27")], due: S1_ACK, expected: "2026-12-07" },
  { source: "FOIA s10(6): Easter Monday counts though Scotland works it", title: "UK union: received Thu 2 Apr 2026 skips Good Friday and Easter Monday: Mon 13 Apr", council: { nations: ["england-and-wales", "scotland", "northern-ireland"] }, received: "2026-04-02", steps: [accepted("2026-04-02")], due: S1_ACK, expected: "2026-04-13" },
  { source: "docs/rules.md §7: Scotland has no Easter Monday", title: "Scotland alone: the same complaint is due Fri 10 Apr", council: { nations: ["scotland"] }, received: "2026-04-02", steps: [accepted("2026-04-02")], due: S1_ACK, expected: "2026-04-10" },

  // — Council closure days on top of the nation —
  { source: "Issue 2: council closure days 29–31 December", title: "closed 29–31 Dec: received Wed 23 Dec 2026: Thu 7 Jan 2027", council: { closures: [{ everyYear: "12-29", label: "Christmas closure" }, { everyYear: "12-30", label: "Christmas closure" }, { everyYear: "12-31", label: "Christmas closure" }] }, received: "2026-12-23", steps: [accepted("2026-12-23")], due: S1_ACK, expected: "2027-01-07", explains: ["council closure: Christmas closure"] },
  { source: "Issue 2: council closure days", title: "a one-off closure on Wed 5 Mar 2025: received Mon 3 Mar: Tue 11 Mar", council: { closures: [{ date: "2025-03-05", label: "Office move" }] }, received: "2025-03-03", steps: [accepted("2025-03-03")], due: S1_ACK, expected: "2025-03-11" },

  // — Calendar-day and calendar-month periods —
  { source: "Leeds policy para 17: 28 days to escalate", title: "Stage 1 response Mon 2 Mar 2026: the customer may escalate until Mon 30 Mar", council: leeds, received: "2026-02-09", steps: throughStage1("2026-02-09", "2026-02-10", "2026-03-02"), due: "escalation-window", expected: "2026-03-30" },
  {
    source: "Issue 2: calendar periods roll onto a working day",
    title: "28 days from Fri 6 Mar 2026 lands on Good Friday, rolled forward past Easter Monday to Tue 7 Apr",
    council: { timescales: { stages: { "stage-1": { escalation: { to: "stage-2", window: { period: { calendarDays: 28, roll: "forward" }, from: "response", rule: "Test: 28 days, rolled forward" }, lateAllowedWithDiscretion: true, rule: "Test" } } } } },
    received: "2026-02-09",
    steps: throughStage1("2026-02-09", "2026-02-10", "2026-03-06"),
    due: "escalation-window",
    expected: "2026-04-07",
    explains: ["not a working day"],
  },
  { source: "SI 2009/309 reg 14: six months from receipt", title: "received Tue 31 Mar 2026: six months ends Wed 30 Sep (clamped to the month's end)", council: { timescales: { stages: { "stage-1": { respond: { period: { calendarMonths: 6 }, from: "receipt", rule: "SI 2009/309 reg 14" } } } } }, received: "2026-03-31", steps: [accepted("2026-03-31")], due: S1_RESPOND, expected: "2026-09-30" },
  { source: "SI 2009/309 reg 14: six months from receipt", title: "received Thu 15 Jan 2026: respond by Wed 15 Jul", council: { timescales: { stages: { "stage-1": { respond: { period: { calendarMonths: 6 }, from: "receipt", rule: "SI 2009/309 reg 14" } } } } }, received: "2026-01-15", steps: [accepted("2026-01-15")], due: S1_RESPOND, expected: "2026-07-15" },
  {
    source: "Local Government Act 1974 s26B: 12 months",
    title: "final (Stage 2) response Mon 9 Mar 2026: the customer may go to the LGSCO until Tue 9 Mar 2027",
    received: "2026-01-05",
    steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-02-02", { type: "escalate" }], ack("2026-02-09"), ["2026-03-09", { type: "respond", outcome: "partly-upheld", reasons: "Two collections were missed." }]],
    due: "next-body-window",
    expected: "2027-03-09",
    explains: ["Local Government and Social Care Ombudsman"],
  },
  {
    source: "docs/rules.md §5: complain to the ICO within 6 weeks",
    title: "final response Mon 9 Mar 2026: the ICO window closes Mon 20 Apr (42 days)",
    council: { timescales: { nextBody: { id: "ico", name: "Information Commissioner's Office", window: { period: { calendarDays: 42 }, from: "response", rule: "ICO: within 6 weeks of the final response" }, rule: "FOIA s50" } } },
    received: "2026-01-05",
    steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-02-02", { type: "escalate" }], ack("2026-02-09"), ["2026-03-09", { type: "respond", outcome: "not-upheld", reasons: "The exemption was applied correctly." }]],
    due: "next-body-window",
    expected: "2026-04-20",
  },

  // — Anchors: receipt, agreed statement, panel request —
  { source: "Leeds policy para 15: Stage 1 in 15 WD from receipt", title: "received Mon 2 Mar 2026: respond by Mon 23 Mar", council: leeds, received: "2026-03-02", steps: [accepted("2026-03-02")], due: S1_RESPOND, expected: "2026-03-23" },
  { source: "Leeds policy para 13: acknowledge in 3 WD", title: "received Mon 2 Mar 2026: acknowledge by Thu 5 Mar", council: leeds, received: "2026-03-02", steps: [accepted("2026-03-02")], due: S1_ACK, expected: "2026-03-05" },
  {
    source: "SI 2006/1738 reg 17: 25 WD from the agreed statement",
    title: "statement agreed Tue 3 Mar 2026: respond by Thu 9 Apr, over Easter",
    council: { timescales: { stages: { "stage-1": { respond: { period: { workingDays: 25 }, from: "agreed-statement", rule: "SI 2006/1738 reg 17" } } } } },
    received: "2026-03-02",
    steps: [accepted("2026-03-02"), ack("2026-03-02"), ["2026-03-03", { type: "agree-statement" }]],
    due: S1_RESPOND,
    expected: "2026-04-09",
    explains: ["statement of complaint agreed Tue 3 Mar 2026"],
  },
  {
    source: "SI 2006/1738 reg 17",
    title: "statement not yet agreed: counts provisionally from the request, Wed 8 Apr",
    council: { timescales: { stages: { "stage-1": { respond: { period: { workingDays: 25 }, from: "agreed-statement", rule: "SI 2006/1738 reg 17" } } } } },
    received: "2026-03-02",
    steps: [accepted("2026-03-02")],
    due: S1_RESPOND,
    expected: "2026-04-08",
    explains: ["not agreed yet"],
  },
  {
    source: "SI 2006/1738 reg 19: panel within 30 WD of the request",
    title: "panel requested Mon 1 Jun 2026: the panel must meet by Mon 13 Jul",
    council: {
      timescales: {
        stages: { "stage-2": { escalation: { to: "stage-3", window: null, lateAllowedWithDiscretion: true, rule: "Test: Stage 3 after Stage 2" } } },
        addStages: [{ after: "stage-2", stage: panelStage }],
      },
    },
    received: "2026-03-02",
    steps: [
      ...throughStage1("2026-03-02", "2026-03-02", "2026-03-10"),
      ["2026-03-11", { type: "escalate" }],
      ack("2026-03-12"),
      ["2026-05-20", { type: "respond", outcome: "not-upheld", reasons: "No fault found." }],
      ["2026-06-01", { type: "escalate" }],
    ],
    due: "stage-3#3.respond",
    expected: "2026-07-13",
    explains: ["panel requested Mon 1 Jun 2026"],
  },

  // — Targets beside deadlines —
  {
    source: "Leeds housing review (seed 000): 10 WD target under the 15 WD standard",
    title: "received Mon 2 Mar 2026: target Mon 16 Mar, standard Mon 23 Mar",
    council: { ...leeds, serviceSettings: { stages: { "stage-1": { target: { period: { workingDays: 10 }, from: "receipt", rule: "Leeds housing review rec. 3", label: "Housing Leeds target" } } } } },
    received: "2026-03-02",
    steps: [accepted("2026-03-02")],
    due: "stage-1#1.target",
    expected: "2026-03-16",
    explains: ["Housing Leeds target"],
  },

  // — Holding responses (Leeds para 16) —
  { source: "Leeds policy para 16: holding responses every two weeks", title: "response due Mon 23 Mar 2026 not sent: first holding response by Wed 8 Apr", council: leeds, received: "2026-03-02", steps: [accepted("2026-03-02"), ack("2026-03-03")], due: "stage-1#1.holding", expected: "2026-04-08" },
  { source: "Leeds policy para 16", title: "after a holding response on Fri 10 Apr 2026 the next is due Fri 24 Apr", council: leeds, received: "2026-03-02", steps: [accepted("2026-03-02"), ack("2026-03-03"), ["2026-04-10", { type: "holding-response", summary: "Sorry for the delay; reply by 24 April" }]], due: "stage-1#1.holding", expected: "2026-04-24" },

  // — Triage and feedback —
  { source: "Leeds policy: wrongly addressed returned within 3 days", title: "received Mon 2 Mar 2026 for another body: return by Thu 5 Mar", received: "2026-03-02", steps: [["2026-03-02", { type: "triage", outcome: "wrongly-addressed", body: "Environment Agency", bodyContact: "0370 850 6506" }]], due: "wrongly-addressed", expected: "2026-03-05" },
  { source: "Leeds policy: compliments acknowledged in 10 WD", title: "a compliment received Mon 2 Mar 2026: acknowledge by Mon 16 Mar", received: "2026-03-02", log: { kind: "compliment", description: "The crew were very helpful" }, due: "feedback-acknowledge", expected: "2026-03-16" },
  { source: "Code section 2: out-of-time complaints accepted with discretion", title: "an old matter accepted with discretion still gets the 5 WD acknowledgement", received: "2026-03-02", log: { matterArose: "2024-11-01" }, steps: [["2026-03-02", { type: "triage", outcome: "out-of-time", decision: "accept-with-discretion", reasons: "The customer was in hospital" }]], due: S1_ACK, expected: "2026-03-09" },

  // — Ombudsman and remedies —
  { source: "docs/design.md §3: deadlines set by the Ombudsman", title: "an LGSCO enquiry asking for a reply by Fri 17 Apr 2026 is due that day", received: "2026-01-05", steps: [...throughStage1("2026-01-05", "2026-01-07", "2026-01-20"), ["2026-03-20", { type: "ombudsman-enquiry", enquiryId: "ob-1", body: "lgsco", reference: "25 012 345", responseDueOn: "2026-04-17" }]], due: "ombudsman:ob-1.respond", expected: "2026-04-17" },
  {
    source: "docs/design.md §3: remedies tracked to done",
    title: "a remedy agreed in the Stage 1 response is due on its own date",
    received: "2026-01-05",
    steps: [accepted("2026-01-05"), ack("2026-01-07"), ["2026-01-20", { type: "respond", outcome: "upheld", reasons: "Missed three times.", remedies: [{ id: "r1", type: "action", description: "Add to assisted collections", ownerId: "officer-1", dueOn: "2026-02-03" }] }]],
    due: "remedy:r1",
    expected: "2026-02-03",
  },
];

describe("deadline table (issue 2: ≥ 60 cases, each naming its source)", () => {
  it("has at least 60 rows", () => {
    expect(rows.length).toBeGreaterThanOrEqual(60);
  });

  for (const row of rows) {
    it(`${row.source}: ${row.title}`, () => {
      const book = council(row.council);
      const rules = book.rulesFor("waste", row.log?.kind ?? "complaint");
      const state = runCase(rules, row.received, row.steps ?? [], row.log);
      if (row.due === "receipt") {
        expect(state.receipt.countsFrom).toBe(row.expected);
        return;
      }
      const found = due(state, row.due);
      expect(found.date).toBe(row.expected);
      for (const text of row.explains ?? []) expect(found.explanation).toContain(text);
      // No deadline or target may land on a day the council does not work.
      if (found.nature !== "window") expect(rules.calendar.isWorkingDay(found.date)).toBe(true);
    });
  }
});
