/** Synthetic ids must never collide, whatever the scale (issue 8: a million cases in PostgreSQL). */
import { describe, expect, it } from "vitest";
import { idOf } from "./random.js";

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

describe("idOf", () => {
  it("gives 2,000,000 customers 2,000,000 different UUIDs (a 32-bit seeded stream gave hundreds of duplicates)", () => {
    const seen = new Set<string>();
    for (let i = 0; i < 2_000_000; i++) seen.add(idOf(20261123, "customer-id", i));
    expect(seen.size).toBe(2_000_000);
    // Two million ids take a few seconds alone, far longer while npm test runs every suite on two cores.
  }, 180_000);

  it("is deterministic, shaped like a version-4 UUID, and different per kind and per seed", () => {
    expect(idOf(1, "case-id", 42)).toBe(idOf(1, "case-id", 42));
    for (const index of [0, 1, 999_999, 2 ** 48 - 1]) expect(idOf(7, "case-id", index)).toMatch(UUID_V4);
    expect(idOf(1, "case-id", 42)).not.toBe(idOf(1, "customer-id", 42));
    expect(idOf(1, "case-id", 42)).not.toBe(idOf(2, "case-id", 42));
  });

  it("refuses an index it cannot encode", () => {
    expect(() => idOf(1, "case-id", -1)).toThrow(RangeError);
    expect(() => idOf(1, "case-id", 2 ** 48)).toThrow(RangeError);
    expect(() => idOf(1, "case-id", 1.5)).toThrow(RangeError);
  });
});
