import { describe, expect, it } from "vitest";
import * as vocabulary from "./index.js";

/** Each closed list beside its labels (issue 13: one vocabulary, every code worded). */
const LISTS: Array<[string, readonly string[], Readonly<Record<string, string>>]> = [
  ["case kinds", vocabulary.CASE_KINDS, vocabulary.CASE_KIND_LABELS],
  ["channels", vocabulary.CHANNELS, vocabulary.CHANNEL_LABELS],
  ["contact channels", vocabulary.CONTACT_CHANNELS, vocabulary.CONTACT_CHANNEL_LABELS],
  ["flags", vocabulary.FLAGS, vocabulary.FLAG_LABELS],
  ["case statuses", vocabulary.CASE_STATUSES, vocabulary.CASE_STATUS_LABELS],
  ["representative roles", vocabulary.REPRESENTATIVE_ROLES, vocabulary.REPRESENTATIVE_ROLE_LABELS],
  ["stage phases", vocabulary.STAGE_PHASES, vocabulary.STAGE_PHASE_LABELS],
  ["due kinds", vocabulary.DUE_KINDS, vocabulary.DUE_KIND_LABELS],
  ["triage outcomes", vocabulary.TRIAGE_OUTCOMES, vocabulary.TRIAGE_OUTCOME_LABELS],
  ["exclusion reasons", vocabulary.EXCLUSION_REASONS, vocabulary.EXCLUSION_REASON_LABELS],
  ["out-of-time decisions", vocabulary.OUT_OF_TIME_DECISIONS, vocabulary.OUT_OF_TIME_DECISION_LABELS],
  ["outcomes", vocabulary.OUTCOMES, vocabulary.OUTCOME_LABELS],
  ["remedy types", vocabulary.REMEDY_TYPES, vocabulary.REMEDY_TYPE_LABELS],
  ["financial kinds", vocabulary.FINANCIAL_KINDS, vocabulary.FINANCIAL_KIND_LABELS],
  ["closure reasons", vocabulary.CLOSURE_REASONS, vocabulary.CLOSURE_REASON_LABELS],
  ["next bodies", vocabulary.NEXT_BODIES, vocabulary.NEXT_BODY_LABELS],
  ["Ombudsman enquiry states", vocabulary.OMBUDSMAN_ENQUIRY_STATES, vocabulary.OMBUDSMAN_ENQUIRY_STATE_LABELS],
  ["Ombudsman findings", vocabulary.OMBUDSMAN_FINDINGS, vocabulary.OMBUDSMAN_FINDING_LABELS],
  ["staff roles", vocabulary.STAFF_ROLES, vocabulary.ROLE_LABELS],
  ["letter kinds", vocabulary.LETTER_KINDS, vocabulary.LETTER_KIND_NAMES],
  ["inbound email outcomes", vocabulary.INBOUND_OUTCOMES, vocabulary.INBOUND_OUTCOME_LABELS],
  ["correspondence purposes", vocabulary.CORRESPONDENCE_PURPOSES, vocabulary.CORRESPONDENCE_PURPOSE_LABELS],
  ["sent purposes", vocabulary.SENT_PURPOSES, vocabulary.SENT_PURPOSE_LABELS],
  ["sent channels", vocabulary.SENT_CHANNELS, vocabulary.SENT_CHANNEL_LABELS],
];

describe("the vocabulary", () => {
  it.each(LISTS)("words every one of the %s, and nothing else", (_, codes, labels) => {
    expect(Object.keys(labels).sort()).toEqual([...codes].sort());
    for (const code of codes) expect(labels[code]?.trim(), code).toBeTruthy();
  });

  it.each(LISTS)("lists each of the %s once", (_, codes) => {
    expect(new Set(codes).size).toBe(codes.length);
  });

  it("labels in sentence case: a capital first, no code left as a label", () => {
    for (const [, codes, labels] of LISTS.filter(([name]) => !["letter kinds", "sent purposes", "sent channels"].includes(name))) {
      for (const code of codes) {
        const text = labels[code]!;
        expect(text[0], text).toBe(text[0]!.toUpperCase());
        expect(text, code).not.toMatch(/-[a-z]+-/);
      }
    }
  });

  it("restricting flags, Ombudsman bodies and fault findings are drawn from their lists", () => {
    for (const flag of vocabulary.RESTRICTING_FLAGS) expect(vocabulary.FLAGS).toContain(flag);
    for (const body of vocabulary.OMBUDSMAN_BODIES) expect(vocabulary.NEXT_BODIES).toContain(body);
    for (const finding of vocabulary.FAULT_FINDINGS) expect(vocabulary.OMBUDSMAN_FINDINGS).toContain(finding);
    expect(vocabulary.isRestrictingFlag("safeguarding")).toBe(true);
    expect(vocabulary.isRestrictingFlag("vulnerability")).toBe(false);
    expect(vocabulary.isFaultFinding("fault-injustice")).toBe(true);
    expect(vocabulary.isFaultFinding("no-fault")).toBe(false);
  });

  it("roles are the staff roles, then the public and the system, which no person holds", () => {
    expect(vocabulary.ROLES).toEqual([...vocabulary.STAFF_ROLES, "public", "system"]);
  });
});
