/**
 * Issue 20, against running API processes on PostgreSQL: the sign-in limits hold across
 * processes, path spellings and councils; broken input gets a plain 4xx naming what is wrong;
 * attachments whose name, declared type and bytes disagree, or whose names hide direction
 * marks, are refused; names made only of invisible characters are refused.
 */
import { ApiClient, request, type Child } from "@complaints/bench";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freshDatabase, PASSWORD, query, signIn, startApi, syntheticCouncil, type Council } from "./setup/world.js";

let url: string;
let council: Council;
let one: Child;
let two: Child;
let officer: ApiClient;
let caseId: string;

beforeAll(async () => {
  url = await freshDatabase("input");
  council = await syntheticCouncil(url, { cases: 50 });
  // Two API processes on one database: the limits must be shared, not per process.
  [one, two] = await Promise.all([startApi(url, { LOGIN_ATTEMPTS_PER_IP: "12" }), startApi(url, { LOGIN_ATTEMPTS_PER_IP: "12", PGBOSS_SCHEMA: "pgboss_two" })]);
  // Signed in before the sign-in limits are spent (a success is not counted against the address).
  officer = await signIn(one.url, council.email("dcro", "customer-services"));
  const [open] = await query<{ id: string }>(url, "SELECT c.id FROM cases c JOIN directorates d ON d.id = c.directorate_id WHERE d.code = 'customer-services' AND NOT c.restricted LIMIT 1");
  caseId = open!.id;
});
afterAll(async () => {
  await one?.stop();
  await two?.stop();
});

const pdf = (bytes: number) => Uint8Array.from({ length: bytes }, (_, i) => [0x25, 0x50, 0x44, 0x46, 0x2d][i] ?? 0x20);

async function upload(file: { name: string; type: string; bytes: Uint8Array }, description = "Bank statement") {
  const form = new FormData();
  form.append("_csrf", officer.csrf!);
  form.append("description", description);
  form.append("file", new Blob([file.bytes], { type: file.type }), file.name);
  const res = await fetch(`${one.url}/cases/${caseId}/attachments`, { method: "POST", body: form, headers: { cookie: [...officer.cookies].map(([k, v]) => `${k}=${v}`).join("; "), accept: "application/json" } });
  return { status: res.status, body: (await res.json()) as { error?: { reason?: string; message: string } } };
}

describe("attachments (finding 9)", () => {
  it("refuses a name whose ending is not the declared type's, bytes that are not that type, and hidden direction marks", async () => {
    const before = (await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM attachments"))[0]!.n;
    const exe = new Uint8Array(512);
    exe.set([0x4d, 0x5a]);
    const attempts = [
      { file: { name: "setup.exe", type: "application/pdf", bytes: pdf(200) }, status: 415, reason: "type-not-allowed" },
      { file: { name: "invoice.hta", type: "application/pdf", bytes: pdf(200) }, status: 415, reason: "type-not-allowed" },
      { file: { name: "page.html", type: "text/html", bytes: new TextEncoder().encode("<html><script>alert(1)</script>") }, status: 415, reason: "type-not-allowed" },
      { file: { name: "statement.pdf", type: "application/pdf", bytes: exe }, status: 422, reason: "content-does-not-match-type" },
      { file: { name: "notes.txt", type: "text/plain", bytes: new TextEncoder().encode("<!DOCTYPE html><script>alert(1)</script>") }, status: 422, reason: "content-does-not-match-type" },
      { file: { name: "invoice\u202Efdp.exe", type: "application/pdf", bytes: pdf(200) }, status: 422, reason: "bad-file-name" },
      { file: { name: "a\u200B.pdf", type: "application/pdf", bytes: pdf(200) }, status: 422, reason: "bad-file-name" },
    ];
    for (const a of attempts) {
      const reply = await upload(a.file);
      expect(reply.status, a.file.name).toBe(a.status);
      expect(reply.body.error?.reason, a.file.name).toBe(a.reason);
    }
    expect((await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM attachments"))[0]!.n).toBe(before);
    expect((await upload({ name: "statement.pdf", type: "application/pdf", bytes: pdf(200) })).status).toBe(201);
  });

  it("says an over-long description is too long (low finding)", async () => {
    const reply = await upload({ name: "statement.pdf", type: "application/pdf", bytes: pdf(200) }, "x".repeat(3_000));
    expect(reply.status).toBe(400);
    expect(reply.body.error).toEqual({ code: "INVALID_INPUT", message: "The description is too long: keep it to 500 characters and send the file again", reason: "description-too-long" });
  });
});

describe("broken input gets a plain answer (low findings)", () => {
  it("answers a broken %-encoding in the path with 400", async () => {
    for (const path of ["/trpc/%E0%A4%A", "/trpc/auth.login%", "/attachments/%zz"]) {
      const reply = await request(`${one.url}${path}`, { method: "GET" });
      expect(reply.status, path).toBe(400);
      expect(reply.text).toMatch(/broken %-encoding/);
    }
  });

  it("names the field that holds a NUL or a lone surrogate, with no raw zod JSON", async () => {
    const visitor = await new ApiClient(one.url).start();
    for (const description of ["Bins\u0000 not collected", "Bins \ud800 not collected"]) {
      const reply = await visitor.mutationReply("public.submit", { kind: "complaint", serviceId: "waste", description, desiredOutcome: null, customer: { fullName: "Ann Smith", email: "ann@example.com" }, idempotencyKey: `input-${description.charCodeAt(4)}` });
      expect(reply.status).toBe(400);
      const error = (reply.body as { error: { message: string } }).error;
      expect(error.message).toBe("The request is not valid. description: Remove the invisible control or broken characters from this answer: they cannot be stored");
      expect(error.message).not.toMatch(/"code"|\[/);
    }
  });

  it("refuses names made only of zero-width or direction characters", async () => {
    const visitor = await new ApiClient(one.url).start();
    const reply = await visitor.mutationReply("public.submit", { kind: "complaint", serviceId: "waste", description: "Bins not collected", desiredOutcome: null, customer: { fullName: "\u200B\u202E\u200D", email: "ann@example.com" }, idempotencyKey: "input-invisible-name" });
    expect(reply.status).toBe(400);
    expect((reply.body as { error: { data: { fieldErrors: Record<string, string[]> } } }).error.data.fieldErrors["customer.fullName"]).toEqual(["Enter your full name with at least one letter: it has only invisible characters"]);
    const staff = await officer.mutationReply("cases.log", { kind: "complaint", channel: "email", serviceId: "waste", description: "Bins", customer: { fullName: "\u2066\u2069" } });
    expect(staff.status).toBe(400);
    expect(Object.keys((staff.body as { error: { data: { fieldErrors: Record<string, string[]> } } }).error.data.fieldErrors)).toEqual(["customer.fullName"]);
  });
});

describe("sign-in limits (finding 5): shared by the processes, whatever the path or council", () => {
  it("locks an account whether or not a council is named, with failures spread over two processes and spellings of the path", async () => {
    const [{ slug }] = (await query<{ slug: string }>(url, "SELECT slug FROM councils LIMIT 1")) as [{ slug: string }];
    const email = council.email("auditor");
    const a = await new ApiClient(one.url).start();
    const b = await new ApiClient(two.url).start();
    const statuses = [
      (await a.mutationReply("auth.login", { email, password: "guess 1" })).status,
      (await b.mutationReply("auth%2Elogin", { email, password: "guess 2", council: slug })).status,
      (await a.mutationReply("auth%2elogin", { email: email.toUpperCase(), password: "guess 3" })).status,
      (await b.mutationReply("auth.login", { email, password: "guess 4", council: slug })).status,
      (await a.mutationReply("auth.login", { email, password: "guess 5", council: slug })).status,
    ];
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
    const right = await b.mutationReply("auth.login", { email, password: PASSWORD });
    expect(right.status).toBe(429);
    expect(right.text).toMatch(/Too many failed sign-in attempts/);
  });

  it("limits failed attempts per client address across both processes, counting /trpc/auth%2Elogin", async () => {
    // 12 per 15 minutes; the test above used 6.
    const a = await new ApiClient(one.url).start();
    const b = await new ApiClient(two.url).start();
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++) statuses.push((await (i % 2 ? a : b).mutationReply(i % 3 ? "auth%2Elogin" : "auth.login", { email: `nobody${i}@example.org`, password: "guess" })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 401]);
    for (const client of [a, b]) {
      const reply = await client.mutationReply("auth%2Elogin", { email: council.email("dcro", "customer-services"), password: PASSWORD });
      expect(reply.status).toBe(429);
      expect(reply.text).toMatch(/from this network/);
    }
    const [{ n }] = (await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM login_failures")) as [{ n: number }];
    expect(n).toBe(12);
  });
});
