import { PassThrough } from "node:stream";
import { regimeRules } from "../test/regimes.js";
import * as fontkit from "fontkit";
import PDFDocument from "pdfkit";
import { describe, expect, it } from "vitest";
import { readPdf, type PlacedText } from "../test/read-pdf.js";
import { DL_WINDOW_ON_SHEET, LARGE_PRINT } from "./layout.js";
import type { LetterModel } from "./model.js";
import { LETTER_FONT_FILES, LetterLayoutError, letterTitle, renderLetterInto, renderLetterPdf, streamLetterPdf } from "./render.js";
import { longLetter, sampleLetter, typicalStage1Response } from "./sample-letters.js";

const typical = typicalStage1Response();

function insideWindow(item: PlacedText) {
  const window = DL_WINDOW_ON_SHEET;
  const capHeightMm = item.fontSize * 0.75 * (25.4 / 72);
  const descenderMm = item.fontSize * 0.25 * (25.4 / 72);
  return (
    item.xMm >= window.leftMm &&
    item.xMm + item.widthMm <= window.leftMm + window.widthMm &&
    item.baselineMm - capHeightMm >= window.topMm &&
    item.baselineMm + descenderMm <= window.topMm + window.heightMm
  );
}

describe("the DL window (UK DL envelope: 90 × 35 mm window, 20 mm from the left, 15 mm from the bottom)", () => {
  it("falls 20–110 mm across and 49–84 mm down an A4 sheet folded in three", () => {
    expect(DL_WINDOW_ON_SHEET.leftMm).toBe(20);
    expect(DL_WINDOW_ON_SHEET.widthMm).toBe(90);
    expect(DL_WINDOW_ON_SHEET.topMm).toBeCloseTo(49, 5);
    expect(DL_WINDOW_ON_SHEET.topMm + DL_WINDOW_ON_SHEET.heightMm).toBeCloseTo(84, 5);
  });

  it.each([
    ["a resident", typical],
    ["an MP writing for a constituent", sampleLetter("member-enquiry-response", regimeRules("member-enquiry"))],
  ])("prints the recipient's name and address for %s inside the window, and nothing else there", async (_who, model) => {
    const [firstPage] = (await readPdf(await renderLetterPdf(model))).pages;
    const addressLines = [model.recipient.name, ...model.recipient.address.lines, model.recipient.address.postcode];
    const printed = addressLines.map((line) => firstPage?.items.find((item) => item.text === line));
    expect(printed.every((item) => item !== undefined)).toBe(true);
    expect(printed.filter((item) => item && !insideWindow(item))).toEqual([]);
    const othersInWindow = firstPage?.items.filter((item) => insideWindow(item) && !addressLines.includes(item.text));
    expect(othersInWindow).toEqual([]);
  });

  it("keeps a large print letter's address inside the window too", async () => {
    const [firstPage] = (await readPdf(await renderLetterPdf(typical, { largePrint: true }))).pages;
    const postcode = firstPage?.items.find((item) => item.text === typical.recipient.address.postcode);
    expect(postcode && insideWindow(postcode)).toBe(true);
  });

  it("refuses an address too long for the window before writing anything, rather than posting it astray", async () => {
    const model: LetterModel = {
      ...typical,
      recipient: { name: "Ms Ada Lovelace", address: { lines: ["1", "2", "3", "4", "5", "6", "7", "8"], postcode: "EX2 4PQ" } },
    };
    await expect(renderLetterPdf(model)).rejects.toThrow(LetterLayoutError);
    await expect(renderLetterPdf(model)).rejects.toThrow(/COMP-2026-004217: the recipient's address \(10 lines\) does not fit/);
  });
});

describe("what the letter says", () => {
  it("carries the letterhead, reference, date, subject, every section, plugin paragraphs and the sign-off", async () => {
    const pdf = await readPdf(await renderLetterPdf(typical));
    const text = pdf.pages.map((page) => page.text).join("\n").replace(/\n/g, " ");
    const expected = [
      "Example Borough Council",
      "Phone: 020 7946 0000",
      "Email: complaints@example.gov.uk",
      "Our reference: COMP-2026-004217",
      "Date: 23 November 2026",
      typical.subject,
      typical.salutation,
      "We have partly upheld your complaint.",
      "If you are still unhappy",
      "To report a new repair at any time",
      "Yours sincerely",
      "Sam Patel",
      "Repairs Manager",
    ];
    for (const phrase of expected) expect(text).toContain(phrase);
  });

  it("prints the tracking code as a line under our reference when the letter has one", async () => {
    const [page] = (await readPdf(await renderLetterPdf({ ...typical, trackingCode: "7KQ2-M9XD-4RTA" }))).pages;
    expect(page?.text.replace(/\n/g, " ")).toMatch(/Our reference: COMP-2026-004217 Tracking code: 7KQ2-M9XD-4RTA Date:/);
    const [plain] = (await readPdf(await renderLetterPdf(typical))).pages;
    expect(plain?.text).not.toContain("Tracking code");
  });

  it("writes to a representative with the customer in the Re: line", async () => {
    const model = sampleLetter("member-enquiry-response", regimeRules("member-enquiry"));
    const [page] = (await readPdf(await renderLetterPdf(model))).pages;
    expect(page?.text).toContain("Re: Ms Ada Lovelace, Flat 4, Rosewood Court, 12 Station Road, Exampleton, EX2 4PQ");
    expect(page?.text).toContain("Dear Jane Example");
  });

  it("renders £, curly apostrophes and dashes as themselves, with an embedded open font", async () => {
    const model: LetterModel = {
      ...typical,
      sections: [{ element: "remedies", paragraphs: ["We’ll pay £150 – by Friday – and a further £50."] }],
    };
    const pdf = await readPdf(await renderLetterPdf(model));
    expect(pdf.pages[0]?.text).toContain("We’ll pay £150 – by Friday – and a further £50.");
    for (const file of [LETTER_FONT_FILES.regular, LETTER_FONT_FILES.bold]) {
      const font = fontkit.openSync(file);
      if (!("hasGlyphForCodePoint" in font)) throw new Error("expected a single font, not a collection");
      for (const character of "£’‘“”–—ŵŷŴŶ€") expect(font.hasGlyphForCodePoint(character.codePointAt(0) ?? 0), character).toBe(true);
    }
  });

  it("prints Welsh letters with Welsh fixed words and keeps ŵ and ŷ", async () => {
    const model: LetterModel = {
      ...typical,
      language: "cy",
      subject: "Eich cwyn am ŵyl a thŷ",
      salutation: "Annwyl Ms Lovelace",
      signOff: { ...typical.signOff, closing: undefined },
    };
    const pdf = await readPdf(await renderLetterPdf(model));
    const text = pdf.pages.map((page) => page.text).join("\n");
    expect(text).toContain("Eich cwyn am ŵyl a thŷ");
    expect(text).toContain("Dyddiad: 23 Tachwedd 2026");
    expect(text).toContain("Yn gywir");
    expect(text).toContain(`Tudalen 1 o ${pdf.pages.length}`);
    expect(pdf.language).toBe("cy-GB");
  });
});

describe("pages", () => {
  it("numbers every page 'Page n of N' and puts the other-formats footer on every page", async () => {
    const pdf = await readPdf(await renderLetterPdf(longLetter(40)));
    expect(pdf.pages.length).toBeGreaterThanOrEqual(3);
    pdf.pages.forEach((page, index) => {
      const labels = page.items.filter((item) => /^Page \d+ of \d+$/.test(item.text)).map((item) => item.text);
      expect(labels).toEqual([`Page ${index + 1} of ${pdf.pages.length}`]);
      expect(page.text.replace(/\n/g, " ")).toContain("large print, braille, audio or another language");
    });
  });

  it("a typical response runs to two A4 pages", async () => {
    const pdf = await readPdf(await renderLetterPdf(typical));
    expect(pdf.pages.map((page) => [Math.round(page.widthMm), Math.round(page.heightMm)])).toEqual([
      [210, 297],
      [210, 297],
    ]);
    expect(pdf.pages[1]?.text).toContain("Page 2 of 2");
  });

  it("continuation pages repeat the council and our reference at the top", async () => {
    const pdf = await readPdf(await renderLetterPdf(typical));
    const top = pdf.pages[1]?.items.filter((item) => item.baselineMm < 20).map((item) => item.text);
    expect(top).toEqual(["Example Borough Council · Our reference: COMP-2026-004217"]);
  });

  it("a heading is never the last line on a page, wherever the page break falls", async () => {
    const headings = new Set(typical.sections.flatMap((section) => (section.heading ? [section.heading] : [])));
    // One-line paragraphs before the headed sections move the page break through every heading.
    for (let lines = 12; lines <= 26; lines++) {
      const filler = Array.from({ length: lines }, (_, index) => `Line ${index + 1} of the notes.`);
      const model: LetterModel = { ...typical, sections: [{ element: "investigation", paragraphs: filler }, ...typical.sections] };
      const pdf = await readPdf(await renderLetterPdf(model));
      for (const page of pdf.pages) {
        const footerTop = Math.min(...page.items.filter((item) => /^Page \d/.test(item.text)).map((item) => item.baselineMm)) - 8;
        const body = page.items.filter((item) => item.baselineMm > 20 && item.baselineMm < footerTop);
        const last = body.reduce<PlacedText | undefined>((lowest, item) => (!lowest || item.baselineMm > lowest.baselineMm ? item : lowest), undefined);
        expect(last && headings.has(last.text), `${lines} lines: page ends with "${last?.text}"`).toBe(false);
      }
    }
  });
});

describe("large print (RNIB: 16 point and up)", () => {
  it("sets every line outside the envelope window at 16 point or more, and reflows onto more pages", async () => {
    const standard = await readPdf(await renderLetterPdf(typical));
    const large = await readPdf(await renderLetterPdf(typical, { largePrint: true }));
    expect(large.pages.length).toBeGreaterThan(standard.pages.length);
    const sizes = large.pages.flatMap((page, index) =>
      page.items.filter((item) => !(index === 0 && insideWindow(item))).map((item) => item.fontSize),
    );
    expect(Math.min(...sizes)).toBeGreaterThanOrEqual(LARGE_PRINT.body);
    const bodyParagraph = large.pages.flatMap((page) => page.items).find((item) => item.text.startsWith("Sam Patel, Repairs Manager"));
    expect(bodyParagraph?.fontSize).toBeCloseTo(16, 1);
    expect(large.pages.at(-1)?.text).toContain(`Page ${large.pages.length} of ${large.pages.length}`);
  });

  it("standard print sets the body at 11 point", async () => {
    const standard = await readPdf(await renderLetterPdf(typical));
    const bodyParagraph = standard.pages.flatMap((page) => page.items).find((item) => item.text.startsWith("Sam Patel, Repairs Manager"));
    expect(bodyParagraph?.fontSize).toBeCloseTo(11, 1);
  });
});

describe("accessible PDF (tagged, titled, with a language)", () => {
  it("has the letter's title, shown in the viewer's title bar, English (UK) as its language, and is marked as tagged", async () => {
    const pdf = await readPdf(await renderLetterPdf(typical));
    expect(pdf.info["Title"]).toBe(letterTitle(typical));
    expect(pdf.info["Title"]).toBe("Example Borough Council: Our response to your complaint about a roof repair");
    expect(pdf.displayDocTitle).toBe(true);
    expect(pdf.language).toBe("en-GB");
    expect(pdf.marked).toBe(true);
  });

  it("tags the subject as a heading, section headings as subheadings and the text as paragraphs", async () => {
    const pdf = await readPdf(await renderLetterPdf(typical));
    const roles = pdf.pages.flatMap((page) => page.structureRoles);
    expect(roles.filter((role) => role === "H1")).toHaveLength(1);
    expect(roles.filter((role) => role === "H2").length).toBe(typical.sections.filter((section) => section.heading).length);
    expect(roles.filter((role) => role === "P").length).toBeGreaterThan(15);
  });
});

describe("streaming", () => {
  it("streamLetterPdf writes the same letter into any writable stream", async () => {
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await streamLetterPdf(typical, out);
    const pdf = await readPdf(Buffer.concat(chunks));
    expect(pdf.pages).toHaveLength(2);
    expect(pdf.pages[0]?.text).toContain(typical.subject);
  });

  it("streamLetterPdf rejects with the layout error and destroys the output when a letter cannot be laid out", async () => {
    const out = new PassThrough();
    const unpostable: LetterModel = {
      ...typical,
      recipient: { name: "Ms Ada Lovelace", address: { lines: ["1", "2", "3", "4", "5", "6", "7", "8"], postcode: "EX2 4PQ" } },
    };
    await expect(streamLetterPdf(unpostable, out)).rejects.toThrow(LetterLayoutError);
    expect(out.destroyed).toBe(true);
  });

  it("renderLetterInto writes a letter into a caller's pdfkit document and says where it landed", async () => {
    const doc = new PDFDocument({ autoFirstPage: false, bufferPages: true });
    const chunks: Buffer[] = [];
    doc.on("data", (chunk: Buffer) => chunks.push(chunk));
    const ended = new Promise((resolve) => doc.on("end", resolve));
    const first = renderLetterInto(doc, typical);
    const second = renderLetterInto(doc, sampleLetter("acknowledgement", regimeRules("housing")));
    doc.end();
    await ended;
    expect(first).toEqual({ firstPageIndex: 0, pageCount: 2 });
    expect(second).toEqual({ firstPageIndex: 2, pageCount: 1 });
    const pdf = await readPdf(Buffer.concat(chunks));
    expect(pdf.pages.map((page) => page.items.find((item) => /^Page \d/.test(item.text))?.text)).toEqual([
      "Page 1 of 2",
      "Page 2 of 2",
      "Page 1 of 1",
    ]);
  });

  it("renderLetterInto refuses a document that does not buffer pages, since it could not number them", () => {
    const doc = new PDFDocument({ autoFirstPage: false });
    expect(() => renderLetterInto(doc, typical)).toThrow(/bufferPages/);
  });
});
