import type { Writable } from "node:stream";
import type { LetterModel } from "./model.js";
import { LetterLayoutError, createLetterDocument, renderLetterInto, type RenderOptions } from "./render.js";
import { LetterDateError } from "./words.js";

export interface PrintBatchLetter {
  reference: string;
  recipientName: string;
  model: LetterModel;
  /** A bilingual letter's English half, printed after `model`, its Welsh half (decision 0104). */
  english?: LetterModel | null;
  /** This letter in large print; the batch's `largePrint` option when not given. */
  largePrint?: boolean;
}

export interface PrintBatchManifestRow {
  reference: string;
  recipient: string;
  /** One-based page number in the batch PDF where the letter starts. */
  firstPage: number;
  /** The letter's own pages, not counting the blank page added for duplex printing. */
  pages: number;
}

export interface PrintBatchOptions extends RenderOptions {
  /** Receives the CSV manifest row by row, and is ended with the batch. Without it the CSV is returned. */
  manifest?: Writable;
  title?: string;
  /**
   * Off by default: the batch is for the print room, the tagged single-letter PDF is the one kept
   * on the case, and the structure tree is the one part of a PDF that grows with every page.
   */
  tagged?: boolean;
}

export interface SkippedLetter {
  reference: string;
  reason: string;
}

export interface PrintBatchResult {
  letterCount: number;
  /** Pages in the PDF, blank backs included. */
  pageCount: number;
  /** Duplex sheets: every letter starts on a new sheet. */
  sheetCount: number;
  /** Letters that could not be laid out (an address too long for the window, a bad date); nothing of them was printed. */
  skipped: SkippedLetter[];
  /** The CSV manifest, when no manifest stream was given. */
  manifestCsv?: string;
}

export const MANIFEST_HEADER = "reference,recipient,first_page,pages";

/** RFC 4180 quoting, and a leading quote mark on anything a spreadsheet would run as a formula. */
function csvField(value: string | number): string {
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function manifestLine(row: PrintBatchManifestRow): string {
  return [row.reference, row.recipient, row.firstPage, row.pages].map(csvField).join(",");
}

interface WrittenReference {
  data: Record<string, unknown>;
}

/**
 * A PDF's page tree lists every page until the trailer is written, and pdfkit keeps each listed
 * page's dictionary (with its content and resource dictionaries) alive through it. Once a page
 * has been written only its object number is needed to list it, so the dictionaries of pages
 * already flushed are emptied. pdfkit internals: if their shape ever changes, nothing is touched.
 */
function releaseWrittenPages(doc: PDFKit.PDFDocument, pageCount: number) {
  const kids = (doc as unknown as { _root?: { data?: { Pages?: { data?: { Kids?: unknown } } } } })._root?.data?.Pages?.data?.Kids;
  if (!Array.isArray(kids)) return;
  for (const kid of kids.slice(-pageCount) as WrittenReference[]) {
    const contents = kid.data?.["Contents"] as WrittenReference | undefined;
    const resources = kid.data?.["Resources"] as WrittenReference | undefined;
    if (contents?.data) contents.data = {};
    if (resources?.data) resources.data = {};
    if (kid.data) kid.data = {};
  }
}

/**
 * pdfkit remembers the layout of every distinct run of text it has set (each name, address and
 * reference) for the life of the document. Turning that off makes layout ten times slower, so
 * the batch empties the remembered layouts every so often instead: common words are laid out
 * again once, and memory stays bounded. pdfkit internals, touched only if they look as expected.
 */
const LETTERS_BETWEEN_LAYOUT_RESETS = 500;

function forgetFontLayouts(doc: PDFKit.PDFDocument) {
  const families = (doc as unknown as { _fontFamilies?: Record<string, { layoutCache?: unknown }> })._fontFamilies;
  if (!families || typeof families !== "object") return;
  for (const font of Object.values(families)) {
    if (font && typeof font.layoutCache === "object" && font.layoutCache !== null) font.layoutCache = Object.create(null);
  }
}

function writeAndWait(stream: Writable, text: string): Promise<void> | undefined {
  return stream.write(text) ? undefined : new Promise((resolve) => stream.once("drain", resolve));
}

function endAndWait(stream: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.once("error", reject);
    stream.end(() => resolve());
  });
}

/**
 * Writes one print-ready PDF of many letters to `out`, letter by letter: each letter's pages are
 * numbered and flushed to the stream before the next letter is read, and the loop waits whenever
 * `out` asks it to, so memory stays flat however long the batch. Every letter starts on a new
 * sheet when printed on both sides: a letter with an odd number of pages is followed by a blank
 * page. `out` is ended when the batch is done.
 */
export async function createPrintBatch(
  letters: AsyncIterable<PrintBatchLetter> | Iterable<PrintBatchLetter>,
  out: Writable,
  options: PrintBatchOptions = {},
): Promise<PrintBatchResult> {
  const tagged = options.tagged ?? false;
  const doc = createLetterDocument({ title: options.title ?? "Letters for printing", tagged });
  let outputFailure: Error | undefined;
  let drained: Promise<void> | undefined;
  const onOutputError = (error: Error) => (outputFailure = error);
  out.on("error", onOutputError);
  doc.on("data", (chunk: Buffer) => {
    if (!out.write(chunk) && !drained) {
      drained = new Promise((resolve) =>
        out.once("drain", () => {
          drained = undefined;
          resolve();
        }),
      );
    }
  });
  const docEnded = new Promise<void>((resolve, reject) => {
    doc.once("end", resolve);
    doc.once("error", reject);
  });

  const root = tagged ? doc.struct("Document") : undefined;
  if (root) doc.addStructure(root);

  const manifestRows: string[] = [];
  const manifestWaits: Promise<void>[] = [];
  const manifest = (line: string) => {
    if (!options.manifest) return manifestRows.push(line);
    const wait = writeAndWait(options.manifest, `${line}\n`);
    if (wait) manifestWaits.push(wait);
  };
  manifest(MANIFEST_HEADER);

  const result: PrintBatchResult = { letterCount: 0, pageCount: 0, sheetCount: 0, skipped: [] };
  try {
    for await (const letter of letters) {
      if (outputFailure) throw outputFailure;
      const article = root ? doc.struct("Art", { title: letter.reference }) : undefined;
      let rendered;
      try {
        if (article && root) root.add(article);
        rendered = renderLetterInto(doc, letter.model, { largePrint: letter.largePrint ?? options.largePrint, structureParent: article });
      } catch (error) {
        // These are found before the letter adds a page, so the batch is still whole without it.
        if (error instanceof LetterLayoutError || error instanceof LetterDateError) {
          result.skipped.push({ reference: letter.reference, reason: error.message });
          article?.end();
          continue;
        }
        throw error;
      }
      // A bilingual letter's English half follows the Welsh on its own page, as in the issued PDF.
      // Its names and dates are the Welsh half's, so what would refuse it refused the Welsh first.
      if (letter.english) rendered = { ...rendered, pageCount: rendered.pageCount + renderLetterInto(doc, letter.english, { largePrint: letter.largePrint ?? options.largePrint, structureParent: article }).pageCount };
      article?.end();
      manifest(
        manifestLine({
          reference: letter.reference,
          recipient: letter.recipientName,
          firstPage: rendered.firstPageIndex + 1,
          pages: rendered.pageCount,
        }),
      );
      result.letterCount += 1;
      result.pageCount += rendered.pageCount;
      if (rendered.pageCount % 2 === 1) {
        doc.addPage({ size: "A4" });
        result.pageCount += 1;
      }
      doc.flushPages();
      releaseWrittenPages(doc, rendered.pageCount + (rendered.pageCount % 2));
      if (result.letterCount % LETTERS_BETWEEN_LAYOUT_RESETS === 0) forgetFontLayouts(doc);
      // pdfkit hands its output over on the next tick; without a turn of the event loop a batch
      // read from a fast iterable would hold the whole PDF until the end.
      await new Promise((resolve) => setImmediate(resolve));
      const waits = [drained, ...manifestWaits.splice(0)].filter((wait) => wait !== undefined);
      if (waits.length > 0) await Promise.all(waits);
    }
    if (outputFailure) throw outputFailure;
  } catch (error) {
    doc.removeAllListeners("data");
    out.destroy(error as Error);
    options.manifest?.destroy(error as Error);
    throw error;
  }

  root?.end();
  doc.end();
  await docEnded;
  if (drained) await drained;
  await endAndWait(out);
  out.off("error", onOutputError);
  if (options.manifest) await endAndWait(options.manifest);
  result.sheetCount = result.pageCount / 2;
  return options.manifest ? result : { ...result, manifestCsv: `${manifestRows.join("\n")}\n` };
}
