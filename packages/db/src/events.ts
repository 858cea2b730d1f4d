import type { Executor } from "./executor.js";
import { canonicalJson, sha256Hex, toJsonValue, type JsonValue } from "./canonical.js";
import type { ActorType, EventRow } from "./schema.js";

/** Who did something: a staff member, the customer, the public web form, an API key, a job. */
export interface Actor {
  readonly type: ActorType;
  /** Staff id, customer id, API key id…; null for the anonymous public and for the system. */
  readonly id: string | null;
}

/** The stream an event belongs to: a case, or a customer's persistent-complainant process. */
export type Stream = { readonly caseId: string } | { readonly conductCustomerId: string };

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
}

/** Version 1 of the hashed content. A new layout would get a new number, never a silent change. */
const HASH_LAYOUT = 1;

/**
 * SHA-256 of an event's canonical content, which includes the previous event's hash: changing
 * any stored field of any event changes every hash after it.
 */
export function eventHash(event: Omit<StoredEvent, "id" | "hash">): string {
  const stream: JsonValue =
    "caseId" in event.stream
      ? { case: event.stream.caseId }
      : { conduct: event.stream.conductCustomerId };
  return sha256Hex(
    canonicalJson({
      layout: HASH_LAYOUT,
      council: event.councilId,
      stream,
      seq: event.seq,
      version: event.streamVersion,
      type: event.type,
      at: event.occurredAt.toISOString(),
      actor: { type: event.actor.type, id: event.actor.id },
      payload: event.payload,
      prev: event.prevHash,
    }),
  );
}

function streamFilter(stream: Stream) {
  return "caseId" in stream
    ? ({ column: "case_id", value: stream.caseId } as const)
    : ({ column: "conduct_customer_id", value: stream.conductCustomerId } as const);
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
        seq: e.seq,
        stream_version: e.streamVersion,
        type: e.type,
        occurred_at: e.occurredAt,
        actor_type: e.actor.type,
        actor_id: e.actor.id,
        payload: JSON.stringify(e.payload),
        prev_hash: e.prevHash,
        hash: e.hash,
      })),
    )
    .returning("id")
    .execute();
  return pending.map((e, i) => ({ ...e, id: rows[i]!.id }));
}

function toStoredEvent(row: EventRow): StoredEvent {
  return {
    id: row.id,
    councilId: row.council_id,
    stream: row.case_id ? { caseId: row.case_id } : { conductCustomerId: row.conduct_customer_id! },
    seq: row.seq,
    streamVersion: row.stream_version,
    type: row.type,
    occurredAt: row.occurred_at,
    actor: { type: row.actor_type, id: row.actor_id },
    payload: row.payload as JsonValue,
    prevHash: row.prev_hash,
    hash: row.hash,
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
  /** The last event is older than the stream's current version: events were removed from the end. */
  | "missing-tail";

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

/**
 * Walks a stream's chain from its first event and reports the first broken link. Pass a case
 * id, or a stream. Recomputes every hash here, in the application: a database user who edits a
 * row (with the append-only trigger disabled) cannot also change how it is checked.
 */
export async function verifyEventChain(
  db: Executor,
  streamOrCaseId: Stream | string,
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
      : await db
          .selectFrom("customer_conduct")
          .select("version")
          .where("customer_id", "=", stream.conductCustomerId)
          .executeTakeFirst();

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
  if (current && (previous?.streamVersion ?? 0) < current.version) {
    const seq = (previous?.seq ?? 0) + 1;
    return broken(
      seq,
      null,
      "missing-tail",
      `version ${current.version} has no event: events after ${previous?.seq ?? 0} are missing`,
    );
  }
  return { ok: true, events: events.length, head: previous?.hash ?? null };
}
