import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const base = {
  kind: "complaint" as const,
  channel: "phone" as const,
  customer: { fullName: "Bob Jones", phone: "07700 900123", postcode: "EX2 3CD" },
};

describe("work queues, customer history and search", () => {
  let h: Harness;
  const ids = {} as Record<"old" | "soon" | "fresh" | "untriaged" | "waste" | "closed", string>;

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [
        { key: "io-waste", name: "Waste Officer", email: "io-waste@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "investigating-officer", directorate: "environment" }] },
      ],
    });
    const cso = await h.as("customer-services");
    const dcro = await h.as("dcro");
    const io = h.staffIds.get("investigating-officer")!;
    // Logged on different days so their acknowledgement dates differ.
    h.clock.set("2026-02-16T09:00:00Z");
    ids.old = (await cso.cases.log({ ...base, serviceId: "council-tax", description: "Old council tax complaint about a wrong band" })).caseId;
    await dcro.command.triage({ caseId: ids.old, expectedVersion: 1, outcome: "accept" });
    await dcro.command.assign({ caseId: ids.old, expectedVersion: 2, handlerId: io });
    h.clock.set("2026-02-24T09:00:00Z");
    ids.soon = (await cso.cases.log({ ...base, serviceId: "council-tax", description: "Bailiff letter sent in error" })).caseId;
    await dcro.command.triage({ caseId: ids.soon, expectedVersion: 1, outcome: "accept" });
    h.clock.set("2026-03-02T09:00:00Z");
    ids.fresh = (await cso.cases.log({ ...base, serviceId: "council-tax", description: "Direct debit taken on the wrong day" })).caseId;
    await dcro.command.triage({ caseId: ids.fresh, expectedVersion: 1, outcome: "accept" });
    ids.untriaged = (await cso.cases.log({ ...base, serviceId: "customer-services", description: "Waited an hour on the phone" })).caseId;
    ids.waste = (await cso.cases.log({ ...base, serviceId: "waste", description: "Missed bin collection again" })).caseId;
    ids.closed = (await cso.cases.log({ ...base, serviceId: "council-tax", description: "Wrong address on the bill", kind: "compliment" })).caseId;
    await dcro.command.acknowledgeFeedback({ caseId: ids.closed, expectedVersion: 1 });
    await dcro.command.close({ caseId: ids.closed, expectedVersion: 2 });
  });
  afterAll(() => h?.close());

  it("lists the directorate's open cases, nearest due date first, red/amber/green", async () => {
    const queue = await (await h.as("dcro")).queues.directorate({});
    expect(queue.items.map((i) => i.id)).toEqual([ids.old, ids.soon, ids.fresh, ids.untriaged]);
    expect(queue.items.map((i) => i.rag)).toEqual(["red", "amber", "green", "green"]);
    expect(queue.items[0]?.nextDue).toMatchObject({ kind: "acknowledge", date: "2026-02-23" });
    expect(queue.items[0]?.nextDue?.explanation).toMatch(/acknowledge by Mon 23 Feb 2026/);
    expect(queue.total).toBe(4);
  });

  it("filters by colour, status, service and assignment", async () => {
    const dcro = await h.as("dcro");
    expect((await dcro.queues.directorate({ rag: ["red"] })).items.map((i) => i.id)).toEqual([ids.old]);
    expect((await dcro.queues.directorate({ rag: ["amber", "green"] })).items.map((i) => i.id)).toEqual([ids.soon, ids.fresh, ids.untriaged]);
    expect((await dcro.queues.directorate({ rag: ["none"] })).items.map((i) => i.id)).toEqual([]);
    expect((await dcro.queues.directorate({ statuses: ["new"] })).items.map((i) => i.id)).toEqual([ids.untriaged]);
    expect((await dcro.queues.directorate({ serviceIds: ["customer-services"] })).items.map((i) => i.id)).toEqual([ids.untriaged]);
    expect((await dcro.queues.directorate({ unassignedOnly: true })).items.map((i) => i.id)).toEqual([ids.soon, ids.fresh, ids.untriaged]);
  });

  it("issue 16: a complaint waiting for triage shows the acknowledgement date its receipt promised, and sorts by it (code 6.2)", async () => {
    const queue = await (await h.as("dcro")).queues.directorate({ statuses: ["new"] });
    expect(queue.items.map((i) => i.id)).toEqual([ids.untriaged]);
    // Logged Mon 2 Mar 2026: 5 working days → Mon 9 Mar, the same date as the accepted case logged that day.
    expect(queue.items[0]?.nextDue).toMatchObject({ kind: "acknowledge", date: "2026-03-09" });
    expect(queue.items[0]?.nextDue?.explanation).toMatch(/waiting for triage/);
  });

  it("shows a handler their own cases and their team's", async () => {
    const io = await h.as("investigating-officer");
    expect((await io.queues.mine({})).items.map((i) => i.id)).toEqual([ids.old]);
    const team = await (await h.as("io-waste")).queues.team({});
    expect(team.items).toEqual([]);
    expect((await (await h.as("dcro")).queues.team({})).items.map((i) => i.id)).toEqual([ids.old]);
  });

  it("gives the central queue to council-wide roles only", async () => {
    const central = await (await h.as("complaints-manager")).queues.central({});
    expect(central.items.map((i) => i.id)).toContain(ids.waste);
    expect(central.total).toBe(5);
    const refused = await refusal((await h.as("dcro")).queues.central({}));
    expect(refused.code).toBe("FORBIDDEN");
    const otherDirectorate = await refusal((await h.as("dcro")).queues.directorate({ directorateId: h.council.ids.directorates.get("environment")! }));
    expect(otherDirectorate.code).toBe("FORBIDDEN");
  });

  it("finds cases by customer phone, reference or words, within what the caller may see", async () => {
    const dcro = await h.as("dcro");
    const byPhone = await dcro.search.cases({ quick: "+44 7700 900123" });
    expect(byPhone.map((c) => c.id).sort()).toEqual([ids.old, ids.soon, ids.fresh, ids.untriaged, ids.closed].sort());
    const byWords = await dcro.search.cases({ text: "bailiff" });
    expect(byWords.map((c) => c.id)).toEqual([ids.soon]);
    const manager = await h.as("complaints-manager");
    expect((await manager.search.cases({ text: "bin collection" })).map((c) => c.id)).toEqual([ids.waste]);
    expect(await dcro.search.cases({ text: "bin collection" })).toEqual([]);
    expect((await refusal(dcro.search.cases({}))).code).toBe("BAD_REQUEST");
  });

  it("shows a customer's history: the cases the caller may see, newest first", async () => {
    const dcro = await h.as("dcro");
    const detail = await dcro.cases.get({ caseId: ids.old });
    const history = await dcro.customers.history({ customerId: detail.customer!.id });
    expect(history.customer.name).toBe("Bob Jones");
    expect(history.cases.map((c) => c.id)).toContain(ids.old);
    expect(history.cases.map((c) => c.id)).not.toContain(ids.waste);
    expect(history.conduct.status).toBe("none");
  });
});
