/**
 * Other packages' benchmarks (core's working-day arithmetic, letters, the reports engineer's
 * annual report), run as they are and read from the table they print: one row per figure,
 * `| figure | value | baseline | ratio | target | result |`.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { repoRoot } from "./cluster.js";

export interface TableRow {
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  result: string;
}

export interface PackageBench {
  /** "packages/core/bench/calendar.bench.mjs" */
  script: string;
  ok: boolean;
  seconds: number;
  rows: TableRow[];
  /** The whole output, for the record. */
  output: string;
  /** Why it did not run or failed. */
  problem: string | null;
}

/** Markdown table rows with six cells, except the header and the separator. */
export function parseRows(output: string): TableRow[] {
  const rows: TableRow[] = [];
  for (const line of output.split("\n")) {
    if (!line.startsWith("|")) continue;
    const cells = line.split("|").slice(1, -1).map((c) => c.trim());
    if (cells.length < 6 || cells[0] === "figure" || /^-+$/.test(cells[0]!)) continue;
    const [figure, value, baseline, ratio, target, result] = cells as [string, string, string, string, string, string];
    rows.push({ figure, value, baseline, ratio, target, result });
  }
  return rows;
}

/** Runs `node <script>` from its package folder (bounded by `timeoutMs`) and reads its table. */
export function runPackageBench(script: string, options: { env?: NodeJS.ProcessEnv; timeoutMs: number; args?: string[] }): Promise<PackageBench> {
  const file = path.join(repoRoot, script);
  if (!existsSync(file)) {
    return Promise.resolve({ script, ok: false, seconds: 0, rows: [], output: "", problem: `${script} does not exist (yet)` });
  }
  const started = performance.now();
  const packageDir = path.resolve(path.dirname(file), "..");
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [file, ...(options.args ?? [])], { cwd: packageDir, env: { ...process.env, ...options.env }, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString("utf8")));
    child.stderr.on("data", (c: Buffer) => (output += c.toString("utf8")));
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs);
    child.on("exit", (code, signal) => {
      clearTimeout(timer);
      const rows = parseRows(output);
      const problem = signal ? `killed after ${options.timeoutMs / 1000} s` : rows.length === 0 ? `printed no table (exit ${code})` : null;
      // A benchmark that misses its target may exit 1; that is a result, not a failure to run.
      resolve({ script, ok: rows.length > 0, seconds: (performance.now() - started) / 1000, rows, output, problem });
    });
  });
}
