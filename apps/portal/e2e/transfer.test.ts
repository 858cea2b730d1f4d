/**
 * Transfer in Chromium, JavaScript on and off (issue 16; docs/decisions/0105-correcting-the-record.md):
 * the complaints manager moves a case logged against Council Tax (Corporate Services) to Waste
 * and Recycling (Environment), choosing the service by its name; the case page then explains
 * its new due dates by the transfer, and the case has left Corporate Services' queue.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, Visitor, type Browser } from "./browser.js";
import { ApiClient, PASSWORD } from "./staff.js";

const baseUrl = inject("baseUrl");

/** The ids of the cases in a directorate's queue, as its DCRO sees it. */
async function inQueue(dcro: ApiClient): Promise<string[]> {
  const input = encodeURIComponent(JSON.stringify({ serviceIds: ["council-tax"], limit: 500 }));
  return (await dcro.query<{ items: Array<{ id: string }> }>(`queues.directorate?input=${input}`)).items.map((i) => i.id);
}

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("transferring a case with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  let caseId = "";
  let dcro: ApiClient;

  beforeAll(async () => {
    const stamp = `${mode}-${Date.now().toString(36)}`;
    const cso = await new ApiClient(baseUrl!).signIn("cso@exampleton.gov.uk");
    ({ caseId } = await cso.mutation<{ caseId: string }>("cases.log", {
      kind: "complaint",
      channel: "phone",
      serviceId: "council-tax",
      description: `Logged under council tax, but it is about our bins (${stamp}).`,
      customer: { fullName: `Tam Transfer ${stamp}`, phone: "0113 496 0000" },
    }));
    await cso.mutation("command.triage", { caseId, expectedVersion: 1, outcome: "accept" });
    dcro = await new ApiClient(baseUrl!).signIn("dcro.corporate@exampleton.gov.uk");
    browser = await launch({ javaScript, name: `transfer-${mode}` });
    v = new Visitor(browser, baseUrl!, `transfer-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a manager transfers the case to another directorate's service, sees the new due dates explained, and it leaves the old queue", async () => {
    expect(await inQueue(dcro)).toContain(caseId);
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.goto(`/cases/${caseId}/transfer`, "transfer-form");
    expect(await v.page.locator("h1").innerText()).toBe("Transfer to another service");
    // Services by name and directorate, never their slugs; not the one it is already with.
    const services = await v.page.locator("select#serviceId option").allInnerTexts();
    expect(services).toContain("Waste and Recycling (Environment)");
    expect(services.join("|")).not.toMatch(/Council Tax|waste/);

    // Without a reason the form says what is missing.
    await v.page.selectOption("#serviceId", { label: "Waste and Recycling (Environment)" });
    await v.submit("Transfer the case", { text: "There is a problem" }, "transfer-no-reason");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/Enter why the case is transferred/);

    await v.page.selectOption("#serviceId", { label: "Waste and Recycling (Environment)" });
    await v.page.fill("#reason", "It is about a missed bin collection");
    await v.submit("Transfer the case", { url: new RegExp(`/cases/${caseId}\\?done=transfer`) }, "transferred");
    const page = (await v.page.locator("main").textContent()) ?? "";
    expect(page).toMatch(/Waste and Recycling/);
    expect(page).toMatch(/transferred from Council Tax to Waste and Recycling on \w{3} \d{1,2} \w{3} \d{4}: It is about a missed bin collection; Waste and Recycling's rules apply/);

    expect(await inQueue(dcro)).not.toContain(caseId);
    expect(browser.problems.axe).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
  });
});
