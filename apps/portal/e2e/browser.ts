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
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
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
    problems.failedRequests.push(`${request.method()} ${request.url()}: ${failure}`);
  });
  return {
    context,
    page,
    problems,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

const axeSource: string = require("axe-core").source;

/** Runs axe-core on the page as it is now; violations are collected, not thrown. */
export async function checkAccessibility(page: Page, problems: Problems): Promise<void> {
  // Inject with addScriptTag-free evaluation so it works with JavaScript switched off too
  // (page.evaluate runs in an isolated world regardless of the page's JavaScript setting).
  const results = (await page.evaluate(
    `(async () => {
      if (!window.axe) { ${axeSource}\n }
      const r = await window.axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"] } });
      return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.map(n => n.target.join(" ") + " :: " + n.failureSummary) }));
    })()`,
  )) as Array<{ id: string; impact: string | null; help: string; nodes: string[] }>;
  for (const v of results) problems.axe.push({ url: page.url(), ...v });
}

export function screenshotDir(): string {
  const dir = path.join(cacheDir, "screenshots");
  mkdirSync(dir, { recursive: true });
  return dir;
}
