/**
 * Approval of a payment above the officer's delegated limit (issue 16, decision 0324), in
 * Chromium against the shared demo server, JavaScript on and off: the investigating officer
 * (limit £100 in the default profile) proposes £250, whose questions show only once the remedy
 * is financial (apps/portal/app/styles/govuk.scss reveals them by CSS), and asks for approval; the complaints manager (limit £500) finds it in
 * "Approvals waiting for you" and approves it; the officer sends the response as proposed.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { launch, Visitor, type Browser } from "./browser.js";
import { ApiClient, PASSWORD } from "./staff.js";

const baseUrl = inject("baseUrl");

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("a remedy over the officer's limit is approved, then sent, with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  let caseId = "";
  let reference = "";
  const stamp = `${mode}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    const cso = await new ApiClient(baseUrl!).signIn("cso@exampleton.gov.uk");
    const logged = await cso.mutation<{ caseId: string; reference: string; version: number }>("cases.log", {
      kind: "complaint",
      channel: "email",
      serviceId: "waste",
      description: `Our bins were missed for a month (${stamp}).`,
      customer: { fullName: `Pat Approve ${stamp}`, email: `pat.${stamp}@example.com` },
    });
    ({ caseId, reference } = logged);
    const version = (await cso.mutation<{ version: number }>("command.triage", { caseId, expectedVersion: logged.version, outcome: "accept" })).version;
    await cso.mutation("command.acknowledge", { caseId, expectedVersion: version });
    browser = await launch({ javaScript, name: `approvals-${mode}` });
    v = new Visitor(browser, baseUrl!, `approvals-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the officer proposes £250 and asks for approval; the response waits", async () => {
    await v.signIn("io.environment@exampleton.gov.uk", PASSWORD);
    await v.goto(`/cases/${caseId}/respond`);
    const amount = v.page.locator("#remedy1Amount");
    // The payment's questions show only once the remedy is financial (by CSS, with or without JavaScript).
    expect(await amount.isVisible()).toBe(false);
    await v.page.getByLabel("Upheld", { exact: true }).check();
    await v.page.fill("#reasons", "The crew missed your street four weeks running.");
    await v.page.locator("input[name=remedy1Type][value=financial]").check();
    expect(await amount.isVisible()).toBe(true);
    await amount.fill("250.00");
    await v.page.locator("input[name=remedy1FinancialKind][value=compensation]").check();
    await v.page.fill("#remedy1Description", "For the time and trouble");
    await v.submit("Ask for approval", { text: "Waiting for approval" }, "asked");
    expect(await v.page.locator(".govuk-inset-text").first().innerText()).toContain("£250.00 compensation (For the time and trouble) in the response to Stage 1");
  });

  it("the complaints manager finds it in their approvals and approves it", async () => {
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.goto("/approvals", "approvals");
    const row = v.page.locator("tr", { hasText: reference });
    expect(await row.innerText()).toContain("£250.00 compensation");
    await row.getByRole("link", { name: `Approve or refuse ${reference}` }).click();
    await v.page.waitForURL(/\/decide-approval$/);
    await v.settle("decide");
    await v.page.getByLabel("Approve it", { exact: true }).check();
    await v.submit("Record the decision", { url: new RegExp(`/cases/${caseId}\\?done=decide-approval`) });
  });

  it("the officer sends the approved response without typing it again, the approver recorded", async () => {
    await v.signIn("io.environment@exampleton.gov.uk", PASSWORD);
    await v.goto(`/cases/${caseId}/respond`, "approved");
    expect(await v.page.locator(".govuk-inset-text").first().innerText()).toMatch(/Approved: .*Morgan Resolve approved it/);
    await v.submit("Send the approved response", { url: new RegExp(`/cases/${caseId}\\?done=respond`) }, "sent");
    const io = await new ApiClient(baseUrl!).signIn("io.environment@exampleton.gov.uk");
    const detail = await io.query<{ stages: Array<{ response: { remedies: Array<{ amountPence: number; approverId: string }> } | null }> }>(`cases.get?input=${encodeURIComponent(JSON.stringify({ caseId }))}`);
    const manager = await (await new ApiClient(baseUrl!).signIn("manager@exampleton.gov.uk")).query<{ id: string }>("auth.me");
    expect(detail.stages[0]!.response!.remedies).toMatchObject([{ amountPence: 25_000, approverId: manager.id }]);
    expect(browser.problems.axe).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
  });
});
