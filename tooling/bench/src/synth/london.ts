/**
 * The London date of an instant without Intl (the generator asks millions of times): GMT,
 * or BST from 01:00 UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
 * October. london.test.ts checks it against core's `londonWallClock` hour by hour.
 */
const HOUR = 3_600_000;
const cache = new Map<number, [number, number]>();

function lastSunday(year: number, month: number): number {
  const last = Date.UTC(year, month + 1, 0, 1);
  return last - new Date(last).getUTCDay() * 24 * HOUR;
}

function bst(year: number): [number, number] {
  let range = cache.get(year);
  if (!range) {
    range = [lastSunday(year, 2), lastSunday(year, 9)];
    cache.set(year, range);
  }
  return range;
}

export function londonDate(instant: Date): string {
  const t = instant.getTime();
  const [from, to] = bst(new Date(t).getUTCFullYear());
  const local = t >= from && t < to ? t + HOUR : t;
  return new Date(local).toISOString().slice(0, 10);
}
