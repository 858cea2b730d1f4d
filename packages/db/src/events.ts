import { sql } from "kysely";
import type { Executor } from "./executor.js";
import { auditMac } from "./audit-key.js";
import { canonicalJson, sha256Hex, toJsonValue, type JsonValue } from "./canonical.js";
import type { ActorType, EventRow } from "./schema.js";

/** Who did something: a staff member, the customer, the public web form, an API key, a job. */
export interface Actor {
  readonly type: ActorType;
  /** Staff id, customer id, API key id…; null for the anonymous public and for the system. */
  readonly id: string | null;
}

/**
 * The stream an event belongs to: a case, a customer's persistent-complainant process, or a
 * council's administration log (staff, roles, API keys, profile: issue 20, finding 11).
 */
export type Stream = { readonly caseId: string } | { readonly conductCustomerId: string } | { readonly adminLogCouncilId: string };

export interface NewEvent {
  readonly type: string;
  readonly occurredAt: Date;
  readonly actor: Actor;
  /** Any JSON-serialisable value; stored as JSON (Dates become ISO strings). */
  readonly payload: unknown;
}

export interface StoredEvent {
  readonly id: number;
  readonly councilId: string;
  readonly stream: Stream;
  /** 1, 2, 3… within the stream. */
  readonly seq: number;
  /** The version of the case (or conduct process) this event produced. */
  readonly streamVersion: number;
  readonly type: string;
  readonly occurredAt: Date;
  readonly actor: Actor;
  readonly payload: JsonValue;
  readonly prevHash: string | null;
  readonly hash: string;
  /** How `hash` was made: see {@link HASH_LAYOUT}. */
  readonly layout: HashLayout;
}

/**
 * The layout of the hashed content; a new layout gets a new number, never a silent change.
 * - 1: SHA-256 of the canonical content. Events written before the audit key keep it and keep
 *   verifying (the log is append-only: they are never rewritten).
 * - 2 (what is written now): HMAC-SHA-256 of the same content with the audit key, which is not in
 *   the database: a chain rewritten without the key does not verify.
 * A stream never goes back from 2 to 1 (the insert trigger refuses it; the verifier reports it).
 */
export const HASH_LAYOUT = 2;
export type HashLayout = 1 | 2;

/** The stream's JSON form inside hashed content. */
function streamJson(stream: Stream): JsonValue {
  if ("caseId" in stream) return { case: stream.caseId };
  if ("conductCustomerId" in stream) return { conduct: stream.conductCustomerId };
  return { admin: stream.adminLogCouncilId };
}

/** The stream's name in `event_heads`: "case:<id>", "conduct:<id>", "admin:<council id>". */
export function streamKey(stream: Stream): string {
  if ("caseId" in stream) return `case:${stream.caseId}`;
  if ("conductCustomerId" in stream) return `conduct:${stream.conductCustomerId}`;
  return `admin:${stream.adminLogCouncilId}`;
}

/**
 * The hash of an event's canonical content, which includes the previous event's hash: changing
 * any stored field of any event changes every hash after it. Layout 1 (the default, for events
 * and generators that predate the key) is plain SHA-256; layout 2 needs the audit key.
 */
export function eventHash(event: Omit<StoredEvent, "id" | "hash" | "layout"> & { layout?: HashLayout }): string {
  const layout = event.layout ?? 1;
  const stream = streamJson(event.stream);
  const content = canonicalJson({
      layout,
      council: event.councilId,
      stream,
      seq: event.seq,
      version: event.streamVersion,
      type: event.type,
      at: event.occurredAt.toISOString(),
      actor: { type: event.actor.type, id: event.actor.id },
      payload: event.payload,
      prev: event.prevHash,
    });
  return layout === 1 ? sha256Hex(content) : auditMac(content);
}

/** The keyed seal over a stream's head: how many events it has and the last one's hash. */
export function headMac(head: { stream: string; councilId: string | null; events: number; hash: string | null }): string {
  return auditMac(canonicalJson({ kind: "stream-head", layout: HASH_LAYOUT, stream: head.stream, council: head.councilId, events: head.events, hash: head.hash }));
}

/** Records the stream's new head, with its seal, in the append's transaction. */
async function writeHead(trx: Executor, head: { stream: string; councilId: string | null; events: number; hash: string | null }, at: Date): Promise<void> {
  const values = { stream: head.stream, council_id: head.councilId, events: head.events, head_hash: head.hash, mac: headMac(head), updated_at: at };
  await trx
    .insertInto("event_heads")
    .values(values)
    .onConflict((oc) => oc.column("stream").doUpdateSet({ council_id: values.council_id, events: values.events, head_hash: values.head_hash, mac: values.mac, updated_at: values.updated_at }))
    .execute();
}

function streamFilter(stream: Stream) {
  if ("caseId" in stream) return { column: "case_id", value: stream.caseId } as const;
  if ("conductCustomerId" in stream) return { column: "conduct_customer_id", value: stream.conductCustomerId } as const;
  return { column: "admin_log_council_id", value: stream.adminLogCouncilId } as const;
}

/**
 * Appends events to a stream, extending its hash chain. Call it inside the transaction that
 * changes the stream's state, after locking that state's row: the row lock (and the unique
 * (stream, seq) constraint behind it) keeps the chain linear.
 */
export async function appendEvents(
  trx: Executor,
  input: {
    councilId: string;
    stream: Stream;
    streamVersion: number;
    events: readonly NewEvent[];
    /**
     * The stream's last event (null: none yet), when the caller has just read it under the
     * stream's lock; saves a round trip. Omitted, it is read here.
     */
    head?: { seq: number; hash: string } | null;
  },
): Promise<StoredEvent[]> {
  if (input.events.length === 0) return [];
  const { column, value } = streamFilter(input.stream);
  const last =
    input.head !== undefined
      ? input.head
      : await trx
          .selectFrom("events")
          .select(["seq", "hash"])
          .where(column, "=", value)
          .orderBy("seq", "desc")
          .limit(1)
          .executeTakeFirst();

  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? null;
  const pending: Array<Omit<StoredEvent, "id">> = [];
  for (const event of input.events) {
    if (Number.isNaN(event.occurredAt.getTime()))
      throw new RangeError(`event ${event.type} has an invalid date`);
    seq += 1;
    const unsigned = {
      councilId: input.councilId,
      stream: input.stream,
      seq,
      streamVersion: input.streamVersion,
      type: event.type,
      // timestamptz keeps microseconds, JavaScript milliseconds: hash what will come back.
      occurredAt: new Date(event.occurredAt.getTime()),
      actor: { type: event.actor.type, id: event.actor.id },
      payload: toJsonValue(event.payload ?? null),
      prevHash,
      layout: HASH_LAYOUT as HashLayout,
    };
    const hash = eventHash(unsigned);
    pending.push({ ...unsigned, hash });
    prevHash = hash;
  }

  const rows = await trx
    .insertInto("events")
    .values(
      pending.map((e) => ({
        council_id: e.councilId,
        case_id: "caseId" in e.stream ? e.stream.caseId : null,
        conduct_customer_id: "conductCustomerId" in e.stream ? e.stream.conductCustomerId : null,
        admin_log_council_id: "adminLogCouncilId" in e.stream ? e.stream.adminLogCouncilId : null,
        seq: e.seq,
        stream_version: e.streamVersion,
        type: e.type,
        occurred_at: e.occurredAt,
        actor_type: e.actor.type,
        actor_id: e.actor.id,
        payload: JSON.stringify(e.payload),
        prev_hash: e.prevHash,
        hash: e.hash,
        hash_layout: e.layout,
      })),
    )
    .returning("id")
    .execute();
  const tail = pending[pending.length - 1]!;
  await writeHead(trx, { stream: streamKey(input.stream), councilId: input.councilId, events: tail.seq, hash: tail.hash }, tail.occurredAt);
  return pending.map((e, i) => ({ ...e, id: rows[i]!.id }));
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    councilId: row.council_id,
    stream: row.case_id
      ? { caseId: row.case_id }
      : row.conduct_customer_id
        ? { conductCustomerId: row.conduct_customer_id }
        : { adminLogCouncilId: row.admin_log_council_id! },
    seq: row.seq,
    streamVersion: row.stream_version,
    type: row.type,
    occurredAt: row.occurred_at,
    actor: { type: row.actor_type, id: row.actor_id },
    payload: row.payload as JsonValue,
    prevHash: row.prev_hash,
    hash: row.hash,
    layout: row.hash_layout as HashLayout,
  };
}

/**
 * A stream's events in order: the case timeline. `afterVersion` keeps only the events that
 * produced later versions (what changed since the caller last looked).
 */
export async function listEvents(
  db: Executor,
  stream: Stream,
  options: { afterVersion?: number; excludeTypes?: readonly string[] } = {},
): Promise<StoredEvent[]> {
  const { column, value } = streamFilter(stream);
  let query = db.selectFrom("events").selectAll().where(column, "=", value);
  if (options.afterVersion !== undefined)
    query = query.where("stream_version", ">", options.afterVersion);
  // A case read a thousand times has a thousand `case-read` events: a timeline leaves them in
  // the database instead of loading and dropping them.
  if (options.excludeTypes?.length) query = query.where("type", "not in", [...options.excludeTypes]);
  const rows = await query.orderBy("seq").execute();
  return rows.map(toStoredEvent);
}

export type ChainProblem =
  /** The stored hash is not the hash of the event's content: the row was edited. */
  | "content-altered"
  /** The event does not carry the hash of the event before it. */
  | "broken-link"
  /** A sequence number is missing: an event was removed. */
  | "missing-event"
  /** Events were removed from the end: fewer than the stream's head counts, or than its version. */
  | "missing-tail"
  /** An unkeyed (layout 1) event after a keyed one: the chain was rewritten without the key. */
  | "unkeyed-after-keyed"
  /** The stream's head is not sealed with the audit key, or does not match the last event. */
  | "head-mismatch"
  /** A stream written with the key (or after the legacy seal) has no head. */
  | "missing-head";

export type ChainVerification =
  | { readonly ok: true; readonly events: number; readonly head: string | null }
  | {
      readonly ok: false;
      readonly events: number;
      /** The first broken link, walking from the first event. */
      readonly firstBroken: {
        readonly seq: number;
        readonly eventId: number | null;
        readonly problem: ChainProblem;
        readonly message: string;
      };
    };

export const LEGACY_SEAL = "legacy-seal";

/** Whether the legacy seal exists (and is the key's): after it, every stream must have a head. */
async function sealState(db: Executor): Promise<"none" | "sealed" | "forged"> {
  const seal = await db.selectFrom("event_heads").selectAll().where("stream", "=", LEGACY_SEAL).executeTakeFirst();
  if (!seal) return "none";
  return headMac({ stream: LEGACY_SEAL, councilId: null, events: seal.events, hash: seal.head_hash }) === seal.mac ? "sealed" : "forged";
}

/**
 * Walks a stream's chain from its first event and reports the first broken link. Pass a case
 * id, or a stream. Recomputes every hash here, in the application, with the audit key (layout 2
 * events and every head need it): a database user who edits rows (with the append-only trigger
 * disabled) and recomputes the chain without the key cannot make it verify. Then checks the
 * stream's keyed head: deleting events from the end (case reads…) leaves fewer events than it
 * counts.
 */
export async function verifyEventChain(
  db: Executor,
  streamOrCaseId: Stream | string,
  options: { sealed?: boolean } = {},
): Promise<ChainVerification> {
  const stream: Stream =
    typeof streamOrCaseId === "string" ? { caseId: streamOrCaseId } : streamOrCaseId;
  const events = await listEvents(db, stream);
  const current =
    "caseId" in stream
      ? await db
          .selectFrom("cases")
          .select("version")
          .where("id", "=", stream.caseId)
          .executeTakeFirst()
      : "conductCustomerId" in stream
        ? await db
            .selectFrom("customer_conduct")
            .select("version")
            .where("customer_id", "=", stream.conductCustomerId)
            .executeTakeFirst()
        : undefined;
  const head = await db.selectFrom("event_heads").selectAll().where("stream", "=", streamKey(stream)).executeTakeFirst();
  const sealed = options.sealed ?? (await sealState(db)) !== "none";

  const broken = (
    seq: number,
    eventId: number | null,
    problem: ChainProblem,
    message: string,
  ): ChainVerification => ({
    ok: false,
    events: events.length,
    firstBroken: { seq, eventId, problem, message },
  });

  let previous: StoredEvent | undefined;
  for (const event of events) {
    const expectedSeq = (previous?.seq ?? 0) + 1;
    if (event.seq !== expectedSeq) {
      return broken(
        expectedSeq,
        null,
        "missing-event",
        `event ${expectedSeq} is missing (the next one is ${event.seq})`,
      );
    }
    if (event.prevHash !== (previous?.hash ?? null)) {
      return broken(
        event.seq,
        event.id,
        "broken-link",
        `event ${event.seq} does not carry the hash of event ${expectedSeq - 1}`,
      );
    }
    if (previous && event.layout < previous.layout) {
      return broken(
        event.seq,
        event.id,
        "unkeyed-after-keyed",
        `event ${event.seq} (${event.type}) is unkeyed after keyed events: the chain was rewritten`,
      );
    }
    if (eventHash(event) !== event.hash) {
      return broken(
        event.seq,
        event.id,
        "content-altered",
        `event ${event.seq} (${event.type}) was changed after it was recorded`,
      );
    }
    previous = event;
  }
  const last = previous;
  if (head) {
    const mac = headMac({ stream: head.stream, councilId: head.council_id, events: head.events, hash: head.head_hash });
    if (mac !== head.mac) {
      return broken(last?.seq ?? 0, last?.id ?? null, "head-mismatch", `the stream's head (${head.events} events) is not sealed with the audit key: it was written without it`);
    }
    if ((last?.seq ?? 0) < head.events) {
      return broken(
        (last?.seq ?? 0) + 1,
        null,
        "missing-tail",
        `the log held ${head.events} events; events after ${last?.seq ?? 0} are missing`,
      );
    }
    if ((last?.seq ?? 0) !== head.events || (last?.hash ?? null) !== head.head_hash) {
      return broken(last?.seq ?? 0, last?.id ?? null, "head-mismatch", `the last event is not the one the stream's head was sealed with: the chain was rewritten`);
    }
  } else if (last && (sealed || last.layout > 1)) {
    return broken(last.seq, last.id, "missing-head", `the stream has ${events.length} events but no sealed head: it was removed`);
  }
  if (current && (last?.streamVersion ?? 0) < current.version) {
    const seq = (last?.seq ?? 0) + 1;
    return broken(
      seq,
      null,
      "missing-tail",
      `version ${current.version} has no event: events after ${last?.seq ?? 0} are missing`,
    );
  }
  return { ok: true, events: events.length, head: last?.hash ?? null };
}

/**
 * Gives every stream written before the audit key existed (layout 1 only, no head) a keyed head,
 * once, and records that with the `legacy-seal` row. From then on a stream without a head is a
 * finding, and the old events are anchored by their head's seal. Run at start-up, with the key;
 * does nothing after the first time.
 */
export async function sealLegacyStreams(db: Executor, at: Date): Promise<{ sealed: number; already: boolean }> {
  const state = await sealState(db);
  if (state !== "none") return { sealed: 0, already: true };
  let sealed = 0;
  for (;;) {
    const { rows } = await sql<{ stream: string; council_id: string; events: number; hash: string }>`
      SELECT s.stream, s.council_id, s.seq AS events, s.hash FROM (
        SELECT DISTINCT ON (coalesce(case_id, conduct_customer_id, admin_log_council_id))
          CASE WHEN case_id IS NOT NULL THEN 'case:' || case_id
               WHEN conduct_customer_id IS NOT NULL THEN 'conduct:' || conduct_customer_id
               ELSE 'admin:' || admin_log_council_id END AS stream,
          council_id, seq, hash
        FROM events
        ORDER BY coalesce(case_id, conduct_customer_id, admin_log_council_id), seq DESC
      ) s
      WHERE NOT EXISTS (SELECT 1 FROM event_heads h WHERE h.stream = s.stream)
      LIMIT 2000`.execute(db);
    if (rows.length === 0) break;
    await db
      .insertInto("event_heads")
      .values(rows.map((r) => ({ stream: r.stream, council_id: r.council_id, events: Number(r.events), head_hash: r.hash, mac: headMac({ stream: r.stream, councilId: r.council_id, events: Number(r.events), hash: r.hash }), updated_at: at })))
      .onConflict((oc) => oc.column("stream").doNothing())
      .execute();
    sealed += rows.length;
  }
  await db
    .insertInto("event_heads")
    .values({ stream: LEGACY_SEAL, council_id: null, events: sealed, head_hash: null, mac: headMac({ stream: LEGACY_SEAL, councilId: null, events: sealed, hash: null }), updated_at: at })
    .onConflict((oc) => oc.column("stream").doNothing())
    .execute();
  return { sealed, already: false };
}

export interface ChainFailure {
  readonly stream: string;
  readonly councilId: string | null;
  readonly problem: ChainProblem;
  readonly seq: number;
  readonly eventId: number | null;
  readonly message: string;
}

export interface LogVerification {
  readonly ok: boolean;
  readonly streams: number;
  readonly events: number;
  readonly failures: readonly ChainFailure[];
  /** Whether the legacy seal is in place (after it, a stream without a head is a failure). */
  readonly sealed: boolean;
}

/**
 * Verifies every stream of the log (of one council, or all): every case, every conduct process,
 * every administration log, and every head (a head whose events are all gone is found too).
 * `npm run audit:verify`, the administrators' page and the scheduled job all call this.
 */
export async function verifyAllChains(db: Executor, options: { councilId?: string } = {}): Promise<LogVerification> {
  const seal = await sealState(db);
  const failures: ChainFailure[] = [];
  if (seal === "forged" && !options.councilId)
    failures.push({ stream: LEGACY_SEAL, councilId: null, problem: "head-mismatch", seq: 0, eventId: null, message: "the legacy seal is not sealed with the audit key" });
  const council = options.councilId;
  const { rows } = await sql<{ stream: string; council_id: string }>`
    SELECT 'case:' || id AS stream, council_id FROM cases ${council ? sql`WHERE council_id = ${council}` : sql``}
    UNION SELECT 'conduct:' || customer_id, council_id FROM customer_conduct ${council ? sql`WHERE council_id = ${council}` : sql``}
    UNION SELECT 'admin:' || id, id FROM councils ${council ? sql`WHERE id = ${council}` : sql``}
    UNION SELECT stream, council_id FROM event_heads WHERE stream <> ${LEGACY_SEAL} ${council ? sql`AND council_id = ${council}` : sql``}
    ORDER BY 1`.execute(db);
  let events = 0;
  for (const row of rows) {
    const [kind, id] = row.stream.split(":") as [string, string];
    const stream: Stream = kind === "case" ? { caseId: id } : kind === "conduct" ? { conductCustomerId: id } : { adminLogCouncilId: id };
    const result = await verifyEventChain(db, stream, { sealed: seal !== "none" });
    events += result.events;
    if (!result.ok) failures.push({ stream: row.stream, councilId: row.council_id, ...result.firstBroken });
  }
  return { ok: failures.length === 0, streams: rows.length, events, failures, sealed: seal === "sealed" };
}
