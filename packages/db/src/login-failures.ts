import type { Executor } from "./executor.js";

/**
 * Failed and refused sign-ins, counted across every API process (decision 0303's lockout and
 * per-address limit; issue 20). The account key is the lower-cased email alone, whichever
 * council was named, so naming a council does not start a second count; `ip` is the client's
 * address key, counted on its own for the per-address limit.
 */
const accountKey = (key: string) => key.trim().toLowerCase();

async function recordLoginFailure(
  db: Executor,
  input: { key: string; councilId?: string | null; at: Date; ip?: string | null },
): Promise<void> {
  await db
    .insertInto("login_failures")
    .values({
      council_id: input.councilId ?? null,
      key: accountKey(input.key),
      at: input.at,
      ip: input.ip ?? null,
    })
    .execute();
}

/** When the account's failures since `since` happened, oldest first (at most `limit`, the newest). */
async function loginFailureTimes(
  db: Executor,
  input: { key: string; since: Date; limit?: number },
): Promise<Date[]> {
  const rows = await db
    .selectFrom("login_failures")
    .select("at")
    .where("key", "=", accountKey(input.key))
    .where("at", ">", input.since)
    .orderBy("at", "desc")
    .limit(input.limit ?? 200)
    .execute();
  return rows.map((r) => r.at).reverse();
}

/** Failed and refused sign-ins from one client address since `since`, whatever the account. */
async function countLoginFailuresFromAddress(
  db: Executor,
  input: { ip: string; since: Date },
): Promise<number> {
  const row = await db
    .selectFrom("login_failures")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("ip", "=", input.ip)
    .where("at", ">", input.since)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Clears an account's failures (a successful sign-in, an administrator's unlock), in every council. */
async function clearLoginFailures(db: Executor, input: { key: string }): Promise<void> {
  await db.deleteFrom("login_failures").where("key", "=", accountKey(input.key)).execute();
}

/** Removes failures older than the lockout window (run from a periodic job). */
async function pruneLoginFailures(db: Executor, before: Date): Promise<number> {
  const result = await db.deleteFrom("login_failures").where("at", "<", before).executeTakeFirst();
  return Number(result.numDeletedRows);
}

export const loginFailureRepository = Object.freeze({
  recordLoginFailure,
  loginFailureTimes,
  countLoginFailuresFromAddress,
  clearLoginFailures,
  pruneLoginFailures,
});
