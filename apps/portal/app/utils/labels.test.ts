import { describe, expect, it } from "vitest";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { formatDate, formatDateTime, formatPence, labelOr } from "./labels";

describe("dates as GOV.UK writes them", () => {
  it("writes dates without drifting across time zones", () => {
    expect(formatDate("2026-12-25")).toBe("25 December 2026");
    expect(formatDate("2026-12-25", true)).toBe("Fri 25 December 2026");
  });
  it("writes instants in London time, GMT in winter and BST in summer", () => {
    expect(formatDateTime("2026-11-23T14:05:00Z")).toBe("23 November 2026 at 2:05pm");
    expect(formatDateTime("2026-07-01T23:30:00Z")).toBe("2 July 2026 at 12:30am");
    // The clocks go forward at 01:00 UTC on 29 March 2026 and back at 01:00 UTC on 25 October.
    expect(formatDateTime("2026-03-29T00:59:00Z")).toBe("29 March 2026 at 12:59am");
    expect(formatDateTime("2026-03-29T01:00:00Z")).toBe("29 March 2026 at 2:00am");
    expect(formatDateTime("2026-10-25T00:59:00Z")).toBe("25 October 2026 at 1:59am");
    expect(formatDateTime("2026-10-25T01:00:00Z")).toBe("25 October 2026 at 1:00am");
  });
  it("agrees with the ICU time zone data for every hour of a year", () => {
    const fmt = new Intl.DateTimeFormat("en-GB", { timeZone: "Europe/London", hour: "numeric", hourCycle: "h23", day: "numeric" });
    for (let t = Date.UTC(2026, 0, 1); t < Date.UTC(2027, 0, 1); t += 3_600_000) {
      const parts = fmt.formatToParts(new Date(t));
      const hour = Number(parts.find((p) => p.type === "hour")!.value);
      const text = formatDateTime(new Date(t));
      const ours = Number(/at (\d+):/.exec(text)![1]) % 12 + (text.endsWith("pm") ? 12 : 0);
      expect(ours, new Date(t).toISOString()).toBe(hour);
    }
  });
});

describe("money and labels", () => {
  it("writes pence as pounds", () => {
    expect(formatPence(107550)).toBe("£1,075.50");
    expect(formatPence(5)).toBe("£0.05");
  });
  it("words codes it does not know", () => {
    expect(labelOr(CASE_KIND_LABELS, "complaint")).toBe("Complaint");
    expect(labelOr(CASE_KIND_LABELS, "new-kind-of-thing")).toBe("New kind of thing");
    expect(labelOr(CASE_KIND_LABELS, null)).toBe("Not given");
  });
});
