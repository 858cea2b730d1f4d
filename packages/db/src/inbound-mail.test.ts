import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { logToyCase, seedCouncil, type Seed } from "../test/fixtures.js";
import { inboundMailRepository, type NewInboundMessage } from "./inbound-mail.js";

describe("the inbound mailbox's record", () => {
  let t: TestDb;
  let seed: Seed;
  let other: Seed;
  beforeAll(async () => {
    t = await openTestDb();
    seed = await seedCouncil(t.db);
    other = await seedCouncil(t.db);
  });
  afterAll(() => t?.close());

  const message = (councilId: string, key: string, extra: Partial<NewInboundMessage> = {}): NewInboundMessage => ({
    councilId,
    messageKey: key,
    messageId: key,
    receivedAt: new Date("2026-03-02T10:00:00Z"),
    sentAt: null,
    fromAddress: "resident@example.org",
    fromName: "A Resident",
    subject: "My bins",
    outcome: "ignored",
    reason: "auto-reply",
    caseId: null,
    quotedReference: null,
    ...extra,
  });

  it("records a message once per council: the second pass is told it was already recorded (nothing processed twice)", async () => {
    expect(await inboundMailRepository.record(t.db, message(seed.councilId, "<one@example.org>"))).toBe(true);
    expect(await inboundMailRepository.record(t.db, message(seed.councilId, "<one@example.org>", { outcome: "new-case" }))).toBe(false);
    expect(await inboundMailRepository.seen(t.db, seed.councilId, "<one@example.org>")).toBe(true);
    // The same message sent to two councils is each council's own.
    expect(await inboundMailRepository.seen(t.db, other.councilId, "<one@example.org>")).toBe(false);
    expect(await inboundMailRepository.record(t.db, message(other.councilId, "<one@example.org>"))).toBe(true);
    const rows = await inboundMailRepository.list(t.db, seed.councilId);
    expect(rows.filter((r) => r.messageKey === "<one@example.org>").map((r) => r.outcome)).toEqual(["ignored"]);
  });

  it("lists a council's messages newest first with the reference of the case each went to", async () => {
    const logged = await logToyCase(t.db, seed);
    await inboundMailRepository.record(t.db, message(seed.councilId, "<two@example.org>", { outcome: "added-to-case", caseId: logged.caseId, receivedAt: new Date("2026-03-03T10:00:00Z"), details: { attachments: [] } }));
    const [newest] = await inboundMailRepository.list(t.db, seed.councilId, { limit: 1 });
    expect(newest).toMatchObject({ messageKey: "<two@example.org>", outcome: "added-to-case", caseId: logged.caseId, caseReference: logged.reference, details: { attachments: [] } });
    expect((await inboundMailRepository.list(t.db, other.councilId)).map((r) => r.councilId)).toEqual([other.councilId]);
  });

  it("refuses an outcome that is not one of the list", async () => {
    await expect(inboundMailRepository.record(t.db, message(seed.councilId, "<three@example.org>", { outcome: "lost" as never }))).rejects.toThrow();
  });
});
