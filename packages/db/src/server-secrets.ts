/**
 * Secrets the server makes for itself, once per database (see the server_secrets migration).
 */
import type { Executor } from "./executor.js";

/**
 * The secret stored under `name`, made with `generate` the first time. Every process of the
 * database gets the same value: a second process that races the first keeps the first one's.
 */
async function getOrCreate(db: Executor, name: string, generate: () => string): Promise<string> {
  const existing = await db.selectFrom("server_secrets").select("value").where("name", "=", name).executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto("server_secrets")
    .values({ name, value: generate() })
    .onConflict((oc) => oc.column("name").doNothing())
    .execute();
  const stored = await db.selectFrom("server_secrets").select("value").where("name", "=", name).executeTakeFirstOrThrow();
  return stored.value;
}

export const serverSecretRepository = Object.freeze({ getOrCreate });
