import { chromium } from "playwright-core";
const base = "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1100, height: 1400 } });
await page.goto(base + "/sign-in");
await page.fill("input[name=email]", process.argv[2] ?? "cm@exampleton.gov.uk");
await page.fill("input[name=password]", "demo-password");
await page.click("button[type=submit]");
await page.waitForLoadState("networkidle");
await page.screenshot({ path: "/tmp/shots/0-after-signin.png" });
await page.goto(base + "/cases");
await page.screenshot({ path: "/tmp/shots/1-queue.png" });
const first = await page.locator("table a[href^='/cases/']").first().getAttribute("href");
await page.goto(base + first);
await page.screenshot({ path: "/tmp/shots/2-case.png", fullPage: false });
const links = await page.locator("a[href*='" + first + "/']").evaluateAll((as) => as.map((a) => a.getAttribute("href")));
console.log(first, links.slice(0, 30));
for (const cmd of ["extend", "notify", "triage", "respond"]) {
  const l = links.find((h) => h.endsWith("/" + cmd));
  if (!l) continue;
  await page.goto(base + l);
  await page.click("button[type=submit], button.govuk-button >> nth=0").catch(() => {});
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `/tmp/shots/3-${cmd}.png` });
}
await browser.close();
