import { PassThrough } from "node:stream";
import { regimeRules } from "../test/regimes.js";
import { describe, expect, it } from "vitest";
import { readPdf } from "../test/read-pdf.js";
import type { LetterModel } from "./model.js";
import { MANIFEST_HEADER, createPrintBatch, manifestLine, type PrintBatchLetter } from "./print-batch.js";
import { longLetter, sampleLetter, typicalStage1Response } from "./sample-letters.js";

function collect(stream: PassThrough) {
  const chunks: Buffer[] = [];
  stream.on("data", (chunk: Buffer) => chunks.push(chunk));
  return {
    bytes: () => chunks.reduce((total, chunk) => total + chunk.length, 0),
    buffer: () => Buffer.concat(chunks),
  };
}

function batchEntry(reference: string, model: LetterModel): PrintBatchLetter {
  return { reference, recipientName: model.recipient.name, model: { ...model, ourReference: reference } };
}

const onePage = sampleLetter("acknowledgement", regimeRules("housing"));
const twoPages = typicalStage1Response();
const threePages = longLetter(10);

describe("a print batch is one PDF where every letter starts on a new sheet (duplex)", () => {
  it("prints a bilingual letter whole: its Welsh half, then its English half, as one letter of the batch (decision 0104)", async () => {
    const out = new PassThrough();
    const received = collect(out);
    const welsh = { ...onePage, language: "cy" as const, salutation: "Annwyl Ada Lovelace" };
    const result = await createPrintBatch([{ ...batchEntry("B-1", welsh), english: { ...onePage, ourReference: "B-1" } }, batchEntry("B-2", onePage)], out);
    const pdf = await readPdf(received.buffer());
    expect(result).toMatchObject({ letterCount: 2, pageCount: 4, skipped: [] });
    expect(result.manifestCsv).toBe([MANIFEST_HEADER, "B-1,Ms Ada Lovelace,1,2", "B-2,Ms Ada Lovelace,3,1", ""].join("\n"));
    expect(pdf.pages[0]?.text).toContain("Annwyl Ada Lovelace");
    expect(pdf.pages[0]?.text).toContain("Ein cyfeirnod: B-1");
    expect(pdf.pages[1]?.text).toContain("Our reference: B-1");
  });

  it("adds a blank page after a letter with an odd page count and lists each letter's first page in the manifest", async () => {
    const out = new PassThrough();
    const received = collect(out);
    const result = await createPrintBatch(
      [batchEntry("A-1", onePage), batchEntry("A-2", twoPages), batchEntry("A-3", threePages), batchEntry("A-4", onePage)],
      out,
    );
    const pdf = await readPdf(received.buffer());
    const threePageCount = (await readPdf(await import("./render.js").then((render) => render.renderLetterPdf(threePages)))).pages.length;
    expect(threePageCount % 2).toBe(1);

    const expectedPages = 2 + 2 + (threePageCount + 1) + 2;
    expect(pdf.pages).toHaveLength(expectedPages);
    expect(result).toMatchObject({ letterCount: 4, pageCount: expectedPages, sheetCount: expectedPages / 2, skipped: [] });
    expect(result.manifestCsv).toBe(
      [
        MANIFEST_HEADER,
        "A-1,Ms Ada Lovelace,1,1",
        "A-2,Ms Ada Lovelace,3,2",
        `A-3,Ms Ada Lovelace,5,${threePageCount}`,
        `A-4,Ms Ada Lovelace,${5 + threePageCount + 1},1`,
        "",
      ].join("\n"),
    );
    // Blank backs carry nothing; every letter's first page carries its own reference and "Page 1 of n".
    expect(pdf.pages[1]?.items).toEqual([]);
    expect(pdf.pages[5 + threePageCount - 1]?.items).toEqual([]);
    for (const [firstPage, reference, pages] of [
      [1, "A-1", 1],
      [3, "A-2", 2],
      [5, "A-3", threePageCount],
    ] as const) {
      const page = pdf.pages[firstPage - 1];
      expect(page?.text).toContain(`Our reference: ${reference}`);
      expect(page?.text).toContain(`Page 1 of ${pages}`);
    }
  });

  it("streams: bytes reach the output while letters are still being read, for a batch of hundreds", async () => {
    const out = new PassThrough();
    const received = collect(out);
    // Past 500 letters, so that the batch also forgets pdfkit's remembered layouts once on the way.
    const total = 520;
    const bytesWhenAsked: number[] = [];
    async function* letters() {
      for (let index = 0; index < total; index++) {
        bytesWhenAsked.push(received.bytes());
        yield batchEntry(`B-${index}`, index % 2 ? twoPages : onePage);
      }
    }
    const result = await createPrintBatch(letters(), out);
    expect(result.letterCount).toBe(total);
    expect(result.pageCount).toBe(total * 2);
    const finalBytes = received.bytes();
    // Halfway through reading the letters, roughly half the PDF has already been written out.
    expect(bytesWhenAsked[total / 2]).toBeGreaterThan(finalBytes * 0.4);
    expect(bytesWhenAsked[total - 1]).toBeGreaterThan(finalBytes * 0.9);
    const pdf = await readPdf(received.buffer());
    expect(pdf.pages).toHaveLength(total * 2);
    // Rendering and re-reading 1,040 pages takes a while on a busy 2-core CI machine.
  }, 180_000);

  it("waits for a slow output instead of piling the PDF up in memory", async () => {
    const out = new PassThrough({ highWaterMark: 1024 });
    let lettersRead = 0;
    function* letters() {
      for (let index = 0; index < 20; index++) {
        lettersRead += 1;
        yield batchEntry(`C-${index}`, onePage);
      }
    }
    const batch = createPrintBatch(letters(), out);
    // Nobody reads the output yet, so the batch stops after the first letter fills the stream's buffer.
    await new Promise((resolve) => setTimeout(resolve, 400));
    expect(lettersRead).toBeLessThanOrEqual(2);
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    const result = await batch;
    expect(lettersRead).toBe(20);
    expect(result.letterCount).toBe(20);
    expect((await readPdf(Buffer.concat(chunks))).pages).toHaveLength(40);
  });

  it("streams the manifest row by row into a given stream and ends it", async () => {
    const out = new PassThrough();
    collect(out);
    const manifest = new PassThrough();
    const manifestText = collect(manifest);
    const result = await createPrintBatch([batchEntry("D-1", onePage), batchEntry("D-2", twoPages)], out, { manifest });
    expect(result.manifestCsv).toBeUndefined();
    expect(manifest.writableEnded).toBe(true);
    expect(manifestText.buffer().toString()).toBe(`${MANIFEST_HEADER}\nD-1,Ms Ada Lovelace,1,1\nD-2,Ms Ada Lovelace,3,2\n`);
  });

  it("leaves out a letter whose address cannot fit the window, and says so, without breaking the batch", async () => {
    const out = new PassThrough();
    const received = collect(out);
    const unpostable: LetterModel = {
      ...onePage,
      recipient: { name: "Ms Ada Lovelace", address: { lines: ["1", "2", "3", "4", "5", "6", "7", "8"], postcode: "EX2 4PQ" } },
    };
    const result = await createPrintBatch([batchEntry("E-1", onePage), batchEntry("E-2", unpostable), batchEntry("E-3", onePage)], out);
    expect(result.letterCount).toBe(2);
    expect(result.skipped).toEqual([{ reference: "E-2", reason: expect.stringContaining("does not fit the envelope window") }]);
    expect(result.manifestCsv).toBe(`${MANIFEST_HEADER}\nE-1,Ms Ada Lovelace,1,1\nE-3,Ms Ada Lovelace,3,1\n`);
    expect((await readPdf(received.buffer())).pages).toHaveLength(4);
  });

  it("prints a letter in large print when that letter asks for it, and the others at the batch's size", async () => {
    const out = new PassThrough();
    const received = collect(out);
    const { renderLetterPdf } = await import("./render.js");
    const largePages = (await readPdf(await renderLetterPdf(twoPages, { largePrint: true }))).pages.length;
    expect(largePages).toBeGreaterThan(2);
    const result = await createPrintBatch(
      [batchEntry("G-1", twoPages), { ...batchEntry("G-2", twoPages), largePrint: true }, batchEntry("G-3", twoPages)],
      out,
    );
    const largeSheets = largePages + (largePages % 2);
    expect(result.manifestCsv).toBe(
      `${MANIFEST_HEADER}\nG-1,Ms Ada Lovelace,1,2\nG-2,Ms Ada Lovelace,3,${largePages}\nG-3,Ms Ada Lovelace,${3 + largeSheets},2\n`,
    );
    expect((await readPdf(received.buffer())).pages).toHaveLength(2 + largeSheets + 2);
  });

  it("can tag the batch, one article per letter, when an accessible batch is wanted", async () => {
    const out = new PassThrough();
    const received = collect(out);
    await createPrintBatch([batchEntry("F-1", onePage), batchEntry("F-2", onePage)], out, { tagged: true });
    const pdf = await readPdf(received.buffer());
    expect(pdf.marked).toBe(true);
    expect(pdf.pages[0]?.structureRoles).toContain("H1");
  });
});

describe("manifest CSV", () => {
  it("quotes commas and quote marks (RFC 4180) and defuses spreadsheet formulas", () => {
    expect(manifestLine({ reference: "R-1", recipient: 'Smith, "Jo"', firstPage: 1, pages: 2 })).toBe('R-1,"Smith, ""Jo""",1,2');
    expect(manifestLine({ reference: "R-2", recipient: "=HYPERLINK(1)", firstPage: 3, pages: 1 })).toBe("R-2,'=HYPERLINK(1),3,1");
  });
});
