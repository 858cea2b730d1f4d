/**
 * Restart PostgreSQL in the middle of a load: the API keeps running (same process) and
 * recovers by itself; every submission that got a success answer is in the database; every
 * one that failed got a clear error (JSON, a plain message, no stack trace); retried with the
 * same idempotency key, each failed one then makes exactly one case.
 */
import { request, type Child, type Reply } from "@complaints/bench";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startThrowawayPostgres } from "@complaints/vitest-config/postgres";
import { freshDatabase, integrationKey, query, startApi, syntheticCouncil } from "./setup/world.js";

let cluster: Awaited<ReturnType<typeof startThrowawayPostgres>>;
let url: string;
let api: Child;
let key: string;

beforeAll(async () => {
  // A cluster of its own: restarting the suite's would cut the other files' connections.
  cluster = await startThrowawayPostgres();
  url = await freshDatabase("restart", cluster.url);
  const council = await syntheticCouncil(url, { cases: 0 });
  api = await startApi(url);
  key = await integrationKey(api.url, council, ["customer-services"]);
});
afterAll(async () => {
  await api?.stop();
  await cluster?.stop();
});

async function restartPostgres(): Promise<number> {
  const started = performance.now();
  await cluster.restart("fast");
  return performance.now() - started;
}

const body = (n: number) =>
  JSON.stringify({
    kind: "complaint",
    channel: "web",
    serviceId: "refuse-collection",
    description: `Submission ${n} during a database restart`,
    customer: { fullName: `Resident ${n}` },
    idempotencyKey: `restart-${n}-key`,
  });

const send = (n: number): Promise<Reply> =>
  request(`${api.url}/api/v1/cases`, { method: "POST", headers: { "content-type": "application/json", authorization: `Bearer ${key}` }, body: body(n), timeoutMs: 30_000 });

describe("PostgreSQL restarts in the middle of a load", () => {
  it("the API recovers without a restart; successes are stored, failures said so clearly", async () => {
    const pid = api.process.pid;
    const total = 1200;
    const restartAt = 400;
    const outcomes: Array<{ n: number; reply: Reply | null; error: string | null }> = [];
    let next = 0;
    let restart: Promise<number> | null = null;
    const deadline = Date.now() + 4 * 60_000;
    const client = async () => {
      while (next < total && Date.now() < deadline) {
        const n = next++;
        if (n === restartAt) restart = restartPostgres();
        try {
          outcomes.push({ n, reply: await send(n), error: null });
        } catch (error) {
          outcomes.push({ n, reply: null, error: (error as Error).message });
        }
      }
    };
    await Promise.all(Array.from({ length: 8 }, client));
    const restartMs = await restart!;

    // The same process answered throughout: nothing restarted the API.
    expect(api.process.pid).toBe(pid);
    expect(api.process.exitCode, `the API exited: ${api.stderr.slice(-15).join("\n")}`).toBeNull();
    expect(outcomes.filter((o) => o.reply === null)).toEqual([]);

    const ok = outcomes.filter((o) => o.reply!.status === 200);
    const failed = outcomes.filter((o) => o.reply!.status !== 200);
    console.info(`[restart] PostgreSQL restarted in ${restartMs.toFixed(0)} ms; ${ok.length} succeeded, ${failed.length} failed with: ${[...new Set(failed.map((f) => `${f.reply!.status} ${messageOf(f.reply!)}`))].join(" | ")}`);
    expect(failed.length).toBeGreaterThan(0);
    // It recovered: submissions after the restart succeeded, many of them.
    expect(ok.filter((o) => o.n > restartAt + 100).length).toBeGreaterThan(400);

    // Every success is stored, as answered.
    const stored = new Map((await query<{ id: string; reference: string }>(url, "SELECT id, reference FROM cases")).map((r) => [r.id, r.reference]));
    for (const o of ok) {
      const answer = o.reply!.body as { caseId: string; reference: string };
      expect(stored.get(answer.caseId)).toBe(answer.reference);
    }
    // Every failure is a clear error: a server-side status, JSON, a plain message, no internals.
    for (const f of failed) {
      const reply = f.reply!;
      // 503 with Retry-After: the database was away, not a fault in the request or the code.
      expect(reply.status, reply.text).toBe(503);
      expect(reply.headers["retry-after"]).toBe("30");
      expect(reply.headers["content-type"]).toContain("application/json");
      expect(messageOf(reply), reply.text).toMatch(/database is not answering just now\. Please try again/);
      expect(reply.text).not.toMatch(/\bat .+\.(js|ts):\d+|node_modules|ECONN|terminating connection|SQLSTATE|stack/i);
    }

    // Retried with the same key, each failed submission makes (or finds) exactly one case.
    for (const f of failed) {
      const again = await send(f.n);
      expect(again.status, again.text).toBe(200);
    }
    const [counts] = await query<{ cases: number; distinct: number }>(url, "SELECT count(*)::int AS cases, count(DISTINCT description)::int AS distinct FROM cases");
    expect(counts!.cases).toBe(total);
    expect(counts!.distinct).toBe(total);
    const ready = await request(`${api.url}/readyz`);
    expect(ready.status).toBe(200);
  });
});

function messageOf(reply: Reply): string | undefined {
  const body = reply.body as { message?: string; error?: { message?: string } };
  return body.message ?? body.error?.message;
}
