// The closing summary of `npm test`, printed whatever turbo's log level: each suite passed,
// failed or skipped, and for a skipped one why and how to get what it needs.
// Its sources: turbo's run summary (`--summarize`: every task's exit code, lint and typecheck
// included) and the per-suite records each vitest run writes into `<package>/.test-report/`
// (./suite-report.js). Used by tooling/scripts/bootstrap.mjs; specified in test-summary.test.js.
import { existsSync, readFileSync, readdirSync, rmSync } from "node:fs";
import path from "node:path";

const WORKSPACE_FOLDERS = ["apps", "packages", "plugins", "tooling"];
const REPORT_DIR = ".test-report";

/** The workspace packages' folders. */
export function packageDirs(root) {
  return WORKSPACE_FOLDERS.flatMap((folder) => {
    const parent = path.join(root, folder);
    if (!existsSync(parent)) return [];
    return readdirSync(parent, { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && existsSync(path.join(parent, entry.name, "package.json")))
      .map((entry) => path.join(parent, entry.name));
  });
}

/** Removes last run's records, so that only this run's (or turbo's cached copies) are read. */
export function clearSuiteRecords(root) {
  for (const dir of packageDirs(root)) rmSync(path.join(dir, REPORT_DIR), { recursive: true, force: true });
}

export function readSuiteRecords(root) {
  const records = [];
  for (const dir of packageDirs(root)) {
    const folder = path.join(dir, REPORT_DIR);
    if (!existsSync(folder)) continue;
    for (const name of readdirSync(folder).filter((n) => n.endsWith(".json")).sort()) {
      try {
        records.push({ dir, ...JSON.parse(readFileSync(path.join(folder, name), "utf8")) });
      } catch {
        // A half-written record (a run killed mid-write) says nothing reliable.
      }
    }
  }
  return records;
}

/** turbo's run summary written after `since` (ms), or undefined. */
export function readTurboSummary(root, since) {
  const runs = path.join(root, ".turbo", "runs");
  if (!existsSync(runs)) return undefined;
  const newest = readdirSync(runs)
    .filter((n) => n.endsWith(".json"))
    .map((n) => path.join(runs, n))
    .map((file) => ({ file, summary: JSON.parse(readFileSync(file, "utf8")) }))
    .filter(({ summary }) => (summary.execution?.startTime ?? 0) >= since - 1000)
    .sort((a, b) => b.summary.execution.startTime - a.summary.execution.startTime)[0];
  return newest;
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;

function testCounts(record) {
  const parts = [];
  if (record.passed) parts.push(`${record.passed} passed`);
  if (record.failed) parts.push(`${record.failed} failed`);
  if (record.skipped) parts.push(`${record.skipped} skipped`);
  return parts.length ? `${parts.join(", ")} tests` : "";
}

/**
 * The summary's lines, and its counts. `tasks` are turbo's tasks ({ package, task, exitCode });
 * `records` the suites' records.
 */
export function summarise(tasks, records) {
  const lines = [];
  const totals = { passed: 0, failed: 0, skipped: 0 };
  // A build that failed stops what depends on it: name it first.
  for (const task of tasks.filter((t) => t.task === "build" && t.exitCode !== 0 && t.exitCode !== null)) {
    totals.failed++;
    lines.push(`  FAILED   build: ${task.package} (the tasks that need it did not run)`);
  }
  // lint and typecheck: one line each, naming the packages that failed.
  for (const kind of ["lint", "typecheck"]) {
    const ofKind = tasks.filter((t) => t.task === kind);
    if (!ofKind.length) continue;
    const failed = ofKind.filter((t) => t.exitCode !== 0);
    const notRun = failed.filter((t) => t.exitCode === null);
    const broke = failed.filter((t) => t.exitCode !== null);
    totals.passed += ofKind.length - failed.length;
    totals.failed += broke.length;
    totals.skipped += notRun.length;
    lines.push(
      broke.length
        ? `  FAILED   ${kind}: ${broke.map((t) => t.package).join(", ")} (${ofKind.length - failed.length} of ${ofKind.length} packages passed)`
        : `  passed   ${kind}: ${plural(ofKind.length - notRun.length, "package")}${notRun.length ? ` (${notRun.length} not run: an earlier task failed)` : ""}`,
    );
  }
  // Test suites: each record; a test task that failed without writing one (its set-up broke).
  const testTasks = tasks.filter((t) => t.task === "test");
  const rows = [];
  for (const record of records) {
    const task = testTasks.find((t) => record.suite === t.package || record.suite.startsWith(`${t.package} (`));
    // A task that failed without this suite reaching its end: the suite failed with it.
    const state = record.state;
    rows.push({ suite: record.suite, state, record, task });
  }
  for (const task of testTasks) {
    if (rows.some((row) => row.task === task)) continue;
    if (task.exitCode === 0) {
      // A package whose test script runs no vitest suite (none today) still passed.
      rows.push({ suite: task.package, state: "passed", record: {} });
    } else {
      rows.push({ suite: task.package, state: task.exitCode === null ? "not run" : "failed", record: {} });
    }
  }
  // A task that failed although each of its records says passed: the script failed after.
  for (const task of testTasks.filter((t) => t.exitCode !== 0 && t.exitCode !== null)) {
    const own = rows.filter((row) => row.task === task);
    if (own.length && own.every((row) => row.state !== "failed")) {
      rows.push({ suite: `${task.package} (test script)`, state: "failed", record: { reason: "the test script failed after its suites (see its log)" } });
    }
  }
  rows.sort((a, b) => a.suite.localeCompare(b.suite));
  const width = Math.max(...rows.map((row) => row.suite.length), 10);
  for (const row of rows) {
    if (row.state === "passed") totals.passed++;
    else if (row.state === "failed") totals.failed++;
    else totals.skipped++;
    const label = row.state === "failed" ? "FAILED " : row.state.padEnd(7);
    lines.push(`  ${label}  ${row.suite.padEnd(width)}  ${testCounts(row.record)}`.trimEnd());
    if (row.state !== "passed" && row.record.reason) lines.push(`             why: ${row.record.reason}`);
    if (row.state === "skipped" && row.record.install) lines.push(`             to run it: ${row.record.install}`);
    if (row.state === "failed") {
      const pkg = row.suite.split(" ")[0];
      lines.push(`             see: pnpm turbo run test --filter ${pkg} --output-logs=full`);
    }
  }
  return { lines, totals };
}

/** Prints the summary; returns the counts (undefined when turbo wrote no summary). */
export function printSummary(root, since, write = (s) => process.stdout.write(s)) {
  const found = readTurboSummary(root, since);
  if (!found) {
    write("\nnpm test: turbo wrote no run summary, so there is no per-suite summary.\n");
    return undefined;
  }
  const tasks = found.summary.tasks.map((t) => ({
    package: t.package,
    task: t.task,
    // Tasks cancelled after another failed have no exit code.
    exitCode: t.execution?.exitCode ?? null,
  }));
  const { lines, totals } = summarise(tasks, readSuiteRecords(root));
  write(`\nTest summary\n${lines.join("\n")}\n`);
  write(`Suites: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped\n`);
  rmSync(found.file, { force: true });
  return totals;
}
