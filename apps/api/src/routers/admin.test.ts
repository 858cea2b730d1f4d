import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { MemoryCookieJar } from "../context.js";
import { principalFromSession } from "../auth/sessions.js";

describe("administration", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({ start: "2026-12-14T09:00:00Z" });
  });
  afterAll(() => h?.close());

  it("creates staff with roles scoped to a directorate; central roles only may be council-wide", async () => {
    const admin = await h.as("administrator");
    const corporate = h.council.ids.directorates.get("corporate")!;
    const teamId = h.council.ids.teams.get("council-tax/billing")!;
    const created = await admin.admin.staff.create({
      email: "new.officer@example.gov.uk",
      name: "New Officer",
      teamId,
      password: "a long first password",
      roles: [{ role: "investigating-officer", directorateId: corporate }],
    });
    expect(created.roles).toEqual([{ role: "investigating-officer", directorateId: corporate }]);
    const me = await h.asPrincipal(null).auth.login({ email: "new.officer@example.gov.uk", password: "a long first password" });
    expect(me.roles[0]?.scope).toBe("Corporate Services");

    const wide = await refusal(admin.admin.staff.setRoles({ staffId: created.id, roles: [{ role: "investigating-officer", directorateId: null }] }));
    expect(wide.code).toBe("BAD_REQUEST");
    expect(wide.client.message).toMatch(/granted within a directorate/);
    const duplicate = await refusal(admin.admin.staff.create({ email: "NEW.officer@example.gov.uk", name: "Again", roles: [] }));
    expect(duplicate.client.message).toMatch(/already an account/);
    const weak = await refusal(admin.admin.staff.create({ email: "weak@example.gov.uk", name: "Weak", password: "short", roles: [] }));
    expect(weak.client.message).toMatch(/at least 12 characters/);

    const manager = await admin.admin.staff.setRoles({ staffId: created.id, roles: [{ role: "complaints-manager", directorateId: null }] });
    expect(manager.roles).toEqual([{ role: "complaints-manager", directorateId: null }]);
  });

  it("switching an account off ends its sessions", async () => {
    const cookies = new MemoryCookieJar();
    await h.asPrincipal(null, cookies).auth.login({ email: "legal@example.gov.uk", password: PASSWORD });
    const token = cookies.get("cm_session")!;
    expect(await principalFromSession(h.deps, token)).not.toBeNull();
    await (await h.as("administrator")).admin.staff.update({ staffId: h.staffIds.get("legal")!, active: false });
    expect(await principalFromSession(h.deps, token)).toBeNull();
    const refused = await refusal(h.asPrincipal(null).auth.login({ email: "legal@example.gov.uk", password: PASSWORD }));
    expect(refused.code).toBe("UNAUTHORIZED");
  });

  it("refuses a profile the rules cannot start with, naming the problem, and saves nothing", async () => {
    const admin = await h.as("administrator");
    const before = await admin.admin.profile.get();
    const broken = await refusal(admin.admin.plugins.setForService({ serviceId: "waste", plugins: ["no-such-plugin"], reason: "Test" }));
    expect(broken.code).toBe("BAD_REQUEST");
    expect(broken.client.message).toMatch(/plugin "no-such-plugin", which is not installed/);
    expect((await admin.admin.profile.get()).updatedAt).toBe(before.updatedAt);
    const unknown = await refusal(admin.admin.plugins.setForService({ serviceId: "parking", plugins: [], reason: "Test" }));
    expect(unknown.client.message).toMatch(/no service "parking"/);
  });

  it("a new closure day moves open cases' deadlines (with an event) and leaves closed cases as measured", async () => {
    const cso = await h.as("customer-services");
    const dcro = await h.as("dcro");
    h.clock.set("2026-12-14T09:00:00Z"); // Monday
    const open = await cso.cases.log({ kind: "complaint", channel: "phone", serviceId: "council-tax", description: "Open before the closure", customer: { fullName: "Olive Open" } });
    await dcro.command.triage({ caseId: open.caseId, expectedVersion: 1, outcome: "accept" });
    const closed = await cso.cases.log({ kind: "compliment", channel: "phone", serviceId: "council-tax", description: "Thanks", customer: { fullName: "Carl Closed" } });
    await dcro.command.acknowledgeFeedback({ caseId: closed.caseId, expectedVersion: 1 });
    await dcro.command.close({ caseId: closed.caseId, expectedVersion: 2 });

    const ackBefore = (await dcro.cases.get({ caseId: open.caseId })).dueDates.find((d) => d.kind === "acknowledge")!;
    expect(ackBefore.date).toBe("2026-12-21");
    const closedBefore = (await dcro.cases.get({ caseId: closed.caseId })).dueDates;

    const result = await (await h.as("administrator")).admin.calendar.setClosureDays({
      closures: [
        { date: "2026-12-29", label: "Council closure day" },
        { date: "2026-12-17", label: "Office move" },
      ],
      reason: "Office move on 17 December",
    });
    expect(result.recalculated).toMatchObject({ changed: expect.any(Number) });

    const after = await dcro.cases.get({ caseId: open.caseId });
    const ackAfter = after.dueDates.find((d) => d.kind === "acknowledge")!;
    expect(ackAfter.date).toBe("2026-12-22");
    expect(ackAfter.explanation).toMatch(/Office move/);
    expect(after.timeline.at(-1)).toMatchObject({ type: "recalculate-deadlines", actor: { type: "system" } });
    expect((await dcro.cases.get({ caseId: closed.caseId })).dueDates).toEqual(closedBefore);
  });

  it("creates API keys scoped to directorates and shows their secret only once", async () => {
    const admin = await h.as("administrator");
    const created = await admin.admin.apiKeys.create({ name: "CRM", directorateIds: [h.council.ids.directorates.get("environment")!], scopes: ["cases:read"] });
    expect(created.key).toMatch(/^cmk_[a-z0-9]{8}_[A-Za-z0-9_-]{43}$/);
    const listed = await admin.admin.apiKeys.list();
    expect(listed).toEqual([expect.objectContaining({ name: "CRM", prefix: created.prefix, scopes: ["cases:read"], directorates: [{ id: expect.any(String), name: "Environment" }], revoked: false })]);
    expect(JSON.stringify(listed)).not.toContain(created.key.slice(13));
    const row = await h.db.db.selectFrom("api_keys").select("key_hash").executeTakeFirstOrThrow();
    expect(row.key_hash).not.toContain(created.key.slice(13));
  });
});
