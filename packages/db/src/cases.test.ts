import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import {
  logToyCase,
  openToy,
  publicActor,
  seedCouncil,
  staffActor,
  toyCommand,
  toyProjection,
  toyTransition,
  type Seed,
  type ToyState,
} from "../test/fixtures.js";
import { applyCommand, caseRepository, createCase } from "./cases.js";
import { ConflictError, IdempotencyKeyReusedError, NotFoundError } from "./errors.js";
import { listEvents, verifyEventChain } from "./events.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

async function counter(councilId: string, year: number): Promise<number | undefined> {
  const row = await t.db
    .selectFrom("case_reference_counters")
    .select("last_value")
    .where("council_id", "=", councilId)
    .where("year", "=", year)
    .executeTakeFirst();
  return row?.last_value;
}

async function countCases(councilId: string): Promise<number> {
  const row = await t.db
    .selectFrom("cases")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("council_id", "=", councilId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

describe("case references", () => {
  it("count up per council and year: PREFIX-YEAR-NNNNNN", async () => {
    const own = await seedCouncil(t.db, { referencePrefix: "LCC" });
    const other = await seedCouncil(t.db);
    const first = await logToyCase(t.db, own);
    const second = await logToyCase(t.db, own);
    const elsewhere = await logToyCase(t.db, other);
    expect([first.reference, second.reference]).toEqual(["LCC-2026-000001", "LCC-2026-000002"]);
    expect(elsewhere.reference).toBe("CMP-2026-000001");
  });

  it("take the year of the council's own calendar and restart each year", async () => {
    const own = await seedCouncil(t.db, { referencePrefix: "YR" });
    await t.db
      .updateTable("councils")
      .set({ time_zone: "Pacific/Auckland" })
      .where("id", "=", own.councilId)
      .execute();
    // 31 Dec 2025 11:30 UTC is already 1 Jan 2026 in Auckland.
    const newYear = await logToyCase(t.db, own, { receivedAt: new Date("2025-12-31T11:30:00Z") });
    const oldYear = await logToyCase(t.db, own, { receivedAt: new Date("2025-12-31T10:30:00Z") });
    expect(newYear.reference).toBe("YR-2026-000001");
    expect(oldYear.reference).toBe("YR-2025-000001");
  });

  it("open cases are listed with their versions, for batch jobs", async () => {
    const own = await seedCouncil(t.db);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await logToyCase(t.db, own)).caseId);
    await toyCommand(t.db, own, ids[0]!, 1, { type: "close" });
    const open = await caseRepository.listOpenCases(t.db, own.councilId);
    expect(open.map((c) => c.id).sort()).toEqual([ids[1], ids[2]].sort());
    expect(open.map((c) => c.version)).toEqual([1, 1]);
  });

  it("with a request for approval waiting are listed for the approvers (decision 0324), decided ones not", async () => {
    const own = await seedCouncil(t.db);
    const [waiting, decided] = [await logToyCase(t.db, own), await logToyCase(t.db, own)];
    await logToyCase(t.db, own); // no approvals at all
    const withApprovals = (caseId: string, approvals: unknown[]) =>
      t.db.updateTable("cases").set({ state: sql`state || ${JSON.stringify({ approvals })}::jsonb` }).where("id", "=", caseId).execute();
    await withApprovals(waiting.caseId, [{ id: "a1", decision: { approved: false } }, { id: "a2", decision: null }]);
    await withApprovals(decided.caseId, [{ id: "a1", decision: { approved: true } }]);
    const listed = await caseRepository.listAwaitingApproval(t.db, own.councilId);
    expect(listed.map((c) => c.id)).toEqual([waiting.caseId]);
  });

  it("are counted by status, and complaints with a customer listed by reference", async () => {
    const own = await seedCouncil(t.db);
    const anonymous = await logToyCase(t.db, own);
    const named = await logToyCase(t.db, own, { customer: { fullName: "Nia Named" } });
    await toyCommand(t.db, own, named.caseId, 1, { type: "close" });
    expect(await caseRepository.countByStatus(t.db, own.councilId)).toEqual({ [anonymous.state.status]: 1, closed: 1 });
    expect(await caseRepository.listComplaintsWithCustomer(t.db, own.councilId)).toEqual([{ id: named.caseId, receiptDate: "2026-03-02" }]);
  });

  it("are found again without regard to letter case", async () => {
    const logged = await logToyCase(t.db, seed);
    const found = await caseRepository.findCaseByReference(
      t.db,
      seed.councilId,
      logged.reference.toLowerCase(),
    );
    expect(found?.id).toBe(logged.caseId);
  });
});

describe("createCase", () => {
  it("stores the snapshot, its mirrored columns, stage, due dates and first event together", async () => {
    const logged = await logToyCase(t.db, seed, {
      description: "Mould in the bathroom",
      customer: { fullName: "Ada Lovelace", email: "ada@example.org" },
    });
    const stored = await caseRepository.getCase<ToyState>(t.db, logged.caseId);
    expect(stored.version).toBe(1);
    expect(stored.state).toEqual(logged.state);
    expect(stored.row).toMatchObject({
      status: "open",
      kind: "complaint",
      service_id: seed.services.get("repairs"),
      directorate_id: seed.directorates.housing,
      receipt_date: "2026-03-02",
      description: "Mould in the bathroom",
      restricted: false,
    });
    expect(stored.row.customer_id).toBe(logged.state.customerId);
    expect(
      (await caseRepository.listStageInstances(t.db, logged.caseId)).map((s) => [
        s.sequence,
        s.stage_id,
        s.phase,
      ]),
    ).toEqual([[1, "stage-1", "investigating"]]);
    expect(await caseRepository.listDueDates(t.db, logged.caseId)).toEqual([
      expect.objectContaining({
        due_id: "stage-1#1.acknowledge",
        due_date: "2026-03-09",
        case_open: true,
        directorate_id: seed.directorates.housing,
      }),
    ]);
    expect(
      (await listEvents(t.db, { caseId: logged.caseId })).map((e) => [e.seq, e.type, e.actor.type]),
    ).toEqual([[1, "log", "public"]]);
    expect(logged.effects).toEqual([{ type: "send-letter", letter: "acknowledgement" }]);
  });

  it("creates a new customer, or links an existing one", async () => {
    const first = await logToyCase(t.db, seed, {
      customer: { fullName: "Grace Hopper", phone: "07700 900123" },
    });
    const customerId = first.state.customerId!;
    const second = await logToyCase(t.db, seed, { customer: { id: customerId } });
    expect(second.state.customerId).toBe(customerId);
  });

  it("writes nothing when the lifecycle refuses, and gives the reference number back", async () => {
    const own = await seedCouncil(t.db);
    const refused = await createCase(t.db, { at: new Date(),
      councilId: own.councilId,
      receivedAt: new Date("2026-03-02T09:30:00Z"),
      actor: publicActor,
      customer: { fullName: "Refused Customer" },
      open: (ids) =>
        openToy(
          { caseId: ids.caseId, reference: ids.reference, customerId: ids.customer!.id },
          { description: "  " },
        ),
      project: toyProjection,
    });
    expect(refused).toEqual({ ok: false, refusal: "A complaint needs a description" });
    expect(await countCases(own.councilId)).toBe(0);
    expect(await counter(own.councilId, 2026)).toBeUndefined();
    const customers = await t.db
      .selectFrom("customers")
      .select("id")
      .where("council_id", "=", own.councilId)
      .execute();
    expect(customers).toEqual([]);
    expect((await logToyCase(t.db, own)).reference).toBe("CMP-2026-000001");
  });

  it("inside the caller's transaction, rolls back only its own writes on refusal", async () => {
    const own = await seedCouncil(t.db);
    await t.db.transaction().execute(async (trx) => {
      await trx
        .insertInto("customers")
        .values({ council_id: own.councilId, full_name: "Kept by the caller" })
        .execute();
      const refused = await createCase(trx, { at: new Date(),
        councilId: own.councilId,
        receivedAt: new Date(),
        actor: publicActor,
        open: (ids) =>
          openToy(
            { caseId: ids.caseId, reference: ids.reference, customerId: null },
            { description: "" },
          ),
        project: toyProjection,
      });
      expect(refused.ok).toBe(false);
    });
    const names = await t.db
      .selectFrom("customers")
      .select("full_name")
      .where("council_id", "=", own.councilId)
      .execute();
    expect(names).toEqual([{ full_name: "Kept by the caller" }]);
    expect(await countCases(own.councilId)).toBe(0);
  });

  it("refuses a service the council does not have, writing nothing", async () => {
    const own = await seedCouncil(t.db);
    await expect(logToyCase(t.db, own, { serviceCode: "parking" })).rejects.toThrow(NotFoundError);
    expect(await countCases(own.councilId)).toBe(0);
  });
});

describe("applyCommand", () => {
  it("applies the transition to the stored snapshot and bumps the version", async () => {
    const logged = await logToyCase(t.db, seed);
    const result = await toyCommand(t.db, seed, logged.caseId, 1, {
      type: "note",
      text: "Rang the customer",
    });
    if (!result.ok) throw new Error("refused");
    expect(result.version).toBe(2);
    expect(result.state.notes).toEqual(["Rang the customer"]);
    expect(result.events.map((e) => [e.seq, e.streamVersion, e.type, e.actor])).toEqual([
      [2, 2, "note", staffActor(seed.officer.id)],
    ]);
    const stored = await caseRepository.getCase<ToyState>(t.db, logged.caseId);
    expect(stored.version).toBe(2);
    expect(stored.state.notes).toEqual(["Rang the customer"]);
  });

  it("rewrites the mirrors that changed: handler, directorate, due dates, open/closed", async () => {
    const logged = await logToyCase(t.db, seed);
    let version = logged.version;
    for (const command of [
      { type: "assign", handlerId: seed.officer.id },
      { type: "move", serviceCode: "adult-social-care" },
      { type: "set-due", id: "stage-1#1.respond", date: "2026-03-23" },
      { type: "meet", id: "stage-1#1.acknowledge", on: "2026-03-04" },
    ] as const) {
      const result = await toyCommand(t.db, seed, logged.caseId, version, command);
      if (!result.ok) throw new Error("refused");
      version = result.version;
    }
    const stored = await caseRepository.getCase(t.db, logged.caseId);
    expect(stored.row).toMatchObject({
      assigned_staff_id: seed.officer.id,
      directorate_id: seed.directorates.adults,
      version: 5,
    });
    expect(
      (await caseRepository.listStageInstances(t.db, logged.caseId))[0]?.handler_staff_id,
    ).toBe(seed.officer.id);
    expect(
      (await caseRepository.listDueDates(t.db, logged.caseId)).map((d) => [
        d.due_id,
        d.due_date,
        d.met_on,
        d.directorate_id,
        d.case_open,
      ]),
    ).toEqual([
      ["stage-1#1.acknowledge", "2026-03-09", "2026-03-04", seed.directorates.adults, true],
      ["stage-1#1.respond", "2026-03-23", null, seed.directorates.adults, true],
    ]);
    await toyCommand(t.db, seed, logged.caseId, version, { type: "close" });
    expect(
      (await caseRepository.listDueDates(t.db, logged.caseId)).every((d) => d.case_open === false),
    ).toBe(true);
    expect((await caseRepository.getCase(t.db, logged.caseId)).row.closed_on).toBe("2026-03-20");
  });

  it("returns a refusal and writes nothing", async () => {
    const logged = await logToyCase(t.db, seed);
    const result = await toyCommand(t.db, seed, logged.caseId, 1, {
      type: "refuse",
      why: "Only a manager may do that",
    });
    expect(result).toEqual({ ok: false, refusal: "Only a manager may do that", version: 1 });
    expect((await caseRepository.getCase(t.db, logged.caseId)).version).toBe(1);
    expect(await listEvents(t.db, { caseId: logged.caseId })).toHaveLength(1);
  });

  it("refuses a stale version with a ConflictError that lists what changed since", async () => {
    const logged = await logToyCase(t.db, seed);
    await toyCommand(t.db, seed, logged.caseId, 1, { type: "assign", handlerId: seed.officer.id });
    await toyCommand(t.db, seed, logged.caseId, 2, { type: "note", text: "Called back" });
    const stale = toyCommand(t.db, seed, logged.caseId, 1, {
      type: "note",
      text: "Based on version 1",
    });
    const error = await stale.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ConflictError);
    const conflict = error as ConflictError;
    expect([conflict.expectedVersion, conflict.actualVersion]).toEqual([1, 3]);
    expect(conflict.changes.map((e) => [e.streamVersion, e.type])).toEqual([
      [2, "assign"],
      [3, "note"],
    ]);
    expect((await caseRepository.getCase<ToyState>(t.db, logged.caseId)).state.notes).toEqual([
      "Called back",
    ]);
  });

  describe("passOver: a step based on the version before the system recorded a letter sent (decision 0322)", () => {
    const PASS_OVER = ["record-correspondence-sent"];
    /** The system recording that the outbox sent the acknowledgement: changes nothing an officer decided. */
    const recordSent = (caseId: string, expectedVersion: number) =>
      applyCommand(t.db, {
        at: new Date(),
        caseId,
        expectedVersion,
        actor: { type: "system", id: null },
        transition: (state: ToyState) => ({ ok: true, state, events: [{ type: "record-correspondence-sent", at: "2026-03-03T11:00:00Z", data: { purpose: "acknowledgement" } }], effects: [] }),
        project: toyProjection,
      });
    const noteBasedOn = (caseId: string, expectedVersion: number, text: string) =>
      applyCommand(t.db, {
        at: new Date(),
        caseId,
        expectedVersion,
        passOver: PASS_OVER,
        actor: staffActor(seed.officer.id),
        transition: (state: ToyState) => toyTransition(state, { type: "note", text }),
        project: toyProjection,
      });

    it("applies to the current version when only a send was recorded since", async () => {
      const logged = await logToyCase(t.db, seed);
      expect((await recordSent(logged.caseId, 1)).ok).toBe(true);
      const result = await noteBasedOn(logged.caseId, 1, "Based on version 1");
      if (!result.ok) throw new Error("refused");
      expect(result.version).toBe(3);
      expect(result.state.notes).toEqual(["Based on version 1"]);
      expect((await listEvents(t.db, { caseId: logged.caseId })).map((e) => [e.streamVersion, e.type])).toEqual([
        [1, expect.any(String)],
        [2, "record-correspondence-sent"],
        [3, "note"],
      ]);
    });

    it("is refused when a colleague's change happened as well as a send", async () => {
      const logged = await logToyCase(t.db, seed);
      await recordSent(logged.caseId, 1);
      await toyCommand(t.db, seed, logged.caseId, 2, { type: "note", text: "A colleague's note" });
      const error = await noteBasedOn(logged.caseId, 1, "Based on version 1").then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(ConflictError);
      expect((error as ConflictError).changes.map((e) => [e.streamVersion, e.type])).toEqual([
        [2, "record-correspondence-sent"],
        [3, "note"],
      ]);
      expect((await caseRepository.getCase<ToyState>(t.db, logged.caseId)).state.notes).toEqual(["A colleague's note"]);
    });
  });

  it("throws NotFoundError for an unknown case", async () => {
    await expect(
      toyCommand(t.db, seed, "00000000-0000-4000-8000-000000000000", 1, { type: "close" }),
    ).rejects.toThrow(NotFoundError);
  });

  it("leaves nothing half-written when a later write in the transaction fails", async () => {
    const logged = await logToyCase(t.db, seed);
    const failing = applyCommand(t.db, { at: new Date(),
      caseId: logged.caseId,
      expectedVersion: 1,
      actor: staffActor(seed.officer.id),
      transition: (state: ToyState) =>
        toyTransition(state, { type: "move", serviceCode: "adult-social-care" }),
      project: toyProjection,
      also: async () => {
        throw new Error("outbox unavailable");
      },
    });
    await expect(failing).rejects.toThrow("outbox unavailable");
    const stored = await caseRepository.getCase<ToyState>(t.db, logged.caseId);
    expect([stored.version, stored.state.serviceCode, stored.row.directorate_id]).toEqual([
      1,
      "repairs",
      seed.directorates.housing,
    ]);
    expect((await caseRepository.listDueDates(t.db, logged.caseId))[0]?.directorate_id).toBe(
      seed.directorates.housing,
    );
    expect(await listEvents(t.db, { caseId: logged.caseId })).toHaveLength(1);
  });

  it("lets exactly one of 50 concurrent commands on the same version win", async () => {
    const logged = await logToyCase(t.db, seed);
    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        toyCommand(t.db, seed, logged.caseId, 1, { type: "note", text: `attempt ${i}` }),
      ),
    );
    const applied = results.filter((r) => r.status === "fulfilled");
    const conflicts = results.filter(
      (r) => r.status === "rejected" && r.reason instanceof ConflictError,
    );
    expect([applied.length, conflicts.length]).toEqual([1, 49]);
    const winner = (applied[0] as PromiseFulfilledResult<Awaited<ReturnType<typeof toyCommand>>>)
      .value;
    if (!winner.ok) throw new Error("refused");

    const stored = await caseRepository.getCase<ToyState>(t.db, logged.caseId);
    expect(stored.version).toBe(2);
    expect(stored.state.notes).toEqual(winner.state.notes);
    const events = await listEvents(t.db, { caseId: logged.caseId });
    expect(events.map((e) => [e.seq, e.streamVersion])).toEqual([
      [1, 1],
      [2, 2],
    ]);
    expect(await verifyEventChain(t.db, logged.caseId)).toMatchObject({ ok: true, events: 2 });
    for (const r of conflicts) {
      const conflict = (r as PromiseRejectedResult).reason as ConflictError;
      expect(conflict.actualVersion).toBe(2);
      expect(conflict.changes.map((e) => e.hash)).toEqual([events[1]!.hash]);
    }
  });
});

describe("idempotent intake", () => {
  function submit(own: Seed, key: string, description: string) {
    return createCase(t.db, { at: new Date(),
      councilId: own.councilId,
      receivedAt: new Date(),
      actor: publicActor,
      idempotency: { key, request: { description, customer: { fullName: "Rita Retry" } } },
      customer: { fullName: "Rita Retry" },
      open: (ids) =>
        openToy(
          { caseId: ids.caseId, reference: ids.reference, customerId: ids.customer!.id },
          { description },
        ),
      project: toyProjection,
    });
  }

  it("returns the first case when the same submission is retried", async () => {
    const own = await seedCouncil(t.db);
    const first = await submit(own, "form-123", "Bins not collected");
    const again = await submit(own, "form-123", "Bins not collected");
    if (!first.ok || !again.ok) throw new Error("refused");
    expect([first.created, again.created]).toEqual([true, false]);
    expect(again.caseId).toBe(first.caseId);
    expect(again.reference).toBe(first.reference);
    expect(await countCases(own.councilId)).toBe(1);
  });

  it("refuses the same key with a different submission", async () => {
    const own = await seedCouncil(t.db);
    await submit(own, "form-456", "Bins not collected");
    await expect(submit(own, "form-456", "Something else entirely")).rejects.toThrow(
      IdempotencyKeyReusedError,
    );
    expect(await countCases(own.councilId)).toBe(1);
  });

  it("makes one case of 20 concurrent identical submissions", async () => {
    const own = await seedCouncil(t.db);
    const results = await Promise.all(
      Array.from({ length: 20 }, () => submit(own, "double-click", "Street light out")),
    );
    const ok = results.filter((r) => r.ok);
    expect(ok).toHaveLength(20);
    expect(new Set(ok.map((r) => r.caseId)).size).toBe(1);
    expect(ok.filter((r) => r.created)).toHaveLength(1);
    expect(await countCases(own.councilId)).toBe(1);
    expect(await counter(own.councilId, new Date().getUTCFullYear())).toBe(1);
    const customers = await t.db
      .selectFrom("customers")
      .select("id")
      .where("council_id", "=", own.councilId)
      .execute();
    expect(customers).toHaveLength(1);
  });

  it("lets a key be used again once its first use was rolled back", async () => {
    const own = await seedCouncil(t.db);
    expect((await submit(own, "retry-after-refusal", "")).ok).toBe(false);
    const second = await submit(own, "retry-after-refusal", "Now with a description");
    expect(second.ok && second.created).toBe(true);
    const keys = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM idempotency_keys WHERE council_id = ${own.councilId}`.execute(
      t.db,
    );
    expect(keys.rows[0]?.n).toBe(1);
  });
});
