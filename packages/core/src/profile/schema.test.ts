import { describe, expect, it } from "vitest";
import { defaultProfile } from "./default-profile.js";
import { ProfileValidationError, parseCouncilProfile } from "./schema.js";

function problems(input: unknown) {
  try {
    parseCouncilProfile(input);
  } catch (error) {
    if (error instanceof ProfileValidationError) return error.problems;
    throw error;
  }
  throw new Error("accepted");
}

describe("a profile that is not valid names every problem: path, the value found there, the rule (issue 14)", () => {
  it("each field at fault, a field left out as required, each unknown field on its own", () => {
    const { letterhead: _letterhead, ...rest } = structuredClone(defaultProfile);
    const input = {
      ...rest,
      referencePrefix: "ex",
      calendar: { ...rest.calendar, cutOffTime: "5pm", colour: "green" },
      timescales: { stages: { "stage-1": { respond: { period: { workingDays: "ten" }, from: "receipt", rule: "Policy para 1" } } } },
    };
    expect(problems(input)).toEqual([
      { path: "calendar.cutOffTime", value: '"5pm"', rule: "HH:MM, 24-hour" },
      { path: "calendar.colour", value: '"green"', rule: "not a field of a council profile (check its spelling)" },
      { path: "timescales.stages.stage-1.respond.period", value: '{"workingDays":"ten"}', rule: expect.stringMatching(/^a period is one of workingDays, calendarDays or calendarMonths/) },
      { path: "letterhead", value: "missing", rule: "required (object)" },
      { path: "referencePrefix", value: '"ex"', rule: "2 to 6 capital letters, like LCC" },
    ]);
    expect(() => parseCouncilProfile(input)).toThrow('The profile "default" is not valid: calendar.cutOffTime: HH:MM, 24-hour (found "5pm"); calendar.colour:');
  });
});
