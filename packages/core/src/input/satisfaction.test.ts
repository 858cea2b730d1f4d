import { describe, expect, it } from "vitest";
import { satisfactionInput } from "./satisfaction.js";

// Issue 15, decision 0516: the survey's four questions may each be left out, but not all of
// them; an answer must be on the TSM scale; the token is the link's 32 characters.
const token = "abcdefghijklmnopqrstuvwxyz012345";

describe("the satisfaction survey's input", () => {
  it("takes any of the four questions on the TSM scale, each optional", () => {
    expect(satisfactionInput.parse({ token, answers: { handling: "very-satisfied", "ease-of-complaining": null } })).toEqual({ token, answers: { handling: "very-satisfied", "ease-of-complaining": null } });
  });
  it("refuses no answer at all, saying what to do", () => {
    const r = satisfactionInput.safeParse({ token, answers: { handling: null } });
    expect(r.success).toBe(false);
    expect(r.error!.issues[0]!.message).toBe("Answer at least one question, or close the page if you would rather not answer");
  });
  it("refuses an answer off the scale, a question not on the form and a broken link", () => {
    expect(satisfactionInput.safeParse({ token, answers: { handling: "delighted" } }).success).toBe(false);
    expect(satisfactionInput.safeParse({ token, answers: { handling: "neither", food: "neither" } }).success).toBe(false);
    expect(satisfactionInput.safeParse({ token: token.slice(1), answers: { handling: "neither" } }).error!.issues[0]!.message).toMatch(/open it from your email again/);
  });
});
