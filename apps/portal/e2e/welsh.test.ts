/**
 * Issue 15, "Welsh" and "Satisfaction" (docs/decisions/0517-welsh-public-forms.md, 0516), in
 * Debian's Chromium against a real server of its own (server/boot.ts) holding one council that
 * offers Welsh on request: a resident switches the public pages to Cymraeg in the header, makes
 * a complaint in Welsh, and the complaint keeps their language; follows it, asks for the next
 * stage and answers the equality questions in Welsh, with no English left on any of those
 * pages, and the language chosen there reaches the case too; a resident opens the
 * satisfaction survey from their link, answers it in Welsh once, and the link then says it no
 * longer works. Every page is checked with axe (WCAG 2.2 A/AA) and has <html lang="cy">.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { addStaff, createCaller, createContextInner, installCouncil, type InstalledCouncil, type Started } from "@complaints/api";
import { defaultProfile } from "@complaints/core";
import { freePort } from "@complaints/vitest-config/postgres";
import { bootServer } from "../server/boot.js";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";

const baseUrl = inject("baseUrl");
const root = path.resolve(import.meta.dirname, "..");

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("the public pages in Welsh with JavaScript $mode", ({ javaScript, mode }) => {
  let started: Started;
  let dataDir: string;
  let browser: Browser;
  let v: Visitor;
  let councilId: string;
  let installed: InstalledCouncil;
  let sent: { reference: string; trackingCode: string };

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(cacheDir, `pglite-welsh-${mode}-`));
    const port = await freePort();
    const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
    started = await bootServer({
      build,
      clientDir: path.join(root, "build/client"),
      quiet: true,
      env: { NODE_ENV: "production", PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, DATA_DIR: dataDir, SEED_DEMO: "false", PUBLIC_REQUESTS_PER_IP: "100000", PUBLIC_SUBMISSIONS_PER_IP: "1000", PUBLIC_LOOKUP_FAILURES_PER_IP: "1000" },
    });
    installed = await installCouncil(
      started.deps.database.db,
      { slug: "cymru", profile: { ...defaultProfile, name: "Cyngor Prawf", referencePrefix: "CYP", correspondence: { languages: "welsh-on-request", satisfactionSurvey: { enabled: true, daysAfterClosure: 1 } } } },
      [],
      new Date(),
    );
    councilId = installed.councilId;
    browser = await launch({ javaScript, name: `welsh-${mode}` });
    v = new Visitor(browser, `http://localhost:${port}`, `welsh-${mode}`, javaScript);
  });
  afterAll(async () => {
    await browser?.close();
    await started?.close();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-audit.key`, { force: true });
    }
  });

  const lang = () => v.page.locator("html").getAttribute("lang");

  it("switches to Cymraeg from the header and makes a complaint in Welsh, which keeps the resident's language", async () => {
    await v.goto("/complain", "english");
    expect(await lang()).toBe("en");
    await v.click("Cymraeg", { url: /\/complain\/kind$/ }, "cymraeg");
    expect(await lang()).toBe("cy");
    expect(await v.page.locator("h1").first().innerText()).toBe("Beth hoffech chi ei wneud?");
    expect(await v.page.locator("header").innerText()).toContain("Gwneud cwyn");
    await v.submit("Parhau", { text: "Mae problem wedi codi" }, "gwall");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Dewiswch a ydych am wneud cwyn");
    await v.page.check("#kind");
    await v.submit("Parhau", { text: "Am ba wasanaeth mae eich cwyn?" }, "gwasanaeth");
    await v.page.check('input[name="service"]');
    await v.submit("Parhau", { text: "Beth ddigwyddodd?" });
    await v.page.fill("#description", "Ni chasglwyd fy min gwyrdd dair wythnos yn olynol.");
    await v.submit("Parhau", { text: "Beth hoffech chi i ni ei wneud i unioni pethau?" });
    await v.page.fill("#desiredOutcome", "Casglu'r bin a sicrhau nad yw'n digwydd eto.");
    await v.submit("Parhau", { text: "Beth yw eich enw?" });
    await v.page.fill("#fullName", "Gwenllian Prys");
    await v.submit("Parhau", { text: "Sut hoffech chi i ni gysylltu â chi?" });
    await v.page.check("#contact");
    await v.page.fill("#email", `gwenllian-${mode}@example.com`);
    await v.submit("Parhau", { text: "Gwiriwch eich atebion" }, "gwirio");
    expect(await v.page.locator("main").innerText()).toContain("Beth ddigwyddodd");
    await v.submit("Anfon", { text: "Cwyn wedi'i hanfon" }, "anfonwyd");
    expect(await lang()).toBe("cy");
    const reference = (await v.page.locator(".govuk-panel__body strong").innerText()).trim();
    expect(reference).toMatch(/^CYP-\d{4}-\d+$/);
    expect(await v.page.locator("main").innerText()).toContain("Eich cod olrhain");
    sent = { reference, trackingCode: (await v.page.locator("#tracking-code").innerText()).trim() };
    const stored = await started.deps.database.db
      .selectFrom("cases")
      .innerJoin("customers", "customers.id", "cases.customer_id")
      .select("customers.language")
      .where("cases.reference", "=", reference)
      .executeTakeFirstOrThrow();
    expect(stored.language).toBe("cy");
    // And back to English, from the same header: the choice stays for the pages that follow.
    await v.click("English", { url: /\/complain\/sent$/ }, "english-again");
    expect(await lang()).toBe("en");
    await v.goto("/how-we-handle-complaints");
    expect(await lang()).toBe("en");
    // A page not yet in Welsh stays English, marked so, and says so in Welsh.
    await v.click("Cymraeg", { url: /\/how-we-handle-complaints$/ }, "not-translated");
    expect(await lang()).toBe("en");
    expect(await v.page.locator("header [lang=cy]").last().innerText()).toBe("Nid yw'r dudalen hon ar gael yn Gymraeg eto.");
  });

  // Words of the English pages that no Welsh page has (service names and addresses aside).
  const ENGLISH = ["We will", "We have", "We sent", "your complaint", "Your ", "Stage ", "Status", "Letters", "Check", "response", "Ask for", "Continue", "Send ", "Thank you", "Prefer not", "Received", "Download", "Optional", "Yes", "No,"];
  async function noEnglishIn(page: string) {
    expect(await lang(), page).toBe("cy");
    const text = await v.page.locator("main").innerText();
    expect(ENGLISH.filter((word) => text.includes(word)), `${page}: ${text}`).toEqual([]);
  }
  const customerLanguage = async () =>
    (await started.deps.database.db.selectFrom("cases").innerJoin("customers", "customers.id", "cases.customer_id").select(["cases.id", "customers.id as customerId", "customers.language"]).where("cases.reference", "=", sent.reference).executeTakeFirstOrThrow());

  it("follows the complaint, asks for the next stage and answers the equality questions in Welsh, with no English on the page", async () => {
    // Welsh chosen as the header's link does (the first test has shown the link itself).
    await v.goto(`/language/cy?back=${encodeURIComponent("/")}`, "hafan");
    await noEnglishIn("start page");
    await v.click("Gwirio hynt eich cwyn", { url: /\/track$/ }, "olrhain");
    await noEnglishIn("track");
    await v.page.fill("#reference", sent.reference);
    await v.page.fill("#trackingCode", "AAAA-AAAA-AAAA");
    await v.submit("Gwirio", { text: "Mae problem wedi codi" }, "olrhain-gwall");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Nid oedd modd i ni ddod o hyd i achos");
    await noEnglishIn("track, wrong code");
    await v.page.fill("#trackingCode", sent.trackingCode);
    await v.submit("Gwirio", { text: sent.reference }, "olrhain-achos");
    expect(await v.page.locator("#case-status").innerText()).toBe("Wedi dod i law: rydym yn gwirio eich cwyn");
    await noEnglishIn("track, new case");

    // The complaints team answers Stage 1 (apps/api covers their pages; here only the resident's matter).
    const { id: caseId, customerId } = await customerLanguage();
    const staff = await addStaff(started.deps.database.db, installed, [{ key: "rheolwr", name: "Mair Rheolwr", email: `mair-${mode}@example.com`, password: null, roles: [{ role: "complaints-manager", directorate: null }] }], new Date());
    const manager = createCaller(
      createContextInner({
        deps: started.deps,
        principal: { kind: "staff", id: staff.get("rheolwr")!, councilId, name: "Mair Rheolwr", email: `mair-${mode}@example.com`, teamId: null, teamDirectorateId: null, grants: [{ role: "complaints-manager", directorateId: null }], sessionId: null, passwordMustChange: false },
      }),
    );
    await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await manager.command.acknowledge({ caseId, expectedVersion: 2 });
    await manager.command.respond({ caseId, expectedVersion: 3, outcome: "not-upheld", reasons: "Casglwyd y bin bob wythnos." });
    // Written to in English since: the next form the resident uses in Welsh says Welsh again.
    await started.deps.database.db.updateTable("customers").set({ language: "en" }).where("id", "=", customerId).execute();

    await v.goto("/track");
    await v.page.fill("#reference", sent.reference);
    await v.page.fill("#trackingCode", sent.trackingCode);
    await v.submit("Gwirio", { text: sent.reference }, "olrhain-ymateb");
    expect(await v.page.locator("#case-status").innerText()).toBe("Cam 1: rydym wedi anfon ein hymateb");
    await noEnglishIn("track, answered");
    await v.submit("Gofyn am y cam nesaf (Cam 2)", { url: /\/escalate$/, text: "Os ydych yn anhapus ag ef" }, "cam-nesaf");
    expect(await v.page.locator("h1").innerText()).toBe("Gofyn am y cam nesaf (Cam 2)");
    await noEnglishIn("escalate");
    await v.submit("Gofyn am y cam nesaf (Cam 2)", { text: "Mae eich cwyn wedi symud i'r cam nesaf: Cam 2" }, "cam-nesaf-wedi");
    expect(await v.page.locator("#next-dates").innerText()).toMatch(/Byddwn yn cydnabod ein bod wedi cael eich cwyn \(Cam 2\) erbyn Dydd \w+ \d{1,2} \w+ \d{4}/);
    await noEnglishIn("escalated");
    expect((await customerLanguage()).language).toBe("cy");

    await started.deps.database.db.updateTable("customers").set({ language: "en" }).where("id", "=", customerId).execute();
    await v.submit("Ateb y cwestiynau cydraddoldeb", { text: "Ydych chi'n cytuno i ateb rhai cwestiynau amdanoch chi'ch hun?" }, "cydraddoldeb");
    await noEnglishIn("equality consent");
    await v.submit("Parhau", { text: "Mae problem wedi codi" }, "cydraddoldeb-gwall");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Dewiswch 'Ydw' os ydych yn cytuno");
    await noEnglishIn("equality consent, not chosen");
    await v.page.check("#consent");
    await v.submit("Parhau", { text: "Amdanoch chi" }, "cydraddoldeb-cwestiynau");
    await noEnglishIn("equality questions");
    await v.page.check('input[name="age_band"][value="35-44"]');
    await v.page.check('input[name="pregnancy_or_maternity"][value="no"]');
    await v.submit("Anfon eich atebion", { text: "Diolch am eich atebion" }, "cydraddoldeb-diolch");
    await noEnglishIn("equality answered");
    expect((await customerLanguage()).language).toBe("cy");
  });

  it("answers the satisfaction survey in Welsh, once", async () => {
    const token = randomBytes(24).toString("base64url");
    // The invitation the sweep makes (apps/api's services/satisfaction.test.ts covers that part).
    const today = new Date().toISOString().slice(0, 10);
    await started.deps.database.db
      .insertInto("satisfaction_invitations")
      .values({ token_hash: createHash("sha256").update(token).digest("hex"), council_id: councilId, service_id: null, directorate_id: null, stage_id: "stage-1", stage_label: "Stage 1", closed_month: `${today.slice(0, 7)}-01`, expires_on: new Date(Date.now() + 28 * 86_400_000).toISOString().slice(0, 10) })
      .execute();
    await v.goto(`/satisfaction/${token}`, "arolwg");
    expect(await lang()).toBe("cy");
    expect(await v.page.locator("h1").innerText()).toBe("Dywedwch wrthym sut y gwnaethom ddelio â'ch cwyn");
    await v.submit("Anfon eich atebion", { text: "Mae problem wedi codi" }, "arolwg-gwall");
    expect(await v.page.locator(".govuk-error-summary").innerText()).toContain("Atebwch o leiaf un cwestiwn");
    await v.page.check('input[name="handling"][value="fairly-satisfied"]');
    await v.page.check('input[name="ease-of-complaining"][value="very-satisfied"]');
    await v.submit("Anfon eich atebion", { text: "Diolch am eich atebion" }, "arolwg-diolch");
    const answers = await started.deps.database.db.selectFrom("satisfaction_answers").selectAll().where("council_id", "=", councilId).execute();
    expect(answers.map((a) => [a.handling, a.kept_informed, a.ease_of_complaining])).toEqual([["fairly-satisfied", null, "very-satisfied"]]);
    await v.goto(`/satisfaction/${token}`, "arolwg-wedi-cau");
    expect(await v.page.locator("h1").innerText()).toBe("Nid yw'r ddolen i'r arolwg hwn yn gweithio mwyach");
  });

  it("met no accessibility problem, page error or failed request on any page", () => {
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id}: ${a.help}`)).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
    expect(browser.problems.console).toEqual([]);
  });
});
