import { describe, expect, it } from "vitest";
import { checkStep, nextPath, previousPath, stepToShow, withStepAnswers } from "./complain.server";
import { stepsFor } from "../utils/complain";

const SERVICES = ["waste", "highways"];

describe("the public complaint form's questions", () => {
  it("asks what the resident wants us to do only about a complaint (code 6.2: set out the outcome sought)", () => {
    expect(stepsFor({ kind: "complaint" })).toEqual(["kind", "service", "description", "outcome", "name", "contact", "check"]);
    expect(stepsFor({ kind: "compliment", replyWanted: "yes" })).toEqual(["kind", "service", "description", "name", "contact", "check"]);
  });

  it("skips the contact details for a compliment or comment whose sender wants no reply", () => {
    expect(stepsFor({ kind: "comment", replyWanted: "no" })).toEqual(["kind", "service", "description", "name", "check"]);
    expect(checkStep("name", { kind: "comment", replyWanted: "no" }, SERVICES)).toEqual({});
  });

  it("needs a name for a complaint: we must be able to answer it", () => {
    expect(checkStep("name", { kind: "complaint" }, SERVICES)).toEqual({ fullName: "Enter your full name" });
    expect(checkStep("name", { kind: "compliment" }, SERVICES)).toEqual({ replyWanted: "Select yes if you would like a reply" });
  });

  it("asks for the detail of the way of contact chosen, and only that", () => {
    // The contact question comes after the name: the API's schema checks the two together.
    const named = { kind: "complaint", fullName: "Ann Smith" };
    expect(checkStep("contact", named, SERVICES)).toEqual({ contact: "Select how you would like us to contact you" });
    expect(checkStep("contact", { ...named, contact: "email", email: "not an address" }, SERVICES)).toEqual({ email: "Enter an email address in the correct format, like name@example.com" });
    expect(checkStep("contact", { ...named, contact: "email" }, SERVICES)).toEqual({ email: "Enter your email address" });
    expect(checkStep("contact", { ...named, contact: "post", addressLine1: "1 High Street" }, SERVICES)).toEqual({ town: "Enter town or city", postcode: "Enter your postcode" });
    expect(checkStep("contact", { ...named, contact: "email", email: "ann@example.com", phone: "not checked: no text updates asked for" }, SERVICES)).toEqual({});
  });

  it("asks how to contact them: email, post or both, and text updates to a UK mobile (decision 0320)", () => {
    const named = { kind: "complaint", fullName: "Ann Smith" };
    const address = { addressLine1: "1 High Street", town: "Exampleton", postcode: "EX1 1AA" };
    expect(checkStep("contact", { ...named, contact: "email,post", email: "ann@example.com" }, SERVICES)).toEqual({ addressLine1: "Enter address line 1, typically the building and street", town: "Enter town or city", postcode: "Enter your postcode" });
    expect(checkStep("contact", { ...named, contact: "email,post", email: "ann@example.com", ...address }, SERVICES)).toEqual({});
    expect(checkStep("contact", { ...named, contact: "text", phone: "07700 900123" }, SERVICES)).toEqual({ contact: "Select how you would like us to contact you" });
    expect(checkStep("contact", { ...named, contact: "email,text", email: "ann@example.com" }, SERVICES)).toEqual({ phone: "Enter your mobile phone number to get text updates" });
    expect(checkStep("contact", { ...named, contact: "email,text", email: "ann@example.com", phone: "0113 496 0000" }, SERVICES)).toEqual({ phone: "Enter a UK mobile number, like 07700 900 982, to get text updates" });
    expect(checkStep("contact", { ...named, contact: "email,text", email: "ann@example.com", phone: "07700 900123" }, SERVICES)).toEqual({});
  });

  it("refuses a service that is not the council's and text over the API's limits, saying the limit", () => {
    expect(checkStep("service", { service: "parking" }, SERVICES)).toEqual({ service: "Select the service it is about" });
    expect(checkStep("description", { kind: "complaint", description: "a".repeat(10_001) }, SERVICES)).toEqual({ description: "What happened must be 10,000 characters or fewer" });
    expect(checkStep("description", { kind: "compliment" }, SERVICES)).toEqual({ description: "Enter what you would like to tell us" });
  });

  it("names the answer that holds a character that cannot be saved, instead of showing the API's raw error (issue 20)", () => {
    expect(checkStep("description", { kind: "complaint", description: "Bins\u0000 not collected" }, SERVICES)).toEqual({
      description: "What happened has a hidden character that cannot be saved (often from pasting): retype the last thing you pasted",
    });
    // (Half a surrogate pair cannot come in a form post: the browser and FormData make it U+FFFD.)
    expect(checkStep("name", { kind: "complaint", fullName: "Ann \u0000Smith" }, SERVICES)).toEqual({
      fullName: "Your name has a hidden character that cannot be saved (often from pasting): retype the last thing you pasted",
    });
  });

  describe("each question at its own address (GOV.UK question pages, decision 0520)", () => {
    const answered = { kind: "complaint", service: "waste", description: "Bins not collected", desiredOutcome: "Collect them", fullName: "Ann Smith", contact: "email", email: "ann@example.com" };

    it("sends a resident who opens a later question first to the first question not yet answered", () => {
      expect(stepToShow("service", {}, SERVICES)).toBe("kind");
      expect(stepToShow("check", { kind: "complaint", service: "waste" }, SERVICES)).toBe("description");
      expect(stepToShow("description", { kind: "complaint", service: "waste" }, SERVICES)).toBe("description");
      // A question this resident is not asked (the outcome, for a compliment) goes to "Check your answers".
      expect(stepToShow("outcome", { kind: "compliment", service: "waste", description: "Thanks", replyWanted: "no" }, SERVICES)).toBe("check");
      expect(stepToShow("check", answered, SERVICES)).toBe("check");
    });

    it("goes forward to the next question, and back to the one before (the start page before the first)", () => {
      expect(nextPath("kind", { kind: "compliment" }, SERVICES, false)).toBe("/complain/service");
      expect(nextPath("description", { kind: "compliment" }, SERVICES, false)).toBe("/complain/name");
      expect(previousPath("name", { kind: "compliment" }, false)).toBe("/complain/description");
      expect(previousPath("kind", {}, false)).toBe("/");
    });

    it("returns a changed answer to Check your answers, through any question the change adds", () => {
      expect(previousPath("service", answered, true)).toBe("/complain/check");
      expect(nextPath("service", answered, SERVICES, true)).toBe("/complain/check");
      // A comment turned into a complaint now needs the outcome and a name.
      expect(nextPath("kind", { kind: "complaint", service: "waste", description: "Bins", replyWanted: "no" }, SERVICES, true)).toBe("/complain/outcome?return=check");
    });

    it("replaces only the answers of the page posted, so an unticked box is no longer an answer", () => {
      const form = new FormData();
      form.append("contact", "email");
      form.append("contact", "text");
      form.set("email", " ann@example.com ");
      form.set("phone", "07700 900123");
      expect(withStepAnswers({ ...answered, contact: "email,post", addressLine1: "1 High Street" }, "contact", form)).toEqual({ ...answered, contact: "email,text", email: "ann@example.com", phone: "07700 900123" });
      const text = new FormData();
      text.set("description", "Line one\r\nLine two  ");
      expect(withStepAnswers(answered, "description", text).description).toBe("Line one\nLine two");
    });
  });
});
