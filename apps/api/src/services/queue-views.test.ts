/**
 * Issue 16, "work in bulk": saved queue views (a person's own, or shared with their team or
 * directorate), whom cases may be given to, and the CSV export of a queue or a search with the
 * screen's access rules, each exported case recorded as a read.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { Browser, listen } from "../../test/browser.js";
import { createApp } from "../server.js";

const complaint = (description: string, extra: Record<string, unknown> = {}) => ({
  kind: "complaint" as const,
  channel: "phone" as const,
  serviceId: "council-tax",
  description,
  customer: { fullName: "Ann Example", phone: "0113 496 0000" },
  ...extra,
});

describe("saved views, handlers and exports of the work queue", () => {
  let h: Harness;
  let server: Awaited<ReturnType<typeof listen>>;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    const cso = await h.as("customer-services");
    ids.formula = (await cso.cases.log(complaint("Charged twice", { customer: { fullName: "=HYPERLINK(\"http://evil\")", phone: "0113 496 0001" } }))).caseId;
    ids.waste = (await (await h.as("complaints-manager")).cases.log(complaint("Missed bin", { serviceId: "waste" }))).caseId;
    server = await listen(createApp(h.deps), (url) => (h.deps.config.publicUrl = url));
  });
  afterAll(async () => {
    await server?.close();
    await h?.close();
  });

  it("keeps a view for its owner, shares one with the directorate, and lets only the owner delete it", async () => {
    const dcro = await h.as("dcro");
    await dcro.queues.views.save({ name: "Untriaged", filters: { queue: "directorate", status: "new" } });
    const { id: shared } = await dcro.queues.views.save({ name: "Overdue in Corporate", filters: { queue: "directorate", due: "red" }, share: "directorate" });
    expect((await refusal(dcro.queues.views.save({ name: "Untriaged", filters: { queue: "mine" } }))).message).toMatch(/already have a view called "Untriaged"/);
    expect((await refusal(dcro.queues.views.save({ name: "Odd", filters: { queue: "directorate", due: "purple" } as never }))).code).toBe("BAD_REQUEST");

    expect((await dcro.queues.views.list()).map((v) => [v.name, v.sharedWith, v.mine])).toEqual([
      ["Overdue in Corporate", "Your directorate (Corporate Services)", true],
      ["Untriaged", "Only you", true],
    ]);
    // A colleague in the directorate sees the shared one, named with its owner, and cannot delete it.
    const io = await h.as("investigating-officer");
    const theirs = await io.queues.views.list();
    expect(theirs.map((v) => [v.name, v.owner, v.mine, v.filters])).toEqual([["Overdue in Corporate", expect.any(String), false, { queue: "directorate", due: "red" }]]);
    expect((await refusal(io.queues.views.delete({ viewId: shared }))).code).toBe("NOT_FOUND");
    await dcro.queues.views.delete({ viewId: shared });
    expect(await io.queues.views.list()).toEqual([]);
  });

  it("lists the people who may handle the caller's cases, by name", async () => {
    const people = await (await h.as("dcro")).queues.handlers();
    expect(people.map((p) => p.id)).toContain(h.staffIds.get("investigating-officer"));
    expect(people.map((p) => p.id)).not.toContain(h.staffIds.get("customer-services"));
    expect(people.every((p) => !/^[0-9a-f-]{36}$/.test(p.name))).toBe(true);
    // With their open caseload, as the one-case assign list shows it (issue 16).
    expect(people.every((p) => Number.isInteger(p.openCases) && p.openCases >= 0)).toBe(true);
  });

  it("exports the queue as the screen shows it: UK dates, names not ids, formulas defused, and each case recorded as read", async () => {
    const browser = await new Browser(server.base).signIn("dcro@example.gov.uk", PASSWORD);
    const res = await browser.fetch("/queues/export.csv?queue=directorate&status=new");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="work-queue-directorate-2026-03-02.csv"');
    const lines = (await res.text()).replace(/^\ufeff/, "").trimEnd().split("\r\n");
    expect(lines[0]).toBe("Reference,Received,Kind,Service,Directorate,Stage,Status,Priority,Handler,Customer,Next due,Next due date,Due status,Letters waiting,Correspondence problem");
    // Only what the DCRO's screen shows: the waste case is another directorate's.
    expect(lines).toHaveLength(2);
    const reference = (await (await h.as("dcro")).cases.get({ caseId: ids.formula! })).reference;
    expect(lines[1]).toBe(`${reference},02/03/2026,Complaint,Council Tax,Corporate Services,Triage,New: waiting for triage,Normal,Not assigned,"'=HYPERLINK(""http://evil"")",Acknowledge,09/03/2026,On track,0,`);
    const log = await (await h.as("complaints-manager")).cases.accessLog({ caseId: ids.formula! });
    expect(log.reads.map((r) => r.purpose)).toContain("queue exported (CSV)");
  });

  it("exports a search with the search's access rules, and refuses an export without a session or a search", async () => {
    const browser = await new Browser(server.base).signIn("dcro@example.gov.uk", PASSWORD);
    const hits = await (await browser.fetch("/search/export.csv?text=bin")).text();
    expect(hits.replace(/^\ufeff/, "").trimEnd().split("\r\n")).toEqual(["Reference,Received,Kind,Service,Directorate,Status,Priority,Handler,Customer,Closed"]);
    const manager = await new Browser(server.base).signIn("complaints-manager@example.gov.uk", PASSWORD);
    expect(await (await manager.fetch("/search/export.csv?text=bin")).text()).toContain("Waste");
    expect((await manager.fetch("/search/export.csv")).status).toBe(400);
    expect((await fetch(`${server.base}/queues/export.csv?queue=mine`)).status).toBe(401);
    expect((await browser.fetch("/queues/export.csv?queue=central")).status).toBe(403);
  });
});
