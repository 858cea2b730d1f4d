/**
 * Issue 20, findings 2, 4 and 11, on a real PostgreSQL with real API processes (apps/api
 * `start.js`), which migrate as the owner and connect as the restricted application role:
 * - concurrent readers of one case, and readers racing commands, all succeed and are recorded;
 * - the application's role cannot alter, truncate, update or delete the event log;
 * - `npm run audit:verify` (apps/api `audit-verify.js`) finds an edited event, a deleted event,
 *   deleted trailing reads and a log rechained without the key, tampered as the owner can;
 * - administrators' actions are in the log, and a self-granted case-reading role waits.
 */
import { spawn } from "node:child_process";
import path from "node:path";
import { ApiClient, keepAliveAgent, repoRoot, type Child } from "@complaints/bench";
import { canonicalJson, sha256Hex } from "@complaints/db";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acceptedCase, appRoleUrl, PASSWORD, query, signIn, startWorld, type Council } from "./setup/world.js";

let url: string;
let council: Council;
let api: Child;

beforeAll(async () => ({ url, council, api } = await startWorld("audit", { cases: 40 })));
afterAll(() => api?.stop());

const newCase = (client: ApiClient) => acceptedCase(client, "Audit Tester");

/** `npm run audit:verify` against the test's database, as the owner, with the suite's key. */
function auditVerify(): Promise<{ code: number; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(repoRoot, "apps/api/dist/audit-verify.js")], { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code: code ?? -1, out });
    });
  });
}

/** Statements run as the database's owner with the append-only triggers switched off. */
async function asOwner(...statements: Array<[string, unknown[]]>) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query("BEGIN");
    await client.query("ALTER TABLE events DISABLE TRIGGER events_append_only");
    await client.query("ALTER TABLE event_heads DISABLE TRIGGER event_heads_keep");
    for (const [text, values] of statements) await client.query(text, values);
    await client.query("ALTER TABLE event_heads ENABLE TRIGGER event_heads_keep");
    await client.query("ALTER TABLE events ENABLE TRIGGER events_append_only");
    await client.query("COMMIT");
  } finally {
    await client.end();
  }
}

describe("finding 2: concurrent reads of one case", () => {
  it("five people opening the same case ten times at once: 50 answers, 50 recorded reads", async () => {
    const dcro = await signIn(api.url, council.email("dcro", "customer-services"));
    const { caseId } = await newCase(dcro);
    const agent = keepAliveAgent(50);
    const readers = await Promise.all(
      Array.from({ length: 5 }, async () => {
        const c = new ApiClient(api.url, agent);
        await c.login(council.email("dcro", "customer-services"), PASSWORD);
        return c;
      }),
    );
    const replies = await Promise.all(Array.from({ length: 50 }, (_, i) => readers[i % 5]!.queryReply("cases.get", { caseId })));
    expect(replies.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    const [reads] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM events WHERE case_id = $1 AND type = 'case-read'", [caseId]);
    expect(reads!.n).toBe(50);
    agent.destroy();
  });

  it("readers racing commands on the case: every read succeeds and the commands apply in turn", async () => {
    const dcro = await signIn(api.url, council.email("dcro", "customer-services"));
    const { caseId, version } = await newCase(dcro);
    const reader = await signIn(api.url, council.email("dcro", "customer-services"));
    const reads = Promise.all(Array.from({ length: 30 }, () => reader.queryReply("cases.get", { caseId })));
    let v = version;
    for (let i = 0; i < 5; i++) v = (await dcro.mutation<{ version: number }>("command.recordContact", { caseId, expectedVersion: v, direction: "out", channel: "phone", summary: `Call ${i}` })).version;
    expect((await reads).filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 200)}`)).toEqual([]);
    const [reads2] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM events WHERE case_id = $1 AND type = 'case-read'", [caseId]);
    expect(reads2!.n).toBe(30);
    expect(v).toBe(version + 5);
  });
});

describe("finding 4: the application's database role", () => {
  it.each([
    "ALTER TABLE events DISABLE TRIGGER events_append_only",
    "TRUNCATE events",
    "DELETE FROM events",
    "UPDATE events SET type = 'x'",
    "DELETE FROM event_heads",
  ])("refuses %s to the role the API connects as", async (statement) => {
    const client = new pg.Client({ connectionString: await appRoleUrl(url) });
    await client.connect();
    try {
      await expect(client.query(statement)).rejects.toMatchObject({ code: "42501" });
    } finally {
      await client.end();
    }
  });
});

describe("finding 4: npm run audit:verify", () => {
  it("passes on the untouched log, then finds an edited event, a deleted event, deleted trailing reads and a log rechained without the key", async () => {
    const dcro = await signIn(api.url, council.email("dcro", "customer-services"));
    const made = [];
    for (let i = 0; i < 4; i++) {
      const { caseId } = await newCase(dcro);
      for (let r = 0; r < 2; r++) await dcro.query("cases.get", { caseId });
      made.push(caseId);
    }
    const clean = await auditVerify();
    expect(clean.out).toMatch(/OK: every chain verifies/);
    expect(clean.code).toBe(0);

    const [edited, deleted, trailing, rechained] = made as [string, string, string, string];
    // Rechained without the key: every event's hash recomputed as plain SHA-256 (what one can do
    // without AUDIT_KEY), links intact, layout set to the unkeyed one.
    const events = await query<{ id: number; seq: number }>(url, "SELECT id, seq FROM events WHERE case_id = $1 ORDER BY seq", [rechained]);
    let prev: string | null = null;
    const rewrites: Array<[string, unknown[]]> = events.map((e) => {
      const hash = sha256Hex(canonicalJson({ forged: e.seq, prev }));
      const statement: [string, unknown[]] = ["UPDATE events SET prev_hash = $2, hash = $3, hash_layout = 1 WHERE id = $1", [e.id, prev, hash]];
      prev = hash;
      return statement;
    });
    await asOwner(
      ["UPDATE events SET payload = jsonb_set(payload, '{type}', '\"nothing-happened\"') WHERE case_id = $1 AND seq = 2", [edited]],
      ["DELETE FROM events WHERE case_id = $1 AND seq = 2", [deleted]],
      ["DELETE FROM events WHERE case_id = $1 AND type = 'case-read'", [trailing]],
      ...rewrites,
    );
    const broken = await auditVerify();
    expect(broken.code).toBe(1);
    expect(broken.out).toMatch(new RegExp(`case:${edited}\\s+content-altered`));
    expect(broken.out).toMatch(new RegExp(`case:${deleted}\\s+missing-event`));
    expect(broken.out).toMatch(new RegExp(`case:${trailing}\\s+missing-tail`));
    expect(broken.out).toMatch(new RegExp(`case:${rechained}\\s+(head-mismatch|content-altered|unkeyed-after-keyed)`));
    expect(broken.out).toMatch(/BROKEN: 4 chain/);
  });
});

describe("finding 11: administrators' actions", () => {
  it("are recorded in the log for auditors, and a self-granted case-reading role waits for a second administrator", async () => {
    const admin = await signIn(api.url, council.email("administrator"));
    const me = council.id("administrator");
    const directorate = council.directorateId("customer-services");
    const asked = await admin.mutation<{ pendingRequestId: string | null; roles: unknown[] }>("admin.staff.setRoles", {
      staffId: me,
      roles: [
        { role: "administrator", directorateId: null },
        { role: "dcro", directorateId: directorate },
      ],
    });
    expect(asked.pendingRequestId).toEqual(expect.any(String));
    expect(asked.roles).not.toContainEqual({ role: "dcro", directorateId: directorate });
    await admin.mutation("admin.staff.resetPassword", { staffId: council.id("dcro", "customer-services"), password: "a new temporary password for the test" });
    const auditor = await signIn(api.url, council.email("auditor"));
    const events = await auditor.query<Array<{ type: string; actorId: string }>>("audit.adminEvents", { limit: 10 });
    expect(events.slice(0, 2).map((e) => [e.type, e.actorId])).toEqual([
      ["password-reset", me],
      ["roles-requested", me],
    ]);
  });
});
