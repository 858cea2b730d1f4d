/**
 * How to reach a case's people (issue 15, "Channels per resident"): the customer's channel and
 * contact details (on `customers`), the representative's (on `representative_contacts`), and the
 * audit trail of every change staff make to them. A change is an event in the stream of each
 * case it affects ("contact-details-changed", with the values before and after), so the case
 * timeline shows who changed what and the chained log keeps the previous value.
 * docs/decisions/0320-resident-channels-and-receipts.md.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { NotFoundError } from "./errors.js";
import { appendEvents } from "./events.js";
import { inTransaction, type Executor } from "./executor.js";

export type ContactChannelCode = "email" | "post" | "both";

/** The details that say how to reach someone; every field may be changed by staff. */
export interface ContactDetails {
  contactChannel: ContactChannelCode | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  smsConsent: boolean;
}

export const CONTACT_FIELDS = ["contactChannel", "email", "phone", "address", "postcode", "smsConsent"] as const satisfies ReadonlyArray<keyof ContactDetails>;

/** A field's value before and after a change. */
export type ContactChanges = Partial<Record<keyof ContactDetails, { from: unknown; to: unknown }>>;

export const CONTACT_CHANGE_EVENT = "contact-details-changed";

const EMPTY: ContactDetails = { contactChannel: null, email: null, phone: null, address: null, postcode: null, smsConsent: false };

function changesBetween(before: ContactDetails, after: ContactDetails): ContactChanges {
  const out: ContactChanges = {};
  for (const field of CONTACT_FIELDS) if (before[field] !== after[field]) out[field] = { from: before[field], to: after[field] };
  return out;
}

/** A `customers` or `representative_contacts` row's details. */
function detailsOf(row: { contact_channel: string | null; email: string | null; phone: string | null; address: string | null; postcode: string | null; sms_consent: boolean }): ContactDetails {
  return { contactChannel: row.contact_channel as ContactChannelCode | null, email: row.email, phone: row.phone, address: row.address, postcode: row.postcode, smsConsent: row.sms_consent };
}

/** The representative's details for a case (all empty when none were recorded). */
async function representativeContact(db: Executor, caseId: string): Promise<ContactDetails> {
  const row = await db.selectFrom("representative_contacts").selectAll().where("case_id", "=", caseId).executeTakeFirst();
  return row ? detailsOf(row) : { ...EMPTY };
}

export interface ContactChangeActor {
  type: "staff" | "public";
  id: string | null;
}

export interface ContactChangeResult {
  before: ContactDetails;
  after: ContactDetails;
  changes: ContactChanges;
}

/**
 * Appends the change to each case's stream, under the case's lock (as a read is recorded:
 * case-reads.ts), at the case's current version: a contact change is not a lifecycle command.
 * Its payload is shaped like a command's (`data`), so the case timeline shows what changed.
 */
async function recordChange(trx: Executor, input: { councilId: string; caseIds: readonly string[]; actor: ContactChangeActor; at: Date; payload: Record<string, unknown> }): Promise<void> {
  for (const caseId of [...new Set(input.caseIds)].sort()) {
    const locked = await trx.selectFrom("cases").select("version").where("id", "=", caseId).where("council_id", "=", input.councilId).forUpdate().executeTakeFirst();
    if (!locked) continue;
    await appendEvents(trx, {
      councilId: input.councilId,
      stream: { caseId },
      streamVersion: locked.version,
      events: [{ type: CONTACT_CHANGE_EVENT, occurredAt: input.at, actor: input.actor, payload: { type: CONTACT_CHANGE_EVENT, data: input.payload } }],
    });
  }
}

/**
 * Changes a customer's channel and contact details, recording the change (with the previous
 * values) on every case of theirs. Fields not given stay as they are; nothing is written when
 * nothing changes.
 */
async function updateCustomerContact(
  db: Executor,
  input: { councilId: string; customerId: string; details: Partial<ContactDetails>; actor: ContactChangeActor; at: Date; note?: string | null },
): Promise<ContactChangeResult> {
  return inTransaction(db, async (trx) => {
    const row = await trx.selectFrom("customers").selectAll().where("id", "=", input.customerId).where("council_id", "=", input.councilId).forUpdate().executeTakeFirst();
    if (!row) throw new NotFoundError("customer", input.customerId);
    const before = detailsOf(row);
    const after: ContactDetails = { ...before, ...defined(input.details) };
    const changes = changesBetween(before, after);
    if (Object.keys(changes).length === 0) return { before, after, changes };
    await trx
      .updateTable("customers")
      .set({ contact_channel: after.contactChannel, email: after.email, phone: after.phone, address: after.address, postcode: after.postcode, sms_consent: after.smsConsent, updated_at: input.at })
      .where("id", "=", input.customerId)
      .execute();
    const cases = await trx.selectFrom("cases").select("id").where("council_id", "=", input.councilId).where("customer_id", "=", input.customerId).execute();
    await recordChange(trx, {
      councilId: input.councilId,
      caseIds: cases.map((c) => c.id),
      actor: input.actor,
      at: input.at,
      payload: { changeId: randomUUID(), party: "customer", customerId: input.customerId, changes, note: input.note ?? null },
    });
    return { before, after, changes };
  });
}

/** Records or changes the representative's channel and contact details on the case, with the change on its timeline. */
async function updateRepresentativeContact(
  db: Executor,
  input: { councilId: string; caseId: string; details: Partial<ContactDetails>; actor: ContactChangeActor; at: Date; note?: string | null; /** At intake: no timeline entry (the log event holds it). */ silent?: boolean },
): Promise<ContactChangeResult> {
  return inTransaction(db, async (trx) => {
    const existing = await trx.selectFrom("representative_contacts").selectAll().where("case_id", "=", input.caseId).forUpdate().executeTakeFirst();
    const before = existing ? detailsOf(existing) : { ...EMPTY };
    const after: ContactDetails = { ...before, ...defined(input.details) };
    const changes = changesBetween(before, after);
    if (Object.keys(changes).length === 0 && existing) return { before, after, changes };
    const values = { contact_channel: after.contactChannel, email: after.email, phone: after.phone, address: after.address, postcode: after.postcode, sms_consent: after.smsConsent, updated_at: input.at };
    await trx
      .insertInto("representative_contacts")
      .values({ case_id: input.caseId, council_id: input.councilId, ...values })
      .onConflict((oc) => oc.column("case_id").doUpdateSet(values))
      .execute();
    if (!input.silent && Object.keys(changes).length > 0) {
      await recordChange(trx, { councilId: input.councilId, caseIds: [input.caseId], actor: input.actor, at: input.at, payload: { changeId: randomUUID(), party: "representative", changes, note: input.note ?? null } });
    }
    return { before, after, changes };
  });
}

export interface ContactChangeRecord {
  changeId: string;
  at: Date;
  actorType: string;
  actorId: string | null;
  actorName: string | null;
  party: "customer" | "representative";
  changes: ContactChanges;
  note: string | null;
}

/** The changes to a customer's details recorded on these cases, newest first, each once. */
async function customerContactChanges(db: Executor, customerId: string, caseIds: readonly string[]): Promise<ContactChangeRecord[]> {
  if (caseIds.length === 0) return [];
  const rows = await db
    .selectFrom("events as e")
    .leftJoin("staff as s", (join) => join.on(sql<boolean>`s.id::text = e.actor_id`))
    .select(["e.occurred_at", "e.actor_type", "e.actor_id", "s.display_name", "e.payload"])
    .where("e.case_id", "in", [...caseIds])
    .where("e.type", "=", CONTACT_CHANGE_EVENT)
    .orderBy("e.occurred_at", "desc")
    .execute();
  const seen = new Set<string>();
  const out: ContactChangeRecord[] = [];
  for (const r of rows) {
    const p = ((typeof r.payload === "string" ? JSON.parse(r.payload) : r.payload) as { data: { changeId: string; party: "customer" | "representative"; customerId?: string; changes: ContactChanges; note: string | null } }).data;
    if (p.party !== "customer" || p.customerId !== customerId || seen.has(p.changeId)) continue;
    seen.add(p.changeId);
    out.push({ changeId: p.changeId, at: r.occurred_at, actorType: r.actor_type, actorId: r.actor_id, actorName: r.display_name, party: p.party, changes: p.changes, note: p.note });
  }
  return out;
}

function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export const contactRepository = Object.freeze({
  representativeContact,
  updateCustomerContact,
  updateRepresentativeContact,
  customerContactChanges,
});
