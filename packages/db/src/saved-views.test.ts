/**
 * Saved work-queue views (issue 16): each person sees their own and those shared with their
 * team or directorate; names are the owner's own; only the owner deletes one.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { seedCouncil, type Seed } from "../test/fixtures.js";
import { savedViewRepository } from "./saved-views.js";

let t: TestDb;
let seed: Seed;
let other: Seed;
const at = new Date("2026-03-02T09:00:00Z");

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
  other = await seedCouncil(t.db);
});
afterAll(() => t?.close());

describe("saved queue views", () => {
  it("lists a person's own views and those shared with their directorate, never another council's", async () => {
    const { councilId, officer, manager, directorates } = seed;
    await savedViewRepository.save(t.db, { councilId, ownerId: officer.id, name: "My overdue", filters: { queue: "mine", due: "red" }, sharedWith: { with: "nobody" }, at });
    await savedViewRepository.save(t.db, { councilId, ownerId: manager.id, name: "Housing untriaged", filters: { queue: "directorate", status: "new" }, sharedWith: { with: "directorate", directorateId: directorates.housing }, at });
    await savedViewRepository.save(t.db, { councilId, ownerId: manager.id, name: "Adults overdue", filters: { queue: "directorate", due: "red" }, sharedWith: { with: "directorate", directorateId: directorates.adults }, at });
    await savedViewRepository.save(t.db, { councilId: other.councilId, ownerId: other.officer.id, name: "Elsewhere", filters: {}, sharedWith: { with: "directorate", directorateId: other.directorates.housing }, at });

    const seen = await savedViewRepository.listFor(t.db, { councilId, staffId: officer.id, teamId: null, directorateIds: [directorates.housing] });
    expect(seen.map((v) => [v.name, v.owner.id, v.filters])).toEqual([
      ["Housing untriaged", manager.id, { queue: "directorate", status: "new" }],
      ["My overdue", officer.id, { queue: "mine", due: "red" }],
    ]);
  });

  it("refuses a second view of the same name by the same person, saying so", async () => {
    const { councilId, officer } = seed;
    await expect(savedViewRepository.save(t.db, { councilId, ownerId: officer.id, name: "My overdue", filters: {}, sharedWith: { with: "nobody" }, at })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      message: expect.stringContaining('You already have a view called "My overdue"'),
    });
  });

  it("deletes only the owner's own view", async () => {
    const { councilId, officer, manager, directorates } = seed;
    const [shared] = (await savedViewRepository.listFor(t.db, { councilId, staffId: officer.id, teamId: null, directorateIds: [directorates.housing] })).filter((v) => v.owner.id === manager.id);
    expect(await savedViewRepository.remove(t.db, { councilId, ownerId: officer.id, id: shared!.id })).toBe(false);
    expect(await savedViewRepository.remove(t.db, { councilId, ownerId: manager.id, id: shared!.id })).toBe(true);
    const left = await savedViewRepository.listFor(t.db, { councilId, staffId: officer.id, teamId: null, directorateIds: [directorates.housing] });
    expect(left.map((v) => v.name)).toEqual(["My overdue"]);
  });
});
