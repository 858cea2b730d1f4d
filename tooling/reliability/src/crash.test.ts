/**
 * Kill -9 the API ten times during 10,000 public submissions (a council's web form posting to
 * the integration API with an idempotency key, retrying on any failure): afterwards exactly
 * 10,000 cases, none twice, and every case's event chain verifies.
 */
import { request, type Child } from "@complaints/bench";
import { createDb, verifyEventChain } from "@complaints/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrationKey, query, startApi, startWorld, type Council } from "./setup/world.js";

const SUBMISSIONS = 10_000;
const KILLS = 10;
const CONCURRENCY = 24;
const SERVICES = ["refuse-collection", "rehousing", "environmental-enforcement", "planning", "highways-and-traffic"];

let url: string;
let council: Council;
let api: Child | null = null;
let port: number;

beforeAll(async () => {
  ({ url, council, api } = await startWorld("crash", { cases: 0 }));
  port = Number(new URL(api.url).port);
});
afterAll(async () => {
  await api?.stop("SIGKILL");
});

function submission(n: number) {
  return {
    kind: "complaint",
    channel: "web",
    serviceId: SERVICES[n % SERVICES.length],
    description: `Web form submission ${n}: my bins were not collected and nobody called back.`,
    customer: { fullName: `Resident ${n}`, email: `resident.${n}@example.org`, postcode: "SE6 4RU" },
    idempotencyKey: `web-form-${n}-${"x".repeat(4)}`,
  };
}

describe("kill -9 during 10,000 public submissions", () => {
  it("ends with exactly 10,000 cases, none twice, every event chain intact", { timeout: 600_000 }, async () => {
    const key = await integrationKey(api!.url, council, ["customer-services", "regeneration"]);
    const base = api!.url;
    let completed = 0;
    let kills = 0;
    let restarting: Promise<void> | null = null;
    const outcomes = new Map<number, { caseId: string; attempts: number; created: boolean }>();
    const refused: string[] = [];
    const started = Date.now();
    const deadline = started + 8 * 60_000;

    // Kill the API (SIGKILL: no shutdown, in-flight transactions cut) each time another
    // tenth of the submissions has been answered, and start it again on the same port.
    const killer = async () => {
      while (kills < KILLS && Date.now() < deadline) {
        if (completed >= ((kills + 1) * SUBMISSIONS) / (KILLS + 1)) {
          kills++;
          restarting = (async () => {
            await api!.stop("SIGKILL");
            api = await startApi(url, {}, port);
          })();
          await restarting;
          restarting = null;
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    };

    let next = 0;
    const client = async () => {
      while (next < SUBMISSIONS && Date.now() < deadline) {
        const n = next++;
        const body = JSON.stringify(submission(n));
        for (let attempt = 1; attempt <= 400 && Date.now() < deadline; attempt++) {
          try {
            const reply = await request(`${base}/api/v1/cases`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body, timeoutMs: 20_000 });
            if (reply.status === 200) {
              const answer = reply.body as { caseId: string; created: boolean };
              outcomes.set(n, { caseId: answer.caseId, attempts: attempt, created: answer.created });
              break;
            }
            if (reply.status < 500 && reply.status !== 429) {
              refused.push(`${n}: ${reply.status} ${reply.text.slice(0, 200)}`);
              break;
            }
          } catch {
            // Connection refused or cut: the API is down; retry with the same key.
          }
          await new Promise((r) => setTimeout(r, restarting ? 100 : 10 + Math.random() * 40));
        }
        completed++;
        if (completed % 1000 === 0) console.info(`[crash] ${completed} answered, ${kills} kills, ${((Date.now() - started) / 1000).toFixed(0)} s`);
      }
    };
    await Promise.all([killer(), ...Array.from({ length: CONCURRENCY }, client)]);

    expect(refused).toEqual([]);
    expect(kills).toBe(KILLS);
    expect(outcomes.size).toBe(SUBMISSIONS);
    const retried = [...outcomes.values()].filter((o) => o.attempts > 1);
    // Some answers were lost with the process: those clients retried, some after their case was committed.
    expect(retried.length).toBeGreaterThan(0);

    const [counts] = await query<{ cases: number; keys: number; descriptions: number }>(
      url,
      `SELECT (SELECT count(*)::int FROM cases) AS cases,
              (SELECT count(*)::int FROM idempotency_keys WHERE case_id IS NOT NULL) AS keys,
              (SELECT count(DISTINCT description)::int FROM cases) AS descriptions`,
    );
    expect(counts!.cases).toBe(SUBMISSIONS);
    expect(counts!.descriptions).toBe(SUBMISSIONS);
    expect(counts!.keys).toBe(SUBMISSIONS);
    // Each answer named the case its key made, whichever attempt got it.
    const byKey = await query<{ key: string; case_id: string }>(url, "SELECT key, case_id FROM idempotency_keys");
    const caseOfKey = new Map(byKey.map((r) => [r.key, r.case_id]));
    const mismatched = [...outcomes].filter(([n, o]) => caseOfKey.get(submission(n).idempotencyKey) !== o.caseId);
    expect(mismatched).toEqual([]);

    const database = await createDb({ url, maxConnections: 8 });
    try {
      const ids = (await database.db.selectFrom("cases").select("id").execute()).map((r) => r.id);
      const broken: string[] = [];
      let i = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (i < ids.length) {
            const id = ids[i++]!;
            const result = await verifyEventChain(database.db, id);
            if (!result.ok) broken.push(`${id}: ${result.firstBroken.message}`);
          }
        }),
      );
      expect(broken).toEqual([]);
    } finally {
      await database.close();
    }
    console.info(`[crash] ${SUBMISSIONS} submissions, ${KILLS} kills, ${retried.length} retried, ${[...outcomes.values()].filter((o) => !o.created).length} answered from the idempotency key, ${((Date.now() - started) / 1000).toFixed(0)} s`);
  });
});
