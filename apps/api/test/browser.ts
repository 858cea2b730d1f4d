/**
 * A browser-like HTTP client for tests against a listening app: keeps cookies, sends the CSRF
 * token the way the portal's scripts do, and signs in like a person would.
 */
import type { AddressInfo } from "node:net";
import { request, type Server } from "node:http";
import type { Express } from "express";

/**
 * fetch through node:http, sending `host` as the Host header: fetch itself always sends the
 * URL's, and names like leeds.localhost do not resolve outside a browser.
 */
function fetchAs(host: string, url: string, init: RequestInit): Promise<Response> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { ...Object.fromEntries(new Headers(init.headers)), host };
    const body = typeof init.body === "string" ? init.body : null;
    if (body !== null) headers["content-length"] = String(Buffer.byteLength(body));
    const req = request(url, { method: init.method ?? "GET", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const out = new Headers();
        for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) out.append(name, v);
        const status = res.statusCode ?? 500;
        resolve(new Response([204, 304].includes(status) ? null : Buffer.concat(chunks), { status, headers: out }));
      });
    });
    req.on("error", reject);
    req.end(body ?? undefined);
  });
}

export class Browser {
  readonly cookies = new Map<string, string>();
  /** `host`: the host name to ask for (a council's own address), instead of the base URL's. */
  constructor(
    readonly base: string,
    readonly host: string | null = null,
  ) {}
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    const res = this.host ? await fetchAs(this.host, this.base + path, { ...init, headers }) : await fetch(this.base + path, { ...init, headers, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      if (/max-age=0|expires=thu, 01 jan 1970/i.test(line)) this.cookies.delete(name!);
      else this.cookies.set(name!, value.join("="));
    }
    return res;
  }
  async csrf(): Promise<string> {
    const res = await this.fetch("/auth/csrf");
    return ((await res.json()) as { token: string }).token;
  }
  async trpc(path: string, input: unknown, extra: Record<string, string> = {}): Promise<Response> {
    return this.fetch(`/trpc/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...extra },
      body: JSON.stringify(input),
    });
  }
  /** Signs in with email and password through tRPC; throws unless it worked. */
  async signIn(email: string, password: string): Promise<this> {
    const token = await this.csrf();
    const res = await this.trpc("auth.login", { email, password }, { "x-csrf-token": token });
    if (res.status !== 200) throw new Error(`sign-in as ${email} failed: ${res.status} ${await res.text()}`);
    return this;
  }
}

/** Listens on a free local port; the app's public URL is set to it (CSRF compares Origin with it). */
export async function listen(app: Express, setPublicUrl: (url: string) => void): Promise<{ base: string; close: () => Promise<void> }> {
  const server: Server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  setPublicUrl(base);
  return { base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}
