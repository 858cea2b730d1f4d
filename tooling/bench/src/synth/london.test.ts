import { londonWallClock } from "@complaints/core";
import { describe, expect, it } from "vitest";
import { londonDate } from "./london.js";

describe("londonDate", () => {
  it("agrees with core's londonWallClock every 30 minutes from 2018 to 2030 (both DST changes every year)", () => {
    const start = Date.parse("2018-01-01T00:00:00Z");
    const end = Date.parse("2030-12-31T23:30:00Z");
    const wrong: string[] = [];
    for (let t = start; t <= end && wrong.length < 5; t += 30 * 60_000) {
      const instant = new Date(t);
      if (londonDate(instant) !== londonWallClock(instant).date) wrong.push(instant.toISOString());
    }
    expect(wrong).toEqual([]);
  });
});
