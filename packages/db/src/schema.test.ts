import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import type { DB } from "./schema.js";

// Every table and column of the hand-written types, and nothing else: the compiler rejects a
// missing or extra key here, and the test below rejects any difference from the database.
const declared: { [T in keyof DB]: { [C in keyof DB[T]]-?: true } } = {
  councils: { id: true, slug: true, name: true, reference_prefix: true, time_zone: true, profile: true, created_at: true, updated_at: true },
  directorates: { id: true, council_id: true, code: true, name: true, archived_at: true, created_at: true },
  services: { id: true, council_id: true, directorate_id: true, code: true, name: true, plugins: true, settings: true, archived_at: true, created_at: true },
  teams: { id: true, council_id: true, service_id: true, code: true, name: true, archived_at: true, created_at: true },
  staff: {
    id: true, council_id: true, email: true, display_name: true, job_title: true, team_id: true, password_hash: true,
    oidc_issuer: true, oidc_subject: true, active: true, last_login_at: true, created_at: true, updated_at: true,
  },
  staff_roles: { staff_id: true, council_id: true, role: true, directorate_id: true, granted_at: true },
  customers: {
    id: true, council_id: true, title: true, full_name: true, email: true, phone: true, address: true, postcode: true,
    preferred_contact: true, reasonable_adjustments: true, large_print: true, merged_into_id: true, email_normalised: true,
    phone_normalised: true, postcode_normalised: true, name_search: true, address_search: true, created_at: true, updated_at: true,
  },
  customer_conduct: { customer_id: true, council_id: true, version: true, status: true, review_by: true, state: true, updated_at: true },
  case_reference_counters: { council_id: true, year: true, last_value: true },
  cases: {
    id: true, council_id: true, reference: true, version: true, kind: true, status: true, channel: true, priority: true,
    regime_id: true, category: true, sub_category: true, flags: true, directorate_id: true, service_id: true, team_id: true,
    assigned_staff_id: true, customer_id: true, current_stage_id: true, received_at: true, receipt_date: true, closed_on: true,
    restricted: true, description: true, search: true, state: true, created_at: true, updated_at: true,
  },
  case_representatives: { case_id: true, name: true, role: true, consent_basis: true, consent_recorded_on: true, reply_to: true },
  stage_instances: {
    case_id: true, sequence: true, stage_id: true, label: true, phase: true, requested_on: true, acknowledged_on: true,
    handler_staff_id: true, extension_count: true, extended_to: true, responded_on: true, outcome: true, signed_by: true, ended_on: true,
  },
  due_dates: {
    case_id: true, due_id: true, council_id: true, directorate_id: true, case_open: true, kind: true, nature: true,
    stage_id: true, due_date: true, met_on: true, rule: true, explanation: true,
  },
  idempotency_keys: { council_id: true, scope: true, key: true, request_hash: true, case_id: true, response: true, created_at: true, expires_at: true },
  events: {
    id: true, council_id: true, case_id: true, conduct_customer_id: true, seq: true, stream_version: true, type: true,
    occurred_at: true, actor_type: true, actor_id: true, payload: true, prev_hash: true, hash: true,
  },
  contacts: { case_id: true, ordinal: true, on_date: true, direction: true, channel: true, summary: true, by_id: true },
  attachments: {
    id: true, council_id: true, case_id: true, file_name: true, media_type: true, size_bytes: true, sha256: true, storage: true,
    content: true, storage_key: true, description: true, uploaded_at: true, uploaded_by_type: true, uploaded_by_id: true,
  },
  remedies: {
    case_id: true, id: true, council_id: true, stage_sequence: true, type: true, description: true, owner_id: true,
    due_on: true, amount_pence: true, financial_kind: true, approver_id: true, completed_on: true,
  },
  learning_actions: {
    case_id: true, id: true, council_id: true, directorate_id: true, stage_sequence: true, root_cause: true, lessons: true,
    description: true, owner_id: true, due_on: true, completed_on: true,
  },
  ombudsman_enquiries: {
    case_id: true, id: true, council_id: true, body: true, their_reference: true, received_on: true, response_due_on: true,
    responded_on: true, approved_by: true, finding: true, injustice: true, decided_on: true, remedies: true, satisfied_on: true,
  },
  letters: {
    id: true, council_id: true, case_id: true, stage_instance_id: true, kind: true, recipient: true, large_print: true,
    model: true, issued_at: true, issued_by: true, pdf: true, size_bytes: true, sha256: true,
  },
  notifications_outbox: {
    id: true, council_id: true, case_id: true, kind: true, recipient: true, payload: true, dedupe_key: true, created_at: true,
    available_at: true, attempts: true, max_attempts: true, locked_by: true, locked_until: true, sent_at: true, failed_at: true,
    last_error: true,
  },
  sessions: { id: true, council_id: true, staff_id: true, created_at: true, last_seen_at: true, expires_at: true, revoked_at: true, ip: true, user_agent: true },
  api_keys: {
    id: true, council_id: true, name: true, prefix: true, key_hash: true, scopes: true, created_by: true, created_at: true,
    expires_at: true, last_used_at: true, revoked_at: true,
  },
};

describe("src/schema.ts", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(() => t?.close());

  it("declares exactly the tables and columns the migrations create", async () => {
    const { rows } = await sql<{ table: string; column: string }>`
      SELECT c.table_name AS "table", c.column_name AS "column"
      FROM information_schema.columns c
      JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
      WHERE c.table_schema = current_schema() AND t.table_type = 'BASE TABLE' AND c.table_name NOT LIKE 'kysely\\_%'`.execute(t.db);
    const actual: Record<string, string[]> = {};
    for (const { table, column } of rows) (actual[table] ??= []).push(column);
    for (const columns of Object.values(actual)) columns.sort();
    const expected = Object.fromEntries(Object.entries(declared).map(([table, columns]) => [table, Object.keys(columns).sort()]));
    expect(actual).toEqual(expected);
  });
});
