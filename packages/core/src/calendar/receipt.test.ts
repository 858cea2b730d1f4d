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

  it("names every non-working day a receipt rolled over: Sun 2 May 2027, then the Early May bank holiday (issue 17)", () => {
    const r = receiptOf(new Date("2027-05-02T10:00:00Z"), ew, { cutOffTime: "17:00" });
    expect(r).toMatchObject({ receivedOn: "2027-05-02", countsFrom: "2027-05-04" });
    expect(r.explanation).toBe("received Sun 2 May 2027, counts from Tue 4 May 2027 (Sun 2 May: a weekend; Mon 3 May: Early May bank holiday, a bank holiday)");
  });

  it("names Good Friday, the weekend and Easter Monday for a receipt on Good Friday 2027", () => {
    const r = receiptOf(new Date("2027-03-26T10:00:00Z"), ew, { cutOffTime: null });
    expect(r.countsFrom).toBe("2027-03-30");
    expect(r.explanation).toBe(
      "received Fri 26 Mar 2027, counts from Tue 30 Mar 2027 (Fri 26 Mar: Good Friday, a bank holiday; Sat 27 and Sun 28 Mar: a weekend; Mon 29 Mar: Easter Monday, a bank holiday)",
    );
  });

  it("names the days after a cut-off that moved the receipt on: Fri 24 Dec 2027 after 17:00 counts from Wed 29 Dec", () => {
    const r = receiptOf(new Date("2027-12-24T17:30:00Z"), ew, { cutOffTime: "17:00" });
    expect(r.countsFrom).toBe("2027-12-29");
    expect(r.explanation).toBe(
      "received Fri 24 Dec 2027 at 17:30, after the 17:00 cut-off, so counts from Wed 29 Dec 2027 (after Sat 25 and Sun 26 Dec: a weekend; Mon 27 Dec: Christmas Day, a bank holiday; Tue 28 Dec: Boxing Day, a bank holiday)",
    );
  });

  it("explains a receipt after the cut-off", () => {
    const r = receiptOf(new Date("2025-03-07T17:30:00Z"), ew, { cutOffTime: "17:00" });
    expect(r.explanation).toBe("received Fri 7 Mar 2025 at 17:30, after the 17:00 cut-off, so counts from Mon 10 Mar 2025 (after Sat 8 and Sun 9 Mar: a weekend)");
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
