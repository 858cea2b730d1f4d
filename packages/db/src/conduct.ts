import type { Transaction } from "kysely";
import type { EventLike, TransitionOutcome } from "./cases.js";
import { ConflictError, NotFoundError } from "./errors.js";
import { appendEvents, listEvents, type Actor, type StoredEvent } from "./events.js";
import { inTransaction, toJson, type Executor } from "./executor.js";
import type { ConductStatus, DB } from "./schema.js";

/**
 * The persistent / unreasonable complainant process of one customer, stored like a case: a
 * snapshot (`customer_conduct.state`) with a version, mirrored `status` and `review_by`, and
 * its commands in the hash-chained event log (stream `{ conductCustomerId }`). A customer with
 * no process yet is version 0.
 */
export interface ConductProjection {
  status: ConductStatus;
  /** When a designation must be reviewed by, "YYYY-MM-DD"; null unless designated. */
  reviewBy: string | null;
}

export interface ConductRecord<S> {
  readonly customerId: string;
  readonly councilId: string;
  readonly version: number;
  readonly status: ConductStatus;
  readonly reviewBy: string | null;
  readonly state: S;
}

export interface AppliedConductCommand<S> {
  readonly ok: true;
  readonly customerId: string;
  readonly version: number;
  readonly state: S;
  readonly events: readonly StoredEvent[];
  readonly effects: readonly unknown[];
}

export interface ApplyConductCommandInput<S, E extends EventLike, R> {
  customerId: string;
  /** 0 when the customer has no process yet. */
  expectedVersion: number;
  actor: Actor;
  /** When (the caller's clock). */
  at: Date;
  /** The snapshot of a customer with no process (version 0). */
  initial: (customerId: string) => S;
  transition: (state: S) => TransitionOutcome<S, E, R>;
  project: (state: S) => ConductProjection;
  also?: (trx: Transaction<DB>, applied: AppliedConductCommand<S>) => Promise<void>;
}

/**
 * Runs one command of a customer's conduct process in one transaction, with the same
 * guarantees as `applyCommand` for cases: a stale version throws {@link ConflictError}, a
 * refusal writes nothing, the snapshot and its event are written together.
 */
export async function applyConductCommand<S, E extends EventLike, R>(
  db: Executor,
  input: ApplyConductCommandInput<S, E, R>,
): Promise<AppliedConductCommand<S> | { ok: false; refusal: R; version: number }> {
  return inTransaction(db, async (trx) => {
    const customer = await trx
      .selectFrom("customers")
      .select(["id", "council_id"])
      .where("id", "=", input.customerId)
      .executeTakeFirst();
    if (!customer) throw new NotFoundError("customer", input.customerId);
    const row = await trx
      .selectFrom("customer_conduct")
      .select(["version", "state"])
      .where("customer_id", "=", input.customerId)
      .forUpdate()
      .executeTakeFirst();
    const current = row?.version ?? 0;
    const conflict = async (actual: number) =>
      new ConflictError(
        input.customerId,
        input.expectedVersion,
        actual,
        await listEvents(
          trx,
          { conductCustomerId: input.customerId },
          { afterVersion: input.expectedVersion },
        ),
        "customer's record",
      );
    if (current !== input.expectedVersion) throw await conflict(current);

    const state = row ? (row.state as S) : input.initial(input.customerId);
    const outcome = input.transition(structuredClone(state));
    if (!outcome.ok) return { ok: false, refusal: outcome.refusal, version: current };
    if (outcome.events.length === 0)
      throw new TypeError("a conduct command must record at least one event");

    const version = current + 1;
    const projection = input.project(outcome.state);
    const columns = {
      version,
      status: projection.status,
      review_by: projection.reviewBy,
      state: toJson(outcome.state),
      updated_at: input.at,
    };
    if (row) {
      await trx
        .updateTable("customer_conduct")
        .set(columns)
        .where("customer_id", "=", input.customerId)
        .where("version", "=", current)
        .execute();
    } else {
      // Two first commands at once: the loser's insert does nothing, and it is told so.
      const inserted = await trx
        .insertInto("customer_conduct")
        .values({ customer_id: input.customerId, council_id: customer.council_id, ...columns })
        .onConflict((oc) => oc.column("customer_id").doNothing())
        .returning("version")
        .executeTakeFirst();
      if (!inserted) {
        const winner = await trx
          .selectFrom("customer_conduct")
          .select("version")
          .where("customer_id", "=", input.customerId)
          .executeTakeFirstOrThrow();
        throw await conflict(winner.version);
      }
    }
    const at = input.at;
    const events = await appendEvents(trx, {
      councilId: customer.council_id,
      stream: { conductCustomerId: input.customerId },
      streamVersion: version,
      events: outcome.events.map((e) => ({
        type: e.type,
        occurredAt: e.at ? new Date(e.at) : at,
        actor: input.actor,
        payload: e,
      })),
    });
    const applied: AppliedConductCommand<S> = {
      ok: true,
      customerId: input.customerId,
      version,
      state: outcome.state,
      events,
      effects: outcome.effects ?? [],
    };
    if (input.also) await input.also(trx, applied);
    return applied;
  });
}

async function getConduct<S = unknown>(
  db: Executor,
  customerId: string,
): Promise<ConductRecord<S> | undefined> {
  const row = await db
    .selectFrom("customer_conduct")
    .selectAll()
    .where("customer_id", "=", customerId)
    .executeTakeFirst();
  return row
    ? {
        customerId: row.customer_id,
        councilId: row.council_id,
        version: row.version,
        status: row.status,
        reviewBy: row.review_by,
        state: row.state as S,
      }
    : undefined;
}

/** Designations whose review is due on or before the date, soonest first. */
async function listDesignationsDueForReview(
  db: Executor,
  councilId: string,
  onOrBefore: string,
): Promise<Array<{ customerId: string; reviewBy: string }>> {
  const rows = await db
    .selectFrom("customer_conduct")
    .select(["customer_id", "review_by"])
    .where("council_id", "=", councilId)
    .where("status", "=", "designated")
    .where("review_by", "<=", onOrBefore)
    .orderBy("review_by")
    .execute();
  return rows.map((r) => ({ customerId: r.customer_id, reviewBy: r.review_by! }));
}

export const conductRepository = Object.freeze({
  applyConductCommand,
  getConduct,
  listDesignationsDueForReview,
});
