/**
 * The outbox's "sent" reaches the case (decision 0322; HO/LGSCO code 6.2, 6.3): a correspondence
 * row marked sent records on its case, in the same transaction, that the acknowledgement or
 * response was sent, and the deadline counts as met on that day.
 */
import type { CaseState } from "@complaints/core";
import { caseRepository, inTransaction, notificationRepository, type NewNotification } from "@complaints/db";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendCorrespondence } from "../../test/correspondence.js";
import { openHarness, type Harness } from "../../test/harness.js";
import { recordSentOnCase } from "./correspondence-sent.js";

describe("correspondence sent is recorded on the case", () => {
  let h: Harness;
  let manager: Awaited<ReturnType<Harness["as"]>>;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-03-02T09:00:00Z" });
    manager = await h.as("complaints-manager");
  });
  afterAll(async () => h?.close());

  async function acknowledgedCase(): Promise<{ caseId: string; councilId: string }> {
    h.clock.set("2026-03-02T09:00:00Z");
    const logged = await manager.cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "My council tax was taken twice.",
      customer: { fullName: "Sam Sent", email: "sam.sent@example.com" },
    });
    const version = (await manager.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" })).version;
    await manager.command.acknowledge({ caseId: logged.caseId, expectedVersion: version });
    const record = await caseRepository.getCase<CaseState>(h.deps.database.db, logged.caseId);
    return { caseId: logged.caseId, councilId: record.councilId };
  }

  /** A row in issue 15's outbox contract (for the handler called directly). */
  const row = (councilId: string, caseId: string, purpose: string, channel: "email" | "post", stageId: string | null = "stage-1"): NewNotification => ({
    councilId,
    caseId,
    kind: "correspondence",
    recipient: { party: "customer", name: "Sam Sent", email: "sam.sent@example.com" },
    payload: { channel, purpose, stageId, reference: "X", language: "en", subject: "Your complaint", text: "We have your complaint." },
    dedupeKey: `${purpose}:${caseId}:${stageId ?? "-"}:${channel}`,
  });

  const stateOf = async (caseId: string) => (await caseRepository.getCase<CaseState>(h.deps.database.db, caseId)).state;

  it("an acknowledgement is met on the day its email is sent, not the day it was recorded", async () => {
    const { caseId } = await acknowledgedCase();
    expect((await stateOf(caseId)).dueDates.find((d) => d.kind === "acknowledge")).toMatchObject({ metOn: null, takenOn: "2026-03-02" });
    await sendCorrespondence(h, { caseId, purpose: "acknowledgement", stageId: "stage-1", at: "2026-03-03T10:15:00Z" });
    const state = await stateOf(caseId);
    expect(state.stages[0]!.acknowledgementSent).toEqual({ on: "2026-03-03", channel: "email" });
    const ack = state.dueDates.find((d) => d.kind === "acknowledge")!;
    expect(ack).toMatchObject({ metOn: "2026-03-03", takenOn: "2026-03-02" });
    expect(ack.explanation).toContain("acknowledged Mon 2 Mar 2026, sent by email Tue 3 Mar 2026");
    const events = await manager.cases.get({ caseId });
    expect(events.timeline.at(-1)).toMatchObject({ type: "record-correspondence-sent", actor: { type: "system" } });
  });

  it("a colleague's step based on the version before the send still applies: recording a send is no conflict (decision 0322)", async () => {
    const { caseId } = await acknowledgedCase();
    const before = (await manager.cases.get({ caseId })).version;
    await sendCorrespondence(h, { caseId, purpose: "acknowledgement", stageId: "stage-1", at: "2026-03-03T10:15:00Z" });
    expect((await manager.cases.get({ caseId })).version).toBe(before + 1);
    const extended = await manager.command.assign({ caseId, expectedVersion: before, handlerId: h.staffIds.get("complaints-manager")! });
    expect(extended.version).toBe(before + 2);
    // A colleague's own change still conflicts.
    await expect(manager.command.assign({ caseId, expectedVersion: before, handlerId: h.staffIds.get("complaints-manager")! })).rejects.toThrow(/Someone else changed this case/);
  });

  it("keeps the first send when the same letter also goes by post", async () => {
    const { caseId } = await acknowledgedCase();
    await sendCorrespondence(h, { caseId, purpose: "acknowledgement", stageId: "stage-1", at: "2026-03-03T10:15:00Z" });
    await sendCorrespondence(h, { caseId, purpose: "acknowledgement", stageId: "stage-1", channel: "post", at: "2026-03-05T15:00:00Z" });
    expect((await stateOf(caseId)).stages[0]!.acknowledgementSent).toEqual({ on: "2026-03-03", channel: "email" });
  });

  it("leaves rows that tell of no deadline alone (a receipt, a staff notification)", async () => {
    const { caseId, councilId } = await acknowledgedCase();
    const before = (await caseRepository.getCase(h.deps.database.db, caseId)).version;
    const handler = recordSentOnCase(h.deps);
    await inTransaction(h.deps.database.db, async (trx) => {
      const [receipt] = await h.deps.notifier.enqueue(trx, [row(councilId, caseId, "receipt", "email")]);
      const entry = (await notificationRepository.getMessage(trx, councilId, receipt!))!;
      await handler(trx, entry, new Date("2026-03-03T10:00:00Z"));
      await handler(trx, { ...entry, kind: "case-notification" }, new Date("2026-03-03T10:00:00Z"));
    });
    expect((await caseRepository.getCase(h.deps.database.db, caseId)).version).toBe(before);
  });

  it("logs, and does not undo the send, when the case cannot take it (a stage it does not have)", async () => {
    const { caseId } = await acknowledgedCase();
    const before = (await caseRepository.getCase(h.deps.database.db, caseId)).version;
    await sendCorrespondence(h, { caseId, purpose: "response", stageId: "stage-9", at: "2026-03-04T10:00:00Z" });
    expect((await caseRepository.getCase(h.deps.database.db, caseId)).version).toBe(before);
    expect(h.log.entries.some((e) => e.message === "correspondence sent, not recorded on the case" && String(e.fields?.refusal).includes("stage-9"))).toBe(true);
  });
});
