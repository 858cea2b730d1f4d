/**
 * Staff in bulk (issue 14; docs/staff-import.md) in Debian's Chromium against the real server,
 * with JavaScript on and off: an administrator downloads the template, uploads a spreadsheet
 * with mistakes and reads every problem by row and column, uploads the corrected one, reads
 * what it would do, confirms, and finds the people on the staff page; the same file again
 * changes nothing. Then the single sign-on groups page. Every page is checked with axe (WCAG
 * 2.2 A/AA), and no console error, page error or failed request may happen.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";
import { PASSWORD } from "./staff.js";

const baseUrl = inject("baseUrl");

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("importing staff from a spreadsheet with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  const stamp = `${mode}-${Date.now().toString(36)}`;
  const dir = path.join(cacheDir, "staff-import");
  const file = (name: string, rows: string[]) => {
    mkdirSync(dir, { recursive: true });
    const at = path.join(dir, `${name}-${stamp}.csv`);
    writeFileSync(at, ["name,email,job title,team,role,directorate", ...rows, ""].join("\r\n"));
    return at;
  };
  const ann = `ann.${stamp}@exampleton.gov.uk`;
  const bo = `bo.${stamp}@exampleton.gov.uk`;

  beforeAll(async () => {
    browser = await launch({ javaScript, name: `staff-import-${mode}` });
    v = new Visitor(browser, baseUrl!, `staff-import-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("offers the template with the council's directorate codes", async () => {
    await v.signIn("admin@exampleton.gov.uk", PASSWORD);
    await v.goto("/admin/staff", "staff");
    await v.page.getByRole("button", { name: "Import staff from a spreadsheet", exact: true }).click();
    await v.page.waitForURL(/\/admin\/staff\/import$/);
    await v.settle("import");
    expect(await v.page.locator("h1").innerText()).toBe("Import staff from a spreadsheet");
    const template = await v.page.request.get(`${baseUrl}/admin/staff/template.csv`);
    expect(template.status()).toBe(200);
    expect(template.headers()["content-disposition"]).toBe('attachment; filename="staff-import-template.csv"');
    const text = await template.text();
    expect(text.split("\r\n")[0]).toBe("name,email,job title,team,role,directorate");
    expect(text).toMatch(/,investigating-officer,(corporate|environment|housing)\r\n/);
  });

  it("names every problem by row and column, and imports nothing", async () => {
    await v.page.setInputFiles("#file", file("mistakes", [`Ann Able,${ann},,,chief-officer,environment`, `Bo Bee,not-an-email,,,legal,`, `Cy Sea,cy.${stamp}@exampleton.gov.uk,,Payroll,investigating-officer,`]));
    await v.submit("Check the file", { text: "There is a problem" }, "problems");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/has 4 problems: correct them and select the file again/);
    expect(await v.page.locator(".govuk-error-summary a").first().getAttribute("href")).toBe("#file");
    const rows = (await v.page.locator("table tbody tr").allInnerTexts()).map((r) => r.replace(/\s+/g, " ").trim());
    expect(rows).toEqual([
      expect.stringMatching(/^2 role "chief-officer" is not a role; the roles are /),
      expect.stringMatching(/^3 email "not-an-email" is not an email address$/),
      expect.stringMatching(/^4 directorate Investigating officer is held within a directorate/),
      expect.stringMatching(/^4 team There is no team "Payroll"$/),
    ]);
    expect(await v.page.getByRole("button", { name: /^Import/ }).count()).toBe(0);
  });

  it("says what the corrected file would do, then imports it when confirmed", async () => {
    await v.page.setInputFiles(
      "#file",
      file("corrected", [`Ann Able,${ann},Complaints Officer,waste/collections,investigating-officer,environment`, `Ann Able,${ann},,,dcro,environment`, `Bo Bee,${bo},,,legal,`]),
    );
    await v.submit("Check the file", { text: "would do" }, "plan");
    const people = (await v.page.locator("table tbody tr").allInnerTexts()).map((r) => r.replace(/\s+/g, " ").trim());
    expect(people).toEqual([
      `Ann Able ${ann} New account Adds: Investigating officer (Environment) Adds: Departmental customer relations officer (Environment)`,
      `Bo Bee ${bo} New account Adds: Legal services (council-wide)`,
    ]);
    // The demo runs without single sign-on: the page says how new people get in.
    expect(await v.page.locator(".govuk-warning-text").innerText()).toMatch(/Single sign-on is not set up here/);
    await v.submit("Import 2 people", { url: /\/admin\/staff\/import\?imported=2\.0\.0\.0$/ }, "imported");
    expect(await v.page.locator(".govuk-notification-banner").innerText()).toMatch(/Imported: 2 new accounts\./);
    await v.goto("/admin/staff", "staff-after");
    const list = await v.page.locator("table").innerText();
    expect(list).toContain(ann);
    expect(list).toContain(bo);
  });

  it("the same file again changes nothing", async () => {
    await v.goto("/admin/staff/import");
    await v.page.setInputFiles("#file", file("again", [`Ann Able,${ann},,,investigating-officer,environment`, `Bo Bee,${bo},,,legal,`]));
    await v.submit("Check the file", { text: "would do" }, "again");
    expect(await v.page.locator("table tbody .govuk-tag").allInnerTexts()).toEqual(["No change", "No change"]);
    expect(await v.page.getByText("there is nothing to import").count()).toBe(1);
    expect(await v.page.getByRole("button", { name: /^Import/ }).count()).toBe(0);
  });

  it("maps a single sign-on group to a role on the groups page", async () => {
    await v.goto("/admin/single-sign-on", "sso");
    await v.page.fill("#group", `sg-waste-${stamp}`);
    await v.page.selectOption("#role", "investigating-officer");
    await v.page.selectOption("#directorate", "all");
    await v.submit("Add the group", { text: "There is a problem" }, "sso-error");
    expect(await v.page.locator("#directorate-error").innerText()).toMatch(/Investigating officer is held within a directorate: choose one/);
    await v.page.selectOption("#directorate", "environment");
    await v.submit("Add the group", { url: /saved=added/ }, "sso-added");
    const row = v.page.locator("table tbody tr", { hasText: `sg-waste-${stamp}` });
    expect((await row.innerText()).replace(/\s+/g, " ")).toMatch(/Investigating officer \(Environment\)/);
    await row.getByRole("button").click();
    await v.page.waitForURL(/saved=removed/);
    await v.settle("sso-removed");
    expect(await v.page.locator("table tbody tr", { hasText: `sg-waste-${stamp}` }).count()).toBe(0);
    await v.signOut();
  });

  it("had no accessibility problem, console error or failed request", () => {
    writeFileSync(path.join(cacheDir, `problems-staff-import-${mode}.json`), JSON.stringify(browser.problems, null, 2));
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
