import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, sqlState, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { caseRepository } from "./cases.js";
import { NotFoundError, SQLSTATE } from "./errors.js";
import { councilRepository, staffRepository } from "./organisation.js";

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

describe("syncOrganisation", () => {
  it("mirrors the profile's directorates, services and teams, keeping ids stable and archiving what was removed", async () => {
    const council = await councilRepository.createCouncil(t.db, {
      slug: "sync-test",
      name: "Sync Test",
    });
    const first = await councilRepository.syncOrganisation(t.db, council.id, {
      directorates: [
        {
          id: "housing",
          name: "Housing",
          services: [
            { id: "repairs", name: "Repairs", teams: [{ id: "north", name: "North" }] },
            { id: "lettings", name: "Lettings" },
          ],
        },
      ],
    });
    const second = await councilRepository.syncOrganisation(t.db, council.id, {
      directorates: [
        {
          id: "housing",
          name: "Housing and Homes",
          services: [{ id: "repairs", name: "Repairs", plugins: ["housing"] }],
        },
      ],
    });
    expect(second.directorates.get("housing")).toBe(first.directorates.get("housing"));
    expect(second.services.get("repairs")).toBe(first.services.get("repairs"));
    expect((await councilRepository.listDirectorates(t.db, council.id)).map((d) => d.name)).toEqual(
      ["Housing and Homes"],
    );
    expect(
      (await councilRepository.listServices(t.db, council.id)).map((s) => [s.code, s.plugins]),
    ).toEqual([["repairs", ["housing"]]]);
    expect(
      (await councilRepository.listServices(t.db, council.id, { includeArchived: true }))
        .map((s) => s.code)
        .sort(),
    ).toEqual(["lettings", "repairs"]);
    expect(await councilRepository.listTeams(t.db, council.id)).toEqual([]);

    const third = await councilRepository.syncOrganisation(t.db, council.id, {
      directorates: [
        {
          id: "housing",
          name: "Housing",
          services: [
            { id: "repairs", name: "Repairs" },
            { id: "lettings", name: "Lettings" },
          ],
        },
      ],
    });
    expect(third.services.get("lettings")).toBe(first.services.get("lettings"));
    expect((await councilRepository.listServices(t.db, council.id)).map((s) => s.code)).toEqual([
      "lettings",
      "repairs",
    ]);
  });
});

describe("staff", () => {
  it("have one account per email in a council, whatever the letter case", async () => {
    expect(
      await failure(
        staffRepository.createStaff(t.db, {
          councilId: seed.councilId,
          email: seed.officer.email.toUpperCase(),
          displayName: "Twin",
        }),
      ),
    ).toBe(SQLSTATE.uniqueViolation);
    const elsewhere = await staffRepository.createStaff(t.db, {
      councilId: other.councilId,
      email: seed.officer.email,
      displayName: "Namesake",
    });
    expect(elsewhere.council_id).toBe(other.councilId);
    expect(
      (
        await staffRepository.findStaffByEmail(
          t.db,
          seed.councilId,
          ` ${seed.officer.email.toUpperCase()} `,
        )
      )?.id,
    ).toBe(seed.officer.id);
  });

  it("sign in with a local password hash or an OIDC subject, each unique", async () => {
    const staff = await staffRepository.createStaff(t.db, {
      councilId: seed.councilId,
      email: "sso@example.gov.uk",
      displayName: "Sam SSO",
      passwordHash: "scrypt$16384$8$1$c2FsdA$aGFzaA",
      oidc: { issuer: "https://login.example.gov.uk", subject: "abc-123" },
    });
    expect(
      (
        await staffRepository.findStaffByOidcSubject(
          t.db,
          "https://login.example.gov.uk",
          "abc-123",
        )
      )?.id,
    ).toBe(staff.id);
    expect(staff.password_hash).toBe("scrypt$16384$8$1$c2FsdA$aGFzaA");
    expect(
      await failure(
        staffRepository.createStaff(t.db, {
          councilId: seed.councilId,
          email: "sso2@example.gov.uk",
          displayName: "Copy",
          oidc: { issuer: "https://login.example.gov.uk", subject: "abc-123" },
        }),
      ),
    ).toBe(SQLSTATE.uniqueViolation);
  });

  it("hold roles council-wide or per directorate of their own council only", async () => {
    expect(seed.officer.roles).toEqual([
      { role: "investigating-officer", directorateId: seed.directorates.housing },
    ]);
    await staffRepository.grantRole(t.db, seed.officer.id, {
      role: "investigating-officer",
      directorateId: seed.directorates.housing,
    });
    await staffRepository.grantRole(t.db, seed.officer.id, {
      role: "quality-assurance",
      directorateId: null,
    });
    expect(await staffRepository.rolesOf(t.db, seed.officer.id)).toEqual([
      { role: "investigating-officer", directorateId: seed.directorates.housing },
      { role: "quality-assurance", directorateId: null },
    ]);
    await staffRepository.revokeRole(t.db, seed.officer.id, {
      role: "quality-assurance",
      directorateId: null,
    });
    expect((await staffRepository.rolesOf(t.db, seed.officer.id)).map((r) => r.role)).toEqual([
      "investigating-officer",
    ]);
    expect(
      await failure(
        staffRepository.grantRole(t.db, seed.officer.id, {
          role: "director",
          directorateId: other.directorates.housing,
        }),
      ),
    ).toBe(SQLSTATE.foreignKeyViolation);
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
