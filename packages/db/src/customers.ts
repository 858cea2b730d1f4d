import { sql, type Expression, type RawBuilder } from "kysely";
import { NotFoundError } from "./errors.js";
import type { Executor } from "./executor.js";
import type { Customer } from "./schema.js";
import type { CaseAccessFacts } from "./case-reads.js";

export interface CustomerInput {
  fullName: string;
  title?: string | null;
  email?: string | null;
  phone?: string | null;
  /** Address lines, one per line (the postcode separately). */
  address?: string | null;
  postcode?: string | null;
  preferredContact?: string | null;
  /** email | post | both, or null: not said (docs/decisions/0320-resident-channels-and-receipts.md). */
  contactChannel?: "email" | "post" | "both" | null;
  /** Short notices may go by text message to `phone`. */
  smsConsent?: boolean;
  reasonableAdjustments?: string | null;
  largePrint?: boolean;
  /** The language of the public form they used: "en" or "cy" (decision 0517). */
  language?: "en" | "cy";
}

// The same normalisation as the generated columns of `customers` (migration 20261123110100),
// applied by the database to search values so both sides always agree.
export const normalise = Object.freeze({
  email: (value: string): RawBuilder<string | null> =>
    sql`nullif(lower(btrim(${value}::text)), '')`,
  phone: (value: string): RawBuilder<string | null> =>
    sql`nullif(regexp_replace(regexp_replace(${value}::text, '[^0-9+]', '', 'g'), '^(\\+44|0044)', '0'), '')`,
  postcode: (value: string): RawBuilder<string | null> =>
    sql`nullif(upper(regexp_replace(${value}::text, '\\s', '', 'g')), '')`,
});

/**
 * A prefix full-text query over the 'simple' configuration: "jo smi" matches "Joanne Smith".
 * Words are reduced to letters and digits, so user input cannot inject tsquery syntax.
 */
export function prefixQuery(text: string): RawBuilder<string> | null {
  const words = text
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  if (words.length === 0) return null;
  return sql<string>`to_tsquery('simple', ${words.map((w) => `${w}:*`).join(" & ")})`;
}

/**
 * What the older `preferredContact` (staff intake: email, phone, post, text) says of the
 * channels, where the caller did not say them itself: the same reading as the migration that
 * added them (migrations/20261209120000_resident_channels.ts), so a customer logged today is
 * written to the way one logged before it is.
 */
function channelsFromPreferredContact(input: Partial<CustomerInput>): Pick<CustomerInput, "contactChannel" | "smsConsent"> {
  const said = input.preferredContact?.trim().toLowerCase();
  if (!said) return {};
  return {
    ...(input.contactChannel === undefined && (said === "email" || said === "post") ? { contactChannel: said } : {}),
    ...(input.smsConsent === undefined && said === "text" ? { smsConsent: true } : {}),
  };
}

function columns(given: Partial<CustomerInput>) {
  const input = { ...given, ...channelsFromPreferredContact(given) };
  return {
    ...(input.fullName !== undefined ? { full_name: input.fullName } : {}),
    ...(input.title !== undefined ? { title: input.title } : {}),
    ...(input.email !== undefined ? { email: input.email } : {}),
    ...(input.phone !== undefined ? { phone: input.phone } : {}),
    ...(input.address !== undefined ? { address: input.address } : {}),
    ...(input.postcode !== undefined ? { postcode: input.postcode } : {}),
    ...(input.preferredContact !== undefined ? { preferred_contact: input.preferredContact } : {}),
    ...(input.contactChannel !== undefined ? { contact_channel: input.contactChannel } : {}),
    ...(input.smsConsent !== undefined ? { sms_consent: input.smsConsent } : {}),
    ...(input.reasonableAdjustments !== undefined
      ? { reasonable_adjustments: input.reasonableAdjustments }
      : {}),
    ...(input.largePrint !== undefined ? { large_print: input.largePrint } : {}),
    ...(input.language !== undefined ? { language: input.language } : {}),
  };
}

async function createCustomer(
  db: Executor,
  councilId: string,
  input: CustomerInput,
): Promise<Customer> {
  return db
    .insertInto("customers")
    .values({ council_id: councilId, full_name: input.fullName, ...columns(input) })
    .returningAll()
    .executeTakeFirstOrThrow();
}

async function getCustomer(db: Executor, customerId: string): Promise<Customer> {
  const customer = await db
    .selectFrom("customers")
    .selectAll()
    .where("id", "=", customerId)
    .executeTakeFirst();
  if (!customer) throw new NotFoundError("customer", customerId);
  return customer;
}

export interface CustomerLookup {
  councilId: string;
  email?: string | null;
  phone?: string | null;
  postcode?: string | null;
  /** Words of the name (prefixes match). */
  name?: string | null;
  limit?: number;
}

/**
 * Existing customers that match any of the details given (email, phone, postcode, name), best
 * first: for "is this someone we know?" at intake. Merged customers are left out.
 */
async function findCustomers(
  db: Executor,
  lookup: CustomerLookup,
): Promise<Array<Customer & { matchedOn: string[] }>> {
  const tests: Array<[string, Expression<boolean>]> = [];
  if (lookup.email?.trim())
    tests.push(["email", sql<boolean>`(email_normalised = ${normalise.email(lookup.email)})`]);
  if (lookup.phone?.trim())
    tests.push(["phone", sql<boolean>`(phone_normalised = ${normalise.phone(lookup.phone)})`]);
  if (lookup.postcode?.trim())
    tests.push([
      "postcode",
      sql<boolean>`(postcode_normalised = ${normalise.postcode(lookup.postcode)})`,
    ]);
  const name = lookup.name ? prefixQuery(lookup.name) : null;
  if (name) tests.push(["name", sql<boolean>`(name_search @@ ${name})`]);
  if (tests.length === 0) return [];

  const matched = sql<string[]>`array_remove(ARRAY[${sql.join(
    tests.map(([label, test]) => sql`CASE WHEN coalesce(${test}, false) THEN ${label}::text END`),
  )}], NULL)`;
  const rows = await db
    .selectFrom("customers")
    .selectAll()
    .select(matched.as("matchedOn"))
    .where("council_id", "=", lookup.councilId)
    .where("merged_into_id", "is", null)
    .where((eb) =>
      eb.or(tests.map(([, test]) => eb(sql<boolean>`coalesce(${test}, false)`, "=", true))),
    )
    .orderBy(sql`cardinality(${matched})`, "desc")
    .orderBy("updated_at", "desc")
    .limit(lookup.limit ?? 20)
    .execute();
  return rows;
}

/**
 * What the API's access decision needs about every case of these customers (a customer is
 * seen through the cases one may read: issue 20), by customer id, each customer's newest first.
 */
async function caseAccessFacts(
  db: Executor,
  councilId: string,
  customerIds: readonly string[],
): Promise<Map<string, CaseAccessFacts[]>> {
  const out = new Map<string, CaseAccessFacts[]>(customerIds.map((id) => [id, []]));
  if (customerIds.length === 0) return out;
  const rows = await db
    .selectFrom("cases")
    .select([
      "id",
      "council_id",
      "customer_id",
      "directorate_id",
      "restricted",
      "assigned_staff_id",
      sql<string[]>`coalesce(state -> 'aboutStaffIds', '[]'::jsonb)`.as("about"),
    ])
    .where("council_id", "=", councilId)
    .where("customer_id", "in", [...new Set(customerIds)])
    // Newest first: a customer's letters not about one case are filed on their latest (decision 0321).
    .orderBy("received_at", "desc")
    .orderBy("id")
    .execute();
  for (const r of rows) {
    out.get(r.customer_id!)?.push({
      id: r.id,
      councilId: r.council_id,
      directorateId: r.directorate_id,
      restricted: r.restricted,
      assignedStaffId: r.assigned_staff_id,
      aboutStaffIds: r.about,
    });
  }
  return out;
}

/**
 * Keeps the language of the public form the resident last used (decision 0517), so what we
 * write next follows it. A preference, not a contact detail: no timeline entry.
 */
async function setLanguage(
  db: Executor,
  input: { councilId: string; customerId: string; language: "en" | "cy"; at: Date },
): Promise<void> {
  await db
    .updateTable("customers")
    .set({ language: input.language, updated_at: input.at })
    .where("id", "=", input.customerId)
    .where("council_id", "=", input.councilId)
    .where("language", "!=", input.language)
    .execute();
}

/**
 * Corrects the customer's name (a case's edit-details command): the person's record follows,
 * so search and their other cases find them by it. The case's event keeps the old name.
 */
async function renameCustomer(db: Executor, input: { councilId: string; customerId: string; fullName: string; at: Date }): Promise<void> {
  await db
    .updateTable("customers")
    .set({ full_name: input.fullName, updated_at: input.at })
    .where("id", "=", input.customerId)
    .where("council_id", "=", input.councilId)
    .execute();
}

export const customerRepository = Object.freeze({
  caseAccessFacts,
  renameCustomer,
  setLanguage,
  createCustomer,
  getCustomer,
  findCustomers,
});
