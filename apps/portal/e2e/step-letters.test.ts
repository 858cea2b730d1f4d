/**
 * A letter is part of the step (issue 15, docs/decisions/0321-letters-issued-as-part-of-the-step.md),
 * in Debian's Chromium against a real server started the way `pnpm start` starts one, with
 * email through a real SMTP server (the `smtp-server` package) on this machine: a resident
 * complains online with an email address; the caseworker triages, assigns and acknowledges;
 * the acknowledge form says what it will send and to whom, the confirmation says what was sent,
 * and the acknowledgement's plain-English email arrives at the SMTP server in the same step.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import path from "node:path";
import { startSmtpSink, type SmtpSink } from "@complaints/vitest-config/smtp";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { ServerBuild } from "@remix-run/node";
import { addStaff, installCouncil, type Started } from "@complaints/api";
import { defaultProfile } from "@complaints/core";
import { freePort } from "@complaints/vitest-config/postgres";
import { bootServer } from "../server/boot.js";
import { cacheDir, launch, Visitor, type Browser } from "./browser.js";
import { complainOnline } from "./public-form.js";

const baseUrl = inject("baseUrl");
const PASSWORD = "step-letters-password-1";
const root = path.resolve(import.meta.dirname, "..");

describe.skipIf(!baseUrl).each([
  { javaScript: true, mode: "js" },
  { javaScript: false, mode: "nojs" },
])("acknowledge → the acknowledgement is emailed in the same step, with JavaScript $mode", ({ javaScript, mode }) => {
  let smtp: SmtpSink;
  const received = () => smtp.received;
  let started: Started;
  let dataDir: string;
  let browser: Browser;
  let v: Visitor;
  let caseUrl = "";
  let reference = "";
  let managerId = "";
  const stamp = `${mode}-${Date.now().toString(36)}`;
  const resident = { name: `Jane Step ${stamp}`, email: `jane.${stamp}@example.com` };

  beforeAll(async () => {
    smtp = await startSmtpSink();
    dataDir = mkdtempSync(path.join(cacheDir, `pglite-step-letters-${mode}-`));
    const port = await freePort();
    const build = (await import(path.join(root, "build/server/index.js"))) as ServerBuild;
    started = await bootServer({
      build,
      clientDir: path.join(root, "build/client"),
      quiet: true,
      env: {
        NODE_ENV: "production",
        PORT: String(port),
        PUBLIC_URL: `http://localhost:${port}`,
        DATA_DIR: dataDir,
        SEED_DEMO: "false",
        SMTP_URL: smtp.url,
        SMTP_FROM: "complaints@exampleton.example",
        PUBLIC_REQUESTS_PER_IP: "100000",
        PUBLIC_SUBMISSIONS_PER_IP: "1000",
        PUBLIC_LOOKUP_FAILURES_PER_IP: "1000",
      },
    });
    const db = started.deps.database.db;
    const installed = await installCouncil(db, { slug: "exampleton", profile: { ...defaultProfile, referencePrefix: "STP" } }, [], new Date());
    const staff = await addStaff(db, installed, [{ key: "manager", name: "Morgan Manager", email: "manager@exampleton.example", password: PASSWORD, roles: [{ role: "complaints-manager", directorate: null }] }], new Date());
    managerId = staff.get("manager")!;
    browser = await launch({ javaScript, name: `step-letters-${mode}` });
    v = new Visitor(browser, `http://localhost:${port}`, `step-letters-${mode}`, javaScript);
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
    await started?.close();
    await smtp?.close();
    if (dataDir) {
      rmSync(dataDir, { recursive: true, force: true });
      rmSync(`${dataDir}-audit.key`, { force: true });
    }
  });

  async function act(action: string, fill: () => Promise<void>, button: string, label: string) {
    await v.click(action, { url: /\/cases\/[0-9a-f-]{36}\/[a-z-]+$/ });
    await fill();
    await v.submit(button, { url: /\?done=/ }, label);
  }

  it("the resident complains online with an email address; the caseworker triages and assigns it", async () => {
    const sent = await complainOnline(v, {
      service: "waste",
      description: `Our bins were not emptied on two collection days (${stamp}).`,
      desiredOutcome: "Empty them and stop missing our street",
      fullName: resident.name,
      email: resident.email,
    });
    reference = sent.reference;
    await v.signIn("manager@exampleton.example", PASSWORD);
    await v.goto(`/search?quick=${reference}`);
    await v.click(reference, { url: /\/cases\/[0-9a-f-]{36}$/ });
    caseUrl = v.page.url().replace(v.baseUrl, "");
    await act("Triage", async () => v.page.check("#outcome"), "Record the triage decision", "triaged");
    await act("Assign", async () => void (await v.page.selectOption("#handlerId", managerId)), "Assign", "assigned");
  });

  it("the acknowledge form says what it will send, to whom and how", async () => {
    await v.click("Acknowledge", { url: /\/acknowledge$/ }, "acknowledge-form");
    const main = await v.page.locator("main").innerText();
    expect(main).toContain("What we will send");
    expect(main).toContain(`We will email the acknowledgement to ${resident.name} (${resident.email}), with the letter attached.`);
  });

  it("acknowledging issues the letter and sends the email in the same step: the confirmation says so, and it arrives at the SMTP server", async () => {
    await v.submit("Acknowledge", { url: /\?done=acknowledge/ }, "acknowledged");
    // Sent already, or on its way: the banner says which (the sender takes it within a minute).
    const banner = await v.page.locator(".govuk-notification-banner").first().innerText();
    expect(banner).toMatch(/We (have emailed|are emailing) the acknowledgement to /);
    expect(banner).toContain(`the acknowledgement to ${resident.name} (${resident.email})`);

    // The online complaint's receipt (decision 0320) came first; the acknowledgement follows the step.
    const isReceipt = (m: { data: string }) => /^Subject: We have received your complaint: /m.test(m.data);
    const acknowledgements = () => received().filter((m) => m.to === resident.email && !isReceipt(m));
    const deadline = Date.now() + 20_000;
    while (acknowledgements().length === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received().filter((m) => m.to === resident.email && isReceipt(m))).toHaveLength(1);
    const mail = acknowledgements();
    expect(mail).toHaveLength(1);
    const [head, ...body] = mail[0]!.data.split("\r\n\r\n");
    expect(head).toMatch(new RegExp(`^Subject: We have received your complaint \\(${reference}\\)`, "m"));
    const text = body.join("\r\n\r\n").replace(/=\r\n/g, "").replace(/\r\n/g, "\n");
    expect(text).toContain(`Dear ${resident.name},\n\nWe have received your complaint and we are looking into it.\n\nOur letter is attached to this email.`);
    expect(text).toMatch(/We will send you our full response by \d{1,2} [A-Z][a-z]+ \d{4}\./);
    expect(text).toContain(`Our reference is ${reference}.`);
  });

  it("the case lists the letter as issued and emailed, and its PDF downloads; nothing waits to be written", async () => {
    await v.goto(caseUrl, "case-after");
    const letters = await v.page.locator("section[aria-labelledby='letters']").innerText();
    expect(letters).toContain("No letter is waiting to be written.");
    expect(letters).toMatch(new RegExp(`Acknowledgement \\(PDF\\)[\\s\\S]*Email to ${resident.email.replace(/\./g, "\\.")}: sent`));
    const href = await v.page.getByRole("link", { name: "Acknowledgement (PDF)" }).getAttribute("href");
    const pdf = await v.page.request.get(v.baseUrl + href!);
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString()).toBe("%PDF-");
    expect(await v.page.locator(".app-timeline").innerText()).toContain("Letter issued");

    // The email carried exactly the letter stored for the case, under our Message-ID at the
    // council's sender domain (the profile's letterhead email here; decision 0318).
    const mail = received().find((m) => m.to === resident.email && m.subject.startsWith("We have received your complaint ("))!;
    expect(mail.messageId).toMatch(/^<outbox-\d+\.[0-9a-f]{8}@example\.gov\.uk>$/);
    const part = /Content-Type: application\/pdf[^]*?\r\n\r\n([A-Za-z0-9+/=\r\n]+?)\r\n--/.exec(mail.data)?.[1];
    expect(part).toBeDefined();
    const attached = Buffer.from(part!.replace(/\r\n/g, ""), "base64");
    expect(createHash("sha256").update(attached).digest("hex")).toBe(createHash("sha256").update(await pdf.body()).digest("hex"));
  });

  it("a receipt the mail server refuses puts the case first with the reason; staff mark it resolved from the case page", async () => {
    await v.signOut();
    smtp.reject(550, "Mailbox unavailable");
    const bounced = await complainOnline(v, {
      service: "waste",
      description: `Nobody collected the garden waste (${stamp}).`,
      desiredOutcome: "Collect it",
      fullName: `Bo Bounce ${stamp}`,
      email: `bo.${stamp}@example.com`,
    });
    await v.signIn("manager@exampleton.example", PASSWORD);
    await v.goto(`/search?quick=${bounced.reference}`);
    await v.click(bounced.reference, { url: /\/cases\/[0-9a-f-]{36}$/ });
    const bouncedCase = v.page.url().replace(v.baseUrl, "");
    // The receipt is sent moments after the complaint: wait for the refusal to be recorded.
    const deadline = Date.now() + 20_000;
    while (!(await v.page.locator(".govuk-warning-text", { hasText: "Send it again or mark it resolved" }).count()) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      await v.goto(bouncedCase);
    }
    const warning = await v.page.locator(".govuk-warning-text", { hasText: "Send it again or mark it resolved" }).innerText();
    expect(warning).toMatch(/Mailbox unavailable/);
    await v.click("Send it again or mark it resolved", { url: /\/correspondence\/\d+$/ }, "correspondence-problem");
    // Without words, the API's rule comes back on the form.
    await v.submit("Mark it resolved", { text: "There is a problem" }, "correspondence-resolve-empty");
    await v.page.fill("#resolution", "Rang the resident and gave them the reference and tracking code.");
    await v.submit("Mark it resolved", { url: /\?correspondence=resolved$/ }, "correspondence-resolved");
    expect(await v.page.locator(".govuk-notification-banner").first().innerText()).toContain("The message is marked resolved");
    expect(await v.page.locator(".govuk-warning-text", { hasText: "Send it again or mark it resolved" }).count()).toBe(0);
    // The receipt stays listed, with how it was settled and by whom.
    expect(await v.page.locator("#messages + table, section[aria-labelledby=messages]").first().innerText()).toMatch(/Not delivered[\s\S]*Resolved .* by Morgan Manager: Rang the resident and gave them the reference and tracking code\./);
  });
});
