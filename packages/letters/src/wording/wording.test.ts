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
  const facts = { subject: "We have received your complaint", reference: "CMP-2026-0042", phone: "020 7946 0000", email: "complaints@example.gov.uk" };

  it("in English: subject, the opening for the letter's kind, the letter attached, how to reach us, sign-off", () => {
    expect(letterEmailWording("en", "acknowledgement", facts)).toEqual({
      subject: "We have received your complaint (CMP-2026-0042)",
      opening: "We have received your complaint and we are looking into it.",
      letterAttached: "Our letter is attached to this email. Please read it: it sets out what happens next.",
      reply: "Our reference is CMP-2026-0042. Please quote it if you contact us, by phone on 020 7946 0000 or by email to complaints@example.gov.uk.",
      tracking: "You can check how your complaint is going online with our reference and the tracking code printed on the letter.",
      otherFormats: "If you would like this letter in large print, braille, audio or another language, reply to this email or call us on 020 7946 0000.",
      closing: "Yours sincerely,",
    });
    expect(letterEmailWording("en", "stage-1-response", facts).letterAttached).toBe("Our letter is attached to this email. Please read it: it sets out everything in full.");
  });

  it("in Welsh, the same parts", () => {
    const welsh = letterEmailWording("cy", "acknowledgement", { ...facts, subject: "Rydym wedi cael eich cwyn" });
    expect(welsh.subject).toBe("Rydym wedi cael eich cwyn (CMP-2026-0042)");
    expect(welsh.opening).toBe("Rydym wedi cael eich cwyn ac rydym yn edrych arni.");
    expect(welsh.letterAttached).toBe("Mae ein llythyr wedi'i atodi i'r e-bost hwn. Darllenwch ef: mae'n nodi beth sy'n digwydd nesaf.");
    expect(welsh.reply).toBe("Ein cyfeirnod yw CMP-2026-0042. Nodwch ef os byddwch yn cysylltu â ni, dros y ffôn ar 020 7946 0000 neu drwy e-bost at complaints@example.gov.uk.");
    expect(welsh.closing).toBe("Yn gywir,");
  });
});
