/**
 * Issue 17, "a plugin cannot grant a role": `requireRoles` only narrowed the API's fixed role
 * list, so a Head of Service the plugin allowed to extend was refused. A plugin's `allowRoles`
 * now widens who may perform a command on its cases (core's `grantedRolesFor`), the API's
 * access check and the commands offered included; a council profile can refuse a grant
 * (`procedures.refusedGrants`), and the rules' explanation lists both.
 */
import { createServicePlugin, explainRules } from "@complaints/core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const GRANT_RULE = "Test procedure 4.2: the Head of Service may extend a Stage 1 response";
const hosExtends = createServicePlugin({
  id: "hos-extends",
  name: "Head of Service extends",
  version: "1.0.0",
  register(r) {
    r.allowRoles("extend", ["head-of-service"], { stageId: "stage-1", rule: GRANT_RULE });
  },
});

const complaint = {
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId: "council-tax",
  description: "Charged twice for March.",
  desiredOutcome: "A refund",
  customer: { fullName: "Ann Smith", email: "ann.smith@example.com", postcode: "EX1 2AB" },
};

async function acknowledgedCase(h: Harness) {
  const { caseId } = await (await h.as("customer-services")).cases.log(complaint);
  const dcro = await h.as("dcro");
  let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
  v = (await dcro.command.acknowledge({ caseId, expectedVersion: v })).version;
  return { caseId, version: v };
}

const extension = { workingDays: 5, reason: "Waiting for the bank's records", ombudsmanDetailsGiven: true };

describe("a plugin grants the Head of Service the extend command", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({
      plugins: [hosExtends],
      profile: (p) => ({
        ...p,
        directorates: p.directorates.map((d) => ({
          ...d,
          services: d.services.map((s) => (s.id === "council-tax" ? { ...s, plugins: [...(s.plugins ?? []), "hos-extends"] } : s)),
        })),
      }),
    });
  });
  afterAll(() => h?.close());

  it("a Head of Service may extend such a case through the API, and is offered it", async () => {
    const { caseId, version } = await acknowledgedCase(h);
    const hos = await h.as("head-of-service");
    expect((await hos.cases.get({ caseId })).available).toContain("extend");
    const preview = await hos.cases.previewExtension({ caseId, ...extension });
    expect(preview.leftAfter).toBe(5);
    const extended = await hos.command.extend({ caseId, expectedVersion: version, ...extension });
    expect(extended.version).toBe(version + 1);
  });

  it("the grant is the plugin's word for its cases only: on a service without it, the Head of Service is still refused", async () => {
    const { caseId } = await (await h.as("customer-services")).cases.log({ ...complaint, serviceId: "customer-services" });
    const dcro = await h.as("dcro");
    let v = (await dcro.command.triage({ caseId, expectedVersion: 1, outcome: "accept" })).version;
    v = (await dcro.command.acknowledge({ caseId, expectedVersion: v })).version;
    const refused = await refusal((await h.as("head-of-service")).command.extend({ caseId, expectedVersion: v, ...extension }));
    expect(refused.client.message).toMatch(/cannot extend/);
  });

  it("the council sees the grant in the rules' explanation, with its rule", async () => {
    const runtime = await h.deps.councils.get(h.council.councilId);
    expect(explainRules(runtime.book.rulesFor("council-tax", "complaint"))).toContain(
      `extend at stage-1: also head-of-service — granted by plugin "hos-extends" (${GRANT_RULE})`,
    );
  });
});

describe("a council that refuses the grant", () => {
  let h: Harness;
  const REFUSAL = "Exampleton scheme of delegation: only caseworkers extend";
  beforeAll(async () => {
    h = await openHarness({
      plugins: [hosExtends],
      profile: (p) => ({
        ...p,
        procedures: { ...p.procedures, refusedGrants: [{ plugin: "hos-extends", role: "head-of-service", rule: REFUSAL }] },
        directorates: p.directorates.map((d) => ({
          ...d,
          services: d.services.map((s) => (s.id === "council-tax" ? { ...s, plugins: [...(s.plugins ?? []), "hos-extends"] } : s)),
        })),
      }),
    });
  });
  afterAll(() => h?.close());

  it("refuses the Head of Service, and its explanation says the grant was refused and why", async () => {
    const { caseId, version } = await acknowledgedCase(h);
    const hos = await h.as("head-of-service");
    expect((await hos.cases.get({ caseId })).available).not.toContain("extend");
    expect((await refusal(hos.command.extend({ caseId, expectedVersion: version, ...extension }))).client.message).toMatch(/cannot extend/);
    const runtime = await h.deps.councils.get(h.council.councilId);
    expect(explainRules(runtime.book.rulesFor("council-tax", "complaint"))).toContain(
      `extend at stage-1: head-of-service not granted — plugin "hos-extends" asked (${GRANT_RULE}); refused by council profile (${REFUSAL})`,
    );
  });
});
