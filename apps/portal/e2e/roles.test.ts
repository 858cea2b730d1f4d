/**
 * Each role signs in and opens the same complaint (Stage 1, acknowledged, being investigated,
 * in Corporate Services) and is offered exactly the actions its role and the rules allow now.
 * The expected lists are written out by hand from issue 3's role table and the 2024 code:
 * a change to either shows up here, on purpose.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";

const baseUrl = inject("baseUrl");
const PASSWORD = "demo-password";

const CONTACT = "Record a contact";
const NOTIFY = "Notify someone";
const ASSIGN = "Assign";
const REQUEST = "Request information";
const HOLDING = "Send a holding response";
const PARTICIPANT = "Add a participant";
const WITHDRAW = "Withdraw";
const PAUSE = "Pause";
const EXTEND = "Extend the deadline";
const STATEMENT = "Record the agreed statement of complaint";
const RESPOND = "Respond with outcome";
const OMBUDSMAN = "Record an Ombudsman enquiry";
// Correcting the record and referring a claim (issue 16; decisions 0105, 0325).
const EDIT = "Correct the details";
const RECATEGORISE = "Change category, priority or flags";
const TRANSFER = "Transfer to another service";
const CLAIM = "Refer to Legal as a claim";

const CASEWORK = [CONTACT, NOTIFY, REQUEST, HOLDING, PARTICIPANT, PAUSE, EXTEND, STATEMENT, RESPOND, EDIT, RECATEGORISE, CLAIM];

const ROLES: Array<{ role: string; email: string; actions: string[] | "cannot-see"; nav: string[] }> = [
  { role: "customer services officer", email: "cso@exampleton.gov.uk", actions: [CONTACT, NOTIFY, WITHDRAW, EDIT], nav: ["Work queue", "Log a case", "Customers", "Letters"] },
  { role: "investigating officer", email: "io.corporate@exampleton.gov.uk", actions: CASEWORK, nav: ["Work queue", "Log a case", "Customers", "Letters"] },
  { role: "departmental customer relations officer", email: "dcro.corporate@exampleton.gov.uk", actions: [...CASEWORK, ASSIGN, WITHDRAW, TRANSFER], nav: ["Work queue", "Log a case", "Customers", "Letters", "Reports"] },
  {
    role: "complaints manager",
    email: "manager@exampleton.gov.uk",
    actions: [...CASEWORK, ASSIGN, WITHDRAW, TRANSFER, OMBUDSMAN],
    nav: ["Work queue", "Log a case", "Customers", "Letters", "Ombudsman", "Inbound email", "Improvement actions", "Quality audits", "Reports"],
  },
  { role: "head of service", email: "hos.corporate@exampleton.gov.uk", actions: [CONTACT, NOTIFY, ASSIGN, RESPOND, RECATEGORISE, TRANSFER], nav: ["Work queue", "Customers", "Ombudsman", "Improvement actions", "Quality audits", "Reports"] },
  { role: "director", email: "director.corporate@exampleton.gov.uk", actions: [CONTACT, NOTIFY, RESPOND], nav: ["Work queue", "Customers", "Ombudsman", "Improvement actions", "Quality audits", "Reports"] },
  { role: "quality assurance", email: "qa@exampleton.gov.uk", actions: [], nav: ["Work queue", "Customers", "Ombudsman", "Improvement actions", "Quality audits", "Reports"] },
  { role: "legal services", email: "legal@exampleton.gov.uk", actions: [CONTACT, NOTIFY, RESPOND], nav: ["Work queue", "Customers", "Ombudsman"] },
  { role: "auditor", email: "auditor@exampleton.gov.uk", actions: [], nav: ["Work queue", "Customers", "Print room", "Ombudsman", "Improvement actions", "Quality audits", "Reports", "Audit log"] },
  { role: "administrator", email: "admin@exampleton.gov.uk", actions: "cannot-see", nav: ["Administration", "Audit log"] },
];

describe.skipIf(!baseUrl)("the actions each role is offered", () => {
  let browser: Browser;
  let v: Visitor;
  let casePath = "";

  beforeAll(async () => {
    browser = await launch({ javaScript: true, name: "roles" });
    v = new Visitor(browser, baseUrl!, "roles", true);
    // A complaint in Corporate Services, triaged and acknowledged by customer services.
    await v.signIn("cso@exampleton.gov.uk", PASSWORD);
    await v.goto("/cases/new");
    await v.page.selectOption("#service", "council-tax");
    await v.submit("Continue", { url: /\/cases\/new\/details/ });
    await v.page.fill("#fullName", `Robin Roles ${Date.now()}`);
    await v.page.fill("#description", "I was charged twice for October and nobody has replied to my two emails.");
    // The demo council already has open complaints like this one: the officer is asked to
    // check them (Southwark's duplication check) and confirms that this one is new.
    await v.submit("Log the case", { text: "Check the open cases that may be the same complaint" });
    await v.page.check("input[name=notDuplicate]");
    await v.submit("Log the case", { url: /\?done=log/ });
    casePath = new URL(v.page.url()).pathname;
    await v.click("Triage", { url: /\/triage$/ });
    await v.page.check("#outcome");
    await v.submit("Record the triage decision", { url: /\?done=triage/ });
    await v.click("Acknowledge", { url: /\/acknowledge$/ });
    await v.submit("Acknowledge", { url: /\?done=acknowledge/ });
    await v.signOut();
  });

  afterAll(async () => {
    await browser?.close();
  });

  for (const r of ROLES) {
    it(`the ${r.role}`, async () => {
      await v.signIn(r.email, PASSWORD);
      const nav = (await v.page.locator(".govuk-service-navigation__list a").allInnerTexts()).map((t) => t.trim());
      expect(nav).toEqual(r.nav);
      await v.goto(casePath, `role-${r.email.split("@")[0]}`);
      if (r.actions === "cannot-see") {
        expect(await v.page.locator("h1").innerText()).toBe("Page not found");
        // The browser logs the 404 it was deliberately sent here; that one is expected.
        const logged = browser.problems.console.findIndex((c) => c.includes(casePath) || c.includes("status of 404"));
        expect(logged).toBeGreaterThanOrEqual(0);
        browser.problems.console.splice(logged, 1);
        expect(await v.page.locator("main").innerText()).toContain("There is no such case");
      } else {
        // The next steps lead (buttons), the rest follow under "More actions": together, all that is offered.
        const offered = (await v.page.locator(".app-next-steps .govuk-button, .app-actions a").allInnerTexts()).map((t) => t.trim());
        expect(offered.sort()).toEqual([...r.actions].sort());
        if (r.actions.length === 0) expect(await v.page.locator("aside").innerText()).toContain("There is nothing your role can do on this case now");
        // Nothing is offered twice.
        expect(new Set(offered).size).toBe(offered.length);
      }
      await v.signOut();
    });
  }

  it("an action a role is not offered is refused if asked for directly, and says so", async () => {
    await v.signIn("cso@exampleton.gov.uk", PASSWORD);
    await v.goto(`${casePath}/respond`);
    expect(await v.page.locator("main").innerText()).toContain("The rules for this case, or your role, do not allow this now");
    await v.signOut();
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    writeFileSync(path.join(cacheDir, "problems-roles.json"), JSON.stringify(browser.problems, null, 2));
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
