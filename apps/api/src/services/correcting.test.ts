/**
 * Correcting the record through the API (issue 16; docs/decisions/0105-correcting-the-record.md):
 * a transfer moves the case's row to the new directorate, so who may see it follows at once,
 * and tells the handler it releases; a restricting flag narrows access at once; an edit of
 * the customer's name reaches the customer's record.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const complaint = {
  kind: "complaint" as const,
  channel: "phone" as const,
  serviceId: "council-tax",
  description: "The bin outside my flat has not been emptied for a month",
  customer: { fullName: "Bob Jones", phone: "07700 900123", postcode: "EX2 3CD" },
};

describe("correcting the record", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
  });
  afterAll(() => h?.close());

  async function triagedAndAssigned() {
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint);
    const dcro = await h.as("dcro");
    await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    const { version } = await dcro.command.assign({ caseId, expectedVersion: 2, handlerId: h.staffIds.get("investigating-officer")! });
    return { caseId, version };
  }

  it("a transfer to another directorate's service moves the case's row, its dates and who may see it, and tells the handler it releases (Leeds policy para 42)", async () => {
    const { caseId, version } = await triagedAndAssigned();
    h.clock.set("2026-03-04T10:00:00Z");
    const manager = await h.as("complaints-manager");
    const outcome = await manager.command.transfer({ caseId, expectedVersion: version, serviceId: "waste", reason: "It is about a missed bin collection" });
    expect(outcome.status).toBe("open");

    const row = await h.db.db
      .selectFrom("cases")
      .innerJoin("services", "services.id", "cases.service_id")
      .innerJoin("directorates", "directorates.id", "cases.directorate_id")
      .select(["services.code as service", "directorates.code as directorate", "cases.assigned_staff_id"])
      .where("cases.id", "=", caseId)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ service: "waste", directorate: "environment", assigned_staff_id: null });

    const detail = await manager.cases.get({ caseId });
    expect(detail.service.code).toBe("waste");
    expect(detail.nextDue?.explanation).toMatch(/^transferred from Council Tax to Waste and Recycling on Wed 4 Mar 2026: It is about a missed bin collection; Waste and Recycling's rules apply/);
    expect(detail.timeline.at(-1)?.type).toBe("transfer");

    // Corporate Services' officer and DCRO no longer see it, nor find it in their queue.
    expect((await refusal((await h.as("investigating-officer")).cases.get({ caseId }))).code).toBe("NOT_FOUND");
    expect((await refusal((await h.as("dcro")).cases.get({ caseId }))).code).toBe("NOT_FOUND");
    expect((await (await h.as("dcro")).queues.directorate({})).items.map((i) => i.id)).not.toContain(caseId);

    const told = await h.db.db.selectFrom("notifications_outbox").select(["recipient", "payload"]).where("case_id", "=", caseId).where("kind", "=", "case-notification").execute();
    expect(told).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          recipient: { staffId: h.staffIds.get("investigating-officer"), party: "released-handler" },
          payload: expect.objectContaining({ subject: expect.stringMatching(/: transferred to Waste and Recycling$/) }),
        }),
        expect.objectContaining({ recipient: { party: "service:waste" } }),
      ]),
    );
  });

  it("refuses a transfer to the same service or one the council does not have, naming them", async () => {
    const { caseId, version } = await triagedAndAssigned();
    const manager = await h.as("complaints-manager");
    const same = await refusal(manager.command.transfer({ caseId, expectedVersion: version, serviceId: "council-tax", reason: "x" }));
    expect(same.message).toMatch(/is already with Council Tax; choose another service$/);
    const unknown = await refusal(manager.command.transfer({ caseId, expectedVersion: version, serviceId: "libraries", reason: "x" }));
    expect(unknown.message).toBe('Exampleton Borough Council has no service "libraries"; choose one of: Council Tax, Customer Services, Waste and Recycling, Highways, Housing Repairs, Tenancy Management');
    // An investigating officer may not move a case between services.
    expect((await refusal((await h.as("investigating-officer")).command.transfer({ caseId, expectedVersion: version, serviceId: "waste", reason: "x" }))).code).toBe("FORBIDDEN");
  });

  it("a restricting flag added by recategorising narrows who may see the case at once", async () => {
    const cso = await h.as("customer-services");
    const { caseId } = await cso.cases.log(complaint);
    const dcro = await h.as("dcro");
    expect((await cso.cases.get({ caseId })).id).toBe(caseId);
    await dcro.command.recategorise({ caseId, expectedVersion: 1, addFlags: ["safeguarding"] });
    const row = await h.db.db.selectFrom("cases").select(["restricted", "flags"]).where("id", "=", caseId).executeTakeFirstOrThrow();
    expect(row).toEqual({ restricted: true, flags: ["safeguarding"] });
    // Only the restricted readers (apps/api/src/access/policy.ts) and the handler see it now: the
    // officer who logged it no longer does; the directorate's DCRO still does (decision 0325).
    expect((await refusal(cso.cases.get({ caseId }))).code).toBe("NOT_FOUND");
    expect((await dcro.cases.get({ caseId })).flags).toEqual(["safeguarding"]);
    expect((await (await h.as("complaints-manager")).cases.get({ caseId })).flags).toEqual(["safeguarding"]);
  });

  it("correcting the customer's name reaches their record; the event keeps the old one", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log(complaint);
    const cso = await h.as("customer-services");
    await cso.command.editDetails({ caseId, expectedVersion: 1, customerName: "Robert Jones", description: "The communal bin outside my flat has not been emptied for a month" });
    const detail = await cso.cases.get({ caseId });
    expect(detail.customer?.name).toBe("Robert Jones");
    expect(detail.description).toBe("The communal bin outside my flat has not been emptied for a month");
    const event = await h.db.db.selectFrom("events").select("payload").where("case_id", "=", caseId).where("type", "=", "edit-details").executeTakeFirstOrThrow();
    expect((event.payload as { data: { changes: unknown } }).data.changes).toMatchObject({ customerName: { from: "Bob Jones", to: "Robert Jones" } });
  });
});
