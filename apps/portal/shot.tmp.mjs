import { chromium } from "playwright-core";
const base = "http://localhost:3000";
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox"] });
const page = await browser.newPage({ viewport: { width: 1100, height: 1300 } });
await page.goto(base + "/sign-in");
await page.fill("input[name=email]", "manager@exampleton.gov.uk");
await page.fill("input[name=password]", "demo-password");
await page.click("main button[type=submit]");
await page.waitForLoadState("networkidle");
await page.goto(base + "/cases");
const first = await page.locator("table a[href^='/cases/']").first().getAttribute("href");
await page.goto(base + first);
await page.screenshot({ path: "/tmp/shots/2-case.png", fullPage: true });
for (const [cmd, fill] of [["extend", async () => { await page.fill("input[name=workingDays]", "130"); }], ["notify", async () => {}], ["respond", async () => {}]]) {
  const r = await page.goto(base + first + "/" + cmd);
  console.log(cmd, r.status());
  await fill();
  await page.click("main form button.govuk-button:not(.govuk-button--secondary)").catch((e) => console.log("no button", e.message));
  await page.waitForLoadState("networkidle");
  await page.screenshot({ path: `/tmp/shots/3-${cmd}.png` });
}
await browser.close();
