/**
 * A letter is part of the step (issue 15, docs/decisions/0321-letters-issued-as-part-of-the-step.md):
 * the command drafts its letter, issues it as the person who ran it when its content is
 * complete and sends it on the resident's channel; otherwise it waits as a task for whoever
 * must finish it. A stale letter is never sent.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEventChain } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { finishStepLetters } from "./letters.js";

const emailComplaint = {
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId: "council-tax",
  description: "I was charged twice for March.",
  desiredOutcome: "A refund",
  customer: { fullName: "Jane Smith", email: "jane@example.com", address: "12 Mill Lane\nExampleton", postcode: "EX1 2AB" },
};
const address = { lines: ["3 High Street", "Exampleton"], postcode: "EX3 4CD" };

describe("letters issued as part of the step", () => {
  let h: Harness;
  let io: string;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    io = h.staffIds.get("investigating-officer")!;
  });
  afterAll(async () => h?.close());

  async function assigned(overrides: Record<string, unknown> = {}) {
    const { caseId } = await (await h.as("customer-services")).cases.log({ ...emailComplaint, ...overrides });
    const dcro = await h.as("dcro");
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: io })).version;
    return { caseId, version: v };
  }
  const correspondence = (caseId: string) =>
    h.db.db.selectFrom("notifications_outbox").select(["kind", "recipient", "payload", "dedupe_key", "sent_at"]).where("case_id", "=", caseId).where("kind", "=", "correspondence").orderBy("id").execute();

  it("acknowledging an emailed complaint issues the acknowledgement in the same step and emails it, with the letter, in plain English", async () => {
    const { caseId, version } = await assigned();
    const officer = await h.as("investigating-officer");
    const outcome = await officer.command.acknowledge({ caseId, expectedVersion: version });
    expect(outcome.letters).toEqual([
      {
        outboxId: expect.any(Number),
        kind: "acknowledgement",
        kindName: "acknowledgement",
        status: "issued",
        letterId: expect.any(String),
        sentTo: [{ party: "customer", name: "Jane Smith", email: "jane@example.com", channel: "email" }],
        missing: [],
        reason: null,
      },
    ]);
    const letterId = outcome.letters[0]!.letterId!;
    const detail = await officer.cases.get({ caseId });
    const rows = await correspondence(caseId);
    expect(rows).toEqual([
      {
        kind: "correspondence",
        recipient: { party: "customer", name: "Jane Smith", email: "jane@example.com" },
        payload: {
          channel: "email",
          purpose: "acknowledgement",
          letterKind: "acknowledgement",
          stageId: "stage-1",
          reference: detail.reference,
          language: "en",
          subject: `We have received your complaint (${detail.reference})`,
          text: expect.stringContaining("Our letter is attached to this email."),
          letterId,
        },
        dedupe_key: `acknowledgement:${caseId}:stage-1:email:${outcome.letters[0]!.outboxId}`,
        sent_at: null,
      },
    ]);
    const text = (rows[0]!.payload as { text: string }).text;
    const due = detail.dueDates.find((d) => d.id === "stage-1#1.respond")!.date;
    expect(text).toMatch(/^Dear Jane Smith,\n\nWe have received your complaint and we are looking into it\.\n\n/);
    expect(text).toContain(`We will send you our full response by ${new Date(`${due}T12:00:00Z`).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" })}.`);
    // Issued by the person who ran the step, recorded in the case's chain; nothing left waiting.
    expect(detail.timeline.find((e) => e.type === "letter-issued")).toMatchObject({ actor: { id: io }, data: { letterId, kind: "acknowledgement", sentBy: ["email"] } });
    expect(detail.lettersWaiting).toEqual([]);
    expect(detail.correspondence).toMatchObject([{ channel: "email", letterId, to: { name: "Jane Smith", email: "jane@example.com" }, status: "queued" }]);
    expect(await officer.letters.pending({ caseId })).toEqual([]);
    expect(await verifyEventChain(h.db.db, caseId)).toMatchObject({ ok: true });
  });

  it("a complaint made by phone is answered by post: the post row carries the letter, and puts it in the print room's queue", async () => {
    const { caseId, version } = await assigned({ channel: "phone" });
    const outcome = await (await h.as("investigating-officer")).command.acknowledge({ caseId, expectedVersion: version });
    expect(outcome.letters[0]).toMatchObject({ status: "issued", sentTo: [{ channel: "post", email: null }] });
    const rows = await correspondence(caseId);
    expect(rows.map((r) => [r.recipient, (r.payload as { channel: string }).channel, (r.payload as { letterId: string }).letterId])).toEqual([
      [{ party: "customer", name: "Jane Smith" }, "post", outcome.letters[0]!.letterId],
    ]);
    // Issuing itself asks for no post; the post row does (the sender's part, decision 0318).
    const detail = await (await h.as("dcro")).cases.get({ caseId });
    expect(detail.timeline.find((e) => e.type === "letter-issued")?.data).toMatchObject({ byPost: false, sentBy: ["post"] });
    await h.deps.notifier.deliverPending();
    const listed = await (await h.as("dcro")).letters.list({ caseId });
    expect(listed.map((l) => [l.letterId, l.posting?.status])).toEqual([[outcome.letters[0]!.letterId, "waiting"]]);
  });

  it("customer services acknowledge and issue the letter because they ran the step, though they may not write letters otherwise", async () => {
    const cs = await h.as("customer-services");
    const { caseId, version } = await assigned();
    const outcome = await cs.command.acknowledge({ caseId, expectedVersion: version });
    expect(outcome.letters[0]).toMatchObject({ status: "issued" });
    const detail = await cs.cases.get({ caseId });
    expect(detail.timeline.find((e) => e.type === "letter-issued")?.actor.id).toBe(h.staffIds.get("customer-services"));

    // A letter of their step that waits (no postal address for a phone complaint): still theirs to finish.
    const phone = await assigned({ channel: "phone", customer: { fullName: "Bo Jones", phone: "0113 496 0000" } });
    const waiting = await cs.command.acknowledge({ caseId: phone.caseId, expectedVersion: phone.version });
    expect(waiting.letters[0]).toMatchObject({ status: "waiting", missing: ["the customer's postal address (add it to their record, or give it for this letter)"] });
    expect((await refusal(cs.letters.issue({ caseId: phone.caseId, kind: "acknowledgement", customerAddress: address }))).code).toBe("FORBIDDEN");
    const issued = await cs.letters.issue({ caseId: phone.caseId, outboxId: waiting.letters[0]!.outboxId, customerAddress: address });
    expect(issued).toMatchObject({ settledOutboxId: waiting.letters[0]!.outboxId, sentTo: [{ channel: "post" }] });
  });

  it("a letter waiting for an address goes as soon as staff add the address to the resident's record, as the person who ran the step", async () => {
    const cs = await h.as("customer-services");
    const phone = await assigned({ channel: "phone", customer: { fullName: "Cy Brown", phone: "0113 496 0001" } });
    const waiting = await cs.command.acknowledge({ caseId: phone.caseId, expectedVersion: phone.version });
    expect(waiting.letters[0]).toMatchObject({ status: "waiting" });
    expect((await cs.cases.get({ caseId: phone.caseId })).lettersWaiting).toHaveLength(1);

    // Only a phone number yet: still nobody to post it to, and it keeps waiting, saying why.
    const noAddress = await cs.cases.updateContact({ caseId: phone.caseId, party: "customer", details: { phone: "0113 496 0001", note: "Phoned back" } });
    expect(noAddress.letters).toEqual([{ kindName: "acknowledgement", status: "waiting", missing: ["the customer's postal address (add it to their record, or give it for this letter)"] }]);

    const saved = await (await h.as("investigating-officer")).cases.updateContact({
      caseId: phone.caseId,
      party: "customer",
      details: { contactChannel: "post", phone: "0113 496 0001", address: "3 High Street\nExampleton", postcode: "EX3 4CD", smsConsent: false },
    });
    expect(saved.letters).toEqual([{ kindName: "acknowledgement", status: "issued", missing: [] }]);
    const detail = await cs.cases.get({ caseId: phone.caseId });
    expect(detail.lettersWaiting).toEqual([]);
    // Issued by whoever ran the step, not by whoever added the address.
    expect(detail.timeline.find((e) => e.type === "letter-issued")?.actor.id).toBe(h.staffIds.get("customer-services"));
    const rows = await correspondence(phone.caseId);
    expect(rows.map((r) => [r.recipient, (r.payload as { channel: string }).channel])).toEqual([[{ party: "customer", name: "Cy Brown" }, "post"]]);
    await h.deps.notifier.deliverPending();
    const posted = await (await h.as("dcro")).letters.list({ caseId: phone.caseId });
    expect(posted.map((l) => l.posting?.status)).toEqual(["waiting"]);
  });

  it("a letter that needs the officer's words waits as a task in the handler's queue, saying what is missing; given in the step's form, it goes at once", async () => {
    const { caseId, version } = await assigned();
    const officer = await h.as("investigating-officer");
    let v = (await officer.command.acknowledge({ caseId, expectedVersion: version })).version;
    const asked = await officer.command.requestInformation({ caseId, expectedVersion: v, id: "bank-statement", from: "customer", what: "your bank statement for March" });
    expect(asked.letters).toMatchObject([{ kind: "information-request", status: "waiting", missing: ["what happens if we do not get it"], letterId: null }]);
    const reference = (await officer.cases.get({ caseId })).reference;
    const task = {
      outboxId: asked.letters[0]!.outboxId,
      kind: "information-request",
      text: `Write the request for information letter for ${reference} (missing: what happens if we do not get it)`,
      href: `/cases/${caseId}/letters/${asked.letters[0]!.outboxId}`,
    };
    expect((await officer.queues.mine({ limit: 100 })).items.find((i) => i.id === caseId)?.letterTasks).toEqual([task]);
    expect((await officer.cases.get({ caseId })).lettersWaiting).toEqual([task]);

    // The officer's words typed in the step's form complete the letter: it is issued with the step.
    v = asked.version;
    const words = { sections: [{ element: "consequences-of-no-reply" as const, paragraphs: ["If we do not hear from you by 20 March, we will decide on what we have."] }] };
    const again = await officer.command.requestInformation({ caseId, expectedVersion: v, id: "tenancy", from: "customer", what: "your tenancy agreement", letter: words });
    expect(again.letters).toMatchObject([{ kind: "information-request", status: "issued", sentTo: [{ channel: "email" }] }]);
  });

  it("the step's form says what it will send, to whom and how, and the words each letter needs", async () => {
    const { caseId } = await assigned();
    const officer = await h.as("investigating-officer");
    expect(await officer.letters.forStep({ caseId, command: "acknowledge" })).toEqual([
      { kind: "acknowledgement", kindName: "acknowledgement", when: null, recipients: [{ party: "customer", name: "Jane Smith", email: "jane@example.com", channel: "email" }], addressMissing: false, words: [], waitsFor: [] },
    ]);
    const info = await officer.letters.forStep({ caseId, command: "request-information" });
    expect(info.map((l) => [l.kind, l.when, l.words.map((w) => w.element)])).toEqual([["information-request", "when you ask the customer", ["consequences-of-no-reply"]]]);
    expect(await officer.letters.forStep({ caseId, command: "assign" })).toEqual([]);
  });

  it("the step's form says when its letter will wait whatever is typed: an acknowledgement must name who deals with the complaint, and nobody is assigned", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log(emailComplaint);
    const dcro = await h.as("dcro");
    const version = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    const [plan] = await dcro.letters.forStep({ caseId, command: "acknowledge" });
    expect(plan!.waitsFor).toEqual(["someone assigned to deal with the complaint (assign it first)"]);
    const outcome = await dcro.command.acknowledge({ caseId, expectedVersion: version });
    expect(outcome.letters).toMatchObject([{ kind: "acknowledgement", status: "waiting", missing: ["who is dealing with the complaint"] }]);
  });

  describe("a stale letter cannot be issued, and the pending letter is withdrawn with the reason", () => {
    const waitingAck = async () => {
      const c = await assigned({ channel: "phone", customer: { fullName: "Bo Jones", phone: "0113 496 0000" } });
      const outcome = await (await h.as("investigating-officer")).command.acknowledge({ caseId: c.caseId, expectedVersion: c.version });
      expect(outcome.letters[0]!.status).toBe("waiting");
      return { ...c, version: outcome.version, outboxId: outcome.letters[0]!.outboxId };
    };
    const withdrawn = async (outboxId: number) =>
      h.db.db.selectFrom("notifications_outbox").select(["failed_at", "last_error", "sent_at"]).where("id", "=", outboxId).executeTakeFirstOrThrow();

    it("the step that makes a waiting letter stale withdraws it, saying why; it cannot be issued after", async () => {
      const c = await waitingAck();
      const manager = await h.as("complaints-manager");
      await manager.command.respond({ caseId: c.caseId, expectedVersion: c.version, outcome: "upheld", reasons: "We charged you twice." });
      expect(await withdrawn(c.outboxId)).toMatchObject({ sent_at: null, failed_at: expect.any(Date), last_error: "Withdrawn: This acknowledgement cannot be sent: Stage 1 has already been responded to" });
      expect((await manager.letters.pending({ caseId: c.caseId })).map((p) => p.kind)).not.toContain("acknowledgement");
      expect((await manager.cases.get({ caseId: c.caseId })).lettersWaiting.map((t) => t.kind)).not.toContain("acknowledgement");
      const refused = await refusal(manager.letters.issue({ caseId: c.caseId, outboxId: c.outboxId, customerAddress: address }));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.client.message).toBe("This letter was withdrawn (This acknowledgement cannot be sent: Stage 1 has already been responded to); it will not be sent");
    });

    it("the case has closed: an acknowledgement is refused, naming the rule", async () => {
      const c = await waitingAck();
      const manager = await h.as("complaints-manager");
      const v = (await manager.command.respond({ caseId: c.caseId, expectedVersion: c.version, outcome: "upheld", reasons: "We charged you twice." })).version;
      await manager.command.close({ caseId: c.caseId, expectedVersion: v });
      const refused = await refusal(manager.letters.issue({ caseId: c.caseId, kind: "acknowledgement", customerAddress: address }));
      expect(refused.code).toBe("CONFLICT");
      expect(refused.client.refusal).toMatchObject({ code: "LETTER_STALE", message: "This acknowledgement cannot be sent: the case is closed", rule: expect.stringContaining("0321") });
      expect((await manager.letters.list({ caseId: c.caseId })).map((l) => l.kind)).not.toContain("acknowledgement");
    });

    it("a date it promises has passed", async () => {
      const c = await waitingAck();
      const due = (await (await h.as("dcro")).cases.get({ caseId: c.caseId })).dueDates.find((d) => d.id === "stage-1#1.respond")!.date;
      const before = h.clock.now().toISOString();
      h.clock.set(`${due}T12:00:00Z`);
      h.clock.advance(24 * 3600_000);
      try {
        const refused = await refusal((await h.as("dcro")).letters.issue({ caseId: c.caseId, outboxId: c.outboxId, customerAddress: address }));
        expect(refused.client.refusal?.message).toBe(`This acknowledgement cannot be sent: it would promise a response by ${due}, which has passed`);
        expect((await withdrawn(c.outboxId)).failed_at).not.toBeNull();
      } finally {
        h.clock.set(before);
      }
    });

    it("the stage has moved on since the letter was asked for", async () => {
      const c = await assigned({ channel: "phone", customer: { fullName: "Bo Jones", phone: "0113 496 0000" } });
      const officer = await h.as("investigating-officer");
      const v = (await officer.command.acknowledge({ caseId: c.caseId, expectedVersion: c.version })).version;
      const responded = await officer.command.respond({ caseId: c.caseId, expectedVersion: v, outcome: "not-upheld", reasons: "The charge was right." });
      const response = responded.letters.find((l) => l.kind === "stage-1-response")!;
      expect(response.status).toBe("waiting");
      await (await h.as("dcro")).command.escalate({ caseId: c.caseId, expectedVersion: responded.version, reason: "It was not right." });
      expect((await withdrawn(response.outboxId)).last_error).toBe("Withdrawn: This Stage 1 response cannot be sent: the case has moved on from Stage 1 to Stage 2");
      const refused = await refusal((await h.as("dcro")).letters.issue({ caseId: c.caseId, outboxId: response.outboxId, customerAddress: address }));
      expect(refused.code).toBe("CONFLICT");
      // Asked for by kind, the guard itself refuses it.
      const byKind = await refusal((await h.as("dcro")).letters.issue({ caseId: c.caseId, kind: "stage-1-response", stageId: "stage-1", customerAddress: address }));
      expect(byKind.client.refusal).toMatchObject({ code: "LETTER_STALE", message: "This Stage 1 response cannot be sent: the case has moved on from Stage 1 to Stage 2" });
    });
  });

  it("a pending letter is settled only by a letter about its own stage: another stage is a bad request, and the letter still waits", async () => {
    const c = await assigned({ channel: "phone", customer: { fullName: "Bo Jones", phone: "0113 496 0000" } });
    const officer = await h.as("investigating-officer");
    const v = (await officer.command.acknowledge({ caseId: c.caseId, expectedVersion: c.version })).version;
    const responded = await officer.command.respond({ caseId: c.caseId, expectedVersion: v, outcome: "not-upheld", reasons: "The charge was right." });
    const escalated = await (await h.as("dcro")).command.escalate({ caseId: c.caseId, expectedVersion: responded.version, reason: "It was not right." });
    const acknowledged = await (await h.as("dcro")).command.acknowledge({ caseId: c.caseId, expectedVersion: escalated.version });
    const ack = acknowledged.letters.find((l) => l.kind === "escalation-acknowledgement")!;
    expect(ack.status).toBe("waiting");
    const refused = await refusal((await h.as("dcro")).letters.issue({ caseId: c.caseId, outboxId: ack.outboxId, stageId: "stage-1", customerAddress: address }));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.client.message).toBe("The pending letter is about Stage 2, not Stage 1");
    expect((await (await h.as("dcro")).letters.pending({ caseId: c.caseId })).map((p) => p.outboxId)).toContain(ack.outboxId);
    expect((await (await h.as("dcro")).letters.list({ caseId: c.caseId })).map((l) => l.kind)).not.toContain("escalation-acknowledgement");
  });

  it("a failure after the step committed (noting what the letter lacks) does not turn the saved step into an error: the letter is reported waiting", async () => {
    const c = await assigned({ channel: "phone", customer: { fullName: "Bo Jones", phone: "0113 496 0000" } });
    // The database refuses the note of what the letter lacks, as it would if it went away then.
    await sql`CREATE FUNCTION refuse_missing_note() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.payload ? 'missing' AND NOT OLD.payload ? 'missing' THEN RAISE EXCEPTION 'the database went away'; END IF; RETURN NEW; END $$`.execute(h.db.db);
    await sql`CREATE TRIGGER refuse_missing_note BEFORE UPDATE ON notifications_outbox FOR EACH ROW EXECUTE FUNCTION refuse_missing_note()`.execute(h.db.db);
    let outcome;
    try {
      outcome = await (await h.as("investigating-officer")).command.acknowledge({ caseId: c.caseId, expectedVersion: c.version });
    } finally {
      await sql`DROP TRIGGER refuse_missing_note ON notifications_outbox`.execute(h.db.db);
      await sql`DROP FUNCTION refuse_missing_note()`.execute(h.db.db);
    }
    expect(outcome.letters).toMatchObject([{ kind: "acknowledgement", status: "waiting", reason: expect.stringMatching(/tried again/) }]);
    expect(h.log.entries.some((e) => e.level === "error" && e.message === "step letter not issued" && e.fields?.caseId === c.caseId)).toBe(true);
    // The step was saved; the letter is still pending.
    expect((await (await h.as("dcro")).cases.get({ caseId: c.caseId })).version).toBe(outcome.version);
    expect((await (await h.as("dcro")).letters.pending({ caseId: c.caseId })).map((p) => p.kind)).toEqual(["acknowledgement"]);
  });

  it("if the process stops between the step's commit and the issue, the pending letter is still there and the delivery job issues it", async () => {
    const { caseId, version } = await assigned();
    // The issue after the commit fails as a stopped process would leave it: not issued, nothing noted.
    const tracking = h.deps.tracking;
    const codeFor = tracking.codeFor.bind(tracking);
    tracking.codeFor = async () => {
      throw new Error("the process stopped");
    };
    let outcome;
    try {
      outcome = await (await h.as("investigating-officer")).command.acknowledge({ caseId, expectedVersion: version });
    } finally {
      tracking.codeFor = codeFor;
    }
    expect(outcome.letters).toMatchObject([{ status: "waiting", missing: [], reason: expect.stringMatching(/tried again/) }]);
    expect(await correspondence(caseId)).toEqual([]);
    // The step committed: the case is acknowledged, the letter pending.
    expect((await (await h.as("dcro")).letters.pending({ caseId })).map((p) => p.kind)).toEqual(["acknowledgement"]);

    // Within the grace period the job leaves it (the step may still be issuing it); after, it issues it as the officer.
    expect(await finishStepLetters(h.deps)).toEqual({ issued: 0, withdrawn: 0 });
    h.clock.advance(2 * 60_000);
    expect(await finishStepLetters(h.deps)).toMatchObject({ issued: 1 });
    expect(await (await h.as("dcro")).letters.pending({ caseId })).toEqual([]);
    expect((await correspondence(caseId)).map((r) => (r.payload as { channel: string }).channel)).toEqual(["email"]);
    const detail = await (await h.as("dcro")).cases.get({ caseId });
    expect(detail.timeline.find((e) => e.type === "letter-issued")?.actor.id).toBe(io);
    // Run again: nothing more.
    expect(await finishStepLetters(h.deps)).toEqual({ issued: 0, withdrawn: 0 });
  });
});
