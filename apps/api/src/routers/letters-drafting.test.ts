import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

/** Pages in a PDF written by pdfkit (page objects are plain dictionaries). */
const pageCount = (bytes: Uint8Array) => (Buffer.from(bytes).toString("latin1").match(/\/Type \/Page\b/g) ?? []).length;

/**
 * What the portal's letter pages need beside `letters.preview` and `letters.issue`: the draft
 * as a PDF to read before issuing (docs/design.md §6: the officer checks the letter, then issues it),
 * and the letters waiting for the post room.
 */
describe("letters.previewPdf and letters.printBatch.waiting", () => {
  let h: Harness;
  let caseId: string;

  beforeAll(async () => {
    h = await openHarness({
      start: "2026-03-02T09:00:00Z",
      extraStaff: [{ key: "env-dcro", name: "Environment DCRO", email: "env-dcro@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "dcro", directorate: "environment" }] }],
    });
    const manager = await h.as("complaints-manager");
    ({ caseId } = await manager.cases.log({
      kind: "complaint",
      channel: "post",
      serviceId: "council-tax",
      description: "My bill is wrong.",
      desiredOutcome: "A correct bill",
      customer: { fullName: "Ann Smith", address: "12 Mill Lane\nExampleton", postcode: "EX1 2AB" },
    }));
    let v = (await manager.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await manager.command.assign({ caseId, expectedVersion: v, handlerId: h.staffIds.get("complaints-manager")! })).version;
    await manager.command.acknowledge({ caseId, expectedVersion: v });
  });
  afterAll(() => h?.close());

  it("renders the draft as it would print, in large print when asked, storing nothing but the record that it was read", async () => {
    const manager = await h.as("complaints-manager");
    const before = await manager.cases.get({ caseId });
    const standard = await manager.letters.previewPdf({ caseId, kind: "acknowledgement" });
    const bytes = Buffer.from(standard.pdfBase64, "base64");
    expect(bytes.subarray(0, 5).toString()).toBe("%PDF-");
    expect(standard).toMatchObject({ issuable: true, missing: [], fileName: expect.stringMatching(/^EXB-.*-acknowledgement-draft\.pdf$/) });
    const large = await manager.letters.previewPdf({ caseId, kind: "acknowledgement", largePrint: true });
    expect(pageCount(Buffer.from(large.pdfBase64, "base64"))).toBeGreaterThanOrEqual(pageCount(bytes));
    // Nothing was issued (but the acknowledgement its step issued) and the case did not change.
    expect((await manager.letters.list({ caseId })).length).toBe(1);
    expect((await manager.cases.get({ caseId })).version).toBe(before.version);
  });

  it("renders an incomplete draft too, listing what it lacks", async () => {
    const draft = await (await h.as("complaints-manager")).letters.previewPdf({ caseId, kind: "stage-1-response" });
    expect(draft.issuable).toBe(false);
    expect(draft.missing.map((m) => m.element)).toEqual(expect.arrayContaining(["decision", "reasons"]));
    expect(Buffer.from(draft.pdfBase64, "base64").subarray(0, 5).toString()).toBe("%PDF-");
  });

  it("is for those who may write the case's letters", async () => {
    expect((await refusal((await h.as("quality-assurance")).letters.previewPdf({ caseId, kind: "acknowledgement" }))).code).toBe("FORBIDDEN");
    expect((await refusal((await h.as("env-dcro")).letters.previewPdf({ caseId, kind: "acknowledgement" }))).code).toBe("NOT_FOUND");
  });

  it("lists the letters waiting for the post to those who print them, in their scope, until a batch takes them", async () => {
    const manager = await h.as("complaints-manager");
    const issued = await manager.letters.issue({ caseId, kind: "acknowledgement" });
    // The sender puts the letter by post in the print room (decision 0318).
    await h.deps.notifier.deliverPending();
    const waiting = await manager.letters.printBatch.waiting({});
    expect(waiting.letters).toContainEqual(expect.objectContaining({ letterId: issued.letterId, caseId, kindName: "acknowledgement", recipientName: "Ann Smith", largePrint: false, downloadUrl: issued.downloadUrl }));
    expect(waiting.total).toBe(waiting.letters.length);
    // Customer services print too; auditors see the queue; a DCRO of another directorate does not.
    expect((await (await h.as("customer-services")).letters.printBatch.waiting({})).letters.map((l) => l.letterId)).toContain(issued.letterId);
    expect((await (await h.as("auditor")).letters.printBatch.waiting({})).letters.map((l) => l.letterId)).toContain(issued.letterId);
    expect((await (await h.as("env-dcro")).letters.printBatch.waiting({})).letters.map((l) => l.letterId)).not.toContain(issued.letterId);
    expect((await refusal((await h.as("investigating-officer")).letters.printBatch.waiting({}))).code).toBe("FORBIDDEN");
    // Once in a batch it is no longer waiting; cancelling the batch puts it back.
    const { batch } = await manager.letters.printBatch.build({});
    expect((await manager.letters.printBatch.waiting({})).letters.map((l) => l.letterId)).not.toContain(issued.letterId);
    await manager.letters.printBatch.cancel({ batchId: batch!.batchId });
    expect((await manager.letters.printBatch.waiting({})).letters.map((l) => l.letterId)).toContain(issued.letterId);
  });
});
