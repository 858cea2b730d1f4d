// Working-day arithmetic benchmark (issue 2; issue 8 "working-day arithmetic").
// Not a test: it reports, it never fails CI. Run after `pnpm build`: `pnpm --filter @complaints/core bench`.
// Compares calendar.addWorkingDays against a fair day-by-day loop (integer day numbers and a
// Set of holidays: the best a loop can do) over the same random inputs, 60-working-day spans.
import { Bench } from "tinybench";
import os from "node:os";
import { calendarFor, fromDayNumber, isWeekend, toDayNumber, ukBankHolidays } from "../dist/index.js";

const calendar = calendarFor({ nations: ["england-and-wales"] });
const holidays = new Set(ukBankHolidays["england-and-wales"].events.map((e) => toDayNumber(e.date)));

// What a first implementation usually looks like: Date objects and ISO strings, one day at a time.
const holidayIsos = new Set(ukBankHolidays["england-and-wales"].events.map((e) => e.date));
function naiveAddWorkingDays(date, n) {
  const d = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d.setUTCDate(d.getUTCDate() + 1);
    const weekday = d.getUTCDay();
    if (weekday !== 0 && weekday !== 6 && !holidayIsos.has(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}

// The best a loop can do: integer day numbers and a Set of holiday numbers.
function loopAddWorkingDays(date, n) {
  let day = toDayNumber(date);
  let left = n;
  while (left > 0) {
    day++;
    if (!isWeekend(day) && !holidays.has(day)) left--;
  }
  return fromDayNumber(day);
}

// Deterministic inputs: 10,000 start dates across 2019–2029.
let seed = 42;
const random = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
const first = toDayNumber("2019-01-01");
const span = toDayNumber("2029-06-30") - first;
const inputs = Array.from({ length: 10_000 }, () => fromDayNumber(first + Math.floor(random() * span)));
const SPAN = 60;

for (const date of inputs.slice(0, 500)) {
  const expected = calendar.addWorkingDays(date, SPAN);
  if (expected !== loopAddWorkingDays(date, SPAN) || expected !== naiveAddWorkingDays(date, SPAN)) throw new Error(`mismatch at ${date}`);
}

let sink = 0;
const bench = new Bench({ time: 1500, warmupTime: 300 });
bench
  .add("calendar.addWorkingDays (60 WD)", () => {
    for (const date of inputs) sink ^= calendar.addWorkingDays(date, SPAN).length;
  })
  .add("naive day-by-day loop, Date objects (60 WD)", () => {
    for (const date of inputs) sink ^= naiveAddWorkingDays(date, SPAN).length;
  })
  .add("tight day-by-day loop, integer days (60 WD)", () => {
    for (const date of inputs) sink ^= loopAddWorkingDays(date, SPAN).length;
  });
await bench.run();

const opsPerSecond = (task) => (task.result.throughput?.mean ?? task.result.hz) * inputs.length;
const [fast, naive, tight] = bench.tasks.map(opsPerSecond);
const ratio = fast / naive;
const row = (cells) => `| ${cells.join(" | ")} |`;
console.log(`\nWorking-day arithmetic — ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, Node ${process.version}, ${new Date().toISOString().slice(0, 10)}`);
const n = (x) => Math.round(x).toLocaleString("en-GB");
console.log(row(["figure", "value", "baseline", "ratio", "target", "result"]));
console.log(row(["---", "---", "---", "---", "---", "---"]));
console.log(row(["additions/s vs naive Date loop, 60 WD", n(fast), n(naive), `${ratio.toFixed(1)}x`, "≥ 2,000,000/s and ≥ 20x", fast >= 2_000_000 && ratio >= 20 ? "pass" : "FAIL"]));
console.log(row(["additions/s vs tight integer loop, 60 WD", n(fast), n(tight), `${(fast / tight).toFixed(1)}x`, "(for information)", "-"]));
if (sink === 0.5) console.log("");
