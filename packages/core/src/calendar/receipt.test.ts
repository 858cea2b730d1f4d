import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { calendarFor } from "./calendar.js";
import { receiptOf } from "./receipt.js";
import { londonWallClock } from "./london-time.js";

const ew = calendarFor({ nations: ["england-and-wales"] });

describe("receipt rules (Southwark procedure, Receipt Date; docs/rules.md §7)", () => {
  it("explains a weekend receipt", () => {
    const r = receiptOf(new Date("2025-12-20T10:00:00Z"), ew, { cutOffTime: "17:00" });
    expect(r).toMatchObject({ receivedOn: "2025-12-20", countsFrom: "2025-12-22", why: "non-working-day" });
    expect(r.explanation).toBe("received Sat 20 Dec 2025, counts from Mon 22 Dec 2025 (a weekend)");
  });

  it("names the bank holiday it was received on", () => {
    const r = receiptOf(new Date("2025-12-25T10:00:00Z"), ew, { cutOffTime: null });
    expect(r.explanation).toContain("Christmas Day, a bank holiday");
  });

  it("explains a receipt after the cut-off", () => {
    const r = receiptOf(new Date("2025-03-07T17:30:00Z"), ew, { cutOffTime: "17:00" });
    expect(r.explanation).toBe("received Fri 7 Mar 2025 at 17:30, after the 17:00 cut-off, so counts from Mon 10 Mar 2025");
  });

  it("uses London wall-clock time in summer (BST): 16:30 UTC is 17:30 BST, after the cut-off", () => {
    const r = receiptOf(new Date("2025-07-01T16:30:00Z"), ew, { cutOffTime: "17:00" });
    expect(r).toMatchObject({ receivedTime: "17:30", why: "after-cut-off", countsFrom: "2025-07-02" });
  });

  it("property: the receipt date is always a working day on or after the London date received", () => {
    const instants = fc.date({ min: new Date("2018-01-01T00:00:00Z"), max: new Date("2030-06-30T00:00:00Z"), noInvalidDate: true });
    fc.assert(
      fc.property(instants, fc.constantFrom("17:00", null), (at, cutOffTime) => {
        const r = receiptOf(at, ew, { cutOffTime });
        return ew.isWorkingDay(r.countsFrom) && r.countsFrom >= londonWallClock(at).date && ew.countWorkingDays(r.receivedOn, r.countsFrom) <= 1;
      }),
    );
  });
});
