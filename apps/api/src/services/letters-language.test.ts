/**
 * Letters and their emails in the resident's language (issue 15, "Welsh"; the Welsh Language
 * Standards' correspondence standards as docs/decisions/0104-letter-wording-and-welsh.md cites
 * them: write in Welsh to someone who has asked for it; a Welsh version is not treated less
 * favourably than the English, so a bilingual letter puts the Welsh first). The resident's
 * language is the one they used on the public form (decision 0517), honoured only where the
 * council's profile offers Welsh (`correspondence.languages`).
 */
import { execFileSync } from "node:child_process";
import { PassThrough } from "node:stream";
import { startSmtpSink } from "@complaints/vitest-config/smtp";
import { simpleParser } from "mailparser";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouncilProfileInput } from "@complaints/core";
import { caseRepository, letterRepository } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";
import { smtpTransport } from "../notifications/smtp.js";
import { writeBatchPdf } from "./print-batches.js";

type Languages = "english" | "welsh-on-request" | "bilingual";
/** A council by its `correspondence.languages`, named in Welsh so its emails carry ŷ. */
const council = (languages: Languages) => ({ profile: (p: CouncilProfileInput) => ({ ...p, name: "Cyngor Sir Tŷ Ddu", correspondence: { ...p.correspondence, languages } }) });

let ip = 0;
const visitor = (h: Harness) => createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: `192.0.2.${++ip}`, userAgent: "test" } }));

/** The text of a PDF as a reader gets it (poppler's pdftotext, which the CI installs: .ci/run). */
const pdfText = (pdf: Uint8Array) => execFileSync("pdftotext", ["-layout", "-", "-"], { input: Buffer.from(pdf) }).toString("utf8");

/** A complaint made online in `language`, accepted, assigned and acknowledged: the acknowledgement is issued and emailed in the step. */
async function acknowledged(h: Harness, key: string, language: "en" | "cy", fullName = "Elen Ŵyn", byPost = false) {
  const sent = await visitor(h).public.submit({
    kind: "complaint",
    serviceId: "waste",
    description: "Ni chafodd fy min gwyrdd ei wagio dair gwaith yn olynol.",
    desiredOutcome: "Gwagio'r bin.",
    customer: byPost ? { fullName, address: "Tŷ Gwyn\nStryd y Bont", postcode: "SA1 1AA", preferredContact: "post" as const } : { fullName, email: `${key}@example.org`, preferredContact: "email" as const },
    idempotencyKey: key,
    language,
  });
  const record = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!;
  return { reference: sent.reference, caseId: record.id, mailbox: `${key}@example.org`, ...(await acknowledge(h, record.id)) };
}

async function acknowledge(h: Harness, caseId: string) {
  const manager = await h.as("complaints-manager");
  let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
  v = (await manager.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("investigating-officer")! })).version;
  const outcome = await (await h.as("investigating-officer")).command.acknowledge({ caseId, expectedVersion: v });
  expect(outcome.letters[0]).toMatchObject({ kind: "acknowledgement", status: "issued", missing: [] });
  const letterId = outcome.letters[0]!.letterId!;
  const rows = await h.db.db.selectFrom("notifications_outbox").select(["payload"]).where("case_id", "=", caseId).where("kind", "=", "correspondence").orderBy("id").execute();
  const email = rows.map((r) => r.payload as { purpose: string; channel: string; language: string; subject: string; text: string; letterId?: string }).find((p) => p.purpose === "acknowledgement" && p.channel === "email")!;
  const { pdf } = await letterRepository.getLetterPdf(h.db.db, letterId);
  return { letterId, email, letter: pdfText(pdf) };
}

/** What staff see of the letter: the case's letters list and the timeline's letter-issued entry. */
async function seenByStaff(h: Harness, caseId: string) {
  const manager = await h.as("complaints-manager");
  const [listed] = await manager.letters.list({ caseId });
  const issued = (await manager.cases.get({ caseId })).timeline.find((e) => e.type === "letter-issued");
  return { listed: listed!.language, timeline: (issued!.data as { language?: string }).language };
}

describe("a council that writes in Welsh on request (Welsh Language Standards: write in Welsh to someone who has asked)", () => {
  let h: Harness;
  let smtp: Awaited<ReturnType<typeof startSmtpSink>>;
  beforeAll(async () => {
    smtp = await startSmtpSink();
    h = await openHarness({ start: "2026-03-02T09:00:00Z", transport: smtpTransport(smtp.url), ...council("welsh-on-request") });
  });
  afterAll(async () => {
    await h?.close();
    await smtp?.close();
  });

  it("acknowledges a resident who used the Welsh form in Welsh: the email's subject and text, and the letter it carries", async () => {
    const c = await acknowledged(h, "welsh-form", "cy");
    expect(c.email).toMatchObject({ channel: "email", language: "cy", letterId: c.letterId, subject: `Rydym wedi cael eich cwyn (${c.reference})` });
    expect(c.email.text).toMatch(/^Annwyl Elen Ŵyn,\n\nRydym wedi cael eich cwyn ac rydym yn edrych arni\.\n\nMae ein llythyr wedi'i atodi/);
    expect(c.email.text).toContain(`Ein cyfeirnod yw ${c.reference}.`);
    expect(c.email.text).toMatch(/Yn gywir,\n.*\n.*\nCyngor Sir Tŷ Ddu\n$/);
    expect(c.email.text).not.toMatch(/\b(Dear|We|Our|Yours)\b/);
    // The PDF read back is the Welsh letter.
    expect(c.letter).toContain("Annwyl Elen Ŵyn");
    expect(c.letter).toContain("Yn gywir");
    expect(c.letter).not.toMatch(/Dear |Yours sincerely/);
    expect(await seenByStaff(h, c.caseId)).toEqual({ listed: "cy", timeline: "cy" });
  });

  it("writes in English to a resident of the same council who used the English form", async () => {
    const c = await acknowledged(h, "english-form", "en", "Robin Resident");
    expect(c.email).toMatchObject({ language: "en", subject: `We have received your complaint (${c.reference})` });
    expect(c.email.text).toMatch(/^Dear Robin Resident,\n\nWe have received your complaint/);
    // A council that offers Welsh says so in English too (standard 7 of the 2015 set, decision 0104).
    expect(c.email.text).toContain("We welcome correspondence in Welsh.");
    expect(c.letter).toContain("Dear Robin Resident");
    expect(c.letter).not.toContain("Annwyl");
    expect(await seenByStaff(h, c.caseId)).toEqual({ listed: "en", timeline: "en" });
  });

  it("lets the officer choose Welsh and English for one letter, whatever the resident's language: the draft shows both halves and the PDF is Welsh first", async () => {
    const c = await acknowledged(h, "officer-choice", "en", "Robin Resident");
    const manager = await h.as("complaints-manager");
    const draft = await manager.letters.preview({ caseId: c.caseId, kind: "acknowledgement", language: "bilingual" });
    expect(draft).toMatchObject({ language: "bilingual", model: { language: "cy" }, english: { language: "en", subject: "We have received your complaint" } });
    const pdf = await manager.letters.previewPdf({ caseId: c.caseId, kind: "acknowledgement", language: "bilingual" });
    const text = pdfText(Buffer.from(pdf.pdfBase64, "base64"));
    expect(text.indexOf("Dear Robin Resident")).toBeGreaterThan(text.indexOf("Annwyl Robin Resident"));
    expect(text.indexOf("Annwyl Robin Resident")).toBeGreaterThanOrEqual(0);
    // Without a choice, the resident's own language: English.
    expect(await manager.letters.preview({ caseId: c.caseId, kind: "acknowledgement" })).toMatchObject({ language: "en", english: null, model: { language: "en" } });
  });

  it("the Welsh email reaches a real SMTP server in Welsh, ŵ and ŷ intact, with the Welsh letter attached", async () => {
    const c = await acknowledged(h, "welsh-smtp", "cy");
    await h.deps.notifier.deliverPending();
    const parsed = await Promise.all(smtp.received.filter((m) => m.to === c.mailbox).map((m) => simpleParser(m.data)));
    const mail = parsed.find((m) => m.attachments.length > 0)!;
    expect(mail.subject).toBe(`Rydym wedi cael eich cwyn (${c.reference})`);
    expect(mail.text).toBe(c.email.text);
    expect(mail.text).toContain("Annwyl Elen Ŵyn,");
    expect(mail.text).toContain("Cyngor Sir Tŷ Ddu");
    const [attached] = mail.attachments;
    expect(attached!.contentType).toBe("application/pdf");
    expect(pdfText(attached!.content)).toContain("Annwyl Elen Ŵyn");
  });
});

describe("a bilingual council (Welsh Language Standards: the Welsh version not treated less favourably, so read first)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z", ...council("bilingual") });
  });
  afterAll(async () => h?.close());

  it("writes the letter and its email in Welsh, then English, to a resident who used the English form", async () => {
    const c = await acknowledged(h, "bilingual", "en", "Robin Resident");
    expect(c.email).toMatchObject({ language: "cy", subject: `Rydym wedi cael eich cwyn / We have received your complaint (${c.reference})` });
    const [welsh, english] = c.email.text.split("\n---\n\n");
    expect(welsh).toMatch(/^Annwyl Robin Resident,\n\nRydym wedi cael eich cwyn/);
    expect(english).toMatch(/^Dear Robin Resident,\n\nWe have received your complaint/);
    const annwyl = c.letter.indexOf("Annwyl Robin Resident");
    expect(annwyl).toBeGreaterThanOrEqual(0);
    expect(c.letter.indexOf("Dear Robin Resident")).toBeGreaterThan(annwyl);
    expect(await seenByStaff(h, c.caseId)).toEqual({ listed: "bilingual", timeline: "bilingual" });
  });

  it("posts the bilingual letter whole: the print room's batch prints the Welsh letter, then the English", async () => {
    const c = await acknowledged(h, "bilingual-post", "en", "Robin Resident", true);
    await h.deps.notifier.deliverPending();
    const built = await (await h.as("complaints-manager")).letters.printBatch.build({});
    expect(built.letters.map((l) => l.letterId)).toEqual([c.letterId]);
    const out = new PassThrough();
    const chunks: Buffer[] = [];
    out.on("data", (chunk: Buffer) => chunks.push(chunk));
    await writeBatchPdf(createContextInner({ deps: h.deps, principal: null, request: { ip: "192.0.2.250", userAgent: "test" } }), built.batch!.batchId, out);
    const printed = pdfText(Buffer.concat(chunks));
    const annwyl = printed.indexOf("Annwyl Robin Resident");
    expect(annwyl).toBeGreaterThanOrEqual(0);
    expect(printed.indexOf("Dear Robin Resident")).toBeGreaterThan(annwyl);
    expect(built.batch!.pageCount).toBe(2);
  });
});

describe("an English-only council", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z", ...council("english") });
  });
  afterAll(async () => h?.close());

  it("writes in English even to a resident whose stored language is Welsh: it has not undertaken to write in Welsh", async () => {
    const sent = await visitor(h).public.submit({
      kind: "complaint",
      serviceId: "waste",
      description: "My green bin was not emptied three times in a row.",
      desiredOutcome: "Empty the bin.",
      customer: { fullName: "Elen Ŵyn", email: "english-only@example.org", preferredContact: "email" },
      idempotencyKey: "english-only",
      language: "cy",
    });
    const record = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!;
    // Stored as Welsh (a record from before, or a council that since stopped offering Welsh).
    await h.db.db.updateTable("customers").set({ language: "cy" }).where("id", "=", (record.state as { customer: { id: string } }).customer.id).execute();
    const c = await acknowledge(h, record.id);
    expect(c.email).toMatchObject({ language: "en", subject: `We have received your complaint (${sent.reference})` });
    expect(c.email.text).toMatch(/^Dear Elen Ŵyn,/);
    expect(c.email.text).not.toContain("Welsh");
    expect(c.letter).toContain("Dear Elen Ŵyn");
    expect(await seenByStaff(h, record.id)).toEqual({ listed: "en", timeline: "en" });
  });
});
