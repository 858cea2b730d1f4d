/**
 * Merging a duplicate found after triage (issue 16; docs/decisions/0106-merge-link-split.md) in
 * Chromium against the shared demo server, with JavaScript on and off: customer services merges
 * the second of two cases for the same resident into the first; the merged case says "merged
 * into" the case kept, and the case kept lists the merged case's timeline. Every page is checked
 * with axe.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, Visitor, type Browser } from "./browser.js";
import { ApiClient, PASSWORD } from "./staff.js";

const baseUrl = inject("baseUrl");

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("merge a duplicate into the case kept, with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  const stamp = `${mode}-${Date.now().toString(36)}`;
  const cases = { kept: { caseId: "", reference: "" }, duplicate: { caseId: "", reference: "" } };

  beforeAll(async () => {
    // Two triaged cases for one resident: the same complaint, logged twice.
    const cso = await new ApiClient(baseUrl!).signIn("cso@exampleton.gov.uk");
    let customer: unknown = { fullName: `Dee Duplicate ${stamp}`, phone: "0113 496 0001" };
    for (const which of ["kept", "duplicate"] as const) {
      const logged = await cso.mutation<{ caseId: string; reference: string }>("cases.log", {
        kind: "complaint",
        channel: "phone",
        serviceId: "waste",
        description: `Our bins were missed again (${stamp}, ${which}).`,
        customer,
      });
      await cso.mutation("command.triage", { caseId: logged.caseId, expectedVersion: 1, outcome: "accept" });
      cases[which] = logged;
      customer = { id: (await cso.query<{ customer: { id: string } }>(`cases.get?input=${encodeURIComponent(JSON.stringify({ caseId: logged.caseId }))}`)).customer.id };
    }
    browser = await launch({ javaScript, name: `merge-${mode}` });
    v = new Visitor(browser, baseUrl!, `merge-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("merges the duplicate from its page; it then says it was merged into the case kept", async () => {
    await v.signIn("cso@exampleton.gov.uk", PASSWORD);
    await v.goto(`/cases/${cases.duplicate.caseId}`, "duplicate");
    await v.click("Link, merge or split cases", { url: /\/related$/ }, "related-form");
    // A reference that is not there is refused in words, on the form.
    await v.page.fill("#merge-reference", "NOPE-2026-000001");
    await v.submit("Merge into that case", { text: "There is a problem" }, "merge-refused");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("There is no case NOPE-2026-000001 that you can see");

    await v.page.fill("#merge-reference", cases.kept.reference.toLowerCase());
    await v.submit("Merge into that case", { url: new RegExp(`/cases/${cases.duplicate.caseId}(#related-cases)?$`) }, "merged");
    const section = await v.page.locator("section[aria-labelledby='related-cases']").innerText();
    expect(section).toContain(`This case was merged into ${cases.kept.reference}`);
    expect(section).toMatch(new RegExp(`${cases.kept.reference}\\s+This case was merged into it\\s+Open`));
  });

  it("lists the merged case's timeline on the case kept, linked to it", async () => {
    await v.goto(`/cases/${cases.kept.caseId}`, "kept");
    const section = v.page.locator("section[aria-labelledby='related-cases']");
    expect(await section.innerText()).toMatch(new RegExp(`${cases.duplicate.reference}\\s+Merged into this case\\s+Closed: merged into another case`));
    const recorded = await section.locator("details").textContent();
    expect(recorded).toContain(`Timeline of ${cases.duplicate.reference}`);
    expect(recorded).toMatch(/Case logged[\s\S]*Triaged[\s\S]*Merged into another case/);
    await v.click(cases.duplicate.reference, { url: new RegExp(`/cases/${cases.duplicate.caseId}$`) });
    expect(browser.problems.axe).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
  });
});
