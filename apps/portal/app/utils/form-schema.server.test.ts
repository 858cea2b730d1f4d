import { describe, expect, it } from "vitest";
import { z } from "zod";
import { customerInput, isoDate, logCaseInput, text } from "@complaints/core";
import { parseForm, readDate, readMoney } from "./form-schema.server";

const form = (fields: Record<string, string | string[]>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) f.append(k, x);
  return f;
};

describe("GOV.UK date inputs", () => {
  const schema = z.object({ due: isoDate, told: isoDate.optional() });
  const dates = { due: "the date it is due", told: "the date the customer was told" };

  it("reads day, month and year as an ISO date", () => {
    expect(parseForm(form({ "due-day": "3", "due-month": "12", "due-year": "2026" }), schema, { dates })).toEqual({ ok: true, value: { due: "2026-12-03" } });
  });

  it("says a date must include a day, month and year, and be a real date (GOV.UK's messages)", () => {
    const result = parseForm(form({ "due-day": "3", "due-year": "2026", "told-day": "31", "told-month": "2", "told-year": "2026" }), schema, { dates });
    expect(result).toEqual({ ok: false, errors: { due: "The date it is due must include a day, month and year", told: "The date the customer was told must be a real date" } });
  });

  it("asks for a date the schema needs and leaves out one it does not", () => {
    expect(parseForm(form({}), schema, { dates })).toEqual({ ok: false, errors: { due: "Enter the date it is due" } });
  });

  it("keeps the schema's own rule for a real date it refuses (the calendar's range)", () => {
    const result = parseForm(form({ "due-day": "1", "due-month": "1", "due-year": "1990" }), schema, { dates });
    expect(result.ok === false && result.errors.due).toMatch(/^a date between/);
  });

  it("reads a date by hand for the forms that build their input themselves", () => {
    const errors: Record<string, string> = {};
    expect(readDate(form({ "d-day": "3", "d-month": "12", "d-year": "2026" }), "d", "the date", errors, true)).toBe("2026-12-03");
    expect(readDate(form({}), "e", "the date", errors, true)).toBeNull();
    expect(readDate(form({}), "f", "the date", errors, false)).toBeNull();
    expect(errors).toEqual({ e: "Enter the date" });
  });
});

describe("money", () => {
  const schema = z.object({ amountPence: z.number().int().positive().max(100_000_000, "at most £1,000,000") });
  const shape = { fields: { amount: "amountPence" }, money: ["amount"] };

  it("reads pounds, with or without the pound sign and commas, as pence", () => {
    expect(parseForm(form({ amount: "£1,075.50" }), schema, shape)).toEqual({ ok: true, value: { amountPence: 107550 } });
    expect(parseForm(form({ amount: "75" }), schema, shape)).toEqual({ ok: true, value: { amountPence: 7500 } });
  });

  it("refuses what is not an amount in pounds, and keeps the schema's limit", () => {
    expect(parseForm(form({ amount: "7.555" }), schema, shape)).toEqual({ ok: false, errors: { amount: "Enter an amount in pounds, like 75 or 75.50" } });
    expect(parseForm(form({ amount: "2,000,000" }), schema, shape)).toEqual({ ok: false, errors: { amount: "at most £1,000,000" } });
    const errors: Record<string, string> = {};
    expect(readMoney(form({ a: "£1,075.50" }), "a", errors)).toBe(107550);
    expect(readMoney(form({ a: "ten" }), "a", errors)).toBeNull();
    expect(errors.a).toMatch(/amount in pounds/);
  });
});

describe("parsing a form with the API's schema", () => {
  it("reads a checkbox as true or false, and a blank answer as not given", () => {
    const schema = z.object({ told: z.boolean(), note: z.string().trim().max(10).nullish(), reason: text("the reason") });
    expect(parseForm(form({ told: "yes", note: "   ", reason: " late " }), schema, { checkboxes: ["told"] })).toEqual({ ok: true, value: { told: true, reason: "late" } });
    expect(parseForm(form({ reason: "" }), schema, { checkboxes: ["told"] })).toEqual({ ok: false, errors: { reason: "Enter the reason" } });
  });

  it("names the form's field, not the schema's path, and takes the customer the form meant from a union", () => {
    const schema = z.object({ customer: customerInput });
    const fields = { fullName: "customer.fullName", email: "customer.email" };
    expect(parseForm(form({ email: "not an address" }), schema, { fields })).toEqual({
      ok: false,
      errors: { fullName: "Enter the customer's full name", email: "Enter an email address in the correct format, like name@example.com" },
    });
  });

  it("leaves out the form's other fields, so a strict schema sees only its own", () => {
    const schema = z.object({ reason: text("the reason") }).strict();
    expect(parseForm(form({ _csrf: "token", hasRepresentative: "no", reason: "Lost post" }), schema)).toEqual({ ok: true, value: { reason: "Lost post" } });
  });

  it("puts in what the action decides, by path", () => {
    const result = parseForm(form({ kind: "complaint", channel: "phone", service: "waste", description: "Bins missed", priorityReason: "" }), logCaseInput, {
      fields: { service: "serviceId", priorityReason: "priority.reason" },
      values: { customer: null, "priority.level": "high", "priority.reason": null },
    });
    expect(result).toEqual({ ok: false, errors: { priorityReason: "Say why the case is high priority" } });
  });

  it("gives the log-a-case form the GOV.UK messages of the shared schema", () => {
    const result = parseForm(form({}), logCaseInput, { fields: { service: "serviceId" }, values: { customer: null } });
    expect(result).toEqual({
      ok: false,
      errors: { kind: "Choose what kind of case it is", channel: "Choose how it came in", service: "Choose the service it is about", description: "Enter what the complaint is about" },
    });
  });
});
