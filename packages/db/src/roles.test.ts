/**
 * The application's database role (issue 20, finding 4): on PostgreSQL the API connects as a
 * role that may read and append to the event log but not alter, truncate, update or delete it,
 * nor delete a stream head. PostgreSQL only (PGlite has one superuser and no roles).
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, engine, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, type Seed } from "../test/fixtures.js";
import { createDb, type Database } from "./client.js";
import { caseRepository } from "./cases.js";
import { grantApplicationRole } from "./roles.js";
import { verifyEventChain } from "./events.js";

describe.runIf(engine === "postgres")("the application role on PostgreSQL", () => {
  let owner: TestDb;
  let app: Database;
  let seed: Seed;
  const role = `app_${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    owner = await openTestDb();
    seed = await seedCouncil(owner.db);
    await sql.raw(`CREATE ROLE ${role} LOGIN PASSWORD 'app-password'`).execute(owner.db);
    await grantApplicationRole(owner.db, role);
    const url = new URL(owner.postgres!.url);
    url.username = role;
    url.password = "app-password";
    app = await createDb({ url: url.href, schema: owner.postgres!.schema, maxConnections: 2 });
  });
  afterAll(async () => {
    await app?.close();
    await sql.raw(`DROP OWNED BY ${role}`).execute(owner.db);
    await sql.raw(`DROP ROLE ${role}`).execute(owner.db);
    await owner?.close();
  });

  const refusal = async (statement: string) => {
    try {
      await sql.raw(statement).execute(app.db);
      return "allowed";
    } catch (error) {
      return (error as { code?: string }).code;
    }
  };

  it("can append to the log and read it: a case read is recorded and verifies", async () => {
    const logged = await logToyCase(owner.db, seed);
    await caseRepository.recordCaseRead(app.db, { caseId: logged.caseId, councilId: seed.councilId, actor: { type: "staff", id: seed.officer.id }, at: new Date(), purpose: "view" });
    expect(await verifyEventChain(app.db, logged.caseId)).toMatchObject({ ok: true, events: 2 });
  });

  it.each([
    ["ALTER TABLE events DISABLE TRIGGER events_append_only"],
    ["ALTER TABLE event_heads DISABLE TRIGGER event_heads_keep"],
    ["TRUNCATE events"],
    ["DELETE FROM events"],
    ["UPDATE events SET type = 'x'"],
    ["DELETE FROM event_heads"],
    ["DROP TABLE events"],
  ])("is refused: %s", async (statement) => {
    // 42501: "permission denied", and "must be owner of table" for ALTER and DROP.
    expect(await refusal(statement)).toBe("42501");
  });

  it("refuses to make the owner its own application role", async () => {
    const me = (await sql<{ me: string }>`SELECT current_user AS me`.execute(owner.db)).rows[0]!.me;
    await expect(grantApplicationRole(owner.db, me)).rejects.toThrow(/must not be the owner/);
  });
});
