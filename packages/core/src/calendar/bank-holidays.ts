import data from "./data/bank-holidays.json" with { type: "json" };

/** The three divisions of the GOV.UK bank-holidays feed. */
export const NATIONS = ["england-and-wales", "scotland", "northern-ireland"] as const;
export type Nation = (typeof NATIONS)[number];
/** The nations as people say them (the rules page, the calendar pages). */
export const NATION_LABELS: Record<Nation, string> = { "england-and-wales": "England and Wales", scotland: "Scotland", "northern-ireland": "Northern Ireland" };

export interface BankHolidayEvent {
  title: string;
  date: string;
  notes: string;
  bunting: boolean;
}

/** The GOV.UK `bank-holidays.json` format, so the file can be refreshed from the feed. */
export type BankHolidayData = Record<Nation, { division: Nation; events: BankHolidayEvent[] }>;

/**
 * The shipped, versioned snapshot (src/calendar/data/bank-holidays.json, checked date by date
 * against the independent date-holidays package in its test). See data/README.md.
 */
export const ukBankHolidays: BankHolidayData = data as BankHolidayData;
