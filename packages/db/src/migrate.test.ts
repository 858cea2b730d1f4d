import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTestDb, tableNames, type TestDb } from "../test/db.js";
import { migrateDown, migrateToEmpty, migrateToLatest, migrationProvider } from "./migrate.js";
import { migrations } from "./migrations/index.js";

const tables = [
  "api_keys",
  "attachments",
  "case_reference_counters",
  "case_representatives",
  "cases",
  "contacts",
  "council_hosts",
  "councils",
  "customer_conduct",
  "customers",
  "directorates",
  "due_dates",
  "equality_monitoring",
  "event_heads",
  "events",
  "idempotency_keys",
  "improvement_action_progress",
  "improvement_milestones",
  "inbound_messages",
  "learning_actions",
  "letter_postings",
  "letters",
  "login_failures",
  "notifications_outbox",
  "ombudsman_enquiries",
  "print_batches",
  "public_form_drafts",
  "qa_findings",
  "qa_remedial_actions",
  "qa_reviews",
  "qa_sample_items",
  "qa_samples",
  "remedies",
  "report_calendars",
  "report_case_facts",
  "report_stage_facts",
  "representative_contacts",
  "resolution_plan_checkpoints",
  "resolution_plan_tasks",
  "resolution_plans",
  "satisfaction_answers",
  "satisfaction_invitations",
  "saved_views",
  "server_secrets",
  "services",
  "sessions",
  "staff",
  "staff_role_requests",
  "staff_roles",
  "stage_instances",
  "teams",
  "working_day_calendars",
  "working_days",
];

describe("migrations", () => {
  let t: TestDb;
  beforeAll(async () => {
    t = await openTestDb({ migrated: false });
  });
  afterAll(() => t?.close());

  it("are named YYYYMMDDHHmmss_snake_case and listed in the order they run", async () => {
    const names = Object.keys(await migrationProvider.getMigrations());
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(name).toMatch(/^\d{14}_[a-z0-9]+(_[a-z0-9]+)*$/);
    expect([...names].sort()).toEqual(names);
  });

  it("build the whole schema on an empty database", async () => {
    expect(await tableNames(t)).toEqual([]);
    const outcome = await migrateToLatest(t.db);
    expect(outcome.applied).toEqual(Object.keys(migrations));
    expect((await tableNames(t)).filter((name) => !name.startsWith("kysely_"))).toEqual(tables);
  });

  it("apply nothing when run again, even from two callers at once", async () => {
    const [first, second] = await Promise.all([migrateToLatest(t.db), migrateToLatest(t.db)]);
    expect(first.applied).toEqual([]);
    expect(second.applied).toEqual([]);
  });

  it("roll back step by step to the latest migration that changed the schema, and forward again", async () => {
    // Whatever the latest migrations are: going down undoes each, and the latest one that made
    // tables, indexes or columns takes them away (a data migration, like the conduct letters'
    // filing, changes none); going up brings back exactly what was there.
    const names = Object.keys(migrations);
    // Tables, indexes and columns of the test's schema: what any schema migration adds.
    const relations = async () =>
      (
        await sql<{ name: string }>`
          SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i')
          UNION ALL
          SELECT c.relname || '.' || a.attname FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
          WHERE n.nspname = current_schema() AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped
          ORDER BY 1`.execute(t.db)
      ).rows.map((r) => r.name);
    const before = await relations();
    const undone: string[] = [];
    let after = before;
    while (after.length === before.length && undone.length < 5) {
      expect((await migrateDown(t.db)).applied).toEqual([names.at(-1 - undone.length)]);
      undone.push(names.at(-1 - undone.length)!);
      after = await relations();
    }
    expect(before.filter((name) => !after.includes(name)).length).toBeGreaterThan(0);
    expect((await migrateToLatest(t.db)).applied).toEqual(undone.reverse());
    expect(await relations()).toEqual(before);
  });

  it("roll back completely, leaving no tables or functions behind", async () => {
    await migrateToEmpty(t.db);
    expect((await tableNames(t)).filter((name) => !name.startsWith("kysely_"))).toEqual([]);
    const { rows } = await sql<{ name: string }>`
      SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace
      WHERE n.nspname = current_schema()`.execute(t.db);
    expect(rows).toEqual([]);
    expect((await migrateToLatest(t.db)).applied).toHaveLength(Object.keys(migrations).length);
  });
});
