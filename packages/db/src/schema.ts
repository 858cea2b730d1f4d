/**
 * Kysely types of the schema built by src/migrations, written by hand (kysely-codegen would
 * need a live database at build time). Keep in step with the migrations: the schema test
 * (schema.test.ts) compares these column lists with the migrated database.
 *
 * Conventions, the same on PostgreSQL and PGlite (see client.ts):
 * - `timestamptz` reads as `Date`; `date` reads and writes as a "YYYY-MM-DD" string;
 * - `jsonb` reads as parsed JSON and is written as JSON text (use `toJson()`): the two drivers
 *   would otherwise disagree about how to send a JavaScript array;
 * - `bytea` reads as `Uint8Array`; `bigint` identities read as `number`.
 */
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from "kysely";
import type { InboundOutcome } from "@complaints/core";
import type { ReportTables } from "./reports/schema.js";

/** A `timestamptz` column. */
export type Timestamp = ColumnType<Date, Date, Date>;
/** A `timestamptz` column with a database default. */
export type DefaultTimestamp = ColumnType<Date, Date | undefined, Date>;
/** A `date` column: "YYYY-MM-DD". */
export type DateString = string;
/** A `jsonb` column holding `T`, written as JSON text. */
export type Json<T> = ColumnType<T, string, string>;
/** A `jsonb` column with a database default. */
export type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;
/** A column the database computes (GENERATED ALWAYS … STORED): readable, never written. */
export type Computed<T> = ColumnType<T, never, never>;
/** A `bytea` column. */
export type Bytes = ColumnType<Uint8Array, Uint8Array, Uint8Array>;

export interface CouncilsTable {
  id: Generated<string>;
  slug: string;
  name: string;
  reference_prefix: Generated<string>;
  time_zone: Generated<string>;
  profile: JsonWithDefault<Record<string, unknown>>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

/** The host names a council's pages answer to (lower case, no port); one council per name. */
export interface CouncilHostsTable {
  host: string;
  council_id: string;
  created_at: DefaultTimestamp;
}

/**
 * A case representative's contact details (migration 20261209120000): kept apart from the
 * `case_representatives` projection, which is rewritten from the case state.
 */
export interface RepresentativeContactsTable {
  case_id: string;
  council_id: string;
  contact_channel: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  sms_consent: Generated<boolean>;
  updated_at: Date;
}

export interface DirectoratesTable {
  id: Generated<string>;
  council_id: string;
  code: string;
  name: string;
  archived_at: Date | null;
  created_at: DefaultTimestamp;
}

export interface ServicesTable {
  id: Generated<string>;
  council_id: string;
  directorate_id: string;
  code: string;
  name: string;
  plugins: ColumnType<string[], string[] | undefined, string[]>;
  settings: JsonWithDefault<Record<string, unknown>>;
  archived_at: Date | null;
  created_at: DefaultTimestamp;
}

export interface TeamsTable {
  id: Generated<string>;
  council_id: string;
  service_id: string;
  code: string;
  name: string;
  archived_at: Date | null;
  created_at: DefaultTimestamp;
}

export interface StaffTable {
  id: Generated<string>;
  council_id: string;
  email: string;
  display_name: string;
  job_title: string | null;
  team_id: string | null;
  password_hash: string | null;
  /** Set by an administrator for someone else: changed at the next sign-in before anything else. */
  password_must_change: Generated<boolean>;
  oidc_issuer: string | null;
  oidc_subject: string | null;
  active: Generated<boolean>;
  last_login_at: Date | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface StaffRolesTable {
  staff_id: string;
  council_id: string;
  role: string;
  directorate_id: string | null;
  granted_at: DefaultTimestamp;
}

export interface CustomersTable {
  id: Generated<string>;
  council_id: string;
  title: string | null;
  full_name: string;
  email: string | null;
  phone: string | null;
  address: string | null;
  postcode: string | null;
  preferred_contact: string | null;
  /** email | post | both; null: not said (docs/decisions/0320-resident-channels-and-receipts.md). */
  contact_channel: string | null;
  sms_consent: Generated<boolean>;
  reasonable_adjustments: string | null;
  large_print: Generated<boolean>;
  /** "en" or "cy": the language of the public form they used (decision 0517). */
  language: Generated<string>;
  merged_into_id: string | null;
  email_normalised: Computed<string | null>;
  phone_normalised: Computed<string | null>;
  postcode_normalised: Computed<string | null>;
  name_search: Computed<string>;
  address_search: Computed<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export type ConductStatus = "none" | "referred" | "warned" | "designated" | "lifted";

export interface CustomerConductTable {
  customer_id: string;
  council_id: string;
  version: number;
  status: ConductStatus;
  review_by: DateString | null;
  state: Json<unknown>;
  updated_at: DefaultTimestamp;
}

export interface CaseReferenceCountersTable {
  council_id: string;
  year: number;
  last_value: number;
}

export interface CasesTable {
  id: ColumnType<string, string | undefined, never>;
  council_id: ColumnType<string, string, never>;
  reference: ColumnType<string, string, never>;
  version: number;
  kind: string;
  status: string;
  channel: string;
  priority: string;
  regime_id: string | null;
  category: string | null;
  sub_category: string | null;
  flags: ColumnType<string[], string[] | undefined, string[]>;
  directorate_id: string | null;
  service_id: string | null;
  team_id: string | null;
  assigned_staff_id: string | null;
  customer_id: string | null;
  current_stage_id: string | null;
  received_at: Date;
  receipt_date: DateString;
  closed_on: DateString | null;
  restricted: boolean;
  description: string;
  search: Computed<string>;
  state: Json<unknown>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
}

export interface CaseRepresentativesTable {
  case_id: string;
  name: string;
  role: string;
  consent_basis: string | null;
  consent_recorded_on: DateString | null;
  reply_to: string;
}

export interface StageInstancesTable {
  case_id: string;
  sequence: number;
  stage_id: string;
  label: string;
  phase: string;
  requested_on: DateString;
  acknowledged_on: DateString | null;
  handler_staff_id: string | null;
  extension_count: number;
  extended_to: DateString | null;
  responded_on: DateString | null;
  outcome: string | null;
  signed_by: string | null;
  ended_on: DateString | null;
}

export interface DueDatesTable {
  case_id: string;
  due_id: string;
  council_id: string;
  directorate_id: string | null;
  case_open: boolean;
  kind: string;
  nature: string;
  stage_id: string | null;
  due_date: DateString;
  met_on: DateString | null;
  rule: string;
  explanation: string;
}

export interface IdempotencyKeysTable {
  council_id: string;
  scope: string;
  key: string;
  request_hash: string;
  case_id: string | null;
  response: Json<unknown> | null;
  created_at: DefaultTimestamp;
  expires_at: Date | null;
}

export type ActorType = "staff" | "customer" | "representative" | "public" | "api-key" | "system";

export interface EventsTable {
  id: ColumnType<number, never, never>;
  council_id: string;
  case_id: string | null;
  conduct_customer_id: string | null;
  /** The council whose administration log this event belongs to (finding 11). */
  admin_log_council_id: ColumnType<string | null, string | null | undefined, never>;
  seq: number;
  stream_version: number;
  type: string;
  occurred_at: Date;
  actor_type: ActorType;
  actor_id: string | null;
  payload: Json<unknown>;
  prev_hash: string | null;
  hash: string;
  /** 1: unkeyed SHA-256 (events written before AUDIT_KEY); 2: HMAC-SHA-256 with AUDIT_KEY. */
  hash_layout: ColumnType<number, number | undefined, never>;
}

/** Per stream: how many events and the last hash, with an HMAC over both (src/events.ts). */
export interface EventHeadsTable {
  stream: string;
  council_id: string | null;
  events: number;
  head_hash: string | null;
  mac: string;
  updated_at: Date;
}

/** Role changes waiting for a second administrator. */
export interface StaffRoleRequestsTable {
  id: string;
  council_id: string;
  staff_id: string;
  requested_by: string;
  roles: Json<Array<{ role: string; directorateId: string | null }>>;
  requested_at: Date;
  decided_by: string | null;
  decided_at: Date | null;
  decision: "approved" | "refused" | "withdrawn" | null;
}

export interface ContactsTable {
  case_id: string;
  ordinal: number;
  on_date: DateString;
  direction: "in" | "out";
  channel: string;
  summary: string;
  by_id: string;
}

export interface AttachmentsTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  storage: "database" | "folder";
  content: Bytes | null;
  storage_key: string | null;
  description: string | null;
  uploaded_at: Date;
  uploaded_by_type: ActorType;
  uploaded_by_id: string | null;
}

export interface RemediesTable {
  case_id: string;
  id: string;
  council_id: string;
  stage_sequence: number;
  type: string;
  description: string;
  owner_id: string | null;
  due_on: DateString | null;
  amount_pence: number | null;
  financial_kind: string | null;
  approver_id: string | null;
  completed_on: DateString | null;
}

export interface LearningActionsTable {
  case_id: string;
  id: string;
  council_id: string;
  directorate_id: string | null;
  stage_sequence: number;
  root_cause: string | null;
  lessons: string | null;
  description: string;
  owner_id: string | null;
  due_on: DateString | null;
  completed_on: DateString | null;
}

export interface OmbudsmanEnquiriesTable {
  case_id: string;
  id: string;
  council_id: string;
  body: string;
  their_reference: string;
  received_on: DateString;
  response_due_on: DateString;
  responded_on: DateString | null;
  approved_by: string | null;
  finding: string | null;
  injustice: boolean | null;
  decided_on: DateString | null;
  remedies: JsonWithDefault<unknown[]>;
  satisfied_on: DateString | null;
}

export interface LettersTable {
  id: Generated<string>;
  council_id: string;
  case_id: string;
  stage_instance_id: string | null;
  kind: string;
  recipient: Json<Record<string, unknown>>;
  large_print: Generated<boolean>;
  model: Json<unknown> | null;
  issued_at: Date;
  issued_by: string | null;
  pdf: Bytes;
  size_bytes: number;
  sha256: string;
}

export interface NotificationsOutboxTable {
  id: ColumnType<number, never, never>;
  council_id: string;
  case_id: string | null;
  kind: string;
  recipient: Json<unknown>;
  payload: JsonWithDefault<unknown>;
  dedupe_key: string | null;
  created_at: DefaultTimestamp;
  available_at: DefaultTimestamp;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Date | null;
  sent_at: Date | null;
  failed_at: Date | null;
  last_error: string | null;
  channel: OutboxChannel | null;
  status: Generated<OutboxStatus>;
  provider: string | null;
  provider_id: string | null;
  message_id: string | null;
  delivered_at: Date | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  resolution: string | null;
}

/** The public form's answers between its pages, by the cookie token's hash (decision 0520). */
export interface PublicFormDraftsTable {
  token_hash: string;
  council_id: string;
  answers: Json<Record<string, string>>;
  sent_at: Date | null;
  updated_at: Date;
  expires_at: Date;
}

/** A survey sent (decision 0516): the token's hash and what its answers are reported by; no case. */
export interface SatisfactionInvitationsTable {
  token_hash: string;
  council_id: string;
  service_id: string | null;
  directorate_id: string | null;
  stage_id: string;
  stage_label: string;
  closed_month: DateString;
  expires_on: DateString;
}

/** A survey's answers, apart from the case (decision 0516). */
export interface SatisfactionAnswersTable {
  id: Generated<string>;
  council_id: string;
  service_id: string | null;
  directorate_id: string | null;
  stage_id: string;
  stage_label: string;
  closed_month: DateString;
  handling: string | null;
  kept_informed: string | null;
  response_clear: string | null;
  ease_of_complaining: string | null;
}

/** What became of an email read from the inbound mailbox (core's vocabulary). */
export type { InboundOutcome };

export interface InboundMessagesTable {
  id: ColumnType<number, never, never>;
  council_id: string;
  message_key: string;
  message_id: string | null;
  received_at: Date;
  sent_at: Date | null;
  from_address: string | null;
  from_name: string | null;
  subject: string | null;
  outcome: InboundOutcome;
  reason: string | null;
  case_id: string | null;
  quoted_reference: string | null;
  details: JsonWithDefault<Record<string, unknown>>;
}
/** How an outbox message travels (null: a letter to produce, work for a person). */
export type OutboxChannel = "email" | "sms" | "post";
/** Where an outbox message's delivery stands (docs/decisions/0318-writing-to-residents.md). */
export type OutboxStatus = "queued" | "sending" | "sent" | "delivered" | "failed" | "uncertain";

export interface SessionsTable {
  id: string;
  council_id: string;
  staff_id: string;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  revoked_at: Date | null;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiKeysTable {
  id: Generated<string>;
  council_id: string;
  name: string;
  prefix: string;
  key_hash: string;
  scopes: ColumnType<string[], string[] | undefined, string[]>;
  created_by: string | null;
  created_at: Date;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

/** A named work-queue view, the owner's own or shared with their team or directorate (issue 16). */
export interface SavedViewsTable {
  id: Generated<string>;
  council_id: string;
  owner_id: string;
  name: string;
  filters: Json<Record<string, string>>;
  shared_with: "nobody" | "team" | "directorate";
  team_id: string | null;
  directorate_id: string | null;
  created_at: Date;
}

export interface PrintBatchesTable {
  id: Generated<string>;
  council_id: string;
  built_at: Date;
  built_by: string;
  letter_count: number;
  page_count: number | null;
  sheet_count: number | null;
  manifest_csv: string | null;
  confirmed_at: Date | null;
  confirmed_by: string | null;
  cancelled_at: Date | null;
  cancelled_by: string | null;
}

export interface LetterPostingsTable {
  letter_id: string;
  council_id: string;
  batch_id: string | null;
  position: number | null;
  posted_at: Date | null;
  /** The correspondence row that put the letter in the print room (confirming its batch sends it). */
  outbox_id: number | null;
}

export interface LoginFailuresTable {
  id: ColumnType<number, never, never>;
  /** The council named at sign-in, if any: a note only; the count is per account across councils. */
  council_id: string | null;
  key: string;
  at: Date;
  ip: string | null;
}

/** Secrets the server generated for itself (the tracking-code key when TRACKING_SECRET is not set). */
export interface ServerSecretsTable {
  name: string;
  value: string;
  created_at: DefaultTimestamp;
}

/** Every table: the case tables here, the report tables declared in reports/schema.ts. */
export interface DB extends ReportTables {
  councils: CouncilsTable;
  council_hosts: CouncilHostsTable;
  representative_contacts: RepresentativeContactsTable;
  directorates: DirectoratesTable;
  services: ServicesTable;
  teams: TeamsTable;
  staff: StaffTable;
  staff_roles: StaffRolesTable;
  customers: CustomersTable;
  customer_conduct: CustomerConductTable;
  case_reference_counters: CaseReferenceCountersTable;
  cases: CasesTable;
  case_representatives: CaseRepresentativesTable;
  stage_instances: StageInstancesTable;
  due_dates: DueDatesTable;
  idempotency_keys: IdempotencyKeysTable;
  events: EventsTable;
  contacts: ContactsTable;
  attachments: AttachmentsTable;
  remedies: RemediesTable;
  learning_actions: LearningActionsTable;
  ombudsman_enquiries: OmbudsmanEnquiriesTable;
  letters: LettersTable;
  notifications_outbox: NotificationsOutboxTable;
  inbound_messages: InboundMessagesTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  login_failures: LoginFailuresTable;
  print_batches: PrintBatchesTable;
  letter_postings: LetterPostingsTable;
  server_secrets: ServerSecretsTable;
  event_heads: EventHeadsTable;
  staff_role_requests: StaffRoleRequestsTable;
  satisfaction_invitations: SatisfactionInvitationsTable;
  satisfaction_answers: SatisfactionAnswersTable;
  saved_views: SavedViewsTable;
  public_form_drafts: PublicFormDraftsTable;
}

export type Council = Selectable<CouncilsTable>;
export type Directorate = Selectable<DirectoratesTable>;
export type Service = Selectable<ServicesTable>;
export type Team = Selectable<TeamsTable>;
export type Staff = Selectable<StaffTable>;
export type Customer = Selectable<CustomersTable>;
export type NewCustomer = Insertable<CustomersTable>;
export type CustomerUpdate = Updateable<CustomersTable>;
export type CaseRow = Selectable<CasesTable>;
export type StageInstanceRow = Selectable<StageInstancesTable>;
export type DueDateRow = Selectable<DueDatesTable>;
export type EventRow = Selectable<EventsTable>;
export type AttachmentRow = Selectable<AttachmentsTable>;
export type LetterRow = Selectable<LettersTable>;
export type OutboxRow = Selectable<NotificationsOutboxTable>;
export type PrintBatchRow = Selectable<PrintBatchesTable>;
export type CustomerConductRow = Selectable<CustomerConductTable>;
export type ContactRow = Selectable<ContactsTable>;
export type RemedyRow = Selectable<RemediesTable>;
export type LearningActionRow = Selectable<LearningActionsTable>;
export type OmbudsmanEnquiryRow = Selectable<OmbudsmanEnquiriesTable>;
export type CaseRepresentativeRow = Selectable<CaseRepresentativesTable>;
