import { describe, expect, it } from "vitest";
import { isVisibleName, personName } from "./names.js";
import { representativeSchema } from "./intake.js";

describe("names people can see (issue 20)", () => {
  it("refuses names made only of zero-width, direction or other invisible characters", () => {
    for (const name of ["\u200B", "\u200B\u200C\u200D", "\u202E\u202C", "\u2066\u2069", "\u200E\u200F", "\uFEFF", "\u00AD", " \u200B "]) {
      expect(isVisibleName(name), JSON.stringify(name)).toBe(false);
      expect(personName({ missing: "Enter the name" }).safeParse(name).success, JSON.stringify(name)).toBe(false);
    }
  });

  it("accepts names in any script, with marks and hyphens", () => {
    for (const name of ["Ann Smith", "Siân O'Brien-Jones", "محمد", "李小龍", "Zoë", "X Æ A-12"]) {
      expect(personName({ missing: "Enter the name" }).parse(` ${name} `)).toBe(name);
    }
  });

  it("applies to representatives' names", () => {
    const result = representativeSchema.safeParse({ name: "\u200B\u200B", role: "mp", consent: null });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(["name"]);
  });
});
