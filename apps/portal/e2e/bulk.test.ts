/**
 * Issue 16, "work in bulk", in Chromium with JavaScript on and off: the complaints manager ticks
 * two cases in the work queue and assigns them to one officer at once. One names that officer,
 * so core refuses it (a person complained about may not investigate it) and the results page
 * says so beside its reference; the other is assigned. Every page is checked with axe.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";
import { ApiClient, PASSWORD } from "./staff.js";

const baseUrl = inject("baseUrl");

/** Two high-priority waste complaints, triaged; the second names the officer. */
async function twoCases(stamp: string): Promise<{ officer: { id: string; name: string }; references: [string, string] }> {
  const officer = await (await new ApiClient(baseUrl!).signIn("io.environment@exampleton.gov.uk")).query<{ id: string; name: string }>("auth.me");
  const manager = await new ApiClient(baseUrl!).signIn("manager@exampleton.gov.uk");
  const references: string[] = [];
  for (const aboutStaffIds of [[], [officer.id]]) {
    const { caseId, reference } = await manager.mutation<{ caseId: string; reference: string }>("cases.log", {
      kind: "complaint",
      channel: "phone",
      serviceId: "waste",
      priority: { level: "high", reason: "Vulnerable resident" },
      description: `Bins missed again (${stamp}${aboutStaffIds.length ? ", and the officer was rude" : ""}).`,
      customer: { fullName: `Bea Bulk ${stamp}`, phone: "0113 496 0000" },
      aboutStaffIds,
    });
    await manager.mutation("command.triage", { caseId, expectedVersion: 1, outcome: "accept" });
    references.push(reference);
  }
  return { officer, references: references as [string, string] };
}

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("bulk assign from the work queue with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  const stamp = `${mode}-${Date.now().toString(36)}`;
  let cases: Awaited<ReturnType<typeof twoCases>>;

  beforeAll(async () => {
    cases = await twoCases(stamp);
    browser = await launch({ javaScript, name: `bulk-${mode}` });
    v = new Visitor(browser, baseUrl!, `bulk-${mode}`, javaScript);
  });
  afterAll(async () => {
    writeFileSync(path.join(cacheDir, `problems-bulk-${mode}.json`), JSON.stringify(browser?.problems ?? {}, null, 2));
    await browser?.close();
  });

  it("ticks two cases, assigns them at once, and shows each case's own result: one done, one refused with core's reason", async () => {
    const [done, refused] = cases.references;
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.goto("/cases?queue=central&service=waste&priority=high&status=open", "queue");
    // "Select all on this page" needs JavaScript; without it each case is ticked by hand.
    expect(await v.page.locator("#select-all").count()).toBe(javaScript ? 1 : 0);
    await v.page.getByLabel(`Choose ${done}`, { exact: true }).check();
    await v.page.getByLabel(`Choose ${refused}`, { exact: true }).check();
    await v.page.getByLabel("Assign them", { exact: true }).check();
    await v.page.selectOption("#handlerId", cases.officer.id);
    await v.submit("Apply to the ticked cases", { text: "What happened to each case" }, "results");

    expect(await v.page.locator("h1").innerText()).toBe("Assign: 1 of 2 cases done");
    const rows = await v.page.locator("table tbody tr").allInnerTexts();
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatch(new RegExp(`^${done}\\s+Done\\s+Assigned`));
    expect(rows[1]).toMatch(new RegExp(`^${refused}\\s+Not done\\s+.*is named in the complaint and may not investigate it`));

    expect(browser.problems.axe.map((a) => `${a.url} ${a.id}: ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
