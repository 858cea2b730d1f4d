/** The benchmark table: one row per figure, and how each figure grows with the number of cases. */
import os from "node:os";

export interface Figure {
  /** Stable key for the growth table ("work-queue p95 (ms)"). */
  key: string;
  figure: string;
  value: string;
  baseline: string;
  ratio: string;
  target: string;
  result: "pass" | "FAIL" | "-" | "not run";
  /** Cases in the database when measured; null for figures that do not depend on it. */
  scale: number | null;
  /** The number the growth table shows. */
  number: number | null;
  note?: string;
}

export interface Machine {
  date: string;
  cpus: string;
  memory: string;
  node: string;
  postgres: string;
  os: string;
  /** os.loadavg() when the run started and ended: the machine is shared. */
  loadStart: string;
  loadEnd?: string;
}

export function machine(postgres: string): Machine {
  const cpus = os.cpus();
  return {
    date: new Date().toISOString(),
    cpus: `${cpus.length} × ${cpus[0]?.model ?? "cpu"}`,
    memory: `${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    node: process.version,
    postgres,
    os: `${os.type()} ${os.release()}`,
    loadStart: loadAverage(),
  };
}

export function loadAverage(): string {
  return os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(", ");
}

const row = (cells: readonly string[]) => `| ${cells.join(" | ")} |`;

export const fmt = {
  int: (n: number) => Math.round(n).toLocaleString("en-GB"),
  ms: (n: number) => (Number.isFinite(n) ? n.toFixed(1) : "n/a"),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : "n/a"),
  scale: (n: number) => (n >= 1_000_000 ? `${n / 1_000_000}M` : n >= 1000 ? `${n / 1000}k` : String(n)),
};

export function resultTable(figures: readonly Figure[]): string {
  const lines = [row(["figure", "value", "baseline", "ratio", "target", "result"]), row(["---", "---", "---", "---", "---", "---"])];
  for (const f of figures) lines.push(row([f.scale === null ? f.figure : `${f.figure} @ ${fmt.scale(f.scale)} cases`, f.value, f.baseline, f.ratio, f.target, f.result]));
  return lines.join("\n");
}

export function growthTable(figures: readonly Figure[], scales: readonly number[]): string {
  const keys = [...new Set(figures.filter((f) => f.scale !== null && f.number !== null).map((f) => f.key))];
  const lines = [row(["figure", ...scales.map((s) => `${fmt.scale(s)} cases`), `${fmt.scale(scales.at(-1)!)} / ${fmt.scale(scales[0]!)}`]), row(["---", ...scales.map(() => "---"), "---"])];
  for (const key of keys) {
    const at = scales.map((s) => figures.find((f) => f.key === key && f.scale === s)?.number ?? null);
    const first = at[0];
    const last = at.at(-1);
    lines.push(row([key, ...at.map((n) => (n === null ? "–" : n >= 100 ? fmt.int(n) : n.toFixed(1))), first && last ? fmt.ratio(last / first) : "–"]));
  }
  return lines.join("\n");
}

export function machineLines(m: Machine): string {
  return [
    `Machine: ${m.cpus}, ${m.memory} RAM, ${m.os}; Node ${m.node}; ${m.postgres}`,
    `Date: ${m.date}; load average (1, 5, 15 min) at start: ${m.loadStart}${m.loadEnd ? `; at end: ${m.loadEnd}` : ""}`,
  ].join("\n");
}
