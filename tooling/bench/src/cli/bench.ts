#!/usr/bin/env node
/**
 * `pnpm bench`: one command that starts what it needs, runs every benchmark and prints one
 * table (figure, value, baseline measured in the same run, ratio, target, pass/fail), then how
 * the figures that depend on the amount of data grow from 10,000 to 100,000 to 1,000,000 cases.
 *
 * 1. A throwaway PostgreSQL cluster (packages/db's harness, Debian's packages).
 * 2. For each scale: synthetic cases loaded with COPY up to that many; the API (the same
 *    express app as `pnpm start`, without background jobs) on localhost; intake, the work
 *    queue and the case page through the API and as raw SQL; the annual report (the reports
 *    package's bench); the portal's case page; the query plans of the work queue.
 * 3. Working-day arithmetic (core) and letters: their own benches, read from their tables.
 *
 * Benchmarks report; they never fail the build (the exit code is 0 unless something could not
 * run). Everything runs against 127.0.0.1 only; every loop is bounded in count and time.
 *
 *   node dist/cli/bench.js [--scales 10000,100000,1000000] [--quick] [--out DIR] [--keep]
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { createDb, migrateToLatest, setAuditKey } from "@complaints/db";
import pg from "pg";
import { SyntheticWorld } from "../synth/cases.js";
import { installCouncil, loadCases, pgliteTarget, postgresTarget } from "../synth/load.js";
import { apiIntake, rawIntake, withdrawOpenCases } from "../bench/intake.js";
import { casePageBench, workQueueBench, workQueuePlans, type PageContext } from "../bench/pages.js";
import { percentile, closedLoop } from "../bench/measure.js";
import { runPackageBench, type PackageBench } from "../bench/packages.js";
import { measurePageWeights } from "../bench/page-weight.js";
import { fmt, growthTable, loadAverage, machine, machineLines, resultTable, type Figure } from "../bench/report.js";
import { repoRoot, startCluster } from "../bench/cluster.js";
import { freePort, startNode, type Child } from "../server/processes.js";

// The servers this bench starts sign the event log (AUDIT_KEY is required on PostgreSQL): a
// throwaway key of this run, passed on with process.env.
process.env.AUDIT_KEY ??= randomBytes(32).toString("base64");
// The raw baselines in this process sign what they write the same way (bench/pages.ts).
setAuditKey(process.env.AUDIT_KEY);
import { ApiClient, keepAliveAgent } from "../http/client.js";

const { values } = parseArgs({
  options: {
    scales: { type: "string", default: "10000,100000,1000000" },
    quick: { type: "boolean", default: false },
    seed: { type: "string", default: "20261123" },
    years: { type: "string", default: "6" },
    "council-size": { type: "string", default: "100000" },
    workers: { type: "string", default: "2" },
    intake: { type: "string", default: "3000" },
    "page-requests": { type: "string", default: "600" },
    "page-concurrency": { type: "string", default: "4" },
    "intake-concurrency": { type: "string", default: "32" },
    "portal-users": { type: "string", default: "16" },
    "skip-packages": { type: "boolean", default: false },
    out: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});

const quick = values.quick;
const scales = (quick ? "2000,10000" : values.scales!).split(",").map(Number).filter((n) => n > 0).sort((a, b) => a - b);
const seed = Number(values.seed);
const years = Number(values.years);
const councilSize = Number(values["council-size"]);
const intakeCount = quick ? 300 : Number(values.intake);
const pageRequests = quick ? 100 : Number(values["page-requests"]);
const pageConcurrency = Number(values["page-concurrency"]);
const intakeConcurrency = Number(values["intake-concurrency"]);
const portalUsers = Number(values["portal-users"]);
const outDir = values.out ?? path.join(repoRoot, ".cache", "bench");
const PASSWORD = "synthetic-password";
const now = new Date();

const say = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const figures: Figure[] = [];
const notes: string[] = [];
const plans: Record<string, unknown> = {};
const packageRuns: PackageBench[] = [];

function add(f: Figure) {
  figures.push(f);
  say(`${f.figure}${f.scale !== null ? ` @ ${fmt.scale(f.scale)}` : ""}: ${f.value} (baseline ${f.baseline}, ${f.ratio}) → ${f.result}`);
}

const passFail = (ok: boolean) => (ok ? "pass" : "FAIL") as Figure["result"];

async function main() {
  mkdirSync(outDir, { recursive: true });
  say(`scales ${scales.join(", ")}; ${os.cpus().length} CPUs; load average ${loadAverage()}`);
  const cluster = await startCluster({
    // A small production server's memory settings (the harness's cluster has durability off).
    shared_buffers: "2GB",
    effective_cache_size: "12GB",
    maintenance_work_mem: "512MB",
    work_mem: "32MB",
    max_wal_size: "8GB",
    checkpoint_timeout: "30min",
    max_connections: "300",
  });
  const info = machine(cluster.version);
  say(`PostgreSQL: ${cluster.version} at ${cluster.url}`);
  let api: Child | null = null;
  try {
    const database = await createDb({ url: cluster.url });
    await migrateToLatest(database.db);
    await database.close();
    const passwordHash = await hash(PASSWORD, { algorithm: 2 });
    const world = new SyntheticWorld({ seed, now, years, councilSize });
    const council = world.council(0);
    const target = await postgresTarget(cluster.url);
    let loaded = 0;
    for (const scale of scales) {
      say(`loading cases ${fmt.int(loaded)}–${fmt.int(scale - 1)}…`);
      const report = await loadCases(target, {
        seed,
        now,
        years,
        councilSize,
        from: loaded,
        to: scale,
        passwordHash,
        workers: Number(values.workers),
        batch: 2000,
        onProgress: (done, total) => {
          if (done % 50_000 === 0 || done === total) say(`  ${fmt.int(done)} / ${fmt.int(total)}`);
        },
      });
      const refused = Object.values(report.refusals).reduce((a, b) => a + b, 0);
      if (refused) notes.push(`${scale}: ${refused} generated commands were refused by a rule (${JSON.stringify(report.refusals)})`);
      const rate = report.cases / report.seconds;
      add({
        key: "bulk load (cases/s)",
        figure: `bulk load, cases ${fmt.int(loaded)}–${fmt.int(scale - 1)} (COPY, ${values.workers} generator threads)`,
        value: `${fmt.int(rate)} cases/s (${report.seconds.toFixed(0)} s; ${fmt.int(report.events)} events)`,
        baseline: "-",
        ratio: "-",
        target: "1,000,000 in minutes",
        result: scale >= 1_000_000 ? passFail(1_000_000 / rate <= 30 * 60) : "-",
        scale,
        number: rate,
      });
      loaded = scale;
      await vacuumAnalyze(cluster.url);

      const port = await freePort();
      api = await startNode(path.join(repoRoot, "tooling/bench/dist/server/api-server.js"), {
        env: { ...process.env, DATABASE_URL: cluster.url, LOGIN_ATTEMPTS_PER_IP: "100000", NODE_ENV: "production" },
        port,
        readyPath: "/readyz",
        // BENCH_PROFILE=1: a CPU profile of the API per scale, to see where its time goes.
        nodeArgs: process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${path.join(outDir, "profiles")}`, `--cpu-prof-name=api-${scale}.cpuprofile`] : [],
      });
      const ctx = await pageContext(cluster.url, api.url, council.id);
      await intakeFigures(api.url, cluster.url, world, scale, passwordHash);
      await pageFigures(ctx, scale);
      await reportFigures(cluster.url, council.id, scale);
      await api.stop();
      api = null;
      await portalFigure(cluster.url, ctx, scale);
    }
    await target.close();

    await pgliteFigure(passwordHash);
    pageWeightFigure();
    if (!values["skip-packages"]) await packageFigures();
  } catch (error) {
    notes.push(`The run stopped early: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
    say(`could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  } finally {
    if (api) await api.stop();
    if (values.keep) say(`cluster kept at ${cluster.url} (${cluster.dataDir})`);
    else await cluster.stop();
    info.loadEnd = loadAverage();
    publish(info);
  }
}

async function vacuumAnalyze(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("VACUUM (ANALYZE)");
  await client.end();
}

/**
 * The harness's own look-ups (a directorate and its DCRO to measure as, the structure's ids,
 * random readable cases to sample) use plain SQL over `pg`, like the raw baselines: they choose
 * what to measure and are not product logic (docs/benchmarks.md).
 */
async function pageContext(databaseUrl: string, apiUrl: string, councilId: string): Promise<PageContext> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ id: string }>("SELECT id FROM directorates WHERE council_id = $1 AND code = 'customer-services'", [councilId]);
    const staff = await client.query<{ id: string; email: string }>("SELECT id, email FROM staff WHERE council_id = $1 AND email LIKE 'dcro-customer-services-1@%'", [councilId]);
    return { apiUrl, databaseUrl, councilId, directorateId: rows[0]!.id, staff: { id: staff.rows[0]!.id, email: staff.rows[0]!.email, password: PASSWORD } };
  } finally {
    await client.end();
  }
}

/**
 * Intake goes to a council of its own (the same structure and staff as the others, no
 * generated cases): thousands of freshly acknowledged cases would otherwise pile up in the
 * council whose work queue is measured next, and stay open at every later scale.
 */
const INTAKE_COUNCIL = 999;

async function intakeFigures(apiUrl: string, databaseUrl: string, world: SyntheticWorld, scale: number, passwordHash: string) {
  const council = world.council(INTAKE_COUNCIL);
  const db = await createDb({ url: databaseUrl, maxConnections: 1 });
  try {
    await installCouncil(db.db, council, passwordHash, world.start);
  } finally {
    await db.close();
  }
  const cso = council.staff.find((s) => s.roles.some((r) => r.role === "customer-services"))!;
  const ids = await idMaps(databaseUrl, council.id);
  const bounds = { count: intakeCount, concurrency: intakeConcurrency, maxSeconds: quick ? 30 : 120 };
  say(`intake through the API: ${bounds.count} cases, ${bounds.concurrency} clients…`);
  const viaApi = await apiIntake({ url: apiUrl, email: cso.email, password: PASSWORD, ...bounds });
  say(`intake with raw pg: ${bounds.count} cases, ${bounds.concurrency} clients…`);
  const raw = await rawIntake({ databaseUrl, council, ids, ...bounds });
  const ratio = viaApi.throughput / raw.throughput;
  add({
    key: "intake through the API (cases/s)",
    figure: `intake through the API (log + triage + acknowledge, ${bounds.concurrency} clients)`,
    value: `${fmt.int(viaApi.throughput)} cases/s (p95 ${fmt.ms(percentile(viaApi.latencies, 95))} ms per case${viaApi.errors ? `, ${viaApi.errors} errors: ${viaApi.firstError}` : ""})`,
    baseline: `${fmt.int(raw.throughput)} cases/s raw pg${raw.errors ? ` (${raw.errors} errors: ${raw.firstError})` : ""}`,
    ratio: fmt.ratio(ratio),
    target: "≥ 1,500 cases/s and ≥ 0.4x",
    result: passFail(viaApi.throughput >= 1500 && ratio >= 0.4 && viaApi.errors === 0),
    scale,
    number: viaApi.throughput,
  });
  figures.push({ key: "intake raw pg (cases/s)", figure: "", value: "", baseline: "", ratio: "", target: "", result: "-", scale, number: raw.throughput });
  const withdrawn = await withdrawOpenCases(databaseUrl, council);
  say(`withdrew the ${fmt.int(withdrawn)} intake cases (they would otherwise stay open into the next scale)`);
}

async function idMaps(databaseUrl: string, councilId: string) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const d = await client.query<{ id: string; code: string }>("SELECT id, code FROM directorates WHERE council_id = $1", [councilId]);
    const s = await client.query<{ id: string; code: string; directorate_id: string }>("SELECT id, code, directorate_id FROM services WHERE council_id = $1", [councilId]);
    return { councilId, directorates: new Map(d.rows.map((r) => [r.code, r.id])), services: new Map(s.rows.map((r) => [r.code, { id: r.id, directorateId: r.directorate_id }])) };
  } finally {
    await client.end();
  }
}

async function pageFigures(ctx: PageContext, scale: number) {
  const bounds = { concurrency: pageConcurrency, count: pageRequests, maxSeconds: quick ? 20 : 60 };
  say(`work queue: ${bounds.count} requests each way, ${bounds.concurrency} clients…`);
  const queue = await workQueueBench(ctx, bounds);
  const qApi = percentile(queue.api.latencies, 95);
  const qRaw = percentile(queue.raw.latencies, 95);
  add({
    key: "work-queue page p95 (ms)",
    figure: `work-queue page (50 open cases of one directorate by nearest due date), p95 at ${bounds.concurrency} clients`,
    value: `${fmt.ms(qApi)} ms (p50 ${fmt.ms(percentile(queue.api.latencies, 50))})${queue.api.errors ? `, ${queue.api.errors} errors` : ""}`,
    baseline: `${fmt.ms(qRaw)} ms raw SQL`,
    ratio: fmt.ratio(qApi / qRaw),
    target: "p95 ≤ 25 ms and ≤ 2x",
    result: passFail(qApi <= 25 && qApi / qRaw <= 2 && queue.api.errors === 0),
    scale,
    number: qApi,
    note: queue.agreement ? `API and SQL pages share ${queue.agreement.same} of ${queue.agreement.of} cases` : "",
  });
  figures.push({ key: "work-queue raw SQL p95 (ms)", figure: "", value: "", baseline: "", ratio: "", target: "", result: "-", scale, number: qRaw });
  if (queue.agreement && queue.agreement.same !== queue.agreement.of) notes.push(`${fmt.scale(scale)}: the work-queue page from the API and from the SQL share ${queue.agreement.same} of ${queue.agreement.of} cases`);

  const client = new pg.Client({ connectionString: ctx.databaseUrl });
  await client.connect();
  const { rows } = await client.query<{ id: string }>(
    `SELECT id FROM cases WHERE council_id = $1 AND directorate_id = $2 AND NOT restricted
       AND NOT coalesce(state -> 'aboutStaffIds' ? $3::text, false) ORDER BY md5(id::text) LIMIT 2000`,
    [ctx.councilId, ctx.directorateId, ctx.staff.id],
  );
  await client.end();
  say(`case page: ${bounds.count} requests each way, ${bounds.concurrency} clients…`);
  const page = await casePageBench(ctx, rows.map((r) => r.id), bounds);
  const cApi = percentile(page.api.latencies, 95);
  const cRaw = percentile(page.raw.latencies, 95);
  add({
    key: "case page p95 (ms)",
    figure: `case page (case, timeline, customer, restrictions, names; the read recorded), p95 at ${bounds.concurrency} clients`,
    value: `${fmt.ms(cApi)} ms (p50 ${fmt.ms(percentile(page.api.latencies, 50))})${page.api.errors ? `, ${page.api.errors} errors: ${page.api.firstError}` : ""}`,
    baseline: `${fmt.ms(cRaw)} ms raw SQL`,
    ratio: fmt.ratio(cApi / cRaw),
    target: "p95 ≤ 25 ms and ≤ 2x",
    result: passFail(cApi <= 25 && cApi / cRaw <= 2 && page.api.errors === 0),
    scale,
    number: cApi,
  });
  figures.push({ key: "case page raw SQL p95 (ms)", figure: "", value: "", baseline: "", ratio: "", target: "", result: "-", scale, number: cRaw });

  say("query plans of the work queue…");
  plans[String(scale)] = await workQueuePlans(ctx);
}

async function reportFigures(databaseUrl: string, councilId: string, scale: number) {
  say("annual report (packages/reports bench)…");
  // The reports package's bench loads its own N cases (its bulk writer) into a schema of its
  // own in this cluster and times the report there: it is called, not duplicated.
  const run = await runPackageBench("packages/reports/bench/annual-report.bench.mjs", {
    env: { DATABASE_URL: databaseUrl, BENCH_COUNCIL_ID: councilId },
    args: [String(scale)],
    timeoutMs: 30 * 60_000,
  });
  packageRuns.push(run);
  if (!run.ok) {
    add({ key: "annual report", figure: "annual report vs one hand-written SQL query", value: "not run", baseline: "-", ratio: "-", target: "≤ 1 s and ≤ 1.5x", result: "not run", scale, number: null, note: run.problem ?? "" });
    notes.push(`annual report @ ${fmt.scale(scale)}: ${run.problem}`);
    return;
  }
  for (const r of run.rows) {
    const seconds = Number.parseFloat(r.value.replace(/,/g, ""));
    add({ key: `report: ${r.figure}`, figure: r.figure, value: r.value, baseline: r.baseline, ratio: r.ratio, target: r.target, result: r.result === "pass" || r.result === "FAIL" ? r.result : "-", scale, number: Number.isFinite(seconds) ? seconds : null });
  }
}

async function portalFigure(databaseUrl: string, ctx: PageContext, scale: number) {
  const server = path.join(repoRoot, "apps/portal/dist/server.js");
  const { existsSync } = await import("node:fs");
  if (!existsSync(server) || !existsSync(path.join(repoRoot, "apps/portal/build/server/index.js"))) {
    add({ key: "portal case page p95 (ms)", figure: `portal case page, p95 at ${portalUsers} users`, value: "not run", baseline: "-", ratio: "-", target: "p95 ≤ 60 ms", result: "not run", scale, number: null });
    notes.push("portal: apps/portal is not built (apps/portal/dist/server.js, build/server/index.js)");
    return;
  }
  let portal: Child | null = null;
  try {
    const port = await freePort();
    portal = await startNode(server, {
      env: { ...process.env, DATABASE_URL: databaseUrl, SEED_DEMO: "false", LOGIN_ATTEMPTS_PER_IP: "100000", NODE_ENV: "production", PGBOSS_SCHEMA: "pgboss_bench", SWEEP_MINUTES: "1440" },
      port,
      readyPath: "/healthz",
    });
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    const { rows } = await client.query<{ id: string }>(
      `SELECT id FROM cases WHERE council_id = $1 AND directorate_id = $2 AND NOT restricted ORDER BY md5(id::text || 'portal') LIMIT 1000`,
      [ctx.councilId, ctx.directorateId],
    );
    await client.end();
    const agent = keepAliveAgent(portalUsers * 2);
    const users: ApiClient[] = [];
    for (let i = 0; i < portalUsers; i++) {
      const u = new ApiClient(portal.url, agent);
      await u.login(ctx.staff.email, ctx.staff.password);
      users.push(u);
    }
    const first = await users[0]!.send(`/cases/${rows[0]!.id}`, { headers: { accept: "text/html" } });
    if (first.status !== 200 || !first.text.includes("<html")) throw new Error(`the portal's case page answered ${first.status}: ${first.text.slice(0, 200)}`);
    for (let i = 0; i < 20; i++) await users[i % users.length]!.send(`/cases/${rows[i % rows.length]!.id}`, { headers: { accept: "text/html" } });
    const result = await closedLoop({
      concurrency: portalUsers,
      count: quick ? 200 : 1600,
      maxSeconds: quick ? 20 : 90,
      op: async (n, id) => {
        const reply = await users[id]!.send(`/cases/${rows[n % rows.length]!.id}`, { headers: { accept: "text/html" } });
        if (reply.status !== 200) throw new Error(`status ${reply.status}`);
      },
    });
    agent.destroy();
    const p95 = percentile(result.latencies, 95);
    add({
      key: "portal case page p95 (ms)",
      figure: `portal case page (HTML, signed in), p95 at ${portalUsers} concurrent users`,
      value: `${fmt.ms(p95)} ms (p50 ${fmt.ms(percentile(result.latencies, 50))}; ${fmt.int(result.throughput)} pages/s${result.errors ? `; ${result.errors} errors: ${result.firstError}` : ""})`,
      baseline: "-",
      ratio: "-",
      target: "p95 ≤ 60 ms",
      result: passFail(p95 <= 60 && result.errors === 0),
      scale,
      number: p95,
    });
  } catch (error) {
    add({ key: "portal case page p95 (ms)", figure: `portal case page, p95 at ${portalUsers} users`, value: "not run", baseline: "-", ratio: "-", target: "p95 ≤ 60 ms", result: "not run", scale, number: null });
    notes.push(`portal @ ${fmt.scale(scale)}: ${(error as Error).message.slice(0, 300)}${portal ? `\n${portal.stderr.slice(-5).join("\n")}` : ""}`);
  } finally {
    if (portal) await portal.stop();
  }
}

async function pgliteFigure(passwordHash: string) {
  const count = quick ? 2000 : 10_000;
  const dir = path.join(repoRoot, ".cache", `bench-pglite-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  say(`PGlite: loading ${fmt.int(count)} cases…`);
  const target = await pgliteTarget(dir);
  try {
    await migrateToLatest(target.db);
    const report = await loadCases(target, { seed, now, years, councilSize, from: 0, to: count, passwordHash, workers: 0, batch: 2000 });
    add({
      key: "PGlite load",
      figure: `bulk load into PGlite (embedded), ${fmt.int(count)} cases`,
      value: `${report.seconds.toFixed(1)} s (${fmt.int(report.cases / report.seconds)} cases/s)`,
      baseline: "-",
      ratio: "-",
      target: "10,000 into PGlite",
      result: count >= 10_000 ? "pass" : "-",
      scale: null,
      number: report.seconds,
    });
  } finally {
    await target.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The heaviest portal page's JavaScript, gzipped; every page's is in the notes. */
function pageWeightFigure() {
  try {
    const weights = measurePageWeights(path.join(repoRoot, "apps/portal/build/client"));
    const heaviest = weights.pages[0]!;
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
    add({
      key: "portal page JavaScript (KB gzip)",
      figure: `portal page JavaScript, gzipped: the heaviest of ${weights.pages.length} pages (${heaviest.route})`,
      value: kb(heaviest.gzipBytes),
      baseline: `${kb(weights.sharedGzipBytes)} (React, Remix and the root, on every page)`,
      ratio: `${(heaviest.gzipBytes / weights.sharedGzipBytes).toFixed(2)}x`,
      target: "≤ 150 KB per page",
      result: passFail(heaviest.gzipBytes <= 150 * 1024),
      scale: null,
      number: heaviest.gzipBytes / 1024,
    });
    notes.push(`portal JavaScript per page (gzip): ${weights.pages.map((p) => `${p.route.replace(/^routes\//, "")} ${kb(p.gzipBytes)}`).join("; ")}`);
  } catch (error) {
    add({ key: "portal page JavaScript (KB gzip)", figure: "portal page JavaScript, gzipped", value: "not run", baseline: "-", ratio: "-", target: "≤ 150 KB per page", result: "not run", scale: null, number: null });
    notes.push(`portal page weight: ${(error as Error).message}`);
  }
}

async function packageFigures() {
  for (const [script, timeoutMs, args] of [
    ["packages/core/bench/calendar.bench.mjs", 5 * 60_000, []],
    ["packages/letters/bench/letters.bench.mjs", 15 * 60_000, quick ? ["--letters", "1000", "--single", "50"] : []],
  ] as const) {
    say(`${script}…`);
    const run = await runPackageBench(script, { timeoutMs, args: [...args] });
    packageRuns.push(run);
    if (!run.ok) {
      add({ key: script, figure: script, value: "not run", baseline: "-", ratio: "-", target: "-", result: "not run", scale: null, number: null });
      notes.push(`${script}: ${run.problem}`);
      continue;
    }
    for (const r of run.rows) {
      add({ key: r.figure, figure: r.figure, value: r.value, baseline: r.baseline, ratio: r.ratio, target: r.target, result: r.result === "pass" || r.result === "FAIL" ? r.result : "-", scale: null, number: null });
    }
  }
}

function publish(info: ReturnType<typeof machine>) {
  const shown = figures.filter((f) => f.figure !== "");
  const lines = [
    "",
    "## pnpm bench",
    "",
    machineLines(info),
    "",
    resultTable(shown),
    "",
    "### How the figures grow with the number of cases",
    "",
    growthTable(figures, scales),
    "",
  ];
  if (notes.length) lines.push("### Notes", "", ...notes.map((n) => `- ${n}`), "");
  const text = lines.join("\n");
  process.stdout.write(text);
  const stamp = info.date.replace(/[:.]/g, "-");
  writeFileSync(path.join(outDir, `bench-${stamp}.md`), text);
  writeFileSync(path.join(outDir, `bench-${stamp}.json`), JSON.stringify({ machine: info, scales, figures, notes, packageRuns: packageRuns.map(({ output, ...r }) => ({ ...r, output: output.slice(-4000) })) }, null, 2));
  const planText = Object.entries(plans)
    .map(([scale, p]) => {
      const { api, raw } = p as { api: string[]; raw: string };
      return `# ${scale} cases\n\n## API (packages/db caseRepository.workQueue)\n\n${api.join("\n\n---\n\n")}\n\n## Hand-written SQL\n\n${raw}\n`;
    })
    .join("\n\n");
  writeFileSync(path.join(outDir, `plans-${stamp}.txt`), planText);
  process.stderr.write(`[bench] written ${path.join(outDir, `bench-${stamp}.md`)} (and .json, plans-${stamp}.txt)\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`[bench] could not finish: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});

