import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, toyCommand, type Seed } from "../test/fixtures.js";
import { customerRepository } from "./customers.js";
import {
  findPossibleDuplicates,
  listCustomerCases,
  listOpenCasesByNextDue,
  searchCases,
  type AccessScope,
} from "./search.js";

let t: TestDb;
let seed: Seed;
let everything: AccessScope;
const cases: Record<
  "leak" | "bins" | "rude" | "boiler" | "elsewhere",
  { id: string; reference: string }
> = {} as never;
let ada: string;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
  everything = { councilId: seed.councilId, directorates: "all", includeRestricted: true };

  const leak = await logToyCase(t.db, seed, {
    description: "Water leaking through the kitchen ceiling from the flat above",
    customer: {
      fullName: "Ada Lovelace",
      email: "Ada@Example.org",
      phone: "07700 900123",
      address: "1 Analytical Street\nLeeds",
      postcode: "LS1 4AB",
    },
    receivedAt: new Date("2026-03-02T09:00:00Z"),
  });
  ada = leak.state.customerId!;
  const bins = await logToyCase(t.db, seed, {
    description: "Missed bin collection three weeks running",
    serviceCode: "lettings",
    customer: {
      fullName: "Charles Babbage",
      email: "charles@example.org",
      phone: "+44 7700 900456",
      postcode: "LS2 7EW",
    },
    receivedAt: new Date("2026-03-03T09:00:00Z"),
  });
  const rude = await logToyCase(t.db, seed, {
    description: "The care worker was rude to my mother",
    serviceCode: "adult-social-care",
    restricted: true,
    customer: { fullName: "Ada Byron", email: "byron@example.org" },
    receivedAt: new Date("2026-03-04T09:00:00Z"),
  });
  const boiler = await logToyCase(t.db, seed, {
    description: "Boiler broken all winter",
    customer: { id: ada },
    receivedAt: new Date("2026-01-10T09:00:00Z"),
  });
  await toyCommand(t.db, seed, boiler.caseId, 1, { type: "close" });
  const other = await seedCouncil(t.db);
  const elsewhere = await logToyCase(t.db, other, {
    description: "Water leaking through the kitchen ceiling",
    customer: { fullName: "Ada Lovelace", email: "ada@example.org" },
  });
  for (const [key, value] of Object.entries({ leak, bins, rude, boiler, elsewhere })) {
    cases[key as keyof typeof cases] = { id: value.caseId, reference: value.reference };
  }
});
afterAll(() => t?.close());

const refs = (rows: Array<{ reference: string }>) => rows.map((r) => r.reference);
const names2 = (rows: Array<{ id: string }>, named: Record<string, { caseId: string }>) =>
  rows
    .map((r) => Object.entries(named).find(([, c]) => c.caseId === r.id)?.[0] ?? "unknown")
    .sort();
const names = (rows: Array<{ id: string }>) =>
  rows.map((r) => Object.entries(cases).find(([, c]) => c.id === r.id)?.[0] ?? "unknown").sort();

describe("searchCases", () => {
  it("finds a case by its reference, whole or in part, in any letter case", async () => {
    expect(
      refs(
        await searchCases(t.db, {
          scope: everything,
          reference: cases.bins.reference.toLowerCase(),
        }),
      ),
    ).toEqual([cases.bins.reference]);
    expect(
      refs(
        await searchCases(t.db, { scope: everything, reference: cases.bins.reference.slice(-6) }),
      ),
    ).toEqual([cases.bins.reference]);
  });

  it("finds cases by customer name prefix, address and postcode", async () => {
    expect(names(await searchCases(t.db, { scope: everything, customerName: "lovel" }))).toEqual([
      "boiler",
      "leak",
    ]);
    expect(names(await searchCases(t.db, { scope: everything, customerName: "ada" }))).toEqual([
      "boiler",
      "leak",
      "rude",
    ]);
    expect(names(await searchCases(t.db, { scope: everything, address: "analytical st" }))).toEqual(
      ["boiler", "leak"],
    );
    expect(names(await searchCases(t.db, { scope: everything, postcode: "ls14ab" }))).toEqual([
      "boiler",
      "leak",
    ]);
  });

  it("matches email and phone after normalising both sides", async () => {
    expect(
      names(await searchCases(t.db, { scope: everything, email: "  ADA@example.ORG " })),
    ).toEqual(["boiler", "leak"]);
    expect(
      names(
        await searchCases(t.db, {
          scope: everything,
          phone: "+44 (0)7700-900-123".replace("(0)", ""),
        }),
      ),
    ).toEqual(["boiler", "leak"]);
    expect(names(await searchCases(t.db, { scope: everything, phone: "07700900456" }))).toEqual([
      "bins",
    ]);
  });

  it("searches descriptions with English full-text search", async () => {
    expect(names(await searchCases(t.db, { scope: everything, text: "leaks" }))).toEqual(["leak"]);
    expect(
      names(await searchCases(t.db, { scope: everything, text: '"kitchen ceiling"' })),
    ).toEqual(["leak"]);
    expect(names(await searchCases(t.db, { scope: everything, text: "leak -kitchen" }))).toEqual(
      [],
    );
    expect(
      names(await searchCases(t.db, { scope: everything, text: "collections OR boilers" })),
    ).toEqual(["bins", "boiler"]);
  });

  it("combines criteria with AND", async () => {
    expect(
      names(await searchCases(t.db, { scope: everything, customerName: "ada", text: "boiler" })),
    ).toEqual(["boiler"]);
    expect(
      names(await searchCases(t.db, { scope: everything, customerName: "ada", status: "open" })),
    ).toEqual(["leak", "rude"]);
    expect(
      names(await searchCases(t.db, { scope: everything, customerName: "ada", status: "closed" })),
    ).toEqual(["boiler"]);
  });

  it("quick search looks everywhere and puts an exact reference first", async () => {
    const byReference = await searchCases(t.db, { scope: everything, quick: cases.leak.reference });
    expect(byReference[0]?.reference).toBe(cases.leak.reference);
    expect(names(await searchCases(t.db, { scope: everything, quick: "lovelace" }))).toEqual([
      "boiler",
      "leak",
    ]);
    expect(
      names(await searchCases(t.db, { scope: everything, quick: "charles@example.org" })),
    ).toEqual(["bins"]);
    expect(names(await searchCases(t.db, { scope: everything, quick: "LS2 7EW" }))).toEqual([
      "bins",
    ]);
    expect(names(await searchCases(t.db, { scope: everything, quick: "rude" }))).toEqual(["rude"]);
    expect(
      names(await searchCases(t.db, { scope: everything, quick: "'); DROP TABLE cases; --" })),
    ).toEqual([]);
  });

  it("shows only the caller's directorates and council, and restricted cases only when allowed", async () => {
    const housing: AccessScope = {
      councilId: seed.councilId,
      directorates: [seed.directorates.housing],
      includeRestricted: true,
    };
    expect(names(await searchCases(t.db, { scope: housing, customerName: "ada" }))).toEqual([
      "boiler",
      "leak",
    ]);
    const unrestricted: AccessScope = { ...everything, includeRestricted: false };
    expect(names(await searchCases(t.db, { scope: unrestricted, customerName: "ada" }))).toEqual([
      "boiler",
      "leak",
    ]);
    expect(
      await searchCases(t.db, { scope: { ...everything, directorates: [] }, customerName: "ada" }),
    ).toEqual([]);
    expect(names(await searchCases(t.db, { scope: everything, text: "kitchen ceiling" }))).toEqual([
      "leak",
    ]);
  });

  it("lets handlers see their own cases, restricted ones only where allowed, and no one a case about them", async () => {
    const own = await seedCouncil(t.db);
    const housingOnly = (extra: Partial<AccessScope>): AccessScope => ({
      councilId: own.councilId,
      directorates: [own.directorates.housing],
      ...extra,
    });
    const adults = await logToyCase(t.db, own, {
      description: "Restricted adults case",
      serviceCode: "adult-social-care",
      restricted: true,
    });
    const housing = await logToyCase(t.db, own, {
      description: "Restricted housing case",
      restricted: true,
    });
    const search = async (scope: AccessScope) =>
      names2(await searchCases(t.db, { scope, text: "restricted" }), { adults, housing });

    expect(await search(housingOnly({}))).toEqual([]);
    expect(
      await search(housingOnly({ restrictedDirectorates: [own.directorates.housing] })),
    ).toEqual(["housing"]);
    expect(await search(housingOnly({ restrictedDirectorates: "all" }))).toEqual(["housing"]);
    await toyCommand(t.db, own, adults.caseId, 1, { type: "assign", handlerId: own.officer.id });
    expect(await search(housingOnly({ staffId: own.officer.id }))).toEqual(["adults"]);
    expect(await search(housingOnly({ staffId: own.manager.id, includeRestricted: true }))).toEqual(
      ["housing"],
    );

    // A complaint about a member of staff is hidden from them, whatever their roles.
    await t.db
      .updateTable("cases")
      .set({ state: JSON.stringify({ ...housing.state, aboutStaffIds: [own.manager.id] }) })
      .where("id", "=", housing.caseId)
      .execute();
    expect(
      await search({
        councilId: own.councilId,
        directorates: "all",
        includeRestricted: true,
        staffId: own.manager.id,
      }),
    ).toEqual(["adults"]);
    expect(
      await search({
        councilId: own.councilId,
        directorates: "all",
        includeRestricted: true,
        staffId: own.officer.id,
      }),
    ).toEqual(["adults", "housing"]);
  });

  it("can answer description and customer searches from the GIN indexes", async () => {
    const plan = (query: ReturnType<typeof sql>) =>
      t.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL enable_seqscan = off`.execute(trx);
        const { rows } = await sql<Record<string, string>>`EXPLAIN ${query}`.execute(trx);
        return rows.map((r) => Object.values(r).join(" ")).join("\n");
      });
    expect(
      await plan(sql`SELECT id FROM cases WHERE search @@ websearch_to_tsquery('english', 'leak')`),
    ).toContain("cases_search");
    expect(
      await plan(sql`SELECT id FROM customers WHERE name_search @@ to_tsquery('simple', 'ada:*')`),
    ).toContain("customers_name_search");
  });

  it("returns the summary a result list needs", async () => {
    const [hit] = await searchCases(t.db, { scope: everything, reference: cases.leak.reference });
    expect(hit).toMatchObject({
      id: cases.leak.id,
      reference: cases.leak.reference,
      version: 1,
      status: "open",
      customerName: "Ada Lovelace",
      directorateId: seed.directorates.housing,
      receiptDate: "2026-03-02",
      restricted: false,
      excerpt: "Water leaking through the kitchen ceiling from the flat above",
    });
    expect(hit?.receivedAt).toBeInstanceOf(Date);
  });
});

describe("findPossibleDuplicates", () => {
  it("finds open cases of the same customer, email, phone or postcode, with the reasons", async () => {
    const found = await findPossibleDuplicates(t.db, { scope: everything, customerId: ada });
    expect(found.map((d) => [d.reference, d.reasons])).toEqual([
      [cases.leak.reference, ["same-customer"]],
    ]);

    const byContact = await findPossibleDuplicates(t.db, {
      scope: everything,
      email: "ada@example.org",
      phone: "07700 900 123",
      postcode: "ls1 4ab",
    });
    expect(byContact.map((d) => [d.reference, d.reasons])).toEqual([
      [cases.leak.reference, ["same-email", "same-phone", "same-postcode"]],
    ]);
  });

  it("finds open cases with a similar description, and not unrelated ones", async () => {
    const similar = await findPossibleDuplicates(t.db, {
      scope: everything,
      description: "There is water leaking from the ceiling of my kitchen",
    });
    expect(similar.map((d) => [d.reference, d.reasons])).toEqual([
      [cases.leak.reference, ["similar-description"]],
    ]);
    expect(similar[0]!.similarity).toBeGreaterThanOrEqual(0.3);
    expect(
      await findPossibleDuplicates(t.db, {
        scope: everything,
        description: "Parking permit refused without reason",
      }),
    ).toEqual([]);
    expect(
      await findPossibleDuplicates(t.db, { scope: everything, description: "ceiling" }),
    ).toEqual([]);
  });

  it("leaves out closed cases, the case itself, other councils and what the caller may not see", async () => {
    expect(
      await findPossibleDuplicates(t.db, {
        scope: everything,
        customerId: ada,
        excludeCaseId: cases.leak.id,
      }),
    ).toEqual([]);
    expect(
      await findPossibleDuplicates(t.db, { scope: everything, email: "byron@example.org" }),
    ).toHaveLength(1);
    expect(
      await findPossibleDuplicates(t.db, {
        scope: { ...everything, includeRestricted: false },
        email: "byron@example.org",
      }),
    ).toEqual([]);
  });

  it("finds nothing when given nothing to compare", async () => {
    expect(await findPossibleDuplicates(t.db, { scope: everything })).toEqual([]);
  });
});

describe("listCustomerCases", () => {
  it("lists a customer's earlier cases, newest first, closed ones included", async () => {
    const history = await listCustomerCases(t.db, { scope: everything, customerId: ada });
    expect(refs(history)).toEqual([cases.leak.reference, cases.boiler.reference]);
    expect(
      refs(
        await listCustomerCases(t.db, {
          scope: everything,
          customerId: ada,
          excludeCaseId: cases.leak.id,
        }),
      ),
    ).toEqual([cases.boiler.reference]);
  });
});

describe("listOpenCasesByNextDue", () => {
  it("orders a directorate's open cases by their nearest unmet due date", async () => {
    const own = await seedCouncil(t.db);
    const housing: AccessScope = {
      councilId: own.councilId,
      directorates: [own.directorates.housing],
      includeRestricted: false,
    };
    const late = await logToyCase(t.db, own, { description: "late" });
    const soon = await logToyCase(t.db, own, { description: "soon" });
    const adults = await logToyCase(t.db, own, {
      description: "adults",
      serviceCode: "adult-social-care",
    });
    const closed = await logToyCase(t.db, own, { description: "closed" });
    await toyCommand(t.db, own, closed.caseId, 1, { type: "close" });
    await toyCommand(t.db, own, late.caseId, 1, {
      type: "meet",
      id: "stage-1#1.acknowledge",
      on: "2026-03-03",
    });
    await toyCommand(t.db, own, late.caseId, 2, {
      type: "set-due",
      id: "stage-1#1.respond",
      date: "2026-03-23",
    });
    await toyCommand(t.db, own, soon.caseId, 1, {
      type: "set-due",
      id: "stage-1#1.respond",
      date: "2026-03-20",
    });

    const queue = await listOpenCasesByNextDue(t.db, { scope: housing });
    expect(queue.map((q) => [q.reference, q.nextDue.id, q.nextDue.date])).toEqual([
      [soon.reference, "stage-1#1.acknowledge", "2026-03-09"],
      [late.reference, "stage-1#1.respond", "2026-03-23"],
    ]);
    expect(
      refs(await listOpenCasesByNextDue(t.db, { scope: housing, dueOnOrBefore: "2026-03-10" })),
    ).toEqual([soon.reference]);
    // Same date: by reference.
    expect(
      refs(await listOpenCasesByNextDue(t.db, { scope: { ...housing, directorates: "all" } })),
    ).toEqual([soon.reference, adults.reference, late.reference]);
  });
});

describe("customerRepository.findCustomers", () => {
  it("finds people we already know from any detail, best match first", async () => {
    const found = await customerRepository.findCustomers(t.db, {
      councilId: seed.councilId,
      email: "ada@example.org",
      name: "ada",
    });
    expect(found.map((c) => [c.full_name, c.matchedOn])).toEqual([
      ["Ada Lovelace", ["email", "name"]],
      ["Ada Byron", ["name"]],
    ]);
    expect(await customerRepository.findCustomers(t.db, { councilId: seed.councilId })).toEqual([]);
  });
});
