import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { openHarness, type Harness } from "../../test/harness.js";
import { DRAFT_KEPT_MS, SENT_DRAFT_KEPT_MS } from "./public-drafts.js";

// Issue 16, decision 0520: the complaint form's answers kept between its pages under a token
// only the resident's browser holds, a day while unsent, an hour once sent, never for staff.
let h: Harness;
beforeAll(async () => {
  h = await openHarness();
});
afterAll(() => h?.close());

describe("the public form's drafts", () => {
  it("keeps the answers under the token the first save gives, changed in place, until a day after the last answer", async () => {
    const resident = await h.as(null);
    const { token } = await resident.public.saveDraft({ token: null, answers: { kind: "complaint" }, sent: false });
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    h.clock.advance(DRAFT_KEPT_MS - 1000);
    expect(await resident.public.saveDraft({ token, answers: { kind: "complaint", service: "waste" }, sent: false })).toEqual({ token });
    h.clock.advance(DRAFT_KEPT_MS - 1000);
    expect(await resident.public.draft({ token })).toEqual({ answers: { kind: "complaint", service: "waste" }, sent: false });
    h.clock.advance(1000);
    expect(await resident.public.draft({ token })).toBeNull();
    // An expired token starts a new draft under a new token.
    const fresh = await resident.public.saveDraft({ token, answers: { kind: "comment" }, sent: false });
    expect(fresh.token).not.toBe(token);
  });

  it("keeps sent answers an hour, and starts a new draft under a new token for the next form", async () => {
    const resident = await h.as(null);
    const { token } = await resident.public.saveDraft({ token: null, answers: { kind: "comment" }, sent: false });
    expect(await resident.public.saveDraft({ token, answers: { kind: "comment" }, sent: true })).toEqual({ token });
    expect(await resident.public.draft({ token })).toEqual({ answers: { kind: "comment" }, sent: true });
    const next = await resident.public.saveDraft({ token, answers: { kind: "compliment" }, sent: false });
    expect(next.token).not.toBe(token);
    h.clock.advance(SENT_DRAFT_KEPT_MS);
    expect(await resident.public.draft({ token })).toBeNull();
  });

  it("refuses an answer PostgreSQL cannot store, saying so, rather than failing", async () => {
    const refused = await (await h.as(null)).public.saveDraft({ token: null, answers: { addressLine2: "Flat\u00001" }, sent: false }).then(() => null, (e: unknown) => e);
    // A 400 with the field's message (errors.ts), never the database's 500.
    expect((refused as TRPCError).code).toBe("BAD_REQUEST");
  });

  it("is the resident's alone: a member of staff is told to sign out first", async () => {
    const staff = await h.as("complaints-manager");
    const refused = await staff.public.saveDraft({ token: null, answers: { kind: "complaint" }, sent: false }).then(() => null, (e: unknown) => e);
    expect(refused).toBeInstanceOf(TRPCError);
    expect((refused as TRPCError).message).toMatch(/Sign out first/);
  });
});
