/**
 * Labels for codes, and the date and money formats. The codes' own labels are core's
 * vocabulary (`@complaints/core/vocabulary`, zod-free); the commands' are their modules' in
 * core, read on the server (commands.server.ts). Client-safe: nothing of core's lifecycle (or
 * zod) reaches the browser bundle.
 */
export function labelOr(labels: Readonly<Record<string, string | undefined>>, value: string | null | undefined, fallback = "Not given"): string {
  if (!value) return fallback;
  return labels[value] ?? value.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase());
}

const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-11-23" → "Mon 23 November 2026" (the GOV.UK date style), without time-zone drift. */
export function formatDate(iso: string | null | undefined, withDay = false): string {
  if (!iso) return "";
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso);
  if (!m) return iso;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const day = DAYS[new Date(Date.UTC(y, mo - 1, d)).getUTCDay()];
  return `${withDay ? `${day} ` : ""}${d} ${MONTHS[mo - 1]} ${y}`;
}

/** The last Sunday of a month, as a UTC day number. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month + 1, 0));
  return last.getUTCDate() - last.getUTCDay();
}

/**
 * The wall-clock time in London (GMT, or BST from 01:00 UTC on the last Sunday of March to
 * 01:00 UTC on the last Sunday of October). Computed, not left to Intl, so the server and
 * every browser render the same text (no hydration mismatch).
 */
export function londonParts(instant: Date): { year: number; month: number; day: number; hour: number; minute: number } {
  const y = instant.getUTCFullYear();
  const bstStart = Date.UTC(y, 2, lastSunday(y, 2), 1);
  const bstEnd = Date.UTC(y, 9, lastSunday(y, 9), 1);
  const t = instant.getTime();
  const local = new Date(t + (t >= bstStart && t < bstEnd ? 3_600_000 : 0));
  return { year: local.getUTCFullYear(), month: local.getUTCMonth() + 1, day: local.getUTCDate(), hour: local.getUTCHours(), minute: local.getUTCMinutes() };
}

/** An instant, in London time: "23 November 2026 at 2:05pm". */
export function formatDateTime(value: string | Date | null | undefined): string {
  if (!value) return "";
  const date = typeof value === "string" ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  const p = londonParts(date);
  const h12 = p.hour % 12 === 0 ? 12 : p.hour % 12;
  return `${p.day} ${MONTHS[p.month - 1]} ${p.year} at ${h12}:${String(p.minute).padStart(2, "0")}${p.hour < 12 ? "am" : "pm"}`;
}

export function formatPence(pence: number | null | undefined): string {
  if (pence === null || pence === undefined) return "";
  const pounds = Math.floor(Math.abs(pence) / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return `${pence < 0 ? "-" : ""}£${pounds}.${String(Math.abs(pence) % 100).padStart(2, "0")}`;
}
