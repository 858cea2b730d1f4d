/**
 * Generated cases as table rows, in PostgreSQL's COPY text format, written exactly as the
 * storage layer writes them (packages/db: `projectCaseState` for the mirrors, `eventHash` for
 * the chain, `toJsonValue` for payloads). The test in rows.test.ts logs cases through the real
 * repository and checks that both produce the same rows.
 */
import type { Actor, CaseState } from "@complaints/core";
import { actorOf, eventHash, projectCaseState, toJsonValue, type HashLayout, type JsonValue } from "@complaints/db";
import type { GeneratedCase, GeneratedConduct, GeneratedCustomer } from "./cases.js";

/** Ids the database gave the council's structure, by profile code. */
export interface OrganisationIdMaps {
  councilId: string;
  directorates: ReadonlyMap<string, string>;
  services: ReadonlyMap<string, { id: string; directorateId: string }>;
}

/** Tables in the order they must be loaded (foreign keys). */
export const TABLES = {
  customers: ["id", "council_id", "title", "full_name", "email", "phone", "address", "postcode", "preferred_contact", "reasonable_adjustments", "large_print", "created_at", "updated_at"],
  customer_conduct: ["customer_id", "council_id", "version", "status", "review_by", "state", "updated_at"],
  cases: ["id", "council_id", "reference", "version", "kind", "status", "channel", "priority", "regime_id", "category", "sub_category", "flags", "directorate_id", "service_id", "team_id", "assigned_staff_id", "customer_id", "current_stage_id", "received_at", "receipt_date", "closed_on", "restricted", "description", "state", "created_at", "updated_at"],
  case_representatives: ["case_id", "name", "role", "consent_basis", "consent_recorded_on", "reply_to"],
  stage_instances: ["case_id", "sequence", "stage_id", "label", "phase", "requested_on", "acknowledged_on", "handler_staff_id", "extension_count", "extended_to", "responded_on", "outcome", "signed_by", "ended_on"],
  due_dates: ["case_id", "due_id", "council_id", "directorate_id", "case_open", "kind", "nature", "stage_id", "due_date", "met_on", "rule", "explanation"],
  contacts: ["case_id", "ordinal", "on_date", "direction", "channel", "summary", "by_id"],
  remedies: ["case_id", "id", "council_id", "stage_sequence", "type", "description", "owner_id", "due_on", "amount_pence", "financial_kind", "approver_id", "completed_on"],
  learning_actions: ["case_id", "id", "council_id", "directorate_id", "stage_sequence", "root_cause", "lessons", "description", "owner_id", "due_on", "completed_on"],
  ombudsman_enquiries: ["case_id", "id", "council_id", "body", "their_reference", "received_on", "response_due_on", "responded_on", "approved_by", "finding", "injustice", "decided_on", "remedies", "satisfied_on"],
  events: ["council_id", "case_id", "conduct_customer_id", "seq", "stream_version", "type", "occurred_at", "actor_type", "actor_id", "payload", "prev_hash", "hash", "hash_layout"],
} as const;

export type TableName = keyof typeof TABLES;
export const TABLE_ORDER = Object.keys(TABLES) as TableName[];

export type Cell = string | number | boolean | null | Date | readonly string[];

/** One value in COPY text format. */
export function copyValue(value: Cell): string {
  if (value === null) return "\\N";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") return String(value);
  if (value instanceof Date) return value.toISOString();
  if (Array.isArray(value)) return escapeCopy(`{${value.map((v) => `"${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`).join(",")}}`);
  return escapeCopy(value as string);
}

function escapeCopy(text: string): string {
  // Only these four need escaping in COPY's text format (backslash first).
  if (!/[\\\t\n\r]/.test(text)) return text;
  return text.replace(/\\/g, "\\\\").replace(/\t/g, "\\t").replace(/\n/g, "\\n").replace(/\r/g, "\\r");
}

/** Rows per table, as COPY text lines. */
export class RowSink {
  readonly lines = new Map<TableName, string[]>(TABLE_ORDER.map((t) => [t, []]));
  cases = 0;
  events = 0;

  add(table: TableName, values: readonly Cell[]): void {
    if (values.length !== TABLES[table].length) throw new Error(`${table}: ${values.length} values for ${TABLES[table].length} columns`);
    this.lines.get(table)!.push(values.map(copyValue).join("\t"));
  }

  /** The COPY text of one table (one line per row, each ending with a newline). */
  text(table: TableName): string {
    const lines = this.lines.get(table)!;
    return lines.length ? `${lines.join("\n")}\n` : "";
  }

  clear(): void {
    for (const lines of this.lines.values()) lines.length = 0;
    this.cases = 0;
    this.events = 0;
  }
}

export function customerRow(sink: RowSink, councilId: string, customer: GeneratedCustomer): void {
  const d = customer.details;
  sink.add("customers", [customer.id, councilId, d.title, d.fullName, d.email, d.phone, d.address, d.postcode, d.preferredContact, d.reasonableAdjustments, d.largePrint, customer.createdAt, customer.createdAt]);
}

export function conductRows(sink: RowSink, councilId: string, conduct: GeneratedConduct): void {
  const { state } = conduct;
  const last = conduct.events.at(-1);
  sink.add("customer_conduct", [
    conduct.customerId,
    councilId,
    state.version,
    state.status,
    state.status === "designated" ? (state.designation?.reviewBy ?? null) : null,
    JSON.stringify(state),
    last ? new Date(last.event.at) : null,
  ]);
  for (const row of eventRows(councilId, { conductCustomerId: conduct.customerId }, conduct.events).rows) sink.add("events", row);
  sink.events += conduct.events.length;
}

/** Rows of the tables a case's snapshot is mirrored into (cases and the rest; not events). */
export type Rows = Partial<Record<TableName, Cell[][]>>;

export function caseTableRows(ids: OrganisationIdMaps, state: CaseState, createdAt: Date, updatedAt: Date): Rows {
  const p = projectCaseState(state);
  const service = p.serviceCode ? ids.services.get(p.serviceCode) : undefined;
  if (p.serviceCode && !service) throw new Error(`no service ${p.serviceCode} in council ${ids.councilId}`);
  const serviceId = service?.id ?? null;
  const directorateId = service?.directorateId ?? null;
  const councilId = ids.councilId;
  const caseId = state.id;
  const open = p.status !== "closed";
  const rows: Rows = {};
  rows.cases = [
    [
      caseId,
      councilId,
      state.reference,
      state.version,
      p.kind,
      p.status,
      p.channel,
      p.priority,
      p.regimeId,
      p.category,
      p.subCategory,
      [...p.flags],
      directorateId,
      serviceId,
      null,
      p.assignedStaffId,
      p.customerId,
      p.currentStageId,
      p.receivedAt,
      p.receiptDate,
      p.closedOn,
      p.restricted,
      p.description,
      JSON.stringify(state),
      createdAt,
      updatedAt,
    ],
  ];
  if (p.representative) {
    const r = p.representative;
    rows.case_representatives = [[caseId, r.name, r.role, r.consentBasis, r.consentRecordedOn, r.replyTo]];
  }
  rows.stage_instances = p.stages.map((s) => [caseId, s.sequence, s.stageId, s.label, s.phase, s.requestedOn, s.acknowledgedOn, s.handlerStaffId, s.extensionCount, s.extendedTo, s.respondedOn, s.outcome, s.signedBy, s.endedOn]);
  rows.due_dates = p.dueDates.map((d) => [caseId, d.id, councilId, directorateId, open, d.kind, d.nature, d.stageId, d.date, d.metOn, d.rule, d.explanation]);
  rows.contacts = p.contacts.map((c, i) => [caseId, i + 1, c.on, c.direction, c.channel, c.summary, c.by]);
  rows.remedies = p.remedies.map((r) => [caseId, r.id, councilId, r.stageSequence, r.type, r.description, r.ownerId, r.dueOn, r.amountPence, r.financialKind, r.approverId, r.completedOn]);
  rows.learning_actions = p.learningActions.map((l) => [caseId, l.id, councilId, directorateId, l.stageSequence, l.rootCause, l.lessons, l.description, l.ownerId, l.dueOn, l.completedOn]);
  rows.ombudsman_enquiries = p.ombudsmanEnquiries.map((o) => [caseId, o.id, councilId, o.body, o.theirReference, o.receivedOn, o.responseDueOn, o.respondedOn, o.approvedBy, o.finding, o.injustice, o.decidedOn, JSON.stringify(o.remedies), o.satisfiedOn]);
  return rows;
}

/**
 * Event rows of a stream, hash-chained as packages/db's `appendEvents` does: seq from
 * `firstSeq`, each carrying the hash of the one before (`prevHash` for the first).
 *
 * `layout` 2 is what the product writes today (HMAC with the audit key, which this process must
 * have: `setAuditKey`). Bulk-loaded history is written as layout 1, as a log from before the
 * audit key: no key is needed to generate it, and the API gives each stream its keyed head at
 * its first start with the key (`sealLegacyStreams`), as it does for a council's older log.
 */
export function eventRows(
  councilId: string,
  stream: { caseId: string } | { conductCustomerId: string },
  played: ReadonlyArray<{ event: { type: string; at: string }; actor: Actor; version: number }>,
  firstSeq = 1,
  prevHash: string | null = null,
  layout: HashLayout = 1,
): { rows: Cell[][]; lastHash: string | null } {
  const rows: Cell[][] = [];
  let previous = prevHash;
  played.forEach((p, i) => {
    const actor = actorOf(p.actor);
    const payload: JsonValue = toJsonValue(p.event);
    const seq = firstSeq + i;
    const occurredAt = new Date(p.event.at);
    const hash = eventHash({ councilId, stream, seq, streamVersion: p.version, type: p.event.type, occurredAt, actor: { type: actor.type, id: actor.id }, payload, prevHash: previous, layout });
    rows.push([councilId, "caseId" in stream ? stream.caseId : null, "conductCustomerId" in stream ? stream.conductCustomerId : null, seq, p.version, p.event.type, occurredAt, actor.type, actor.id, JSON.stringify(payload), previous, hash, layout]);
    previous = hash;
  });
  return { rows, lastHash: previous };
}

/** The rows of one case: the snapshot and its mirrors, and its hash-chained events. */
export function caseRows(sink: RowSink, ids: OrganisationIdMaps, generated: GeneratedCase): void {
  const rows = caseTableRows(ids, generated.state, generated.createdAt, generated.updatedAt);
  for (const table of TABLE_ORDER) for (const row of rows[table] ?? []) sink.add(table, row);
  sink.cases++;
  for (const row of eventRows(ids.councilId, { caseId: generated.state.id }, generated.events).rows) sink.add("events", row);
  sink.events += generated.events.length;
}
