import type { DB, Executor } from "@complaints/db";
import type { Transaction } from "kysely";

/**
 * Runs `fn` in the caller's transaction when there is one, otherwise in a new one. Inside,
 * use only the transaction given (PGlite has one connection: docs/toolchain.md gotcha 4).
 */
export function inTransaction<T>(db: Executor, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  return db.isTransaction ? fn(db as Transaction<DB>) : db.transaction().execute(fn);
}
