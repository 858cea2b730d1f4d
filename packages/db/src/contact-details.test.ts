/**
 * How to reach a case's people (issue 15, "Channels per resident"): staff change a customer's or
 * representative's channel and details, and every change is on the affected cases' timelines
 * with the previous value, in the chained log.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, type Seed } from "../test/fixtures.js";
import { contactRepository, CONTACT_CHANGE_EVENT } from "./contact-details.js";
import { customerRepository } from "./customers.js";
import { listEvents, verifyEventChain } from "./events.js";
import { caseRepository } from "./cases.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const staff = () => ({ type: "staff" as const, id: seed.officer.id });
const at = new Date("2026-03-04T10:00:00Z");

describe("a customer's channel and contact details", () => {
  it("are stored with the customer when logged", async () => {
    const logged = await logToyCase(t.db, seed, { customer: { fullName: "Ann Smith", email: "ann@example.com", contactChannel: "email", smsConsent: true, phone: "07700 900123" } });
    const customer = await customerRepository.getCustomer(t.db, logged.state.customerId!);
    expect({ channel: customer.contact_channel, sms: customer.sms_consent }).toEqual({ channel: "email", sms: true });
  });

  it("change with an event on each of the customer's cases, keeping the previous values", async () => {
    const first = await logToyCase(t.db, seed, { customer: { fullName: "Bob Jones", email: "bob@example.com" } });
    const second = await logToyCase(t.db, seed, { customer: { id: first.state.customerId! } });
    const result = await contactRepository.updateCustomerContact(t.db, { councilId: seed.councilId, customerId: first.state.customerId!, details: { contactChannel: "post", address: "2 Low Road", postcode: "EX2 2BB" }, actor: staff(), at, note: "Phoned to ask for letters" });
    expect(result.changes).toEqual({ contactChannel: { from: null, to: "post" }, address: { from: null, to: "2 Low Road" }, postcode: { from: null, to: "EX2 2BB" } });
    expect(result.after).toEqual({ contactChannel: "post", email: "bob@example.com", phone: null, address: "2 Low Road", postcode: "EX2 2BB", smsConsent: false });
    for (const caseId of [first.caseId, second.caseId]) {
      const events = await listEvents(t.db, { caseId });
      const change = events.find((e) => e.type === CONTACT_CHANGE_EVENT);
      expect(change?.actor).toEqual(staff());
      expect(change?.payload).toMatchObject({ type: CONTACT_CHANGE_EVENT, data: { party: "customer", customerId: first.state.customerId, changes: result.changes, note: "Phoned to ask for letters" } });
      // Not a lifecycle command: the case keeps its version, and the chain verifies.
      expect((await caseRepository.getCase(t.db, caseId)).version).toBe(1);
      expect(await verifyEventChain(t.db, caseId)).toMatchObject({ ok: true });
    }
    const history = await contactRepository.customerContactChanges(t.db, first.state.customerId!, [first.caseId, second.caseId]);
    expect(history).toHaveLength(1);
    expect(history[0]).toMatchObject({ actorId: seed.officer.id, party: "customer", changes: result.changes });
  });

  it("records nothing when nothing changes", async () => {
    const logged = await logToyCase(t.db, seed, { customer: { fullName: "Cat Lee", email: "cat@example.com" } });
    const result = await contactRepository.updateCustomerContact(t.db, { councilId: seed.councilId, customerId: logged.state.customerId!, details: { email: "cat@example.com" }, actor: staff(), at });
    expect(result.changes).toEqual({});
    expect((await listEvents(t.db, { caseId: logged.caseId })).map((e) => e.type)).not.toContain(CONTACT_CHANGE_EVENT);
  });

  it("refuses a customer of another council", async () => {
    const other = await seedCouncil(t.db);
    const logged = await logToyCase(t.db, seed, { customer: { fullName: "Dee Far" } });
    await expect(contactRepository.updateCustomerContact(t.db, { councilId: other.councilId, customerId: logged.state.customerId!, details: { email: "x@example.com" }, actor: staff(), at })).rejects.toThrow(/customer/);
  });
});

describe("a representative's channel and contact details", () => {
  it("are empty until recorded, then kept per case with their changes on its timeline", async () => {
    const logged = await logToyCase(t.db, seed, { customer: { fullName: "Eve Ward" } });
    expect(await contactRepository.representativeContact(t.db, logged.caseId)).toEqual({ contactChannel: null, email: null, phone: null, address: null, postcode: null, smsConsent: false });
    await contactRepository.updateRepresentativeContact(t.db, { councilId: seed.councilId, caseId: logged.caseId, details: { contactChannel: "email", email: "mp@parliament.example" }, actor: staff(), at });
    const changed = await contactRepository.updateRepresentativeContact(t.db, { councilId: seed.councilId, caseId: logged.caseId, details: { contactChannel: "both", address: "House of Commons", postcode: "SW1A 0AA" }, actor: staff(), at });
    expect(changed.before.contactChannel).toBe("email");
    expect(await contactRepository.representativeContact(t.db, logged.caseId)).toMatchObject({ contactChannel: "both", email: "mp@parliament.example", postcode: "SW1A 0AA" });
    const events = (await listEvents(t.db, { caseId: logged.caseId })).filter((e) => e.type === CONTACT_CHANGE_EVENT);
    expect(events.map((e) => (e.payload as { data: { changes: Record<string, unknown> } }).data.changes)).toEqual([
      { contactChannel: { from: null, to: "email" }, email: { from: null, to: "mp@parliament.example" } },
      { contactChannel: { from: "email", to: "both" }, address: { from: null, to: "House of Commons" }, postcode: { from: null, to: "SW1A 0AA" } },
    ]);
  });
});
