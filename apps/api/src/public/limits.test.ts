import { describe, expect, it } from "vitest";
import { defaultConfig } from "../config.js";
import { TestClock } from "../../test/harness.js";
import { PublicLimits } from "./limits.js";

describe("the public limits count by the injected clock (issue 13: every date from the clock)", () => {
  const settings = { ...defaultConfig().publicForms, lookupFailuresPerIp: 2 };

  it("refuses past the limit until the window ends on the clock, then counts afresh", async () => {
    const clock = new TestClock("2026-03-02T09:00:00Z");
    const limits = new PublicLimits(settings, clock);
    const key = PublicLimits.clientKey("203.0.113.7");
    expect((await limits.lookupFailures.hit(key)).ok).toBe(true);
    expect((await limits.lookupFailures.hit(key)).ok).toBe(true);
    const blocked = await limits.lookupFailures.check(key);
    expect(blocked).toEqual({ ok: false, retryAt: new Date("2026-03-02T09:15:00Z") });
    clock.advance(14 * 60_000);
    expect((await limits.lookupFailures.check(key)).ok).toBe(false);
    clock.advance(60_000);
    expect((await limits.lookupFailures.check(key)).ok).toBe(true);
    expect(await limits.lookupFailures.hit(key)).toEqual({ ok: true, retryAt: new Date("2026-03-02T09:30:00Z") });
  });

  it("keeps each address's count apart", async () => {
    const limits = new PublicLimits(settings, new TestClock("2026-03-02T09:00:00Z"));
    await limits.lookupFailures.hit(PublicLimits.clientKey("203.0.113.7"));
    await limits.lookupFailures.hit(PublicLimits.clientKey("203.0.113.7"));
    expect((await limits.lookupFailures.check(PublicLimits.clientKey("198.51.100.1"))).ok).toBe(true);
  });
});
