import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../test/harness.js";
import { createApp } from "./server.js";
import { INTERNAL_MESSAGE } from "./errors.js";
import { Browser } from "../test/browser.js";

describe("the HTTP server", () => {
  let h: Harness;
  let server: Server;
  let base: string;

  beforeAll(async () => {
    h = await openHarness({ config: { loginAttemptsPerIp: 6 } });
    server = createApp(h.deps).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    // The public URL is what CSRF compares Origin with.
    h.deps.config.publicUrl = base;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });

  it("answers /healthz and /readyz, with the checks it made", async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { ready: boolean; checks: Array<{ name: string; ok: boolean }> };
    expect(body.ready).toBe(true);
    expect(body.checks.map((c) => c.name)).toEqual(["database", "migrations", "rules"]);
  });

  it("sends secure headers and does not say what it runs on", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(res.headers.get("x-powered-by")).toBeNull();
  });

  it("refuses a state-changing request without the CSRF token, and accepts it with the token", async () => {
    const browser = new Browser(base);
    const without = await browser.trpc("auth.login", { email: "dcro@example.gov.uk", password: PASSWORD });
    expect(without.status).toBe(403);
    expect(((await without.json()) as { error: { code: string } }).error.code).toBe("CSRF");

    const token = await browser.csrf();
    const wrong = await browser.trpc("auth.login", { email: "dcro@example.gov.uk", password: PASSWORD }, { "x-csrf-token": `${token}x` });
    expect(wrong.status).toBe(403);
    const ok = await browser.trpc("auth.login", { email: "dcro@example.gov.uk", password: PASSWORD }, { "x-csrf-token": token });
    expect(ok.status).toBe(200);
    const session = [...browser.cookies.keys()].find((k) => k === "cm_session");
    expect(session).toBe("cm_session");
    const me = await browser.fetch("/trpc/auth.me");
    expect(me.status).toBe(200);
    expect(((await me.json()) as { result: { data: { email: string } } }).result.data.email).toBe("dcro@example.gov.uk");
  });

  it("refuses a request from another site even with a token", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    const res = await browser.trpc("auth.login", { email: "dcro@example.gov.uk", password: PASSWORD }, { "x-csrf-token": token, origin: "https://evil.example" });
    expect(res.status).toBe(403);
  });

  it("signs in through the HTML form (no JavaScript): HttpOnly, SameSite cookie and a redirect", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    const res = await browser.fetch("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", accept: "text/html" },
      body: new URLSearchParams({ email: "legal@example.gov.uk", password: PASSWORD, _csrf: token, returnTo: "/cases" }).toString(),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/cases");
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith("cm_session="))!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);

    const without = new Browser(base);
    const refused = await without.fetch("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "legal@example.gov.uk", password: PASSWORD }).toString(),
    });
    expect(refused.status).toBe(403);
  });

  it("never redirects off-site after signing in", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    const res = await browser.fetch("/auth/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ email: "legal@example.gov.uk", password: PASSWORD, _csrf: token, returnTo: "//evil.example/x" }).toString(),
    });
    expect(res.headers.get("location")).toBe("/");
  });

  it("answers bad input with 400 and a message for each field, never a stack trace", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    const res = await browser.trpc("auth.login", { email: "not-an-email", password: "" }, { "x-csrf-token": token });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { message: string; data: { fieldErrors: Record<string, string[]>; httpStatus: number; stack?: string } } };
    expect(body.error.data.httpStatus).toBe(400);
    expect(Object.keys(body.error.data.fieldErrors).sort()).toEqual(["email", "password"]);
    expect(body.error.data.fieldErrors.email?.[0]).toMatch(/email address/);
    expect(body.error.data.fieldErrors.password?.[0]).toBe("Enter your password");
    expect(JSON.stringify(body)).not.toMatch(/stack|at .*\.ts:\d+/);
  });

  it("answers unknown paths with a JSON 404", async () => {
    const res = await fetch(`${base}/no/such/page`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("NOT_FOUND");
  });

  it("limits sign-in attempts per IP address", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await browser.trpc("auth.login", { email: `someone${i}@example.gov.uk`, password: "guess" }, { "x-csrf-token": token });
      statuses.push(res.status);
    }
    expect(statuses).toContain(429);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(6);
  });
});

describe("when something breaks inside", () => {
  it("answers 500 with a plain message and no internals, and logs the details", async () => {
    const h = await openHarness();
    const server = createApp(h.deps).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h.deps.config.publicUrl = base;
    try {
      const browser = new Browser(base);
      const token = await browser.csrf();
      await h.db.close();
      const res = await browser.trpc("auth.login", { email: "dcro@example.gov.uk", password: PASSWORD }, { "x-csrf-token": token });
      expect(res.status).toBe(500);
      const body = (await res.json()) as { error: { message: string } };
      expect(body.error.message).toBe(INTERNAL_MESSAGE);
      expect(JSON.stringify(body)).not.toMatch(/stack|kysely|pglite|driver/i);
      expect(h.log.entries.some((e) => e.level === "error" && e.message === "request failed")).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe("the sign-in limit and broken addresses (issue 20)", () => {
  let h: Harness;
  let server: Server;
  let base: string;
  beforeAll(async () => {
    h = await openHarness({ config: { loginAttemptsPerIp: 4 } });
    server = createApp(h.deps).listen(0, "127.0.0.1");
    await new Promise((resolve) => server.once("listening", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    h.deps.config.publicUrl = base;
  });
  afterAll(async () => {
    await new Promise((resolve) => server?.close(resolve));
    await h?.close();
  });

  it("answers a broken %-encoding in the path with a plain 400, and logs no error", async () => {
    for (const path of ["/trpc/%E0%A4%A", "/trpc/auth.login%", "/cases/%zz/attachments", "/no/%E0%A4%A"]) {
      const res = await fetch(`${base}${path}`, { method: "GET" });
      expect(res.status, path).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/broken %-encoding/);
    }
    expect(h.log.entries.filter((e) => e.level === "error")).toEqual([]);
  });

  it("answers a NUL or a lone surrogate in a field with a plain message naming the field, not zod's JSON", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    for (const description of ["Bins\u0000 not collected", "Bins \ud800 not collected"]) {
      const res = await browser.trpc("public.submit", { kind: "complaint", serviceId: "council-tax", description, desiredOutcome: null, customer: { fullName: "Ann Smith", email: "ann@example.com" }, idempotencyKey: `key-${description.length}-${description.charCodeAt(4)}` }, { "x-csrf-token": token });
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { message: string; data: { fieldErrors: Record<string, string[]> } } };
      expect(body.error.message).toBe("The request is not valid. description: Remove the invisible control or broken characters from this answer: they cannot be stored");
      expect(body.error.data.fieldErrors).toEqual({ description: ["Remove the invisible control or broken characters from this answer: they cannot be stored"] });
    }
  });

  it("counts /trpc/auth%2Elogin, batches and the form post as the same sign-in", async () => {
    const browser = new Browser(base);
    const token = await browser.csrf();
    const statuses: number[] = [];
    const post = (path: string, input: unknown) => browser.trpc(path, input, { "x-csrf-token": token });
    for (let i = 0; i < 2; i++) statuses.push((await post("auth%2Elogin", { email: `a${i}@example.gov.uk`, password: "guess" })).status);
    statuses.push((await post("auth%2elogin?batch=1", { 0: { email: "b@example.gov.uk", password: "guess" } })).status);
    statuses.push((await post("auth.login", { email: "c@example.gov.uk", password: "guess" })).status);
    statuses.push((await post("auth%2Elogin", { email: "dcro@example.gov.uk", password: PASSWORD })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });
});
