/**
 * Names made only of zero-width, direction or other invisible characters are refused
 * wherever a person is named (issue 20): customers, staff, representatives, participants and
 * the public form. They look blank on letters and in lists, and cannot be told apart.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { createContextInner } from "../context.js";
import { createCaller } from "../root.js";

const INVISIBLE = ["\u200B\u200B", "\u202E\u202C", "\u2066\u200D\u2069", "\uFEFF \u200E"];

describe("names that show", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness();
  });
  afterAll(() => h?.close());

  const logWith = (customer: { fullName: string } | null, representative?: { name: string }) => ({
    kind: "complaint" as const,
    channel: "email" as const,
    serviceId: "council-tax",
    description: "Charged twice for March.",
    customer: customer ? { ...customer, email: "someone@example.com" } : null,
    ...(representative ? { representative: { ...representative, role: "mp" as const, consent: { basis: "elected-member" as const, recordedOn: "2026-03-02" } } } : {}),
  });

  it("refuses an invisible customer or representative name when a case is logged, naming the field", async () => {
    const officer = await h.as("customer-services");
    for (const name of INVISIBLE) {
      const customer = await refusal(officer.cases.log(logWith({ fullName: name })));
      expect(customer.code).toBe("BAD_REQUEST");
      expect(customer.client.fieldErrors?.["customer.fullName"]?.[0]).toMatch(/only invisible characters/);
      const representative = await refusal(officer.cases.log(logWith({ fullName: "Ann Smith" }, { name })));
      expect(representative.code).toBe("BAD_REQUEST");
      expect(Object.keys(representative.client.fieldErrors ?? {})).toEqual(["representative.name"]);
    }
    const fine = await officer.cases.log(logWith({ fullName: "Siân O'Brien" }, { name: "محمد علي" }));
    expect(fine.caseId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it("refuses an invisible staff name on creating or renaming an account", async () => {
    const admin = await h.as("administrator");
    const created = await refusal(admin.admin.staff.create({ email: "blank@example.gov.uk", name: "\u200B\u200C", roles: [] }));
    expect(created.client.fieldErrors?.name?.[0]).toMatch(/only invisible characters/);
    const renamed = await refusal(admin.admin.staff.update({ staffId: h.staffIds.get("auditor")!, name: "\u202E" }));
    expect(renamed.client.fieldErrors?.name?.[0]).toMatch(/only invisible characters/);
  });

  it("refuses an invisible name on the public form", async () => {
    const visitor = createCaller(createContextInner({ deps: h.deps, principal: null, request: { ip: "192.0.2.44", userAgent: null } }));
    const sent = await refusal(
      visitor.public.submit({ kind: "complaint", serviceId: "council-tax", description: "Charged twice.", desiredOutcome: null, customer: { fullName: "\u200B\u200B", email: "ann@example.com", preferredContact: "email" }, idempotencyKey: "public-invisible-name" }),
    );
    expect(sent.client.fieldErrors?.["customer.fullName"]?.[0]).toBe("Enter your full name with at least one letter: it has only invisible characters");
  });
});
