import type { IsoDate } from "./dates.js";

/**
 * The wall-clock date and time in Europe/London of an instant. Intl does the DST rules, so
 * 23:30 UTC on 30 June is 00:30 on 1 July in London and counts as received on 1 July.
 * Pure: the time zone database is part of the runtime, not I/O.
 */
const formatter = new Intl.DateTimeFormat("en-GB", {
  timeZone: "Europe/London",
  year: "numeric",
  month: "2-digit",
  day: "2-digit",
  hour: "2-digit",
  minute: "2-digit",
  hourCycle: "h23",
});

export interface LondonWallClock {
  date: IsoDate;
  /** "HH:MM", 24-hour. */
  time: string;
}

export function londonWallClock(instant: Date): LondonWallClock {
  if (Number.isNaN(instant.getTime())) throw new RangeError("Invalid instant");
  const parts: Record<string, string> = {};
  for (const part of formatter.formatToParts(instant)) parts[part.type] = part.value;
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}
