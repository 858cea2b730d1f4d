/**
 * Channels per resident (issue 15; docs/decisions/0320-resident-channels-and-receipts.md): staff
 * see how a customer and a representative are written to and why, change it with the change
 * and its previous value on the timeline, and the recipients other slices enqueue follow it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { caseRepository } from "@complaints/db";
import { ALL_CHANNELS_AVAILABLE, type CaseState } from "@complaints/core";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { residentRecipients } from "./correspondence-recipients.js";

let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h?.close());

const logged = async (over: Record<string, unknown> = {}) =>
  (await h.as("customer-services")).cases.log({
    kind: "complaint",
    channel: "email",
    serviceId: "council-tax",
    description: "Charged twice for March.",
    customer: { fullName: "Ann Smith", email: "ann@example.com", phone: "07700 900123", address: "1 High Street\nExampleton", postcode: "EX1 1AA" },
    ...over,
  });

const stateOf = async (caseId: string) => (await caseRepository.getCase<CaseState>(h.db.db, caseId)).state;

describe("what staff see", () => {
  it("says which channel and why: an email complaint is answered by email (Leeds policy para 14)", async () => {
    const { caseId } = await logged();
    const contacts = await (await h.as("investigating-officer")).cases.contacts({ caseId });
    expect(contacts.parties).toEqual([
      expect.objectContaining({ party: "customer", name: "Ann Smith", contactChannel: null, addressee: true, channels: ["email"], sms: false, reasons: ["By email: the complaint came by email"], problem: null }),
    ]);
    expect(await residentRecipients(h.db.db, await stateOf(caseId), "acknowledgement", ALL_CHANNELS_AVAILABLE)).toEqual([{ party: "customer", name: "Ann Smith", channel: "email", email: "ann@example.com", largePrint: false }]);
  });

  it("answers a phone complaint by post", async () => {
    const { caseId } = await logged({ channel: "phone" });
    expect((await residentRecipients(h.db.db, await stateOf(caseId), "acknowledgement", ALL_CHANNELS_AVAILABLE)).map((r) => r.channel)).toEqual(["post"]);
  });

  it("answers a phone complaint by email when staff recorded that the customer prefers email at intake", async () => {
    const { caseId } = await logged({ channel: "phone", customer: { fullName: "Ann Smith", email: "ann.prefers@example.com", phone: "07700 900123", address: "1 High Street\nExampleton", postcode: "EX1 1AA", preferredContact: "email" } });
    expect(await residentRecipients(h.db.db, await stateOf(caseId), "acknowledgement", ALL_CHANNELS_AVAILABLE)).toEqual([{ party: "customer", name: "Ann Smith", channel: "email", email: "ann.prefers@example.com", largePrint: false }]);
    const contacts = await (await h.as("investigating-officer")).cases.contacts({ caseId });
    expect(contacts.parties[0]).toMatchObject({ contactChannel: "email", channels: ["email"] });
  });

  it("sends short notices by text to a customer whom staff recorded as preferring text", async () => {
    const { caseId } = await logged({ customer: { fullName: "Ann Smith", email: "ann.texts@example.com", phone: "07700 900123", preferredContact: "text" } });
    expect((await residentRecipients(h.db.db, await stateOf(caseId), "acknowledgement", ALL_CHANNELS_AVAILABLE)).map((r) => r.channel)).toEqual(["email", "sms"]);
  });
});

describe("changing how a customer is written to", () => {
  it("records who changed what, with the previous values, on the timeline and the customer's history; the recipients follow", async () => {
    const { caseId } = await logged();
    const cso = await h.as("customer-services");
    const changed = await cso.cases.updateContact({ caseId, party: "customer", details: { contactChannel: "both", email: "ann@example.com", phone: "07700 900123", smsConsent: true, address: "1 High Street\nExampleton", postcode: "ex1 1aa", note: "Phoned to ask for letters too" } });
    expect(changed.changed.sort()).toEqual(["contactChannel", "smsConsent"]);
    const detail = await cso.cases.get({ caseId });
    const entry = detail.timeline.find((e) => e.type === "contact-details-changed");
    expect(entry).toMatchObject({
      actor: { type: "staff", name: "customer-services person" },
      data: { party: "customer", changes: { contactChannel: { from: null, to: "both" }, smsConsent: { from: false, to: true } }, note: "Phoned to ask for letters too" },
    });
    const history = await cso.customers.contact({ customerId: detail.customer!.id });
    expect(history.changes).toEqual([{ at: expect.any(String), by: "customer-services person", changes: { contactChannel: { from: null, to: "both" }, smsConsent: { from: false, to: true } }, note: "Phoned to ask for letters too" }]);
    expect((await residentRecipients(h.db.db, await stateOf(caseId), "response", ALL_CHANNELS_AVAILABLE)).map((r) => [r.channel, r.email ?? r.phone ?? null])).toEqual([
      ["email", "ann@example.com"],
      ["post", null],
      ["sms", "07700 900123"],
    ]);
  });

  it("refuses a channel with no details for it, in words for the form", async () => {
    const { caseId } = await logged();
    const bad = await refusal((await h.as("customer-services")).cases.updateContact({ caseId, party: "customer", details: { contactChannel: "post", email: "ann@example.com" } }));
    expect(bad.code).toBe("BAD_REQUEST");
    expect(JSON.stringify(bad.client)).toContain("Enter the address: they want us to write by post");
  });

  it("is for those who speak with residents: an auditor reads but cannot change", async () => {
    const { caseId } = await logged();
    const auditor = await h.as("auditor");
    expect((await auditor.cases.contacts({ caseId })).canChange).toBe(false);
    const refused = await refusal(auditor.cases.updateContact({ caseId, party: "customer", details: { contactChannel: "email", email: "x@example.com" } }));
    expect(refused.code).toBe("FORBIDDEN");
  });
});

describe("a representative", () => {
  it("gets the correspondence when replies go to them, on their own channel", async () => {
    const { caseId } = await logged({ representative: { name: "Jo Member MP", role: "mp", consent: { basis: "written", recordedOn: "2026-03-02" }, replyTo: "representative" } });
    const cso = await h.as("customer-services");
    const before = await cso.cases.contacts({ caseId });
    expect(before.parties.find((p) => p.party === "representative")).toMatchObject({ addressee: true, channels: [], problem: "We cannot write to Jo Member MP: there is no email address and no full postal address. Ask them how they want us to contact them." });
    await cso.cases.updateContact({ caseId, party: "representative", details: { contactChannel: "email", email: "jo.member@parliament.example" } });
    expect(await residentRecipients(h.db.db, await stateOf(caseId), "response", ALL_CHANNELS_AVAILABLE)).toEqual([{ party: "representative", name: "Jo Member MP", channel: "email", email: "jo.member@parliament.example", largePrint: false }]);
    // The equality form is the customer's own.
    expect((await residentRecipients(h.db.db, await stateOf(caseId), "equality-form", ALL_CHANNELS_AVAILABLE)).map((r) => r.party)).toEqual(["customer"]);
  });

  it("cannot be given details on a case without one", async () => {
    const { caseId } = await logged();
    const refused = await refusal((await h.as("customer-services")).cases.updateContact({ caseId, party: "representative", details: { contactChannel: "email", email: "x@example.com" } }));
    expect(refused.client.refusal).toMatchObject({ code: "NOT_ALLOWED_NOW" });
  });
});
