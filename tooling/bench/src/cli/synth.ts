#!/usr/bin/env node
/**
 * `pnpm --filter @complaints/bench synth`: load synthetic councils and cases into a database.
 *
 *   pnpm --filter @complaints/bench synth --cases 1000000 --database-url postgres://…      (PostgreSQL, COPY)
 *   pnpm --filter @complaints/bench synth --cases 10000 --pglite .data/pglite               (PGlite folder)
 *   pnpm --filter @complaints/bench synth --from 10000 --cases 100000 …                     (add cases 10,000–99,999)
 *
 * Deterministic: the same --seed, --now, --years and --council-size give the same councils,
 * staff, customers and cases (ids, references, events and hashes included). Every synthetic
 * staff member signs in with --password (default "synthetic-password").
 */
import { parseArgs } from "node:util";
import { hash } from "@node-rs/argon2";
import { createDb, migrateToLatest } from "@complaints/db";
import { copyMs, loadCases, pgliteTarget, postgresTarget } from "../synth/load.js";

const { values } = parseArgs({
  options: {
    cases: { type: "string", default: "10000" },
    from: { type: "string", default: "0" },
    seed: { type: "string", default: "20261123" },
    now: { type: "string" },
    years: { type: "string", default: "6" },
    "council-size": { type: "string", default: "100000" },
    "database-url": { type: "string" },
    pglite: { type: "string" },
    workers: { type: "string", default: "2" },
    batch: { type: "string", default: "2000" },
    password: { type: "string", default: "synthetic-password" },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  process.stdout.write(
    "pnpm --filter @complaints/bench synth --cases N [--from N] [--seed S] [--now ISO] [--years Y] [--council-size N] (--database-url URL | --pglite DIR) [--workers W] [--batch B] [--password P]\n",
  );
  process.exit(0);
}

const url = values["database-url"] ?? (values.pglite ? undefined : process.env.DATABASE_URL);
if (!url && !values.pglite) {
  process.stderr.write("Give --database-url (or DATABASE_URL) for PostgreSQL, or --pglite DIR for an embedded database.\n");
  process.exit(2);
}
const number = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`--${name} must be a number\n`);
    process.exit(2);
  }
  return n;
};

const now = values.now ? new Date(values.now) : new Date();
if (Number.isNaN(now.getTime())) {
  process.stderr.write("--now must be a date and time (ISO 8601)\n");
  process.exit(2);
}

const target = url ? await postgresTarget(url) : await pgliteTarget(values.pglite);
try {
  if (url) {
    const database = await createDb({ url });
    await migrateToLatest(database.db);
    await database.close();
  } else {
    await migrateToLatest(target.db);
  }
  const passwordHash = await hash(values.password!, { algorithm: 2 });
  const total = number("cases") - number("from");
  let last = -1;
  const report = await loadCases(target, {
    seed: number("seed"),
    now,
    years: number("years"),
    councilSize: number("council-size"),
    from: number("from"),
    to: number("cases"),
    passwordHash,
    workers: url ? number("workers") : 0,
    batch: number("batch"),
    onProgress: (done) => {
      const pct = Math.floor((done / total) * 20);
      if (pct !== last) {
        last = pct;
        process.stderr.write(`  ${done.toLocaleString("en-GB")} / ${total.toLocaleString("en-GB")} cases\n`);
      }
    },
  });
  process.stdout.write(
    `Loaded ${report.cases.toLocaleString("en-GB")} cases (${report.events.toLocaleString("en-GB")} events, ${report.customers.toLocaleString("en-GB")} new customers) in ${report.seconds.toFixed(1)} s: ${Math.round(report.cases / report.seconds).toLocaleString("en-GB")} cases/s\n`,
  );
  // Where the database spent the load's time, table by table (COPY, with its triggers and indexes).
  const copies = Object.entries(copyMs).sort(([, a], [, b]) => b - a);
  if (copies.length) process.stdout.write(`COPY time by table: ${copies.map(([t, ms]) => `${t} ${(ms / 1000).toFixed(1)} s`).join(", ")}\n`);
  process.stdout.write(`Councils: ${report.councils.map((c) => `${c.name} (${c.slug})`).join("; ")}\n`);
  const refused = Object.entries(report.refusals);
  if (refused.length) process.stdout.write(`Commands refused by a rule (the case stopped there): ${refused.map(([k, v]) => `${k} ×${v}`).join(", ")}\n`);
  process.stdout.write(`Staff sign in as <key>@<council slug>.example.gov.uk (e.g. dcro-customer-services-1@${report.councils[0]?.slug}.example.gov.uk) with the password given.\n`);
} finally {
  await target.close();
}
