import { sql, type Kysely } from "kysely";

/**
 * How to write to each resident and representative (issue 15, "Channels per resident";
 * docs/decisions/0320-resident-channels-and-receipts.md). Frozen.
 *
 * `customers.contact_channel` is what the customer asked for (email, post, both; null: not
 * said, so the case's intake channel decides: core's correspondenceChannels) and `sms_consent`
 * whether short notices may go by text message to `phone`. `preferred_contact` stays as it was
 * (free text from older intake); its values that name a channel are carried over once.
 *
 * `representative_contacts` holds the contact details of a case's representative: the case
 * state (and its projection `case_representatives`, rewritten from it) keeps who they are and
 * their consent. A representative belongs to one case.
 */
const UP = [
  `ALTER TABLE customers
    ADD COLUMN contact_channel text CHECK (contact_channel IN ('email', 'post', 'both')),
    ADD COLUMN sms_consent boolean NOT NULL DEFAULT false`,
  `UPDATE customers SET
    contact_channel = CASE lower(btrim(preferred_contact)) WHEN 'email' THEN 'email' WHEN 'post' THEN 'post' END,
    sms_consent = coalesce(lower(btrim(preferred_contact)) = 'text', false)
   WHERE preferred_contact IS NOT NULL`,
  `CREATE TABLE representative_contacts (
    case_id uuid PRIMARY KEY,
    council_id uuid NOT NULL,
    contact_channel text CHECK (contact_channel IN ('email', 'post', 'both')),
    email text,
    phone text,
    address text,
    postcode text,
    sms_consent boolean NOT NULL DEFAULT false,
    updated_at timestamptz NOT NULL,
    FOREIGN KEY (council_id, case_id) REFERENCES cases (council_id, id)
  )`,
];

const DOWN = [`DROP TABLE representative_contacts`, `ALTER TABLE customers DROP COLUMN sms_consent, DROP COLUMN contact_channel`];

export async function up(db: Kysely<any>): Promise<void> {
  for (const statement of UP) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const statement of DOWN) await sql.raw(statement).execute(db);
}
