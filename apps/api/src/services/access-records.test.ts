/**
 * Issue 20, as specifications:
 * - finding 6: the staff a complaint is about are never among its recipients (a `notify`, an
 *   alert, the sweep's reminders and chasers);
 * - finding 7: no signed-in member of staff acts as the resident through the public forms, and
 *   only the front door (TRACKING_CODE_READERS) sees the tracking code;
 * - finding 8: every read of case content is recorded (search results, letter and file lists,
 *   letter previews, print batches, a customer's history and conduct record), once a request;
 * - low: a `cases:read` API key never reads a restricted case; a command form sent twice with
 *   its own idempotency key is done once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { createCaller } from "../root.js";
import { createContextInner } from "../context.js";
import { sweep } from "../jobs/sweep.js";
import { downloadableBatch } from "./print-batches.js";
import type { StaffPrincipal } from "../access/principal.js";

const complaint = (description: string, extra: Record<string, unknown> = {}) => ({
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId: "council-tax",
  description,
  customer: { fullName: "Rae Reader", email: "rae.reader@example.com", postcode: "EX2 2RR" },
  ...extra,
});

describe("access, audit and personal data (issue 20)", () => {
  let h: Harness;
  const id = (key: string) => h.staffIds.get(key)!;
  /** The purposes of the case's recorded reads by this staff member, oldest first. */
  const reads = async (caseId: string, staffKey: string) =>
    (
      await h.db.db
        .selectFrom("events")
        .select(sql<string>`payload ->> 'purpose'`.as("purpose"))
        .where("case_id", "=", caseId)
        .where("type", "=", "case-read")
        .where("actor_id", "=", id(staffKey))
        .orderBy("seq")
        .execute()
    ).map((r) => r.purpose);
  const outboxTo = async (caseId: string) =>
    (await h.db.db.selectFrom("notifications_outbox").select(["kind", "recipient"]).where("case_id", "=", caseId).execute()).map((r) => ({ kind: r.kind, staffId: (r.recipient as { staffId?: string }).staffId ?? null }));

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [{ key: "head-2", name: "Second Head", email: "head2@example.gov.uk", password: PASSWORD, team: "council-tax/billing", roles: [{ role: "head-of-service", directorate: "corporate" }] }],
    });
  });
  afterAll(() => h?.close());

  describe("finding 6: the subject of a complaint is never told of it", () => {
    it("a notify to the head of service reaches every head of service but the one the complaint is about", async () => {
      const manager = await h.as("complaints-manager");
      const { caseId } = await manager.cases.log(complaint("The head of service shouted at me", { aboutStaffIds: [id("head-of-service")] }));
      await manager.command.notify({ caseId, expectedVersion: 1, party: "head-of-service", reason: "A complaint about a member of your service" });
      const told = (await outboxTo(caseId)).filter((m) => m.kind === "case-notification").map((m) => m.staffId);
      expect(told).toContain(id("head-2"));
      expect(told).not.toContain(id("head-of-service"));
    });

    it("the sweep's reminders and overdue notices skip the DCRO the complaint is about", async () => {
      h.clock.set("2026-03-02T09:00:00Z");
      const manager = await h.as("complaints-manager");
      const { caseId } = await manager.cases.log(complaint("The DCRO lost my papers", { aboutStaffIds: [id("dcro")] }));
      await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
      h.clock.set("2026-03-05T09:00:00Z");
      await sweep(h.deps);
      h.clock.set("2026-03-20T09:00:00Z");
      await sweep(h.deps);
      const sent = await outboxTo(caseId);
      expect(sent.filter((m) => m.kind === "overdue").map((m) => m.staffId)).toContain(id("head-of-service"));
      expect(sent.map((m) => m.staffId)).not.toContain(id("dcro"));
      h.clock.set("2026-03-02T09:00:00Z");
    });
  });

  describe("finding 7: read-only roles do not act as the resident", () => {
    it("shows the tracking code to the front door only", async () => {
      const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Tracking code case"));
      for (const role of ["customer-services", "dcro", "complaints-manager"]) {
        expect((await (await h.as(role)).cases.get({ caseId })).trackingCode, role).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
      }
      for (const role of ["auditor", "quality-assurance", "legal", "investigating-officer", "head-of-service", "director"]) {
        expect((await (await h.as(role)).cases.get({ caseId })).trackingCode, role).toBeNull();
      }
    });

    it("refuses a signed-in member of staff the resident's escalation, equality form and submission, saying why", async () => {
      const manager = await h.as("complaints-manager");
      const { caseId } = await manager.cases.log(complaint("Escalation by an auditor"));
      const detail = await manager.cases.get({ caseId });
      const proof = { reference: detail.reference, trackingCode: detail.trackingCode! };
      const auditor = await h.as("auditor");
      const escalation = await refusal(auditor.public.escalate({ ...proof, expectedVersion: detail.version, idempotencyKey: "auditor-escalates-1" }));
      expect(escalation.code).toBe("FORBIDDEN");
      expect(escalation.message).toMatch(/signed in as a member of staff/);
      expect((await refusal(auditor.public.equality({ ...proof, consent: true, answers: { sex: "prefer-not-to-say" } }))).code).toBe("FORBIDDEN");
      expect((await refusal((await h.as("customer-services")).public.submit({ kind: "comment", serviceId: "waste", description: "As a resident", customer: null, idempotencyKey: "staff-submits-1" }))).code).toBe("FORBIDDEN");
      expect((await manager.cases.get({ caseId })).version).toBe(detail.version);
      // The resident, not signed in, still can.
      expect((await (await h.as(null)).public.equality({ ...proof, consent: true, answers: {} })).recorded).toBe(true);
    });
  });

  describe("finding 8: every read of case content is recorded", () => {
    it("records search results, letter and file lists, letter previews, and a customer's history and conduct record", async () => {
      const cso = await h.as("customer-services");
      const { caseId } = await cso.cases.log(complaint("Recorded reads: a unique phrase zebracrossing", { kind: "compliment" }));
      const customerId = (await (await h.as("complaints-manager")).cases.get({ caseId })).customer!.id;
      const dcro = await h.as("dcro");
      expect((await dcro.search.cases({ text: "zebracrossing", limit: 10 })).map((c) => c.id)).toContain(caseId);
      await dcro.letters.list({ caseId });
      await dcro.attachments.list({ caseId });
      await dcro.letters.preview({
        caseId,
        kind: "compliment-acknowledgement",
        customerAddress: { lines: ["1 Read Road", "Exampleton"], postcode: "EX2 2RR" },
        sections: [
          { element: "compliment-summary", paragraphs: ["Thank you."] },
          { element: "passed-to", paragraphs: ["We have passed it on."] },
        ],
      });
      await dcro.customers.history({ customerId });
      await dcro.customers.conduct({ customerId });
      expect(await reads(caseId, "dcro")).toEqual(["search result", "letters listed", "files listed", "letter previewed", "customer history", "customer's persistent-complainant record"]);
    });

    it("records one read a request however many procedures a page asks about the case", async () => {
      const { caseId } = await (await h.as("customer-services")).cases.log(complaint("One page, one read"));
      const page = createCaller(createContextInner({ deps: h.deps, principal: await h.principal("auditor"), oneRequest: true }));
      await Promise.all([page.cases.get({ caseId }), page.letters.list({ caseId }), page.attachments.list({ caseId })]);
      expect(await reads(caseId, "auditor")).toHaveLength(1);
    });

    it("records a read of every case whose letters are in a print batch that is downloaded", async () => {
      const manager = await h.as("complaints-manager");
      const { caseId } = await manager.cases.log(complaint("Print batch read", { kind: "compliment" }));
      await manager.letters.issue({
        caseId,
        kind: "compliment-acknowledgement",
        byPost: true,
        customerAddress: { lines: ["2 Print Lane", "Exampleton"], postcode: "EX2 2PP" },
        sections: [
          { element: "compliment-summary", paragraphs: ["Thank you."] },
          { element: "passed-to", paragraphs: ["We have passed it on."] },
        ],
      });
      const built = await manager.letters.printBatch.build({ limit: 50 });
      expect(built.letters.map((l) => l.caseId)).toContain(caseId);
      const auditor = (await h.principal("auditor")) as StaffPrincipal;
      await downloadableBatch(createContextInner({ deps: h.deps, principal: auditor }), auditor, built.batch!.batchId);
      expect(await reads(caseId, "auditor")).toEqual(["print batch downloaded"]);
    });
  });

  describe("low findings", () => {
    it("a cases:read API key never reads a restricted case's status", async () => {
      const manager = await h.as("complaints-manager");
      const open = await manager.cases.log(complaint("An ordinary case for the key"));
      const restricted = await manager.cases.log(complaint("A safeguarding case", { flags: ["safeguarding"] }));
      const created = await (await h.as("administrator")).admin.apiKeys.create({ name: "CRM", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:read"] });
      const key = h.asPrincipal({ kind: "api-key", id: created.id, councilId: h.council.councilId, name: "CRM", directorateIds: [h.council.ids.directorates.get("corporate")!], scopes: ["cases:read"] });
      expect((await key.integration.caseStatus({ reference: open.reference })).reference).toBe(open.reference);
      const refused = await refusal(key.integration.caseStatus({ reference: restricted.reference }));
      expect(refused.code).toBe("NOT_FOUND");
      expect(refused.message).toBe(`There is no case ${restricted.reference} this key may read`);
    });

    it("a command form sent twice with its own key is done once, and the second gets the first's outcome", async () => {
      const { caseId } = await (await h.as("customer-services")).cases.log(complaint("Double click"));
      const dcro = await h.as("dcro");
      const send = () => dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept", idempotencyKey: "form-double-click-1" });
      const [first, second] = await Promise.all([send(), send()]);
      expect(second).toEqual(first);
      expect(first.version).toBe(2);
      expect((await dcro.cases.get({ caseId })).timeline.map((e) => e.type)).toEqual(["log", "triage"]);
      // A different form (its own key) on the old version is still a conflict.
      expect((await refusal(dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept", idempotencyKey: "form-double-click-2" }))).code).toBe("CONFLICT");
    });
  });
});
