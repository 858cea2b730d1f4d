/**
 * Every script a resident writes in, drawn or refused (issue 20 finding 10; decision 0103).
 *
 * The letter font (Atkinson Hyperlegible Next, decision 0102) draws Latin only. pdfkit draws a
 * character the font lacks as nothing, so names, addresses and quotations in Chinese, Arabic,
 * Hebrew or emoji vanished from issued, hash-stored letters. Here each piece of text is split
 * into runs, each drawn in the first font that has its characters: the letter font, then Noto
 * Sans (Greek, Cyrillic, Vietnamese), Noto Naskh Arabic, Noto Sans Hebrew, Noto Sans SC/JP/KR
 * (in the order the text's kana or Hangul suggest) and Noto Emoji. Right-to-left text is put in
 * visual order with the Unicode Bidirectional Algorithm (bidi-js) and shaped by fontkit (Arabic
 * joining forms; fontkit lays RTL script runs out right to left). A character no font has is not
 * drawn as nothing: `undrawableCharacters` names it, and the renderer refuses the letter.
 *
 * Cost: fonts are read and parsed once per process, and a fallback only when some text needs
 * it; pdfkit embeds a fallback (subset to the glyphs used) only in a letter that uses it.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bidiModule from "bidi-js";
import type { Bidi } from "bidi-js";
import * as fontkit from "fontkit";
import type { LetterModel } from "./model.js";

const require = createRequire(import.meta.url);

export type Weight = "regular" | "bold";

/** A package's own file: the @embedpdf font packages export only their index, so go from there. */
function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** A Noto face from an @embedpdf font package: `<stem>-Regular` and `<stem>-Bold`. */
function embedpdf(pkg: string, stem: string, extension: "ttf" | "otf"): Record<Weight, string> {
  // Their package.json is not exported; their index is, two folders below the fonts.
  const fonts = path.join(path.dirname(require.resolve(pkg)), "..", "fonts");
  return { regular: path.join(fonts, `${stem}-Regular.${extension}`), bold: path.join(fonts, `${stem}-Bold.${extension}`) };
}

/** An @expo-google-fonts face: `400Regular/<stem>_400Regular.ttf` and its 700 bold. */
function expoFont(pkg: string, stem: string): Record<Weight, string> {
  return { regular: packageFile(pkg, `400Regular/${stem}_400Regular.ttf`), bold: packageFile(pkg, `700Bold/${stem}_700Bold.ttf`) };
}

export interface LetterFace {
  id: string;
  /** Who it is for, as the refusal message and the decision record say. */
  covers: string;
  files: Record<Weight, string>;
}

/** The letter font: Atkinson Hyperlegible Next (decision 0102). */
export const PRIMARY_FACE: LetterFace = {
  id: "atkinson",
  covers: "Latin (English, Welsh, Polish, Romanian, Turkish …)",
  files: expoFont("@expo-google-fonts/atkinson-hyperlegible-next", "AtkinsonHyperlegibleNext"),
};

/** The fallbacks, all Noto (SIL Open Font License 1.1), in the order they are tried. */
export const FALLBACK_FACES: readonly LetterFace[] = [
  {
    id: "noto-sans",
    covers: "Greek, Cyrillic and the rest of Latin (Vietnamese)",
    files: embedpdf("@embedpdf/fonts-latin", "NotoSans", "ttf"),
  },
  {
    id: "noto-naskh-arabic",
    covers: "Arabic, Urdu, Persian",
    files: embedpdf("@embedpdf/fonts-arabic", "NotoNaskhArabic", "ttf"),
  },
  {
    id: "noto-sans-hebrew",
    covers: "Hebrew, Yiddish",
    files: embedpdf("@embedpdf/fonts-hebrew", "NotoSansHebrew", "ttf"),
  },
  {
    id: "noto-sans-sc",
    covers: "Chinese (simplified, GB 2312)",
    files: embedpdf("@embedpdf/fonts-sc", "NotoSansHans", "otf"),
  },
  {
    id: "noto-sans-jp",
    covers: "Japanese (JIS)",
    files: embedpdf("@embedpdf/fonts-jp", "NotoSansJP", "otf"),
  },
  {
    id: "noto-sans-kr",
    covers: "Korean (KS X 1001)",
    files: embedpdf("@embedpdf/fonts-kr", "NotoSansKR", "otf"),
  },
  {
    id: "noto-emoji",
    covers: "emoji (in black and white)",
    files: expoFont("@expo-google-fonts/noto-emoji", "NotoEmoji"),
  },
];

const CJK = ["noto-sans-sc", "noto-sans-jp", "noto-sans-kr"];

/** One parsed font and what it has, kept for the life of the process. */
export interface LoadedFace {
  face: LetterFace;
  weight: Weight;
  /** The pdfkit font name, the same in every document. */
  name: string;
  font: fontkit.Font;
  has(codePoint: number): boolean;
}

const loaded = new Map<string, LoadedFace>();

/** Reads and parses a face once per process (the CJK ones are 4–8 MB: only when text needs them). */
export function loadFace(face: LetterFace, weight: Weight): LoadedFace {
  const name = `letter-${face.id}-${weight}`;
  let entry = loaded.get(name);
  if (!entry) {
    const font = fontkit.create(readFileSync(face.files[weight])) as fontkit.Font;
    const seen = new Map<number, boolean>();
    entry = {
      face,
      weight,
      name,
      font,
      has(codePoint) {
        let yes = seen.get(codePoint);
        if (yes === undefined) seen.set(codePoint, (yes = font.hasGlyphForCodePoint(codePoint)));
        return yes;
      },
    };
    loaded.set(name, entry);
  }
  return entry;
}

/**
 * Characters that draw nothing and need no glyph: variation selectors, joiners, direction marks
 * and embeddings (the bidi algorithm has used them), soft hyphen, BOM. Kept where the run's font
 * has them (an emoji font joins 👍 and 🏽), else left out.
 */
const IGNORABLE = /[\u00AD\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2064\u2066-\u206F\uFE00-\uFE0F\uFEFF\u{E0000}-\u{E0FFF}]/u;
/** Characters that take the font of what they sit beside, if it has them: spaces, punctuation, digits, combining marks, emoji modifiers. */
const NEUTRAL = /[\s\p{P}\p{N}\p{M}\p{Zs}\u{1F3FB}-\u{1F3FF}]/u;
/** Scripts written right to left (Hebrew, Arabic, Syriac, Thaana, N'Ko … and their presentation forms). */
const RTL_SCRIPT = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC\u{10800}-\u{10FFF}\u{1E800}-\u{1EFFF}]/u;
const ARABIC_DIGITS = /^[\u0660-\u0669\u06F0-\u06F9][\u0660-\u0669\u06F0-\u06F9.,\u066B\u066C]+$/u;
const CONTROL = /[\n\r\t]/;
const KANA = /[\u3040-\u30FF\u31F0-\u31FF\uFF66-\uFF9F]/u;
const HANGUL = /[\u1100-\u11FF\u3130-\u318F\uAC00-\uD7AF]/u;

/** The faces to try for this text, in order: the CJK ones as its kana or Hangul suggest. */
function chainFor(text: string, weight: Weight): () => LoadedFace[] {
  let chain: LoadedFace[] | undefined;
  return () => {
    if (!chain) {
      const cjk = HANGUL.test(text) ? ["noto-sans-kr", "noto-sans-jp", "noto-sans-sc"] : KANA.test(text) ? ["noto-sans-jp", "noto-sans-sc", "noto-sans-kr"] : CJK;
      const faces = FALLBACK_FACES.filter((f) => !CJK.includes(f.id));
      const ordered = [...faces.slice(0, 3), ...cjk.map((id) => FALLBACK_FACES.find((f) => f.id === id)!), ...faces.slice(3)];
      chain = ordered.map((face) => loadFace(face, weight));
    }
    return chain;
  };
}

// bidi-js is CommonJS whose module.exports is the factory: Node hands it over as `default`.
const bidiFactory = (bidiModule as unknown as { default: () => Bidi }).default;
let bidi: Bidi | undefined;

/** A piece of text in one font, as handed to pdfkit (which has fontkit shape it). */
export interface TextRun {
  face: LoadedFace;
  text: string;
}

export class UndrawableTextError extends Error {
  override readonly name = "UndrawableTextError";
  constructor(readonly characters: readonly UndrawableCharacter[]) {
    super(`no font can draw ${characters.map(describeCharacter).join("; ")}`);
  }
}

export interface UndrawableCharacter {
  character: string;
  /** "U+E000". */
  codePoint: string;
  /** Where in the letter, in words: "the subject", "the recipient's address", "section “reasons”, paragraph 2". */
  where: string;
}

function describeCharacter(c: UndrawableCharacter): string {
  return `“${c.character}” (${c.codePoint}) in ${c.where}`;
}

function codePointName(codePoint: number): string {
  return `U+${codePoint.toString(16).toUpperCase().padStart(4, "0")}`;
}

/**
 * Splits logical text into font runs. A word goes whole to the letter font if it has all its
 * characters, else to the first fallback that has them all (so "Καλημέρα" or "lỗi" is not drawn
 * in two fonts); failing that, character by character. Spaces and other neutral characters stay
 * with their neighbour's font where it has them.
 */
function fontRuns(text: string, primary: LoadedFace, chain: () => LoadedFace[], regularChain: () => LoadedFace[], missing: number[]): TextRun[] {
  const runs: TextRun[] = [];
  let current: TextRun | undefined;
  const add = (face: LoadedFace, ch: string) => {
    if (current && current.face === face) current.text += ch;
    else runs.push((current = { face, text: ch }));
  };
  const needed = (word: string) => [...word].filter((ch) => !IGNORABLE.test(ch)).map((ch) => ch.codePointAt(0)!);
  for (const word of text.split(/(\s+)/)) {
    if (word === "") continue;
    if (/^\s+$/.test(word)) {
      for (const ch of word) {
        const keep = current && current.face.face.id !== "noto-emoji" && (CONTROL.test(ch) || current.face.has(ch.codePointAt(0)!));
        add(keep ? current!.face : primary, ch);
      }
      continue;
    }
    const points = needed(word);
    const whole = points.every((cp) => primary.has(cp))
      ? primary
      : (chain().find((f) => points.every((cp) => f.has(cp))) ?? regularChain().find((f) => points.every((cp) => f.has(cp))));
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      if (IGNORABLE.test(ch)) {
        if (current?.face.has(cp)) current.text += ch;
        continue;
      }
      let face: LoadedFace | undefined = whole;
      if (!face) {
        if (current && NEUTRAL.test(ch) && current.face.has(cp) && current.face.face.id !== "noto-emoji") face = current.face;
        else if (primary.has(cp)) face = primary;
        // A bold heading in a script whose bold the packages lack is drawn in its regular weight.
        else face = chain().find((f) => f.has(cp)) ?? regularChain().find((f) => f.has(cp));
      }
      if (!face) {
        missing.push(cp);
        continue;
      }
      add(face, ch);
    }
  }
  return runs;
}

/** Characters the letter font draws in both weights, below U+2100: the common case needs no more. */
let plain: Uint8Array | undefined;
function onlyPlain(text: string): boolean {
  if (!plain) {
    plain = new Uint8Array(0x2100);
    const regular = loadFace(PRIMARY_FACE, "regular");
    const bold = loadFace(PRIMARY_FACE, "bold");
    for (let c = 0; c < plain.length; c++) {
      const ch = String.fromCharCode(c);
      if (CONTROL.test(ch) || (!IGNORABLE.test(ch) && !RTL_SCRIPT.test(ch) && regular.has(c) && bold.has(c))) plain[c] = 1;
    }
  }
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x2100 || plain[c] !== 1) return false;
  }
  return true;
}

/**
 * The runs to draw, left to right on the line. Text without right-to-left characters keeps its
 * order. Otherwise the Unicode Bidirectional Algorithm (paragraph direction left to right, as
 * the letter is) gives each character a level; each right-to-left stretch is drawn with its
 * pieces in reverse order, brackets mirrored, and its Arabic or Hebrew runs handed over in
 * logical order, which fontkit shapes and lays out right to left. Numbers inside stay left to
 * right. A stretch that wraps onto a second line keeps this order per stretch, not per line.
 */
export function textRuns(text: string, weight: Weight): TextRun[] {
  const primary = loadFace(PRIMARY_FACE, weight);
  if (onlyPlain(text)) return text === "" ? [] : [{ face: primary, text }];
  const chain = chainFor(text, weight);
  const regularChain = weight === "regular" ? chain : chainFor(text, "regular");
  const missing: number[] = [];
  let runs: TextRun[];
  if (!RTL_SCRIPT.test(text)) {
    runs = fontRuns(text, primary, chain, regularChain, missing);
  } else {
    bidi ??= bidiFactory();
    const { levels } = bidi.getEmbeddingLevels(text, "ltr");
    const mirrored = bidi.getMirroredCharactersMap(text, levels);
    // Level per code point (bidi-js gives one per UTF-16 unit; a surrogate pair shares its level).
    const pointLevels: number[] = [];
    const chars: string[] = [];
    let unit = 0;
    for (const ch of text) {
      pointLevels.push(levels[unit]!);
      chars.push(mirrored.get(unit) ?? ch);
      unit += ch.length;
    }
    // Stretches of one level, then islands of level >= 1 reversed stretch by stretch (rule L2,
    // for the levels a left-to-right letter holds: 0, 1, and 2 for numbers inside).
    const stretches: Array<{ level: number; text: string }> = [];
    chars.forEach((ch, i) => {
      const last = stretches.at(-1);
      if (last && last.level === pointLevels[i]) last.text += ch;
      else stretches.push({ level: pointLevels[i]!, text: ch });
    });
    const ordered: Array<{ rtl: boolean; text: string }> = [];
    for (let i = 0; i < stretches.length; ) {
      if (stretches[i]!.level === 0) {
        ordered.push({ rtl: false, text: stretches[i]!.text });
        i++;
        continue;
      }
      let j = i;
      while (j < stretches.length && stretches[j]!.level > 0) j++;
      for (const s of stretches.slice(i, j).reverse()) ordered.push({ rtl: s.level % 2 === 1, text: s.text });
      i = j;
    }
    runs = [];
    for (const piece of ordered) {
      const pieceRuns = fontRuns(piece.text, primary, chain, regularChain, missing);
      if (!piece.rtl) {
        // Arabic-Indic digits are left to right, but fontkit lays an Arabic-script run out right
        // to left: hand them over reversed so it puts them back.
        for (const run of pieceRuns) runs.push(ARABIC_DIGITS.test(run.text) ? { face: run.face, text: [...run.text].reverse().join("") } : run);
        continue;
      }
      // Right to left: the runs in reverse. fontkit lays out a run in a right-to-left script
      // right to left, but pdfkit hands it over a word at a time (its space going with it), so
      // each word goes as a run of its own, the words and spaces in reverse order. Runs without
      // such a script (spaces, punctuation in the letter font) are reversed here.
      for (const run of pieceRuns.reverse()) {
        if (!RTL_SCRIPT.test(run.text)) {
          runs.push({ face: run.face, text: [...run.text].reverse().join("") });
          continue;
        }
        for (const token of run.text.split(/(\s+)/).reverse()) if (token !== "") runs.push({ face: run.face, text: token });
      }
    }
  }
  if (missing.length > 0)
    throw new UndrawableTextError(
      [...new Set(missing)].map((cp) => ({ character: String.fromCodePoint(cp), codePoint: codePointName(cp), where: "the text" })),
    );
  // Neighbouring runs in one face (after reordering) are drawn as one.
  return runs.reduce<TextRun[]>((out, run) => {
    const last = out.at(-1);
    if (last && last.face === run.face && !RTL_SCRIPT.test(last.text + run.text)) last.text += run.text;
    else out.push({ ...run });
    return out;
  }, []);
}

/** Whether any font can draw the character (or it needs no drawing). */
function drawable(ch: string, chain: () => LoadedFace[], primary: LoadedFace): boolean {
  const cp = ch.codePointAt(0)!;
  return CONTROL.test(ch) || IGNORABLE.test(ch) || primary.has(cp) || chain().some((f) => f.has(cp));
}

/** Every piece of text a letter prints, with where it is, in words. */
export function letterTexts(model: LetterModel): Array<{ where: string; text: string }> {
  const address = (who: string, a: { lines: string[]; postcode: string }) => [...a.lines, a.postcode].map((text) => ({ where: `${who} address`, text }));
  const out: Array<{ where: string; text: string }> = [
    { where: "the council's name", text: model.council.name },
    ...model.council.addressLines.map((text) => ({ where: "the council's address", text })),
    { where: "the council's phone number", text: model.council.phone },
    { where: "the council's email address", text: model.council.email },
    { where: "the council's website", text: model.council.website },
    { where: "the note on other formats", text: model.council.otherFormats },
    { where: "the recipient's name", text: model.recipient.name },
    ...address("the recipient's", model.recipient.address),
    ...(model.onBehalfOf ? [{ where: "the name of the person the letter is about", text: model.onBehalfOf.name }, ...address("the person the letter is about's", model.onBehalfOf.address)] : []),
    { where: "our reference", text: model.ourReference },
    ...(model.yourReference ? [{ where: "your reference", text: model.yourReference }] : []),
    ...(model.trackingCode ? [{ where: "the tracking code", text: model.trackingCode }] : []),
    { where: "the subject", text: model.subject },
    { where: "the greeting", text: model.salutation },
  ];
  for (const [name, paragraphs] of Object.entries(model.slots ?? {}))
    for (const p of paragraphs ?? []) out.push({ where: `the ${name} paragraph “${p.id}”`, text: p.text });
  for (const section of model.sections) {
    if (section.heading) out.push({ where: `the heading of the section “${section.element}”`, text: section.heading });
    section.paragraphs.forEach((text, i) => out.push({ where: `the section “${section.element}”, paragraph ${i + 1}`, text }));
  }
  if (model.signOff.closing) out.push({ where: "the closing", text: model.signOff.closing });
  out.push({ where: "the signatory's name", text: model.signOff.name }, { where: "the signatory's job title", text: model.signOff.jobTitle });
  return out;
}

/**
 * The characters in a letter that no embedded font can draw, each with its code point and where
 * it is: a letter holding any is refused rather than issued with the text missing.
 */
export function undrawableCharacters(model: LetterModel): UndrawableCharacter[] {
  const primary = loadFace(PRIMARY_FACE, "regular");
  const found: UndrawableCharacter[] = [];
  for (const { where, text } of letterTexts(model)) {
    if (onlyPlain(text)) continue;
    const chain = chainFor(text, "regular");
    const seen = new Set<number>();
    for (const ch of text) {
      const cp = ch.codePointAt(0)!;
      if (seen.has(cp) || drawable(ch, chain, primary)) continue;
      seen.add(cp);
      found.push({ character: ch, codePoint: codePointName(cp), where });
    }
  }
  return found;
}

/** "“” (U+E000) in the subject; “𓀀” (U+13000) in the section “reasons”, paragraph 2". */
export function describeUndrawable(characters: readonly UndrawableCharacter[]): string {
  return characters.map(describeCharacter).join("; ");
}
