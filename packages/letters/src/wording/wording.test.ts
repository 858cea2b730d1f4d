/**
 * The checks a translator runs after editing a wording file
 * (`pnpm --filter @complaints/letters exec vitest run src/wording`; docs/letters-translation.md).
 */
import { describe, expect, it } from "vitest";
import { cy, NEEDS_REVIEW } from "./cy.js";
import { en } from "./en.js";
import { letterEmailWording, placeholders, say, WORDING } from "./index.js";

const keys = Object.keys(en) as Array<keyof typeof en>;

describe("the wording files: one per language, the same sentences", () => {
  it("Welsh has every key English has, and no other", () => {
    expect(Object.keys(cy).sort()).toEqual([...keys].sort());
  });

  it("each Welsh sentence fills in the same {placeholders} as the English one", () => {
    const mismatched = keys.filter((key) => placeholders(cy[key]).sort().join() !== placeholders(en[key]).sort().join());
    expect(mismatched).toEqual([]);
  });

  it("no sentence is empty, and braces are only ever whole {placeholders}", () => {
    for (const language of ["en", "cy"] as const) {
      for (const key of keys) {
        const template = WORDING[language][key];
        expect(template.trim(), `${language} ${key}`).not.toBe("");
        expect(template.replace(/\{[a-zA-Z]+\}/g, ""), `${language} ${key}`).not.toMatch(/[{}]/);
      }
    }
  });

  it("the Welsh file holds no English: a Welsh sentence differs from the English one unless it is only placeholders and punctuation", () => {
    const sameAsEnglish = keys.filter((key) => cy[key] === en[key] && /[a-z]{2}/i.test(cy[key].replace(/\{[a-zA-Z]+\}/g, "")));
    expect(sameAsEnglish).toEqual([]);
  });

  it("every sentence marked for a translator's review is a sentence of the file", () => {
    for (const key of Object.keys(NEEDS_REVIEW)) expect(keys).toContain(key);
  });

  it("a placeholder left without a value is an error, not a '{name}' printed in a letter", () => {
    expect(say("cy", "salutation", { name: "Ann Smith" })).toBe("Annwyl Ann Smith");
    expect(() => say("en", "salutation")).toThrow('Wording "salutation" (en) needs {name}.');
  });
});

describe("what an email sent with a letter says, in each language", () => {
  const facts = { subject: "We have received your complaint", reference: "CMP-2026-0042", recipientName: "Ann Smith", councilName: "Example Council", phone: "020 7946 0000" };

  it("in English: greeting, the letter attached, how to reply, sign-off", () => {
    expect(letterEmailWording("en", facts)).toEqual({
      subject: "We have received your complaint (CMP-2026-0042)",
      greeting: "Dear Ann Smith,",
      letterAttached: "Our letter about your complaint is attached. Our reference is CMP-2026-0042.",
      reply: "If you have any questions, reply to this email or call us on 020 7946 0000. Please quote our reference, CMP-2026-0042.",
      otherFormats: "If you would like this letter in large print, braille, audio or another language, reply to this email or call us on 020 7946 0000.",
      closing: "Yours sincerely,",
      sender: "Example Council",
    });
  });

  it("in Welsh, the same parts", () => {
    const welsh = letterEmailWording("cy", { ...facts, subject: "Rydym wedi cael eich cwyn" });
    expect(welsh.subject).toBe("Rydym wedi cael eich cwyn (CMP-2026-0042)");
    expect(welsh.greeting).toBe("Annwyl Ann Smith,");
    expect(welsh.letterAttached).toBe("Mae ein llythyr am eich cwyn wedi'i atodi. Ein cyfeirnod yw CMP-2026-0042.");
    expect(welsh.reply).toContain("atebwch yr e-bost hwn neu ffoniwch ni ar 020 7946 0000");
    expect(welsh.closing).toBe("Yn gywir,");
  });
});
