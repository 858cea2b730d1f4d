/**
 * Issue 20, finding 11: every administrator action is an event in the council's administration
 * log (chained and keyed like the rest), auditors can read it, and an administrator cannot give
 * themselves a role that reads cases without a second administrator. Finding 4: auditors and
 * administrators can verify the log; the scheduled verification alerts the administrators.
 */
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyEventChain } from "@complaints/db";
import { openHarness, PASSWORD, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";
import { verifyAuditLogJob } from "../services/audit.js";

describe("the administration log and two-administrator role grants", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await openHarness({
      start: "2026-12-14T09:00:00Z",
      extraStaff: [
        { key: "second-admin", name: "Second Admin", email: "second.admin@example.gov.uk", password: PASSWORD, team: "customer-services/contact-centre", roles: [{ role: "administrator", directorate: null }] },
      ],
    });
  });
  afterAll(() => h?.close());

  it("records a role grant, a password reset and API keys as chained events an auditor can read", async () => {
    const admin = await h.as("administrator");
    const officer = h.staffIds.get("investigating-officer")!;
    const corporate = h.council.ids.directorates.get("corporate")!;
    await admin.admin.staff.setRoles({ staffId: officer, roles: [{ role: "dcro", directorateId: corporate }] });
    await admin.admin.staff.resetPassword({ staffId: officer, password: "a brand new temporary password" });
    const key = await admin.admin.apiKeys.create({ name: "Web form", directorateIds: [corporate], scopes: ["cases:create"] });
    await admin.admin.apiKeys.revoke({ keyId: key.id });

    const events = await (await h.as("auditor")).audit.adminEvents({ limit: 50 });
    expect(events.slice(0, 4).map((e) => [e.type, e.actorName])).toEqual([
      ["api-key-revoked", "administrator person"],
      ["api-key-created", "administrator person"],
      ["password-reset", "administrator person"],
      ["roles-changed", "administrator person"],
    ]);
    expect(events[2]!.staffName).toBe("investigating-officer person");
    expect(JSON.stringify(events)).not.toContain("a brand new temporary password");
    expect(await verifyEventChain(h.db.db, { adminLogCouncilId: h.council.councilId })).toMatchObject({ ok: true });
    const refused = await refusal((await h.as("investigating-officer")).audit.adminEvents({ limit: 10 }));
    expect(refused.code).toBe("FORBIDDEN");
  });

  it("makes an administrator's own case-reading role wait for another administrator to approve it", async () => {
    const admin = await h.as("administrator");
    const me = h.staffIds.get("administrator")!;
    const corporate = h.council.ids.directorates.get("corporate")!;
    const asked = await admin.admin.staff.setRoles({
      staffId: me,
      roles: [
        { role: "administrator", directorateId: null },
        { role: "dcro", directorateId: corporate },
      ],
    });
    expect(asked.pendingRequestId).toEqual(expect.any(String));
    expect(asked.roles).toEqual([{ role: "administrator", directorateId: null }]);
    const own = await refusal(admin.admin.roleRequests.decide({ requestId: asked.pendingRequestId!, decision: "approved" }));
    expect(own.client.message).toMatch(/Another administrator must decide/);

    const second = await h.as("second-admin");
    expect((await second.admin.roleRequests.list()).map((r) => r.staffId)).toEqual([me]);
    await second.admin.roleRequests.decide({ requestId: asked.pendingRequestId!, decision: "approved" });
    const after = (await admin.admin.staff.list()).find((s) => s.id === me)!;
    expect(after.roles).toContainEqual({ role: "dcro", directorateId: corporate });
    const types = (await (await h.as("auditor")).audit.adminEvents({ limit: 5 })).map((e) => [e.type, e.actorName]);
    expect(types.slice(0, 2)).toEqual([
      ["roles-approved", "Second Admin"],
      ["roles-requested", "administrator person"],
    ]);
  });

  it("verifies the council's log for auditors, and finds a deleted administration event", async () => {
    const auditor = await h.as("auditor");
    expect(await auditor.audit.verify()).toMatchObject({ ok: true, failures: [] });
    await h.db.db.transaction().execute(async (trx) => {
      await sql`ALTER TABLE events DISABLE TRIGGER events_append_only`.execute(trx);
      await sql`DELETE FROM events WHERE admin_log_council_id = ${h.council.councilId} AND type = 'password-reset'`.execute(trx);
      await sql`ALTER TABLE events ENABLE TRIGGER events_append_only`.execute(trx);
    });
    const result = await auditor.audit.verify();
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([expect.objectContaining({ stream: `admin:${h.council.councilId}`, problem: "missing-event" })]);

    // The nightly job tells both administrators.
    await verifyAuditLogJob(h.deps);
    const alerts = await h.db.db.selectFrom("notifications_outbox").select(["kind", "recipient"]).where("kind", "=", "audit-log-broken").execute();
    expect(alerts.map((a) => (a.recipient as { staffId: string }).staffId).sort()).toEqual([h.staffIds.get("administrator"), h.staffIds.get("second-admin")].sort());
  });
});
