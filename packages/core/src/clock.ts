import { londonWallClock } from "./calendar/london-time.js";
import type { IsoDate } from "./calendar/dates.js";

/** Time comes in from outside: core never reads the system clock (docs/design.md §2). */
export interface Clock {
  now(): Date;
}

export function todayIn(clock: Clock): IsoDate {
  return londonWallClock(clock.now()).date;
}

/** A clock that always says the same instant: for tests, demos and replays. */
export function fixedClock(instant: string | Date): Clock {
  const at = new Date(instant);
  if (Number.isNaN(at.getTime())) throw new RangeError(`Invalid instant "${String(instant)}"`);
  return { now: () => new Date(at) };
}
