/**
 * Issue 15, "Welsh" and "Satisfaction" (docs/decisions/0517-welsh-public-forms.md, 0516), in
 * Debian's Chromium against a real server of its own (server/boot.ts) holding one council that
 * offers Welsh on request: a resident switches the public pages to Cymraeg in the header, makes
 * a complaint in Welsh, and the complaint keeps their language; a resident opens the
 * satisfaction survey from their link, answers it in Welsh once, and the link then says it no
 * longer works. Every page is checked with axe (WCAG 2.2 A/AA) and has <html lang="cy">.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createHash, randomBytes } from "node:crypto";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { installCouncil, type Started } from "@complaints/api";
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
    const installed = await installCouncil(
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
    await v.click("Cymraeg", { url: /\/complain$/ }, "cymraeg");
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
    const stored = await started.deps.database.db
      .selectFrom("cases")
      .innerJoin("customers", "customers.id", "cases.customer_id")
      .select("customers.language")
      .where("cases.reference", "=", reference)
      .executeTakeFirstOrThrow();
    expect(stored.language).toBe("cy");
    // And back to English, from the same header: the choice stays for the pages that follow.
    await v.click("English", { url: /\/complain$/ }, "english-again");
    expect(await lang()).toBe("en");
    await v.goto("/complain/equality");
    expect(await lang()).toBe("en");
    // A page not yet in Welsh stays English, marked so, and says so in Welsh.
    await v.click("Cymraeg", { url: /\/complain\/equality$/ }, "equality-not-translated");
    expect(await lang()).toBe("en");
    expect(await v.page.locator("header [lang=cy]").last().innerText()).toBe("Nid yw'r dudalen hon ar gael yn Gymraeg eto.");
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
