/**
 * Configuration in the portal (issue 14, docs/decisions/0514-configuration-in-the-portal.md),
 * in Chromium with JavaScript off, the way every page must work: the administrator changes a
 * closure day and a service's plugin, sees what each change does (the open cases whose due
 * dates move) before saving it with a reason, then the result; takes a service off the public
 * form, which then does not offer it. Each change is put back at the end, so the other browser
 * tests meet the demo council as seeded. Every page is checked with axe; then every
 * configuration page once more with JavaScript on.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";
import { PASSWORD } from "./staff.js";

const baseUrl = inject("baseUrl");

function expectNoProblems(browser: Browser, name: string) {
  writeFileSync(path.join(cacheDir, `problems-${name}.json`), JSON.stringify(browser.problems, null, 2));
  expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
  expect(browser.problems.console).toEqual([]);
  expect(browser.problems.pageErrors).toEqual([]);
  expect(browser.problems.failedRequests).toEqual([]);
}

/** The next Wednesday at least a week away: open cases' due dates fall after it. */
function comingWednesday(): { day: string; month: string; year: string; long: RegExp } {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() + 7);
  while (d.getUTCDay() !== 3) d.setUTCDate(d.getUTCDate() + 1);
  const month = d.toLocaleDateString("en-GB", { month: "long", timeZone: "UTC" });
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()), long: new RegExp(`${d.getUTCDate()} ${month} ${d.getUTCFullYear()}`) };
}

describe.skipIf(!baseUrl)("an administrator configures the council in the portal, without JavaScript", () => {
  let browser: Browser;
  let v: Visitor;
  const closure = comingWednesday();

  beforeAll(async () => {
    browser = await launch({ javaScript: false, name: "configuration-nojs" });
    v = new Visitor(browser, baseUrl!, "configuration-nojs", false);
    await v.signIn("admin@exampleton.gov.uk", PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("adds a closure day: the check page says whose due dates move, nothing is saved without a reason, then the calendar shows it", async () => {
    await v.goto("/admin/calendar", "calendar");
    await Promise.all([v.page.waitForURL(/\/admin\/calendar\/change$/), v.page.getByRole("button", { name: "Change closure days and the cut-off" }).click()]);
    await v.settle("calendar-change");
    await v.page.fill("#newDate", closure.day);
    await v.page.fill("#newDate-month", closure.month);
    await v.page.fill("#newDate-year", closure.year);
    await v.page.fill("#newLabel", "Office move");
    await v.submit("Continue", { text: "Check the change to the calendar" }, "calendar-check");
    expect(await v.page.getByTestId("changes").innerText()).toMatch(/Office move/);
    expect(await v.page.getByTestId("moving-cases").innerText()).toMatch(/^(1 open case's|\d+ open cases') due dates move \(EXB-\d{4}-\d{6}/);

    await v.submit("Save the change", { text: "There is a problem" }, "calendar-no-reason");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/Enter why it changes/);
    await v.page.fill("#reason", "Office move agreed by the leadership team");
    await v.submit("Save the change", { url: /\/admin\/calendar\?saved=1$/ }, "calendar-saved");
    expect(await v.page.locator(".govuk-notification-banner").innerText()).toMatch(/The calendar is saved/);
    expect(await v.page.locator(".govuk-summary-list").innerText()).toMatch(closure.long);

    await v.goto("/audit-log", "audit-log");
    expect(await v.page.locator("main").innerText()).toMatch(/Reason: Office move agreed by the leadership team\s+Closure day: none → \w{3} \d{1,2} \w{3} \d{4} \(Office move\)/);
  });

  it("enables a plugin on a service: the check page names the service whose rules change, and the organisation page shows it after", async () => {
    await v.goto("/admin/plugins/highways", "plugins");
    await v.page.check('input[name="plugins"][value="housing"]');
    await v.submit("Continue", { text: "Check the plugins for Highways" }, "plugins-check");
    expect(await v.page.getByTestId("changes").innerText()).toMatch(/Service "Highways" \(highways\): plugins: none → housing/);
    await v.page.fill("#reason", "Highways complaints from council tenants follow the housing code");
    await v.submit("Save the change", { url: /\/admin\/organisation\?changed=plugins$/ }, "plugins-saved");
    const highways = v.page.locator("tr", { hasText: "Highways" });
    expect(await highways.innerText()).toMatch(/housing/);
    await v.goto("/admin/rules?service=highways&kind=complaint", "rules-highways");
    expect(await v.page.locator("main").innerText()).toMatch(/Housing Ombudsman Complaint Handling Code/);
  });

  it("a service's timescale above the statutory maximum is refused with the rule's words against its field", async () => {
    await v.goto("/admin/timescales?service=repairs", "timescales");
    await v.page.fill("[name='stages[0].acknowledgeDays']", "8");
    await v.page.fill("#source", "Repairs policy 2027");
    await v.submit("Continue", { text: "There is a problem" }, "timescales-refused");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/above the statutory maximum of 5 working days/);
    expect(await v.page.locator(".govuk-error-message").first().innerText()).toMatch(/Stage 1 acknowledgement to 8 working days/);
  });

  it("retiring a service that has cases is refused in plain words, and nothing changes", async () => {
    await v.goto("/admin/services/waste", "service-waste");
    await v.submit("Retire Waste and Recycling", { text: "There is a problem" }, "service-retire-refused");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/Waste and Recycling/);
    // The form still shows the service as it is, not blank fields.
    expect(await v.page.locator("#name").inputValue()).toBe("Waste and Recycling");
    await v.goto("/admin/organisation", "organisation-after-retire");
    expect(await v.page.locator("main").innerText()).toMatch(/Waste and Recycling/);
  });

  it("takes a service off the public form: /complain no longer offers it", async () => {
    await v.goto("/admin/public-services", "public-services");
    await v.page.uncheck('input[name="offered"][value="customer-services"]');
    await v.submit("Continue", { text: "Check the services residents can choose" }, "public-services-check");
    await v.page.fill("#reason", "Customer Services is internal");
    await v.submit("Save the change", { url: /\/admin\/public-services\?saved=1$/ }, "public-services-saved");

    const resident = await launch({ javaScript: false, name: "configuration-resident" });
    try {
      const r = new Visitor(resident, baseUrl!, "configuration-resident", false);
      await r.goto("/complain");
      await r.page.check("#kind");
      await r.submit("Continue", { text: "Which service is your complaint about?" }, "complain-services");
      const offered = await r.page.locator('input[name="service"]').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
      expect(offered).toContain("waste");
      expect(offered).not.toContain("customer-services");
      expectNoProblems(resident, "configuration-resident");
    } finally {
      await resident.close();
    }
  });

  it("puts each change back, through the same pages", async () => {
    await v.goto("/admin/calendar/change");
    const boxes = v.page.locator('input[name="keep"]');
    for (let i = 0; i < (await boxes.count()); i++) {
      const label = await v.page.locator(`label[for="${await boxes.nth(i).getAttribute("id")}"]`).innerText();
      if (/Office move/.test(label)) await boxes.nth(i).uncheck();
    }
    await v.submit("Continue", { text: "Check the change to the calendar" });
    await v.page.fill("#reason", "Office move cancelled");
    await v.submit("Save the change", { url: /\/admin\/calendar\?saved=1$/ });
    expect(await v.page.locator(".govuk-summary-list").innerText()).not.toMatch(/Office move/);

    await v.goto("/admin/plugins/highways");
    await v.page.uncheck('input[name="plugins"][value="housing"]');
    await v.submit("Continue", { text: "Check the plugins for Highways" });
    await v.page.fill("#reason", "Back to the corporate procedure");
    await v.submit("Save the change", { url: /\/admin\/organisation\?changed=plugins$/ });

    await v.goto("/admin/public-services");
    await v.page.check('input[name="offered"][value="customer-services"]');
    await v.submit("Continue", { text: "Check the services residents can choose" });
    await v.page.fill("#reason", "Offered again");
    await v.submit("Save the change", { url: /\/admin\/public-services\?saved=1$/ });
    expectNoProblems(browser, "configuration-nojs");
  });
});

describe.skipIf(!baseUrl)("the configuration pages with JavaScript on", () => {
  let browser: Browser;
  let v: Visitor;
  beforeAll(async () => {
    browser = await launch({ javaScript: true, name: "configuration-js" });
    v = new Visitor(browser, baseUrl!, "configuration-js", true);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("every page opens, passes axe and logs no error; the profile downloads as a file", async () => {
    await v.signIn("admin@exampleton.gov.uk", PASSWORD);
    for (const page of [
      "/admin",
      "/admin/organisation",
      "/admin/directorates/new",
      "/admin/directorates/environment",
      "/admin/services/new?directorate=environment",
      "/admin/services/waste",
      "/admin/plugins/waste",
      "/admin/timescales",
      "/admin/calendar/change",
      "/admin/limits",
      "/admin/letterhead",
      "/admin/ombudsmen",
      "/admin/ombudsmen/lgsco",
      "/admin/public-services",
      "/admin/rules?service=repairs&kind=complaint",
      "/admin/profile-file",
    ]) {
      await v.goto(page, page.replace(/[^a-z]+/g, "-"));
      expect(await v.page.locator("h1").count(), page).toBe(1);
    }
    const file = await v.page.request.get(`${baseUrl}/admin/profile-file/json`);
    expect(file.headers()["content-disposition"]).toMatch(/attachment; filename=".+-profile\.json"/);
    expect((await file.json()) as { directorates: unknown[] }).toMatchObject({ directorates: expect.any(Array), letterhead: expect.any(Object) });
    const yaml = await v.page.request.get(`${baseUrl}/admin/profile-file/yaml`);
    expect(yaml.headers()["content-type"]).toMatch(/^application\/yaml/);
    expect(await yaml.text()).toMatch(/^id: \S+\nname: Exampleton Borough Council\n/);
    expectNoProblems(browser, "configuration-js");
  });

  it("a complaints manager reads the calendar and the rules but is not offered changes", async () => {
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.goto("/admin/calendar");
    expect(await v.page.getByText("Change closure days and the cut-off").count()).toBe(0);
    const refused = await v.page.request.get(`${baseUrl}/admin/calendar/change`);
    expect(refused.status()).toBe(403);
  });
});
