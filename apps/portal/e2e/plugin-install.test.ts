/**
 * Issue 17, "What it must show", first bullet: a plugin from a folder outside `plugins/` (and
 * outside this repository) is installed by configuration alone, enabled in a council's profile,
 * and governs the complaints logged there.
 *
 * - the operator writes a plugins file naming the shipped plugins and the folder, and points the
 *   server at it with PLUGINS_CONFIG: no file of the product changes;
 * - a profile enabling the plugin is refused by the council command without that plugins file,
 *   and installed with it;
 * - the server starts as `npm start` starts it (apps/portal/dist/server.js, its own process);
 * - a resident complains about the service: the confirmation gives the plugin's dates (its
 *   Stage 1 response within 5 working days of receipt, where the council's own is 10 from the
 *   acknowledgement), computed here with core's calendar;
 * - the administrator signs in with the temporary password install printed, changes it and adds
 *   a complaints manager, who triages, acknowledges and answers the complaint over HTTP (setup,
 *   as in staff.ts); the plugin has one stage, so that response is the final one, and its letter,
 *   checked against the plugin's letter rules (decision 0407), names the plugin's own next body
 *   (the Northmoor Housing Panel, with the contact details the profile gives it), not the LGSCO;
 *   the manager sees it issued on the case page in the browser.
 */
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import { RuleBook, applyPeriod, parseCouncilProfile, receiptOf, type CouncilProfile } from "@complaints/core";
import { DEFAULT_PLUGINS_CONFIG, defaultPlugins, parseProfileText, profileToText, readPluginsConfig } from "@complaints/profiles";
import { freePort } from "@complaints/vitest-config/postgres";
import { NORTHMOOR_CHARTER, NORTHMOOR_PANEL, writeOutsidePlugin } from "../../../packages/profiles/test/outside-plugin.js";
import { formatDate } from "../app/utils/labels.js";
import { cacheDir, launch, repoRoot, Visitor, type Browser } from "./browser.js";
import { complainOnline } from "./public-form.js";
import { ApiClient } from "./staff.js";

const baseUrl = inject("baseUrl"); // null when there is no Chromium (global-setup.ts says why)
const root = path.resolve(import.meta.dirname, "..");
const COUNCIL_CLI = path.join(repoRoot, "apps/api/dist/cli/council.js");
const SERVICE = "waste";
const run = promisify(execFile);
/** The panel's contact details, as the council's profile gives them (the letter's next-body paragraph reads them). */
const PANEL_CONTACT = { name: NORTHMOOR_PANEL.name, addressLines: ["Moor House", "Northmoor"], postcode: "NM1 1AA", phone: "01632 960 123", website: "www.northmoorpanel.example" };
/** The text of a PDF as a reader gets it (poppler's pdftotext, as apps/api/src/services/letters-language.test.ts reads letters). */
const pdfText = (pdf: Uint8Array) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(pdf) }).toString("utf8");

describe.skipIf(!baseUrl)("a plugin in a folder outside the product, installed by its plugins file alone, governs a council's complaints", () => {
  const dir = mkdtempSync(path.join(tmpdir(), "outside-plugin-e2e-"));
  const pluginsFile = path.join(dir, "complaints.plugins.json");
  const profileFile = path.join(dir, "northmoor.yaml");
  /** The first administrator, for the steps that sign in (the temporary password is printed by install). */
  const admin = { email: "it.admin@northmoor.gov.uk", temporaryPassword: "" };
  // The operator's settings: an embedded database of its own, no demo, the plugins file.
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: path.join(dir, "data"), SEED_DEMO: "false", MAIL_TRANSPORT: "none", PLUGINS_CONFIG: pluginsFile };
  for (const key of ["DATABASE_URL", "DEMO_COUNCIL", "PUBLIC_COUNCIL", "SMTP_URL", "NOTIFY_API_KEY", "LETTERS_BY", "OIDC_ISSUER", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID", "TEST_ENGINE"]) delete env[key];
  let server: ChildProcess | null = null;
  let url = "";
  let browser: Browser;
  /** The council's profile before it enables the plugin: its calendar and its own timescales. */
  let ownRules: CouncilProfile;
  /** The resident's complaint, for the steps that follow it. */
  const complaint = { reference: "", trackingCode: "", at: new Date() };

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((resolve) => server!.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  /** The built `council` command, as `npm run council --` runs it. */
  async function council(settings: NodeJS.ProcessEnv, ...args: string[]): Promise<{ code: number; out: string; err: string }> {
    try {
      const { stdout, stderr } = await run(process.execPath, [COUNCIL_CLI, ...args], { cwd: repoRoot, env: settings, timeout: 120_000 });
      return { code: 0, out: stdout, err: stderr };
    } catch (error) {
      const e = error as { code?: number; stdout?: string; stderr?: string };
      if (typeof e.code !== "number") throw error;
      return { code: e.code, out: e.stdout ?? "", err: e.stderr ?? "" };
    }
  }

  it("the operator writes the plugin's folder and a plugins file naming it beside the shipped plugins", () => {
    writeOutsidePlugin(path.join(dir, "northmoor-repairs"));
    writeFileSync(pluginsFile, JSON.stringify({ plugins: [...readPluginsConfig(DEFAULT_PLUGINS_CONFIG), "./northmoor-repairs"] }, null, 2));
  });

  it("a profile enabling the plugin is refused without the plugins file, and installed with it", async () => {
    expect(await council(env, "export", "--profile", "default", "--out", profileFile)).toMatchObject({ code: 0 });
    const edited = parseProfileText(readFileSync(profileFile, "utf8"), "yaml", profileFile) as Record<string, unknown> & { directorates: Array<{ services: Array<{ id: string; plugins?: string[] }> }>; ombudsmen: Record<string, unknown> };
    Object.assign(edited, { id: "northmoor", name: "Northmoor District Council", referencePrefix: "NDC" });
    ownRules = parseCouncilProfile(edited);
    edited.directorates.flatMap((d) => d.services).find((s) => s.id === SERVICE)!.plugins = ["northmoor-repairs"];
    edited.ombudsmen[NORTHMOOR_PANEL.id] = PANEL_CONTACT;
    writeFileSync(profileFile, profileToText(edited as unknown as CouncilProfile, "yaml"));

    const withoutIt = await council({ ...env, PLUGINS_CONFIG: DEFAULT_PLUGINS_CONFIG }, "install", "--profile", profileFile, "--admin-email", admin.email);
    expect(withoutIt.code).toBe(1);
    expect(withoutIt.err).toContain(`Service "${SERVICE}" enables plugin "northmoor-repairs", which is not installed`);

    const installed = await council(env, "install", "--profile", profileFile, "--admin-email", admin.email, "--admin-name", "Ira Admin");
    expect(installed.code, installed.err).toBe(0);
    expect(installed.out).toContain(`Installed Northmoor District Council as council "northmoor" from ${profileFile}; case references start NDC-.`);
    admin.temporaryPassword = /Temporary password: {2}(\S+)/.exec(installed.out)![1]!;
  });

  it("the server starts with the plugins file, as npm start starts it", async () => {
    const port = await freePort();
    url = `http://localhost:${port}`;
    server = spawn(process.execPath, [path.join(root, "dist/server.js")], { cwd: root, env: { ...env, NODE_ENV: "production", PORT: String(port), PUBLIC_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    const log: string[] = [];
    await new Promise<void>((resolve, reject) => {
      server!.stdout!.on("data", (chunk: Buffer) => {
        log.push(chunk.toString());
        if (log.join("").includes("Portal: ")) resolve();
      });
      server!.stderr!.on("data", (chunk: Buffer) => log.push(chunk.toString()));
      server!.once("exit", (code) => reject(new Error(`The server exited (${code}) before it was ready:\n${log.join("")}`)));
    });
    browser = await launch({ javaScript: true, name: "plugin-install" });
  });

  it("a resident complains about the service: the confirmation gives the plugin's dates, not the council's", async () => {
    // The council's calendar and receipt rules without the plugin, then the plugin's periods.
    const own = new RuleBook(ownRules, await defaultPlugins()).rulesFor(SERVICE, "complaint");
    const { countsFrom } = receiptOf(complaint.at, own.calendar, own.receipt);
    const acknowledge = applyPeriod(own.calendar, countsFrom, { workingDays: 2 }).date;
    const respond = applyPeriod(own.calendar, countsFrom, { workingDays: 5 }).date;
    expect(own.regime.stages[0]!.respond.period).not.toEqual({ workingDays: 5 });
    expect(NORTHMOOR_CHARTER.respond).toContain("5 working days of receipt");

    const resident = new Visitor(browser, url, "plugin-install-resident", true);
    Object.assign(
      complaint,
      await complainOnline(resident, {
        service: SERVICE,
        description: "The recycling on Moor Lane has not been collected for a month.",
        desiredOutcome: "Collect it and tell me when the round will be fixed",
        fullName: "Robin Resident",
        email: "robin@example.com",
      }),
    );
    await resident.settle("complaint-sent");
    expect(complaint.reference).toMatch(new RegExp(`^NDC-${complaint.at.getUTCFullYear()}-\\d{6}$`));
    const next = await resident.page.locator("#next-dates").innerText();
    expect(next).toContain(`We will acknowledge your complaint at Stage 1 by ${formatDate(acknowledge, true)}`);
    expect(next).toContain(`We will send you our Stage 1 response by ${formatDate(respond, true)}`);
  });

  it("a complaints manager answers it: the final letter names the plugin's next body, not the LGSCO", async () => {
    const manager = { email: "cm@northmoor.gov.uk", password: "the manager's own password" };
    // A password an administrator set (or install printed) allows nothing but changing it.
    const firstSignIn = async (email: string, given: string, chosen: string) => {
      await (await new ApiClient(url).signIn(email, given)).mutation("auth.changePassword", { current: given, next: chosen });
      return new ApiClient(url).signIn(email, chosen);
    };
    const administrator = await firstSignIn(admin.email, admin.temporaryPassword, "the administrator's own password");
    const given = "a long first password";
    await administrator.mutation("admin.staff.create", { email: manager.email, name: "Morgan Manager", password: given, roles: [{ role: "complaints-manager", directorateId: null }] });

    const cm = await firstSignIn(manager.email, given, manager.password);
    const found = await cm.query<Array<{ id: string; version: number }>>(`search.cases?input=${encodeURIComponent(JSON.stringify({ reference: complaint.reference }))}`);
    expect(found).toHaveLength(1);
    const caseId = found[0]!.id;
    type Outcome = { version: number; letters: Array<{ kind: string; status: string; letterId: string | null; missing: string[] }> };
    let { version } = await cm.mutation<Outcome>("command.triage", { caseId, expectedVersion: found[0]!.version, outcome: "accept" });
    ({ version } = await cm.mutation<Outcome>("command.acknowledge", { caseId, expectedVersion: version }));
    const responded = await cm.mutation<Outcome>("command.respond", { caseId, expectedVersion: version, outcome: "upheld", reasons: "The crew's round sheet left Moor Lane out; it is back on the round from Monday." });
    const final = responded.letters.find((l) => l.kind === "stage-1-response");
    expect(final, JSON.stringify(responded.letters)).toMatchObject({ status: "issued", missing: [] });

    const text = pdfText(await cm.download(`/letters/${final!.letterId}.pdf`)).replace(/\s+/g, " ");
    expect(text).toContain(NORTHMOOR_PANEL.name);
    expect(text).toContain(PANEL_CONTACT.phone);
    expect(text).not.toMatch(/Local Government and Social Care Ombudsman|LGSCO/);

    // The manager sees it issued on the case page.
    const staff = new Visitor(browser, url, "plugin-install-manager", true);
    await staff.signIn(manager.email, manager.password);
    await staff.goto(`/cases/${caseId}`, "case-page");
    await expect(staff.page.locator(`a[href$="${final!.letterId}.pdf"]`).innerText()).resolves.toMatch(/\(PDF\)$/);
  });

  it("had no accessibility violations, console errors, page errors or failed requests", () => {
    writeFileSync(path.join(cacheDir, "problems-plugin-install.json"), JSON.stringify(browser.problems, null, 2));
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id} (${a.impact}): ${a.help} — ${a.nodes.join(" | ")}`)).toEqual([]);
    expect(browser.problems.console).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
  });
});
