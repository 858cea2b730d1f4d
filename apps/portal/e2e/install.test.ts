/**
 * Issue 14, "What it must show", first bullet: a council that is not the demo goes live on an
 * EMPTY real PostgreSQL database, the way its IT department would do it, in Chromium:
 *
 * - the operator writes the council's profile as a YAML file (a packaged one exported with the
 *   `council` command, then edited to a made-up council with its own name, prefix and host
 *   name) and installs it with the built command (`node apps/api/dist/cli/council.js install`),
 *   which prints the first administrator's temporary password; a second install of the same
 *   file is refused and changes nothing;
 * - the server starts on that database without the demo (server/boot.ts, as `npm start`);
 * - the administrator signs in with the temporary password and must choose their own, then
 *   changes a service's plugin and adds a closure day on the configuration pages, each checked
 *   then saved with a reason;
 * - a resident complains on that council's own address: the confirmation and the tracking page
 *   show that council's reference prefix and the acknowledgement and response dates of its
 *   rules, computed here with core's calendar and deadline functions from the profile, moved by
 *   the new closure day.
 *
 * Without PostgreSQL's server binaries this file is skipped, saying why (as engines.js reports
 * the PostgreSQL half of a suite); under CI a missing PostgreSQL fails, like a missing Chromium.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import type { Started } from "@complaints/api";
import { RuleBook, applyPeriod, parseCouncilProfile, receiptOf, type CouncilProfile, type IsoDate, type ResolvedRules } from "@complaints/core";
import { defaultPlugins, parseProfileText, profileToText } from "@complaints/profiles";
import { INSTALL_COMMAND, INSTALL_HINT, findPostgresBin, freePort, startThrowawayPostgres, type ThrowawayPostgres } from "@complaints/vitest-config/postgres";
import { recordSkippedSuite } from "@complaints/vitest-config/suite-report";
import { bootServer } from "../server/boot.js";
import { formatDate } from "../app/utils/labels.js";
import { cacheDir, launch, repoRoot, Visitor, type Browser } from "./browser.js";
import { complainOnline } from "./public-form.js";

const installedPlugins = await defaultPlugins();
const baseUrl = inject("baseUrl"); // null when there is no Chromium (global-setup.ts says why)
const root = path.resolve(import.meta.dirname, "..");
const COUNCIL_CLI = path.join(repoRoot, "apps/api/dist/cli/council.js");
const AUDIT_KEY = "install-journey-audit-key-0123456789abcdef";
const HOST = "eastbrook.localhost";
const SERVICE = "refuse-collection";

const postgresBin = findPostgresBin();
if (!postgresBin && baseUrl) {
  const reason = "the PostgreSQL server binaries are not installed: the install journey on PostgreSQL did not run";
  // CI installs PostgreSQL (.ci/run): there a missing server is a failure, never a quiet skip.
  if (process.env.CI) throw new Error(`${reason}. ${INSTALL_HINT}`);
  recordSkippedSuite({
    root,
    project: "browser, install on PostgreSQL",
    reason,
    install: `${process.getuid?.() === 0 ? "" : "sudo "}${INSTALL_COMMAND} (Debian's package needs root), or PG_BIN to a folder holding initdb and pg_ctl`,
  });
  console.error(`\nThe install journey on PostgreSQL did not run. ${INSTALL_HINT}\n`);
}

const run = promisify(execFile);

/** The built `council` command, as `npm run council --` runs it, with the server's settings. */
async function councilCommand(env: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [COUNCIL_CLI, ...args], { cwd: repoRoot, env, timeout: 60_000 });
    return { code: 0, out: stdout, err: stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    if (typeof e.code !== "number") throw error;
    return { code: e.code, out: e.stdout ?? "", err: e.stderr ?? "" };
  }
}

/** The Stage 1 dates a complaint received at `at` gets under `profile`, by core's calendar. */
function stage1Dates(profile: CouncilProfile, at: Date): { countsFrom: IsoDate; acknowledge: IsoDate; respond: IsoDate; rules: ResolvedRules } {
  const rules = new RuleBook(profile, installedPlugins).rulesFor(SERVICE, "complaint");
  const stage = rules.regime.stages[0]!;
  const { countsFrom } = receiptOf(at, rules.calendar, rules.receipt);
  if (!stage.acknowledge || stage.acknowledge.from !== "receipt") throw new Error(`This test counts the acknowledgement from receipt; the rules say ${JSON.stringify(stage.acknowledge)}`);
  const acknowledge = applyPeriod(rules.calendar, countsFrom, stage.acknowledge.period).date;
  const anchors: Record<string, IsoDate> = { receipt: countsFrom, "stage-request": countsFrom, acknowledgement: acknowledge };
  const from = anchors[stage.respond.from];
  if (!from) throw new Error(`This test cannot count a response from "${stage.respond.from}"`);
  return { countsFrom, acknowledge, respond: applyPeriod(rules.calendar, from, stage.respond.period).date, rules };
}

describe.skipIf(!baseUrl || !postgresBin)("a new council installed on an empty PostgreSQL database, configured in the portal, takes its first complaint", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "install-journey-"));
  const file = path.join(dir, "eastbrook.yaml");
  let pg: ThrowawayPostgres;
  let env: NodeJS.ProcessEnv;
  let started: Started | null = null;
  let port = 0;
  let browser: Browser;
  let v: Visitor;
  let profile: CouncilProfile;
  let temporaryPassword = "";
  const admin = { email: "it.admin@eastbrook.gov.uk", password: "Eastbrook's own password 2027" };

  beforeAll(async () => {
    pg = await startThrowawayPostgres();
    env = { ...process.env, DATABASE_URL: pg.url, AUDIT_KEY };
    // The operator's shell, not the test runner's: no embedded database, no demo.
    for (const key of ["DATA_DIR", "SEED_DEMO", "DEMO_COUNCIL", "PUBLIC_COUNCIL", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST_ENGINE"]) delete env[key];
  });
  afterAll(async () => {
    await browser?.close();
    await started?.close();
    await pg?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it("installs a made-up council from a profile file with the council command; a second install of it is refused and changes nothing", async () => {
    // Start from a packaged profile, then make it Eastbrook's: its name, prefix and address.
    expect(await councilCommand(env, "export", "--profile", "lewisham", "--out", file)).toMatchObject({ code: 0 });
    const text = readFileSync(file, "utf8").replace(/London Borough of Lewisham/g, "Eastbrook Borough Council").replace(/Lewisham/g, "Eastbrook").replace(/lewisham/g, "eastbrook");
    const edited = parseProfileText(text, "yaml", file) as Record<string, unknown>;
    edited["referencePrefix"] = "EBC";
    writeFileSync(file, profileToText(edited as unknown as CouncilProfile, "yaml"));
    profile = parseCouncilProfile(parseProfileText(readFileSync(file, "utf8"), "yaml", file));
    expect(profile).toMatchObject({ id: "eastbrook", name: "Eastbrook Borough Council", referencePrefix: "EBC" });

    const empty = await councilCommand(env, "list");
    expect(empty).toMatchObject({ code: 0, out: "No council is installed in this database yet.\n" });
    expect(empty.err).toMatch(/^Database: PostgreSQL .*applied \d+ migrations/);

    const installed = await councilCommand(env, "install", "--profile", file, "--admin-email", admin.email, "--admin-name", "Ira Admin", "--host", HOST);
    expect(installed.code, installed.err).toBe(0);
    expect(installed.out).toContain(`Installed Eastbrook Borough Council as council "eastbrook" from ${file}; case references start EBC-.`);
    expect(installed.out).toContain(`Its pages answer at: ${HOST}`);
    temporaryPassword = /Temporary password: {2}(\S+)/.exec(installed.out)![1]!;

    const listed = await councilCommand(env, "list");
    const exported = await councilCommand(env, "export");
    expect(listed.out).toBe(`eastbrook\tEastbrook Borough Council\treferences EBC-…\tprofile "eastbrook"\thosts ${HOST}\n`);
    const again = await councilCommand(env, "install", "--profile", file, "--admin-email", "someone.else@eastbrook.gov.uk", "--host", HOST);
    expect(again.code).toBe(1);
    expect(again.out).toBe("");
    expect(again.err).toContain('The council "eastbrook" (Eastbrook Borough Council) is already installed in this database');
    expect((await councilCommand(env, "list")).out).toBe(listed.out);
    expect((await councilCommand(env, "export")).out).toBe(exported.out);
  });

  it("starts the server on that database without the demo", async () => {
    port = await freePort();
    const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
    started = await bootServer({
      build,
      clientDir: path.join(root, "build/client"),
      quiet: true,
      env: { NODE_ENV: "production", PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, DATABASE_URL: pg.url, AUDIT_KEY, SEED_DEMO: "false", PUBLIC_REQUESTS_PER_IP: "100000", PUBLIC_SUBMISSIONS_PER_IP: "1000", PUBLIC_LOOKUP_FAILURES_PER_IP: "1000" },
    });
    browser = await launch({ javaScript: true, name: "install" });
    v = new Visitor(browser, `http://${HOST}:${port}`, "install", true);
    await v.goto("/", "start");
    expect(await v.page.locator("header").innerText()).toContain("Eastbrook Borough Council");
  });

  it("the first administrator signs in with the temporary password and must choose their own first", async () => {
    await v.goto("/sign-in");
    await v.page.fill("#email", admin.email);
    await v.page.fill("#password", temporaryPassword);
    await v.submit("Sign in", { url: /\/account\/password/ }, "must-choose-password");
    expect(await v.page.locator("h1").innerText()).toBe("Choose a new password");
    await v.goto("/admin/calendar");
    expect(v.page.url()).toMatch(/\/account\/password/);
    await v.page.fill("#currentPassword", temporaryPassword);
    await v.page.fill("#newPassword", admin.password);
    await v.page.fill("#confirmPassword", admin.password);
    await v.submit("Save new password", { url: /\/sign-in\?passwordChanged=1/ }, "password-changed");
    await v.signIn(admin.email, admin.password);
  });

  const closure = { date: "" as IsoDate, label: "Depot move" };

  it("changes the refuse collection service's plugin, checking then saving it with a reason", async () => {
    await v.goto(`/admin/plugins/${SERVICE}`, "plugins");
    await v.page.uncheck('input[name="plugins"][value="independent-adjudicator"]');
    await v.page.check('input[name="plugins"][value="housing"]');
    await v.submit("Continue", { text: "Check the plugins for" }, "plugins-check");
    expect(await v.page.getByTestId("changes").innerText()).toMatch(new RegExp(`\\(${SERVICE}\\): plugins: independent-adjudicator → housing`));
    await v.page.fill("#reason", "Refuse complaints come mostly from our tenants: the housing code applies");
    await v.submit("Save the change", { url: /\/admin\/organisation\?changed=plugins$/ }, "plugins-saved");
  });

  it("adds a closure day inside the acknowledgement window of a complaint made today, checking then saving it with a reason", async () => {
    // The next working day after today's complaint counts from: inside its acknowledgement window.
    const { countsFrom, rules } = stage1Dates(profile, new Date());
    closure.date = rules.calendar.addWorkingDays(countsFrom, 1);
    const [year, month, day] = closure.date.split("-").map(Number) as [number, number, number];
    await v.goto("/admin/calendar", "calendar");
    await Promise.all([v.page.waitForURL(/\/admin\/calendar\/change$/), v.page.getByRole("button", { name: "Change closure days and the cut-off" }).click()]);
    await v.settle("calendar-change");
    await v.page.fill("#newDate", String(day));
    await v.page.fill("#newDate-month", String(month));
    await v.page.fill("#newDate-year", String(year));
    await v.page.fill("#newLabel", closure.label);
    await v.submit("Continue", { text: "Check the change to the calendar" }, "calendar-check");
    expect(await v.page.getByTestId("changes").innerText()).toContain(closure.label);
    await v.page.fill("#reason", "The depot moves that day: no collections and no office");
    await v.submit("Save the change", { url: /\/admin\/calendar\?saved=1$/ }, "calendar-saved");
    expect(await v.page.locator(".govuk-summary-list").innerText()).toContain(formatDate(closure.date));
    await v.signOut();
  });

  it("a resident complains on Eastbrook's address: its reference prefix, and the dates of its rules moved by the closure day", async () => {
    const configured = structuredClone(profile) as unknown as { calendar: { closures: unknown[] }; directorates: Array<{ services: Array<{ id: string; plugins?: string[] }> }> };
    configured.calendar.closures.push({ date: closure.date, label: closure.label });
    configured.directorates.flatMap((d) => d.services).find((s) => s.id === SERVICE)!.plugins = ["housing"];
    const at = new Date();
    const expected = stage1Dates(parseCouncilProfile(configured), at);
    const withoutClosure = stage1Dates(profile, at);
    // The closure day is a working day before the acknowledgement is due: both dates move a day later.
    expect(closure.date > expected.countsFrom && closure.date <= withoutClosure.acknowledge).toBe(true);
    expect(expected.acknowledge).toBe(withoutClosure.rules.calendar.addWorkingDays(withoutClosure.acknowledge, 1));

    const resident = new Visitor(browser, `http://${HOST}:${port}`, "install-resident", true);
    const sent = await complainOnline(resident, {
      service: SERVICE,
      description: "The bins on Mill Lane were not collected for three weeks.",
      desiredOutcome: "Collect them and tell me why they were missed",
      fullName: "Robin Resident",
      email: "robin@example.com",
    });
    await resident.settle("complaint-sent");
    expect(sent.reference).toMatch(new RegExp(`^EBC-${at.getUTCFullYear()}-\\d{6}$`));
    const next = await resident.page.locator("#next-dates").innerText();
    expect(next).toContain(`We will acknowledge your complaint at Stage 1 by ${formatDate(expected.acknowledge, true)}`);
    expect(next).toContain(`We will send you our Stage 1 response by ${formatDate(expected.respond, true)}`);
    expect(next).not.toContain(formatDate(withoutClosure.acknowledge, true));

    await resident.goto("/track");
    await resident.page.fill("#reference", sent.reference);
    await resident.page.fill("#trackingCode", sent.trackingCode);
    await resident.submit("Check", { text: sent.reference }, "tracked");
    const tracked = await resident.page.locator("main").innerText();
    expect(tracked).toContain(formatDate(expected.acknowledge, true));
    expect(tracked).toContain(formatDate(expected.respond, true));
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    writeFileSync(path.join(cacheDir, "problems-install.json"), JSON.stringify(browser.problems, null, 2));
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
