/**
 * A council's administration log (issue 20, finding 11): every administrator action (staff,
 * roles, passwords, API keys, the council profile) is an event in the council's own stream of the
 * hash-chained, keyed event log, written in the transaction of the change. And role changes that
 * wait for a second administrator.
 */
import { randomUUID } from "node:crypto";
import { appendEvents, listEvents, type Actor, type StoredEvent } from "./events.js";
import { inTransaction, toJson, type Executor } from "./executor.js";

/** Appends one event to the council's administration log (locks the council's row meanwhile). */
async function record(db: Executor, input: { councilId: string; actor: Actor; type: string; at: Date; payload: Record<string, unknown> }): Promise<StoredEvent> {
  return inTransaction(db, async (trx) => {
    // NO KEY UPDATE: serialises appends to this stream without blocking inserts that refer to the council.
    await trx.selectFrom("councils").select("id").where("id", "=", input.councilId).forNoKeyUpdate().executeTakeFirstOrThrow();
    const last = await trx
      .selectFrom("events")
      .select(["seq", "hash"])
      .where("admin_log_council_id", "=", input.councilId)
      .orderBy("seq", "desc")
      .limit(1)
      .executeTakeFirst();
    const [event] = await appendEvents(trx, {
      councilId: input.councilId,
      stream: { adminLogCouncilId: input.councilId },
      // The log has no state of its own: each event is its version.
      streamVersion: (last?.seq ?? 0) + 1,
      head: last ?? null,
      events: [{ type: input.type, occurredAt: input.at, actor: input.actor, payload: { type: input.type, ...input.payload } }],
    });
    return event!;
  });
}

/** The council's administration events, newest first. */
async function list(db: Executor, councilId: string, options: { limit?: number } = {}): Promise<StoredEvent[]> {
  const events = await listEvents(db, { adminLogCouncilId: councilId });
  return events.reverse().slice(0, options.limit ?? 500);
}

export interface RoleRequest {
  id: string;
  staffId: string;
  requestedBy: string;
  roles: Array<{ role: string; directorateId: string | null }>;
  requestedAt: Date;
}

/** Records a role change waiting for another administrator (replacing one already waiting). */
async function requestRoles(db: Executor, input: { councilId: string; staffId: string; requestedBy: string; roles: RoleRequest["roles"]; at: Date }): Promise<string> {
  return inTransaction(db, async (trx) => {
    await trx
      .updateTable("staff_role_requests")
      .set({ decision: "withdrawn", decided_at: input.at, decided_by: input.requestedBy })
      .where("staff_id", "=", input.staffId)
      .where("decision", "is", null)
      .execute();
    const id = randomUUID();
    await trx
      .insertInto("staff_role_requests")
      .values({ id, council_id: input.councilId, staff_id: input.staffId, requested_by: input.requestedBy, roles: toJson(input.roles), requested_at: input.at })
      .execute();
    return id;
  });
}

/** Role changes waiting in the council, oldest first. */
async function waiting(db: Executor, councilId: string): Promise<RoleRequest[]> {
  const rows = await db.selectFrom("staff_role_requests").selectAll().where("council_id", "=", councilId).where("decision", "is", null).orderBy("requested_at").execute();
  return rows.map((r) => ({ id: r.id, staffId: r.staff_id, requestedBy: r.requested_by, roles: r.roles, requestedAt: r.requested_at }));
}

/** Marks a waiting request decided; undefined when there is none waiting with that id. */
async function decide(db: Executor, input: { councilId: string; id: string; by: string; decision: "approved" | "refused"; at: Date }): Promise<RoleRequest | undefined> {
  const row = await db
    .updateTable("staff_role_requests")
    .set({ decision: input.decision, decided_by: input.by, decided_at: input.at })
    .where("id", "=", input.id)
    .where("council_id", "=", input.councilId)
    .where("decision", "is", null)
    .returningAll()
    .executeTakeFirst();
  return row && { id: row.id, staffId: row.staff_id, requestedBy: row.requested_by, roles: row.roles, requestedAt: row.requested_at };
}

export const adminLog = Object.freeze({ record, list });
export const roleRequests = Object.freeze({ request: requestRoles, waiting, decide });
