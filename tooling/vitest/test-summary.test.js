import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import SuiteReporter, { recordSkippedSuite } from "./suite-report.js";
import { clearSuiteRecords, readSuiteRecords, summarise } from "./test-summary.js";

function workspace() {
  const root = mkdtempSync(path.join(os.tmpdir(), "summary-"));
  for (const name of ["db", "portal"]) {
    mkdirSync(path.join(root, name === "db" ? "packages" : "apps", name), { recursive: true });
    writeFileSync(path.join(root, name === "db" ? "packages" : "apps", name, "package.json"), JSON.stringify({ name: `@complaints/${name}` }));
  }
  return { root, db: path.join(root, "packages/db"), portal: path.join(root, "apps/portal") };
}

/** The shape of vitest's TestModule that the reporter reads. */
function testModule(project, states, moduleState = "passed") {
  const tests = states.map((state) => ({ result: () => ({ state }) }));
  return { project: { name: project }, state: () => moduleState, children: { allTests: () => tests.values() } };
}

describe("npm test's closing summary (issue 19: a green run must not hide skipped suites)", () => {
  it("names a skipped suite with why and the line that installs what it needs", () => {
    const { root, portal } = workspace();
    recordSkippedSuite({ root: portal, project: "browser", reason: "no Chromium", install: "apt-get install -y chromium" });
    const { lines, totals } = summarise([{ package: "@complaints/portal", task: "test", exitCode: 0 }], readSuiteRecords(root));
    expect(lines.join("\n")).toMatch(/skipped\s+@complaints\/portal \(browser\)/);
    expect(lines.join("\n")).toContain("why: no Chromium");
    expect(lines.join("\n")).toContain("to run it: apt-get install -y chromium");
    expect(totals).toEqual({ passed: 0, failed: 0, skipped: 1 });
  });

  it("counts each project of a run from the reporter's record, keeping a skip's reason when nothing ran", () => {
    const { root, portal } = workspace();
    recordSkippedSuite({ root: portal, project: "browser", reason: "no Chromium", install: "apt-get install -y chromium" });
    const reporter = new SuiteReporter();
    reporter.onInit({ config: { root: portal } });
    reporter.onTestRunEnd([testModule("unit", ["passed", "passed"]), testModule("browser", ["skipped", "skipped", "skipped"])], [], "passed");
    const records = readSuiteRecords(root);
    expect(records.map((r) => [r.suite, r.state, r.passed, r.skipped])).toEqual([
      ["@complaints/portal (browser)", "skipped", 0, 3],
      ["@complaints/portal (unit)", "passed", 2, 0],
    ]);
    expect(records[0].reason).toBe("no Chromium");
  });

  it("reports a failed test, and a file that failed to load, as a failed suite with where to look", () => {
    const { root, db } = workspace();
    const reporter = new SuiteReporter();
    reporter.onInit({ config: { root: db } });
    reporter.onTestRunEnd([testModule("PGlite", ["passed", "failed"]), testModule("PGlite", [], "failed")], [], "failed");
    const { lines, totals } = summarise([{ package: "@complaints/db", task: "test", exitCode: 1 }], readSuiteRecords(root));
    expect(JSON.parse(readFileSync(path.join(db, ".test-report/pglite.json"), "utf8"))).toMatchObject({ state: "failed", passed: 1, failed: 2 });
    expect(lines.join("\n")).toMatch(/FAILED\s+@complaints\/db \(PGlite\)\s+1 passed, 2 failed tests/);
    expect(lines.join("\n")).toContain("see: pnpm turbo run test --filter @complaints/db --output-logs=full");
    expect(totals.failed).toBe(1);
  });

  it("names the packages whose lint or typecheck failed, and a test task that broke before any suite ended", () => {
    const { lines, totals } = summarise(
      [
        { package: "@complaints/core", task: "lint", exitCode: 0 },
        { package: "@complaints/db", task: "lint", exitCode: 1 },
        { package: "@complaints/core", task: "typecheck", exitCode: 0 },
        { package: "@complaints/api", task: "test", exitCode: 1 },
        { package: "@complaints/portal", task: "test", exitCode: null },
      ],
      [],
    );
    expect(lines).toContain("  FAILED   lint: @complaints/db (1 of 2 packages passed)");
    expect(lines).toContain("  passed   typecheck: 1 package");
    expect(lines.join("\n")).toMatch(/FAILED\s+@complaints\/api/);
    expect(lines.join("\n")).toMatch(/not run\s+@complaints\/portal/);
    expect(totals).toEqual({ passed: 2, failed: 2, skipped: 1 });
  });

  it("starts each run from nothing: last run's records are removed", () => {
    const { root, db } = workspace();
    recordSkippedSuite({ root: db, project: "PostgreSQL", reason: "no binaries" });
    expect(readSuiteRecords(root)).toHaveLength(1);
    clearSuiteRecords(root);
    expect(readSuiteRecords(root)).toHaveLength(0);
  });
});
