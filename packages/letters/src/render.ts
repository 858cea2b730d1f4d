import { DomainError } from "@complaints/core";
import type { Writable } from "node:stream";
import PDFDocument from "pdfkit";
import { LETTER_KIND_NAMES } from "@complaints/core";
import type { LetterModel, LetterSlot, PostalAddress } from "./model.js";
import {
  A4,
  ADDRESS_BLOCK,
  DL_WINDOW_ON_SHEET,
  LARGE_PRINT,
  PAGE_MARGINS_MM,
  STANDARD_PRINT,
  mm,
  type Typography,
} from "./layout.js";
import { FIXED_WORDS, formatLetterDate, type FixedWords } from "./words.js";
import { say } from "./wording/index.js";
import { describeUndrawable, loadFace, PRIMARY_FACE, textRuns, undrawableCharacters, UndrawableTextError, type LoadedFace, type Weight } from "./scripts.js";

/**
 * Atkinson Hyperlegible Next (SIL Open Font License), designed by the Braille Institute for
 * readers with low vision, with the Welsh ŵ and ŷ that the first Atkinson Hyperlegible lacks.
 * See docs/decisions/0102-letters-font.md. Other scripts are drawn in Noto fallbacks
 * (scripts.ts; decision 0103).
 */
export const LETTER_FONT_FILES = PRIMARY_FACE.files;

const REGULAR = loadFacePrimaryName("regular");
const BOLD = loadFacePrimaryName("bold");
function loadFacePrimaryName(weight: Weight) {
  return `letter-${PRIMARY_FACE.id}-${weight}`;
}
const INK = "#1a1a1a";
const QUIET_INK = "#4a4a4a";
const RULE = "#9a9a9a";
const FOOTER_GAP_ABOVE_RULE = mm(6);
const FOOTER_PADDING = mm(2.5);
const FOOTER_SPACE_BELOW = mm(10);

export interface RenderOptions {
  /** Large print: body text 16 point and up, reflowed over more pages. */
  largePrint?: boolean;
}

export interface LetterDocumentOptions {
  title: string;
  /** BCP 47 tag for the document, "en-GB" unless given. */
  language?: string;
  author?: string;
  subject?: string;
  /** Tagged (accessible) PDF; on unless turned off. Print batches turn it off (see createPrintBatch). */
  tagged?: boolean;
}

export class LetterLayoutError extends DomainError {
  override readonly name = "LetterLayoutError";
  constructor(
    readonly reference: string,
    message: string,
  ) {
    super("LETTER_NOT_POSSIBLE", `Letter ${reference}: ${message}`);
  }
}

/**
 * A pdfkit document set up for letters: A4, pages buffered so that "Page 1 of N" can be written
 * once a letter's length is known, the letter font registered, and the title and language a
 * screen reader announces.
 */
export function createLetterDocument(options: LetterDocumentOptions): PDFKit.PDFDocument {
  const doc = new PDFDocument({
    size: "A4",
    autoFirstPage: false,
    bufferPages: true,
    tagged: options.tagged ?? true,
    lang: options.language ?? "en-GB",
    displayTitle: true,
    pdfVersion: "1.7",
    info: {
      Title: options.title,
      ...(options.author ? { Author: options.author } : {}),
      ...(options.subject ? { Subject: options.subject } : {}),
      Creator: "@complaints/letters",
    },
  });
  registerLetterFonts(doc);
  return doc;
}

/** The fonts each document has been given: fallbacks are registered only when text needs them. */
const registered = new WeakMap<PDFKit.PDFDocument, Set<string>>();

function useFace(doc: PDFKit.PDFDocument, face: LoadedFace) {
  let names = registered.get(doc);
  if (!names) registered.set(doc, (names = new Set()));
  if (names.has(face.name)) return;
  // pdfkit takes a parsed fontkit font as well as bytes: parsed once per process, not per letter.
  doc.registerFont(face.name, face.font as unknown as Buffer);
  names.add(face.name);
}

function registerLetterFonts(doc: PDFKit.PDFDocument) {
  useFace(doc, loadFace(PRIMARY_FACE, "regular"));
  useFace(doc, loadFace(PRIMARY_FACE, "bold"));
}

/**
 * Draws text in the letter font and, for characters it lacks, the fallback that has them, in
 * visual order (scripts.ts). `x` and `y` as pdfkit's `text`; the runs continue one another, so
 * wrapping works across them.
 */
function writeText(doc: PDFKit.PDFDocument, text: string, weight: Weight, size: number, at: { x: number; y: number } | null, options: PDFKit.Mixins.TextOptions) {
  const runs = textRuns(text, weight);
  if (runs.length === 0) runs.push({ face: loadFace(PRIMARY_FACE, weight), text: "" });
  runs.forEach((run, i) => {
    useFace(doc, run.face);
    doc.font(run.face.name, size);
    const opts = runs.length > 1 ? { ...options, continued: i < runs.length - 1 } : options;
    if (i === 0 && at) doc.text(run.text, at.x, at.y, opts);
    else doc.text(run.text, opts);
  });
}

/** The width of text as writeText draws it. */
function widthOfText(doc: PDFKit.PDFDocument, text: string, weight: Weight, size: number): number {
  return textRuns(text, weight).reduce((sum, run) => {
    useFace(doc, run.face);
    return sum + doc.font(run.face.name, size).widthOfString(run.text);
  }, 0);
}

export function letterTitle(model: LetterModel): string {
  return `${model.council.name}: ${model.subject}`;
}

/** Where a letter landed in the document: zero-based index of its first page, and its length. */
export interface RenderedLetter {
  firstPageIndex: number;
  pageCount: number;
}

interface Tagging {
  parent: PDFKit.PDFStructureElement;
}

interface AddressPlan {
  lines: string[];
  size: number;
  lineHeight: number;
}

class LetterWriter {
  private readonly words: FixedWords;
  private readonly left = mm(PAGE_MARGINS_MM.left);
  private readonly width = mm(A4.widthMm - PAGE_MARGINS_MM.left - PAGE_MARGINS_MM.right);
  private tagging: Tagging | undefined;
  private readonly address: AddressPlan;
  /** Tall enough for the "other formats" footer at this letter's print size. */
  private readonly bottomMargin: number;
  /** How to get the letter in another format, as printed at the foot of each page. */
  private readonly otherFormats: string;

  /** Plans the address first, so that a letter that cannot be posted fails before it adds a page. */
  constructor(
    private readonly doc: PDFKit.PDFDocument,
    private readonly model: LetterModel,
    private readonly type: Typography,
  ) {
    this.words = FIXED_WORDS[model.language ?? "en"];
    this.otherFormats = otherFormatsLine(model, type);
    this.address = this.planAddress();
    this.bottomMargin = Math.max(mm(PAGE_MARGINS_MM.bottom), this.footerHeight() + FOOTER_GAP_ABOVE_RULE + FOOTER_SPACE_BELOW);
  }

  private pageOptions() {
    return {
      size: "A4",
      margins: {
        top: mm(PAGE_MARGINS_MM.top),
        bottom: this.bottomMargin,
        left: mm(PAGE_MARGINS_MM.left),
        right: mm(PAGE_MARGINS_MM.right),
      },
    };
  }

  private footerTextWidth() {
    if (this.type === LARGE_PRINT) return this.width;
    const label = this.words.page(888, 888);
    return this.width - this.doc.font(REGULAR, this.type.footer).widthOfString(label) - mm(8);
  }

  /** From the rule to the end of the footer text. */
  private footerHeight() {
    const { doc, type } = this;
    doc.font(REGULAR, type.footer);
    const text = doc.heightOfString(this.otherFormats, { width: this.footerTextWidth(), lineGap: 1 });
    return FOOTER_PADDING + text + (type === LARGE_PRINT ? doc.currentLineHeight(true) : 0);
  }

  /** Draw inside a structure element when the document is tagged, so screen readers get headings and paragraphs. */
  private block(role: string, draw: () => void) {
    if (this.tagging) this.tagging.parent.add(this.doc.struct(role, {}, draw));
    else draw();
  }

  private artifact(draw: () => void) {
    if (!this.tagging) return draw();
    this.doc.markContent("Artifact", { type: "Pagination" });
    draw();
    this.doc.endMarkedContent();
  }

  private remainingOnPage() {
    return this.doc.page.maxY() - this.doc.y;
  }

  private newPageIfLessThan(height: number) {
    if (this.remainingOnPage() < height) this.doc.addPage(this.pageOptions());
  }

  private paragraph(text: string, weight: Weight = "regular", size = this.type.body) {
    this.block("P", () => {
      this.doc.fillColor(INK);
      writeText(this.doc, text, weight, size, { x: this.left, y: this.doc.y }, {
        width: this.width,
        lineGap: this.type.lineGap,
      });
    });
    this.doc.y += this.type.paragraphGap;
  }

  private heading(text: string, role: "H1" | "H2", size: number) {
    // A heading never sits alone at the foot of a page: keep it with two lines of what follows.
    const bodyLine = this.doc.font(REGULAR, this.type.body).currentLineHeight(true) + this.type.lineGap;
    const headingHeight = this.doc.font(BOLD, size).heightOfString(text, { width: this.width, lineGap: this.type.lineGap });
    this.newPageIfLessThan(headingHeight + 2 * bodyLine);
    this.block(role, () => {
      this.doc.fillColor(INK);
      writeText(this.doc, text, "bold", size, { x: this.left, y: this.doc.y }, { width: this.width, lineGap: this.type.lineGap });
    });
    this.doc.y += this.type.paragraphGap / 2;
  }

  private slot(name: LetterSlot) {
    for (const paragraph of this.model.slots?.[name] ?? []) this.paragraph(paragraph.text);
  }

  /** Council name, contact details and the reference block, then the address in the envelope window. */
  private firstPageHead(): number {
    const { doc, model, type, words } = this;
    const council = model.council;
    const reference = [
      `${words.ourReference}: ${model.ourReference}`,
      ...(model.trackingCode ? [`${words.trackingCode}: ${model.trackingCode}`] : []),
      ...(model.yourReference ? [`${words.yourReference}: ${model.yourReference}`] : []),
      `${words.date}: ${formatLetterDate(model.date, model.language ?? "en")}`,
    ];
    const contact = [
      ...council.addressLines,
      `${words.phone}: ${council.phone}`,
      `${words.email}: ${council.email}`,
      `${words.website}: ${council.website}`,
    ];

    this.block("P", () => {
      doc.fillColor(INK);
      writeText(doc, council.name, "bold", type.councilName, { x: this.left, y: mm(14) }, { width: this.width });
    });
    const addressBottom = this.recipientAddress();

    if (type === LARGE_PRINT) {
      // At 16 point the contact column does not fit beside the window, so it follows it at full width.
      doc.y = Math.max(addressBottom, mm(DL_WINDOW_ON_SHEET.topMm + DL_WINDOW_ON_SHEET.heightMm)) + mm(6);
      for (const line of reference) this.paragraphLine(line, type.contact);
      doc.y += mm(3);
      for (const line of contact) this.paragraphLine(line, type.contact);
      return doc.y + mm(6);
    }

    const columnLeft = mm(118);
    const columnWidth = doc.page.width - columnLeft - mm(PAGE_MARGINS_MM.right);
    this.block("P", () => {
      doc.fillColor(QUIET_INK);
      writeText(doc, contact.join("\n"), "regular", type.contact, { x: columnLeft, y: mm(26) }, { width: columnWidth, lineGap: 1.5 });
    });
    doc.y += mm(4);
    this.block("P", () => {
      doc.fillColor(INK);
      writeText(doc, reference.join("\n"), "regular", type.contact + 0.5, { x: columnLeft, y: doc.y }, { width: columnWidth, lineGap: 2 });
    });
    return Math.max(doc.y, addressBottom, mm(DL_WINDOW_ON_SHEET.topMm + DL_WINDOW_ON_SHEET.heightMm)) + mm(10);
  }

  private paragraphLine(text: string, size: number) {
    this.block("P", () => {
      this.doc.fillColor(INK);
      writeText(this.doc, text, "regular", size, { x: this.left, y: this.doc.y }, { width: this.width, lineGap: 1 });
    });
  }

  /**
   * The recipient's name and address go inside the DL window with its clearance. The size steps
   * down until every line fits without wrapping; an address that still does not fit is an error
   * rather than a letter that goes astray.
   */
  private planAddress(): AddressPlan {
    const { doc, model, type } = this;
    const lines = addressLines(model.recipient.name, model.recipient.address);
    const blockWidth = mm(ADDRESS_BLOCK.widthMm);
    const blockHeight = mm(ADDRESS_BLOCK.heightMm);
    for (let size = type.addressMax; size >= type.addressMin; size -= 0.5) {
      doc.font(REGULAR, size);
      const lineHeight = doc.currentLineHeight(true);
      const fits = lines.length * lineHeight <= blockHeight && lines.every((line) => widthOfText(doc, line, "regular", size) <= blockWidth);
      if (fits) return { lines, size, lineHeight };
    }
    throw new LetterLayoutError(
      model.ourReference,
      `the recipient's address (${lines.length} lines) does not fit the envelope window even at ${type.addressMin} point; shorten its lines or use fewer of them.`,
    );
  }

  private recipientAddress(): number {
    const { doc } = this;
    const { lines, size, lineHeight } = this.address;
    this.block("P", () => {
      doc.fillColor(INK);
      lines.forEach((line, index) =>
        writeText(doc, line, "regular", size, { x: mm(ADDRESS_BLOCK.leftMm), y: mm(ADDRESS_BLOCK.topMm) + index * lineHeight }, { lineBreak: false }),
      );
    });
    return mm(ADDRESS_BLOCK.topMm) + lines.length * lineHeight;
  }

  private body() {
    const { model, type, words } = this;
    if (model.onBehalfOf) {
      const person = model.onBehalfOf;
      this.paragraph(`${words.regarding} ${[person.name, ...person.address.lines, person.address.postcode].join(", ")}`, "bold");
    }
    this.heading(model.subject, "H1", type.subject);
    this.paragraph(model.salutation);
    this.slot("opening");
    for (const section of model.sections) {
      if (section.heading) this.heading(section.heading, "H2", type.heading);
      for (const text of section.paragraphs) this.paragraph(text);
    }
    this.slot("body-end");
    this.slot("before-signoff");
    this.signOff();
  }

  private signOff() {
    const { doc, model, type } = this;
    const lineHeight = doc.font(REGULAR, type.body).currentLineHeight(true) + type.lineGap;
    const signatureSpace = mm(type === LARGE_PRINT ? 16 : 13);
    this.newPageIfLessThan(3 * lineHeight + signatureSpace);
    this.paragraph(model.signOff.closing ?? this.words.closing);
    doc.y += signatureSpace - type.paragraphGap;
    this.block("P", () => {
      doc.fillColor(INK);
      writeText(doc, model.signOff.name, "bold", type.body, { x: this.left, y: doc.y }, { width: this.width });
      writeText(doc, model.signOff.jobTitle, "regular", type.body, { x: this.left, y: doc.y }, { width: this.width });
    });
  }

  /** Footer, page numbers and the continuation header, drawn once the letter's length is known. */
  private decoratePages(firstPageIndex: number, pageCount: number) {
    const { doc, model, type, words } = this;
    for (let index = 0; index < pageCount; index++) {
      doc.switchToPage(firstPageIndex + index);
      const page = doc.page;
      const bottomMargin = page.margins.bottom;
      // Text below the bottom margin would make pdfkit start a new page; the footer lives there.
      page.margins.bottom = 0;
      this.artifact(() => {
        const footerTop = page.height - this.bottomMargin + FOOTER_GAP_ABOVE_RULE;
        doc.moveTo(this.left, footerTop).lineTo(this.left + this.width, footerTop).lineWidth(0.5).strokeColor(RULE).stroke();
        const pageLabel = words.page(index + 1, pageCount);
        doc.font(REGULAR, type.footer).fillColor(INK);
        if (type === LARGE_PRINT) {
          doc.text(pageLabel, this.left, footerTop + FOOTER_PADDING, { width: this.width, align: "right", lineBreak: false });
          writeText(doc, this.otherFormats, "regular", type.footer, { x: this.left, y: footerTop + FOOTER_PADDING + doc.currentLineHeight(true) }, {
            width: this.width,
            lineGap: 1,
          });
        } else {
          const labelWidth = doc.widthOfString(pageLabel) + mm(2);
          doc.text(pageLabel, this.left + this.width - labelWidth, footerTop + FOOTER_PADDING, {
            width: labelWidth,
            align: "right",
            lineBreak: false,
          });
          writeText(doc, this.otherFormats, "regular", type.footer, { x: this.left, y: footerTop + FOOTER_PADDING }, { width: this.footerTextWidth(), lineGap: 1 });
        }
        if (index > 0) {
          doc.fillColor(QUIET_INK);
          writeText(doc, `${model.council.name} · ${words.ourReference}: ${model.ourReference}`, "regular", type.footer, { x: this.left, y: mm(12) }, {
            width: this.width,
            lineBreak: false,
          });
        }
      });
      page.margins.bottom = bottomMargin;
    }
  }

  write(tagging: Tagging | undefined): RenderedLetter {
    const { doc } = this;
    this.tagging = tagging;
    doc.addPage(this.pageOptions());
    const firstPageIndex = lastPageIndex(doc);
    const bodyTop = this.firstPageHead();
    doc.y = bodyTop;
    this.body();
    const pageCount = lastPageIndex(doc) - firstPageIndex + 1;
    this.decoratePages(firstPageIndex, pageCount);
    if (lastPageIndex(doc) !== firstPageIndex + pageCount - 1) {
      // pdfkit adds a page when text runs past the margin; a footer that does so would misnumber every page.
      throw new LetterLayoutError(this.model.ourReference, "the footer does not fit at the foot of the page.");
    }
    doc.switchToPage(firstPageIndex + pageCount - 1);
    return { firstPageIndex, pageCount };
  }
}

/**
 * The footer's offer of other formats. A large-print letter does not offer large print (issue
 * 15, letter wording), and a Welsh letter says it in Welsh: both from the wording files, with
 * the council's phone and email. An English standard-print letter prints the council's own
 * sentence from its profile. A council that offers Welsh adds that it welcomes correspondence
 * in Welsh.
 */
function otherFormatsLine(model: LetterModel, type: Typography): string {
  const language = model.language ?? "en";
  const formats =
    type !== LARGE_PRINT && language === "en"
      ? model.council.otherFormats
      : say(language, type === LARGE_PRINT ? "other-formats.large-print" : "other-formats", { phone: model.council.phone, email: model.council.email });
  return model.welcomesWelsh ? `${formats} ${say(language, "welsh-welcome")}` : formats;
}

function addressLines(name: string, address: PostalAddress): string[] {
  return [name, ...address.lines, address.postcode].map((line) => line.trim()).filter((line) => line !== "");
}

function lastPageIndex(doc: PDFKit.PDFDocument) {
  const range = doc.bufferedPageRange();
  return range.start + range.count - 1;
}

export interface RenderIntoOptions extends RenderOptions {
  /**
   * Where the letter's structure goes in a tagged document: by default a new "Document"
   * element; a print batch passes one "Art" element per letter instead.
   */
  structureParent?: PDFKit.PDFStructureElement;
}

/**
 * Writes one letter into a document made by createLetterDocument, starting on a new page. Pages
 * are only numbered once the letter is finished, so the caller may flushPages() afterwards to
 * let them go (a print batch does, to keep memory flat).
 */
export function renderLetterInto(doc: PDFKit.PDFDocument, model: LetterModel, options: RenderIntoOptions = {}): RenderedLetter {
  if (!doc.options.bufferPages) {
    throw new Error("renderLetterInto needs a document with bufferPages: true (use createLetterDocument).");
  }
  // A character no font has would be left out of the letter without a word: refuse it instead,
  // before anything is drawn (issue 20 finding 10).
  const undrawable = undrawableCharacters(model);
  if (undrawable.length > 0) {
    throw new LetterLayoutError(
      model.ourReference,
      `no font the letters embed can draw ${describeUndrawable(undrawable)}. The letter would go out with ${undrawable.length === 1 ? "it" : "them"} missing: remove or replace ${undrawable.length === 1 ? "it" : "them"}, or write the words another way.`,
    );
  }
  registerLetterFonts(doc);
  const writer = new LetterWriter(doc, model, options.largePrint ? LARGE_PRINT : STANDARD_PRINT);
  let tagging: Tagging | undefined;
  if (doc.options.tagged) {
    const parent = options.structureParent ?? doc.struct("Document", { lang: FIXED_WORDS[model.language ?? "en"].pdfLanguage });
    if (!options.structureParent) doc.addStructure(parent);
    tagging = { parent };
  }
  let rendered: RenderedLetter;
  try {
    rendered = writer.write(tagging);
  } catch (error) {
    if (error instanceof UndrawableTextError) throw new LetterLayoutError(model.ourReference, error.message);
    throw error;
  }
  if (tagging && !options.structureParent) tagging.parent.end();
  return rendered;
}

function documentFor(model: LetterModel): PDFKit.PDFDocument {
  return createLetterDocument({
    title: letterTitle(model),
    language: FIXED_WORDS[model.language ?? "en"].pdfLanguage,
    author: model.council.name,
    subject: `${LETTER_KIND_NAMES[model.kind]} ${model.ourReference}`,
  });
}

/** Streams one letter's PDF into `out` and resolves once `out` has accepted all of it. */
export function streamLetterPdf(model: LetterModel, out: Writable, options: RenderOptions = {}): Promise<void> {
  const doc = documentFor(model);
  const finished = new Promise<void>((resolve, reject) => {
    out.once("finish", resolve);
    out.once("error", reject);
    doc.once("error", reject);
  });
  doc.pipe(out);
  try {
    renderLetterInto(doc, model, options);
  } catch (error) {
    doc.unpipe(out);
    out.destroy(error as Error);
    return finished.catch(() => Promise.reject(error));
  }
  doc.end();
  return finished;
}

/** One letter as a tagged A4 PDF. */
export function renderLetterPdf(model: LetterModel, options: RenderOptions = {}): Promise<Buffer> {
  const doc = documentFor(model);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.once("end", () => resolve(Buffer.concat(chunks)));
    doc.once("error", reject);
  });
  try {
    renderLetterInto(doc, model, options);
  } catch (error) {
    return Promise.reject(error);
  }
  doc.end();
  return done;
}

/**
 * A bilingual letter as one PDF: the Welsh letter first, then the same letter in English, each
 * starting on its own page with its own page numbers. The Welsh comes first because a
 * bilingual document must not treat Welsh less favourably than English (Welsh Language
 * Standards, the correspondence standard on Welsh and English versions; the Welsh Language
 * Commissioner's guidance reads it as "Welsh placed to be read first"; decision 0104). The
 * document's language is Welsh; each letter is tagged with its own, so a screen reader
 * switches voice.
 */
export function renderBilingualLetterPdf(welsh: LetterModel, english: LetterModel, options: RenderOptions = {}): Promise<Buffer> {
  if ((welsh.language ?? "en") !== "cy" || (english.language ?? "en") !== "en") {
    return Promise.reject(new LetterLayoutError(welsh.ourReference, "a bilingual letter is a Welsh letter (language cy) and an English one (language en), in that order."));
  }
  if (welsh.kind !== english.kind || welsh.ourReference !== english.ourReference) {
    return Promise.reject(new LetterLayoutError(welsh.ourReference, `the Welsh and English letters must be the same letter (${welsh.kind} ${welsh.ourReference}, ${english.kind} ${english.ourReference}).`));
  }
  const doc = createLetterDocument({
    title: `${letterTitle(welsh)} / ${letterTitle(english)}`,
    language: FIXED_WORDS.cy.pdfLanguage,
    author: welsh.council.name,
    subject: `${LETTER_KIND_NAMES[welsh.kind]} ${welsh.ourReference}`,
  });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    doc.once("end", () => resolve(Buffer.concat(chunks)));
    doc.once("error", reject);
  });
  try {
    const root = doc.struct("Document", { lang: FIXED_WORDS.cy.pdfLanguage });
    doc.addStructure(root);
    for (const model of [welsh, english]) {
      const article = doc.struct("Art", { title: letterTitle(model), lang: FIXED_WORDS[model.language ?? "en"].pdfLanguage });
      root.add(article);
      renderLetterInto(doc, model, { ...options, structureParent: article });
      article.end();
    }
    root.end();
  } catch (error) {
    return Promise.reject(error);
  }
  doc.end();
  return done;
}
