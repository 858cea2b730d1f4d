/**
 * The staff pages of issue 6 in Debian's Chromium against the real server on PGlite: letters
 * on the case page (write, check, preview as PDF, issue, download) and files (upload, list,
 * timeline), with JavaScript on and off; then the print room, the Ombudsman list and the
 * administration pages (staff and roles, API keys, plugins) with it on. Every page is checked
 * with axe (WCAG 2.2 A/AA) and no console error, page error or failed request may happen.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";
import { ApiClient, caseWithStage1Response, fillMissingSections, issueStage1Letter, PASSWORD, phoneCaseAwaitingAddress, submitNative } from "./staff.js";

const baseUrl = inject("baseUrl");

/** A small real PDF's first bytes are enough: the API checks the type by its magic number. */
const PDF = Buffer.concat([Buffer.from("%PDF-1.4\n"), Buffer.alloc(2048, 0x20), Buffer.from("\n%%EOF\n")]);

function expectNoProblems(browser: Browser, name: string) {
  writeFileSync(path.join(cacheDir, `problems-${name}.json`), JSON.stringify(browser.problems, null, 2));
  expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
  expect(browser.problems.console).toEqual([]);
  expect(browser.problems.pageErrors).toEqual([]);
  expect(browser.problems.failedRequests).toEqual([]);
}

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("letters and files on the case page with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  let casePath = "";
  let customer = "";
  const stamp = `${mode}-${Date.now().toString(36)}`;

  beforeAll(async () => {
    ({ caseId: casePath, customer } = await caseWithStage1Response(baseUrl!, stamp).then((c) => ({ caseId: `/cases/${c.caseId}`, customer: c.customer })));
    browser = await launch({ javaScript, name: `staff-letters-${mode}` });
    v = new Visitor(browser, baseUrl!, `staff-letters-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("shows the letters the case is waiting for, and who each goes to", async () => {
    await v.signIn("dcro.environment@exampleton.gov.uk", PASSWORD);
    await v.goto(casePath, "case-letters");
    const letters = await v.page.locator("section[aria-labelledby='letters']").innerText();
    expect(letters).toMatch(/Waiting to be written/);
    // The task names what the letter still lacks (decision 0321), then who it goes to.
    expect(letters).toMatch(/Write the Stage 1 response[\s\S]*Missing:[\s\S]*The customer/);
  });

  it("writes the Stage 1 response: plain English advice beside the text, a preview as a PDF, what it lacks in the error summary, then issues it", async () => {
    await v.click("Write the Stage 1 response", { url: /\/letters\/\d+$/ }, "letter-write");
    expect(await v.page.locator("h1").innerText()).toBe("Write the Stage 1 response");
    expect(await v.page.locator(".govuk-summary-list").first().innerText()).toContain(customer);

    // Council jargon in the officer's words is flagged beside them, before anything is issued.
    await v.page.fill("#section-reasons", "The crew's round sheet left your street out. Your substantive response is this letter.");
    await v.submit("Check the letter", { text: "Plain English" }, "letter-checked");
    expect(await v.page.locator(".app-advice").first().innerText()).toMatch(/“substantive response”: Say “full response” instead/);

    // The preview opens in a new tab as a PDF.
    const pdf = browser.context.waitForEvent("response", { predicate: (r) => r.url().endsWith("/preview"), timeout: 30_000 });
    const opened = browser.context.waitForEvent("page", { timeout: 30_000 });
    await v.page.getByRole("button", { name: "Preview as PDF (opens in a new tab)", exact: true }).click();
    const preview = await pdf;
    expect(preview.status()).toBe(200);
    expect(preview.headers()["content-type"]).toBe("application/pdf");
    await (await opened).close();

    // Issued without a postal address (a phone complaint, a phone number only): the error summary says so.
    await v.submit("Issue the letter", { text: "There is a problem" }, "letter-missing");
    const summary = await v.page.locator(".govuk-error-summary").innerText();
    expect(summary).toMatch(/The letter needs the customer's postal address/);
    expect(await v.page.locator(".govuk-error-summary a").first().getAttribute("href")).toMatch(/^#/);

    await v.page.fill("#customerAddress", "4 Bin Lane\nExampleton");
    await v.page.fill("#customerAddressPostcode", "ex4 2bl");
    await fillMissingSections(v);
    await v.submit("Issue the letter", { url: /\?letterIssued=/ }, "letter-issued");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toContain(`Letter issued: Stage 1 response to ${customer}`);
  });

  it("downloads the issued letter exactly as stored, and lists it on the case", async () => {
    const href = await v.page.getByRole("link", { name: "Download the letter (PDF)" }).getAttribute("href");
    const res = await v.page.request.get(baseUrl! + href!);
    expect(res.status()).toBe(200);
    expect(res.headers()["content-type"]).toBe("application/pdf");
    expect((await res.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(res.headers()["repr-digest"]).toMatch(/^sha-256=:/);
    const issued = await v.page.locator("section[aria-labelledby='letters']").innerText();
    // By post: the sender puts it in the print room's queue moments after the issue (decision 0318).
    expect(issued).toMatch(/Stage 1 response \(PDF\)[\s\S]*(Waiting for the post|By post)/);
    expect(await v.page.locator(".app-timeline").innerText()).toContain("Letter issued");
  });

  it("adds a file to the case, which lists it and shows it on the timeline; a file that is not what it says is refused", async () => {
    await v.goto(casePath);
    // No file chosen: with JavaScript the page says so before sending anything; without, the API's answer does.
    if (javaScript) {
      await v.page.getByRole("button", { name: "Add the file", exact: true }).click();
      await v.page.locator("#file-error").waitFor({ timeout: 10_000 });
    } else {
      await submitNative(v, "Add the file", /\?attachmentError=no-file/, "file-none");
      expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Select a file");
    }
    expect(await v.page.locator("#file-error").innerText()).toContain("Select a file");
    await v.page.fill("#description", "Photo of the uncollected boxes");
    await v.page.setInputFiles("#file", { name: `boxes-${stamp}.pdf`, mimeType: "application/pdf", buffer: PDF });
    await submitNative(v, "Add the file", /\?attached=/, "file-added");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toContain(`File added: boxes-${stamp}.pdf`);
    expect(await v.page.locator(".app-files").innerText()).toContain(`boxes-${stamp}.pdf`);
    expect(await v.page.locator(".app-timeline").innerText()).toMatch(new RegExp(`File added[\\s\\S]*boxes-${stamp}\\.pdf`));

    await v.page.setInputFiles("#file", { name: "not-really.pdf", mimeType: "application/pdf", buffer: Buffer.from("MZ this is a program") });
    await submitNative(v, "Add the file", /\?attachmentError=content-does-not-match-type/, "file-refused");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("The selected file is not the type its name says");
    expect(await v.page.locator(".app-files").innerText()).not.toContain("not-really.pdf");
    await v.signOut();
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    expectNoProblems(browser, `staff-letters-${mode}`);
  });
});

/**
 * Issue 16, "the case page leads": the steps the rules expect next are the page's buttons, with
 * their date; assign offers an officer who never touched the case, with their caseload; and an
 * extension is checked (new date, days left, what is sent) before it is made.
 */
describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("the case page leads with the next step, with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  let casePath = "";
  let officer = "";
  const stamp = `lead-${mode}-${Date.now().toString(36)}`;
  const nextSteps = async () => (await v.page.locator(".app-next-steps .govuk-button").allInnerTexts()).map((t) => t.trim());

  beforeAll(async () => {
    // A phone complaint triaged by customer services: nobody else has touched it.
    const cso = await new ApiClient(baseUrl!).signIn("cso@exampleton.gov.uk");
    const { caseId } = await cso.mutation<{ caseId: string }>("cases.log", {
      kind: "complaint",
      channel: "phone",
      serviceId: "waste",
      description: `The bins on our road were missed twice (${stamp}).`,
      desiredOutcome: "Collect them",
      customer: { fullName: `Lee Lead ${stamp}`, email: `lee.${stamp}@example.com` },
    });
    await cso.mutation("command.triage", { caseId, expectedVersion: 1, outcome: "accept" });
    casePath = `/cases/${caseId}`;
    officer = (await (await new ApiClient(baseUrl!).signIn("io.environment@exampleton.gov.uk")).query<{ name: string }>("auth.me")).name;
    browser = await launch({ javaScript, name: `case-leads-${mode}` });
    v = new Visitor(browser, baseUrl!, `case-leads-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("leads with assigning and acknowledging, and assign offers an officer who never touched the case, with their open cases", async () => {
    await v.signIn("dcro.environment@exampleton.gov.uk", PASSWORD);
    await v.goto(casePath, "lead-accepted");
    expect(await nextSteps()).toEqual(["Assign", "Acknowledge"]);
    expect(await v.page.locator(".app-next-steps").innerText()).toMatch(/Acknowledge by \d{1,2} [A-Z][a-z]+ \d{4}/);
    // The next step is in the first screenful, not below the summary.
    const box = await v.page.locator(".app-next-steps .govuk-button").first().boundingBox();
    expect(box!.y + box!.height).toBeLessThan(v.page.viewportSize()!.height);
    expect(await v.page.locator("aside h2").first().innerText()).toBe("More actions");

    await v.click("Assign", { url: /\/assign$/ }, "lead-assign");
    const offered = await v.page.locator("#handlerId option").allInnerTexts();
    const choice = offered.find((o) => o.startsWith(`${officer} — Investigating officer — `));
    expect(choice).toMatch(/ — \d+ open cases?$/);
    await v.page.selectOption("#handlerId", { label: choice! });
    await v.submit("Assign", { url: /\?done=assign/ }, "lead-assigned");
    const banner = await v.page.locator(".govuk-notification-banner").first().innerText();
    expect(banner).toContain(`Assigned to ${officer}`);
    expect(banner).toMatch(/Next: acknowledge by \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(banner).not.toContain("Done:");
  });

  it("acknowledges from the button, then leads with the response; an extension is checked before it is made", async () => {
    await v.click("Acknowledge", { url: /\/acknowledge$/ });
    await v.submit("Acknowledge", { url: /\?done=acknowledge/ }, "lead-acknowledged");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toMatch(/Stage 1: acknowledged[\s\S]*Next: respond with outcome by \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(await nextSteps()).toEqual(["Respond with outcome"]);

    await v.click("Extend the deadline", { url: /\/extend$/ });
    await v.page.fill("#workingDays", "5");
    await v.page.fill("#reason", "We are waiting for the crew's tracking records.");
    await v.page.check("#ombudsmanDetailsGiven");
    await v.submit("Continue", { text: "Check the extension before you make it" }, "lead-extend-check");
    const check = await v.page.locator(".govuk-summary-list").innerText();
    expect(check).toMatch(/New response date\s+[A-Z][a-z]+ \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(check).toMatch(/Extension left after this\s+\d+ of \d+ working days/);
    expect(await v.page.locator("main").innerText()).toMatch(/What we will send[\s\S]*extension/i);
    const newDate = /New response date\s+[A-Z][a-z]+ (\d{1,2} [A-Z][a-z]+ \d{4})/.exec(check)![1]!;
    await v.submit("Extend the deadline", { url: /\?done=extend/ }, "lead-extended");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toContain(`Deadline extended by 5 working days to ${newDate}`);
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    expectNoProblems(browser, `case-leads-${mode}`);
  });
});

describe.skipIf(!baseUrl)("the print room, the Ombudsman list and administration with JavaScript on", () => {
  let browser: Browser;
  let v: Visitor;
  const stamp = Date.now().toString(36);

  beforeAll(async () => {
    browser = await launch({ javaScript: true, name: "staff-admin" });
    v = new Visitor(browser, baseUrl!, "staff-admin", true);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it("the sign-in page says when a session has ended, and offers single sign-on only where it is set up", async () => {
    await v.goto("/sign-in?expired=1&returnTo=%2Fombudsman", "sign-in-expired");
    expect(await v.page.locator(".govuk-notification-banner").innerText()).toContain("Your session has ended. Sign in again to carry on.");
    // This server has no OIDC settings (global-setup), so there is no council-account button.
    expect(await v.page.getByRole("button", { name: "Sign in with your council account" }).count()).toBe(0);
  });

  it("a letter waiting for an address goes once the address is added to the customer's record, and the case page says so", async () => {
    const { caseId } = await phoneCaseAwaitingAddress(baseUrl!, `address-${stamp}`);
    await v.signIn("cso@exampleton.gov.uk", PASSWORD);
    await v.goto(`/cases/${caseId}`);
    await v.click("Write the acknowledgement", { url: /\/cases\/[0-9a-f-]{36}\/letters\/\d+$/ }, "letter-awaiting-address");
    await v.click("add it to their record", { url: /\/contact\/customer$/ }, "contact-from-letter");
    await v.page.fill("#address", "4 Wall Street\nExampleton");
    await v.page.fill("#postcode", "EX4 4WW");
    await v.submit("Save contact details", { url: /\?contact=customer&lettersSent=1$/ }, "contact-saved-letter-sent");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toContain("Saved how we contact the customer. The letter that waited for these details has been sent");
    expect(await v.page.getByRole("link", { name: "Write the acknowledgement" }).count()).toBe(0);
    await v.signOut();
  });

  it("customer services print the letters waiting for the post as a batch, download it and its manifest, and confirm it posted", async () => {
    // A letter of its own, so the test does not depend on the ones before it.
    const { caseId } = await caseWithStage1Response(baseUrl!, `print-${stamp}`);
    await v.signIn("dcro.environment@exampleton.gov.uk", PASSWORD);
    await v.goto(`/cases/${caseId}`);
    await issueStage1Letter(v, { lines: "9 Print Street\nExampleton", postcode: "EX9 9PP" });
    await v.signOut();

    await v.signIn("cso@exampleton.gov.uk", PASSWORD);
    await v.click("Letters", { url: /\/letters$/ }, "letters");
    await v.click("Print room: letters waiting for the post, and print batches", { url: /\/letters\/print-room$/ }, "print-room");
    expect(await v.page.locator("main").innerText()).toMatch(/Waiting for the post[\s\S]*EXB-/);
    await v.submit("Make a print batch", { url: /\?built=/ }, "print-batch-built");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toMatch(/Print batch made: \d+ letters?/);

    const pdfHref = await v.page.getByRole("link", { name: /^PDF to print/ }).first().getAttribute("href");
    const pdf = await v.page.request.get(baseUrl! + pdfHref!);
    expect(pdf.headers()["content-type"]).toBe("application/pdf");
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    const csvHref = await v.page.getByRole("link", { name: /^Manifest \(CSV\)/ }).first().getAttribute("href");
    const csv = await v.page.request.get(baseUrl! + csvHref!);
    expect(csv.headers()["content-type"]).toMatch(/^text\/csv/);
    expect(await csv.text()).toMatch(/EXB-/);

    await v.page.getByRole("button", { name: /^Confirm posted/ }).first().click();
    await v.page.waitForURL(/\?done=confirm/, { timeout: 30_000 });
    await v.settle("print-batch-posted");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toContain("recorded as posted");
    expect(await v.page.locator("main").innerText()).toMatch(/Past batches[\s\S]*Posted/);
    await v.signOut();
  });

  it("the complaints manager sees every open Ombudsman enquiry with its deadline, linking to the case", async () => {
    await v.signIn("manager@exampleton.gov.uk", PASSWORD);
    await v.click("Ombudsman", { url: /\/ombudsman$/ }, "ombudsman");
    const table = v.page.locator("table");
    expect(await table.innerText()).toMatch(/Local Government and Social Care Ombudsman/);
    expect(await table.locator("tbody tr").count()).toBeGreaterThan(0);
    await v.page.selectOption("#state", "awaiting-decision");
    await v.submit("Filter", { url: /state=awaiting-decision/ }, "ombudsman-filtered");
    const states = await v.page.locator("tbody tr td:last-child").allInnerTexts();
    expect(states.length).toBeGreaterThan(0);
    expect(new Set(states.map((s) => s.trim()))).toEqual(new Set(["Waiting for the decision"]));
    await v.page.locator("tbody tr th a").first().click();
    await v.page.waitForURL(/\/cases\/[0-9a-f-]{36}$/, { timeout: 30_000 });
    await v.settle();
    await v.signOut();
  });

  it("an administrator adds a member of staff as an administrator, who can then sign in", async () => {
    await v.signIn("admin@exampleton.gov.uk", PASSWORD);
    await v.click("Staff and roles", { url: /\/admin\/staff$/ }, "admin-staff");
    // A link styled as a button (GOV.UK), so its role is "button".
    await v.page.getByRole("button", { name: "Add a member of staff", exact: true }).click();
    await v.page.waitForURL(/\/admin\/staff\/new$/, { timeout: 30_000 });
    await v.settle("admin-staff-new");
    await v.submit("Add the member of staff", { text: "There is a problem" }, "admin-staff-errors");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/Enter the person's name[\s\S]*Choose at least one role/);
    await v.page.fill("#name", `Robin Admin ${stamp}`);
    await v.page.fill("#email", `robin.${stamp}@exampleton.gov.uk`);
    // Issue 20: a common password is refused, saying why.
    await v.page.fill("#password", "password1234");
    await v.page.check("#grant-administrator-0");
    await v.submit("Add the member of staff", { text: "There is a problem" });
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/harder to guess/);
    await v.page.fill("#password", "violet harbour lantern");
    await v.submit("Add the member of staff", { url: /\/admin\/staff\?added=/ }, "admin-staff-added");
    expect(await v.page.locator(".govuk-notification-banner").innerText()).toContain(`Robin Admin ${stamp} has been added`);
    expect(await v.page.locator("table").innerText()).toMatch(new RegExp(`Robin Admin ${stamp}[\\s\\S]*Administrator \\(council-wide\\)`));

    await v.click(`Robin Admin ${stamp}`, { url: /\/admin\/staff\/[0-9a-f-]{36}$/ }, "admin-staff-person");
    await v.submit("Unlock the account", { url: /done=unlocked/ });
    await v.signOut();
    // The first password was set by an administrator: choose one's own before anything else (issue 20).
    await v.goto("/sign-in");
    await v.page.fill("#email", `robin.${stamp}@exampleton.gov.uk`);
    await v.page.fill("#password", "violet harbour lantern");
    await v.submit("Sign in", { url: /\/account\/password\?/ }, "choose-password");
    await v.goto("/admin");
    expect(v.page.url()).toMatch(/\/account\/password\?returnTo=%2Fadmin$/);
    await v.page.fill("#currentPassword", "violet harbour lantern");
    await v.page.fill("#newPassword", "aaaaaaaaaaaa");
    await v.page.fill("#confirmPassword", "aaaaaaaaaaaa");
    await v.submit("Save new password", { text: "There is a problem" }, "choose-password-errors");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toMatch(/Repeated characters like "aaa" are easy to guess/);
    await v.page.fill("#currentPassword", "violet harbour lantern");
    await v.page.fill("#newPassword", "marble orchard quietly sings");
    await v.page.fill("#confirmPassword", "marble orchard quietly sings");
    await v.submit("Save new password", { url: /\/sign-in\?passwordChanged=1/ });
    await v.signIn(`robin.${stamp}@exampleton.gov.uk`, "marble orchard quietly sings");
    expect(v.page.url()).toMatch(/\/admin$/);
    await v.signOut();
  });

  it("an administrator creates an API key, seen once, and revokes it; and opens a service's plugins", async () => {
    await v.signIn("admin@exampleton.gov.uk", PASSWORD);
    await v.click("API keys", { url: /\/admin\/api-keys$/ }, "admin-api-keys");
    await v.page.fill("#name", `Website form ${stamp}`);
    await v.page.check("#directorateIds");
    await v.page.check("#scopes");
    await v.submit("Create the key", { text: "API key created" }, "admin-api-key-created");
    expect(await v.page.getByTestId("new-api-key").innerText()).toMatch(/^cmk_[a-z0-9]{8}_/);
    await v.page.getByRole("button", { name: `Revoke the key Website form ${stamp}` }).click();
    await v.page.getByRole("row", { name: new RegExp(`Website form ${stamp}`) }).getByText("Revoked").waitFor({ timeout: 30_000 });
    await v.settle();
    expect(await v.page.getByTestId("new-api-key").count()).toBe(0);

    await v.goto("/admin/organisation");
    await v.page.getByRole("link", { name: /^Change the plugins of / }).first().click();
    await v.page.waitForURL(/\/admin\/plugins\/[a-z0-9-]+$/, { timeout: 30_000 });
    await v.settle("admin-plugins");
    // A change is checked first, and saved only with a reason (decision 0514).
    await v.submit("Continue", { text: "Check the plugins for" });
    await v.submit("Save the change", { text: "There is a problem" });
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Enter why it changes");
    await v.signOut();
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    expectNoProblems(browser, "staff-admin");
  });
});
