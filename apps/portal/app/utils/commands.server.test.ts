import { describe, expect, it } from "vitest";
import { parseCommand, readDate, readMoney } from "./commands.server";
import { COMMAND_FORMS, fieldNames } from "./commands";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
};
const ctx = { today: "2026-11-23", staffId: "staff-1" };

describe("GOV.UK date inputs", () => {
  it("reads day, month and year as an ISO date", () => {
    const errors = {};
    expect(readDate(form({ "d-day": "3", "d-month": "12", "d-year": "2026" }), "d", "the date", errors, true)).toBe("2026-12-03");
    expect(errors).toEqual({});
  });
  it("says which part is missing, and refuses impossible dates", () => {
    const errors: Record<string, string> = {};
    readDate(form({ "d-day": "3", "d-year": "2026" }), "d", "the date", errors, true);
    expect(errors.d).toBe("The date must include a day, month and year");
    readDate(form({ "e-day": "31", "e-month": "2", "e-year": "2026" }), "e", "the date", errors, true);
    expect(errors.e).toBe("The date must be a real date");
    readDate(form({}), "f", "the date", errors, true);
    expect(errors.f).toBe("Enter the date");
    expect(readDate(form({}), "g", "the date", errors, false)).toBeNull();
    expect(errors.g).toBeUndefined();
  });
});

describe("money", () => {
  it("reads pounds as pence", () => {
    const errors: Record<string, string> = {};
    expect(readMoney(form({ a: "£1,075.50" }), "a", errors)).toBe(107550);
    expect(readMoney(form({ a: "75" }), "a", errors)).toBe(7500);
    expect(readMoney(form({ a: "7.555" }), "a", errors)).toBeNull();
    expect(errors.a).toMatch(/amount in pounds/);
  });
});

describe("command forms", () => {
  it("builds an extension with the date the customer was told", () => {
    const result = parseCommand("extend", form({ workingDays: "10", reason: "Waiting for the contractor's report", "customerToldOn-day": "20", "customerToldOn-month": "11", "customerToldOn-year": "2026", ombudsmanDetailsGiven: "yes" }), ctx);
    expect(result).toEqual({ ok: true, payload: { workingDays: 10, reason: "Waiting for the contractor's report", customerToldOn: "2026-11-20", ombudsmanDetailsGiven: true } });
  });

  it("names every missing answer of a response", () => {
    const result = parseCommand("respond", form({ remedy1Type: "financial", remedy1Description: "Refund" }), ctx);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(Object.keys(result.errors).sort()).toEqual(["outcome", "reasons", "remedy1Amount", "remedy1FinancialKind"]);
  });

  it("signs a response as the officer when nobody else is chosen, with remedies and learning", () => {
    const result = parseCommand(
      "respond",
      form({ outcome: "partly-upheld", reasons: "The bin was missed twice.", remedy1Type: "apology", remedy1Description: "We apologise", rootCause: "Crew rota gap" }),
      ctx,
    );
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.payload).toMatchObject({ outcome: "partly-upheld", signedBy: "staff-1", remedies: [{ type: "apology", description: "We apologise", ownerId: null, dueOn: null }], learning: { rootCause: "Crew rota gap", lessons: null, improvementActions: [] } });
  });

  it("agrees an improvement action with its owner and due date, each missing one named", () => {
    const result = parseCommand("agree-improvement-action", form({ description: "Check bills before each run", ownerId: "staff-2", "dueOn-day": "31", "dueOn-month": "7", "dueOn-year": "2026" }), ctx);
    expect(result).toMatchObject({ ok: true, payload: { description: "Check bills before each run", ownerId: "staff-2", dueOn: "2026-07-31", actionId: expect.stringMatching(/^[0-9a-f-]{36}$/) } });
    const missing = parseCommand("agree-improvement-action", form({}), ctx);
    expect(missing.ok === false && Object.keys(missing.errors).sort()).toEqual(["description", "dueOn", "ownerId"]);
  });

  it("asks only for the fields of the chosen triage outcome", () => {
    const result = parseCommand("triage", form({ outcome: "wrongly-addressed", body: "" }), ctx);
    expect(result).toEqual({ ok: false, errors: { body: "Enter the right body", bodyContact: "Enter their contact details" } });
    expect(parseCommand("triage", form({ outcome: "accept" }), ctx)).toEqual({ ok: true, payload: { outcome: "accept" } });
  });

  it("every field a form shows has a unique name, so errors link to one place", () => {
    for (const [type, def] of Object.entries(COMMAND_FORMS)) {
      const names = fieldNames(def!.fields);
      expect(new Set(names).size, type).toBe(names.length);
    }
  });
});
