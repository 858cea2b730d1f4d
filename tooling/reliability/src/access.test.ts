/**
 * Issue 20's access findings against the running API (apps/api `start.js`) on PostgreSQL, on a
 * synthetic council (Lewisham's directorates): a customer and their persistent-complainant
 * record are seen only through a case one may read (finding 1, and the customer directory);
 * the staff a complaint is about are never notified of it (6); no signed-in member of staff
 * acts as the resident, and only the front door sees the tracking code (7); reads of case
 * content are recorded (8); API keys never read restricted cases; a command form sent twice
 * is done once.
 */
import { request, type Child } from "@complaints/bench";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { integrationKey, query, signIn, startWorld, type Council } from "./setup/world.js";

let url: string;
let council: Council;
let api: Child;

beforeAll(async () => ({ url, council, api } = await startWorld("access", { cases: 60 })));
afterAll(() => api?.stop());

let n = 0;
/** Logs a case as the complaints manager for a new customer; answers its id, reference and customer. */
async function logCase(serviceId: string, extra: Record<string, unknown> = {}) {
  n += 1;
  const manager = await signIn(api.url, council.email("complaints-manager"));
  const email = `access.${n}.${Date.now()}@example.com`;
  const logged = await manager.mutation<{ caseId: string; reference: string; version: number }>("cases.log", {
    kind: "complaint",
    channel: "email",
    serviceId,
    description: `Access check ${n}: the service did not answer my letters`,
    customer: { fullName: `Access Person ${n}`, email },
    ...extra,
  });
  const [row] = await query<{ customer_id: string }>(url, "SELECT customer_id FROM cases WHERE id = $1", [logged.caseId]);
  return { ...logged, customerId: row!.customer_id, email };
}

const readsOf = async (caseId: string, staffId: string) =>
  (await query<{ purpose: string }>(url, "SELECT payload ->> 'purpose' AS purpose FROM events WHERE case_id = $1 AND type = 'case-read' AND actor_id = $2 ORDER BY seq", [caseId, staffId])).map((r) => r.purpose);

describe("finding 1: the persistent-complainant process stays within the cases one may see", () => {
  it("refuses another directorate's DCRO, head of service and director, and whoever cannot open the only (restricted) case", async () => {
    const planning = await logCase("planning");
    const refer = { customerId: planning.customerId, expectedVersion: 0, command: { type: "refer", evidence: "Many emails a day" } };
    for (const role of ["dcro", "head-of-service", "director"]) {
      const other = await signIn(api.url, council.email(role, "customer-services"));
      expect((await other.mutationReply("customers.conductCommand", refer)).status, role).toBe(404);
      expect((await other.queryReply("customers.conduct", { customerId: planning.customerId })).status, role).toBe(404);
    }
    // The directorate's DCRO reads its restricted cases (decision 0325), but never one about them.
    const safeguarding = await logCase("refuse-collection", { flags: ["safeguarding"], aboutStaffIds: [council.id("dcro", "customer-services")] });
    const dcro = await signIn(api.url, council.email("dcro", "customer-services"));
    expect((await dcro.mutationReply("customers.conductCommand", { ...refer, customerId: safeguarding.customerId })).status).toBe(404);
    // The customer's own directorate's DCRO works the process.
    const own = await signIn(api.url, council.email("dcro", "regeneration"));
    expect((await own.mutationReply("customers.conductCommand", refer)).status).toBe(200);
    const [conduct] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM events WHERE conduct_customer_id IN ($1, $2)", [planning.customerId, safeguarding.customerId]);
    expect(conduct!.n).toBe(1);
  });

  it("keeps a customer whose only case is restricted out of the customer directory", async () => {
    const safeguarding = await logCase("refuse-collection", { flags: ["safeguarding"] });
    const cso = await signIn(api.url, council.email("customer-services"));
    expect(await cso.query<unknown[]>("customers.find", { email: safeguarding.email })).toEqual([]);
    expect((await cso.queryReply("customers.history", { customerId: safeguarding.customerId })).status).toBe(404);
    const manager = await signIn(api.url, council.email("complaints-manager"));
    expect((await manager.query<Array<{ id: string }>>("customers.find", { email: safeguarding.email })).map((c) => c.id)).toEqual([safeguarding.customerId]);
  });
});

describe("finding 6: the staff a complaint is about are not told of it", () => {
  it("a notify to the heads of service leaves out the head of service the complaint is about", async () => {
    const subject = council.id("head-of-service", "regeneration");
    const about = await logCase("planning", { aboutStaffIds: [subject] });
    const manager = await signIn(api.url, council.email("complaints-manager"));
    await manager.mutation("command.notify", { caseId: about.caseId, expectedVersion: about.version, party: "head-of-service", reason: "A complaint about one of your managers" });
    const told = (await query<{ staff_id: string | null }>(url, "SELECT recipient ->> 'staffId' AS staff_id FROM notifications_outbox WHERE case_id = $1 AND kind = 'case-notification'", [about.caseId])).map((r) => r.staff_id);
    expect(told.length).toBeGreaterThan(0);
    expect(told).not.toContain(subject);
  });
});

describe("finding 7: read-only roles do not act as the resident", () => {
  it("shows the tracking code to the front door only, and refuses staff sessions the resident's escalation and equality form", async () => {
    const logged = await logCase("refuse-collection");
    const cso = await signIn(api.url, council.email("customer-services"));
    const code = (await cso.query<{ trackingCode: string | null }>("cases.get", { caseId: logged.caseId })).trackingCode;
    expect(code).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/);
    const auditor = await signIn(api.url, council.email("auditor"));
    expect((await auditor.query<{ trackingCode: string | null }>("cases.get", { caseId: logged.caseId })).trackingCode).toBeNull();
    const proof = { reference: logged.reference, trackingCode: code! };
    const escalation = await auditor.mutationReply("public.escalate", { ...proof, expectedVersion: logged.version, idempotencyKey: "auditor-escalation-1" });
    expect(escalation.status).toBe(403);
    expect(escalation.text).toMatch(/signed in as a member of staff/);
    expect((await auditor.mutationReply("public.equality", { ...proof, consent: true, answers: { sex: "prefer-not-to-say" } })).status).toBe(403);
    const [row] = await query<{ version: number }>(url, "SELECT version FROM cases WHERE id = $1", [logged.caseId]);
    expect(row!.version).toBe(logged.version);
    expect((await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM equality_monitoring WHERE case_id = $1", [logged.caseId]))[0]!.n).toBe(0);
  });
});

describe("finding 8: reads of case content are recorded", () => {
  it("records search results, letter and file lists, and a customer's history and conduct record", async () => {
    const logged = await logCase("planning");
    const dcro = await signIn(api.url, council.email("dcro", "regeneration"));
    const dcroId = council.id("dcro", "regeneration");
    expect((await dcro.query<Array<{ id: string }>>("search.cases", { reference: logged.reference, limit: 5 })).map((c) => c.id)).toContain(logged.caseId);
    await dcro.query("letters.list", { caseId: logged.caseId });
    await dcro.query("attachments.list", { caseId: logged.caseId });
    await dcro.query("customers.history", { customerId: logged.customerId });
    await dcro.query("customers.conduct", { customerId: logged.customerId });
    expect(await readsOf(logged.caseId, dcroId)).toEqual(["search result", "letters listed", "files listed", "customer history", "customer's persistent-complainant record"]);
  });
});

describe("low findings", () => {
  it("an API key with cases:read gets 'not found' for a restricted case of its own directorate", async () => {
    const key = await integrationKey(api.url, council, ["customer-services"]);
    const open = await logCase("refuse-collection");
    const restricted = await logCase("refuse-collection", { flags: ["safeguarding"] });
    const status = (reference: string) => request(`${api.url}/api/v1/cases/${reference}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await status(open.reference)).status).toBe(200);
    const refused = await status(restricted.reference);
    expect(refused.status).toBe(404);
    expect(refused.text).not.toMatch(/"status"\s*:\s*"(new|open)"/);
  });

  it("a command form sent twice at once with its own key is done once, both answered alike", async () => {
    const logged = await logCase("refuse-collection");
    const dcro = await signIn(api.url, council.email("dcro", "customer-services"));
    const send = () => dcro.mutationReply("command.triage", { caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept", idempotencyKey: `double-click-${logged.caseId}` });
    const [first, second] = await Promise.all([send(), send()]);
    expect([first.status, second.status]).toEqual([200, 200]);
    expect(JSON.parse(second.text).result).toEqual(JSON.parse(first.text).result);
    const [triages] = await query<{ n: number }>(url, "SELECT count(*)::int AS n FROM events WHERE case_id = $1 AND type = 'triage'", [logged.caseId]);
    expect(triages!.n).toBe(1);
  });
});
