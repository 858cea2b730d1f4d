/**
 * `npm start -- --council <id>`: each packaged council as the demo (docs/decisions/0314-demo-as-any-council.md).
 * The seed plays its cases through what the council's rules allow, with staff for every role
 * its directorates and plugins use; and a complaint logged in the demo gets the first due dates
 * and the reference its own document gives (packages/profiles/src/councils/*.ts, ../shared/seeds/).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { authRepository, type Database } from "@complaints/db";
import { defaultPlugins, LANCASTER_TASK_GROUP, LEEDS_POLICY, LEWISHAM_REPORT, SOUTHWARK_PROCEDURE, type ProfileId } from "@complaints/profiles";
import { openTestDb } from "../../../../packages/db/test/db.js";
import { createDeps } from "../deps.js";
import { defaultConfig } from "../config.js";
import { recordingLogger } from "../logger.js";
import { createCaller } from "../root.js";
import { createContextInner, MemoryCookieJar, type AppDeps } from "../context.js";
import { toPrincipal } from "../auth/sessions.js";
import { STAFF_ROLES } from "../access/policy.js";
import { DEMO_PASSWORD, demoCouncilFor, demoLogins, seedDemo, type SeedReport } from "./demo.js";

/** The seed's "today"; the complaints below arrive on Monday 2 November 2026, before it. */
const NOW = new Date("2026-11-23T12:00:00Z");
const RECEIVED = "2026-11-02T10:00:00Z";

interface Demo {
  id: ProfileId;
  database: Database;
  deps: AppDeps;
  report: SeedReport;
  log: ReturnType<typeof recordingLogger>;
  setClock(at: string): void;
  /** A caller signed in with the printed login for this role (and directorate). */
  as(role: string, directorate?: string): Promise<ReturnType<typeof createCaller>>;
  staffId(role: string, directorate?: string): Promise<string>;
}

async function startDemo(id: ProfileId, cases: number): Promise<Demo> {
  const database = (await openTestDb()) as unknown as Database;
  let now = NOW;
  const log = recordingLogger();
  const deps = createDeps({ database, clock: { now: () => now }, log, config: defaultConfig(), plugins: await defaultPlugins() });
  const report = await seedDemo(deps, { now: NOW, cases, council: id });
  const council = demoCouncilFor(id, deps.councils.plugins);
  const login = (role: string, directorate?: string) => {
    const key = directorate ? `${role}.${directorate}@` : `${role}@`;
    return demoLogins(council).find((l) => l.email.startsWith(key))!;
  };
  const short: Record<string, string> = { "customer-services": "cso", "complaints-manager": "manager", "investigating-officer": "io" };
  return {
    id,
    database,
    deps,
    report,
    log,
    setClock: (at) => (now = new Date(at)),
    async as(role, directorate) {
      const cookies = new MemoryCookieJar();
      await createCaller(createContextInner({ deps, cookies })).auth.login({ email: login(short[role] ?? role, directorate).email, password: DEMO_PASSWORD });
      const [staff] = await authRepository.findStaffByEmail(database.db, login(short[role] ?? role, directorate).email, report.councilId);
      return createCaller(createContextInner({ deps, principal: toPrincipal(staff!, null), cookies }));
    },
    async staffId(role, directorate) {
      const [staff] = await authRepository.findStaffByEmail(database.db, login(short[role] ?? role, directorate).email, report.councilId);
      return staff!.id;
    },
  };
}

const complaint = (serviceId: string) => ({
  kind: "complaint" as const,
  channel: "email" as const,
  serviceId,
  receivedAt: RECEIVED,
  description: "I was promised a call back three times and nobody ever called.",
  customer: { fullName: "Ann Smith", email: "ann.smith@example.com", postcode: "AB1 2CD" },
});

const dueOf = (detail: { dueDates: Array<{ kind: string; date: string; stageId: string | null }> }, kind: string) => detail.dueDates.find((d) => d.kind === kind)?.date;

describe.each(["leeds", "lewisham", "southwark", "lancaster", "default"] as const)("the demo as %s", (id) => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo(id, 40);
  }, 180_000);
  afterAll(() => demo?.database.close());

  it("plays every case through the commands the council's rules allow: not one step refused", () => {
    expect(demo.log.entries.filter((e) => e.level !== "info")).toEqual([]);
    expect(demo.report).toMatchObject({ created: true, cases: 40, refused: 0 });
  });

  it("has staff for every role, in every directorate for the directorate roles and for the roles its plugins require", async () => {
    const runtime = await demo.deps.councils.get(demo.report.councilId);
    const staff = await demo.database.db.selectFrom("staff_roles").select(["role", "directorate_id"]).execute();
    const held = new Set(staff.map((s) => `${s.role}|${s.directorate_id ?? "*"}`));
    expect(new Set(staff.map((s) => s.role))).toEqual(new Set(STAFF_ROLES));
    for (const [code, directorateId] of runtime.directorateIdByCode) {
      for (const role of ["investigating-officer", "dcro", "head-of-service", "director"]) expect(held, `${role} in ${code}`).toContain(`${role}|${directorateId}`);
      for (const service of runtime.book.serviceIds().filter((s) => runtime.directorateOfService.get(s) === code)) {
        for (const kind of ["complaint", "member-enquiry", "foi-eir-review"] as const) {
          let required: string[] = [];
          try {
            required = runtime.book.rulesFor(service, kind).requiredRoles.flatMap((r) => r.roles);
          } catch {
            continue; // that kind has no rules in this service
          }
          for (const role of required) expect(held, `${role} for ${kind} in ${service}`).toContain(`${role}|${directorateId}`);
        }
      }
    }
  });

  it("is installed under the council's own name and reference prefix, and its printed logins sign in", async () => {
    const council = demoCouncilFor(id, demo.deps.councils.plugins);
    const rows = await demo.database.db.selectFrom("councils").select(["name", "reference_prefix"]).execute();
    expect(rows).toEqual([{ name: council.profile.name, reference_prefix: council.profile.referencePrefix }]);
    const first = council.directorates[0]!;
    const login = demoLogins(council).find((l) => l.email === `dcro.${first.id}@${id}.example`)!;
    const me = await createCaller(createContextInner({ deps: demo.deps, cookies: new MemoryCookieJar() })).auth.login({ email: login.email, password: login.password });
    expect(me.roles[0]).toMatchObject({ role: "dcro", scope: council.profile.directorates.find((d) => d.id === first.id)!.name });
  });
});

describe(`Leeds as the demo (${LEEDS_POLICY})`, () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo("leeds", 6);
  }, 120_000);
  afterAll(() => demo?.database.close());

  it("paras 13 and 16: a complaint is acknowledged within 3 working days of receipt and answered within 15 working days of receipt; references start LCC", async () => {
    demo.setClock(RECEIVED);
    const logged = await (await demo.as("customer-services")).cases.log(complaint("customer-services"));
    expect(logged.reference).toMatch(/^LCC-2026-\d{6}$/);
    const dcro = await demo.as("dcro", "corporate-services");
    await dcro.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
    const detail = await dcro.cases.get({ caseId: logged.caseId });
    expect(dueOf(detail, "acknowledge")).toBe("2026-11-05");
    expect(dueOf(detail, "respond")).toBe("2026-11-23");
  });
});

describe(`Lewisham as the demo (${LEWISHAM_REPORT})`, () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo("lewisham", 6);
  }, 120_000);
  afterAll(() => demo?.database.close());

  it("para 5.1: Stage 1 is answered within 10 working days of receipt, a member's enquiry too; references start LBL", async () => {
    demo.setClock(RECEIVED);
    const cso = await demo.as("customer-services");
    const dcro = await demo.as("dcro", "customer-services");
    const plain = await cso.cases.log(complaint("refuse-collection"));
    const member = await cso.cases.log({
      ...complaint("refuse-collection"),
      kind: "member-enquiry",
      representative: { name: "Cllr Priya Nair", role: "councillor", consent: { basis: "elected-member", recordedOn: "2026-11-02" }, replyTo: "representative" },
    });
    for (const logged of [plain, member]) {
      expect(logged.reference).toMatch(/^LBL-2026-\d{6}$/);
      await dcro.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
      expect(dueOf(await dcro.cases.get({ caseId: logged.caseId }), "respond")).toBe("2026-11-16");
    }
  });
});

describe(`Southwark as the demo (${SOUTHWARK_PROCEDURE})`, () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo("southwark", 6);
  }, 120_000);
  afterAll(() => demo?.database.close());

  it("stage one: acknowledged within 5 working days of receipt, answered within 10 working days of the acknowledgement; references start LBS", async () => {
    demo.setClock(RECEIVED);
    const logged = await (await demo.as("customer-services")).cases.log(complaint("waste-and-recycling"));
    expect(logged.reference).toMatch(/^LBS-2026-\d{6}$/);
    const dcro = await demo.as("dcro", "environment-and-neighbourhoods");
    const triaged = await dcro.command.triage({ caseId: logged.caseId, expectedVersion: logged.version, outcome: "accept" });
    expect(dueOf(await dcro.cases.get({ caseId: logged.caseId }), "acknowledge")).toBe("2026-11-09");
    demo.setClock("2026-11-04T11:00:00Z");
    await dcro.command.acknowledge({ caseId: logged.caseId, expectedVersion: triaged.version });
    expect(dueOf(await dcro.cases.get({ caseId: logged.caseId }), "respond")).toBe("2026-11-18");
  });
});

describe(`Lancaster as the demo (${LANCASTER_TASK_GROUP})`, () => {
  let demo: Demo;
  beforeAll(async () => {
    demo = await startDemo("lancaster", 6);
  }, 120_000);
  afterAll(() => demo?.database.close());

  it("recommendations 3(3)(e) and 8(2): a Stage 2 review that finds Stage 1 was not thorough refers the complaint back to Stage 1; references start LCC", async () => {
    const d = "communities-and-environment";
    demo.setClock(RECEIVED);
    const logged = await (await demo.as("customer-services")).cases.log(complaint("other-services"));
    expect(logged.reference).toMatch(/^LCC-2026-\d{6}$/);
    const dcro = await demo.as("dcro", d);
    const io = await demo.as("investigating-officer", d);
    const caseId = logged.caseId;
    let v = (await dcro.command.triage({ caseId, expectedVersion: logged.version, outcome: "accept" })).version;
    v = (await dcro.command.assign({ caseId, expectedVersion: v, handlerId: await demo.staffId("io", d) })).version;
    v = (await io.command.acknowledge({ caseId, expectedVersion: v })).version;
    demo.setClock("2026-11-09T10:00:00Z");
    v = (await io.command.respond({ caseId, expectedVersion: v, outcome: "not-upheld", reasons: "The call backs were logged." })).version;
    demo.setClock("2026-11-11T10:00:00Z");
    v = (await (await demo.as("customer-services")).command.escalate({ caseId, expectedVersion: v, reason: "Nobody looked at my call log" })).version;
    const assigned = await dcro.command.assign({ caseId, expectedVersion: v, handlerId: await demo.staffId("io2", d) });
    expect(assigned.available).toContain("refer-back");
    await dcro.command.referBack({ caseId, expectedVersion: assigned.version, reason: "Stage 1 did not look at the call log" });
    const detail = await dcro.cases.get({ caseId });
    expect(detail.stages.map((s) => [s.stageId, s.phase])).toEqual([
      ["stage-1", "responded"],
      ["stage-2", "referred-back"],
      ["stage-1", expect.any(String)],
    ]);
  });
});
