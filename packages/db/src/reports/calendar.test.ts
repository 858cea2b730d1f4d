import { calendarFor, fromDayNumber, toDayNumber } from "@complaints/core";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../../test/db.js";
import { createTestCouncil, TEST_SEEDED_AT } from "../testing/index.js";
import { calendarKeyOf, syncReportCalendars, syncWorkingDayCalendar } from "./calendar.js";

// docs/design.md §4 and decision 0003: working days exclude weekends, the nation's bank holidays and
// the council's closure days. The table must count exactly as core's WorkingDayCalendar does.
const england = calendarFor({ nations: ["england-and-wales"] });
const withClosures = calendarFor({
  nations: ["england-and-wales"],
  closures: [{ everyYear: "12-29", label: "Christmas shutdown" }],
});

let t: TestDb;
beforeAll(async () => {
  t = await openTestDb();
  await syncWorkingDayCalendar(t.db, england, { now: TEST_SEEDED_AT });
  await syncWorkingDayCalendar(t.db, withClosures, { now: TEST_SEEDED_AT });
});
afterAll(() => t?.close());

// Deterministic pseudo-random dates across the calendar's whole range.
function dates(count: number, seed: number): string[] {
  let x = seed;
  const first = toDayNumber(england.firstDate);
  const span = toDayNumber(england.lastDate) - first - 120;
  return Array.from({ length: count }, () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return fromDayNumber(first + (x % span));
  });
}

describe("working_days (docs/design.md §4, decision 0003)", () => {
  it("counts working days between two dates as core's countWorkingDays does", async () => {
    const froms = dates(400, 7);
    const pairs = froms.map((from, i) => ({
      a: from,
      b: fromDayNumber(toDayNumber(from) + (i % 90)),
    }));
    const { rows } = await sql<{ a: string; b: string; n: number }>`
      SELECT p.a::text AS a, p.b::text AS b, (wb.wd_index - wa.wd_index) AS n
      FROM jsonb_to_recordset(${JSON.stringify(pairs)}::jsonb) AS p(a date, b date)
      JOIN working_days wa ON wa.calendar_key = 'england-and-wales' AND wa.day = p.a
      JOIN working_days wb ON wb.calendar_key = 'england-and-wales' AND wb.day = p.b`.execute(t.db);
    expect(rows).toHaveLength(pairs.length);
    for (const row of rows)
      expect(row.n, `${row.a} → ${row.b}`).toBe(england.countWorkingDays(row.a, row.b));
  });

  it("finds the date N working days after another as core's addWorkingDays does, from working and non-working days", async () => {
    const starts = [...dates(300, 11), "2025-12-20", "2025-12-24", "2026-04-03", "2027-12-25"];
    const asks = starts.map((d, i) => ({ d, n: [1, 5, 10, 20, 40][i % 5]! }));
    const { rows } = await sql<{ d: string; n: number; due: string }>`
      SELECT a.d::text AS d, a.n, w.day::text AS due
      FROM jsonb_to_recordset(${JSON.stringify(asks)}::jsonb) AS a(d date, n integer)
      JOIN working_days s ON s.calendar_key = 'england-and-wales' AND s.day = a.d
      JOIN working_days w ON w.calendar_key = 'england-and-wales' AND w.is_working AND w.wd_index = s.wd_index + a.n`.execute(
      t.db,
    );
    expect(rows).toHaveLength(asks.length);
    for (const row of rows)
      expect(row.due, `${row.d} + ${row.n}`).toBe(england.addWorkingDays(row.d, row.n));
  });

  it("keeps a calendar with closure days apart under its own key, with the closure days not working", async () => {
    const key = calendarKeyOf({ nations: ["england-and-wales"], closures: withClosures.closures });
    expect(key).toMatch(/^england-and-wales:[0-9a-f]{12}$/);
    const { rows } = await sql<{ calendar_key: string; is_working: boolean }>`
      SELECT calendar_key, is_working FROM working_days WHERE day = '2025-12-29' ORDER BY calendar_key`.execute(
      t.db,
    );
    expect(rows).toEqual([
      { calendar_key: "england-and-wales", is_working: true },
      { calendar_key: key, is_working: false },
    ]);
  });

  it("replaces a calendar's days when it is synced again, without duplicates, at the caller's time", async () => {
    const before = await sql<{
      n: number;
    }>`SELECT count(*)::integer AS n FROM working_days WHERE calendar_key = 'england-and-wales'`.execute(
      t.db,
    );
    const resyncedAt = new Date("2026-06-01T12:00:00Z");
    const synced = await syncWorkingDayCalendar(t.db, england, { now: resyncedAt });
    const calendar = await t.db.selectFrom("working_day_calendars").select("synced_at").where("key", "=", synced.key).executeTakeFirstOrThrow();
    expect(calendar.synced_at).toEqual(resyncedAt);
    const after = await sql<{
      n: number;
    }>`SELECT count(*)::integer AS n FROM working_days WHERE calendar_key = 'england-and-wales'`.execute(
      t.db,
    );
    expect(after.rows[0]!.n).toBe(before.rows[0]!.n);
    expect(synced.days).toBe(after.rows[0]!.n);
    expect(synced.workingDays).toBe(
      england.countWorkingDays(england.firstDate, england.lastDate) +
        (england.isWorkingDay(england.firstDate) ? 1 : 0),
    );
  });

  it("assigns a council's default calendar and a regime's own, and drops assignments no longer given", async () => {
    const { council } = await createTestCouncil(t.db, { slug: "cal-test", name: "Cal", profile: { directorates: [] } });
    const foi = calendarFor({ nations: ["england-and-wales", "scotland", "northern-ireland"] });
    await syncReportCalendars(t.db, council.id, {
      default: england,
      byRegime: { "foi-eir-review": foi },
    }, TEST_SEEDED_AT);
    const read = () =>
      sql<{ regime_id: string; calendar_key: string }>`
        SELECT regime_id, calendar_key FROM report_calendars WHERE council_id = ${council.id} ORDER BY regime_id`.execute(
        t.db,
      );
    expect((await read()).rows).toEqual([
      { regime_id: "*", calendar_key: "england-and-wales" },
      { regime_id: "foi-eir-review", calendar_key: "england-and-wales+northern-ireland+scotland" },
    ]);
    await syncReportCalendars(t.db, council.id, { default: withClosures }, TEST_SEEDED_AT);
    expect((await read()).rows).toEqual([
      { regime_id: "*", calendar_key: calendarKeyOf(withClosures) },
    ]);
  });
});
