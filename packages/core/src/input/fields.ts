/**
 * The field schemas every input is built from (API procedures, lifecycle command payloads and
 * the portal's forms parse with the same ones): messages in plain English that say what to
 * enter, so a bad input comes back naming the field and why.
 */
import { z } from "zod";
import { calendarFor } from "../calendar/calendar.js";
import { addCalendarDays, formatShort } from "../calendar/dates.js";
import { personName } from "../lifecycle/names.js";

/**
 * Dates the working-day calendar can count from: its bank-holiday data has a first and a
 * last year, and a deadline counted from a date must still fall inside it (200 days' margin).
 */
const calendarRange = calendarFor({ nations: ["england-and-wales"] });
export const FIRST_DATE = calendarRange.firstDate;
export const LAST_DATE = addCalendarDays(calendarRange.lastDate, -200);
const inRange = (date: string) => date >= FIRST_DATE && date <= LAST_DATE;
const rangeMessage = `a date between ${formatShort(FIRST_DATE)} and ${formatShort(LAST_DATE)} (the working-day calendar's range)`;

export const isoDate = z.iso.date("a date as YYYY-MM-DD").refine(inRange, rangeMessage);
export const isoDateTime = (message: string) =>
  z.iso.datetime({ offset: true, message }).refine((v) => inRange(new Date(v).toISOString().slice(0, 10)), rangeMessage);
export const id = z.uuid("an id as given by the API");
/**
 * An id the user picks from a list (a select of people): GOV.UK's "Choose …" when none was
 * picked, so the API and the portal's form say the same.
 */
export const chosenId = (what: string) => z.uuid({ error: (issue) => (issue.input === undefined ? `Choose ${what}` : "an id as given by the API") });
/** A key of something on the case the user picks from a list (an enquiry, a remedy, a request). */
export const chosenKey = (what: string) => z.string(`Choose ${what}`).min(1, `Choose ${what}`).max(60);
export const slug = z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lower-case letters, digits and hyphens");
export const text = (what: string, max = 10_000) => z.string(`Enter ${what}`).trim().min(1, `Enter ${what}`).max(max, `Keep ${what} under ${max} characters`);
/** A person's name: like `text`, and it must show (not only zero-width or direction characters). */
export const name = (what: string, max = 200) =>
  personName({ missing: `Enter ${what}`, tooLong: `Keep ${what} under ${max} characters`, invisible: `Enter ${what} with at least one letter or number: it has only invisible characters` }, max);
