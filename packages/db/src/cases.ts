import { randomUUID } from "node:crypto";
import { sql, type Transaction } from "kysely";
import { canonicalJson, sha256Hex, toJsonValue } from "./canonical.js";
import { customerRepository, type CustomerInput } from "./customers.js";
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from "./errors.js";
import { appendEvents, listEvents, type Actor, type NewEvent, type StoredEvent } from "./events.js";
import { inTransaction, toJson, type Executor } from "./executor.js";
import { caseReadFunctions } from "./case-reads.js";
import type { CaseRow, Customer, DB, DueDateRow, StageInstanceRow } from "./schema.js";

// ---------------------------------------------------------------------------------------------
// The contract with the lifecycle. `applyCommand` and `createCase` are generic over the snapshot
// type S so this package does not fix the shape of a case; `@complaints/core`'s `CaseState`,
// `CaseEvent` and `Refusal` fit (see core-cases.ts for the wiring).
// ---------------------------------------------------------------------------------------------

/** An event as the transition returns it. The whole object is stored as the event's payload. */
export interface EventLike {
  readonly type: string;
  /** When it happened (ISO string or Date); defaults to the command's `at`. */
  readonly at?: string | Date;
}

export type TransitionOutcome<S, E extends EventLike = EventLike, R = unknown> =
  | {
      readonly ok: true;
      readonly state: S;
      readonly events: readonly E[];
      readonly effects?: readonly unknown[];
    }
  | { readonly ok: false; readonly refusal: R };

/**
 * The queryable columns of a case, derived from its snapshot. Everything here is written with
 * the snapshot in the same transaction and rewritten with every command: the snapshot is the
 * truth, these are its index.
 */
export interface CaseProjection {
  kind: string;
  /** "closed" closes the case for work queues, duplicates and open-case counts. */
  status: string;
  channel: string;
  priority: string;
  regimeId: string | null;
  category: string | null;
  subCategory: string | null;
  flags: readonly string[];
  /** The profile slug of the lead service; the service row and its directorate are looked up. */
  serviceCode: string | null;
  /** A team of that service, by slug. */
  teamCode: string | null;
  assignedStaffId: string | null;
  customerId: string | null;
  currentStageId: string | null;
  receivedAt: Date;
  /** Day 0 of the deadlines that count from receipt, "YYYY-MM-DD". */
  receiptDate: string;
  closedOn: string | null;
  /** About named staff, discrimination or harassment, safeguarding: narrower access. */
  restricted: boolean;
  description: string;
  representative: {
    name: string;
    role: string;
    consentBasis: string | null;
    consentRecordedOn: string | null;
    replyTo: string;
  } | null;
  stages: ReadonlyArray<{
    sequence: number;
    stageId: string;
    label: string;
    phase: string;
    requestedOn: string;
    acknowledgedOn: string | null;
    handlerStaffId: string | null;
    extensionCount: number;
    extendedTo: string | null;
    respondedOn: string | null;
    outcome: string | null;
    signedBy: string | null;
    endedOn: string | null;
  }>;
  dueDates: ReadonlyArray<{
    id: string;
    kind: string;
    nature: string;
    stageId: string | null;
    date: string;
    metOn: string | null;
    rule: string;
    explanation: string;
  }>;
  contacts: ReadonlyArray<{
    on: string;
    direction: "in" | "out";
    channel: string;
    summary: string;
    by: string;
  }>;
  remedies: ReadonlyArray<{
    id: string;
    stageSequence: number;
    type: string;
    description: string;
    ownerId: string | null;
    dueOn: string | null;
    amountPence: number | null;
    financialKind: string | null;
    approverId: string | null;
    completedOn: string | null;
  }>;
  learningActions: ReadonlyArray<{
    id: string;
    stageSequence: number;
    rootCause: string | null;
    lessons: string | null;
    description: string;
    ownerId: string | null;
    dueOn: string | null;
    completedOn: string | null;
  }>;
  ombudsmanEnquiries: ReadonlyArray<{
    id: string;
    body: string;
    theirReference: string;
    receivedOn: string;
    responseDueOn: string;
    respondedOn: string | null;
    approvedBy: string | null;
    finding: string | null;
    injustice: boolean | null;
    decidedOn: string | null;
    remedies: unknown[];
    satisfiedOn: string | null;
  }>;
}

/** A case as stored: the snapshot plus the row's identity and version. */
export interface CaseRecord<S> {
  readonly id: string;
  readonly councilId: string;
  readonly reference: string;
  readonly version: number;
  readonly state: S;
  readonly row: Omit<CaseRow, "state" | "search">;
}

export interface AppliedCommand<S> {
  readonly ok: true;
  readonly caseId: string;
  readonly councilId: string;
  readonly reference: string;
  /** The case's version after the command: send it back as `expectedVersion` next time. */
  readonly version: number;
  readonly state: S;
  readonly events: readonly StoredEvent[];
  /** The transition's effects (letters, notifications), to queue after the commit. */
  readonly effects: readonly unknown[];
}

export type ApplyCommandResult<S, R> =
  AppliedCommand<S> | { readonly ok: false; readonly refusal: R; readonly version: number };

export interface ApplyCommandInput<S, E extends EventLike, R> {
  caseId: string;
  /** The version the caller based the command on. Anything else is a {@link ConflictError}. */
  expectedVersion: number;
  /**
   * Event types written since `expectedVersion` that do not conflict with the caller's command
   * (the system recording that a letter went out): when every change since is one of these,
   * the command applies to the current version instead of being refused.
   */
  passOver?: readonly string[];
  /** Who, for the event log. */
  actor: Actor;
  /** When (the caller's clock): for events that do not carry their own `at`, and the row's updated_at. */
  at: Date;
  /** Pure: the current snapshot in, the next one (or a refusal) out. Called once, inside the transaction. */
  transition: (
    state: S,
    current: { version: number; reference: string },
  ) => TransitionOutcome<S, E, R>;
  project: (state: S) => CaseProjection;
  /** More writes in the same transaction (outbox messages, a letter…), after the case is written. */
  also?: (trx: Transaction<DB>, applied: AppliedCommand<S>) => Promise<void>;
}

/**
 * Runs one command on a case in one transaction: lock the case row, check the version, apply
 * the caller's pure transition, write the snapshot, its mirrored columns and due dates, and
 * append the events to the hash-chained log. All of it or nothing.
 *
 * - Stale `expectedVersion`: throws {@link ConflictError} listing the events since that version.
 * - Refused by the transition: returns `{ ok: false, refusal }` and writes nothing.
 * - Unknown case: throws {@link NotFoundError}.
 */
export async function applyCommand<S, E extends EventLike, R>(
  db: Executor,
  input: ApplyCommandInput<S, E, R>,
): Promise<ApplyCommandResult<S, R>> {
  return inTransaction(db, async (trx) => {
    const row = await trx
      .selectFrom("cases")
      .select(["id", "council_id", "reference", "version", "state", "directorate_id"])
      .where("id", "=", input.caseId)
      .forUpdate()
      .executeTakeFirst();
    if (!row) throw new NotFoundError("case", input.caseId);
    if (row.version !== input.expectedVersion) {
      const changes = await listEvents(
        trx,
        { caseId: row.id },
        { afterVersion: input.expectedVersion },
      );
      // Each version since was made by the first event written at it (later ones at the same
      // version, like a recorded read or an issued letter, changed nothing): all passed over?
      const made = new Map<number, string>();
      for (const c of changes) if (!made.has(c.streamVersion)) made.set(c.streamVersion, c.type);
      const bookkeeping = row.version > input.expectedVersion && made.size === row.version - input.expectedVersion && [...made.values()].every((type) => input.passOver?.includes(type));
      if (!bookkeeping) throw new ConflictError(row.id, input.expectedVersion, row.version, changes);
    }

    const previous = row.state as S;
    const outcome = input.transition(structuredClone(previous), {
      version: row.version,
      reference: row.reference,
    });
    if (!outcome.ok) return { ok: false, refusal: outcome.refusal, version: row.version };
    if (outcome.events.length === 0)
      throw new TypeError("a command that changes a case must record at least one event");

    const version = row.version + 1;
    const at = input.at;
    await writeCase(trx, {
      mode: "update",
      caseId: row.id,
      councilId: row.council_id,
      reference: row.reference,
      version,
      at,
      state: outcome.state,
      projection: input.project(outcome.state),
      previous: { projection: input.project(previous), directorateId: row.directorate_id },
    });
    const events = await appendEvents(trx, {
      councilId: row.council_id,
      stream: { caseId: row.id },
      streamVersion: version,
      events: outcome.events.map((event) => toNewEvent(event, input.actor, at)),
    });
    const applied: AppliedCommand<S> = {
      ok: true,
      caseId: row.id,
      councilId: row.council_id,
      reference: row.reference,
      version,
      state: outcome.state,
      events,
      effects: outcome.effects ?? [],
    };
    if (input.also) await input.also(trx, applied);
    return applied;
  });
}

export interface CreateCaseInput<S, E extends EventLike, R> {
  councilId: string;
  /** The instant the complaint arrived: its year (in the council's time zone) goes in the reference. */
  receivedAt: Date;
  actor: Actor;
  /** When (the caller's clock), for events that do not carry their own `at`. */
  at: Date;
  /**
   * Makes the submission idempotent: the same key and the same `request` (the submitted data,
   * compared as canonical JSON) give back the first case instead of a second one; the same key
   * with a different request throws {@link IdempotencyKeyReusedError}.
   */
  idempotency?: { key: string; request: unknown; scope?: string };
  /** An existing customer (by id), a new one to create, or none (anonymous). */
  customer?: { id: string } | CustomerInput | null;
  /** Builds the first snapshot from the ids the database assigned. */
  open: (ids: {
    caseId: string;
    reference: string;
    customer: Customer | null;
  }) => TransitionOutcome<S, E, R>;
  project: (state: S) => CaseProjection;
  also?: (trx: Transaction<DB>, applied: AppliedCommand<S>) => Promise<void>;
}

export type CreateCaseResult<S, R> =
  | (AppliedCommand<S> & {
      /** false: the idempotency key was seen before; this is the case the first request made, as it is now. */
      readonly created: boolean;
    })
  | { readonly ok: false; readonly refusal: R };

class Refused<R> {
  constructor(readonly refusal: R) {}
}

/**
 * Logs a new case in one transaction: claim the idempotency key (unique constraint + ON
 * CONFLICT DO NOTHING, so concurrent retries wait for the first and then read its case),
 * allocate the reference, create the customer if new, build the first snapshot, write it with
 * its mirrors and the first events. A refusal from `open` rolls all of it back, the reference
 * number included.
 */
export async function createCase<S, E extends EventLike, R>(
  db: Executor,
  input: CreateCaseInput<S, E, R>,
): Promise<CreateCaseResult<S, R>> {
  const run = async (trx: Transaction<DB>): Promise<CreateCaseResult<S, R>> => {
    const caseId = randomUUID();
    if (input.idempotency) {
      const scope = input.idempotency.scope ?? "intake";
      const requestHash = sha256Hex(canonicalJson(toJsonValue(input.idempotency.request ?? null)));
      const claimed = await trx
        .insertInto("idempotency_keys")
        .values({
          council_id: input.councilId,
          scope,
          key: input.idempotency.key,
          request_hash: requestHash,
          case_id: caseId,
        })
        .onConflict((oc) => oc.columns(["council_id", "scope", "key"]).doNothing())
        .returning("key")
        .executeTakeFirst();
      if (!claimed) {
        const first = await trx
          .selectFrom("idempotency_keys")
          .select(["request_hash", "case_id"])
          .where("council_id", "=", input.councilId)
          .where("scope", "=", scope)
          .where("key", "=", input.idempotency.key)
          .executeTakeFirstOrThrow();
        if (first.request_hash !== requestHash || !first.case_id) {
          throw new IdempotencyKeyReusedError(input.idempotency.key, first.case_id);
        }
        const existing = await getCase<S>(trx, first.case_id);
        return {
          ok: true,
          created: false,
          caseId: existing.id,
          councilId: existing.councilId,
          reference: existing.reference,
          version: existing.version,
          state: existing.state,
          events: [],
          effects: [],
        };
      }
    }

    const { reference } = await sql<{ reference: string }>`
      SELECT allocate_case_reference(${input.councilId}::uuid, ${input.receivedAt}::timestamptz) AS reference`
      .execute(trx)
      .then((r) => r.rows[0]!);

    let customer: Customer | null = null;
    if (input.customer && "id" in input.customer) {
      customer = await customerRepository.getCustomer(trx, input.customer.id);
      if (customer.council_id !== input.councilId)
        throw new NotFoundError("customer", input.customer.id);
    } else if (input.customer) {
      customer = await customerRepository.createCustomer(trx, input.councilId, input.customer);
    }

    const outcome = input.open({ caseId, reference, customer });
    if (!outcome.ok) throw new Refused(outcome.refusal);
    if (outcome.events.length === 0)
      throw new TypeError("logging a case must record at least one event");

    const version = 1;
    const at = input.at;
    await writeCase(trx, {
      mode: "insert",
      caseId,
      councilId: input.councilId,
      reference,
      version,
      at,
      state: outcome.state,
      projection: input.project(outcome.state),
      previous: null,
    });
    const events = await appendEvents(trx, {
      councilId: input.councilId,
      stream: { caseId },
      streamVersion: version,
      events: outcome.events.map((event) => toNewEvent(event, input.actor, at)),
    });
    const applied = {
      ok: true as const,
      created: true,
      caseId,
      councilId: input.councilId,
      reference,
      version,
      state: outcome.state,
      events,
      effects: outcome.effects ?? [],
    };
    if (input.also) await input.also(trx, applied);
    return applied;
  };

  const refusedResult = (error: unknown) =>
    error instanceof Refused ? { ok: false as const, refusal: error.refusal as R } : undefined;
  if (db.isTransaction) {
    // Inside the caller's transaction: a savepoint undoes our writes on refusal.
    const trx = db as Transaction<DB>;
    await sql`SAVEPOINT create_case`.execute(trx);
    try {
      const result = await run(trx);
      await sql`RELEASE SAVEPOINT create_case`.execute(trx);
      return result;
    } catch (error) {
      await sql`ROLLBACK TO SAVEPOINT create_case`.execute(trx);
      const refused = refusedResult(error);
      if (refused) return refused;
      throw error;
    }
  }
  try {
    return await db.transaction().execute(run);
  } catch (error) {
    const refused = refusedResult(error);
    if (refused) return refused;
    throw error;
  }
}

function toNewEvent(event: EventLike, actor: Actor, at: Date): NewEvent {
  return {
    type: event.type,
    occurredAt: event.at ? new Date(event.at) : at,
    actor,
    payload: event,
  };
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

async function resolveService(trx: Transaction<DB>, councilId: string, projection: CaseProjection) {
  if (!projection.serviceCode) return { serviceId: null, directorateId: null, teamId: null };
  const service = await trx
    .selectFrom("services")
    .select(["id", "directorate_id"])
    .where("council_id", "=", councilId)
    .where("code", "=", projection.serviceCode)
    .executeTakeFirst();
  if (!service) throw new NotFoundError("service", projection.serviceCode);
  let teamId: string | null = null;
  if (projection.teamCode) {
    const team = await trx
      .selectFrom("teams")
      .select("id")
      .where("service_id", "=", service.id)
      .where("code", "=", projection.teamCode)
      .executeTakeFirst();
    if (!team) throw new NotFoundError("team", `${projection.serviceCode}/${projection.teamCode}`);
    teamId = team.id;
  }
  return { serviceId: service.id, directorateId: service.directorate_id, teamId };
}

/** Where a case sits in the organisation, as resolved from its projection's codes. */
export interface CasePlacement {
  serviceId: string | null;
  directorateId: string | null;
  teamId: string | null;
}

/**
 * The `cases` columns a projection gives (identity, version and snapshot aside). Shared with
 * the bulk loader (reports/bulk-cases.ts), so both write the same mirror.
 */
export function caseColumns(p: CaseProjection, place: CasePlacement) {
  return {
    kind: p.kind,
    status: p.status,
    channel: p.channel,
    priority: p.priority,
    regime_id: p.regimeId,
    category: p.category,
    sub_category: p.subCategory,
    flags: [...p.flags],
    directorate_id: place.directorateId,
    service_id: place.serviceId,
    team_id: place.teamId,
    assigned_staff_id: p.assignedStaffId,
    customer_id: p.customerId,
    current_stage_id: p.currentStageId,
    received_at: p.receivedAt,
    receipt_date: p.receiptDate,
    closed_on: p.closedOn,
    restricted: p.restricted,
    description: p.description,
  };
}

/**
 * The rows of the side tables (representative, stages, due dates, contacts, remedies, learning,
 * Ombudsman enquiries) a projection gives, by table. Written once here for `writeCase` and the
 * bulk loader (reports/bulk-cases.ts). `remedies` of an enquiry stays a value: each writer encodes it.
 */
export function sideTableRows(ids: { caseId: string; councilId: string; directorateId: string | null }, p: CaseProjection) {
  const { caseId, councilId, directorateId } = ids;
  const open = p.status !== "closed";
  return {
    case_representatives: p.representative
      ? [
          {
            case_id: caseId,
            name: p.representative.name,
            role: p.representative.role,
            consent_basis: p.representative.consentBasis,
            consent_recorded_on: p.representative.consentRecordedOn,
            reply_to: p.representative.replyTo,
          },
        ]
      : [],
    stage_instances: p.stages.map((s) => ({
      case_id: caseId,
      sequence: s.sequence,
      stage_id: s.stageId,
      label: s.label,
      phase: s.phase,
      requested_on: s.requestedOn,
      acknowledged_on: s.acknowledgedOn,
      handler_staff_id: s.handlerStaffId,
      extension_count: s.extensionCount,
      extended_to: s.extendedTo,
      responded_on: s.respondedOn,
      outcome: s.outcome,
      signed_by: s.signedBy,
      ended_on: s.endedOn,
    })),
    due_dates: p.dueDates.map((d) => ({
      case_id: caseId,
      due_id: d.id,
      council_id: councilId,
      directorate_id: directorateId,
      case_open: open,
      kind: d.kind,
      nature: d.nature,
      stage_id: d.stageId,
      due_date: d.date,
      met_on: d.metOn,
      rule: d.rule,
      explanation: d.explanation,
    })),
    contacts: p.contacts.map((c, i) => ({
      case_id: caseId,
      ordinal: i + 1,
      on_date: c.on,
      direction: c.direction,
      channel: c.channel,
      summary: c.summary,
      by_id: c.by,
    })),
    remedies: p.remedies.map((r) => ({
      case_id: caseId,
      id: r.id,
      council_id: councilId,
      stage_sequence: r.stageSequence,
      type: r.type,
      description: r.description,
      owner_id: r.ownerId,
      due_on: r.dueOn,
      amount_pence: r.amountPence,
      financial_kind: r.financialKind,
      approver_id: r.approverId,
      completed_on: r.completedOn,
    })),
    learning_actions: p.learningActions.map((l) => ({
      case_id: caseId,
      id: l.id,
      council_id: councilId,
      directorate_id: directorateId,
      stage_sequence: l.stageSequence,
      root_cause: l.rootCause,
      lessons: l.lessons,
      description: l.description,
      owner_id: l.ownerId,
      due_on: l.dueOn,
      completed_on: l.completedOn,
    })),
    ombudsman_enquiries: p.ombudsmanEnquiries.map((o) => ({
      case_id: caseId,
      id: o.id,
      council_id: councilId,
      body: o.body,
      their_reference: o.theirReference,
      received_on: o.receivedOn,
      response_due_on: o.responseDueOn,
      responded_on: o.respondedOn,
      approved_by: o.approvedBy,
      finding: o.finding,
      injustice: o.injustice,
      decided_on: o.decidedOn,
      remedies: o.remedies,
      satisfied_on: o.satisfiedOn,
    })),
  };
}

/** Writes the snapshot and rewrites each mirror table whose part of the projection changed. */
async function writeCase<S>(
  trx: Transaction<DB>,
  w: {
    mode: "insert" | "update";
    caseId: string;
    councilId: string;
    reference: string;
    version: number;
    at: Date;
    state: S;
    projection: CaseProjection;
    previous: { projection: CaseProjection; directorateId: string | null } | null;
  },
): Promise<void> {
  const p = w.projection;
  const place = await resolveService(trx, w.councilId, p);
  const { directorateId } = place;
  const columns = { version: w.version, ...caseColumns(p, place), state: toJson(w.state) };
  if (w.mode === "insert") {
    await trx
      .insertInto("cases")
      .values({ id: w.caseId, council_id: w.councilId, reference: w.reference, ...columns })
      .execute();
  } else {
    const result = await trx
      .updateTable("cases")
      .set({ ...columns, updated_at: w.at })
      .where("id", "=", w.caseId)
      .where("version", "=", w.version - 1)
      .executeTakeFirst();
    if (result.numUpdatedRows !== 1n)
      throw new Error(`case ${w.caseId} changed under its row lock`);
  }

  const prev = w.previous?.projection;
  const previousDirectorate = w.previous?.directorateId ?? null;
  const caseId = w.caseId;
  const rows = sideTableRows({ caseId, councilId: w.councilId, directorateId }, p);
  const dueKey = (q: CaseProjection, directorate: string | null) => [
    q.dueDates,
    q.status === "closed",
    directorate,
  ];

  if (!prev || !same(prev.representative, p.representative)) {
    await trx.deleteFrom("case_representatives").where("case_id", "=", caseId).execute();
    if (rows.case_representatives.length)
      await trx.insertInto("case_representatives").values(rows.case_representatives).execute();
  }
  if (!prev || !same(prev.stages, p.stages)) {
    await trx.deleteFrom("stage_instances").where("case_id", "=", caseId).execute();
    if (rows.stage_instances.length)
      await trx.insertInto("stage_instances").values(rows.stage_instances).execute();
  }
  if (!prev || !same(dueKey(prev, previousDirectorate), dueKey(p, directorateId))) {
    await trx.deleteFrom("due_dates").where("case_id", "=", caseId).execute();
    if (rows.due_dates.length) await trx.insertInto("due_dates").values(rows.due_dates).execute();
  }
  if (!prev || !same(prev.contacts, p.contacts)) {
    await trx.deleteFrom("contacts").where("case_id", "=", caseId).execute();
    if (rows.contacts.length) await trx.insertInto("contacts").values(rows.contacts).execute();
  }
  if (!prev || !same(prev.remedies, p.remedies)) {
    await trx.deleteFrom("remedies").where("case_id", "=", caseId).execute();
    if (rows.remedies.length) await trx.insertInto("remedies").values(rows.remedies).execute();
  }
  if (
    !prev ||
    !same([prev.learningActions, previousDirectorate], [p.learningActions, directorateId])
  ) {
    await trx.deleteFrom("learning_actions").where("case_id", "=", caseId).execute();
    if (rows.learning_actions.length)
      await trx.insertInto("learning_actions").values(rows.learning_actions).execute();
  }
  if (!prev || !same(prev.ombudsmanEnquiries, p.ombudsmanEnquiries)) {
    await trx.deleteFrom("ombudsman_enquiries").where("case_id", "=", caseId).execute();
    if (rows.ombudsman_enquiries.length)
      await trx
        .insertInto("ombudsman_enquiries")
        .values(rows.ombudsman_enquiries.map((o) => ({ ...o, remedies: toJson(o.remedies) })))
        .execute();
  }
}

function toRecord<S>(row: CaseRow): CaseRecord<S> {
  const { state, search: _search, ...rest } = row;
  return {
    id: row.id,
    councilId: row.council_id,
    reference: row.reference,
    version: row.version,
    state: state as S,
    row: rest,
  };
}

async function getCase<S = unknown>(db: Executor, caseId: string): Promise<CaseRecord<S>> {
  const row = await db.selectFrom("cases").selectAll().where("id", "=", caseId).executeTakeFirst();
  if (!row) throw new NotFoundError("case", caseId);
  return toRecord<S>(row);
}

/** References are unique per council and matched without regard to case ("cmp-2026-000123"). */
async function findCaseByReference<S = unknown>(
  db: Executor,
  councilId: string,
  reference: string,
): Promise<CaseRecord<S> | undefined> {
  const row = await db
    .selectFrom("cases")
    .selectAll()
    .where("council_id", "=", councilId)
    .where("reference", "=", reference.trim().toUpperCase())
    .executeTakeFirst();
  return row ? toRecord<S>(row) : undefined;
}

async function listStageInstances(db: Executor, caseId: string): Promise<StageInstanceRow[]> {
  return db
    .selectFrom("stage_instances")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("sequence")
    .execute();
}

async function listDueDates(db: Executor, caseId: string): Promise<DueDateRow[]> {
  return db
    .selectFrom("due_dates")
    .selectAll()
    .where("case_id", "=", caseId)
    .orderBy("due_date")
    .orderBy("due_id")
    .execute();
}

/**
 * A council's open cases (status other than "closed") in order of arrival, with their versions:
 * for jobs that run a command on every open case, such as recalculating deadlines after a
 * calendar change (apps/api/src/services/admin.ts).
 */
/**
 * The council's open cases, oldest first, with the kind and the service's profile code that
 * choose their rules (a profile change recomputes only the cases whose rules changed).
 */
async function listOpenCases(db: Executor, councilId: string): Promise<Array<{ id: string; version: number; reference: string; kind: string; serviceCode: string | null }>> {
  return db
    .selectFrom("cases")
    .leftJoin("services", "services.id", "cases.service_id")
    .select(["cases.id", "cases.version", "cases.reference", "cases.kind", "services.code as serviceCode"])
    .where("cases.council_id", "=", councilId)
    .where("cases.status", "<>", "closed")
    .orderBy("cases.received_at")
    .execute();
}

/**
 * The council's cases with a request for approval waiting for a decision (core's `approvals`,
 * docs/decisions/0324-approvals.md), oldest first: the approvers' list. The predicate is the
 * partial index's (migration 20261215100000), so the list is one index range.
 */
async function listAwaitingApproval<S = unknown>(db: Executor, councilId: string): Promise<Array<CaseRecord<S>>> {
  const rows = await db
    .selectFrom("cases")
    .selectAll()
    .where("council_id", "=", councilId)
    .where(sql<boolean>`state->'approvals' @> '[{"decision": null}]'::jsonb`)
    .orderBy("received_at")
    .limit(500)
    .execute();
  return rows.map((row) => toRecord<S>(row));
}

/** How many of the council's cases are in each status (statuses with none are left out). */
async function countByStatus(db: Executor, councilId: string): Promise<Record<string, number>> {
  const rows = await db
    .selectFrom("cases")
    .select(["status", db.fn.countAll<number>().as("n")])
    .where("council_id", "=", councilId)
    .groupBy("status")
    .execute();
  return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
}

/**
 * The council's complaints and member enquiries that have a customer, by reference: the cases
 * an equality monitoring form may be about (docs/rules.md), with the date each was received.
 */
async function listComplaintsWithCustomer(db: Executor, councilId: string): Promise<Array<{ id: string; receiptDate: string }>> {
  const rows = await db
    .selectFrom("cases")
    .select(["id", "receipt_date"])
    .where("council_id", "=", councilId)
    .where("kind", "in", ["complaint", "member-enquiry"])
    .where("customer_id", "is not", null)
    .orderBy("reference")
    .execute();
  return rows.map((r) => ({ id: r.id, receiptDate: String(r.receipt_date).slice(0, 10) }));
}

export const caseRepository = Object.freeze({
  ...caseReadFunctions,
  listOpenCases,
  listAwaitingApproval,
  countByStatus,
  listComplaintsWithCustomer,
  applyCommand,
  createCase,
  getCase,
  findCaseByReference,
  listStageInstances,
  listDueDates,
  listEvents: (db: Executor, caseId: string, options: { afterVersion?: number; excludeTypes?: readonly string[] } = {}) =>
    listEvents(db, { caseId }, options),
});
