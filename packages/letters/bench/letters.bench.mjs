// Letter rendering speed and batch memory, against bare pdfkit writing the same text with the
// same font on the same machine in the same run (docs/design.md §7). Runs the built code: `pnpm build`
// first (turbo's bench task depends on build). Usage: node bench/letters.bench.mjs [--letters N]
import { spawn } from "node:child_process";
import { createWriteStream, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import PDFDocument from "pdfkit";
import { LETTER_FONT_FILES, createPrintBatch, renderLetterPdf } from "../dist/index.js";
import { typicalStage1Response } from "../dist/sample-letters.js";

const here = fileURLToPath(import.meta.url);
const argument = (name, fallback) => {
  const index = process.argv.indexOf(name);
  return index === -1 ? fallback : process.argv[index + 1];
};
const BATCH_LETTERS = Number(argument("--letters", "10000"));
const SINGLE_LETTERS = Number(argument("--single", "300"));

/** Everything the renderer prints for one letter, in order, so the baseline writes the same text. */
function letterText(model) {
  const { council, recipient } = model;
  return {
    head: [council.name, ...council.addressLines, `Phone: ${council.phone}`, `Email: ${council.email}`, `Website: ${council.website}`],
    address: [recipient.name, ...recipient.address.lines, recipient.address.postcode],
    refs: [`Our reference: ${model.ourReference}`, "Date: 23 November 2026"],
    body: [
      model.subject,
      model.salutation,
      ...model.sections.flatMap((section) => [...(section.heading ? [section.heading] : []), ...section.paragraphs]),
      ...Object.values(model.slots ?? {}).flatMap((paragraphs) => paragraphs.map((paragraph) => paragraph.text)),
      "Yours sincerely",
      model.signOff.name,
      model.signOff.jobTitle,
    ],
    footer: council.otherFormats,
  };
}

/** The same words, same font, same sizes, written by pdfkit with no layout rules of ours. */
function bareLetterInto(doc, text) {
  doc.addPage({ size: "A4", margins: { top: 74, bottom: 96, left: 57, right: 57 } });
  doc.font("bold", 18).text(text.head[0], 57, 40);
  doc.font("regular", 9.5).text(text.head.slice(1).join("\n"), 334, 74, { width: 204 });
  doc.text(text.refs.join("\n"), 334, doc.y + 10, { width: 204 });
  doc.font("regular", 11).text(text.address.join("\n"), 68, 148, { lineBreak: false });
  doc.y = 270;
  text.body.forEach((paragraph, index) =>
    doc.font(index === 0 ? "bold" : "regular", 11).text(paragraph, 57, doc.y, { width: 481, lineGap: 3, paragraphGap: 8 }),
  );
  doc.font("regular", 9).text(text.footer, 57, doc.y + 8, { width: 440 });
}

// Read once, as the renderer does, so that neither side pays for the disk.
const fontBytes = { regular: readFileSync(LETTER_FONT_FILES.regular), bold: readFileSync(LETTER_FONT_FILES.bold) };

function bareDocument() {
  const doc = new PDFDocument({ autoFirstPage: false, size: "A4" });
  doc.registerFont("regular", fontBytes.regular);
  doc.registerFont("bold", fontBytes.bold);
  return doc;
}

function bareLetterPdf(text) {
  const doc = bareDocument();
  const chunks = [];
  doc.on("data", (chunk) => chunks.push(chunk));
  const done = new Promise((resolve) => doc.on("end", () => resolve(Buffer.concat(chunks))));
  bareLetterInto(doc, text);
  doc.end();
  return done;
}

async function lettersPerSecond(render, count) {
  for (let index = 0; index < 20; index++) await render();
  const started = process.hrtime.bigint();
  for (let index = 0; index < count; index++) await render();
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  return count / seconds;
}

/** Runs in a fresh child process so that its peak RSS is the batch's own. */
async function batchChild(kind, count, file) {
  const model = typicalStage1Response();
  let peakRss = process.memoryUsage().rss;
  const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 25);
  const started = process.hrtime.bigint();
  const out = createWriteStream(file);
  const retainedHeap = [];
  if (kind === "ours") {
    async function* letters() {
      for (let index = 0; index < count; index++) {
        // What stays behind once garbage is collected: the measure of "memory grows with the batch".
        if (global.gc && (index === 1000 || index === count - 1)) {
          global.gc();
          retainedHeap.push({ index, heapUsed: process.memoryUsage().heapUsed });
        }
        const reference = `BENCH-${String(index).padStart(6, "0")}`;
        yield { reference, recipientName: model.recipient.name, model: { ...model, ourReference: reference } };
      }
    }
    await createPrintBatch(letters(), out);
  } else {
    const doc = bareDocument();
    doc.pipe(out);
    const text = letterText(model);
    for (let index = 0; index < count; index++) {
      bareLetterInto(doc, text);
      if (index % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    doc.end();
    await new Promise((resolve) => out.on("finish", resolve));
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  clearInterval(sampler);
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
  const [early, late] = retainedHeap;
  const retainedPerThousand = early && late ? ((late.heapUsed - early.heapUsed) / (late.index - early.index)) * 1000 : null;
  process.stdout.write(JSON.stringify({ seconds, peakRss, bytes: statSync(file).size, retainedPerThousand }));
}

function runChild(kind, count, file) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", here, "--child", kind, "--letters", String(count), "--file", file], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout.on("data", (chunk) => (output += chunk));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(output)) : reject(new Error(`${kind} batch exited ${code}`))));
  });
}

const MB = 1024 * 1024;
const row = (cells) => `| ${cells.join(" | ")} |`;

async function main() {
  const model = typicalStage1Response();
  const text = letterText(model);
  const pages = (await renderLetterPdf(model)).toString("latin1").match(/\/Type \/Page\b/g)?.length ?? 0;

  const oursPerSecond = await lettersPerSecond(() => renderLetterPdf(model), SINGLE_LETTERS);
  const barePerSecond = await lettersPerSecond(() => bareLetterPdf(text), SINGLE_LETTERS);
  const largePerSecond = await lettersPerSecond(() => renderLetterPdf(model, { largePrint: true }), SINGLE_LETTERS);

  const directory = mkdtempSync(path.join(tmpdir(), "letters-bench-"));
  try {
    const ours = await runChild("ours", BATCH_LETTERS, path.join(directory, "ours.pdf"));
    const bare = await runChild("bare", BATCH_LETTERS, path.join(directory, "bare.pdf"));

    const rows = [
      ["figure", "value", "baseline (bare pdfkit)", "ratio", "target", "result"],
      ["---", "---", "---", "---", "---", "---"],
      [
        `single ${pages}-page letter, tagged PDF (letters/s)`,
        oursPerSecond.toFixed(1),
        barePerSecond.toFixed(1),
        `${(oursPerSecond / barePerSecond).toFixed(2)}x`,
        "≥ 0.5x",
        oursPerSecond / barePerSecond >= 0.5 ? "pass" : "FAIL",
      ],
      [
        "single letter, large print (letters/s)",
        largePerSecond.toFixed(1),
        barePerSecond.toFixed(1),
        `${(largePerSecond / barePerSecond).toFixed(2)}x`,
        "(info)",
        "-",
      ],
      [
        `${BATCH_LETTERS.toLocaleString("en-GB")}-letter streaming batch, wall time (s)`,
        ours.seconds.toFixed(1),
        bare.seconds.toFixed(1),
        `${(ours.seconds / bare.seconds).toFixed(2)}x`,
        "≤ 60 s",
        ours.seconds <= 60 ? "pass" : "FAIL",
      ],
      [
        "batch peak RSS (MB)",
        (ours.peakRss / MB).toFixed(0),
        (bare.peakRss / MB).toFixed(0),
        `${(ours.peakRss / bare.peakRss).toFixed(2)}x`,
        "≤ 512 MB",
        ours.peakRss <= 512 * MB ? "pass" : "FAIL",
      ],
      [
        "batch heap kept per 1,000 letters after GC (MB)",
        ours.retainedPerThousand === null ? "n/a" : (ours.retainedPerThousand / MB).toFixed(2),
        "-",
        "-",
        "(info: page tree and xref offsets)",
        "-",
      ],
      [
        "batch PDF size (MB)",
        (ours.bytes / MB).toFixed(1),
        (bare.bytes / MB).toFixed(1),
        `${(ours.bytes / bare.bytes).toFixed(2)}x`,
        "(info)",
        "-",
      ],
    ];
    console.log(`@complaints/letters benchmark — node ${process.version}, ${SINGLE_LETTERS} single letters, ${BATCH_LETTERS} in the batch`);
    console.log(rows.map(row).join("\n"));
    const failed = rows.some((cells) => cells[5] === "FAIL");
    process.exitCode = failed ? 1 : 0;
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

if (process.argv.includes("--child")) {
  await batchChild(argument("--child"), Number(argument("--letters", "10000")), argument("--file"));
} else {
  await main();
}
