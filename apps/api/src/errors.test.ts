import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CalendarRangeError, DomainError, RefusalError, type DomainErrorCode } from "@complaints/core";
import { AttachmentRejectedError, ConflictError, IdempotencyKeyReusedError, NotFoundError, ReportInputError, ResolutionPlanError } from "@complaints/db";
import { LetterContentError, LetterModelError } from "@complaints/letters";
import { EqualityFormError, QaReviewIncompleteError } from "@complaints/reports";
import { openHarness, type Harness } from "../test/harness.js";
import { refusal } from "../test/refusal.js";
import { createContextInner } from "./context.js";
import { apiErrorOf, describeError, INTERNAL_MESSAGE } from "./errors.js";
import { createCallerFactory, publicProcedure, router } from "./trpc.js";

/** The HTTP status a client gets for a thrown error, through the one translation. */
function statusOf(error: unknown): number {
  const translated = apiErrorOf(error);
  if (!translated) throw new Error("not a domain error");
  return getHTTPStatusCodeFromError(translated);
}

describe("one table gives every domain error code its HTTP status (issue 13: one error model)", () => {
  // Written out, not read from the table: a change to a status must change this list too.
  const expected: Record<DomainErrorCode, number> = {
    FORBIDDEN_ROLE: 403,
    CONFLICT_OF_INTEREST: 403,
    INVALID_INPUT: 400,
    DATE_INVALID: 400,
    NOT_ALLOWED_NOW: 422,
    HANDLER_NOT_INDEPENDENT: 422,
    NOTIFICATION_REQUIRED: 422,
    EXTENSION_TOO_LONG: 422,
    OMBUDSMAN_DETAILS_REQUIRED: 422,
    ESCALATION_WINDOW_CLOSED: 422,
    NO_NEXT_STAGE: 422,
    REMEDY_OVER_LIMIT: 422,
    REMEDY_PHYSICAL_INJURY: 422,
    INDEPENDENT_PERSON_INVALID: 422,
    SIGNATORY_REQUIRED: 422,
    PLUGIN_GUARD: 422,
    NOT_FOUND: 404,
    VERSION_CONFLICT: 409,
    IDEMPOTENCY_MISMATCH: 422,
    ATTACHMENT_REJECTED: 422,
    LETTER_INCOMPLETE: 422,
    LETTER_NOT_POSSIBLE: 422,
    LETTER_STALE: 409,
  };
  for (const [code, status] of Object.entries(expected) as Array<[DomainErrorCode, number]>) {
    it(`${code} is ${status}, with its code, message and rule as the client's refusal`, () => {
      const error = new DomainError(code, "what happened", "the rule");
      expect(statusOf(error)).toBe(status);
      expect(describeError(apiErrorOf(error)!)).toEqual({ message: "What happened", fieldErrors: null, refusal: { code, message: "What happened", rule: "the rule" } });
    });
  }

  it("the packages' errors carry their codes: a row not there, a stale version, a reused key, a report's bad input", () => {
    expect(statusOf(new NotFoundError("case", "CMP-1"))).toBe(404);
    expect(describeError(apiErrorOf(new NotFoundError("case", "CMP-1"))!).message).toBe("There is no case CMP-1");
    expect(statusOf(new ConflictError("s", 1, 2, []))).toBe(409);
    expect(describeError(apiErrorOf(new ConflictError("s", 1, 2, []))!).message).toMatch(/changed this case.*Reload/);
    expect(statusOf(new IdempotencyKeyReusedError("k", null))).toBe(422);
    expect(statusOf(new ReportInputError("a month is \"YYYY-MM\""))).toBe(400);
    expect(describeError(apiErrorOf(new ReportInputError("a month is \"YYYY-MM\""))!).message).toBe("A month is \"YYYY-MM\"");
    expect(statusOf(new EqualityFormError("\"x\" is not a question on the form"))).toBe(400);
    expect(statusOf(new QaReviewIncompleteError(["tone"]))).toBe(400);
    expect(statusOf(new ResolutionPlanError("NO_TASKS", "a plan needs at least one task"))).toBe(400);
    expect(describeError(apiErrorOf(new ResolutionPlanError("PLAN_CLOSED", "the plan is closed"))!).refusal).toMatchObject({ code: "NOT_ALLOWED_NOW", rule: "Southwark procedure, Resolution Plan" });
    expect(statusOf(new CalendarRangeError("No bank-holiday data for 2099-01-01"))).toBe(400);
    expect(statusOf(new RefusalError({ code: "EXTENSION_TOO_LONG", message: "Too long", rule: "r" }))).toBe(422);
    expect(statusOf(new LetterModelError("nobody to sign the letter"))).toBe(422);
  });

  it("a refused file's status says why (413 too large, 415 a type not accepted), with the reason", () => {
    expect(statusOf(new AttachmentRejectedError("too-large", "The file is 30 MB."))).toBe(413);
    expect(statusOf(new AttachmentRejectedError("type-not-allowed", "Files of type text/html cannot be attached."))).toBe(415);
    expect(statusOf(new AttachmentRejectedError("empty", "The file is empty."))).toBe(422);
    expect(describeError(apiErrorOf(new AttachmentRejectedError("empty", "The file is empty."))!).refusal).toMatchObject({ code: "ATTACHMENT_REJECTED", reason: "empty" });
  });

  it("a letter's missing content reaches the client as the list of what is missing", () => {
    const missing = [{ element: "decision" as const, description: "the decision", source: "Complaint handling code 5.1" }];
    const refused = describeError(apiErrorOf(new LetterContentError("acknowledgement", "the complaint handling code", missing))!).refusal;
    expect(refused).toMatchObject({ code: "LETTER_INCOMPLETE", missing });
  });

  it("anything else is not translated: a TypeError or a RangeError is the program's fault, not the person's", () => {
    expect(apiErrorOf(new RangeError("Invalid time value"))).toBeNull();
    expect(apiErrorOf(new TypeError("x is undefined"))).toBeNull();
  });
});

describe("a fault inside a procedure is a logged 500, never a 400 (issue 13)", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(async () => {
    await h?.close();
  });

  // A service that fails the way a bug does (an invalid Date formatted, an index out of range).
  const brokenService = (): never => {
    throw new RangeError("Invalid time value");
  };
  const refusingService = (): never => {
    throw new NotFoundError("case", "CMP-404");
  };
  const faults = router({
    broken: publicProcedure.query(() => brokenService()),
    refusing: publicProcedure.query(() => refusingService()),
  });
  const callerFor = () => createCallerFactory(faults)(createContextInner({ deps: h.deps }));

  it("a RangeError thrown in a service is a 500 with the plain message, and the details are logged once", async () => {
    const before = h.log.entries.length;
    const failed = await refusal(callerFor().broken());
    expect(failed.code).toBe("INTERNAL_SERVER_ERROR");
    expect(getHTTPStatusCodeFromError(failed)).toBe(500);
    expect(failed.client).toEqual({ message: INTERNAL_MESSAGE, fieldErrors: null, refusal: null });
    const logged = h.log.entries.slice(before).filter((e) => e.level === "error");
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ message: "request failed", fields: { path: "broken" } });
    expect(String((logged[0]!.fields!.error as Error).message)).toBe("Invalid time value");
  });

  it("a domain error thrown in a service reaches the client as its code's status, and is not logged as a fault", async () => {
    const before = h.log.entries.length;
    const failed = await refusal(callerFor().refusing());
    expect(getHTTPStatusCodeFromError(failed)).toBe(404);
    expect(failed.client.refusal).toMatchObject({ code: "NOT_FOUND", message: "There is no case CMP-404" });
    expect(h.log.entries.slice(before).filter((e) => e.level === "error")).toHaveLength(0);
  });
});
