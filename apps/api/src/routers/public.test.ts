/**
 * The public's procedures (issue 6, "For the public"), on PGlite and PostgreSQL: a member of
 * the public makes a complaint through staff intake's own path, proves who they are with the
 * reference and tracking code, follows the case, asks for Stage 2 when core allows it, and
 * may fill in the equality monitoring form. Limits per client address answer 429.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRepository, notificationRepository } from "@complaints/db";
import { sendCorrespondence } from "../../test/correspondence.js";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";
import { createApp } from "../server.js";
import { normaliseTrackingCode } from "@complaints/core";
import { NOT_FOUND_MESSAGE } from "../services/public.js";

let ipCounter = 0;
/** A member of the public at their own address (so the tests' limits do not meet). */
function visitor(h: Harness, ip = `203.0.113.${++ipCounter}`) {
  return createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip, userAgent: "test" } }));
}

const complaint = (key: string, over: Record<string, unknown> = {}) => ({
  kind: "complaint" as const,
  serviceId: "waste",
  description: "My green bin was not emptied on three collection days in a row.",
  desiredOutcome: "Empty it and make sure it does not happen again.",
  customer: { fullName: "Robin Resident", email: "robin@example.com", preferredContact: "email" as const },
  idempotencyKey: key,
  ...over,
});

describe("the public forms", () => {
  let h: Harness;

  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h?.close());

  it("lists the council's services for anyone, signed in or not", async () => {
    const { council, kinds, services } = await visitor(h).public.services();
    expect(council.name).toBe("Exampleton Borough Council");
    expect(kinds).toEqual(["complaint", "compliment", "comment"]);
    expect(services.map((s) => s.id)).toEqual(expect.arrayContaining(["council-tax", "waste", "repairs"]));
  });

  it("logs a complaint through staff intake as the public (channel web), with a reference, a tracking code and the dates core will set", async () => {
    const sent = await visitor(h).public.submit(complaint("public-first-complaint"));
    expect(sent.reference).toMatch(/^EXB-2026-\d{6}$/);
    expect(sent.trackingCode).toMatch(/^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(sent.created).toBe(true);
    // Received Mon 2 Mar 2026: core counts 5 working days to acknowledge (code 6.2) and 10 from
    // the acknowledgement to respond (code 6.3); the complaint awaits triage, so these are
    // the dates core sets once it is accepted.
    expect(sent.datesExpected).toBe(true);
    expect(sent.dates.map((d) => [d.kind, d.date])).toEqual([
      ["acknowledge", "2026-03-09"],
      ["respond", "2026-03-23"],
    ]);
    const record = await caseRepository.findCaseByReference<{ channel: string; kind: string }>(h.db.db, h.council.councilId, sent.reference);
    expect(record!.state.channel).toBe("web");
    const events = await caseRepository.listEvents(h.db.db, record!.id);
    expect(events.map((e) => [e.type, e.actor])).toEqual([["log", { type: "public", id: "web-form" }]]);
    // Staff read the same code out to a caller.
    const detail = await (await h.as("complaints-manager")).cases.get({ caseId: record!.id });
    expect(detail.trackingCode).toBe(sent.trackingCode);
    expect(detail.timeline[0]!.actor.name).toBe("Member of the public (online form)");
  });

  it("creates one case for one idempotency key, however often and however concurrently it is sent (20 at once)", async () => {
    const form = complaint("public-retried-twenty-times", { description: "The street light outside number 12 has been out for a month." });
    const results = await Promise.all(Array.from({ length: 20 }, () => visitor(h, "198.51.100.7").public.submit(form)));
    expect(new Set(results.map((r) => r.reference)).size).toBe(1);
    expect(new Set(results.map((r) => r.trackingCode)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await h.db.db.selectFrom("cases").select("id").where("description", "=", form.description).execute();
    expect(rows).toHaveLength(1);
    // The same key with different answers is a mistake, said as one (never a second case).
    const changed = await refusal(visitor(h).public.submit({ ...form, description: "Something else entirely" }));
    expect(changed.client.refusal?.code).toBe("IDEMPOTENCY_MISMATCH");
  });

  it("takes an anonymous compliment or comment, but a complaint needs a name and a way to answer it", async () => {
    const compliment = await visitor(h).public.submit({ kind: "compliment", serviceId: "highways", description: "The pothole was filled the day after I reported it.", customer: null, idempotencyKey: "public-anon-compliment" });
    expect(compliment.anonymous).toBe(true);
    expect(compliment.dates.map((d) => d.kind)).toEqual(["feedback-acknowledge"]);
    const anonymous = await refusal(visitor(h).public.submit(complaint("public-anon-complaint", { customer: null })));
    expect(anonymous.code).toBe("BAD_REQUEST");
    expect(anonymous.client.fieldErrors?.customer).toEqual(["Tell us your name and how to contact you: we need them to answer your complaint"]);
    const noEmail = await refusal(visitor(h).public.submit(complaint("public-no-email", { customer: { fullName: "Robin", preferredContact: "email" } })));
    expect(noEmail.client.fieldErrors?.["customer.email"]).toEqual(["Enter your email address"]);
    const noAddress = await refusal(visitor(h).public.submit(complaint("public-no-address", { customer: { fullName: "Robin", preferredContact: "post", address: "1 High Street" } })));
    expect(noAddress.client.fieldErrors?.["customer.postcode"]).toEqual(["Enter your postcode"]);
  });

  it("tells a client that sends no idempotency key, or one too short, what to send", async () => {
    const wanted = ["Send an idempotency key of 8 to 200 characters, the same one each time this submission is retried"];
    const short = await refusal(visitor(h).public.submit(complaint("short")));
    expect(short.client.fieldErrors?.idempotencyKey).toEqual(wanted);
    const { idempotencyKey: _left, ...keyless } = complaint("public-keyless");
    const none = await refusal(visitor(h).public.submit(keyless as Parameters<ReturnType<typeof visitor>["public"]["submit"]>[0]));
    expect(none.client.fieldErrors?.idempotencyKey).toEqual(wanted);
  });

  it("refuses text over its size limit with a field message, never storing part of it", async () => {
    const long = await refusal(visitor(h).public.submit(complaint("public-too-long", { description: "a".repeat(10_001) })));
    expect(long.code).toBe("BAD_REQUEST");
    expect(long.client.fieldErrors?.description).toEqual(["What happened must be 10,000 characters or fewer"]);
    const outcome = await refusal(visitor(h).public.submit(complaint("public-outcome-long", { desiredOutcome: "b".repeat(3_001) })));
    expect(outcome.client.fieldErrors?.desiredOutcome).toEqual(["What you would like us to do must be 3,000 characters or fewer"]);
    expect(await h.db.db.selectFrom("idempotency_keys").select("key").where("key", "in", ["public-too-long", "public-outcome-long"]).execute()).toEqual([]);
  });

  it("answers a wrong reference and a wrong code with the same words, and never shows another case", async () => {
    const a = await visitor(h).public.submit(complaint("public-track-a", { description: "Case A for tracking" }));
    const b = await visitor(h).public.submit(complaint("public-track-b", { description: "Case B for tracking" }));
    const ok = await visitor(h).public.track({ reference: a.reference, trackingCode: a.trackingCode.toLowerCase().replace(/-/g, " ") });
    expect(ok.reference).toBe(a.reference);
    const wrongCode = await refusal(visitor(h).public.track({ reference: a.reference, trackingCode: b.trackingCode }));
    const wrongReference = await refusal(visitor(h).public.track({ reference: "EXB-2026-999999", trackingCode: a.trackingCode }));
    for (const r of [wrongCode, wrongReference]) {
      expect(r.code).toBe("NOT_FOUND");
      expect(r.client.message).toBe(NOT_FOUND_MESSAGE);
    }
  });

  it("reads Crockford's base 32 the forgiving way: any case, hyphens or spaces, O for 0 and I or L for 1", () => {
    expect(normaliseTrackingCode("7kq2 m9xd 4rta")).toBe("7KQ2M9XD4RTA");
    expect(normaliseTrackingCode("0O1I-L000-1111")).toBe("001110001111");
    expect(normaliseTrackingCode("7KQ2-M9XD-4RT")).toBeNull();
    expect(normaliseTrackingCode("7KQ2-M9XD-4RTU")).toBeNull();
  });

  it("lets the resident ask for Stage 2 only once core allows it, as the public, with the new stage's dates", async () => {
    const sent = await visitor(h).public.submit(complaint("public-escalate", { description: "Escalation journey complaint" }));
    const me = visitor(h);
    let page = await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    expect(page.escalation).toMatchObject({ possible: false, code: "NOT_ALLOWED_NOW" });
    const early = await refusal(me.public.escalate({ reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version, idempotencyKey: "escalate-too-early" }));
    expect(early.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW" });

    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    const manager = await h.as("complaints-manager");
    await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await manager.command.acknowledge({ caseId, expectedVersion: 2 });
    // Until the acknowledgement is sent the resident has not been told (decision 0322).
    expect((await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode })).next).toMatchObject({ kind: "acknowledge" });
    await sendCorrespondence(h, { caseId, purpose: "acknowledgement", stageId: "stage-1", at: h.clock.now().toISOString() });
    page = await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    expect(page.progress).toEqual({ is: "investigating", closure: null, stage: { label: "Stage 1", number: 1 } });
    expect(page.next).toMatchObject({ kind: "respond", what: "We will send you our Stage 1 response by" });
    await manager.command.respond({ caseId, expectedVersion: 4, outcome: "not-upheld", reasons: "The crew emptied the bin each week." });

    page = await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    expect(page.escalation).toEqual({ possible: true, toStage: "Stage 2", to: { label: "Stage 2", number: 2 } });
    expect(JSON.stringify(page)).not.toContain("complaints-manager person");
    expect(JSON.stringify(page)).not.toContain("The crew emptied the bin each week.");

    // A page shown before someone else changed the case is told so (409), as staff are.
    const stale = await refusal(me.public.escalate({ reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version - 1, idempotencyKey: "escalate-stale" }));
    expect(stale.code).toBe("CONFLICT");

    const request = { reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version, idempotencyKey: "escalate-now-1" };
    const [first, again] = await Promise.all([me.public.escalate(request), me.public.escalate(request)]);
    expect(first).toEqual(again);
    expect(first.outcome).toBe("escalated");
    expect(first.stage?.label).toBe("Stage 2");
    // Code 6.11: acknowledge within 5 working days of the request; then respond within 20.
    expect(first.dates.map((d) => d.kind)).toEqual(["acknowledge", "respond"]);
    const events = await caseRepository.listEvents(h.db.db, caseId);
    expect(events.at(-1)).toMatchObject({ type: "escalate", actor: { type: "public", id: "web-form" } });
    expect((events.at(-1)!.payload as { data: { reason: unknown } }).data.reason).toBeNull();

    page = await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    expect(page.stage?.label).toBe("Stage 2");
  });

  it("after the final stage, points to the Ombudsman instead (core's NO_NEXT_STAGE, naming its rule)", async () => {
    const sent = await visitor(h).public.submit(complaint("public-final", { description: "Final stage complaint" }));
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    const manager = await h.as("complaints-manager");
    await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await manager.command.acknowledge({ caseId, expectedVersion: 2 });
    await manager.command.respond({ caseId, expectedVersion: 3, outcome: "not-upheld", reasons: "No fault." });
    await manager.command.escalate({ caseId, expectedVersion: 4 });
    await manager.command.acknowledge({ caseId, expectedVersion: 5 });
    await manager.command.respond({ caseId, expectedVersion: 6, outcome: "not-upheld", reasons: "No fault found at review." });
    const page = await visitor(h).public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    expect(page.escalation).toMatchObject({ possible: false, code: "NO_NEXT_STAGE", rule: expect.stringContaining("Ombudsman") });
    expect(page.escalation.possible ? "" : page.escalation.why).toMatch(/was our final response/);
  });

  it("tells the service's officers at once when a public complaint may be a duplicate of an open case", async () => {
    const first = await visitor(h).public.submit(complaint("dup-first", { customer: { fullName: "Sam Same", email: "same@example.com", preferredContact: "email" }, description: "Overflowing bins on Mill Lane" }));
    const second = await visitor(h).public.submit(complaint("dup-second", { customer: { fullName: "Sam Same", email: "same@example.com", preferredContact: "email" }, description: "Bins on Mill Lane again" }));
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, second.reference))!.id;
    const outbox = await notificationRepository.list(h.db.db, { councilId: h.council.councilId, caseIds: [caseId], kinds: ["case-notification"], limit: 10 });
    expect(outbox.map((o) => String(o.payload.subject))).toEqual(expect.arrayContaining([expect.stringContaining(first.reference)]));
  });

  it("keeps the optional equality form only with consent, checks every answer, and never shows it back", async () => {
    const sent = await visitor(h).public.submit(complaint("public-equality", { description: "Equality monitoring complaint" }));
    const proof = { reference: sent.reference, trackingCode: sent.trackingCode };
    const questions = await visitor(h).public.equalityQuestions();
    expect(questions.map((q) => q.characteristic)).toHaveLength(9);
    const noConsent = await refusal(visitor(h).public.equality({ ...proof, consent: false as unknown as true, answers: {} }));
    expect(noConsent.client.fieldErrors?.consent).toEqual(["Select yes if you agree to us keeping your answers"]);
    const badAnswer = await refusal(visitor(h).public.equality({ ...proof, consent: true, answers: { sex: "unicorn" } }));
    expect(badAnswer.code).toBe("BAD_REQUEST");
    expect(await visitor(h).public.equality({ ...proof, consent: true, answers: { age_band: "35-44", sex: "prefer-not-to-say", ethnicity: null } })).toEqual({ recorded: true });
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    const row = await h.db.db.selectFrom("equality_monitoring" as never).selectAll().where("case_id" as never, "=", caseId as never).executeTakeFirstOrThrow();
    expect(row).toMatchObject({ age_band: "35-44", sex: "prefer-not-to-say", collected_by: "customer" });
    const page = await visitor(h).public.track(proof);
    expect(JSON.stringify(page)).not.toMatch(/35-44|prefer-not-to-say/);
    const wrong = await refusal(visitor(h).public.equality({ reference: sent.reference, trackingCode: "AAAA-AAAA-AAAA", consent: true, answers: {} }));
    expect(wrong.client.message).toBe(NOT_FOUND_MESSAGE);
  });

  it("prints the code on the acknowledgement letter, and lets the resident download letters sent to them with the same proof", async () => {
    const sent = await visitor(h).public.submit(complaint("public-letter", { customer: { fullName: "Lee Letter", preferredContact: "post", address: "1 High Street\nExampleton", postcode: "ex1 1aa" } }));
    const caseId = (await caseRepository.findCaseByReference(h.db.db, h.council.councilId, sent.reference))!.id;
    const manager = await h.as("complaints-manager");
    await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    await manager.command.assign({ caseId, expectedVersion: 2, handlerId: h.staffIds.get("complaints-manager")! });
    // The acknowledgement is issued with the step (decision 0321).
    const acknowledged = await manager.command.acknowledge({ caseId, expectedVersion: 3 });
    const preview = await manager.letters.preview({ caseId, kind: "acknowledgement" });
    expect(preview.model.trackingCode).toBe(sent.trackingCode);
    const [issued] = (await manager.letters.list({ caseId })).filter((l) => l.letterId === acknowledged.letters[0]!.letterId);
    const page = await visitor(h).public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
    expect(page.letters).toEqual([{ letterId: issued!.letterId, kind: "acknowledgement", name: expect.any(String), sentOn: "2026-03-02", to: "you", downloadable: true }]);
    const letter = await visitor(h).public.letter({ reference: sent.reference, trackingCode: sent.trackingCode, letterId: issued!.letterId });
    expect(letter.sha256).toBe(issued!.sha256);
    expect(Buffer.from(letter.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
    const other = await visitor(h).public.submit(complaint("public-letter-other", { description: "Someone else's complaint" }));
    const stolen = await refusal(visitor(h).public.letter({ reference: other.reference, trackingCode: other.trackingCode, letterId: issued!.letterId }));
    expect(stolen.code).toBe("NOT_FOUND");
  });

  describe("over HTTP", () => {
    let server: Server;
    let base: string;
    beforeAll(async () => {
      server = createApp(h.deps).listen(0, "127.0.0.1");
      await new Promise((resolve) => server.once("listening", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(() => new Promise((resolve) => server?.close(resolve)));

    it("refuses a public request body over the limit with 413 before reading it", async () => {
      const csrf = ((await (await fetch(`${base}/auth/csrf`, { headers: { cookie: "cm_csrf=abcdefghijklmnopqrstuvwxyz0123456789" } })).json()) as { token: string }).token;
      const body = JSON.stringify(complaint("public-huge", { description: "x".repeat(300 * 1024) }));
      const res = await fetch(`${base}/trpc/public.submit`, { method: "POST", headers: { "content-type": "application/json", cookie: `cm_csrf=${csrf}`, "x-csrf-token": csrf }, body });
      expect(res.status).toBe(413);
      expect(((await res.json()) as { error: { code: string; message: string } }).error.message).toMatch(/too large: the public forms accept up to 256 KB/);
    });
  });
});

// Each of these opens a harness with its own settings. They run after the suite above has
// closed its own: on PostgreSQL a test file keeps one harness open at a time.
describe("the public forms under other settings", () => {
  it("limits wrong answers per address (429 saying when to try again), even before a right one", async () => {
    const limited = await openHarness({ config: { publicForms: { council: null, requestsPerIp: 1000, submissionsPerIp: 100, lookupFailuresPerIp: 3, maxBodyBytes: 256 * 1024 } } });
    try {
      const sent = await visitor(limited).public.submit(complaint("public-limit-lookups"));
      const guesser = visitor(limited, "192.0.2.50");
      for (let i = 0; i < 3; i++) expect((await refusal(guesser.public.track({ reference: sent.reference, trackingCode: "AAAA-AAAA-AAAA" }))).code).toBe("NOT_FOUND");
      const blocked = await refusal(guesser.public.track({ reference: sent.reference, trackingCode: sent.trackingCode }));
      expect(blocked.code).toBe("TOO_MANY_REQUESTS");
      expect(blocked.client.refusal).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/Try again after \d\d:\d\d/) });
      expect(blocked.client.refusal?.retryAfterSeconds).toBeGreaterThan(0);
      // Another address is not held up by this one.
      expect((await visitor(limited, "192.0.2.51").public.track({ reference: sent.reference, trackingCode: sent.trackingCode })).reference).toBe(sent.reference);
    } finally {
      await limited.close();
    }
  });


  it("limits new cases and calls per address; a retry of a case already made does not count", async () => {
    const limited = await openHarness({ config: { publicForms: { council: null, requestsPerIp: 8, submissionsPerIp: 2, lookupFailuresPerIp: 10, maxBodyBytes: 256 * 1024 } } });
    try {
      const me = visitor(limited, "192.0.2.60");
      await me.public.submit(complaint("limit-one", { description: "First complaint" }));
      await me.public.submit(complaint("limit-one", { description: "First complaint" }));
      await me.public.submit(complaint("limit-two", { description: "Second complaint" }));
      const third = await refusal(me.public.submit(complaint("limit-three", { description: "Third complaint" })));
      expect(third.code).toBe("TOO_MANY_REQUESTS");
      expect(third.client.message).toMatch(/too many complaints, compliments and comments from your network in the last hour\. Try again after \d\d:\d\d/);
      for (let i = 0; i < 4; i++) await me.public.services();
      const calls = await refusal(me.public.services());
      expect(calls.code).toBe("TOO_MANY_REQUESTS");
      expect(calls.client.message).toMatch(/too many requests from your network/);
    } finally {
      await limited.close();
    }
  });


  it("outside a 28-day window (Leeds para 17), refuses with the rule and records a late request for the team's discretion", async () => {
    const leeds = await openHarness({
      profile: (p) => ({
        ...p,
        timescales: {
          stages: {
            "stage-1": {
              escalation: {
                to: "stage-2",
                window: { period: { calendarDays: 28 }, from: "response", rule: "Leeds policy para 17: 28 days from the Stage I response to escalate" },
                lateAllowedWithDiscretion: true,
                rule: "Leeds policy para 17: discretion on the 28 days",
              },
            },
          },
        },
      }),
    });
    try {
      const sent = await visitor(leeds).public.submit(complaint("public-late"));
      const caseId = (await caseRepository.findCaseByReference(leeds.db.db, leeds.council.councilId, sent.reference))!.id;
      const manager = await leeds.as("complaints-manager");
      await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
      await manager.command.acknowledge({ caseId, expectedVersion: 2 });
      await manager.command.respond({ caseId, expectedVersion: 3, outcome: "not-upheld", reasons: "No fault." });
      leeds.clock.advance(40 * 24 * 3600_000);
      const me = visitor(leeds);
      const page = await me.public.track({ reference: sent.reference, trackingCode: sent.trackingCode });
      expect(page.escalation).toMatchObject({ possible: false, code: "ESCALATION_WINDOW_CLOSED", rule: expect.stringContaining("Leeds policy para 17") });
      expect(page.escalation.possible ? null : page.escalation.lateRequest).toEqual({ toStage: "Stage 2", closedOn: "2026-03-30" });

      const refused = await refusal(me.public.escalate({ reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version, idempotencyKey: "late-plain" }));
      expect(refused.client.refusal).toMatchObject({ code: "ESCALATION_WINDOW_CLOSED", rule: expect.stringContaining("Leeds policy para 17") });
      const noReason = await refusal(me.public.escalate({ reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version, lateRequest: true, idempotencyKey: "late-no-reason" }));
      expect(noReason.client.message).toBe("Tell us why you could not ask sooner");

      const late = await me.public.escalate({ reference: sent.reference, trackingCode: sent.trackingCode, expectedVersion: page.version, lateRequest: true, reason: "I was in hospital for five weeks.", idempotencyKey: "late-with-reason" });
      expect(late.outcome).toBe("late-request-recorded");
      const record = await caseRepository.getCase<{ contacts: Array<{ summary: string; channel: string }>; stages: unknown[] }>(leeds.db.db, caseId);
      expect(record.state.stages).toHaveLength(1);
      expect(record.state.contacts.at(-1)).toMatchObject({ channel: "web", summary: expect.stringContaining("I was in hospital for five weeks.") });
      const outbox = await notificationRepository.list(leeds.db.db, { councilId: leeds.council.councilId, caseIds: [caseId], kinds: ["case-notification"], limit: 10 });
      expect(outbox.map((o) => o.payload.subject)).toContain(`${sent.reference}: late request for Stage 2`);
    } finally {
      await leeds.close();
    }
  });

});
