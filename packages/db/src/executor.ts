import type { Kysely, Transaction } from "kysely";
import type { DB } from "./schema.js";

/** A connection or an open transaction: every repository function accepts either. */
export type Executor = Kysely<DB> | Transaction<DB>;

/**
 * Runs `fn` in a transaction: the caller's, when `db` already is one (so several repository
 * calls can share one commit), otherwise a new one.
 *
 * PGlite has a single connection: inside `fn` use only the transaction it is given, never the
 * outer `db`, or the call waits forever (docs/toolchain.md gotcha 4).
 */
export function inTransaction<T>(
  db: Executor,
  fn: (trx: Transaction<DB>) => Promise<T>,
): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}

/** JSON text for a `jsonb` parameter (see schema.ts: both drivers then agree). */
export function toJson(value: unknown): string {
  const text = JSON.stringify(value);
  if (text === undefined) throw new TypeError("value cannot be stored as JSON");
  return text;
}
