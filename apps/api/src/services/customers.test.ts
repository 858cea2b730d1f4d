/**
 * Issue 20: a customer is seen only through a case one may read. The persistent-complainant
 * process (finding 1) is worked only with a role held for a directorate that holds one of the
 * customer's cases the person may see, and read on the same terms; the customer directory
 * (low finding) shows nobody whose only case is out of one's sight, restricted or about oneself.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const refer = { type: "refer" as const, evidence: "Forty emails in a week about the same bin." };

describe("customers are seen through the cases one may read (issue 20)", () => {
  let h: Harness;
  /** A customer whose only case is in Environment. */
  let environmentOnly: string;
  /** A customer whose only case is a restricted (safeguarding) Corporate case. */
  let restrictedOnly: string;
  /** A customer whose only case is about the Corporate head of service. */
  let aboutHead: string;

  beforeAll(async () => {
    h = await openHarness({
      extraStaff: [
        { key: "env-dcro", name: "Environment DCRO", email: "env-dcro@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "dcro", directorate: "environment" }] },
        { key: "env-head", name: "Environment Head", email: "env-head@example.gov.uk", password: PASSWORD, team: "waste/collections", roles: [{ role: "head-of-service", directorate: "environment" }] },
      ],
    });
    const manager = await h.as("complaints-manager");
    const customerOf = async (caseId: string) => (await manager.cases.get({ caseId })).customer!.id;
    const env = await manager.cases.log({ kind: "complaint", channel: "email", serviceId: "waste", description: "Bins again", customer: { fullName: "Eve Environment", email: "eve.env@example.com", postcode: "EX9 9EE" } });
    environmentOnly = await customerOf(env.caseId);
    const restricted = await manager.cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "A safeguarding matter",
      flags: ["safeguarding"],
      customer: { fullName: "Rita Restricted", email: "rita.restricted@example.com", postcode: "EX8 8RR" },
    });
    restrictedOnly = await customerOf(restricted.caseId);
    const about = await manager.cases.log({
      kind: "complaint",
      channel: "email",
      serviceId: "council-tax",
      description: "The head of service was rude to me",
      aboutStaffIds: [h.staffIds.get("head-of-service")!],
      customer: { fullName: "Andy About", email: "andy.about@example.com", postcode: "EX7 7AA" },
    });
    aboutHead = await customerOf(about.caseId);
  });
  afterAll(() => h?.close());

  it("refuses DCROs, heads of service and directors the process for a customer whose cases are all in another directorate", async () => {
    for (const role of ["dcro", "head-of-service", "director"]) {
      const refused = await refusal((await h.as(role)).customers.conductCommand({ customerId: environmentOnly, expectedVersion: 0, command: refer }));
      expect(refused.code, role).toBe("NOT_FOUND");
    }
    expect((await (await h.as("env-dcro")).customers.conductCommand({ customerId: environmentOnly, expectedVersion: 0, command: refer })).status).toBe("referred");
  });

  it("refuses the process for a customer whose only case is restricted to whoever cannot open it, and to its subject", async () => {
    // (The DCRO reads its directorate's restricted cases since decision 0325; the investigating officer does not.)
    expect((await refusal((await h.as("investigating-officer")).customers.conductCommand({ customerId: restrictedOnly, expectedVersion: 0, command: refer }))).code).toBe("NOT_FOUND");
    expect((await refusal((await h.as("head-of-service")).customers.conductCommand({ customerId: aboutHead, expectedVersion: 0, command: refer }))).code).toBe("NOT_FOUND");
    // The head of service may read restricted Corporate cases, so works the process for them.
    expect((await (await h.as("head-of-service")).customers.conductCommand({ customerId: restrictedOnly, expectedVersion: 0, command: refer })).status).toBe("referred");
  });

  it("needs the role in the case's directorate: reading the case is not enough", async () => {
    // Legal reads every case but does not work the process.
    const refused = await refusal((await h.as("legal")).customers.conductCommand({ customerId: environmentOnly, expectedVersion: 1, command: { type: "record-comment", comment: "Said sorry" } }));
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("shows a conduct record only to someone who may read one of the customer's cases", async () => {
    for (const role of ["investigating-officer", "dcro", "head-of-service", "director"]) {
      expect((await refusal((await h.as(role)).customers.conduct({ customerId: environmentOnly }))).code, role).toBe("NOT_FOUND");
    }
    expect((await refusal((await h.as("env-head")).customers.conduct({ customerId: restrictedOnly }))).code).toBe("NOT_FOUND");
    expect((await (await h.as("env-head")).customers.conduct({ customerId: environmentOnly })).state).not.toBeNull();
    expect((await (await h.as("auditor")).customers.conduct({ customerId: environmentOnly })).version).toBe(1);
  });

  it("leaves customers whose only case is restricted, or about oneself, out of the directory and history", async () => {
    const cso = await h.as("customer-services");
    expect((await cso.customers.find({ email: "rita.restricted@example.com" })).map((c) => c.id)).toEqual([]);
    expect((await refusal(cso.customers.history({ customerId: restrictedOnly }))).code).toBe("NOT_FOUND");
    const head = await h.as("head-of-service");
    expect((await head.customers.find({ email: "andy.about@example.com" })).map((c) => c.id)).toEqual([]);
    expect((await refusal(head.customers.history({ customerId: aboutHead }))).code).toBe("NOT_FOUND");
    expect((await (await h.as("dcro")).customers.find({ postcode: "EX9 9EE" })).map((c) => c.id)).toEqual([]);
    // Those who may read the case still find the customer.
    expect((await head.customers.find({ email: "rita.restricted@example.com" })).map((c) => c.id)).toEqual([restrictedOnly]);
    expect((await (await h.as("complaints-manager")).customers.find({ email: "andy.about@example.com" })).map((c) => c.id)).toEqual([aboutHead]);
    expect((await cso.customers.find({ postcode: "EX9 9EE" })).map((c) => c.id)).toEqual([environmentOnly]);
  });
});
