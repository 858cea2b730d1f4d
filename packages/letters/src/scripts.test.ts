/**
 * Issue 20 finding 10: letters silently dropped text the font cannot draw (Chinese, Japanese,
 * Korean, Arabic, Hebrew and emoji vanished from issued, hash-stored letters). Each script a
 * resident writes in is drawn from an embedded Noto fallback, right-to-left text in visual order,
 * and a character no font has refuses the letter, naming it (decision 0103).
 */
import { describe, expect, it } from "vitest";
import { readPdf } from "../test/read-pdf.js";
import type { LetterModel } from "./model.js";
import { LetterLayoutError, renderLetterPdf } from "./render.js";
import { typicalStage1Response } from "./sample-letters.js";
import { textRuns, undrawableCharacters } from "./scripts.js";

const typical = typicalStage1Response();

/** What residents write, one line per script, as their words reach a letter (quoted or as names). */
const SCRIPTS: Record<string, string> = {
  English: "We are sorry for the delay.",
  Welsh: "Mae’n ddrwg gennym am yr oedi yn y tŷ ŵyl.",
  Polish: "Przepraszamy za opóźnienie, Łódź, źdźbło.",
  Greek: "Καλημέρα σας",
  Ukrainian: "Дякуємо за терпіння",
  Vietnamese: "Xin lỗi vì sự chậm trễ",
  Arabic: "شكرا لصبركم",
  Urdu: "آپ کے صبر کا شکریہ",
  Hebrew: "תודה על הסבלנות",
  Chinese: "感谢您的耐心等待",
  Japanese: "ご辛抱いただきありがとうございます",
  Korean: "기다려 주셔서 감사합니다",
  Emoji: "👍🏽 😀 ❤️",
};

function withParagraphs(paragraphs: string[]): LetterModel {
  return { ...typical, sections: [{ element: "remedies", paragraphs }, ...typical.sections.slice(1)] };
}

/** The text pdf.js reads back, with pdf.js's own right-to-left reordering undone to words. */
const words = (text: string) => text.split(/\s+/).filter(Boolean);

describe("every script residents write in is drawn (issue 20 finding 10)", () => {
  it("draws each script from a font that has every one of its characters", () => {
    for (const [script, text] of Object.entries(SCRIPTS)) {
      const runs = textRuns(text, "regular");
      const drawn = runs.map((r) => r.text).join("");
      for (const run of runs)
        for (const ch of run.text)
          if (!/[\uFE0F\u200D]/.test(ch)) expect(run.face.has(ch.codePointAt(0)!), `${script}: ${ch} in ${run.face.face.id}`).toBe(true);
      // Nothing left out but the emoji variation selector the font does not need.
      expect([...drawn.replace(/\uFE0F/g, "")].sort(), script).toEqual([...text.replace(/\uFE0F/g, "")].sort());
    }
  });

  it("keeps every script in the issued PDF's text, and no character undrawn", async () => {
    const model = withParagraphs(Object.entries(SCRIPTS).map(([script, text]) => `${script}: ${text}`));
    expect(undrawableCharacters(model)).toEqual([]);
    const pdf = await readPdf(await renderLetterPdf(model));
    const text = pdf.pages.map((p) => p.text).join("\n");
    for (const [script, sample] of Object.entries(SCRIPTS)) {
      if (script === "Emoji") continue;
      for (const word of words(sample)) expect(text, `${script}: ${word}`).toContain(word.replace(/[.,]$/, ""));
    }
    for (const emoji of ["👍", "😀", "❤"]) expect(text).toContain(emoji);
  });

  it("embeds a fallback only in a letter that needs it", async () => {
    const plain = (await renderLetterPdf(typical)).toString("latin1");
    expect(plain).not.toMatch(/Noto/);
    const arabic = (await renderLetterPdf(withParagraphs([`Arabic: ${SCRIPTS.Arabic}`]))).toString("latin1");
    expect(arabic).toMatch(/NotoNaskhArabic/);
    expect(arabic).not.toMatch(/NotoSans(JP|KR|Hans|Hebrew)/);
  });

  it("puts right-to-left words in right-to-left order inside an English sentence, numbers left to right", () => {
    const runs = textRuns("Name: שלום עולם 123 ok", "regular").map((r) => r.text);
    // Drawn left to right: the second Hebrew word first (fontkit lays each word out right to
    // left), and the number that follows them inside their stretch, as a browser shows it (UBA).
    expect(runs.join("|")).toBe("Name: 123| |עולם| |שלום| ok");
    const arabic = textRuns("رقم ١٢٣", "regular").map((r) => r.text);
    // The Arabic-Indic number stays left to right: handed over reversed, as fontkit reverses it back.
    expect(arabic).toEqual(["٣٢١", " ", "رقم"]);
  });
});

describe("a character no font can draw refuses the letter, naming it (issue 20 finding 10)", () => {
  it("names the character, its code point and where it is", async () => {
    const model: LetterModel = {
      ...withParagraphs(["We are sorry.", "Your reference was \uE000 and 𓀀."]),
      recipient: { ...typical.recipient, name: "Ms \u{10FFFD} Lovelace" },
    };
    expect(undrawableCharacters(model)).toEqual([
      { character: "\u{10FFFD}", codePoint: "U+10FFFD", where: "the recipient's name" },
      { character: "\uE000", codePoint: "U+E000", where: "the section “remedies”, paragraph 2" },
      { character: "𓀀", codePoint: "U+13000", where: "the section “remedies”, paragraph 2" },
    ]);
    const refused = renderLetterPdf(model);
    await expect(refused).rejects.toThrow(LetterLayoutError);
    await expect(refused).rejects.toThrow(/“\uE000” \(U\+E000\) in the section “remedies”, paragraph 2; “𓀀” \(U\+13000\)/);
  });

  it("needs no glyph for joiners, variation selectors and direction marks", () => {
    const model = withParagraphs(["A\u200Db\u200E c\uFE0F d\u00AD e\u2069"]);
    expect(undrawableCharacters(model)).toEqual([]);
  });
});
