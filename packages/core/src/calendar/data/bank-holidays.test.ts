/**
 * Verifies the shipped bank-holiday snapshot (bank-holidays.json, GOV.UK feed format).
 *
 * 1. Format and coverage.
 * 2. Every date of every year and division, both ways, against the independent `date-holidays`
 *    package (rule-based, maintained elsewhere; the JSON was written from the statutory rules and
 *    published GOV.UK lists, never generated from date-holidays). Any disagreement must be listed in
 *    KNOWN_DISAGREEMENTS with its reason, so every other difference fails.
 * 3. The one-off holidays by name.
 * 4. Spot checks from docs/rules.md §7 (GOV.UK lists 2024–2027).
 */
import Holidays from "date-holidays";
import { describe, expect, it } from "vitest";
import data from "./bank-holidays.json" with { type: "json" };

type Division = "england-and-wales" | "scotland" | "northern-ireland";
interface FeedEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}

const DIVISIONS: readonly Division[] = ["england-and-wales", "scotland", "northern-ireland"];
const FIRST_YEAR = 2018;
const LAST_YEAR = 2030;
const YEARS = Array.from({ length: LAST_YEAR - FIRST_YEAR + 1 }, (_, i) => FIRST_YEAR + i);

const feed = data as Record<string, { division: string; events: FeedEvent[] }>;
const eventsOf = (division: Division): FeedEvent[] => feed[division]?.events ?? [];
const eventsIn = (division: Division, year: number): FeedEvent[] =>
  eventsOf(division).filter((e) => e.date.startsWith(`${year}-`));
const datesIn = (division: Division, year: number): string[] => eventsIn(division, year).map((e) => e.date);
const find = (division: Division, date: string): FeedEvent | undefined => eventsOf(division).find((e) => e.date === date);

/** 0 = Sunday … 6 = Saturday, for a YYYY-MM-DD civil date (no time zone involved). */
const weekday = (iso: string): number => new Date(`${iso}T00:00:00Z`).getUTCDay();
const isWeekend = (iso: string): boolean => weekday(iso) === 0 || weekday(iso) === 6;
const DAY = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 } as const;

// ---------------------------------------------------------------------------------------------
// date-holidays, the independent check
// ---------------------------------------------------------------------------------------------

const STATE: Record<Division, "ENG" | "SCT" | "NIR"> = {
  "england-and-wales": "ENG",
  scotland: "SCT",
  "northern-ireland": "NIR",
};

interface TheirDay {
  /** YYYY-MM-DD: date-holidays' `date` is "YYYY-MM-DD hh:mm:ss" local to Europe/London. */
  date: string;
  name: string;
  type: string;
  substitute: boolean;
}

const theirCache = new Map<string, TheirDay[]>();
/** Every holiday date-holidays returns for the division and year (all types). */
function theirAll(division: Division, year: number): TheirDay[] {
  const key = `${division}:${year}`;
  let days = theirCache.get(key);
  if (!days) {
    days = new Holidays("GB", STATE[division]).getHolidays(year).map((h) => ({
      date: h.date.slice(0, 10),
      name: h.name,
      type: h.type,
      substitute: h.substitute === true,
    }));
    theirCache.set(key, days);
  }
  return days;
}
/**
 * date-holidays marks every UK bank holiday `type: "public"` (its other GB entries are
 * "observance": Mother's Day, Easter Sunday, Father's Day). It also lists the nominal date of a
 * holiday that falls at a weekend (e.g. Sat 25 Dec 2021) next to its substitute weekday; GOV.UK
 * lists only the day the holiday is taken. So we compare against its public weekdays, and check
 * separately that each public weekend date it lists is balanced by a substitute day.
 */
const theirPublic = (division: Division, year: number): TheirDay[] =>
  theirAll(division, year).filter((h) => h.type === "public");
const theirPublicWeekdays = (division: Division, year: number): string[] =>
  theirPublic(division, year)
    .filter((h) => !isWeekend(h.date))
    .map((h) => h.date);

/**
 * True disagreements with date-holidays, each named and explained. A date listed here is excused
 * from the both-ways comparison; the "still disagrees" test fails if an entry goes stale.
 *
 * Dates: none. With date-holidays 3.37.0 every bank-holiday date 2018–2030 in all three divisions
 * agrees both ways. If a future date-holidays (or a feed refresh) disagrees, investigate against
 * GOV.UK; if date-holidays is the one that is wrong, add e.g.
 *   { division: "scotland", date: "2031-…", kind: "date", reason: "date-holidays omits X; GOV.UK feed has it" }
 *
 * Labels: the substitute-day flag (notes "Substitute day" vs date-holidays `substitute`).
 */
interface KnownDisagreement {
  division: Division;
  date: string;
  /** "date": only one side lists the date. "substitute-label": both list it, only one calls it a substitute day. */
  kind: "date" | "substitute-label";
  reason: string;
}
const KNOWN_DISAGREEMENTS: readonly KnownDisagreement[] = [
  {
    division: "scotland",
    date: "2023-01-02",
    kind: "substitute-label",
    // Same dates on both sides (Mon 2 and Tue 3 Jan 2023 are both holidays); only the labels differ.
    // Jan 1 2023 was a Sunday. GOV.UK's 2023 Scotland list names Mon 2 Jan "New Year’s Day"
    // (Substitute day) and Tue 3 Jan "2nd January" (Substitute day), as it did for 2022; date-holidays
    // calls Mon 2 Jan "January 2nd" (not a substitute) and Tue 3 Jan "New Year's Day (substitute day)",
    // GOV.UK's older 2017 convention. We follow GOV.UK's current labelling. No effect on working days.
    reason: "label only: GOV.UK calls Mon 2 Jan 2023 New Year’s Day (Substitute day); date-holidays calls it January 2nd",
  },
];
const excused = (division: Division, date: string, kind: KnownDisagreement["kind"]): boolean =>
  KNOWN_DISAGREEMENTS.some((k) => k.division === division && k.date === date && k.kind === kind);

// ---------------------------------------------------------------------------------------------

describe("bank-holidays.json: format (GOV.UK bank-holidays.json shape)", () => {
  it("has exactly the three GOV.UK divisions, each with `division` equal to its key", () => {
    expect(Object.keys(feed).sort()).toEqual([...DIVISIONS].sort());
    for (const division of DIVISIONS) {
      expect(feed[division]?.division).toBe(division);
      expect(Object.keys(feed[division] ?? {}).sort()).toEqual(["division", "events"]);
    }
  });

  it.each(DIVISIONS)("%s: every event has title, ISO date, notes and bunting, and nothing else", (division) => {
    for (const e of eventsOf(division)) {
      expect(Object.keys(e).sort(), e.date).toEqual(["bunting", "date", "notes", "title"]);
      expect(e.date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // a real calendar date (rejects e.g. 2023-02-30)
      expect(new Date(`${e.date}T00:00:00Z`).toISOString().slice(0, 10)).toBe(e.date);
      expect(typeof e.title).toBe("string");
      expect(e.title.trim(), e.date).not.toBe("");
      expect(e.title, e.date).toBe(e.title.trim());
      expect(["", "Substitute day"], e.date).toContain(e.notes);
      expect(typeof e.bunting).toBe("boolean");
    }
  });

  it.each(DIVISIONS)("%s: dates are strictly ascending (sorted and unique)", (division) => {
    const dates = eventsOf(division).map((e) => e.date);
    for (let i = 1; i < dates.length; i++) expect(dates[i - 1]! < dates[i]!, `${dates[i - 1]} then ${dates[i]}`).toBe(true);
    expect(new Set(dates).size).toBe(dates.length);
  });

  it.each(DIVISIONS)("%s: no date falls at a weekend (GOV.UK lists the day the holiday is taken)", (division) => {
    expect(eventsOf(division).filter((e) => isWeekend(e.date))).toEqual([]);
  });

  it.each(DIVISIONS)("%s: every substitute day is a Monday or Tuesday", (division) => {
    for (const e of eventsOf(division).filter((x) => x.notes === "Substitute day")) {
      expect([DAY.Mon, DAY.Tue], `${e.date} ${e.title}`).toContain(weekday(e.date));
    }
  });

  it("uses GOV.UK's typographic apostrophe (’) in titles, never a straight one", () => {
    for (const division of DIVISIONS) {
      for (const e of eventsOf(division)) expect(e.title, e.date).not.toContain("'");
    }
  });
});

describe("bank-holidays.json: coverage 2018–2030", () => {
  it.each(DIVISIONS)("%s: starts in 2018 and runs to at least 2030", (division) => {
    const years = eventsOf(division).map((e) => Number(e.date.slice(0, 4)));
    expect(Math.min(...years)).toBe(FIRST_YEAR);
    expect(Math.max(...years)).toBeGreaterThanOrEqual(LAST_YEAR);
  });

  it.each(DIVISIONS)("%s: has at least 8 events in every year 2018–2030", (division) => {
    for (const year of YEARS) expect(eventsIn(division, year).length, String(year)).toBeGreaterThanOrEqual(8);
  });

  // E&W 8 a year, Scotland 9, NI 10, plus the one-offs (2022: +2, the moved spring holiday
  // replaces the usual one; 2023: +1). 2020's VE-day holiday replaced the early May one.
  const BASE: Record<Division, number> = { "england-and-wales": 8, scotland: 9, "northern-ireland": 10 };
  const EXTRA: Record<number, number> = { 2022: 2, 2023: 1 };
  it.each(DIVISIONS)("%s: has exactly the statutory number of days each year, plus one-offs", (division) => {
    for (const year of YEARS) {
      expect(eventsIn(division, year).length, String(year)).toBe(BASE[division] + (EXTRA[year] ?? 0));
    }
  });
});

describe("bank-holidays.json: one-off holidays (all three divisions)", () => {
  const ONE_OFFS: ReadonlyArray<[date: string, title: string]> = [
    ["2020-05-08", "Early May bank holiday (VE day)"],
    ["2022-06-02", "Spring bank holiday"],
    ["2022-06-03", "Platinum Jubilee bank holiday"],
    ["2022-09-19", "Bank Holiday for the State Funeral of Queen Elizabeth II"],
    ["2023-05-08", "Bank holiday for the coronation of King Charles III"],
  ];
  for (const division of DIVISIONS) {
    it.each(ONE_OFFS)(`${division}: %s is "%s"`, (date, title) => {
      expect(find(division, date)?.title).toBe(title);
    });
    it(`${division}: the days the one-offs displaced are not holidays (Mon 4 May 2020, Mon 30 May 2022)`, () => {
      expect(find(division, "2020-05-04")).toBeUndefined();
      expect(find(division, "2022-05-30")).toBeUndefined();
    });
  }
  it("2018 has no one-off holiday", () => {
    for (const division of DIVISIONS) {
      const usual = new Set([
        "New Year’s Day", "2nd January", "St Patrick’s Day", "Good Friday", "Easter Monday", "Early May bank holiday",
        "Spring bank holiday", "Battle of the Boyne (Orangemen’s Day)", "Summer bank holiday", "St Andrew’s Day",
        "Christmas Day", "Boxing Day",
      ]);
      expect(eventsIn(division, 2018).filter((e) => !usual.has(e.title))).toEqual([]);
    }
  });
});

describe("bank-holidays.json vs date-holidays (independent), every date both ways", () => {
  it("date-holidays classes UK bank holidays as `public` (only `public` and `observance` occur 2018–2030)", () => {
    const types = new Set<string>();
    for (const division of DIVISIONS) for (const year of YEARS) for (const h of theirAll(division, year)) types.add(h.type);
    expect([...types].sort()).toEqual(["observance", "public"]);
  });

  for (const division of DIVISIONS) {
    describe(`${division} (date-holidays GB-${STATE[division]})`, () => {
      it.each(YEARS)("%i: every date in our file is a date-holidays public holiday, and vice versa", (year) => {
        const ours = datesIn(division, year);
        const theirs = theirPublicWeekdays(division, year);
        const onlyOurs = ours.filter((d) => !theirs.includes(d) && !excused(division, d, "date"));
        const onlyTheirs = theirs.filter((d) => !ours.includes(d) && !excused(division, d, "date"));
        expect({ onlyOurs, onlyTheirs }).toEqual({ onlyOurs: [], onlyTheirs: [] });
      });

      it.each(YEARS)("%i: each weekend holiday date-holidays lists is balanced by one substitute day", (year) => {
        const pub = theirPublic(division, year);
        const weekend = pub.filter((h) => isWeekend(h.date)).map((h) => h.date);
        const substitutes = pub.filter((h) => h.substitute).map((h) => h.date);
        expect(substitutes.length, `weekend ${weekend.join(",")} / substitutes ${substitutes.join(",")}`).toBe(weekend.length);
        // and every one of those substitute weekdays is in our file
        for (const d of substitutes) expect(datesIn(division, year), d).toContain(d);
      });

      it.each(YEARS)("%i: substitute days are labelled alike (notes \"Substitute day\" ⇔ date-holidays `substitute`)", (year) => {
        const pub = theirPublic(division, year);
        const mismatches = eventsIn(division, year)
          .filter((e) => (e.notes === "Substitute day") !== (pub.find((h) => h.date === e.date)?.substitute ?? false))
          .filter((e) => !excused(division, e.date, "substitute-label"))
          .map((e) => `${e.date} ${e.title}`);
        expect(mismatches).toEqual([]);
      });
    });
  }

  it.each(KNOWN_DISAGREEMENTS)("known disagreement $division $date ($kind) still disagrees: $reason", (k) => {
    const year = Number(k.date.slice(0, 4));
    const ours = find(k.division, k.date);
    const theirs = theirPublic(k.division, year).find((h) => h.date === k.date);
    if (k.kind === "date") {
      expect(Boolean(ours) !== Boolean(theirs), "stale exception: both sides now agree on this date").toBe(true);
    } else {
      expect(ours && theirs, "a label exception needs the date on both sides").toBeTruthy();
      expect((ours?.notes === "Substitute day") !== (theirs?.substitute ?? false), "stale exception: labels now agree").toBe(true);
    }
  });
});

describe("bank-holidays.json: spot checks", () => {
  type Dow = keyof typeof DAY;
  type Row = [dow: Dow, date: string, substitute?: "sub"];

  // docs/rules.md §7 table, England & Wales 2024–2027 (full lists; "(sub)" = substitute day).
  const EW: Record<number, Row[]> = {
    2024: [["Mon", "2024-01-01"], ["Fri", "2024-03-29"], ["Mon", "2024-04-01"], ["Mon", "2024-05-06"], ["Mon", "2024-05-27"], ["Mon", "2024-08-26"], ["Wed", "2024-12-25"], ["Thu", "2024-12-26"]],
    2025: [["Wed", "2025-01-01"], ["Fri", "2025-04-18"], ["Mon", "2025-04-21"], ["Mon", "2025-05-05"], ["Mon", "2025-05-26"], ["Mon", "2025-08-25"], ["Thu", "2025-12-25"], ["Fri", "2025-12-26"]],
    2026: [["Thu", "2026-01-01"], ["Fri", "2026-04-03"], ["Mon", "2026-04-06"], ["Mon", "2026-05-04"], ["Mon", "2026-05-25"], ["Mon", "2026-08-31"], ["Fri", "2026-12-25"], ["Mon", "2026-12-28", "sub"]],
    2027: [["Fri", "2027-01-01"], ["Fri", "2027-03-26"], ["Mon", "2027-03-29"], ["Mon", "2027-05-03"], ["Mon", "2027-05-31"], ["Mon", "2027-08-30"], ["Mon", "2027-12-27", "sub"], ["Tue", "2027-12-28", "sub"]],
  };

  describe.each(Object.entries(EW))("docs/rules.md §7: E&W %s", (year, rows) => {
    it("is exactly the listed dates", () => {
      expect(datesIn("england-and-wales", Number(year))).toEqual(rows.map((r) => r[1]));
    });
    it.each(rows)("has %s %s", (dow, date, sub) => {
      const e = find("england-and-wales", date);
      expect(e).toBeDefined();
      expect(weekday(date)).toBe(DAY[dow]);
      expect(e?.notes).toBe(sub ? "Substitute day" : "");
    });
  });

  it("docs/rules.md §7: E&W 2026 has Mon 28 Dec as a substitute day (Boxing Day)", () => {
    expect(find("england-and-wales", "2026-12-28")).toMatchObject({ title: "Boxing Day", notes: "Substitute day" });
  });
  it("docs/rules.md §7: E&W 2027 has Mon 27 Dec (Christmas Day) and Tue 28 Dec (Boxing Day) as substitute days", () => {
    expect(find("england-and-wales", "2027-12-27")).toMatchObject({ title: "Christmas Day", notes: "Substitute day" });
    expect(find("england-and-wales", "2027-12-28")).toMatchObject({ title: "Boxing Day", notes: "Substitute day" });
  });

  // docs/rules.md §7 prose: Scotland and NI extras 2024–2027.
  const SCOTLAND_EXTRAS: ReadonlyArray<[label: string, dow: Dow, date: string, title: string]> = [
    ["2 Jan 2024", "Tue", "2024-01-02", "2nd January"],
    ["2 Jan 2025", "Thu", "2025-01-02", "2nd January"],
    ["2 Jan 2026", "Fri", "2026-01-02", "2nd January"],
    ["2 Jan 2027 taken Mon 4 Jan", "Mon", "2027-01-04", "2nd January"],
    ["first Monday of August 2024", "Mon", "2024-08-05", "Summer bank holiday"],
    ["first Monday of August 2025", "Mon", "2025-08-04", "Summer bank holiday"],
    ["first Monday of August 2026", "Mon", "2026-08-03", "Summer bank holiday"],
    ["first Monday of August 2027", "Mon", "2027-08-02", "Summer bank holiday"],
    ["St Andrew’s Day 2024", "Mon", "2024-12-02", "St Andrew’s Day"],
    ["St Andrew’s Day 2025", "Mon", "2025-12-01", "St Andrew’s Day"],
    ["St Andrew’s Day 2026", "Mon", "2026-11-30", "St Andrew’s Day"],
    ["St Andrew’s Day 2027", "Tue", "2027-11-30", "St Andrew’s Day"],
  ];
  it.each(SCOTLAND_EXTRAS)("docs/rules.md §7: Scotland has %s (%s %s)", (_label, dow, date, title) => {
    expect(find("scotland", date)?.title).toBe(title);
    expect(weekday(date)).toBe(DAY[dow]);
  });

  const NI_EXTRAS: ReadonlyArray<[label: string, dow: Dow, date: string, title: string]> = [
    ["St Patrick’s Day 2024", "Mon", "2024-03-18", "St Patrick’s Day"],
    ["St Patrick’s Day 2025", "Mon", "2025-03-17", "St Patrick’s Day"],
    ["St Patrick’s Day 2026", "Tue", "2026-03-17", "St Patrick’s Day"],
    ["St Patrick’s Day 2027", "Wed", "2027-03-17", "St Patrick’s Day"],
    ["the Boyne holiday 2024", "Fri", "2024-07-12", "Battle of the Boyne (Orangemen’s Day)"],
    ["the Boyne holiday 2025", "Mon", "2025-07-14", "Battle of the Boyne (Orangemen’s Day)"],
    ["the Boyne holiday 2026", "Mon", "2026-07-13", "Battle of the Boyne (Orangemen’s Day)"],
    ["the Boyne holiday 2027", "Mon", "2027-07-12", "Battle of the Boyne (Orangemen’s Day)"],
  ];
  it.each(NI_EXTRAS)("docs/rules.md §7: Northern Ireland has %s (%s %s)", (_label, dow, date, title) => {
    expect(find("northern-ireland", date)?.title).toBe(title);
    expect(weekday(date)).toBe(DAY[dow]);
  });

  // docs/rules.md §7: "Scotland has no Easter Monday and no late-August holiday. It adds …"; "NI adds …".
  describe.each([2024, 2025, 2026, 2027])("docs/rules.md §7: %i divisions derive from E&W", (year) => {
    const ew = EW[year]!.map((r) => r[1]);
    const easterMonday = EW[year]![2]![1];
    const lateAugust = EW[year]![5]![1];
    it("Scotland = E&W − Easter Monday − late-August + 2 Jan, first Monday of August, St Andrew’s Day", () => {
      const extras = SCOTLAND_EXTRAS.filter((r) => r[2].startsWith(`${year}-`)).map((r) => r[2]);
      const expected = [...ew.filter((d) => d !== easterMonday && d !== lateAugust), ...extras].sort();
      expect(datesIn("scotland", year)).toEqual(expected);
    });
    it("Northern Ireland = E&W + St Patrick’s Day + the Boyne holiday", () => {
      const extras = NI_EXTRAS.filter((r) => r[2].startsWith(`${year}-`)).map((r) => r[2]);
      expect(datesIn("northern-ireland", year)).toEqual([...ew, ...extras].sort());
    });
  });

  // Substitution rules (Banking and Financial Dealings Act 1971 Sch 1 + proclamations), GOV.UK lists.
  const SUBSTITUTES: ReadonlyArray<[divisions: readonly Division[], date: string, title: string]> = [
    [DIVISIONS, "2020-12-28", "Boxing Day"],
    [DIVISIONS, "2021-12-27", "Christmas Day"],
    [DIVISIONS, "2021-12-28", "Boxing Day"],
    [DIVISIONS, "2022-01-03", "New Year’s Day"],
    [["scotland"], "2022-01-04", "2nd January"],
    [DIVISIONS, "2022-12-27", "Christmas Day"],
    [DIVISIONS, "2023-01-02", "New Year’s Day"],
    [["scotland"], "2023-01-03", "2nd January"],
    [["scotland"], "2021-01-04", "2nd January"],
    [["scotland"], "2019-12-02", "St Andrew’s Day"],
    [["scotland"], "2030-12-02", "St Andrew’s Day"],
    [["northern-ireland"], "2018-03-19", "St Patrick’s Day"],
    [["northern-ireland"], "2019-03-18", "St Patrick’s Day"],
    [["northern-ireland"], "2020-07-13", "Battle of the Boyne (Orangemen’s Day)"],
    [DIVISIONS, "2026-12-28", "Boxing Day"],
    [DIVISIONS, "2027-12-27", "Christmas Day"],
    [DIVISIONS, "2027-12-28", "Boxing Day"],
    [DIVISIONS, "2028-01-03", "New Year’s Day"],
    [["scotland"], "2028-01-04", "2nd January"],
  ];
  it.each(SUBSTITUTES)("GOV.UK substitution rule: %j have %s as a %s substitute day", (divisions, date, title) => {
    for (const division of divisions) {
      expect(find(division, date), division).toMatchObject({ title, notes: "Substitute day" });
    }
  });
  it("GOV.UK: Boxing Day on Mon 26 Dec 2022 is the day itself, not a substitute (Christmas Day moves to Tue 27)", () => {
    for (const division of DIVISIONS) {
      expect(find(division, "2022-12-26")).toMatchObject({ title: "Boxing Day", notes: "" });
    }
  });
  it("Scotland: 2 January is taken on the day when a weekday (Tue 2 Jan 2024), which is not a holiday in E&W", () => {
    expect(find("scotland", "2024-01-02")?.notes).toBe("");
    expect(find("england-and-wales", "2024-01-02")).toBeUndefined();
  });
});
