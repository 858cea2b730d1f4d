/**
 * The pages every public-sector site must have (issue 14, decision 0515), with JavaScript on
 * and off, in Debian's Chromium against the real server and its demo council: a resident
 * follows the start page's link to "how we handle complaints" and reads the council's own
 * stages as a numbered flow, then the footer's accessibility statement (no longer a 404) and
 * privacy notice. Every page is checked with axe (WCAG 2.2 A/AA).
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, Visitor, type Browser } from "./browser.js";

const baseUrl = inject("baseUrl");
const skipReason = inject("skipReason");
if (skipReason) console.log(skipReason);

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("the public information pages with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;

  beforeAll(async () => {
    browser = await launch({ javaScript, name: `information-${mode}` });
    v = new Visitor(browser, baseUrl!, `information-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the start page links to the council's complaint flow: each stage a numbered step with its timescale, ending at the Ombudsman", async () => {
    await v.goto("/", "start");
    await v.click("how we handle complaints", { url: /\/how-we-handle-complaints$/ }, "flow");
    expect(await v.page.locator("h1").innerText()).toBe("How we handle complaints");
    // The demo council: its usual services under the 2024 code, its landlord services under the Housing Ombudsman's.
    const sections = v.page.locator("main section");
    expect(await sections.locator("h2").allInnerTexts()).toEqual(["Complaints about most of our services", "Complaints about Housing Repairs and Tenancy Management"]);
    const usual = sections.nth(0).locator("ol.app-flow > li");
    // What a screen reader reads: the hidden "Step n:" words with the visible number and title.
    const titles = await usual.locator("h3").allTextContents();
    expect(titles).toEqual(["Step 1: Stage 1", "Step 2: Stage 2", "Step 3: Local Government and Social Care Ombudsman"]);
    expect(await usual.nth(0).innerText()).toContain("We send you our response within 10 working days of our acknowledgement.");
    expect(await usual.nth(0).innerText()).toContain("What you can do next: If you are unhappy with our answer, you can ask for Stage 2.");
    const housing = sections.nth(1).locator("ol.app-flow > li");
    expect(await housing.last().locator("h3").innerText()).toContain("Housing Ombudsman Service");
    // The arrows are drawn by CSS without text: what a screen reader meets is the list and its words.
    const arrow = await usual.nth(0).evaluate((li) => getComputedStyle(li, "::after").content);
    expect(arrow).toBe('""');
    await v.click("Make a complaint", { url: /\/complain\/kind$/ });
  });

  it("the footer's accessibility statement is the council's, in the model statement's sections", async () => {
    await v.goto("/");
    await v.click("Accessibility statement", { url: /\/accessibility$/ }, "accessibility");
    expect(await v.page.locator("h1").innerText()).toBe("Accessibility statement for the Exampleton Borough Council complaints service");
    expect(await v.page.locator("main h2").allInnerTexts()).toEqual([
      "How accessible this website is",
      "Feedback and contact information",
      "Reporting accessibility problems with this website",
      "Enforcement procedure",
      "Technical information about this website’s accessibility",
      "How we tested this website",
      "Preparation of this accessibility statement",
    ]);
    const text = await v.page.locator("main").innerText();
    expect(text).toContain("Equality and Human Rights Commission (EHRC)");
    expect(text).toContain("0300 123 4567");
    expect(text).toContain("partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard");
  });

  it("the footer's privacy notice names the council as controller and the Ombudsmen its complaints may go to", async () => {
    await v.goto("/");
    await v.click("Privacy", { url: /\/privacy$/ }, "privacy");
    const text = await v.page.locator("main").innerText();
    expect(text).toContain("Exampleton Borough Council is the data controller");
    expect(text).toContain("UK GDPR Article 6(1)(e)");
    expect(text).toContain("Article 9(2)(g)");
    expect(text).toContain("the Local Government and Social Care Ombudsman, if you are unhappy with our final response to a complaint");
    expect(text).toContain("the Housing Ombudsman Service");
    expect(text).toContain("for 6 years after we close it");
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
