/**
 * Issue 14, "An empty server says so" and "Several councils on one server", in Debian's
 * Chromium against real servers started the way `pnpm start` starts one (server/boot.ts), each
 * on its own empty PGlite database, without the demo:
 *
 * - with no council installed, every public page answers 503 "This service is not set up yet"
 *   in plain words, and the sign-in page says how to install one;
 * - with two councils installed side by side, each with a host name (*.localhost reaches this
 *   machine in Chromium), each address shows its own council's forms, takes its own cases with
 *   its own reference prefix and signs in its own staff; the /c/<slug>/ prefix chooses a council
 *   on an address that names none, and a host name no council has gets a plain 503.
 * docs/decisions/0316-council-by-host.md.
 */
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { addStaff, installCouncil, type Started } from "@complaints/api";
import { defaultProfile, type CouncilProfileInput } from "@complaints/core";
import { freePort } from "@complaints/vitest-config/postgres";
import { bootServer } from "../server/boot.js";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";

const baseUrl = inject("baseUrl");
const PASSWORD = "hosting-test-password-1";
const root = path.resolve(import.meta.dirname, "..");

/** A server of our own on an empty database: nothing installed until the test installs it. */
async function emptyServer(name: string): Promise<{ started: Started; port: number; close(): Promise<void> }> {
  const dataDir = mkdtempSync(path.join(cacheDir, `pglite-${name}-`));
  const port = await freePort();
  const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
  const started = await bootServer({
    build,
    clientDir: path.join(root, "build/client"),
    quiet: true,
    env: { NODE_ENV: "production", PORT: String(port), PUBLIC_URL: `http://localhost:${port}`, DATA_DIR: dataDir, SEED_DEMO: "false", PUBLIC_REQUESTS_PER_IP: "100000", PUBLIC_SUBMISSIONS_PER_IP: "1000", PUBLIC_LOOKUP_FAILURES_PER_IP: "1000" },
  });
  return {
    started,
    port,
    close: async () => {
      await started.close();
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-audit.key`, { force: true });
    },
  };
}

describe.skipIf(!baseUrl)("a server with no council installed", () => {
  let server: Awaited<ReturnType<typeof emptyServer>>;
  let browser: Browser;
  let v: Visitor;

  beforeAll(async () => {
    server = await emptyServer("empty");
    browser = await launch({ javaScript: true, name: "hosting-empty" });
    v = new Visitor(browser, `http://localhost:${server.port}`, "hosting-empty", true);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("answers every public page 503, saying in plain words that the service is not set up yet", async () => {
    for (const page of ["/", "/complain", "/complain/equality", "/track", "/escalate"]) {
      const response = await v.page.goto(`${v.baseUrl}${page}`);
      expect(response?.status(), page).toBe(503);
      await v.settle(`empty${page.replace(/\//g, "-") || "-start"}`);
      expect(await v.page.locator("h1").innerText(), page).toBe("This service is not set up yet");
      expect(await v.page.locator("main").innerText(), page).toContain("No council has been installed on this server yet, so this service is not open.");
      expect(await v.page.locator("main").innerText(), page).not.toContain("npm run council");
    }
  });

  it("tells whoever comes to sign in that no council is installed, and the command that installs one", async () => {
    const response = await v.page.goto(`${v.baseUrl}/sign-in`);
    expect(response?.status()).toBe(503);
    await v.settle("empty-sign-in");
    const main = await v.page.locator("main").innerText();
    expect(main).toContain("Nobody can sign in until a council is installed");
    expect(await v.page.locator("main code").innerText()).toBe("npm run council -- install --profile <id|file> --admin-email <email>");
    expect(main).toContain("Running it for your council");
  });

  it("had no accessibility violations, page errors or failed requests; the only console errors are the 503s themselves", () => {
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id}: ${a.help}`)).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
    expect(browser.problems.console.filter((c) => !c.includes("status of 503"))).toEqual([]);
  });
});

describe.skipIf(!baseUrl)("two councils on one server, chosen by host name", () => {
  let server: Awaited<ReturnType<typeof emptyServer>>;
  let browser: Browser;
  const at = (host: string) => `http://${host}:${server.port}`;
  const proof = { reference: "", trackingCode: "" };

  beforeAll(async () => {
    server = await emptyServer("two-councils");
    const db = server.started.deps.database.db;
    const now = new Date();
    const profile = (name: string, referencePrefix: string, highways: string): CouncilProfileInput => ({
      ...defaultProfile,
      name,
      referencePrefix,
      directorates: defaultProfile.directorates.map((d) => ({ ...d, services: d.services.map((s) => (s.id === "highways" ? { ...s, name: highways } : s)) })),
    });
    for (const [slug, name, prefix, highways] of [
      ["leeds", "Leeds Test Council", "LDS", "Highways and Transportation"],
      ["lewisham", "Lewisham Test Council", "LEW", "Roads and Pavements"],
    ] as const) {
      const installed = await installCouncil(db, { slug, hosts: [`${slug}.localhost`], profile: profile(name, prefix, highways) }, [], now);
      await addStaff(db, installed, [{ key: "manager", name: `${name} Manager`, email: `manager@${slug}.example`, password: PASSWORD, roles: [{ role: "complaints-manager", directorate: null }] }], now);
    }
    browser = await launch({ javaScript: true, name: "hosting-two" });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("shows each council's own forms on its own address", async () => {
    const leeds = new Visitor(browser, at("leeds.localhost"), "hosting-leeds", true);
    await leeds.goto("/", "leeds-start");
    expect(await leeds.page.locator("header").innerText()).toContain("Leeds Test Council");
    await leeds.goto("/complain");
    await leeds.page.check("#kind-2");
    await leeds.submit("Continue", { text: "Which service is your compliment about?" }, "leeds-services");
    expect(await leeds.page.locator("main").innerText()).toContain("Highways and Transportation");
    expect(await leeds.page.locator("main").innerText()).not.toContain("Roads and Pavements");

    const lewisham = new Visitor(browser, at("lewisham.localhost"), "hosting-lewisham", true);
    await lewisham.goto("/complain");
    expect(await lewisham.page.locator("header").innerText()).toContain("Lewisham Test Council");
    await lewisham.page.check("#kind-2");
    await lewisham.submit("Continue", { text: "Which service is your compliment about?" }, "lewisham-services");
    expect(await lewisham.page.locator("main").innerText()).toContain("Roads and Pavements");
  });

  it("takes a compliment on Leeds's form with Leeds's reference prefix, which Lewisham's tracking page does not find", async () => {
    const leeds = new Visitor(browser, at("leeds.localhost"), "hosting-leeds-compliment", true);
    await leeds.goto("/complain");
    await leeds.page.check("#kind-2");
    await leeds.submit("Continue", { text: "Which service is your compliment about?" });
    await leeds.page.check('input[name="service"][value="highways"]');
    await leeds.submit("Continue", { text: "What would you like to tell us?" });
    await leeds.page.fill("#description", "The pothole on our road was filled the day after I reported it.");
    await leeds.submit("Continue", { text: "Would you like a reply?" });
    await leeds.page.check("#replyWanted-2");
    await leeds.submit("Continue", { text: "Check your answers" });
    await leeds.submit("Send", { text: "Compliment sent" }, "leeds-sent");
    proof.reference = (await leeds.page.locator(".govuk-panel__body strong").innerText()).trim();
    proof.trackingCode = (await leeds.page.locator("#tracking-code").innerText()).trim();
    expect(proof.reference).toMatch(/^LDS-\d{4}-\d{6}$/);

    await leeds.goto("/track");
    await leeds.page.fill("#reference", proof.reference);
    await leeds.page.fill("#trackingCode", proof.trackingCode);
    await leeds.submit("Check", { text: proof.reference }, "leeds-tracked");

    const lewisham = new Visitor(browser, at("lewisham.localhost"), "hosting-lewisham-track", true);
    await lewisham.goto("/track");
    // Each council's forms show its own reference prefix in their examples.
    expect(await lewisham.page.locator("main").innerText()).toContain("For example, LEW-2026-000123");
    await lewisham.page.fill("#reference", proof.reference);
    await lewisham.page.fill("#trackingCode", proof.trackingCode);
    await lewisham.submit("Check", { text: "There is a problem" }, "lewisham-not-found");
    expect(await lewisham.page.locator(".govuk-error-summary").innerText()).toContain("We could not find a case with that reference and tracking code");
  });

  it("signs in each council's staff on its own address only", async () => {
    const leeds = new Visitor(browser, at("leeds.localhost"), "hosting-leeds-staff", true);
    await leeds.signIn("manager@leeds.example", PASSWORD);
    expect(await leeds.page.locator("header").innerText()).toContain("Leeds Test Council");
    await leeds.goto(`/search?quick=${proof.reference}`, "leeds-search");
    expect(await leeds.page.locator("main").innerText()).toContain(proof.reference);
    await leeds.signOut();

    const lewisham = new Visitor(browser, at("lewisham.localhost"), "hosting-lewisham-staff", true);
    await lewisham.goto("/sign-in");
    await lewisham.page.fill("#email", "manager@leeds.example");
    await lewisham.page.fill("#password", PASSWORD);
    await lewisham.submit("Sign in", { text: "There is a problem" }, "lewisham-refuses-leeds");
    expect(await lewisham.page.locator(".govuk-error-summary").innerText()).toContain("The email address or password is not right");
  });

  it("chooses the council by /c/<slug>/ on an address that names none, and remembers it for the links that follow", async () => {
    const plain = new Visitor(browser, at("localhost"), "hosting-prefix", true);
    const unchosen = await plain.page.goto(`${plain.baseUrl}/`);
    expect(unchosen?.status()).toBe(503);
    await plain.settle("several-councils");
    expect(await plain.page.locator("main").innerText()).toContain("/c/leeds/ for Leeds Test Council; /c/lewisham/ for Lewisham Test Council");

    await plain.goto("/c/lewisham/", "prefix-lewisham");
    expect(new URL(plain.page.url()).pathname).toBe("/");
    expect(await plain.page.locator("header").innerText()).toContain("Lewisham Test Council");
    await plain.page.getByRole("button", { name: "Start now" }).click();
    await plain.page.waitForURL(/\/complain\/kind$/, { timeout: 30_000 });
    await plain.settle();
    await plain.page.check("#kind-2");
    await plain.submit("Continue", { text: "Which service is your compliment about?" });
    expect(await plain.page.locator("main").innerText()).toContain("Roads and Pavements");
  });

  it("answers a host name no council has with a plain 503 that names it", async () => {
    const nowhere = new Visitor(browser, at("wakefield.localhost"), "hosting-unknown", true);
    const response = await nowhere.page.goto(`${nowhere.baseUrl}/`);
    expect(response?.status()).toBe(503);
    await nowhere.settle("unknown-host");
    expect(await nowhere.page.locator("main").innerText()).toContain("This service is not set up at this address (wakefield.localhost)");
  });

  it("had no accessibility violations, page errors or failed requests; the only console errors are the 503s themselves", () => {
    expect(browser.problems.axe.map((a) => `${a.url} ${a.id}: ${a.help}`)).toEqual([]);
    expect(browser.problems.pageErrors).toEqual([]);
    expect(browser.problems.failedRequests).toEqual([]);
    expect(browser.problems.console.filter((c) => !c.includes("status of 503"))).toEqual([]);
  });
});
