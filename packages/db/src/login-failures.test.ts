import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, type TestDb } from "../test/db.js";
import { seedCouncil, type Seed } from "../test/fixtures.js";
import { loginFailureRepository } from "./login-failures.js";

let t: TestDb;
let seed: Seed;

beforeAll(async () => {
  t = await openTestDb();
  seed = await seedCouncil(t.db);
});
afterAll(() => t?.close());

const T0 = new Date("2026-03-02T09:00:00Z");
const minutes = (n: number) => new Date(T0.getTime() + n * 60_000);

describe("login failures", () => {
  it("are counted per account across councils, and per client address, within a window, until cleared", async () => {
    const key = { key: "Someone@Example.gov.uk" };
    for (let i = 0; i < 5; i++)
      await loginFailureRepository.recordLoginFailure(t.db, {
        ...key,
        // Naming a council, or not, counts against the same account (issue 20, finding 5).
        councilId: i % 2 === 0 ? seed.councilId : null,
        at: minutes(i),
        ip: "192.0.2.9",
      });
    await loginFailureRepository.recordLoginFailure(t.db, {
      key: "other@example.gov.uk",
      at: minutes(1),
      ip: "192.0.2.9",
    });
    expect(
      (await loginFailureRepository.loginFailureTimes(t.db, {
        key: "someone@example.gov.uk",
        since: minutes(-15),
      })).length,
    ).toBe(5);
    expect(
      (await loginFailureRepository.loginFailureTimes(t.db, { ...key, since: minutes(2) })).map((d) => d.getTime()),
    ).toEqual([minutes(3).getTime(), minutes(4).getTime()]);
    expect(
      await loginFailureRepository.countLoginFailuresFromAddress(t.db, { ip: "192.0.2.9", since: minutes(-15) }),
    ).toBe(6);
    expect(await loginFailureRepository.pruneLoginFailures(t.db, minutes(1))).toBe(1);
    await loginFailureRepository.clearLoginFailures(t.db, key);
    expect(
      (await loginFailureRepository.loginFailureTimes(t.db, { ...key, since: minutes(-15) })).length,
    ).toBe(0);
    expect(
      (await loginFailureRepository.loginFailureTimes(t.db, {
        key: "other@example.gov.uk",
        since: minutes(-15),
      })).length,
    ).toBe(1);
  });
});
