import { describe, expect, it } from "vitest";
import { passwordProblem } from "./passwords.js";

describe("the password rule (issue 20: 12 characters was the only rule, so `aaaaaaaaaaaa` passed)", () => {
  it("refuses twelve of the same character, saying why", () => {
    expect(passwordProblem("aaaaaaaaaaaa")).toBe(
      'Choose a password that is harder to guess. Repeated characters like "aaa" are easy to guess. Three or four random words together work well.',
    );
  });

  it("refuses common and breached passwords however long, with the estimator's reason", () => {
    expect(passwordProblem("123456789012")).toMatch(/^Choose a password that is harder to guess\. This is a commonly used password\./);
    for (const common of ["password1234", "Password123!", "qwertyuiop12", "iloveyou1234", "letmein123456", "Passw0rd!2345", "abcdefghijkl"]) {
      expect(passwordProblem(common), common).toMatch(/^Choose a password that is harder to guess\./);
    }
  });

  it("refuses a password made of the person's own name or email", () => {
    expect(passwordProblem("Fenwickharrow")).toBeNull();
    expect(passwordProblem("Fenwickharrow", ["fenwick.harrow@exampleton.gov.uk", "Fenwick Harrow"])).toMatch(/harder to guess/);
  });

  it("accepts long passphrases of uncommon words", () => {
    for (const good of ["correct horse battery staple", "blue-kettle-orchard-nine", "three random words here", "Tr0ub4dor&3xyz"]) {
      expect(passwordProblem(good), good).toBeNull();
    }
  });

  it("still asks for 12 to 256 characters first", () => {
    expect(passwordProblem("k3#Vq9!zW")).toBe("Use at least 12 characters (three random words work well)");
    expect(passwordProblem("x".repeat(257))).toBe("Use at most 256 characters");
  });
});
