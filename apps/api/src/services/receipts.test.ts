/**
 * Receipts (issue 15, "Receipts"; docs/decisions/0320-resident-channels-and-receipts.md): a
 * resident who complains, escalates or sends their equality form online is sent a receipt on
 * their channel, written in the submission's transaction, with the tracking code only in
 * `payload.trackingCode` ({{trackingCode}} in the text), and it reaches a real SMTP server.
 */
import { startSmtpSink } from "@complaints/vitest-config/smtp";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { caseRepository, organisationRepository } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";
import { startJobs } from "../jobs/runner.js";
import { notifyTransport } from "../notifications/notify.js";
import { smtpTransport } from "../notifications/smtp.js";
import { receiptEmail, receiptSms } from "./receipts.js";

/** A GOV.UK Notify transport (the only one that sends text messages); these tests only queue, never deliver. */
const notifyApiKey = `x-${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}-${"0".repeat(8)}-0000-4000-8000-${"0".repeat(12)}`;
const notify = () =>
  notifyTransport({ apiKey: notifyApiKey, baseUrl: "http://127.0.0.1:9", templates: { email: "0d4f1a52-0b8e-4f5e-9c51-2f3a4b5c6d01", emailWithFile: null, sms: "0d4f1a52-0b8e-4f5e-9c51-2f3a4b5c6d02" } }, 500);

let ip = 0;
const visitor = (h: Harness) => createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: `192.0.2.${++ip}`, userAgent: "test" } }));

type PublicCustomer = { email?: string; phone?: string; address?: string; postcode?: string; preferredContact: "email" | "post" | "both"; textUpdates?: boolean };
const complaint = (key: string, customer: PublicCustomer, description = "My green bin was not emptied on three collection days in a row.") => ({
  kind: "complaint" as const,
  serviceId: "waste",
  description,
  desiredOutcome: null,
  customer: { fullName: "Robin Resident", ...customer },
  idempotencyKey: key,
});

type Row = { kind: string; recipient: Record<string, unknown>; payload: Record<string, unknown>; dedupe_key: string | null };
async function correspondence(h: Harness, reference: string, councilId = h.council.councilId): Promise<Row[]> {
  const record = await caseRepository.findCaseByReference(h.db.db, councilId, reference);
  if (!record) return [];
  const rows = await h.db.db.selectFrom("notifications_outbox").select(["kind", "recipient", "payload", "dedupe_key"]).where("case_id", "=", record.id).where("kind", "=", "correspondence").orderBy("id").execute();
  return rows as unknown as Row[];
}

const COUNCIL = { name: "Exampleton Borough Council", phone: "01632 960000", email: "complaints@exampleton.gov.uk" };

describe("the receipt's words (plain English, the whole text)", () => {
  it("tells a complainant the reference, where the code goes, what happens next and by when", () => {
    const email = receiptEmail({
      for: { what: "complaint", service: "Waste and recycling" },
      name: "Robin Resident",
      reference: "EXB-2026-000123",
      receivedOn: "2026-03-02",
      dates: [
        { what: "We will acknowledge your complaint by", date: "2026-03-09" },
        { what: "We will send you our Stage 1 response by", date: "2026-03-23" },
      ],
      datesExpected: true,
      council: COUNCIL,
      trackUrl: "https://complaints.exampleton.gov.uk/track",
    });
    expect(email.subject).toBe("We have received your complaint: EXB-2026-000123");
    expect(email.text).toBe(
      [
        "Dear Robin Resident,",
        "We received your complaint about Waste and recycling on 2 March 2026.",
        "Your reference is EXB-2026-000123.\nYour tracking code is {{trackingCode}}.\nKeep them safe. You need both to follow your case online.",
        "What happens next\nWe will first check that we can deal with it as a complaint. If we can:\nWe will acknowledge your complaint by 9 March 2026.\nWe will send you our Stage 1 response by 23 March 2026.",
        "Follow your case online at https://complaints.exampleton.gov.uk/track",
        "If you have a question, phone us on 01632 960000 or email complaints@exampleton.gov.uk. Quote your reference.",
        "Exampleton Borough Council",
      ].join("\n\n") + "\n",
    );
  });

  it("fits a text message in a short notice", () => {
    const sms = receiptSms({
      for: { what: "escalation", stage: "Stage 2" },
      name: "Robin Resident",
      reference: "EXB-2026-000123",
      receivedOn: "2026-04-01",
      dates: [{ what: "We will acknowledge your complaint at Stage 2 by", date: "2026-04-08" }],
      datesExpected: false,
      council: COUNCIL,
      trackUrl: "https://complaints.exampleton.gov.uk/track",
    });
    expect(sms.text).toBe(
      "Exampleton Borough Council: we have received your request for Stage 2. Reference EXB-2026-000123, tracking code {{trackingCode}}. We will acknowledge your complaint at Stage 2 by 8 April 2026. https://complaints.exampleton.gov.uk/track",
    );
    expect(sms.text.length).toBeLessThanOrEqual(306); // two SMS parts
  });

  it("thanks for the equality form without the code or any answer", () => {
    const email = receiptEmail({ for: { what: "equality-form" }, name: "Robin Resident", reference: "EXB-2026-000123", receivedOn: "2026-03-03", dates: [], datesExpected: false, council: COUNCIL, trackUrl: "https://x.example/track" });
    expect(email.text).toBe(
      [
        "Dear Robin Resident,",
        "We received your equality monitoring form on 3 March 2026. We keep your answers apart from your complaint. They do not change how we deal with it. Tell us if you want us to delete them.",
        "Your reference is EXB-2026-000123.",
        "Follow your case online at https://x.example/track",
        "If you have a question, phone us on 01632 960000 or email complaints@exampleton.gov.uk. Quote your reference.",
        "Exampleton Borough Council",
      ].join("\n\n") + "\n",
    );
  });
});

describe("the receipt in Welsh (decision 0517)", () => {
  const facts = {
    for: { what: "complaint" as const, service: "Waste and recycling" },
    name: "Olwen Ifans",
    reference: "EXB-2026-000123",
    receivedOn: "2026-03-02",
    dates: [
      { kind: "acknowledge" as const, what: "We will acknowledge your complaint at Stage 1 by", date: "2026-03-09" },
      { kind: "respond" as const, what: "We will send you our Stage 1 response by", date: "2026-03-23" },
    ],
    datesExpected: true,
    council: COUNCIL,
    trackUrl: "https://complaints.exampleton.gov.uk/track",
  };

  it("writes the whole email in Welsh, with Welsh dates, the code's placeholder and the council's own service name", () => {
    const email = receiptEmail(facts, "cy");
    expect(email.subject).toBe("Rydym wedi cael eich cwyn: EXB-2026-000123");
    expect(email.text).toBe(
      [
        "Annwyl Olwen Ifans,",
        "Cawsom eich cwyn am Waste and recycling ar 2 Mawrth 2026.",
        "Eich cyfeirnod yw EXB-2026-000123.\nEich cod olrhain yw {{trackingCode}}.\nCadwch nhw'n ddiogel. Mae angen y ddau arnoch i weld hynt eich achos ar-lein.",
        "Beth sy'n digwydd nesaf\nByddwn yn gwirio yn gyntaf a allwn ei thrin fel cwyn. Os gallwn:\nByddwn yn cydnabod ein bod wedi cael eich cwyn erbyn 9 Mawrth 2026.\nByddwn yn anfon ein hymateb atoch erbyn 23 Mawrth 2026.",
        "Gallwch weld hynt eich achos ar-lein yn https://complaints.exampleton.gov.uk/track",
        "Os oes gennych gwestiwn, ffoniwch ni ar 01632 960000 neu anfonwch e-bost at complaints@exampleton.gov.uk. Nodwch eich cyfeirnod.",
        "Exampleton Borough Council",
      ].join("\n\n") + "\n",
    );
    expect(receiptSms(facts, "cy").text).toBe(
      "Exampleton Borough Council: rydym wedi cael eich cwyn. Cyfeirnod EXB-2026-000123, cod olrhain {{trackingCode}}. Byddwn yn cydnabod ein bod wedi cael eich cwyn erbyn 9 Mawrth 2026. https://complaints.exampleton.gov.uk/track",
    );
  });

  it("writes Welsh first, then English, for a bilingual council", () => {
    const email = receiptEmail(facts, "bilingual");
    expect(email.subject).toBe("Rydym wedi cael eich cwyn: EXB-2026-000123 / We have received your complaint");
    expect(email.text).toBe(`${receiptEmail(facts, "cy").text}\n---\n\n${receiptEmail(facts).text}`);
  });

  it("is sent in Welsh to a resident who used the Welsh form where the council offers Welsh, and in English where it does not", async () => {
    const welsh = await openHarness({ profile: (p) => ({ ...p, correspondence: { ...p.correspondence, languages: "welsh-on-request" } }) });
    const english = await openHarness();
    try {
      for (const [h, expected] of [[welsh, "cy"], [english, "en"]] as const) {
        const sent = await visitor(h).public.submit({ ...complaint("receipt-welsh", { email: "olwen@example.com", preferredContact: "email" }), language: "cy" });
        const [row] = await correspondence(h, sent.reference);
        expect(row!.payload.language).toBe(expected);
        if (expected === "cy") {
          expect(row!.payload.subject).toBe(`Rydym wedi cael eich cwyn: ${sent.reference}`);
          expect(row!.payload.text).toContain("Annwyl Robin Resident,");
          expect(row!.payload.text).toContain(`Eich cyfeirnod yw ${sent.reference}.\nEich cod olrhain yw {{trackingCode}}.`);
        } else {
          expect(row!.payload.text).toContain("Dear Robin Resident,");
        }
      }
    } finally {
      await welsh.close();
      await english.close();
    }
  });

  it("follows the language of the escalation and equality forms too: the page's language is kept on the customer, and that form's receipt is in it", async () => {
    const h = await openHarness({ profile: (p) => ({ ...p, correspondence: { ...p.correspondence, languages: "welsh-on-request" } }) });
    try {
      const sent = await visitor(h).public.submit({ ...complaint("receipt-welsh-later", { email: "olwen@example.com", preferredContact: "email" }), language: "en" });
      const proof = { reference: sent.reference, trackingCode: sent.trackingCode };
      const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
      const language = async () => (await h.db.db.selectFrom("cases").innerJoin("customers", "customers.id", "cases.customer_id").select("customers.language").where("cases.id", "=", caseId).executeTakeFirstOrThrow()).language;
      expect(await language()).toBe("en");

      await visitor(h).public.equality({ ...proof, consent: true, answers: {}, language: "cy" });
      expect(await language()).toBe("cy");
      expect((await correspondence(h, sent.reference)).at(-1)!.payload).toMatchObject({ purpose: "equality-form", language: "cy" });

      const manager = await h.as("complaints-manager");
      await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
      await manager.command.acknowledge({ caseId, expectedVersion: 2 });
      await manager.command.respond({ caseId, expectedVersion: 3, outcome: "not-upheld", reasons: "No fault." });
      const page = await visitor(h).public.track(proof);
      await visitor(h).public.escalate({ ...proof, expectedVersion: page.version, idempotencyKey: "receipt-welsh-escalate", language: "en" });
      expect(await language()).toBe("en");
      expect((await correspondence(h, sent.reference)).at(-1)!.payload).toMatchObject({ purpose: "receipt", stageId: "stage-2", language: "en" });
    } finally {
      await h.close();
    }
  });
});

describe("receipts written with the submission", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ config: { publicUrl: "https://complaints.exampleton.gov.uk" }, transport: notify() });
    // The council's own host name: the receipt links to the council's tracking page there.
    await organisationRepository.setCouncilHosts(h.db.db, h.council.councilId, ["complaints.exampleton.gov.uk"], h.clock.now());
  });
  afterAll(() => h?.close());

  it("sends an online complaint's receipt by email, and a short text when the resident asked for text updates", async () => {
    const sent = await visitor(h).public.submit(complaint("receipt-email-sms", { email: "robin@example.com", phone: "07700 900123", preferredContact: "email", textUpdates: true }));
    const rows = await correspondence(h, sent.reference);
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    expect(rows.map((r) => [r.recipient, r.payload.channel, r.payload.purpose, r.dedupe_key])).toEqual([
      [{ party: "customer", name: "Robin Resident", email: "robin@example.com" }, "email", "receipt", `receipt:${caseId}:-:email`],
      [{ party: "customer", name: "Robin Resident", phone: "07700 900123" }, "sms", "receipt", `receipt:${caseId}:-:sms`],
    ]);
    for (const r of rows) {
      expect(r.payload).toMatchObject({ stageId: null, reference: sent.reference, language: "en", trackingCode: sent.trackingCode });
      // The code is only in payload.trackingCode: the text has the placeholder.
      expect(r.payload.text).toContain("{{trackingCode}}");
      expect(JSON.stringify({ ...r, payload: { ...r.payload, trackingCode: null } })).not.toContain(sent.trackingCode);
    }
    // The council's name and contact details from its profile; the address from the settings.
    expect(rows[0]!.payload.text).toBe(
      [
        "Dear Robin Resident,",
        "We received your complaint about Waste and Recycling on 2 March 2026.",
        `Your reference is ${sent.reference}.\nYour tracking code is {{trackingCode}}.\nKeep them safe. You need both to follow your case online.`,
        "What happens next\nWe will first check that we can deal with it as a complaint. If we can:\nWe will acknowledge your complaint at Stage 1 by 9 March 2026.\nWe will send you our Stage 1 response by 23 March 2026.",
        "Follow your case online at https://complaints.exampleton.gov.uk/track",
        "If you have a question, phone us on 0300 123 4567 or email complaints@example.gov.uk. Quote your reference.",
        "Exampleton Borough Council",
      ].join("\n\n") + "\n",
    );
    expect(rows[1]!.payload.text).toBe(
      `Exampleton Borough Council: we have received your complaint. Reference ${sent.reference}, tracking code {{trackingCode}}. We will acknowledge your complaint at Stage 1 by 9 March 2026. https://complaints.exampleton.gov.uk/track`,
    );
  });

  it("sends no text message where the server cannot send one (SMTP): the email receipt only, not a text that can only fail", async () => {
    const smtp = await openHarness({ transport: smtpTransport("smtp://127.0.0.1:9") });
    try {
      const sent = await visitor(smtp).public.submit(complaint("receipt-no-sms", { email: "robin@example.com", phone: "07700 900123", preferredContact: "email", textUpdates: true }));
      expect((await correspondence(smtp, sent.reference)).map((r) => r.payload.channel)).toEqual(["email"]);
    } finally {
      await smtp.close();
    }
  });

  it("sends no receipt to a resident who wants post only (the confirmation page shows it; the acknowledgement letter follows)", async () => {
    const sent = await visitor(h).public.submit(complaint("receipt-post", { preferredContact: "post", address: "1 High Street\nExampleton", postcode: "EX1 1AA" }));
    expect(await correspondence(h, sent.reference)).toEqual([]);
  });

  it("sends one receipt for one submission, however often it is retried", async () => {
    const form = complaint("receipt-retried", { email: "retry@example.com", preferredContact: "both", address: "2 High Street", postcode: "EX1 1AB" }, "The recycling was left behind again this week.");
    await Promise.all([visitor(h).public.submit(form), visitor(h).public.submit(form), visitor(h).public.submit(form)]);
    const sent = await visitor(h).public.submit(form);
    expect((await correspondence(h, sent.reference)).map((r) => r.payload.channel)).toEqual(["email"]);
  });

  it("writes no receipt when the submission does not commit", async () => {
    // The staff alert about a possible duplicate is written after the receipt, in the same
    // transaction; refusing it makes the whole submission fail after the receipt was queued.
    await visitor(h).public.submit(complaint("receipt-dup-first", { email: "dup@example.com", preferredContact: "email" }, "Overflowing bins on Mill Lane every week"));
    await sql`ALTER TABLE notifications_outbox ADD CONSTRAINT test_no_alerts CHECK (kind <> 'case-notification') NOT VALID`.execute(h.db.db);
    try {
      const failed = await refusal(visitor(h).public.submit(complaint("receipt-dup-second", { email: "dup@example.com", preferredContact: "email" }, "Overflowing bins on Mill Lane again")));
      expect(failed.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await sql`ALTER TABLE notifications_outbox DROP CONSTRAINT test_no_alerts`.execute(h.db.db);
    }
    const receipts = await h.db.db.selectFrom("notifications_outbox").select("payload").where("kind", "=", "correspondence").execute();
    expect(receipts.filter((r) => JSON.stringify(r.payload).includes("Mill Lane again"))).toEqual([]);
    const cases = await h.db.db.selectFrom("cases").select("id").where("description", "=", "Overflowing bins on Mill Lane again").execute();
    expect(cases).toEqual([]);
    expect((await h.db.db.selectFrom("notifications_outbox").select("id").where("dedupe_key", "like", "receipt:%").execute()).length).toBeGreaterThan(0);
  });

  it("sends a receipt when the resident asks for Stage 2 online, with the new stage's dates", async () => {
    const sent = await visitor(h).public.submit(complaint("receipt-escalate", { email: "esc@example.com", preferredContact: "email" }, "Escalation receipt complaint"));
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    const manager = await h.as("complaints-manager");
    await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await manager.command.acknowledge({ caseId, expectedVersion: 2 });
    await manager.command.respond({ caseId, expectedVersion: 3, outcome: "not-upheld", reasons: "The crew emptied the bin each week." });
    const me = visitor(h);
    const page = await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    await me.public.escalate({ reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version, idempotencyKey: "receipt-escalate-now" });
    const rows = (await correspondence(h, sent.reference)).filter((r) => r.payload.purpose === "receipt" && r.payload.stageId !== null);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.dedupe_key).toMatch(new RegExp(`^receipt:${caseId}:stage-2:email:2$`));
    expect(rows[0]!.payload).toMatchObject({ subject: `We have received your request for Stage 2: ${sent.reference}`, trackingCode: sent.trackingCode });
    expect(rows[0]!.payload.text).toContain("We received your request on 2 March 2026 to take your complaint to Stage 2.");
    expect(rows[0]!.payload.text).toMatch(/We will acknowledge your complaint at Stage 2 by \d+ \w+ 2026\./);
  });

  it("thanks the resident for their equality form, only once it is stored", async () => {
    const sent = await visitor(h).public.submit(complaint("receipt-equality", { email: "eq@example.com", preferredContact: "email" }, "Equality receipt complaint"));
    const proof = { reference: sent.reference, trackingCode: sent.trackingCode };
    await refusal(visitor(h).public.equality({ ...proof, consent: true, answers: { sex: "unicorn" } }));
    expect((await correspondence(h, sent.reference)).filter((r) => r.payload.purpose === "equality-form")).toEqual([]);
    await visitor(h).public.equality({ ...proof, consent: true, answers: { age_band: "35-44" } });
    const rows = (await correspondence(h, sent.reference)).filter((r) => r.payload.purpose === "equality-form");
    expect(rows.map((r) => [r.payload.channel, r.payload.subject])).toEqual([["email", `Thank you for your equality monitoring form: ${sent.reference}`]]);
    expect(rows[0]!.payload.trackingCode).toBeUndefined();
    expect(JSON.stringify(rows[0])).not.toContain("35-44");
  });
});

describe("the receipt's tracking link is the council's own", () => {
  it("on a server with two councils: one on its own host name, the other under this server's /c/<slug>", async () => {
    const h = await openHarness({ config: { publicUrl: "https://complaints.example.org" } });
    try {
      const other = await h.addCouncil({ slug: "leeds", name: "Leeds Test Council", referencePrefix: "LDS", hosts: ["complaints.leeds.example"] });
      const asked = (councilSlug: string) => createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: `192.0.2.${++ip}`, userAgent: "test", councilSlug } }));
      const here = await asked("exampleton").public.submit(complaint("receipt-two-councils-a", { email: "a@example.com", preferredContact: "email" }));
      const leeds = await asked("leeds").public.submit(complaint("receipt-two-councils-b", { email: "b@example.com", preferredContact: "email" }));
      const [ours] = await correspondence(h, here.reference);
      const [theirs] = await correspondence(h, leeds.reference, other.councilId);
      expect(ours!.payload.text).toContain("Follow your case online at https://complaints.example.org/c/exampleton/track\n");
      expect(theirs!.payload.text).toContain("Follow your case online at https://complaints.leeds.example/track\n");
    } finally {
      await h.close();
    }
  });
});

describe("a receipt written in the submission's transaction", () => {
  it("reads the council's settings through that transaction: on the embedded database a read outside it waited for it for ever, once the settings were a second old", async () => {
    const h = await openHarness();
    try {
      // The council's cached rules are checked against the database again after a second
      // (councils.ts): let every check find them a second older, as a slow transaction would.
      const now = performance.now.bind(performance);
      let calls = 0;
      const clock = vi.spyOn(performance, "now").mockImplementation(() => now() + ++calls * 1_500);
      const sent = await Promise.race([
        visitor(h).public.submit(complaint("receipt-cold", { email: "cold@example.com", preferredContact: "email" })),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error("the submission waited on itself")), 20_000)),
      ]);
      clock.mockRestore();
      expect((await correspondence(h, sent.reference)).map((r) => r.payload.channel)).toEqual(["email"]);
    } finally {
      vi.restoreAllMocks();
      await h.close();
    }
  });
});

describe("a receipt arrives at the SMTP server", () => {
  it("with the reference and the tracking code in place of its placeholder", async () => {
    const smtp = await startSmtpSink();
    const { received } = smtp;
    const transport = smtpTransport(smtp.url);
    const h = await openHarness({ transport });
    try {
      const sent = await visitor(h).public.submit(complaint("receipt-smtp", { email: "robin@example.com", preferredContact: "email" }));
      const runner = await startJobs(h.deps, { schedule: false });
      await runner.runNow("deliver");
      await runner.stop();
      const mail = received.filter((m) => m.to === "robin@example.com");
      expect(mail).toHaveLength(1);
      const body = mail[0]!.data.replace(/=\r\n/g, "");
      expect(body).toContain(`Subject: We have received your complaint: ${sent.reference}`);
      expect(body).toContain(`Your tracking code is ${sent.trackingCode}.`);
      expect(body).not.toContain("{{trackingCode}}");
    } finally {
      transport.close();
      await h.close();
      await smtp.close();
    }
  });
});
