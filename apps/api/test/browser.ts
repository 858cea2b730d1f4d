/**
 * A browser-like HTTP client for tests against a listening app: keeps cookies, sends the CSRF
 * token the way the portal's scripts do, and signs in like a person would.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import type { Express } from "express";

export class Browser {
  readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}
  header(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", this.header());
    const res = await fetch(this.base + path, { ...init, headers, redirect: "manual" });
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
