import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, sqlState, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { caseRepository } from "./cases.js";
import { NotFoundError, SQLSTATE } from "./errors.js";
import { organisationRepository, type ProfileStructure } from "./organisation.js";

let t: TestDb;
let seed: Seed;
let other: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
  other = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const failure = (promise: Promise<unknown>) => promise.then(() => "no error", sqlState);

const T0 = new Date("2026-03-02T09:00:00Z");
const structure = (directorates: ProfileStructure["directorates"]) => ({ name: "Sync Test", directorates });

describe("saving a profile", () => {
  it("mirrors the profile's directorates, services and teams, keeping ids stable and archiving what was removed", async () => {
    const id = await organisationRepository.insertCouncil(t.db, { slug: "sync-test", name: "Sync Test", referencePrefix: "SYN", profile: {}, now: T0 });
    const first = await organisationRepository.saveProfile(
      t.db,
      id,
      structure([
        {
          id: "housing",
          name: "Housing",
          services: [
            { id: "repairs", name: "Repairs", teams: [{ id: "north", name: "North" }] },
            { id: "lettings", name: "Lettings" },
          ],
        },
      ]),
      T0,
    );
    const second = await organisationRepository.saveProfile(
      t.db,
      id,
      structure([{ id: "housing", name: "Housing and Homes", services: [{ id: "repairs", name: "Repairs", plugins: ["housing"] }] }]),
      T0,
    );
    expect(second.directorates.get("housing")).toBe(first.directorates.get("housing"));
    expect(second.services.get("repairs")).toBe(first.services.get("repairs"));
    expect((await organisationRepository.listDirectorates(t.db, id)).map((d) => d.name)).toEqual(["Housing and Homes"]);
    expect((await organisationRepository.listServices(t.db, id)).map((s) => [s.code, s.plugins])).toEqual([["repairs", ["housing"]]]);
    expect((await organisationRepository.listServices(t.db, id, { includeArchived: true })).map((s) => s.code).sort()).toEqual(["lettings", "repairs"]);
    const tree = await organisationRepository.organisation(t.db, id);
    expect(tree.directorates[0]?.services.find((s) => s.code === "repairs")?.teams).toEqual([{ id: first.teams.get("repairs/north"), code: "north", name: "North", archived: true }]);

    const third = await organisationRepository.saveProfile(
      t.db,
      id,
      structure([{ id: "housing", name: "Housing", plugins: ["housing"], services: [{ id: "repairs", name: "Repairs" }, { id: "lettings", name: "Lettings" }] }]),
      T0,
    );
    expect(third.services.get("lettings")).toBe(first.services.get("lettings"));
    // A directorate's plugins apply to each of its services.
    expect((await organisationRepository.listServices(t.db, id)).map((s) => [s.code, s.plugins])).toEqual([
      ["lettings", ["housing"]],
      ["repairs", ["housing"]],
    ]);
    expect((await organisationRepository.getCouncil(t.db, id)).profile).toMatchObject({ name: "Sync Test" });
  });

  it("the council's name and reference prefix follow the profile (issue 14: the prefix stayed EXB)", async () => {
    const id = await organisationRepository.insertCouncil(t.db, { slug: "renamed", name: "Old Name", referencePrefix: "OLD", profile: {}, now: T0 });
    await organisationRepository.saveProfile(t.db, id, { name: "Leeds City Council", referencePrefix: "LCC", directorates: [{ id: "housing", name: "Housing", services: [{ id: "repairs", name: "Repairs" }] }] }, T0);
    expect(await organisationRepository.getCouncil(t.db, id)).toMatchObject({ name: "Leeds City Council", referencePrefix: "LCC" });
  });

  it("a service moved to another directorate takes its cases, so directorate scoping follows (decision 0514); casesByService counts them", async () => {
    const own = await seedCouncil(t.db);
    const logged = await logToyCase(t.db, own, { serviceCode: "lettings" });
    const profile = (await organisationRepository.getCouncil(t.db, own.councilId)).profile as unknown as ProfileStructure & { name: string };
    const moved = {
      ...profile,
      directorates: profile.directorates.map((d) =>
        d.id === "housing" ? { ...d, services: d.services.filter((s) => s.id !== "lettings") } : d.id === "adults" ? { ...d, services: [...d.services, { id: "lettings", name: "Lettings" }] } : d,
      ),
    };
    expect((await organisationRepository.casesByService(t.db, own.councilId)).get("lettings")).toEqual({ open: 1, all: 1 });
    await organisationRepository.saveProfile(t.db, own.councilId, moved, T0);
    const row = await t.db.selectFrom("cases").select("directorate_id").where("id", "=", logged.caseId).executeTakeFirstOrThrow();
    expect(row.directorate_id).toBe(own.directorates.adults);
    const dues = await t.db.selectFrom("due_dates").select("directorate_id").where("case_id", "=", logged.caseId).execute();
    expect(dues.every((d) => d.directorate_id === own.directorates.adults)).toBe(true);
  });

  it("knows no council it was not given", async () => {
    await expect(organisationRepository.getCouncil(t.db, "00000000-0000-4000-8000-000000000000")).rejects.toThrow(NotFoundError);
  });
});

describe("council boundaries", () => {
  it("a case cannot be assigned to another council's staff", async () => {
    const logged = await logToyCase(t.db, seed);
    expect(
      await failure(
        toyCommand(t.db, seed, logged.caseId, 1, { type: "assign", handlerId: other.officer.id }),
      ),
    ).toBe(SQLSTATE.foreignKeyViolation);
    expect((await caseRepository.getCase(t.db, logged.caseId)).version).toBe(1);
  });

  it("a case cannot be linked to another council's customer", async () => {
    const theirs = await logToyCase(t.db, other, { customer: { fullName: "Someone Else" } });
    await expect(
      logToyCase(t.db, seed, { customer: { id: theirs.state.customerId! } }),
    ).rejects.toThrow(NotFoundError);
  });
});

describe("host names (docs/decisions/0316-council-by-host.md)", () => {
  it("stores a council's host names lower case without a trailing dot, replaces them as a set, and finds the council by any of them", async () => {
    expect(await organisationRepository.setCouncilHosts(t.db, seed.councilId, ["Complaints.Leeds.example", "leeds.localhost."], T0)).toEqual(["complaints.leeds.example", "leeds.localhost"]);
    expect((await organisationRepository.findCouncilByHost(t.db, "LEEDS.localhost"))?.id).toBe(seed.councilId);
    expect(await organisationRepository.councilHosts(t.db, seed.councilId)).toEqual(["complaints.leeds.example", "leeds.localhost"]);
    expect(await organisationRepository.anyCouncilHosts(t.db)).toBe(true);

    await organisationRepository.setCouncilHosts(t.db, seed.councilId, ["leeds.localhost"], T0);
    expect(await organisationRepository.findCouncilByHost(t.db, "complaints.leeds.example")).toBeUndefined();
    expect(await organisationRepository.findCouncilByHost(t.db, "not a host")).toBeUndefined();
  });

  it("refuses a host name another council answers to, naming both, and leaves both councils' names as they were", async () => {
    await organisationRepository.setCouncilHosts(t.db, seed.councilId, ["shared.example"], T0);
    const refused = await organisationRepository.setCouncilHosts(t.db, other.councilId, ["mine.example", "shared.example"], T0).then(() => null, (e: Error) => e.message);
    expect(refused).toMatch(/^Shared\.example is already the address of /);
    expect(await organisationRepository.councilHosts(t.db, other.councilId)).toEqual([]);
    expect(await organisationRepository.councilHosts(t.db, seed.councilId)).toEqual(["shared.example"]);
  });

  it("refuses what is not a host name (a URL, a port) with the form it expects", async () => {
    for (const bad of ["https://leeds.example", "leeds.example:3000", "", "two words"]) {
      const refused = await organisationRepository.setCouncilHosts(t.db, seed.councilId, [bad], T0).then(() => null, (e: Error) => e.message);
      expect(refused, bad).toContain("is not a host name");
    }
  });

  it("lets the database itself refuse a second council on the same name", async () => {
    await organisationRepository.setCouncilHosts(t.db, seed.councilId, ["unique.example"], T0);
    const raw = t.db.insertInto("council_hosts").values({ host: "unique.example", council_id: other.councilId, created_at: T0 }).execute();
    expect(await failure(raw)).toBe(SQLSTATE.uniqueViolation);
  });
});
