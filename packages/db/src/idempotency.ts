import { canonicalJson, sha256Hex, toJsonValue, type JsonValue } from "./canonical.js";
import { IdempotencyKeyReusedError } from "./errors.js";
import { inTransaction, toJson, type Executor } from "./executor.js";
import type { Transaction } from "kysely";
import type { DB } from "./schema.js";

export interface IdempotencyKey {
  councilId: string;
  /** What the key is for ("case-command", "public-escalation"…); keys are unique per scope. */
  scope: string;
  key: string;
  /** The request as received; a retry must send the same (compared as canonical JSON). */
  request: unknown;
}

/**
 * Runs `fn` at most once per key: the first call claims the key (unique constraint + ON
 * CONFLICT DO NOTHING), runs `fn` in the same transaction and stores its result; a retry
 * with the same key and request waits for the first to commit and gets the stored result
 * (`replayed: true`) without running `fn`. The same key with a different request throws
 * {@link IdempotencyKeyReusedError}. If `fn` throws, nothing is stored and the key is free.
 *
 * The result is stored as JSON: a replay returns its JSON form (Dates as ISO strings).
 * Intake uses `createCase`'s own `idempotency` option, which also returns the case.
 */
export async function runIdempotently<T>(
  db: Executor,
  id: IdempotencyKey,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<{ replayed: false; value: T } | { replayed: true; value: JsonValue }> {
  const requestHash = sha256Hex(canonicalJson(toJsonValue(id.request ?? null)));
  return inTransaction(db, async (trx) => {
    const claimed = await trx
      .insertInto("idempotency_keys")
      .values({ council_id: id.councilId, scope: id.scope, key: id.key, request_hash: requestHash })
      .onConflict((oc) => oc.columns(["council_id", "scope", "key"]).doNothing())
      .returning("key")
      .executeTakeFirst();
    if (!claimed) {
      const first = await trx
        .selectFrom("idempotency_keys")
        .select(["request_hash", "response", "case_id"])
        .where("council_id", "=", id.councilId)
        .where("scope", "=", id.scope)
        .where("key", "=", id.key)
        .executeTakeFirstOrThrow();
      if (first.request_hash !== requestHash)
        throw new IdempotencyKeyReusedError(id.key, first.case_id);
      return { replayed: true as const, value: (first.response ?? null) as JsonValue };
    }
    const value = await fn(trx);
    await trx
      .updateTable("idempotency_keys")
      .set({ response: toJson(value === undefined ? null : value) })
      .where("council_id", "=", id.councilId)
      .where("scope", "=", id.scope)
      .where("key", "=", id.key)
      .execute();
    return { replayed: false as const, value };
  });
}
