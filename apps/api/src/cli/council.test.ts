/**
 * Issue 14, "Installing a real council": `npm run council -- install|export|update|list` on an
 * empty database (a PGlite folder, or a schema of the throwaway PostgreSQL with TEST_POSTGRES=1),
 * the way an IT department runs it: what it prints, what it writes, and what it refuses.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouncilProfile } from "@complaints/core";
import { defaultPlugins, parseProfileText, profileToText } from "@complaints/profiles";
import { createDb, organisationRepository, adminLog, authRepository, type Database } from "@complaints/db";
import { openTestDb, engine } from "../../../../packages/db/test/db.js";
import { createContextInner, MemoryCookieJar } from "../context.js";
import { createDeps } from "../deps.js";
import { defaultConfig } from "../config.js";
import { silentLogger } from "../logger.js";
import { createCaller } from "../root.js";
import { toPrincipal } from "../auth/sessions.js";
import { hashPassword } from "../auth/passwords.js";
import { main } from "./council.js";

/** Data as a YAML file's text (a council's own file, mistakes and all). */
const yaml = (data: unknown) => profileToText(data as CouncilProfile, "yaml");

const AUDIT_KEY = "council-command-test-audit-key-0123456789";

describe(`npm run council (${engine})`, { timeout: 120_000 }, () => {
  const dir = mkdtempSync(path.join(tmpdir(), "council-cli-"));
  let env: NodeJS.ProcessEnv;
  let pg: Awaited<ReturnType<typeof openTestDb>> | null = null;

  beforeAll(async () => {
    if (engine === "postgres") {
      pg = await openTestDb({ migrated: false });
      const url = new URL(pg.postgres!.url);
      url.searchParams.set("options", `-c search_path=${pg.postgres!.schema}`);
      env = { DATABASE_URL: url.toString(), AUDIT_KEY };
    } else {
      env = { DATA_DIR: path.join(dir, "pglite") };
    }
  });
  afterAll(async () => {
    await pg?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function council(...argv: string[]) {
    const out: string[] = [];
    const err: string[] = [];
    const code = await main(argv, { out: (l) => out.push(l), err: (l) => err.push(l) }, env, { id: "cli:tester", name: "council command (OS user tester)" });
    return { code, out: out.join("\n"), err: err.join("\n") };
  }

  /** The same database the command used, opened by the test to look at it. */
  async function withDb<T>(fn: (database: Database) => Promise<T>): Promise<T> {
    if (pg) return fn(pg);
    const database = await createDb({ dataDir: env["DATA_DIR"]! });
    try {
      return await fn(database);
    } finally {
      await database.close();
    }
  }

  const councils = () => withDb((d) => organisationRepository.listCouncils(d.db));

  it("refuses a profile with several mistakes, naming each (path, value, rule); nothing is written", async () => {
    expect(await council("export")).toMatchObject({ code: 1, out: "", err: expect.stringContaining("No council is installed in this database yet") });
    const broken = path.join(dir, "broken.yaml");
    writeFileSync(
      broken,
      yaml({ id: "leafy", name: "Leafy Borough Council", referencePrefix: "leafy", calendar: { cutOffTime: "5pm" }, directorates: [{ id: "corporate", name: "Corporate", services: [{ id: "tax", name: "Tax", plugins: ["trading-standards"] }] }] }),
    );
    const refused = await council("install", "--profile", broken, "--admin-email", "it@leafy.gov.uk");
    expect(refused.code).toBe(1);
    expect(refused.err).toContain(`${broken}: 3 problems:`);
    expect(refused.err).toContain('  - calendar.cutOffTime: HH:MM, 24-hour (found "5pm")');
    expect(refused.err).toContain('  - letterhead: required (object) (found missing)');
    expect(refused.err).toContain('  - referencePrefix: 2 to 6 capital letters, like LCC (found "leafy")');
    expect(await councils()).toEqual([]);
  });

  it("refuses an unknown packaged id, naming the valid ones; and a command line it cannot read", async () => {
    const refused = await council("install", "--profile", "york", "--admin-email", "it@york.gov.uk");
    expect(refused).toMatchObject({ code: 1, err: 'York: there is no packaged profile "york": use one of default, leeds, lewisham, southwark, lancaster, or a .yaml or .json file' });
    expect((await council("install", "--profile", "leeds")).code).toBe(2);
    expect((await council("install", "--profile", "leeds", "--admin-email", "a@b.gov.uk", "--dry-run")).err).toContain("--dry-run is not an option of install");
    expect((await council("frobnicate")).err).toContain('Unknown command "frobnicate"');
  });

  it("export --profile writes a packaged profile as a file to start from, without a database", async () => {
    const out = path.join(dir, "start-from.yaml");
    expect(await council("export", "--profile", "southwark", "--out", out)).toMatchObject({ code: 0, out: `Wrote the packaged profile "southwark" to ${out}`, err: "" });
    expect(parseProfileText(readFileSync(out, "utf8"), "yaml", out)).toMatchObject({ id: "southwark" });
  });

  it("installs Leeds with its first administrator in one go: a temporary password printed once, stored only as a hash, to change at first sign-in", async () => {
    const installed = await council("install", "--profile", "leeds", "--admin-email", "it.admin@leeds.gov.uk", "--admin-name", "Ida Admin");
    expect(installed.err).toMatch(/^Database: /);
    expect(installed.code).toBe(0);
    expect(installed.out).toContain('Installed Leeds City Council as council "leeds" from the packaged profile "leeds"');
    const password = /Temporary password: {2}(\S+)/.exec(installed.out)![1]!;
    expect(password).toMatch(/^[A-Za-z0-9]{4}(-[A-Za-z0-9]{4}){4}$/);

    const [leeds] = await councils();
    expect(leeds).toMatchObject({ slug: "leeds", name: "Leeds City Council", referencePrefix: expect.stringMatching(/^[A-Z]{2,6}$/) });
    await withDb(async (d) => {
      const [admin] = await authRepository.findStaffByEmail(d.db, "it.admin@leeds.gov.uk", leeds!.id);
      expect(admin).toMatchObject({ displayName: "Ida Admin", passwordMustChange: true, grants: [{ role: "administrator", directorateId: null }] });
      expect(admin!.passwordHash).toMatch(/^\$argon2id\$/);
      expect(JSON.stringify(await d.db.selectFrom("staff").selectAll().execute())).not.toContain(password);
      expect((await adminLog.list(d.db, leeds!.id)).map((e) => [e.type, e.actor])).toEqual([["council-installed", { type: "system", id: "cli:tester" }]]);
      expect((await organisationRepository.listServices(d.db, leeds!.id)).map((s) => s.code)).toContain("housing-leeds");

      // The administrator signs in with it and may do nothing but choose their own password.
      const deps = createDeps({ database: d, config: defaultConfig(), log: silentLogger, plugins: await defaultPlugins() });
      const cookies = new MemoryCookieJar();
      const me = await createCaller(createContextInner({ deps, cookies })).auth.login({ email: "it.admin@leeds.gov.uk", password });
      expect(me.passwordMustChange).toBe(true);
    });
  });

  it("refuses to install twice: the same council, or a second one unless --slug names it on purpose", async () => {
    const again = await council("install", "--profile", "leeds", "--admin-email", "someone@leeds.gov.uk");
    expect(again.code).toBe(1);
    expect(again.err).toContain('The council "leeds" (Leeds City Council) is already installed in this database');
    const other = await council("install", "--profile", "lewisham", "--admin-email", "it@lewisham.gov.uk");
    expect(other.code).toBe(1);
    expect(other.err).toContain("This database already has a council: leeds (Leeds City Council). A second council is installed only on purpose: name it with --slug <slug>");
    expect((await councils()).map((c) => c.slug)).toEqual(["leeds"]);
    expect(await withDb((d) => d.db.selectFrom("staff").select("email").execute())).toEqual([{ email: "it.admin@leeds.gov.uk" }]);

    const second = await council("install", "--profile", "lewisham", "--slug", "lewisham", "--admin-email", "it@lewisham.gov.uk");
    expect(second.code).toBe(0);
    expect((await council("list")).out.split("\n").map((l) => l.split("\t")[0])).toEqual(["leeds", "lewisham"]);
    expect((await council("export")).err).toContain("This database has 2 councils: name one with --council <slug>");
  });

  it("export then update reads back unchanged: no change reported, nothing written", async () => {
    for (const file of ["leeds.yaml", "leeds.json"]) {
      const out = path.join(dir, file);
      expect((await council("export", "--council", "leeds", "--out", out)).code).toBe(0);
      const before = await councils();
      const update = await council("update", "--council", "leeds", "--profile", out);
      expect(update).toMatchObject({ code: 0, out: expect.stringContaining(`No change: ${out} is the profile Leeds City Council uses now.`) });
      expect(update.out).toContain("Nothing to save: the profile is the one in use.");
      expect(await councils()).toEqual(before);
    }
    expect(readFileSync(path.join(dir, "leeds.yaml"), "utf8")).toMatch(/^id: leeds\nname: Leeds City Council\n/);
  });

  it("update --dry-run says what changes and how many open cases' dates would move, writing nothing; update then recalculates only those cases, one event each", async () => {
    const leeds = (await councils()).find((c) => c.slug === "leeds")!;
    // Two open complaints: one in Customer Services, one in Waste Management.
    const cases = await withDb(async (d) => {
      const deps = createDeps({ database: d, config: defaultConfig(), log: silentLogger, plugins: await defaultPlugins() });
      const id = await authRepository.insertStaff(
        d.db,
        { councilId: leeds.id, email: "cm@leeds.gov.uk", displayName: "Casey Manager", passwordHash: await hashPassword("a long test password here"), grants: [{ role: "complaints-manager", directorateId: null }] },
        new Date(),
      );
      const cm = createCaller(createContextInner({ deps, principal: toPrincipal((await authRepository.findStaffById(d.db, id))!, null) }));
      const made: Record<string, { caseId: string; version: number }> = {};
      for (const serviceId of ["customer-services", "waste-management"]) {
        const logged = await cm.cases.log({ kind: "complaint", channel: "phone", serviceId, description: `About ${serviceId}`, customer: { fullName: "Pat Resident" } });
        await cm.command.triage({ caseId: logged.caseId, expectedVersion: 1, outcome: "accept" });
        made[serviceId] = { caseId: logged.caseId, version: (await cm.cases.get({ caseId: logged.caseId })).version };
      }
      return made;
    });
    const versions = () =>
      withDb(async (d) => Object.fromEntries(await Promise.all(Object.entries(cases).map(async ([k, c]) => [k, (await d.db.selectFrom("cases").select("version").where("id", "=", c.caseId).executeTakeFirstOrThrow()).version]))));

    const file = path.join(dir, "leeds-changed.yaml");
    const profile = parseProfileText(readFileSync(path.join(dir, "leeds.yaml"), "utf8"), "yaml", "leeds.yaml") as { referencePrefix: string; directorates: Array<{ services: Array<Record<string, unknown>> }> };
    const service = profile.directorates.flatMap((d) => d.services).find((s) => s["id"] === "customer-services")!;
    service["settings"] = { kinds: ["complaint"], stages: { "stage-1": { respond: { period: { workingDays: 25 }, from: "receipt", rule: "Customer charter 2027" } } } };
    profile.referencePrefix = "LDS";
    writeFileSync(file, yaml(profile));

    const before = await versions();
    const dry = await council("update", "--council", "leeds", "--profile", file, "--dry-run");
    expect(dry.code).toBe(0);
    expect(dry.out).toContain(`Changes to Leeds City Council from ${file}:`);
    expect(dry.out).toMatch(/ {2}- Case reference prefix: [A-Z]+ → LDS/);
    expect(dry.out).toContain('  - Service "Customer Services and One Stop Centres" (customer-services): settings: stage-1.respond: (none) → 25 working days from receipt (Customer charter 2027)');
    expect(dry.out).toContain("  - Customer Services and One Stop Centres (customer-services), for complaint:");
    expect(dry.out).toContain("Open cases: 2; under changed rules: 1; due dates would move: 1");
    expect(dry.out).toContain("Dry run: nothing was saved.");
    expect(await versions()).toEqual(before);
    expect((await councils()).find((c) => c.slug === "leeds")).toEqual(leeds);

    const applied = await council("update", "--council", "leeds", "--profile", file, "--reason", "Customer charter 2027");
    expect(applied.code).toBe(0);
    expect(applied.out).toContain("Saved. Recalculated 1 open case, each with an event in its history.");
    expect(await versions()).toEqual({ ...before, "customer-services": before["customer-services"]! + 1 });
    expect((await councils()).find((c) => c.slug === "leeds")).toMatchObject({ referencePrefix: "LDS" });
    await withDb(async (d) => {
      expect((await adminLog.list(d.db, leeds.id))[0]).toMatchObject({ type: "profile-saved", actor: { type: "system", id: "cli:tester" }, payload: { reason: "Customer charter 2027", by: "council command (OS user tester)" } });
    });
  });

  it("gives a council host names at install (--host, repeatable) and changes them later (hosts --set); a name another council answers to is refused, writing nothing (decision 0316)", async () => {
    const installed = await council("install", "--profile", "southwark", "--slug", "southwark", "--admin-email", "it@southwark.gov.uk", "--host", "Complaints.Southwark.gov.uk.", "--host", "southwark.localhost");
    expect(installed.code).toBe(0);
    expect(installed.out).toContain("Its pages answer at: complaints.southwark.gov.uk, southwark.localhost");
    const list = (await council("list")).out.split("\n").map((l) => [l.split("\t")[0], l.split("\t").at(-1)]);
    expect(list).toEqual([["leeds", "no host name"], ["lewisham", "no host name"], ["southwark", "hosts complaints.southwark.gov.uk, southwark.localhost"]]);

    // Another council's name, at install or later: refused in plain words, and nothing changes.
    const staffBefore = await withDb((d) => d.db.selectFrom("staff").select("email").execute());
    const taken = await council("install", "--profile", "lancaster", "--slug", "lancaster", "--admin-email", "it@lancaster.gov.uk", "--host", "southwark.localhost");
    expect(taken).toMatchObject({ code: 1, err: expect.stringMatching(/southwark\.localhost is already the address of London Borough of Southwark/i) });
    expect((await councils()).map((c) => c.slug)).toEqual(["leeds", "lewisham", "southwark"]);
    expect(await withDb((d) => d.db.selectFrom("staff").select("email").execute())).toEqual(staffBefore);
    const stolen = await council("hosts", "--council", "leeds", "--set", "complaints.leeds.gov.uk,complaints.southwark.gov.uk");
    expect(stolen).toMatchObject({ code: 1, out: "", err: expect.stringMatching(/complaints\.southwark\.gov\.uk is already the address of London Borough of Southwark/i) });
    expect(await council("hosts", "--council", "leeds")).toMatchObject({ code: 0, out: "Leeds City Council has no host name of its own." });
    expect((await council("hosts", "--council", "leeds", "--set", "https://complaints.leeds.gov.uk")).err).toContain('"https://complaints.leeds.gov.uk" is not a host name');

    const leeds = (await councils()).find((c) => c.slug === "leeds")!;
    const set = await council("hosts", "--council", "leeds", "--set", "complaints.leeds.gov.uk, leeds.localhost");
    expect(set).toMatchObject({ code: 0, out: "Leeds City Council's host names: none → complaints.leeds.gov.uk, leeds.localhost" });
    expect(await withDb((d) => organisationRepository.findCouncilByHost(d.db, "LEEDS.localhost"))).toMatchObject({ slug: "leeds" });
    expect(await council("hosts", "--council", "leeds", "--set", "leeds.localhost,complaints.leeds.gov.uk")).toMatchObject({ code: 0, out: "No change: Leeds City Council answers at complaints.leeds.gov.uk, leeds.localhost." });
    expect(await council("hosts", "--council", "leeds", "--set", "")).toMatchObject({ code: 0, out: "Leeds City Council's host names: complaints.leeds.gov.uk, leeds.localhost → none" });
    await withDb(async (d) => {
      const events = (await adminLog.list(d.db, leeds.id)).filter((e) => e.type === "council-hosts-set");
      expect(events.map((e) => [e.actor, e.payload])).toEqual([
        [{ type: "system", id: "cli:tester" }, expect.objectContaining({ before: ["complaints.leeds.gov.uk", "leeds.localhost"], after: [] })],
        [{ type: "system", id: "cli:tester" }, expect.objectContaining({ before: [], after: ["complaints.leeds.gov.uk", "leeds.localhost"], by: "council command (OS user tester)" })],
      ]);
    });
    expect((await council("hosts", "--council", "leeds", "--host", "x.localhost")).err).toContain("--host is not an option of hosts");
  });
});
