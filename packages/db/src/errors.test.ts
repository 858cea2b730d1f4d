/**
 * Telling "the database is not there just now" from "this request was wrong": the API answers
 * the first with a 503 and a plain message (issue 8: restart PostgreSQL mid-load, failed
 * submissions get a clear error).
 */
import { describe, expect, it } from "vitest";
import { isDatabaseUnavailable } from "./errors.js";

const withCode = (code: string, message = "x") => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it("knows PostgreSQL shutting down or starting up (SQLSTATE 57P01–57P03) and connection exceptions (class 08)", () => {
    expect(isDatabaseUnavailable(withCode("57P01", "terminating connection due to administrator command"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("57P03", "the database system is starting up"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("08006"))).toBe(true);
    expect(isDatabaseUnavailable(withCode("53300", "sorry, too many clients already"))).toBe(true);
  });

  it("knows a refused or dropped socket, and pg's own words for a lost connection, however deeply wrapped", () => {
    expect(isDatabaseUnavailable(withCode("ECONNREFUSED"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("Client has encountered a connection error and is not queryable"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("request failed", { cause: new Error("wrapped", { cause: withCode("ECONNRESET") }) }))).toBe(true);
  });

  it("does not mistake a bad request or a bug for an outage", () => {
    expect(isDatabaseUnavailable(withCode("23505", "duplicate key value violates unique constraint"))).toBe(false);
    expect(isDatabaseUnavailable(withCode("22P02", "invalid input syntax for type uuid"))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError("Cannot read properties of undefined"))).toBe(false);
    expect(isDatabaseUnavailable("Connection terminated")).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
  });
});
