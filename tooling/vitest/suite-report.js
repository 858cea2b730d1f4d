/**
 * What `npm test` says at the end, whatever turbo's log level: each suite passed, failed or
 * skipped, and for a skipped one why and how to get what it needs (tooling/vitest/test-summary.js
 * prints it).
 *
 * Every vitest run writes one record per project into `<package>/.test-report/` (this file's
 * reporter, set in the shared preset); code that decides not to run a suite (no PostgreSQL,
 * no Chromium) writes a skipped record with `recordSkippedSuite`. The folder is an output of
 * turbo's test task, so a cached task brings its records back.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

export const REPORT_DIR = ".test-report";

function packageName(root) {
  try {
    return JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")).name ?? path.basename(root);
  } catch {
    return path.basename(root);
  }
}

function fileFor(root, project) {
  const key = (project || "all").replace(/[^a-z0-9]+/gi, "-").toLowerCase();
  return path.join(root, REPORT_DIR, `${key}.json`);
}

function readRecord(file) {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return undefined;
  }
}

function write(root, project, record) {
  mkdirSync(path.join(root, REPORT_DIR), { recursive: true });
  writeFileSync(fileFor(root, project), `${JSON.stringify(record, null, 2)}\n`);
}

/**
 * Records that a suite did not run: `reason` says why, `install` how to get what it needs.
 * @param {{ root?: string; project: string; reason: string; install?: string }} skip
 */
export function recordSkippedSuite({ root = process.cwd(), project, reason, install }) {
  const name = packageName(root);
  write(root, project, {
    suite: project ? `${name} (${project})` : name,
    state: "skipped",
    passed: 0,
    failed: 0,
    skipped: 0,
    reason,
    ...(install ? { install } : {}),
  });
}

/** Vitest reporter (vitest 3.2 and 4.1 both call these two hooks). */
export default class SuiteReporter {
  onInit(vitest) {
    this.root = vitest.config.root;
  }

  onTestRunEnd(testModules, unhandledErrors, reason) {
    const root = this.root ?? process.cwd();
    const name = packageName(root);
    const byProject = new Map();
    for (const module of testModules) {
      const project = module.project?.name ?? "";
      const counts = byProject.get(project) ?? { passed: 0, failed: 0, skipped: 0, brokenFiles: 0 };
      if (module.state() === "failed" && [...module.children.allTests()].length === 0) counts.brokenFiles++;
      for (const test of module.children.allTests()) {
        const state = test.result().state;
        if (state === "passed") counts.passed++;
        else if (state === "failed") counts.failed++;
        else counts.skipped++;
      }
      byProject.set(project, counts);
    }
    const runFailed = reason === "failed" || unhandledErrors.length > 0;
    for (const [project, counts] of byProject) {
      const file = fileFor(root, project);
      const earlier = readRecord(file);
      const failed = counts.failed > 0 || counts.brokenFiles > 0 || (runFailed && byProject.size === 1);
      // Nothing ran and someone said why: keep that reason (e.g. no Chromium).
      if (!failed && counts.passed === 0 && earlier?.state === "skipped") {
        write(root, project, { ...earlier, skipped: counts.skipped });
        continue;
      }
      write(root, project, {
        suite: project ? `${name} (${project})` : name,
        state: failed ? "failed" : counts.passed === 0 ? "skipped" : "passed",
        passed: counts.passed,
        failed: counts.failed + counts.brokenFiles,
        skipped: counts.skipped,
        ...(failed || counts.passed > 0 ? {} : { reason: "every test in it was skipped" }),
      });
    }
  }
}
