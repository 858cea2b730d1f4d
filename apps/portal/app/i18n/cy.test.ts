import { describe, expect, it } from "vitest";
import { en } from "./en";
import { cy } from "./cy";
import { formatDateIn, translator } from "./index";

// Issue 15 ("Welsh"), decision 0517: every public string in Welsh, none left in English, and
// the placeholders the pages fill in kept.
const SAME_IN_BOTH = new Set(["complain.contact.post", "equality.a.sikh"]); // "Post" and "Sikh" are Welsh too

describe("the Welsh messages", () => {
  it("give every English key, none empty and none left in English", () => {
    expect(Object.keys(cy).sort()).toEqual(Object.keys(en).sort());
    for (const [key, english] of Object.entries(en)) {
      const welsh = cy[key as keyof typeof en];
      expect(welsh.trim(), key).not.toBe("");
      if (!SAME_IN_BOTH.has(key)) expect(welsh, key).not.toBe(english);
    }
  });

  it("keep each string's placeholders", () => {
    const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, english] of Object.entries(en)) expect(placeholders(cy[key as keyof typeof en]), key).toEqual(placeholders(english));
  });

  it("fill placeholders in and write dates in Welsh", () => {
    expect(translator("cy")("complain.q.service", { noun: "cwyn" })).toBe("Am ba wasanaeth mae eich cwyn?");
    expect(formatDateIn("cy", "2026-03-09", true)).toBe("Dydd Llun 9 Mawrth 2026");
    expect(formatDateIn("en", "2026-03-09", true)).toBe("Monday 9 March 2026");
  });
});
