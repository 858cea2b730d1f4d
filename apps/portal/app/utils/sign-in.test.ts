import { describe, expect, it } from "vitest";
import { ssoButton } from "./sign-in";

describe("the single sign-on button (docs/design.md §8: staff sign in with their council account where the council has single sign-on)", () => {
  it("is not shown when single sign-on is not set up", () => {
    expect(ssoButton({ password: true, sso: null }, "/cases")).toBeNull();
  });

  it("carries the council's label and brings the person back to the page they wanted", () => {
    expect(ssoButton({ password: true, sso: { label: "Sign in with your council account", startUrl: "/auth/oidc/start" } }, "/cases/123?tab=letters")).toEqual({
      label: "Sign in with your council account",
      href: "/auth/oidc/start?returnTo=%2Fcases%2F123%3Ftab%3Dletters",
    });
  });
});
