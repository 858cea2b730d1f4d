import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { serverSecretRepository } from "./server-secrets.js";

describe("server secrets", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb();
  });
  afterAll(() => t?.close());

  it("are made once: every later (or concurrent) caller gets the first value, never its own", async () => {
    let made = 0;
    const generate = () => `secret-${++made}-${"x".repeat(40)}`;
    const values = await Promise.all(Array.from({ length: 8 }, () => serverSecretRepository.getOrCreate(t.db, "tracking-code", generate)));
    expect(new Set(values).size).toBe(1);
    expect(await serverSecretRepository.getOrCreate(t.db, "tracking-code", () => "another value that is long enough to store")).toBe(values[0]);
  });

  it("refuses a value too short to be a key", async () => {
    await expect(serverSecretRepository.getOrCreate(t.db, "short-one", () => "abc")).rejects.toThrow();
  });
});
