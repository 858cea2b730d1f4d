/**
 * Browser tests drive Debian's Chromium (never a downloaded browser) with playwright-core.
 * Every page visited is checked with axe-core (WCAG 2.2 A/AA), and any console error, page
 * error or failed request fails the test.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import { chromium, type BrowserContext, type Page } from "playwright-core";

const require = createRequire(import.meta.url);
const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
export const cacheDir = path.join(repoRoot, ".cache", "portal-e2e");

export const CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

export function chromiumPath(): string | null {
  const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter((p): p is string => Boolean(p));
  return candidates.find((p) => existsSync(p)) ?? null;
}

export interface Problems {
  console: string[];
  pageErrors: string[];
  failedRequests: string[];
  axe: Array<{ url: string; id: string; impact: string | null; help: string; nodes: string[] }>;
}

export interface Browser {
  context: BrowserContext;
  page: Page;
  problems: Problems;
  javaScript: boolean;
  /** A script-enabled page for axe when the visitor's JavaScript is off. */
  scratch(): Promise<Page>;
  close(): Promise<void>;
}

export async function launch(options: { javaScript: boolean; name: string }): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error("No Chromium: install Debian's chromium package or set CHROMIUM_PATH");
  mkdirSync(cacheDir, { recursive: true });
  const profile = mkdtempSync(path.join(cacheDir, `profile-${options.name}-`));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    javaScriptEnabled: options.javaScript,
    viewport: { width: 1200, height: 900 },
    args: CHROMIUM_ARGS,
  });
  const problems: Problems = { console: [], pageErrors: [], failedRequests: [], axe: [] };
  const page = context.pages()[0] ?? (await context.newPage());
  page.on("console", (message) => {
    if (message.type() === "error") problems.console.push(`${page.url()}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.pageErrors.push(`${page.url()}: ${error.message}`));
  page.on("requestfailed", (request) => {
    const failure = request.failure()?.errorText ?? "failed";
    // A navigation that replaces an in-flight fetch is cancelled by the browser, not broken.
    if (failure.includes("ERR_ABORTED")) return;
    // With JavaScript switched off Chromium refuses to fetch scripts (reported as "csp").
    if (!options.javaScript && request.resourceType() === "script" && failure === "csp") return;
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${failure}`);
  });
  let checker: { context: BrowserContext; page: Page; profile: string } | null = null;
  return {
    context,
    page,
    problems,
    javaScript: options.javaScript,
    async scratch() {
      if (!checker) {
        const dir = mkdtempSync(path.join(cacheDir, `profile-${options.name}-axe-`));
        const ctx = await chromium.launchPersistentContext(dir, { executablePath, headless: true, viewport: { width: 1200, height: 900 }, args: CHROMIUM_ARGS });
        checker = { context: ctx, page: ctx.pages()[0] ?? (await ctx.newPage()), profile: dir };
      }
      return checker.page;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
      if (checker) {
        await checker.context.close();
        rmSync(checker.profile, { recursive: true, force: true });
      }
    },
  };
}

const axeSource: string = require("axe-core").source;
const AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

type AxeViolation = { id: string; impact: string | null; help: string; nodes: string[] };

async function runAxe(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => "axe" in window))) await page.evaluate(axeSource);
  return (await page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run(ctx: Document, o: unknown): Promise<{ violations: Array<{ id: string; impact: string | null; help: string; nodes: Array<{ target: string[]; html?: string; failureSummary?: string }> }> }> } }).axe;
    const r = await axe.run(document, { runOnly: { type: "tag", values: tags } });
    return r.violations.map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map((n) => `${n.target.join(" ")} ${n.html ?? ""} :: ${n.failureSummary ?? ""}`) }));
  }, AXE_TAGS)) as AxeViolation[];
}

/**
 * Runs axe-core on the page as it is now; violations are collected, not thrown. axe needs
 * JavaScript, so for a page shown with JavaScript off its DOM (scripts removed) is checked in
 * a second, script-enabled page with the same styles.
 */
export async function checkAccessibility(page: Page, problems: Problems, scratch?: () => Promise<Page>): Promise<void> {
  let violations: AxeViolation[];
  if (!scratch) {
    violations = await runAxe(page);
  } else {
    const html = (await page.content()).replace(/<script\b[\s\S]*?<\/script>/gi, "").replace(/<link[^>]+rel="modulepreload"[^>]*>/gi, "");
    const checker = await scratch();
    const url = new URL(page.url());
    await checker.goto(`${url.origin}/healthz`);
    await checker.setContent(html.replace(/<head>/i, `<head><base href="${url.origin}/">`), { waitUntil: "load" });
    violations = await runAxe(checker);
  }
  for (const v of violations) problems.axe.push({ url: page.url(), ...v });
}

export function screenshotDir(): string {
  const dir = path.join(cacheDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}

/**
 * A person at a browser: every page they land on is checked with axe and may be
 * photographed; `submit` waits for the page that answers the form, with or without
 * JavaScript.
 */
export class Visitor {
  private shots = 0;
  constructor(
    readonly browser: Browser,
    readonly baseUrl: string,
    readonly name: string,
    readonly javaScript: boolean,
  ) {}

  get page(): Page {
    return this.browser.page;
  }

  /** After every page: wait for hydration (JS on), then axe. */
  async settle(label?: string): Promise<void> {
    if (this.javaScript) await this.page.waitForFunction(() => document.documentElement.dataset.hydrated === "true", null, { timeout: 15_000 });
    await checkAccessibility(this.page, this.browser.problems, this.javaScript ? undefined : () => this.browser.scratch());
    if (label) await this.page.screenshot({ path: path.join(screenshotDir(), `${this.name}-${String(++this.shots).padStart(2, "0")}-${label}.png`), fullPage: true });
  }

  async goto(pathname: string, label?: string): Promise<void> {
    await this.page.goto(this.baseUrl + pathname);
    await this.settle(label);
  }

  /** Clicks a submit button and waits until the answering page is in place. */
  async submit(button: string, expect: { url?: RegExp; text?: string }, label?: string): Promise<void> {
    const before = this.page.url();
    const click = this.page.getByRole("button", { name: button, exact: true }).click();
    if (this.javaScript) {
      // Remix sends the form with fetch to "<path>.data" (GET or POST), then follows any redirect.
      const posted = this.page.waitForResponse((r) => new URL(r.url()).pathname.endsWith(".data"), { timeout: 30_000 });
      await click;
      await posted;
      await this.page.waitForFunction(() => !document.documentElement.dataset.navigating, null, { timeout: 30_000 });
      if (expect.url) await this.page.waitForURL(expect.url, { timeout: 30_000 });
      if (expect.text) await this.page.getByText(expect.text, { exact: false }).first().waitFor({ timeout: 30_000 });
    } else {
      await Promise.all([this.page.waitForNavigation({ timeout: 30_000 }), click]);
      if (expect.url && !expect.url.test(this.page.url())) throw new Error(`After "${button}" on ${before}: expected ${expect.url}, at ${this.page.url()}`);
      if (expect.text) await this.page.getByText(expect.text, { exact: false }).first().waitFor({ timeout: 5_000 });
    }
    await this.settle(label);
  }

  async click(link: string, expect: { url: RegExp }, label?: string): Promise<void> {
    // A case's next step is a link drawn as a button (role "button", GOV.UK's button link).
    await this.page.getByRole("link", { name: link, exact: true }).or(this.page.getByRole("button", { name: link, exact: true })).first().click();
    await this.page.waitForURL(expect.url, { timeout: 30_000 });
    await this.settle(label);
  }

  async signIn(email: string, password: string): Promise<void> {
    await this.goto("/sign-in");
    // Still signed in (a step before failed): sign out first.
    if (!this.page.url().includes("/sign-in")) await this.signOut();
    await this.page.fill("#email", email);
    await this.page.fill("#password", password);
    await this.submit("Sign in", { url: /\/(cases|admin)/ });
  }

  async signOut(): Promise<void> {
    await this.submit("Sign out", { url: /\/sign-in\?signedOut/ });
  }
}
