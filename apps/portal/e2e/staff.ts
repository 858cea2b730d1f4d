/**
 * Steps the staff-page browser tests share: calling the API over HTTP to set a case up (the
 * same /trpc the portal's own scripts could use), submitting a plain HTML form (the file
 * upload, which goes to the API's route rather than through Remix), and writing a pending
 * letter on its page.
 */
import type { Visitor } from "./browser.js";

export const PASSWORD = "demo-password";

/** A signed-in HTTP client of the portal's server: cookies kept, the CSRF token sent back. */
export class ApiClient {
  private readonly cookies = new Map<string, string>();
  constructor(readonly base: string) {}

  private async fetch(path: string, init: RequestInit = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size) headers.set("cookie", [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "));
    const csrf = this.cookies.get("cm_csrf");
    if (csrf) headers.set("x-csrf-token", csrf);
    const res = await fetch(this.base + path, { ...init, headers, redirect: "manual", signal: AbortSignal.timeout(60_000) });
    for (const line of res.headers.getSetCookie()) {
      const [pair] = line.split(";");
      const [name, ...value] = pair!.split("=");
      this.cookies.set(name!, value.join("="));
    }
    return res;
  }

  async signIn(email: string, password = PASSWORD): Promise<this> {
    await this.fetch("/auth/csrf");
    await this.mutation("auth.login", { email, password });
    return this;
  }

  /** A file the signed-in person may read (a letter's PDF), as its bytes. */
  async download(path: string): Promise<Uint8Array> {
    const res = await this.fetch(path);
    if (!res.ok) throw new Error(`${path} answered ${res.status}`);
    return new Uint8Array(await res.arrayBuffer());
  }

  async query<T = Record<string, unknown>>(path: string): Promise<T> {
    const res = await this.fetch(`/trpc/${path}`);
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!res.ok || !body.result) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  }

  async mutation<T = Record<string, unknown>>(path: string, input: unknown): Promise<T> {
    const res = await this.fetch(`/trpc/${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(input) });
    const body = (await res.json()) as { result?: { data: T }; error?: unknown };
    if (!res.ok || !body.result) throw new Error(`${path} answered ${res.status}: ${JSON.stringify(body.error)}`);
    return body.result.data;
  }
}

/**
 * A complaint about the waste service, logged and acknowledged by customer services and
 * answered at Stage 1 by the environment DCRO: its Stage 1 response letter is waiting to be
 * written. The customer gave a phone number only, so the letter (by post) lacks a postal address.
 */
export async function caseWithStage1Response(baseUrl: string, stamp: string): Promise<{ caseId: string; customer: string }> {
  const customer = `Sam Letters ${stamp}`;
  const cso = await new ApiClient(baseUrl).signIn("cso@exampleton.gov.uk");
  const { caseId } = await cso.mutation<{ caseId: string }>("cases.log", {
    kind: "complaint",
    channel: "phone",
    serviceId: "waste",
    description: `Our recycling was left behind four weeks running (${stamp}).`,
    desiredOutcome: "Collect it and stop missing our street",
    // A phone number only: the letter goes by post (decision 0320), and lacks a postal address.
    customer: { fullName: customer, phone: "0113 496 0000" },
  });
  let version = (await cso.mutation<{ version: number }>("command.triage", { caseId, expectedVersion: 1, outcome: "accept" })).version;
  version = (await cso.mutation<{ version: number }>("command.acknowledge", { caseId, expectedVersion: version })).version;
  const dcro = await new ApiClient(baseUrl).signIn("dcro.environment@exampleton.gov.uk");
  await dcro.mutation("command.respond", { caseId, expectedVersion: version, outcome: "upheld", reasons: "The crew's round sheet left your street out; we have added it back." });
  return { caseId, customer };
}

/**
 * A phone complaint logged and triaged by customer services, assigned to the environment DCRO
 * and acknowledged by customer services, from a customer who gave a phone number only: the
 * acknowledgement letter (by post) waits for a postal address and nothing else.
 */
export async function phoneCaseAwaitingAddress(baseUrl: string, stamp: string): Promise<{ caseId: string }> {
  const cso = await new ApiClient(baseUrl).signIn("cso@exampleton.gov.uk");
  const { caseId } = await cso.mutation<{ caseId: string }>("cases.log", {
    kind: "complaint",
    channel: "phone",
    serviceId: "waste",
    description: `The bin lorry damaged our wall (${stamp}).`,
    desiredOutcome: "Repair the wall",
    customer: { fullName: `Ali Address ${stamp}`, phone: "0113 496 0000" },
  });
  let version = (await cso.mutation<{ version: number }>("command.triage", { caseId, expectedVersion: 1, outcome: "accept" })).version;
  const dcro = await new ApiClient(baseUrl).signIn("dcro.environment@exampleton.gov.uk");
  const { id: handlerId } = await dcro.query<{ id: string }>("auth.me");
  version = (await dcro.mutation<{ version: number }>("command.assign", { caseId, expectedVersion: version, handlerId })).version;
  await cso.mutation("command.acknowledge", { caseId, expectedVersion: version });
  return { caseId };
}

/**
 * Submits a plain HTML form (no Remix fetch, with or without JavaScript) and waits for the
 * page the server answers with.
 */
export async function submitNative(v: Visitor, button: string, url: RegExp, label?: string): Promise<void> {
  await Promise.all([v.page.waitForURL(url, { timeout: 30_000, waitUntil: "load" }), v.page.getByRole("button", { name: button, exact: true }).click()]);
  await v.settle(label);
}

/** Fills every letter box the error summary says is missing with a plain sentence. */
export async function fillMissingSections(v: Visitor): Promise<void> {
  for (const box of await v.page.locator(".govuk-form-group--error textarea[name^='section-']").all()) {
    if (!(await box.inputValue()).trim()) await box.fill("We will do this by the end of the month and write to you when it is done.");
  }
}

/**
 * On a case page, writes the pending Stage 1 response letter and issues it: the first attempt
 * lacks the customer's postal address (and anything else the error summary lists), which is
 * then given. Ends on the case page with the letter issued; answers the error summary's text.
 */
export async function issueStage1Letter(v: Visitor, address: { lines: string; postcode: string }): Promise<string> {
  await v.click("Write the Stage 1 response", { url: /\/cases\/[0-9a-f-]{36}\/letters\/\d+$/ }, "letter-write");
  await v.submit("Issue the letter", { text: "There is a problem" }, "letter-missing");
  const summary = await v.page.locator(".govuk-error-summary").innerText();
  await v.page.fill("#customerAddress", address.lines);
  await v.page.fill("#customerAddressPostcode", address.postcode);
  await fillMissingSections(v);
  await v.submit("Issue the letter", { url: /\/cases\/[0-9a-f-]{36}\?letterIssued=/ }, "letter-issued");
  return summary;
}
