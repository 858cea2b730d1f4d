/**
 * The public side of issue 6, with JavaScript on and with it off, in Debian's Chromium against
 * the real server: a member of the public makes a complaint one question at a time (seeing the
 * error summary once for a missing answer), gets a reference and tracking code with the dates
 * core set, answers the optional equality questions, checks the complaint, and, once staff
 * have answered Stage 1 on their own pages, asks for Stage 2 online. Every page is checked
 * with axe (WCAG 2.2 A/AA); no console error, page error or failed request may happen.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";

const baseUrl = inject("baseUrl");
const skipReason = inject("skipReason");
if (skipReason) console.log(skipReason);

const PASSWORD = "demo-password";

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("the public forms with JavaScript $mode", ({ javaScript, mode }) => {
  let browser: Browser;
  let v: Visitor;
  const stamp = `${mode}-${Date.now().toString(36)}`;
  let reference = "";
  let trackingCode = "";

  beforeAll(async () => {
    browser = await launch({ javaScript, name: `public-${mode}` });
    v = new Visitor(browser, baseUrl!, `public-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
  });

  const heading = () => v.page.locator("h1").first().innerText();

  it("a resident makes a complaint one question at a time, told once about a missing answer", async () => {
    await v.goto("/", "start");
    // "Start now" is a link drawn as a button (GOV.UK's start button).
    await v.page.getByRole("button", { name: "Start now" }).click();
    await v.page.waitForURL(/\/complain\/kind$/, { timeout: 30_000 });
    await v.page.getByText("What would you like to do?").first().waitFor({ timeout: 30_000 });
    await v.settle("kind");
    expect(await heading()).toBe("What would you like to do?");
    await v.submit("Continue", { text: "There is a problem" }, "kind-error");
    expect(await v.page.locator(".govuk-error-summary").count()).toBe(1);
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Select whether you want to make a complaint");
    expect(await v.page.locator("#kind-error").innerText()).toContain("Select whether you want to make a complaint");
    await v.page.check("#kind");
    await v.submit("Continue", { text: "Which service is your complaint about?" }, "service");
    expect(await v.page.locator(".govuk-error-summary").count()).toBe(0);
    await v.page.check('input[name="service"][value="waste"]');
    await v.submit("Continue", { text: "What happened?" }, "description");
    await v.page.fill("#description", `My green bin was missed on three collection days in a row (${stamp}).`);
    await v.submit("Continue", { text: "What would you like us to do to put things right?" }, "outcome");
    await v.page.fill("#desiredOutcome", "Empty the bin and make sure it does not happen again.");
    await v.submit("Continue", { text: "What is your name?" }, "name");
    await v.page.fill("#fullName", `Robin Public ${stamp}`);
    await v.submit("Continue", { text: "How would you like us to contact you?" }, "contact");
    await v.page.check("#contact");
    await v.page.fill("#email", `robin.${stamp}@example.com`);
    // Text updates as well (decision 0320): a landline is refused, a mobile taken.
    await v.page.check('input[name="contact"][value="text"]');
    await v.page.fill("#phone", "0113 496 0000");
    await v.submit("Continue", { text: "There is a problem" }, "contact-landline");
    expect(await v.page.locator("#phone-error").innerText()).toContain("Enter a UK mobile number");
    await v.page.fill("#phone", "07700 900123");
    await v.submit("Continue", { text: "Check your answers" }, "check");
    const answers = await v.page.locator(".govuk-summary-list").innerText();
    expect(answers).toContain("Waste and Recycling");
    expect(answers).toContain(`Email: robin.${stamp}@example.com`);
    expect(answers).toContain("Text message updates: 07700 900123");

    // Going back keeps what was typed.
    await v.click("Back", { url: /\/complain\/contact$/ });
    expect(await v.page.inputValue("#email")).toBe(`robin.${stamp}@example.com`);
    await v.submit("Continue", { text: "Check your answers" });

    await v.submit("Send", { text: "Complaint sent" }, "sent");
    reference = (await v.page.locator(".govuk-panel__body strong").innerText()).trim();
    trackingCode = (await v.page.locator("#tracking-code").innerText()).trim();
    expect(reference).toMatch(/^EXB-\d{4}-\d{6}$/);
    expect(trackingCode).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    // What happens next: the dates core set for this case, not a fixed number of days.
    expect(await v.page.locator("#next-dates").innerText()).toMatch(/We will acknowledge your complaint[\s\S]*by \w{3} \d{1,2} \w+ \d{4}[\s\S]*response by/);
  });

  it("offers the equality questions as a separate, optional step: consent first, answers never shown back", async () => {
    await v.submit("Answer the equality questions", { text: "Do you agree to answer some questions about yourself?" }, "equality-consent");
    await v.submit("Continue", { text: "There is a problem" }, "equality-consent-error");
    await v.page.check("#consent");
    await v.submit("Continue", { text: "About you" }, "equality-questions");
    await v.page.check('input[name="age_band"][value="35-44"]');
    await v.page.check('input[name="ethnicity"][value="prefer-not-to-say"]');
    await v.submit("Send your answers", { text: "Thank you for your answers" }, "equality-done");
    expect(await v.page.content()).not.toContain("35-44");
  });

  it("checks the complaint with the reference and tracking code; a wrong code is told apart from nothing", async () => {
    await v.goto("/track", "track");
    await v.page.fill("#reference", reference);
    await v.page.fill("#trackingCode", "AAAA-AAAA-AAAA");
    await v.submit("Check", { text: "There is a problem" }, "track-wrong");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("We could not find a case with that reference and tracking code");
    await v.page.fill("#trackingCode", trackingCode.toLowerCase().replace(/-/g, " "));
    await v.submit("Check", { text: reference }, "tracked");
    expect(await v.page.locator("#case-status").innerText()).toContain("we are checking your complaint");
    expect(await v.page.locator("#escalation-why").innerText()).toMatch(/after we have answered your complaint|after we have sent our/);
  });

  it("staff answer Stage 1 on their own pages", async () => {
    await v.signIn("cso@exampleton.gov.uk", PASSWORD);
    await v.goto(`/search?quick=${reference}`);
    await v.click(reference, { url: /\/cases\/[0-9a-f-]{36}$/ });
    const caseUrl = v.page.url();
    expect(await v.page.locator(".app-tracking-code").innerText()).toBe(trackingCode);
    expect(await v.page.locator(".app-timeline").innerText()).toContain("Member of the public (online form)");
    // How we contact the resident, and why (issue 15): they asked online for email and texts.
    const customerCard = await v.page.locator(".govuk-summary-card", { hasText: "How we contact the customer" }).innerText();
    expect(customerCard).toMatch(/By email: they asked for email/);
    expect(customerCard).toMatch(/Text messages: they agreed to text updates/);
    await v.click("Change how we contact the customer", { url: /\/contact\/customer$/ }, "contact-change");
    await v.page.check('input[name="contactChannel"][value="both"]');
    await v.submit("Save contact details", { text: "There is a problem" }, "contact-change-error");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Enter the address: they want us to write by post");
    await v.page.fill("#address", "1 High Street\nExampleton");
    await v.page.fill("#postcode", "ex1 1aa");
    await v.page.fill("#note", "Phoned to ask for letters too");
    await v.submit("Save contact details", { url: /\?contact=customer$/ }, "contact-changed");
    expect(await v.page.locator(".govuk-summary-card", { hasText: "How we contact the customer" }).innerText()).toMatch(/By email and post: they asked for both/);
    expect(await v.page.locator(".app-timeline").innerText()).toMatch(/Contact details changed[\s\S]*The customer's details\. Asked for: email → email and post; Address: nothing → 1 High Street, Exampleton; Postcode: nothing → EX1 1AA\. Why: Phoned to ask for letters too/);
    await v.goto(caseUrl.replace(baseUrl!, ""));
    await v.click("Triage", { url: /\/triage$/ });
    await v.page.check("#outcome");
    await v.submit("Record the triage decision", { url: /\?done=triage/ });
    await v.click("Acknowledge", { url: /\/acknowledge$/ });
    await v.submit("Acknowledge", { url: /\?done=/ });
    await v.signOut();
    await v.signIn("io.environment@exampleton.gov.uk", PASSWORD);
    await v.goto(caseUrl.replace(baseUrl!, ""));
    await v.click("Respond with outcome", { url: /\/respond$/ });
    await v.page.check("#outcome-3");
    await v.page.fill("#reasons", "The crew emptied the bin on each collection day; the tracker shows each lift.");
    await v.submit("Record the response", { url: /\?done=/ });
    await v.signOut();
  });

  it("the resident asks for Stage 2 online without giving a reason, and sees its dates", async () => {
    await v.goto("/escalate", "escalate");
    await v.page.fill("#reference", reference);
    await v.page.fill("#trackingCode", trackingCode);
    await v.submit("Continue", { text: "Ask for Stage 2" }, "escalate-confirm");
    expect(await heading()).toBe("Ask for Stage 2");
    await v.submit("Ask for Stage 2", { text: "Your complaint has gone to Stage 2" }, "escalated");
    expect(await v.page.locator("#next-dates").innerText()).toMatch(/Stage 2[\s\S]*by/);

    await v.goto("/track");
    await v.page.fill("#reference", reference);
    await v.page.fill("#trackingCode", trackingCode);
    await v.submit("Check", { text: reference }, "tracked-stage2");
    expect(await v.page.locator("#case-status").innerText()).toContain("Stage 2");
  });

  it("keeps an anonymous compliment's answers through Back and a refresh, each question at its own address and title (issue 16)", async () => {
    const title = () => v.page.title();
    const council = "Exampleton Borough Council";
    // With JavaScript the page changes without loading: the title and focus follow (routes/complain.$question.tsx).
    const focused = () => v.page.evaluate(() => (document.activeElement?.id || document.activeElement?.className) ?? "");
    await v.goto("/complain", "back-kind");
    expect(v.page.url()).toMatch(/\/complain\/kind$/);
    expect(await title()).toBe(`What would you like to do? – Make a complaint, compliment or comment – ${council}`);
    await v.page.check("#kind-2");
    await v.submit("Continue", { url: /\/complain\/service$/, text: "Which service is your compliment about?" });
    if (javaScript) await v.page.waitForFunction(() => document.title.startsWith("Which service is your compliment about?"));
    expect(await title()).toMatch(/^Which service is your compliment about\? – /);
    if (javaScript) expect(await focused()).toBe("service");
    await v.page.check('input[name="service"][value="highways"]');
    await v.submit("Continue", { url: /\/complain\/description$/, text: "What would you like to tell us?" });

    // The browser's Back button, twice, then a refresh: both answers are still there.
    await v.page.goBack();
    await v.page.waitForURL(/\/complain\/service$/);
    await v.page.getByText("Which service is your compliment about?").first().waitFor();
    expect(await v.page.isChecked('input[name="service"][value="highways"]')).toBe(true);
    await v.page.goBack();
    await v.page.waitForURL(/\/complain\/kind$/);
    await v.page.reload();
    await v.settle("back-kind-reloaded");
    expect(await v.page.isChecked("#kind-2")).toBe(true);
    await v.page.goForward();
    await v.page.waitForURL(/\/complain\/service$/);
    await v.page.reload();
    await v.settle("back-service-reloaded");
    expect(await v.page.isChecked('input[name="service"][value="highways"]')).toBe(true);
    await v.submit("Continue", { url: /\/complain\/description$/, text: "What would you like to tell us?" });

    // A missing answer: the title says so first; with JavaScript, focus is on the error summary.
    await v.submit("Continue", { text: "There is a problem" }, "back-description-error");
    if (javaScript) await v.page.waitForFunction(() => document.title.startsWith("Error: "));
    expect(await title()).toBe(`Error: What would you like to tell us? – Make a complaint, compliment or comment – ${council}`);
    if (javaScript) expect(await focused()).toContain("govuk-error-summary");
    await v.page.fill("#description", `The pothole on our road was filled the day after I reported it (${stamp}).`);
    await v.submit("Continue", { url: /\/complain\/name$/, text: "Would you like a reply?" });
    await v.page.check("#replyWanted-2");
    await v.submit("Continue", { url: /\/complain\/check$/, text: "Check your answers" }, "back-check");
    expect(await title()).toMatch(/^Check your answers before sending your compliment – /);
    expect(await v.page.locator(".govuk-summary-list").innerText()).toContain("Anonymous");

    // Change an answer from Check your answers, and come back to it.
    await v.click("Change service", { url: /\/complain\/service\?return=check$/ }, "back-change");
    await v.page.check('input[name="service"][value="waste"]');
    await v.submit("Continue", { url: /\/complain\/check$/, text: "Check your answers" });
    expect(await v.page.locator(".govuk-summary-list").innerText()).toContain("Waste and Recycling");
    await v.submit("Send", { url: /\/complain\/sent$/, text: "Compliment sent" }, "compliment-sent");
    expect(await v.page.getByText("we will not reply").count()).toBe(1);
    const sent = await v.page.locator(".govuk-panel__body strong").innerText();
    // A refresh of the confirmation shows the same compliment, not a second one.
    await v.page.reload();
    await v.settle();
    expect(await v.page.locator(".govuk-panel__body strong").innerText()).toBe(sent);
    // And the form starts afresh.
    await v.goto("/complain/check");
    expect(v.page.url()).toMatch(/\/complain\/kind$/);
    expect(await v.page.isChecked("#kind-2")).toBe(false);
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    writeFileSync(path.join(cacheDir, `problems-public-${mode}.json`), JSON.stringify(browser.problems, null, 2));
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
