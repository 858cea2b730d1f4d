/**
 * Two people acting on one case at once: one wins, the others are told, nothing is lost
 * (docs/design.md §7). A retried submission never creates a second case.
 * On PostgreSQL these run with a pool of 60 connections, so the requests really overlap.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { verifyEventChain } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";
import { describeError } from "../errors.js";

describe("concurrency and idempotency", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ maxConnections: 60 });
  });
  afterAll(() => h?.close());

  it("applies exactly one of 50 concurrent conflicting commands; the other 49 get CONFLICT; state and events agree", async () => {
    const dcro = await h.as("dcro");
    const { caseId } = await (await h.as("customer-services")).cases.log({
      kind: "complaint",
      channel: "phone",
      serviceId: "council-tax",
      description: "Fifty people at once",
      customer: { fullName: "Cara Concurrent" },
    });
    const { version } = await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    const callers = await Promise.all(["dcro", "investigating-officer", "complaints-manager", "customer-services"].map((k) => h.as(k)));

    const results = await Promise.allSettled(
      Array.from({ length: 50 }, (_, i) =>
        callers[i % callers.length]!.command.recordContact({ caseId, expectedVersion: version, direction: "in", channel: "phone", summary: `Call number ${i}` }),
      ),
    );
    const applied = results.filter((r) => r.status === "fulfilled");
    const refused = results.filter((r): r is PromiseRejectedResult => r.status === "rejected");
    expect(applied).toHaveLength(1);
    expect(refused).toHaveLength(49);
    for (const r of refused) {
      expect(r.reason).toBeInstanceOf(TRPCError);
      expect((r.reason as TRPCError).code).toBe("CONFLICT");
      expect(describeError(r.reason as TRPCError).refusal?.code).toBe("VERSION_CONFLICT");
    }

    const detail = await dcro.cases.get({ caseId });
    expect(detail.version).toBe(version + 1);
    expect(detail.contacts).toHaveLength(1);
    expect(detail.timeline.map((e) => e.type)).toEqual(["log", "triage", "record-contact"]);
    expect(detail.timeline.at(-1)?.data.summary).toBe(detail.contacts[0]?.summary);
    const events = await h.db.db.selectFrom("events").select(["seq", "stream_version", "type"]).where("case_id", "=", caseId).where("type", "<>", "case-read").orderBy("seq").execute();
    expect(events.map((e) => e.stream_version)).toEqual([1, 2, 3]);
    const contacts = await h.db.db.selectFrom("contacts").select("summary").where("case_id", "=", caseId).execute();
    expect(contacts.map((c) => c.summary)).toEqual([detail.contacts[0]?.summary]);
    expect(await verifyEventChain(h.db.db, caseId)).toMatchObject({ ok: true });
  });

  it("makes one case from the same submission sent 20 times at once", async () => {
    const cso = await h.as("customer-services");
    const submission = {
      kind: "complaint" as const,
      channel: "web" as const,
      serviceId: "waste",
      description: "Submitted twenty times by an impatient browser",
      customer: { fullName: "Ida Impatient", email: "ida@example.com" },
      idempotencyKey: "web-form-submission-0001",
    };
    const results = await Promise.all(Array.from({ length: 20 }, () => cso.cases.log(submission)));
    const ids = new Set(results.map((r) => r.caseId));
    expect(ids.size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const rows = await h.db.db.selectFrom("cases").select("id").where("description", "=", submission.description).execute();
    expect(rows).toHaveLength(1);
    const customers = await h.db.db.selectFrom("customers").select("id").where("email", "=", "ida@example.com").execute();
    expect(customers).toHaveLength(1);
  });

  it("a request reads a case once, yet sees its own change at once and someone else's on the next request", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log({
      kind: "complaint",
      channel: "phone",
      serviceId: "council-tax",
      description: "One page asks about me three times",
      customer: { fullName: "Petra Page" },
    });
    const dcro = await h.principal("dcro");
    const oneRequest = () => createCaller(createContextInner({ deps: h.deps, principal: dcro, oneRequest: true }));
    const page = oneRequest();
    expect((await page.cases.get({ caseId })).version).toBe(1);

    await (await h.as("complaints-manager")).command.triage({ caseId, expectedVersion: 1, outcome: "accept" });
    // Still the same request: what it read stands (that is what the memo is for)…
    expect((await page.cases.get({ caseId })).version).toBe(1);
    // …but the next request sees the change.
    expect((await oneRequest().cases.get({ caseId })).version).toBe(2);

    // The request's own change empties what it remembered.
    await page.command.recordContact({ caseId, expectedVersion: 2, direction: "in", channel: "phone", summary: "Rang to chase" });
    expect((await page.cases.get({ caseId })).version).toBe(3);
  });
});
