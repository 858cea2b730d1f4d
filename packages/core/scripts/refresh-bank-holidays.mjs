#!/usr/bin/env node
// Refresh src/calendar/data/bank-holidays.json from a downloaded GOV.UK feed.
//
//   curl -o /tmp/bank-holidays.json https://www.gov.uk/bank-holidays.json   (on a machine with internet)
//   pnpm --filter @complaints/core holidays:refresh /tmp/bank-holidays.json
//   node scripts/refresh-bank-holidays.mjs <feed.json> [--dry-run] [--target <file>]
//
// Merge rule, per division: every year the feed has at least one event in is taken from the feed
// as a whole (GOV.UK is the authority, and one-offs appear there first); every year the feed does not
// cover (older years it has dropped, later years it does not publish yet) is kept from our file.
// Prints the added / removed / changed dates per division, then writes the file sorted by date
// with 2-space JSON. A malformed feed (or target) is refused with exit code 1 and nothing is written.
// After a refresh, run the data tests: pnpm exec vitest run src/calendar/data
import { readFileSync, renameSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const DIVISIONS = ["england-and-wales", "scotland", "northern-ireland"];
const DEFAULT_TARGET = fileURLToPath(new URL("../src/calendar/data/bank-holidays.json", import.meta.url));

class FeedError extends Error {}

const isIsoDate = (s) =>
  typeof s === "string" &&
  /^\d{4}-\d{2}-\d{2}$/.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().slice(0, 10) === s;
const show = (v) => (v === undefined ? "missing" : JSON.stringify(v));
const isWeekend = (iso) => [0, 6].includes(new Date(`${iso}T00:00:00Z`).getUTCDay());

/**
 * Checks the GOV.UK shape and returns it normalised ({ division, events: [{title,date,notes,bunting}] },
 * events sorted by date). Throws FeedError naming the first problem found.
 */
export function validateFeed(json, label) {
  const fail = (where, problem) => {
    throw new FeedError(`${label}: ${where} ${problem}`);
  };
  if (json === null || typeof json !== "object" || Array.isArray(json)) fail("top level", "is not a JSON object");
  const unexpected = Object.keys(json).filter((k) => !DIVISIONS.includes(k));
  if (unexpected.length) fail("top level", `has unexpected division key(s) ${unexpected.map((k) => JSON.stringify(k)).join(", ")}; expected exactly ${DIVISIONS.join(", ")}`);
  const warnings = [];
  const out = {};
  for (const division of DIVISIONS) {
    const block = json[division];
    if (block === undefined) fail(`"${division}"`, "is missing (the feed must have all three divisions)");
    if (block === null || typeof block !== "object" || Array.isArray(block)) fail(`"${division}"`, "is not an object");
    if (block.division !== division) fail(`"${division}".division`, `is ${show(block.division)}, expected "${division}"`);
    if (!Array.isArray(block.events)) fail(`"${division}".events`, "is not an array");
    if (block.events.length === 0) fail(`"${division}".events`, "is empty");
    const seen = new Set();
    const events = block.events.map((e, i) => {
      const where = `"${division}".events[${i}]`;
      if (e === null || typeof e !== "object" || Array.isArray(e)) fail(where, "is not an object");
      if (!isIsoDate(e.date)) fail(`${where}.date`, `is ${show(e.date)}, not a valid YYYY-MM-DD date`);
      if (typeof e.title !== "string" || e.title.trim() === "") fail(`${where}.title`, `(${e.date}) is ${show(e.title)}, not a non-empty string`);
      if (typeof e.notes !== "string") fail(`${where}.notes`, `(${e.date}) is ${show(e.notes)}, not a string`);
      if (typeof e.bunting !== "boolean") fail(`${where}.bunting`, `(${e.date}) is ${show(e.bunting)}, not true/false`);
      if (seen.has(e.date)) fail(`${where}.date`, `${e.date} appears twice in "${division}"`);
      seen.add(e.date);
      if (isWeekend(e.date)) warnings.push(`${label}: ${division} ${e.date} (${e.title}) falls at a weekend; GOV.UK normally lists the weekday it is taken`);
      return { title: e.title, date: e.date, notes: e.notes, bunting: e.bunting };
    });
    events.sort((a, b) => a.date.localeCompare(b.date));
    out[division] = { division, events };
  }
  return { data: out, warnings };
}

const yearOf = (e) => e.date.slice(0, 4);
const describe = (e) => `${e.date} ${e.title}${e.notes ? ` (${e.notes})` : ""}`;

/**
 * Pure merge: years the feed covers come from the feed, other years from the current data.
 * Returns the merged data and a per-division report of added, removed and changed events.
 */
export function mergeFeed(current, feed) {
  const merged = {};
  const report = {};
  for (const division of DIVISIONS) {
    const feedEvents = feed[division].events;
    const feedYears = new Set(feedEvents.map(yearOf));
    const kept = current[division].events.filter((e) => !feedYears.has(yearOf(e)));
    const events = [...kept, ...feedEvents].sort((a, b) => a.date.localeCompare(b.date));
    merged[division] = { division, events };

    const before = new Map(current[division].events.map((e) => [e.date, e]));
    const after = new Map(events.map((e) => [e.date, e]));
    report[division] = {
      feedYears: [...feedYears].sort(),
      keptYears: [...new Set(kept.map(yearOf))].sort(),
      added: events.filter((e) => !before.has(e.date)),
      removed: current[division].events.filter((e) => !after.has(e.date)),
      changed: events
        .filter((e) => before.has(e.date))
        .map((e) => [before.get(e.date), e])
        .filter(([a, b]) => a.title !== b.title || a.notes !== b.notes || a.bunting !== b.bunting),
    };
  }
  return { merged, report };
}

function printReport(report) {
  let total = 0;
  for (const division of DIVISIONS) {
    const r = report[division];
    const span = (ys) => {
      if (!ys.length) return "none";
      const runs = [];
      for (const y of ys.map(Number)) {
        const last = runs[runs.length - 1];
        if (last && y === last[1] + 1) last[1] = y;
        else runs.push([y, y]);
      }
      return runs.map(([a, b]) => (a === b ? `${a}` : `${a}–${b}`)).join(", ");
    };
    console.log(`${division}: feed years ${span(r.feedYears)}, kept from our file ${span(r.keptYears)}`);
    for (const e of r.added) console.log(`  + ${describe(e)}`);
    for (const e of r.removed) console.log(`  - ${describe(e)}`);
    for (const [a, b] of r.changed) console.log(`  ~ ${b.date}: ${JSON.stringify(a)} -> ${JSON.stringify(b)}`);
    const n = r.added.length + r.removed.length + r.changed.length;
    if (n === 0) console.log("  (no date changes)");
    total += n;
  }
  return total;
}

function readJson(file, label) {
  let text;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new FeedError(`${label}: cannot read ${file}: ${err.code ?? err.message}`);
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (err) {
    throw new FeedError(`${label}: ${file} is not valid JSON (${err.message})`);
  }
}

function main(argv) {
  const args = [...argv];
  const dryRun = args.includes("--dry-run");
  const t = args.indexOf("--target");
  let target = DEFAULT_TARGET;
  if (t !== -1) {
    target = args[t + 1];
    args.splice(t, 2);
  }
  const files = args.filter((a) => a !== "--dry-run");
  if (files.length !== 1 || !target || files[0].startsWith("--")) {
    console.error("usage: node scripts/refresh-bank-holidays.mjs <downloaded-gov.uk-bank-holidays.json> [--dry-run] [--target <file>]");
    return 2;
  }
  const feedFile = path.resolve(files[0]);
  try {
    const feed = validateFeed(readJson(feedFile, "feed"), `feed ${feedFile}`);
    const current = validateFeed(readJson(target, "target"), `target ${target}`);
    for (const w of feed.warnings) console.warn(`warning: ${w}`);
    const { merged, report } = mergeFeed(current.data, feed.data);
    const changes = printReport(report);
    if (dryRun) {
      console.log(`dry run: ${changes} change(s), ${target} not written`);
      return 0;
    }
    const tmp = `${target}.tmp-${process.pid}`;
    writeFileSync(tmp, `${JSON.stringify(merged, null, 2)}\n`);
    renameSync(tmp, target);
    console.log(`wrote ${target} (${changes} change(s)). Now run: pnpm exec vitest run src/calendar/data`);
    return 0;
  } catch (err) {
    if (err instanceof FeedError) {
      console.error(`refusing to refresh: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv.slice(2));
}
