/**
 * Staff in bulk from a CSV (issue 14; docs/staff-import.md): every rule that refuses a row, by
 * row and column; the dry run writes nothing; the real run is all or nothing; a file run twice
 * makes nothing twice; an administrator's own case-reading roles wait for another administrator.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readFileSync } from "node:fs";
import { sql } from "kysely";
import { adminLog, authRepository } from "@complaints/db";
import { openHarness, type Harness } from "../../test/harness.js";
import { refusal } from "../../test/refusal.js";

const HEAD = "name,email,job title,team,role,directorate";
const csv = (...rows: string[]) => [HEAD, ...rows].join("\n");

describe("importing staff from a CSV", () => {
  let h: Harness;
  let run: (csv: string, dryRun?: boolean, expectedDigest?: string) => ReturnType<Awaited<ReturnType<Harness["as"]>>["admin"]["staff"]["import"]>;
  const staffCount = async () => (await authRepository.listStaff(h.db.db, h.council.councilId)).length;
  const eventCount = async () => (await adminLog.list(h.db.db, h.council.councilId)).length;

  beforeAll(async () => {
    h = await openHarness({ start: "2026-12-14T09:00:00Z" });
    const admin = await h.as("administrator");
    run = (text, dryRun = true, expectedDigest) => admin.admin.staff.import({ csv: text, dryRun, ...(expectedDigest ? { expectedDigest } : {}) });
  });
  afterAll(() => h?.close());

  describe("names every problem by row and column, in plain words", () => {
    it("an unknown role", async () => {
      const result = await run(csv("Ann Able,ann@example.gov.uk,,,chief-complainer,corporate"));
      expect(result.problems).toEqual([{ row: 2, column: "role", message: expect.stringMatching(/^"chief-complainer" is not a role; the roles are customer-services, investigating-officer/) }]);
    });

    it("an unknown directorate code, listing the codes there are", async () => {
      const result = await run(csv("Ann Able,ann@example.gov.uk,,,investigating-officer,finance"));
      expect(result.problems).toEqual([{ row: 2, column: "directorate", message: 'There is no directorate "finance"; the directorate codes are corporate, environment, housing' }]);
    });

    it("a role held within a directorate given none (only the central roles are council-wide: checkGrants' rule)", async () => {
      const result = await run(csv("Ann Able,ann@example.gov.uk,,,investigating-officer,"));
      expect(result.problems).toHaveLength(1);
      expect(result.problems[0]).toMatchObject({ row: 2, column: "directorate" });
      expect(result.problems[0]!.message).toMatch(/^Investigating officer is held within a directorate: give the directorate's code \(corporate, environment, housing\)/);
      // A central role may be council-wide, or held in one directorate.
      expect((await run(csv("Cy Central,cy@example.gov.uk,,,customer-services,", "Di Central,di@example.gov.uk,,,customer-services,housing"))).problems).toEqual([]);
    });

    it("a bad email address, and a missing name", async () => {
      const result = await run(csv("Ann Able,ann.example.gov.uk,,,legal,", ",bo@example.gov.uk,,,legal,"));
      expect(result.problems).toEqual([
        { row: 2, column: "email", message: '"ann.example.gov.uk" is not an email address' },
        { row: 3, column: "name", message: "The name is missing" },
      ]);
    });

    it("a duplicate row (same person, role and directorate), whatever the case of the email", async () => {
      const result = await run(csv("Ann Able,ann@example.gov.uk,,,legal,", "Ann Able,ANN@example.gov.uk,,,legal,"));
      expect(result.problems).toEqual([{ row: 3, column: null, message: "This row repeats row 2: the same person, role and directorate" }]);
    });

    it("a team that does not exist, and a team name two services share unless written service/team", async () => {
      const result = await run(csv("Ann Able,ann@example.gov.uk,,Payroll,legal,"));
      expect(result.problems).toEqual([{ row: 2, column: "team", message: 'There is no team "Payroll"' }]);
      const fine = await run(csv("Ann Able,ann@example.gov.uk,,council-tax/billing,legal,", "Bo Bee,bo@example.gov.uk,,Contact Centre,customer-services,"));
      expect(fine.problems).toEqual([]);
    });

    it("one person given two names or two teams in different rows", async () => {
      const result = await run(csv("Ann Able,ann@example.gov.uk,,billing,legal,", "Anne Able,ann@example.gov.uk,,collections,auditor,"));
      expect(result.problems).toEqual([
        { row: 3, column: "name", message: 'Row 2 gives ann@example.gov.uk the name "Ann Able"; one person has one name' },
        { row: 3, column: "team", message: 'Row 2 puts ann@example.gov.uk in the team "billing"; a person is in one team' },
      ]);
    });

    it("a column it does not know, a missing required column, and text that is not CSV", async () => {
      expect((await run("name,email,role,directorat\nAnn,ann@example.gov.uk,legal,\n")).problems).toEqual([
        { row: 1, column: "directorat", message: '"directorat" is not a column this import knows; the columns are name, email, job title, team, role, directorate' },
      ]);
      expect((await run("name,email\nAnn,ann@example.gov.uk\n")).problems).toEqual([{ row: 1, column: "role", message: "The file has no role column" }]);
      const broken = await run(csv('Ann "the boss" Able,ann@example.gov.uk,,,legal,'));
      expect(broken.problems).toHaveLength(1);
      expect(broken.problems[0]!.message).toMatch(/^The file cannot be read as CSV: a quotation mark/);
    });

    it("an account that is switched off", async () => {
      const admin = await h.as("administrator");
      const off = await admin.admin.staff.create({ email: "gone@example.gov.uk", name: "Gone Away", roles: [] });
      await admin.admin.staff.update({ staffId: off.id, active: false });
      expect((await run(csv("Gone Away,gone@example.gov.uk,,,legal,"))).problems).toEqual([
        { row: 2, column: "email", message: "gone@example.gov.uk belongs to an account that is switched off; switch it on first, or take the person out of the file" },
      ]);
    });

    it("reads roles by their labels, directorates by their names, a spreadsheet's byte-order mark and blank rows", async () => {
      const result = await run(`\uFEFF${csv("Ann Able,ann@example.gov.uk,,,Investigating officer,Corporate Services", ",,,,,", "")}`);
      expect(result.problems).toEqual([]);
      expect(result.people.map((p) => p.adding.map((g) => g.label))).toEqual([["Investigating officer (Corporate Services)"]]);
    });
  });

  it("the dry run says what would be created and added, and writes nothing", async () => {
    const staffBefore = await staffCount();
    const eventsBefore = await eventCount();
    const result = await run(
      csv(
        "Nia New,nia.new@example.gov.uk,Complaints Officer,council-tax/billing,investigating-officer,corporate",
        "Nia New,nia.new@example.gov.uk,,,dcro,corporate",
        "Someone Else,legal@example.gov.uk,,,auditor,",
        "Someone Else,LEGAL@example.gov.uk,,,legal,",
      ),
    );
    expect(result.problems).toEqual([]);
    expect(result.people).toEqual([
      expect.objectContaining({ row: 2, email: "nia.new@example.gov.uk", action: "create", kept: [], adding: [expect.objectContaining({ role: "investigating-officer" }), expect.objectContaining({ role: "dcro" })] }),
      expect.objectContaining({ row: 4, email: "legal@example.gov.uk", name: "legal person", action: "add-roles", adding: [expect.objectContaining({ role: "auditor", directorateId: null })], kept: [expect.objectContaining({ role: "legal" })], notes: ['Keeps the name "legal person"'] }),
    ]);
    expect(result.counts).toEqual({ create: 1, "add-roles": 1, unchanged: 0, "ask-approval": 0 });
    expect(await staffCount()).toBe(staffBefore);
    expect(await eventCount()).toBe(eventsBefore);
  });

  it("the real run refuses a file with any problem and writes none of its good rows", async () => {
    const staffBefore = await staffCount();
    const eventsBefore = await eventCount();
    const refused = await refusal(run(csv("Good Row,good.row@example.gov.uk,,,legal,", "Bad Row,bad.row@example.gov.uk,,,nobody,"), false));
    expect(refused.code).toBe("BAD_REQUEST");
    expect(refused.client.message).toBe('Nothing was imported: the file has a problem, the first in row 3, role: "nobody" is not a role; the roles are customer-services, investigating-officer, dcro, complaints-manager, head-of-service, director, quality-assurance, legal, administrator, auditor');
    expect(await staffCount()).toBe(staffBefore);
    expect(await eventCount()).toBe(eventsBefore);
    expect(await authRepository.findStaffByEmail(h.db.db, "good.row@example.gov.uk")).toEqual([]);
  });

  it("the real run is one transaction: a failure part way leaves nothing written", async () => {
    const staffBefore = await staffCount();
    const eventsBefore = await eventCount();
    // The database refuses the second person (a trigger standing for any failure part way).
    await sql`CREATE FUNCTION refuse_second() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.email = 'two.second@example.gov.uk' THEN RAISE EXCEPTION 'refused for the test'; END IF; RETURN NEW; END $$`.execute(h.db.db);
    await sql`CREATE TRIGGER refuse_second BEFORE INSERT ON staff FOR EACH ROW EXECUTE FUNCTION refuse_second()`.execute(h.db.db);
    try {
      await expect(run(csv("One First,one.first@example.gov.uk,,,legal,", "Two Second,two.second@example.gov.uk,,,legal,"), false)).rejects.toThrow();
    } finally {
      await sql`DROP TRIGGER refuse_second ON staff`.execute(h.db.db);
      await sql`DROP FUNCTION refuse_second()`.execute(h.db.db);
    }
    expect(await authRepository.findStaffByEmail(h.db.db, "one.first@example.gov.uk")).toEqual([]);
    expect(await staffCount()).toBe(staffBefore);
    expect(await eventCount()).toBe(eventsBefore);
  });

  it("the real run creates and adds, one administration event per person; new accounts have no password", async () => {
    const file = csv(
      "Rae Real,rae.real@example.gov.uk,Complaints Officer,council-tax/billing,investigating-officer,corporate",
      "Rae Real,rae.real@example.gov.uk,,,dcro,corporate",
      "legal person,legal@example.gov.uk,,,auditor,",
    );
    const checked = await run(file);
    const eventsBefore = await eventCount();
    const done = await run(file, false, checked.digest);
    expect(done.imported).toBe(true);
    expect(done.counts).toEqual({ create: 1, "add-roles": 1, unchanged: 0, "ask-approval": 0 });

    const [rae] = await authRepository.findStaffByEmail(h.db.db, "rae.real@example.gov.uk", h.council.councilId);
    expect(rae).toMatchObject({ displayName: "Rae Real", jobTitle: "Complaints Officer", teamId: h.council.ids.teams.get("council-tax/billing"), passwordHash: null, passwordMustChange: false });
    expect(rae!.grants.map((g) => g.role).sort()).toEqual(["dcro", "investigating-officer"]);
    const [legal] = await authRepository.findStaffByEmail(h.db.db, "legal@example.gov.uk", h.council.councilId);
    expect(legal!.grants.map((g) => g.role).sort()).toEqual(["auditor", "legal"]);

    const events = (await adminLog.list(h.db.db, h.council.councilId)).slice(0, (await eventCount()) - eventsBefore);
    expect(events.map((e) => e.type).sort()).toEqual(["roles-changed", "staff-created"]);
    expect(events.every((e) => (e.payload as { source?: string }).source === "import")).toBe(true);
  });

  it("running the same file again creates nothing twice and gives no role twice", async () => {
    const file = csv("Rae Real,rae.real@example.gov.uk,,,investigating-officer,corporate", "legal person,legal@example.gov.uk,,,auditor,");
    const staffBefore = await staffCount();
    const eventsBefore = await eventCount();
    const again = await run(file, false);
    expect(again.people.map((p) => p.action)).toEqual(["unchanged", "unchanged"]);
    expect(await staffCount()).toBe(staffBefore);
    expect(await eventCount()).toBe(eventsBefore);
    const [rae] = await authRepository.findStaffByEmail(h.db.db, "rae.real@example.gov.uk", h.council.councilId);
    expect(rae!.grants).toHaveLength(2);
  });

  it("refuses to run a plan that changed since its dry run", async () => {
    const file = csv("Late Comer,late.comer@example.gov.uk,,,legal,");
    const checked = await run(file);
    await (await h.as("administrator")).admin.staff.create({ email: "late.comer@example.gov.uk", name: "Late Comer", roles: [] });
    const refused = await refusal(run(file, false, checked.digest));
    expect(refused.code).toBe("CONFLICT");
    expect(refused.client.message).toMatch(/staff changed since the file was checked/);
  });

  it("an administrator's own new case-reading role waits for another administrator (decision 0307)", async () => {
    const result = await run(csv("administrator person,administrator@example.gov.uk,,,complaints-manager,"), false);
    expect(result.people[0]).toMatchObject({ action: "ask-approval", notes: ["These are your own roles: another administrator must approve them"] });
    const [me] = await authRepository.findStaffByEmail(h.db.db, "administrator@example.gov.uk", h.council.councilId);
    expect(me!.grants.map((g) => g.role)).toEqual(["administrator"]);
    const waiting = await (await h.as("administrator")).admin.roleRequests.list();
    expect(waiting).toEqual([expect.objectContaining({ staffId: me!.id, mine: true, roles: [{ role: "administrator", directorateId: null }, { role: "complaints-manager", directorateId: null }] })]);
  });

  it("accepts the template documented in docs/templates/staff-import.csv", async () => {
    const documented = readFileSync(new URL("../../../../docs/templates/staff-import.csv", import.meta.url), "utf8");
    const result = await run(documented);
    expect(result.problems).toEqual([]);
    expect(result.people.map((p) => p.action)).toEqual(["create", "create"]);
  });

  it("is for administrators only, and offers a template with the council's directorate codes", async () => {
    expect((await refusal((await h.as("complaints-manager")).admin.staff.import({ csv: HEAD, dryRun: true }))).code).toBe("FORBIDDEN");
    const template = await (await h.as("administrator")).admin.staff.importTemplate();
    expect(template.split("\r\n")[0]).toBe(HEAD);
    expect((await run(template)).problems).toEqual([]);
  });
});
