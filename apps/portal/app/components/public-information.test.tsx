/**
 * How the public pages say how to reach the council (routes complain, track, escalate): only
 * what the profile has. A profile may leave its email empty (Lewisham's packaged one does); an
 * empty mailto link would be a link without a name (WCAG 2.4.4, axe "link-name").
 */
import { createElement, type ReactNode } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { phoneOrEmail } from "./public-information";

const html = (node: ReactNode) => renderToStaticMarkup(createElement("p", null, node));

describe("phoneOrEmail", () => {
  it("gives the phone number and the email link when the profile has both", () => {
    expect(html(phoneOrEmail({ phone: "0113 222 4405", email: "complaints@leeds.gov.uk" }))).toBe(
      '<p>phone us on 0113 222 4405 or email <a class="govuk-link" href="mailto:complaints@leeds.gov.uk">complaints@leeds.gov.uk</a></p>',
    );
    expect(html(phoneOrEmail({ phone: "0113 222 4405", email: "complaints@leeds.gov.uk" }, true))).toMatch(/^<p>Phone us on /);
  });

  it("leaves out what the profile does not have, and gives nothing when it has neither", () => {
    expect(html(phoneOrEmail({ phone: "020 8314 6000", email: "" }))).toBe("<p>phone us on 020 8314 6000</p>");
    expect(html(phoneOrEmail({ phone: null, email: "complaints@leeds.gov.uk" }, true))).toBe(
      '<p>Email <a class="govuk-link" href="mailto:complaints@leeds.gov.uk">complaints@leeds.gov.uk</a></p>',
    );
    expect(phoneOrEmail({ phone: "", email: "" })).toBeNull();
  });
});
