/**
 * Rounding as councils publish it ("All percentages are rounded", Lewisham report 5.2): to the
 * nearest whole number, halves up, in integer arithmetic so 87.5 is never 87.49999.
 */
import { formatLong, type IsoDate } from "@complaints/core";

/** `part` of `whole` as a whole-number percentage, halves rounded up; null when `whole` is 0. */
export function percent(part: number, whole: number): number | null {
  if (whole <= 0) return null;
  return Math.floor((200 * part + whole) / (2 * whole));
}

/** The same, to `places` decimal places (TSM returns: one place). */
export function percentTo(part: number, whole: number, places: number): number | null {
  if (whole <= 0) return null;
  const scale = 10 ** places;
  return Math.floor((200 * scale * part + whole) / (2 * whole)) / scale;
}

/** `value` rounded half up to `places` decimal places, for ratios such as CH01 per 1,000 homes. */
export function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.round((value + Number.EPSILON) * scale) / scale;
}

/** "£1,234.50" from pence. */
export function formatPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return `£${pounds.toLocaleString("en-GB")}${rest ? `.${String(rest).padStart(2, "0")}` : ""}`;
}

/** "66 (54)": a figure with the previous period's beside it in brackets, as Lewisham's table. */
export function withPrevious(current: number | null, previous: number | null | undefined): string {
  const now = current === null ? "–" : String(current);
  return previous === undefined ? now : `${now} (${previous === null ? "–" : previous})`;
}

/** A period as people write it in a title: "1 April 2026 to 31 March 2027" (issue 16: no ISO dates on screens). */
export function periodWords(period: { from: string; to: string }): string {
  return `${formatLong(period.from as IsoDate)} to ${formatLong(period.to as IsoDate)}`;
}

/** A stage as a heading names it: "stage-2" → "Stage 2", "independent-adjudicator" → "Independent adjudicator". */
export function stageWords(stageId: string): string {
  return stageId.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}
