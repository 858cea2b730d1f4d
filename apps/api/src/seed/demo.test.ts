import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql, type Kysely } from "kysely";
import { openTestDb } from "../../../../packages/db/test/db.js";
import type { Database } from "@complaints/db";
import { defaultPlugins } from "@complaints/profiles";
import { createDeps } from "../deps.js";
import { defaultConfig } from "../config.js";
import { recordingLogger } from "../logger.js";
import { createCaller } from "../root.js";
import { createContextInner, MemoryCookieJar, type AppDeps } from "../context.js";
import { ROLE_LABELS, STAFF_ROLES } from "../access/policy.js";
import { recordSentOnCase } from "../services/correspondence-sent.js";
import { DEMO_PASSWORD, demoLogins, demoStaff, seedDemo, type SeedReport } from "./demo.js";

describe("the demo council", () => {
  let database: Database;
  let deps: AppDeps;
  let report: SeedReport;
  const log = recordingLogger();
  const now = new Date("2026-11-23T12:00:00Z");

  beforeAll(async () => {
    database = (await openTestDb()) as unknown as Database;
    deps = createDeps({ database, clock: { now: () => now }, log, config: defaultConfig(), plugins: await defaultPlugins() });
    // As the start-up does (start.ts): a message sent records on its case that it was sent.
    deps.notifier.onSent(recordSentOnCase(deps));
    report = await seedDemo(deps, { now, cases: 120 });
  }, 180_000);
  afterAll(() => database?.close());

  it("has an account for every role, and prints a login for each", () => {
    const roles = new Set(demoStaff().flatMap((s) => s.roles.map((r) => r.role)));
    expect([...roles].sort()).toEqual([...STAFF_ROLES].sort());
    expect(demoLogins().every((l) => l.password === DEMO_PASSWORD)).toBe(true);
  });

  it("has two administrators, both printed, so one can approve the case-reading role the other asks for themselves (issue 20)", () => {
    const admins = demoLogins().filter((l) => l.role === ROLE_LABELS.administrator);
    expect(admins.map((a) => a.email)).toEqual(["admin@exampleton.gov.uk", "admin2@exampleton.gov.uk"]);
  });

  it("makes every case through the lifecycle without a single refusal", () => {
    expect(log.entries.filter((e) => e.level !== "info")).toEqual([]);
    expect(report).toMatchObject({ created: true, cases: 120, refused: 0 });
  });

  it("covers every stage and state a caseworker meets", async () => {
    const db = database.db;
    const statuses = await db.selectFrom("cases").select("status").distinct().execute();
    expect(statuses.map((s) => s.status).sort()).toEqual(["closed", "new", "open"]);
    const phases = await db.selectFrom("stage_instances").select(["stage_id", "phase"]).distinct().execute();
    const seen = new Set(phases.map((p) => `${p.stage_id}:${p.phase}`));
    for (const expected of ["stage-1:awaiting-acknowledgement", "stage-1:investigating", "stage-1:responded", "stage-2:investigating", "stage-2:responded"]) {
      expect(seen, expected).toContain(expected);
    }
    const closures = await sql<{ reason: string }>`SELECT DISTINCT state -> 'closure' ->> 'reason' AS reason FROM cases WHERE status = 'closed'`.execute(db);
    const reasons = closures.rows.map((r) => r.reason);
    for (const expected of ["not-escalated", "final-response", "feedback-acknowledged", "service-request-completed"]) expect(reasons).toContain(expected);
    const kinds = await db.selectFrom("cases").select("kind").distinct().execute();
    expect(kinds.map((k) => k.kind)).toEqual(expect.arrayContaining(["complaint", "compliment", "comment", "service-request", "member-enquiry"]));
    const overdue = await db.selectFrom("due_dates").select("case_id").where("case_open", "=", true).where("met_on", "is", null).where("nature", "=", "deadline").where("due_date", "<", "2026-11-23").execute();
    expect(overdue.length).toBeGreaterThan(0);
    const restricted = await db.selectFrom("cases").select("id").where("restricted", "=", true).execute();
    expect(restricted.length).toBeGreaterThan(0);
    const designated = await db.selectFrom("customer_conduct").select("status").execute();
    expect(designated.map((d) => d.status)).toEqual(["designated"]);
  });

  it("gives the reports, improvement actions and quality audits something to show (issue 7)", async () => {
    // Report tables are typed in @complaints/db's reports module; any table will do for counting.
    const db = database.db as unknown as Kysely<Record<string, Record<string, unknown>>>;
    const count = async (table: string, where?: [string, string, unknown]) => {
      let q = db.selectFrom(table).select(db.fn.countAll<number>().as("n"));
      if (where) q = q.where(where[0], where[1] as never, where[2]);
      return Number((await q.executeTakeFirstOrThrow()).n);
    };
    expect(await count("improvement_milestones")).toBeGreaterThan(0);
    expect(await count("improvement_action_progress", ["completed_on", "is not", null])).toBeGreaterThan(0);
    expect(await count("resolution_plans")).toBeGreaterThan(0);
    expect(await count("qa_samples")).toBeGreaterThan(0);
    expect(await count("qa_reviews")).toBeGreaterThan(0);
    expect(await count("qa_findings")).toBeGreaterThan(0);
    expect(await count("qa_remedial_actions")).toBeGreaterThan(0);
    expect(await count("equality_monitoring")).toBeGreaterThan(0);
    expect(await count("report_stage_facts", ["financial_remedy_pence", "is not", null])).toBeGreaterThan(0);
    expect(await count("report_case_facts", ["category", "is not", null])).toBeGreaterThan(0);
    const reasons = await db.selectFrom("report_stage_facts").select("request_reason").distinct().where("sequence", ">", 1).execute();
    expect(reasons.length).toBeGreaterThan(1);
  });

  it("dates every case's events in the order they happened (each stream read in its own order)", async () => {
    const { rows } = await sql<{ reference: string; type: string; at: Date; previousType: string; previousAt: Date }>`
      SELECT c.reference, e.type, e.occurred_at AS at, e.previous_type AS "previousType", e.previous_at AS "previousAt"
      FROM (
        SELECT case_id, type, occurred_at,
          lag(type) OVER w AS previous_type, lag(occurred_at) OVER w AS previous_at
        FROM events
        WHERE case_id IS NOT NULL AND conduct_customer_id IS NULL AND admin_log_council_id IS NULL
        WINDOW w AS (PARTITION BY case_id ORDER BY stream_version, seq)
      ) e JOIN cases c ON c.id = e.case_id
      WHERE e.occurred_at < e.previous_at`.execute(database.db);
    expect(rows.map((r) => `${r.reference}: ${r.type} at ${r.at.toISOString()} after ${r.previousType} at ${r.previousAt.toISOString()}`)).toEqual([]);
  });

  it("leaves waiting only the letters it means to (decision 0321): the last week's Stage 2 letters whose remedy the officer will write, and members' letters whose office details are not yet recorded", async () => {
    const db = database.db;
    const weekAgo = new Date(now.getTime() - 7 * 86_400_000);
    const waiting = await db
      .selectFrom("notifications_outbox")
      .select(["payload", "created_at"])
      .where("kind", "=", "letter")
      .where("case_id", "is not", null)
      .where("sent_at", "is", null)
      .where("failed_at", "is", null)
      .execute();
    for (const row of waiting) {
      const { letter, missing } = row.payload as { letter: string; missing?: string[] };
      const deliberate = (letter === "stage-2-response" && missing?.join() === "what we will do to put things right") || (missing?.length === 1 && /^the postal address of .+, who acts for the customer/.test(missing[0]!));
      expect(deliberate, `${letter} waiting for ${missing?.join("; ")}`).toBe(true);
      expect(row.created_at.getTime(), `${letter} waiting since ${row.created_at.toISOString()}`).toBeGreaterThan(weekAgo.getTime());
    }
    // Older members' letters have their representative's details, so the replies went to them.
    const withoutDetails = await db
      .selectFrom("cases")
      .leftJoin("representative_contacts", "representative_contacts.case_id", "cases.id")
      .select("cases.reference")
      .where("cases.kind", "=", "member-enquiry")
      .where("cases.received_at", "<", weekAgo)
      .where("representative_contacts.case_id", "is", null)
      .execute();
    expect(withoutDetails).toEqual([]);
    // The print room has confirmed its runs: no post older than a few days is still to go.
    const unposted = await db
      .selectFrom("notifications_outbox")
      .select(["id", "status"])
      .where("kind", "=", "correspondence")
      .where(sql<string>`payload->>'channel'`, "=", "post")
      .where("status", "!=", "sent")
      .where("created_at", "<", new Date(now.getTime() - 4 * 86_400_000))
      .execute();
    expect(unposted).toEqual([]);
  });

  it("seeds once: a second start leaves it alone", async () => {
    const again = await seedDemo(deps, { now, cases: 120 });
    expect(again.created).toBe(false);
    const count = await database.db.selectFrom("cases").select(database.db.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    expect(Number(count.n)).toBe(120);
  });

  it("lets the printed demo logins sign in", async () => {
    const cookies = new MemoryCookieJar();
    const me = await createCaller(createContextInner({ deps, cookies })).auth.login({ email: "dcro.housing@exampleton.gov.uk", password: DEMO_PASSWORD });
    expect(me.roles[0]).toMatchObject({ role: "dcro", scope: "Housing and Communities" });
  });
});
