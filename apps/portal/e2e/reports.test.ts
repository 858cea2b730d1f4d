/**
 * Issue 7 in the browser: the reports (annual table with the previous year in brackets, charts
 * with their figures, CSV downloads, housing, lessons learned, social care, equality), the
 * improvement actions (agreed, progressed, done), a quality review of a sampled response, a
 * resolution plan to the customer's satisfaction, and the staff equality form. Every page is
 * checked with axe; no console errors. With JavaScript on, and one form post with it off.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";

const baseUrl = inject("baseUrl");
const PASSWORD = "demo-password";

/** A date some days from now, as the GOV.UK date fields take it. */
function future(days: number) {
  const d = new Date(Date.now() + days * 86_400_000);
  return { day: String(d.getUTCDate()), month: String(d.getUTCMonth() + 1), year: String(d.getUTCFullYear()) };
}

async function fillDate(v: Visitor, name: string, date: { day: string; month: string; year: string }) {
  await v.page.fill(`#${name}`, date.day);
  await v.page.fill(`#${name}-month`, date.month);
  await v.page.fill(`#${name}-year`, date.year);
}

function problemsOf(browser: Browser, label: string) {
  writeFileSync(path.join(cacheDir, `problems-${label}.json`), JSON.stringify(browser.problems, null, 2));
  expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
  expect(browser.problems.console).toEqual([]);
  expect(browser.problems.pageErrors).toEqual([]);
  expect(browser.problems.failedRequests).toEqual([]);
}

describe.skipIf(!baseUrl)("reports, learning and quality checks (JavaScript on)", () => {
  let browser: Browser;
  let v: Visitor;
  let caseRef = "";
  let casePath = "";

  beforeAll(async () => {
    browser = await launch({ javaScript: true, name: "reports" });
    v = new Visitor(browser, baseUrl!, "reports", true);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const heading = () => v.page.locator("h1").first().innerText();

  it("the complaints manager reads the annual report, its charts and downloads it as CSV", async () => {
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.click("Reports", { url: /\/reports$/ }, "reports");
    expect(await heading()).toBe("Complaints report");
    const table = v.page.locator("#complaints-by-directorate");
    expect(await table.locator("caption").innerText()).toMatch(/Complaints by directorate and stage/);
    expect(await table.locator("tbody tr").count()).toBeGreaterThanOrEqual(4);
    expect(await table.locator("tbody").innerText()).toMatch(/\d+ \(\d+\)/);
    expect(await v.page.locator('svg[role="img"]').count()).toBeGreaterThanOrEqual(2);
    const main = await v.page.locator("main").innerText();
    for (const title of ["Outcomes, response times and extensions by stage", "The most common complaints in each directorate", "Stage 1 complaints escalated to Stage 2", "Reasons given for escalation", "Complaints not taken on, by reason", "Ombudsman and Information Commissioner", "Compensation awarded, by band", "Tenant Satisfaction Measures: complaints (CH01, CH02)"]) {
      expect(main, title).toContain(title);
    }
    const csv = await v.page.locator('a:has-text("Download every table of this report (CSV)")').getAttribute("href");
    const res = await v.page.request.get(baseUrl + csv!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.headers()["content-disposition"]).toMatch(/^attachment; filename="complaints-report-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv"$/);
    expect(await res.text()).toContain("Complaints by directorate and stage");
    // The housing plugin's measures (addReport), computed by the reports package (issue 17; decision 0711).
    expect(await v.page.locator('[id="plugin:housing.tsm-ch01-ch02"] tbody').innerText()).toMatch(/Stage 1 complaints received per 1,000 homes/);

    // One directorate, another year.
    await v.page.selectOption("#directorate", { label: "Housing and Communities" });
    await v.page.check("#year-2");
    await v.submit("Show the report", { url: /directorate=/ }, "reports-housing-directorate");
    expect(await v.page.locator("#complaints-by-directorate tbody th").allInnerTexts()).toEqual(["Housing and Communities", "Total"]);
  });

  it("the housing measures, lessons learned, social care and equality reports", async () => {
    await v.goto("/reports/housing", "reports-housing");
    expect(await heading()).toBe("Housing complaints");
    expect(await v.page.locator("main").innerText()).toMatch(/CH01 \(1\) Stage 1 complaints per 1,000 homes/);
    expect(await v.page.locator("main").innerText()).toContain("12,480");
    await v.goto("/reports/lessons", "reports-lessons");
    expect(await heading()).toBe("Lessons learned");
    expect(await v.page.locator(".govuk-summary-card").count()).toBeGreaterThan(0);
    await v.goto("/reports/social-care", "reports-social-care");
    expect(await heading()).toBe("Social care complaints");
    await v.goto("/reports/equality", "reports-equality");
    expect(await heading()).toBe("Equality monitoring");
    expect(await v.page.locator("#equality-age-band").count()).toBe(1);
    await v.page.selectOption("#by", "directorate");
    await v.submit("Break down", { url: /by=directorate/ }, "reports-equality-by-directorate");
    expect(await v.page.locator("#equality-age-band thead").innerText()).toContain("Directorate");
    // The demo council does not send the satisfaction survey: its report says so rather than "too few answers".
    await v.goto("/reports/satisfaction", "reports-satisfaction");
    expect(await heading()).toBe("Satisfaction survey");
    expect(await v.page.locator("main").innerText()).toContain("This council does not send the satisfaction survey");
  });

  it("agrees an improvement action with a milestone, records progress and completes it", async () => {
    await v.click("Improvement actions", { url: /\/improvement-actions$/ }, "improvement-actions");
    expect(await heading()).toBe("Improvement actions");
    expect(await v.page.locator("tr.app-overdue").count()).toBeGreaterThan(0);
    caseRef = (await v.page.locator("tbody tr td a").first().innerText()).trim();
    // A GOV.UK button link: a link styled as a button, with the button role.
    await v.page.getByRole("button", { name: "Agree an improvement action", exact: true }).click();
    await v.page.waitForURL(/\/improvement-actions\/new$/, { timeout: 30_000 });
    await v.settle("improvement-new");
    await v.page.fill("#reference", caseRef);
    await v.page.fill("#description", "Publish a checklist for refunds");
    await v.page.selectOption("#ownerId", { label: "Morgan Resolve, Complaints Manager" });
    await fillDate(v, "dueOn", future(60));
    await v.page.fill("#milestone1", "Checklist drafted");
    await fillDate(v, "milestone1Due", future(20));
    await v.submit("Agree the action", { text: "Improvement action agreed" }, "improvement-agreed");
    expect(await heading()).toBe("Publish a checklist for refunds");
    await v.page.check("#milestoneId");
    await v.submit("Record progress", { text: "Progress recorded" }, "improvement-progress");
    await v.page.fill("#note", "Checklist on the intranet and in use");
    await v.submit("Record as done", { text: "Improvement action recorded as done" }, "improvement-done");
    expect(await v.page.locator(".govuk-summary-list").first().innerText()).toContain("Checklist on the intranet and in use");
  });

  it("makes a resolution plan on the case and takes it to the customer's satisfaction check", async () => {
    await v.page.getByRole("link", { name: caseRef, exact: true }).first().click();
    await v.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/);
    await v.settle("case-with-plans");
    casePath = new URL(v.page.url()).pathname;
    expect(await v.page.locator("#resolution-plans-heading").innerText()).toBe("Resolution plans");
    // An answered case also offers agreeing an improvement action from the case itself.
    expect((await v.page.locator(".app-actions a").allInnerTexts()).map((t) => t.trim())).toContain("Agree an improvement action");
    await v.click("Make a resolution plan", { url: /\/plans\/new$/ }, "plan-new");
    await v.page.fill("#summary", "Refund the overcharge and confirm the account is right");
    await v.page.selectOption("#ownerId", { label: "Morgan Resolve, Complaints Manager" });
    await v.page.fill("#task1", "Refund the overcharge");
    await v.page.selectOption("#task1Owner", { label: "Morgan Resolve, Complaints Manager" });
    await fillDate(v, "task1Due", future(7));
    await v.submit("Make the plan", { text: "Resolution plan made" }, "plan-made");
    await v.page.check("#taskId");
    await v.submit("Record the task as done", { text: "Task recorded as done" }, "plan-task-done");
    await v.page.check("#satisfaction");
    await v.submit("Record the satisfaction check", { text: "the plan is complete" }, "plan-complete");
  });

  it("records equality monitoring for the customer, kept apart from the case", async () => {
    await v.goto(casePath);
    await v.click("Equality monitoring form", { url: /\/equality$/ }, "equality-form");
    await v.page.check("#consent");
    await v.page.check("#age_band-3");
    await v.submit("Store the form", { text: "The form has been stored apart from the case" }, "equality-stored");
    await v.goto(casePath);
    expect(await v.page.locator("main").innerText()).not.toMatch(/25 to 34|equality monitoring answers/i);
    await v.signOut();
  });

  it("quality assurance reviews a sampled response against the rubric, with a finding", async () => {
    await v.signIn("qa@exampleton.gov.uk", PASSWORD);
    await v.click("Quality audits", { url: /\/audits$/ }, "audits");
    expect(await heading()).toBe("Quality audits");
    const samples = await v.page.locator("table").first().locator("tbody a").evaluateAll((links) => links.map((a) => (a as HTMLAnchorElement).getAttribute("href")!));
    let reviewLink: string | null = null;
    for (const href of samples) {
      await v.goto(href, "audit-sample");
      const link = v.page.getByRole("link", { name: /^Review/ }).first();
      if (await link.count()) {
        reviewLink = await link.getAttribute("href");
        break;
      }
    }
    expect(reviewLink, "a sampled response waiting for review").not.toBeNull();
    await v.goto(reviewLink!, "audit-review");
    for (const fieldset of await v.page.locator("fieldset").all()) {
      const met = fieldset.locator('input[value="met"]');
      if ((await met.count()) && !(await fieldset.locator("input:checked").count())) await met.check();
    }
    await v.page.fill("#finding", "The apology did not say what went wrong");
    await v.page.check("#risk-2");
    await v.submit("Save the review", { text: "Review saved" }, "audit-reviewed");
    expect(await v.page.locator("main").innerText()).toMatch(/Medium risk/);
    await v.page.fill("#description", "Go through apologies with the team");
    await v.page.selectOption("#ownerId", { label: "Quinn Assure, Quality Assurance Officer" });
    await fillDate(v, "dueOn", future(30));
    await v.submit("Add the remedial action", { text: "Remedial action added" }, "audit-remedial");
    await v.signOut();
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    problemsOf(browser, "reports");
  });
});

describe.skipIf(!baseUrl)("improvement actions without JavaScript", () => {
  let browser: Browser;
  let v: Visitor;

  beforeAll(async () => {
    browser = await launch({ javaScript: false, name: "reports-nojs" });
    v = new Visitor(browser, baseUrl!, "reports-nojs", false);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("a form post with JavaScript off: the error summary, then the action agreed", async () => {
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.goto("/improvement-actions", "nojs-improvement-actions");
    const caseRef = (await v.page.locator("tbody tr td a").first().innerText()).trim();
    await v.goto("/improvement-actions/new");
    await v.submit("Agree the action", { text: "There is a problem" }, "nojs-improvement-errors");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Enter the reference of the case the lesson came from");
    await v.page.fill("#reference", caseRef);
    await v.page.fill("#description", "Train the contact centre on the escalation route");
    await v.page.selectOption("#ownerId", { label: "Morgan Resolve, Complaints Manager" });
    await fillDate(v, "dueOn", future(45));
    await v.submit("Agree the action", { url: /\/improvement-actions\/[0-9a-f-]{36}\/\d+\/[a-z0-9-]+\?done=created$/ }, "nojs-improvement-agreed");
    expect(await v.page.locator("h1").first().innerText()).toBe("Train the contact centre on the escalation route");
    await v.goto("/reports", "nojs-reports");
    expect(await v.page.locator("#complaints-by-directorate").count()).toBe(1);
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    problemsOf(browser, "reports-nojs");
  });
});
