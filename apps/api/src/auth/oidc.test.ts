/**
 * Single sign-on end to end: a real OpenID Connect provider (oidc-provider) runs in the test,
 * the API talks to it with openid-client, and a scripted browser follows every redirect.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import Provider from "oidc-provider";
import { openHarness, type Harness } from "../../test/harness.js";
import { createApp } from "../server.js";
import { OidcLogin } from "./oidc.js";

/** A browser: one cookie jar per host, redirects followed by hand. */
class Browser {
  private readonly jars = new Map<string, Map<string, string>>();
  async get(url: string, init: RequestInit = {}): Promise<Response> {
    const u = new URL(url);
    const jar = this.jars.get(u.host) ?? new Map<string, string>();
    this.jars.set(u.host, jar);
    const headers = new Headers(init.headers);
    const cookie = [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    if (cookie) headers.set("cookie", cookie);
    const res = await fetch(url, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq);
      const value = pair!.slice(eq + 1);
      if (!value || /expires=thu, 01 jan 1970/i.test(line) || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
  /** Follows redirects until a page (non-3xx) or a URL on `stopAt`'s host and path. */
  async follow(url: string, stopAt?: string): Promise<{ url: string; res: Response }> {
    let current = url;
    for (let i = 0; i < 20; i++) {
      if (stopAt && current.startsWith(stopAt)) return { url: current, res: await this.get(current) };
      const res = await this.get(current);
      const location = res.headers.get("location");
      if (res.status < 300 || res.status >= 400 || !location) return { url: current, res };
      current = new URL(location, current).href;
    }
    throw new Error("too many redirects");
  }
  async submit(pageUrl: string, html: string, fields: Record<string, string>): Promise<string> {
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (!action) throw new Error(`no form on ${pageUrl}`);
    const res = await this.get(new URL(action.replace(/&amp;/g, "&"), pageUrl).href, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(fields).toString(),
    });
    return new URL(res.headers.get("location")!, pageUrl).href;
  }
}

describe("single sign-on with OpenID Connect (Entra ID style)", () => {
  let h: Harness;
  let api: Server;
  let idp: Server;
  let apiBase: string;
  let issuer: string;
  const accounts: Record<string, { email: string; name: string; verified: boolean }> = {
    "entra-officer": { email: "Investigating-Officer@example.gov.uk", name: "Ivy Officer", verified: true },
    "entra-stranger": { email: "stranger@elsewhere.example", name: "Stranger", verified: true },
    // Someone who typed a staff member's address at the provider without proving it is theirs.
    "entra-impostor": { email: "legal@example.gov.uk", name: "Not Legal", verified: false },
  };

  beforeAll(async () => {
    h = await openHarness();
    api = createApp(h.deps).listen(0, "127.0.0.1");
    await new Promise((r) => api.once("listening", r));
    apiBase = `http://127.0.0.1:${(api.address() as AddressInfo).port}`;
    h.deps.config.publicUrl = apiBase;

    idp = createServer();
    await new Promise<void>((r) => idp.listen(0, "127.0.0.1", () => r()));
    issuer = `http://127.0.0.1:${(idp.address() as AddressInfo).port}`;
    const provider = new Provider(issuer, {
      clients: [
        {
          client_id: "complaints-platform",
          client_secret: "a-test-client-secret-of-some-length",
          redirect_uris: [`${apiBase}/auth/oidc/callback`],
          grant_types: ["authorization_code"],
          response_types: ["code"],
        },
      ],
      claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
      findAccount: async (_ctx, sub) =>
        accounts[sub] ? { accountId: sub, claims: async () => ({ sub, email: accounts[sub]!.email, email_verified: accounts[sub]!.verified, name: accounts[sub]!.name }) } : undefined,
      cookies: { keys: ["test-cookie-key"] },
      features: { devInteractions: { enabled: true } },
    });
    idp.on("request", provider.callback());

    h.deps.oidc = await OidcLogin.discover(
      { issuer, clientId: "complaints-platform", clientSecret: "a-test-client-secret-of-some-length", label: "Sign in with Microsoft", emailClaim: "email" },
      `${apiBase}/auth/oidc/callback`,
      { allowHttp: true },
    );
  });
  afterAll(async () => {
    await new Promise((r) => api?.close(r));
    await new Promise((r) => idp?.close(r));
    await h?.close();
  });

  async function signIn(browser: Browser, accountId: string, returnTo = "/queues") {
    const start = await browser.follow(`${apiBase}/auth/oidc/start?returnTo=${encodeURIComponent(returnTo)}`);
    expect(start.url.startsWith(`${issuer}/interaction/`)).toBe(true);
    const loginPage = await start.res.text();
    const afterLogin = await browser.submit(start.url, loginPage, { prompt: "login", login: accountId, password: "anything" });
    let page = await browser.follow(afterLogin, `${apiBase}/auth/oidc/callback`);
    if (page.url.startsWith(`${issuer}/interaction/`)) {
      const afterConsent = await browser.submit(page.url, await page.res.text(), { prompt: "consent" });
      page = await browser.follow(afterConsent, `${apiBase}/auth/oidc/callback`);
    }
    expect(page.url.startsWith(`${apiBase}/auth/oidc/callback?`)).toBe(true);
    return page.res;
  }

  it("signs a staff member in through the provider and links the account to their identity", async () => {
    const browser = new Browser();
    const callback = await signIn(browser, "entra-officer");
    expect(callback.status).toBe(303);
    expect(callback.headers.get("location")).toBe("/queues");
    const me = await browser.get(`${apiBase}/trpc/auth.me`);
    expect(me.status).toBe(200);
    const body = (await me.json()) as { result: { data: { email: string; roles: Array<{ role: string }> } } };
    expect(body.result.data.email).toBe("investigating-officer@example.gov.uk");
    expect(body.result.data.roles.map((r) => r.role)).toEqual(["investigating-officer"]);

    const linked = await h.db.db.selectFrom("staff").select(["oidc_issuer", "oidc_subject"]).where("email", "=", "investigating-officer@example.gov.uk").executeTakeFirstOrThrow();
    expect(linked).toEqual({ oidc_issuer: issuer, oidc_subject: "entra-officer" });
  });

  it("knows the linked staff member by subject next time, even if their email changed at the provider", async () => {
    accounts["entra-officer"]!.email = "ivy.officer@renamed.example";
    try {
      const browser = new Browser();
      await signIn(browser, "entra-officer");
      const me = (await (await browser.get(`${apiBase}/trpc/auth.me`)).json()) as { result: { data: { email: string } } };
      expect(me.result.data.email).toBe("investigating-officer@example.gov.uk");
    } finally {
      accounts["entra-officer"]!.email = "Investigating-Officer@example.gov.uk";
    }
  });

  it("refuses someone with no staff account: the provider vouching for them is not enough", async () => {
    const browser = new Browser();
    const callback = await signIn(browser, "entra-stranger");
    expect(callback.status).toBe(401);
    expect(((await callback.json()) as { error: { message: string } }).error.message).toMatch(/no staff account for stranger@elsewhere.example/);
    expect((await browser.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
  });

  it("does not link an account by an email the provider has not verified (issue 20)", async () => {
    const browser = new Browser();
    const callback = await signIn(browser, "entra-impostor");
    expect(callback.status).toBe(401);
    expect(((await callback.json()) as { error: { message: string } }).error.message).toMatch(/has not confirmed that legal@example.gov.uk is your address/);
    expect((await browser.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
    const legal = await h.db.db.selectFrom("staff").select(["oidc_issuer", "oidc_subject"]).where("email", "=", "legal@example.gov.uk").executeTakeFirstOrThrow();
    expect(legal).toEqual({ oidc_issuer: null, oidc_subject: null });
  });

  it("refuses a callback that was not started in this browser (state and PKCE)", async () => {
    const attacker = new Browser();
    const start = await attacker.follow(`${apiBase}/auth/oidc/start`);
    const afterLogin = await attacker.submit(start.url, await start.res.text(), { prompt: "login", login: "entra-officer", password: "x" });
    let page = await attacker.follow(afterLogin, `${apiBase}/auth/oidc/callback`);
    if (page.url.startsWith(`${issuer}/interaction/`)) {
      page = await attacker.follow(await attacker.submit(page.url, await page.res.text(), { prompt: "consent" }), `${apiBase}/auth/oidc/callback`);
    }
    // The victim's browser opens the attacker's callback link: it has no matching sign-in in progress.
    const victim = new Browser();
    const res = await victim.get(page.url);
    expect(res.status).toBe(400);
    expect((await victim.get(`${apiBase}/trpc/auth.me`)).status).toBe(401);
  });

  it("offers single sign-on on the sign-in page", async () => {
    const methods = await (await h.as(null)).auth.methods();
    expect(methods.sso).toEqual({ label: "Sign in with Microsoft", startUrl: "/auth/oidc/start" });
  });
});
