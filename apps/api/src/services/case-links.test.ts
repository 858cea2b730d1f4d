/**
 * Merge, link and split through the API (issue 16; docs/decisions/0106-merge-link-split.md):
 * two cases change in one transaction, each with its event, or neither does; the case kept
 * lists the duplicate's timeline and letters; a merged case counts once in the reports.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEventChain } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const ann = { fullName: "Ann Smith", email: "ann.smith@example.com", postcode: "EX1 2AB" };
const complaint = { kind: "complaint" as const, channel: "email" as const, serviceId: "council-tax", description: "I was charged twice for March.", desiredOutcome: "A refund" };

describe("merge, link and split", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
  });
  afterAll(() => h?.close());

  /** Logs and triages a complaint; answers its id, reference and version. */
  async function triaged(customer: { id: string } | typeof ann | { fullName: string; email: string }, extra: Partial<typeof complaint> & { otherServiceIds?: string[]; receivedAt?: string } = {}) {
    const manager = await h.as("complaints-manager");
    const logged = await manager.cases.log({ ...complaint, ...extra, customer });
    const after = await manager.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
    return { caseId: logged.caseId, reference: logged.reference, version: after.version };
  }
  const factsOf = async (caseId: string) => ({
    stages: (await h.db.db.selectFrom("report_stage_facts").select("sequence").where("case_id", "=", caseId).execute()).length,
    closure: (await h.db.db.selectFrom("report_case_facts").select("closure_reason").where("case_id", "=", caseId).executeTakeFirstOrThrow()).closure_reason,
  });

  it("merges a duplicate found after triage: both cases record it, the case kept lists its timeline and letters, the reports count it once", async () => {
    const dcro = await h.as("dcro");
    const kept = await triaged(ann);
    const customerId = (await dcro.cases.get({ caseId: kept.caseId })).customer!.id;
    const dup = await triaged({ id: customerId });
    const assigned = await dcro.command.assign({ caseId: dup.caseId, expectedVersion: dup.version, handlerId: h.staffIds.get("investigating-officer")! });
    const acknowledged = await dcro.command.acknowledge({ caseId: dup.caseId, expectedVersion: assigned.version });
    await dcro.letters.issue({ caseId: dup.caseId, kind: "acknowledgement", byPost: true, customerAddress: { lines: ["1 Duplicate Road", "Exampleton"], postcode: "EX1 2AB" } });
    expect(await factsOf(dup.caseId)).toEqual({ stages: 1, closure: null });

    const merged = await dcro.caseLinks.merge({ caseId: dup.caseId, expectedVersion: acknowledged.version, reference: kept.reference.toLowerCase(), note: "Phoned twice" });
    expect(merged.status).toBe("closed");

    const dupDetail = await dcro.cases.get({ caseId: dup.caseId });
    expect(dupDetail.closure).toEqual({ on: "2026-03-02", reason: "merged", note: `Merged into ${kept.reference}: Phoned twice` });
    expect(dupDetail.timeline.at(-1)!.type).toBe("merge-into");
    const keptDetail = await dcro.cases.get({ caseId: kept.caseId });
    expect(keptDetail.status).toBe("open");
    expect(keptDetail.timeline.at(-1)).toMatchObject({ type: "merge-in", data: { reference: dup.reference } });

    const listed = await dcro.caseLinks.list({ caseId: kept.caseId });
    expect(listed).toHaveLength(1);
    expect(listed[0]).toMatchObject({ reference: dup.reference, kind: "merged-in", readable: true, status: "Closed: merged into another case" });
    expect(listed[0]!.merged!.timeline.map((e) => e.seq)).toEqual(dupDetail.timeline.map((e) => e.seq));
    expect(listed[0]!.merged!.timeline.map((e) => e.type)).toEqual(expect.arrayContaining(["log", "triage", "acknowledge", "letter-issued", "merge-into"]));
    const dupLetters = await dcro.letters.list({ caseId: dup.caseId });
    expect(dupLetters.length).toBeGreaterThan(0);
    expect(listed[0]!.merged!.letters.map((l) => l.letterId)).toEqual(dupLetters.map((l) => l.letterId));
    expect(await dcro.caseLinks.list({ caseId: dup.caseId })).toMatchObject([{ reference: kept.reference, kind: "merged-into", status: "Open", merged: null }]);

    // Counted once: the duplicate's stage figures go, its closure reason stays for reports to tell apart.
    expect(await factsOf(dup.caseId)).toEqual({ stages: 0, closure: "merged" });
    expect(await factsOf(kept.caseId)).toEqual({ stages: 1, closure: null });
    for (const caseId of [kept.caseId, dup.caseId]) expect((await verifyEventChain(h.db.db, { caseId })).ok).toBe(true);

    // Into a closed case: refused, naming it; the other way round too.
    const back = await refusal(dcro.caseLinks.merge({ caseId: kept.caseId, expectedVersion: keptDetail.version, reference: dup.reference }));
    expect(back.client.message).toBe(`Case ${dup.reference} is closed: reopen it first, or link the two cases instead`);
  });

  it("refuses another resident's complaint, naming both, and changes neither case", async () => {
    const dcro = await h.as("dcro");
    const kept = await triaged({ ...ann, email: "ann.two@example.com" });
    const bobs = await triaged({ fullName: "Bob Jones", email: "bob@example.com" });
    const refused = await refusal(dcro.caseLinks.merge({ caseId: bobs.caseId, expectedVersion: bobs.version, reference: kept.reference }));
    expect(refused.client.message).toContain(`${bobs.reference} is Bob Jones's complaint and ${kept.reference} is Ann Smith's: link the cases instead of merging them`);
    expect((await dcro.cases.get({ caseId: bobs.caseId })).version).toBe(bobs.version);
    expect((await dcro.cases.get({ caseId: kept.caseId })).version).toBe(kept.version);
  });

  it("does not find a case by a reference the council does not have", async () => {
    const dcro = await h.as("dcro");
    const one = await triaged({ ...ann, email: "ann.three@example.com" });
    const refused = await refusal(dcro.caseLinks.merge({ caseId: one.caseId, expectedVersion: one.version, reference: "ZZZ-2026-000001" }));
    expect(refused.code).toBe("NOT_FOUND");
    expect(refused.client.message).toBe("There is no case ZZZ-2026-000001 that you can see");
  });

  it("links related cases both ways with their statuses, and unlinks them both ways", async () => {
    const io = await h.as("investigating-officer");
    const first = await triaged({ ...ann, email: "ann.four@example.com" });
    const second = await triaged({ fullName: "Cal Neighbour", email: "cal@example.com" });
    const linked = await io.caseLinks.link({ caseId: first.caseId, expectedVersion: first.version, reference: second.reference });
    expect(await io.caseLinks.list({ caseId: first.caseId })).toMatchObject([{ reference: second.reference, kind: "related", kindLabel: "Related", status: "Open" }]);
    expect(await io.caseLinks.list({ caseId: second.caseId })).toMatchObject([{ reference: first.reference, kind: "related", status: "Open" }]);
    await io.caseLinks.unlink({ caseId: first.caseId, expectedVersion: linked.version, reference: second.reference });
    expect(await io.caseLinks.list({ caseId: first.caseId })).toEqual([]);
    expect(await io.caseLinks.list({ caseId: second.caseId })).toEqual([]);
    expect((await io.cases.get({ caseId: second.caseId })).timeline.map((e) => e.type).slice(-2)).toEqual(["link-case", "unlink-case"]);
  });

  it("splits another service's part into a case of its own: same customer, the original receipt, linked both ways (Leeds policy paras 36-37)", async () => {
    const manager = await h.as("complaints-manager");
    const original = await triaged({ ...ann, email: "ann.five@example.com" }, { otherServiceIds: ["waste"], receivedAt: "2026-02-27T16:30:00Z" });
    const before = await manager.cases.get({ caseId: original.caseId });
    const split = await manager.caseLinks.split({ caseId: original.caseId, expectedVersion: original.version, serviceId: "waste", description: "And my bin was not emptied" });
    const created = await manager.cases.get({ caseId: split.created.caseId });
    expect(created).toMatchObject({ status: "new", description: "And my bin was not emptied", service: { code: "waste" }, receivedAt: before.receivedAt, customer: { id: before.customer!.id } });
    expect(created.receipt.receivedOn).toBe(before.receipt.receivedOn);
    const after = await manager.cases.get({ caseId: original.caseId });
    expect(after.otherServiceIds).toEqual([]);
    expect(await manager.caseLinks.list({ caseId: original.caseId })).toMatchObject([{ reference: split.created.reference, kind: "split-into", status: "New: waiting for triage" }]);
    expect(await manager.caseLinks.list({ caseId: split.created.caseId })).toMatchObject([{ reference: original.reference, kind: "split-from" }]);
  });

  it("splits nothing when the service is not one the complaint covers: no case is logged", async () => {
    const manager = await h.as("complaints-manager");
    const one = await triaged({ ...ann, email: "ann.six@example.com" }, { otherServiceIds: ["waste"] });
    const count = async () => Number((await h.db.db.selectFrom("cases").select((eb) => eb.fn.countAll<string>().as("n")).executeTakeFirstOrThrow()).n);
    const cases = await count();
    const refused = await refusal(manager.caseLinks.split({ caseId: one.caseId, expectedVersion: one.version, serviceId: "highways", description: "Potholes" }));
    expect(refused.client.message).toBe("Choose one of the other services this complaint covers");
    expect(await count()).toBe(cases);
  });
});
