import { describe, expect, it } from "vitest";
import { passwordFieldFor, readPasswordForm } from "./password";
import { valuesOf } from "./forms.server";

const form = (fields: Record<string, string>) => {
  const f = new FormData();
  for (const [k, v] of Object.entries(fields)) f.append(k, v);
  return f;
};

describe("the Choose a new password form (issue 20: temporary passwords must be changed)", () => {
  it("asks for each password, and for the new one twice the same", () => {
    expect(readPasswordForm(form({})).errors).toEqual({ currentPassword: "Enter your current password (the one you signed in with)", newPassword: "Enter a new password" });
    expect(readPasswordForm(form({ currentPassword: "given", newPassword: "marble orchard quietly sings" })).errors).toEqual({ confirmPassword: "Enter the new password again" });
    expect(readPasswordForm(form({ currentPassword: "given", newPassword: "marble orchard quietly sings", confirmPassword: "marble orchard quietly sing" })).errors).toEqual({
      confirmPassword: "The passwords do not match: enter the new password again",
    });
    expect(readPasswordForm(form({ currentPassword: "given", newPassword: "marble orchard quietly sings", confirmPassword: "marble orchard quietly sings" }))).toEqual({ current: "given", next: "marble orchard quietly sings", errors: {} });
  });

  it("puts the API's refusal beside the field it is about", () => {
    expect(passwordFieldFor("The current password is not right")).toBe("currentPassword");
    expect(passwordFieldFor("Choose a password that is harder to guess. This is a commonly used password.")).toBe("newPassword");
  });

  it("never sends a password back into the page after a failed post", () => {
    expect(valuesOf(form({ _csrf: "t", currentPassword: "a", newPassword: "b", confirmPassword: "c", password: "d", returnTo: "/cases" }))).toEqual({ returnTo: "/cases" });
  });
});
