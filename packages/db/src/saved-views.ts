/**
 * Saved work-queue views (issue 16): a member of staff's own, and those shared with their team
 * or one of their directorates. Who may share where is the API's decision; this module stores
 * and lists, and deletes only the owner's own.
 */
import { DomainError } from "@complaints/core";
import { toJson, type Executor } from "./executor.js";

export interface SavedView {
  id: string;
  name: string;
  filters: Record<string, string>;
  sharedWith: "nobody" | "team" | "directorate";
  teamId: string | null;
  directorateId: string | null;
  owner: { id: string; name: string };
  createdAt: Date;
}

export interface NewSavedView {
  councilId: string;
  ownerId: string;
  name: string;
  filters: Record<string, string>;
  sharedWith: { with: "nobody" } | { with: "team"; teamId: string } | { with: "directorate"; directorateId: string };
  at: Date;
}

/** The views a member of staff sees: their own, then those shared with their team or directorates, by name. */
async function listFor(db: Executor, q: { councilId: string; staffId: string; teamId: string | null; directorateIds: readonly string[] }): Promise<SavedView[]> {
  const rows = await db
    .selectFrom("saved_views as v")
    .innerJoin("staff as s", "s.id", "v.owner_id")
    .select(["v.id", "v.name", "v.filters", "v.shared_with", "v.team_id", "v.directorate_id", "v.owner_id", "s.display_name as owner_name", "v.created_at"])
    .where("v.council_id", "=", q.councilId)
    .where((eb) =>
      eb.or([
        eb("v.owner_id", "=", q.staffId),
        ...(q.teamId ? [eb("v.team_id", "=", q.teamId)] : []),
        ...(q.directorateIds.length ? [eb("v.directorate_id", "in", [...q.directorateIds])] : []),
      ]),
    )
    .orderBy("v.name")
    .orderBy("v.id")
    .limit(200)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    filters: r.filters,
    sharedWith: r.shared_with,
    teamId: r.team_id,
    directorateId: r.directorate_id,
    owner: { id: r.owner_id, name: r.owner_name },
    createdAt: r.created_at,
  }));
}

async function save(db: Executor, view: NewSavedView): Promise<string> {
  const taken = await db.selectFrom("saved_views").select("id").where("council_id", "=", view.councilId).where("owner_id", "=", view.ownerId).where("name", "=", view.name).executeTakeFirst();
  if (taken) throw new DomainError("INVALID_INPUT", `You already have a view called "${view.name}": choose another name, or delete that one first`);
  const row = await db
    .insertInto("saved_views")
    .values({
      council_id: view.councilId,
      owner_id: view.ownerId,
      name: view.name,
      filters: toJson(view.filters),
      shared_with: view.sharedWith.with,
      team_id: view.sharedWith.with === "team" ? view.sharedWith.teamId : null,
      directorate_id: view.sharedWith.with === "directorate" ? view.sharedWith.directorateId : null,
      created_at: view.at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

/** Deletes the view if the staff member owns it; false when there is no such view of theirs. */
async function remove(db: Executor, q: { councilId: string; ownerId: string; id: string }): Promise<boolean> {
  const result = await db.deleteFrom("saved_views").where("council_id", "=", q.councilId).where("owner_id", "=", q.ownerId).where("id", "=", q.id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const savedViewRepository = Object.freeze({ listFor, save, remove });
