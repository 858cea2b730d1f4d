/**
 * Staff in bulk (issue 14): a CSV of people and their roles per directorate, checked row by
 * row before anything is written (docs/staff-import.md; docs/decisions/0317-staff-import-and-sso-groups.md).
 *
 * One row is one role of one person: a person with three roles has three rows with the same
 * email. The check reads the whole file and names every problem by row and column; a file with
 * any problem imports nothing. The dry run says what would happen to each person; the real run
 * does it in one transaction, with one administration event per person, the same events an
 * administrator's own changes make (services/admin.ts).
 *
 * - A new person gets an account with no password (single sign-on, or a first password that an
 *   administrator sets on their page, which they must change: decision 0312).
 * - A person who already has an account keeps it as it is (name, job title, team) and gains the
 *   roles of the file they do not hold yet; a role they hold is never given twice, and none is
 *   taken away. Running the same file again changes nothing.
 * - An administrator who gives themselves a role that reads cases only asks for it: another
 *   administrator approves (decision 0307, issue 20), as with `setRoles`.
 */
import { createHash } from "node:crypto";
import { CsvError, parse } from "csv-parse/sync";
import { z } from "zod";
import { authRepository, inTransaction, organisationRepository, roleRequests, type Executor, type OrganisationTree, type StaffIdentity } from "@complaints/db";
import type { Context } from "../context.js";
import { badInput, versionConflict } from "../errors.js";
import { CENTRAL_ROLES, ROLE_LABELS, STAFF_ROLES, type StaffRole } from "../access/policy.js";
import type { StaffPrincipal } from "../access/principal.js";
import { audit, gainsCaseReading, type GrantInput } from "./admin.js";

/** The columns, in the template's order, and the other headings each is known by. */
export const IMPORT_COLUMNS = {
  name: ["name", "full name"],
  email: ["email", "email address"],
  jobTitle: ["job title", "job_title", "jobtitle", "title"],
  team: ["team"],
  role: ["role"],
  directorate: ["directorate", "directorate code"],
} as const;
type Column = keyof typeof IMPORT_COLUMNS;
const HEADINGS: Record<Column, string> = { name: "name", email: "email", jobTitle: "job title", team: "team", role: "role", directorate: "directorate" };
const REQUIRED: readonly Column[] = ["name", "email", "role"];

/** Most rows and bytes one file may have: a council's whole staff, with room to spare. */
export const IMPORT_MAX_ROWS = 5000;
export const IMPORT_MAX_BYTES = 1024 * 1024;
/** As many roles as an administrator may give one person at once (routers/admin.ts). */
const MAX_GRANTS = 20;

export interface ImportProblem {
  /** The row as a spreadsheet numbers it: the headings are row 1. */
  row: number;
  /** The column's heading, or null for the row or the file as a whole. */
  column: string | null;
  message: string;
}

export interface ImportGrant {
  role: StaffRole;
  directorateId: string | null;
  /** "Investigating officer (Corporate Services)". */
  label: string;
}

export type ImportAction = "create" | "add-roles" | "unchanged" | "ask-approval";

export interface ImportPerson {
  /** The first row that names them. */
  row: number;
  email: string;
  name: string;
  action: ImportAction;
  /** The roles the file gives them that they do not hold. */
  adding: ImportGrant[];
  /** The roles of the file they already hold. */
  kept: ImportGrant[];
  /** Anything else the administrator should know (details of an existing account left as they are). */
  notes: string[];
}

export interface ImportResult {
  dryRun: boolean;
  rows: number;
  problems: ImportProblem[];
  people: ImportPerson[];
  counts: Record<ImportAction, number>;
  /** Whether single sign-on is set up: without it new people need a first password from an administrator. */
  singleSignOn: boolean;
  /** Identifies what the dry run showed: the real run refuses when the plan has changed since. */
  digest: string;
  /** True when the real run wrote the changes. */
  imported: boolean;
}

const emailSchema = z.email().max(320);

interface Row {
  row: number;
  name: string;
  email: string;
  jobTitle: string;
  team: string;
  teamId: string | null;
  grant: ImportGrant;
}

/** The file's rows as records of its columns; problems with the file itself (not CSV, no headings) are named. */
function readCsv(csv: string): { rows: Array<{ row: number; values: Partial<Record<Column, string>> }>; problems: ImportProblem[] } {
  let records: string[][];
  try {
    records = parse(csv, { bom: true, trim: true, relax_column_count: true, skip_empty_lines: false }) as string[][];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = (error as CsvError & { lines?: number }).lines;
    const why =
      error.code === "CSV_QUOTE_NOT_CLOSED"
        ? "a quotation mark (\") is opened and never closed"
        : error.code === "INVALID_OPENING_QUOTE" || error.code === "CSV_INVALID_CLOSING_QUOTE"
          ? "a quotation mark (\") sits in the middle of a value; put the whole value in quotation marks and double the one inside"
          : error.message;
    return { rows: [], problems: [{ row: line ?? 1, column: null, message: `The file cannot be read as CSV: ${why}` }] };
  }
  const [head, ...body] = records;
  if (!head || head.every((h) => !h)) return { rows: [], problems: [{ row: 1, column: null, message: "The file is empty: the first row must name the columns (download the template)" }] };
  const problems: ImportProblem[] = [];
  const index = new Map<Column, number>();
  head.forEach((heading, i) => {
    const key = heading.toLowerCase().replace(/\s+/g, " ");
    const column = (Object.keys(IMPORT_COLUMNS) as Column[]).find((c) => (IMPORT_COLUMNS[c] as readonly string[]).includes(key));
    if (!column) {
      if (heading) problems.push({ row: 1, column: heading, message: `"${heading}" is not a column this import knows; the columns are ${Object.values(HEADINGS).join(", ")}` });
      return;
    }
    if (index.has(column)) problems.push({ row: 1, column: heading, message: `The ${HEADINGS[column]} column appears twice` });
    else index.set(column, i);
  });
  for (const column of REQUIRED) if (!index.has(column)) problems.push({ row: 1, column: HEADINGS[column], message: `The file has no ${HEADINGS[column]} column` });
  if (problems.length) return { rows: [], problems };
  if (body.length > IMPORT_MAX_ROWS) return { rows: [], problems: [{ row: IMPORT_MAX_ROWS + 2, column: null, message: `The file has ${body.length} rows; import at most ${IMPORT_MAX_ROWS} at a time` }] };
  const rows = body
    .map((record, i) => ({ row: i + 2, values: Object.fromEntries([...index].map(([c, at]) => [c, record[at] ?? ""])) as Partial<Record<Column, string>> }))
    // A blank row (a spreadsheet's trailing lines) is not a person.
    .filter((r) => Object.values(r.values).some(Boolean));
  if (rows.length === 0) problems.push({ row: 2, column: null, message: "The file has headings but no people" });
  return { rows, problems };
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");

function roleOf(value: string): StaffRole | null {
  const v = norm(value);
  return STAFF_ROLES.find((r) => r === v || norm(ROLE_LABELS[r]) === v) ?? null;
}

/** Live directorates by code or name; teams by code, name or "service code/team code". */
function lookups(tree: OrganisationTree) {
  const directorates = tree.directorates.filter((d) => !d.archived);
  const teams = directorates.flatMap((d) =>
    d.services.filter((s) => !s.archived).flatMap((s) => s.teams.filter((t) => !t.archived).map((t) => ({ id: t.id, code: t.code, name: t.name, service: s.code, directorateId: d.id }))),
  );
  return {
    codes: directorates.map((d) => d.code),
    directorate: (value: string) => directorates.find((d) => norm(d.code) === norm(value) || norm(d.name) === norm(value)) ?? null,
    directorateName: (id: string | null) => (id ? (directorates.find((d) => d.id === id)?.name ?? "a directorate") : "council-wide"),
    teams: (value: string) => teams.filter((t) => norm(`${t.service}/${t.code}`) === norm(value) || norm(t.code) === norm(value) || norm(t.name) === norm(value)),
  };
}

const grantKey = (g: { role: string; directorateId: string | null }) => `${g.role}|${g.directorateId ?? ""}`;

/**
 * Checks every row and works out what would happen to each person. Reads only: `db` is the
 * transaction of the real run, so what it writes is what was checked.
 */
async function plan(db: Executor, admin: StaffPrincipal, csv: string): Promise<{ rows: number; problems: ImportProblem[]; people: ImportPerson[]; perPerson: Map<string, { rows: Row[]; existing: StaffIdentity | null }> }> {
  const read = readCsv(csv);
  const problems = [...read.problems];
  const find = lookups(await organisationRepository.organisation(db, admin.councilId));
  const rows: Row[] = [];

  for (const { row, values } of read.rows) {
    const at = (column: Column, message: string) => problems.push({ row, column: HEADINGS[column], message });
    const name = values.name ?? "";
    const email = (values.email ?? "").trim();
    const jobTitle = values.jobTitle ?? "";
    const team = values.team ?? "";
    const before = problems.length;
    if (!name) at("name", "The name is missing");
    else if (name.length > 200) at("name", "The name is longer than 200 characters");
    if (!email) at("email", "The email address is missing");
    else if (!emailSchema.safeParse(email).success) at("email", `"${email}" is not an email address`);
    if (jobTitle.length > 200) at("jobTitle", "The job title is longer than 200 characters");

    const role = roleOf(values.role ?? "");
    if (!values.role) at("role", "The role is missing");
    else if (!role) at("role", `"${values.role}" is not a role; the roles are ${STAFF_ROLES.join(", ")}`);

    let directorateId: string | null = null;
    if (values.directorate) {
      const found = find.directorate(values.directorate);
      if (!found) at("directorate", `There is no directorate "${values.directorate}"; the directorate codes are ${find.codes.join(", ")}`);
      else directorateId = found.id;
    } else if (role && !CENTRAL_ROLES.has(role)) {
      // The rule of checkGrants (services/admin.ts): only the central roles are held council-wide.
      at("directorate", `${ROLE_LABELS[role]} is held within a directorate: give the directorate's code (${find.codes.join(", ")}); only ${[...CENTRAL_ROLES].join(", ")} may be council-wide`);
    }

    let teamId: string | null = null;
    if (team) {
      const matches = find.teams(team);
      const narrowed = matches.length > 1 && directorateId ? matches.filter((t) => t.directorateId === directorateId) : matches;
      if (narrowed.length === 0) at("team", `There is no team "${team}"`);
      else if (narrowed.length > 1) at("team", `More than one team is called "${team}"; write it as service code/team code (${narrowed.map((t) => `${t.service}/${t.code}`).join(" or ")})`);
      else teamId = narrowed[0]!.id;
    }
    if (problems.length > before || !role) continue;

    const grant: ImportGrant = { role, directorateId, label: `${ROLE_LABELS[role]} (${find.directorateName(directorateId)})` };
    const earlier = rows.filter((r) => r.email.toLowerCase() === email.toLowerCase());
    const repeat = earlier.find((r) => grantKey(r.grant) === grantKey(grant));
    if (repeat) {
      problems.push({ row, column: null, message: `This row repeats row ${repeat.row}: the same person, role and directorate` });
      continue;
    }
    const first = earlier[0];
    if (first) {
      // One person, one set of details: the rows after the first must agree with it (or leave them blank).
      if (norm(first.name) !== norm(name)) at("name", `Row ${first.row} gives ${first.email} the name "${first.name}"; one person has one name`);
      if (jobTitle && first.jobTitle && norm(first.jobTitle) !== norm(jobTitle)) at("jobTitle", `Row ${first.row} gives ${first.email} the job title "${first.jobTitle}"`);
      if (team && first.team && teamId !== first.teamId) at("team", `Row ${first.row} puts ${first.email} in the team "${first.team}"; a person is in one team`);
      if (problems.length > before) continue;
    }
    rows.push({ row, name, email, jobTitle, team, teamId, grant });
  }

  const perPerson = new Map<string, { rows: Row[]; existing: StaffIdentity | null }>();
  for (const r of rows) {
    const key = r.email.toLowerCase();
    const entry = perPerson.get(key) ?? { rows: [], existing: null };
    entry.rows.push(r);
    perPerson.set(key, entry);
  }
  const people: ImportPerson[] = [];
  for (const entry of perPerson.values()) {
    const first = entry.rows[0]!;
    const existing = (await authRepository.findStaffByEmail(db, first.email, admin.councilId))[0] ?? null;
    entry.existing = existing;
    if (existing && !existing.active) {
      problems.push({ row: first.row, column: HEADINGS.email, message: `${existing.email} belongs to an account that is switched off; switch it on first, or take the person out of the file` });
      continue;
    }
    const held = new Set((existing?.grants ?? []).map(grantKey));
    const grants = entry.rows.map((r) => r.grant);
    const adding = grants.filter((g) => !held.has(grantKey(g)));
    const kept = grants.filter((g) => held.has(grantKey(g)));
    if ((existing?.grants.length ?? 0) + adding.length > MAX_GRANTS) {
      problems.push({ row: first.row, column: HEADINGS.role, message: `${first.email} would hold more than ${MAX_GRANTS} roles` });
      continue;
    }
    const notes: string[] = [];
    let action: ImportAction;
    if (!existing) action = "create";
    else {
      if (norm(existing.displayName) !== norm(first.name)) notes.push(`Keeps the name "${existing.displayName}"`);
      const jobTitle = entry.rows.find((r) => r.jobTitle)?.jobTitle;
      if (jobTitle && norm(existing.jobTitle ?? "") !== norm(jobTitle)) notes.push(`Keeps the job title ${existing.jobTitle ? `"${existing.jobTitle}"` : "(none)"}`);
      const teamId = entry.rows.find((r) => r.teamId)?.teamId;
      if (teamId && existing.teamId !== teamId) notes.push("Keeps the team they are in");
      if (adding.length === 0) action = "unchanged";
      else if (existing.id === admin.id && gainsCaseReading(admin, [...existing.grants, ...adding] as GrantInput[])) {
        action = "ask-approval";
        notes.push("These are your own roles: another administrator must approve them");
      } else action = "add-roles";
    }
    people.push({ row: first.row, email: existing?.email ?? first.email, name: existing?.displayName ?? first.name, action, adding, kept, notes });
  }
  problems.sort((a, b) => a.row - b.row);
  return { rows: read.rows.length, problems, people, perPerson };
}

function digestOf(people: readonly ImportPerson[]): string {
  const canonical = people.map((p) => [p.email.toLowerCase(), p.action, p.adding.map(grantKey).sort()]);
  return createHash("sha256").update(JSON.stringify(canonical)).digest("hex").slice(0, 32);
}

function counts(people: readonly ImportPerson[]): Record<ImportAction, number> {
  const out: Record<ImportAction, number> = { create: 0, "add-roles": 0, unchanged: 0, "ask-approval": 0 };
  for (const p of people) out[p.action] += 1;
  return out;
}

/**
 * Checks the file and says what would happen (`dryRun`), or does it: all of it in one
 * transaction, or nothing when any row has a problem or the plan differs from the dry run's
 * (`expectedDigest`: someone changed the staff in between).
 */
export async function importStaff(ctx: Context, admin: StaffPrincipal, input: { csv: string; dryRun: boolean; expectedDigest?: string | undefined }): Promise<ImportResult> {
  const singleSignOn = ctx.deps.oidc !== null;
  if (input.dryRun) {
    const checked = await plan(ctx.db, admin, input.csv);
    return { dryRun: true, rows: checked.rows, problems: checked.problems, people: checked.people, counts: counts(checked.people), singleSignOn, digest: digestOf(checked.people), imported: false };
  }
  const now = ctx.clock.now();
  const result = await inTransaction(ctx.db, async (trx) => {
    const checked = await plan(trx, admin, input.csv);
    if (checked.problems.length) {
      const first = checked.problems[0]!;
      throw badInput(`Nothing was imported: the file has ${checked.problems.length === 1 ? "a problem" : `${checked.problems.length} problems`}, the first in row ${first.row}${first.column ? `, ${first.column}` : ""}: ${first.message}`);
    }
    const digest = digestOf(checked.people);
    if (input.expectedDigest && input.expectedDigest !== digest) {
      throw versionConflict("Nothing was imported: the staff changed since the file was checked. Check the file again and confirm what it will do now.");
    }
    for (const person of checked.people) {
      const entry = checked.perPerson.get(person.email.toLowerCase())!;
      const first = entry.rows[0]!;
      const adding = person.adding.map((g) => ({ role: g.role, directorateId: g.directorateId }));
      if (person.action === "create") {
        const staffId = await authRepository.insertStaff(
          trx,
          {
            councilId: admin.councilId,
            email: first.email,
            displayName: first.name,
            jobTitle: entry.rows.find((r) => r.jobTitle)?.jobTitle ?? null,
            teamId: entry.rows.find((r) => r.teamId)?.teamId ?? null,
            passwordHash: null,
            grants: adding,
          },
          now,
        );
        await audit(ctx, trx, admin, "staff-created", { staffId, email: first.email, name: first.name, roles: adding, withPassword: false, source: "import" });
      } else if (person.action === "add-roles") {
        const roles = [...entry.existing!.grants.map((g) => ({ role: g.role as StaffRole, directorateId: g.directorateId })), ...adding];
        await authRepository.replaceGrants(trx, admin.councilId, entry.existing!.id, roles, now);
        await audit(ctx, trx, admin, "roles-changed", { staffId: entry.existing!.id, roles, added: adding, source: "import" });
      } else if (person.action === "ask-approval") {
        const roles = [...entry.existing!.grants.map((g) => ({ role: g.role as StaffRole, directorateId: g.directorateId })), ...adding];
        const requestId = await roleRequests.request(trx, { councilId: admin.councilId, staffId: admin.id, requestedBy: admin.id, roles, at: now });
        await audit(ctx, trx, admin, "roles-requested", { staffId: admin.id, roles, requestId, source: "import" });
      }
    }
    return { ...checked, digest };
  });
  ctx.deps.log.info("staff imported", { by: admin.id, ...counts(result.people) });
  return { dryRun: false, rows: result.rows, problems: [], people: result.people, counts: counts(result.people), singleSignOn, digest: result.digest, imported: true };
}

/** The template a council fills in: the headings and two example rows (docs/staff-import.md). */
export function importTemplate(directorateCodes: readonly string[]): string {
  const code = directorateCodes[0] ?? "your-directorate-code";
  return [
    "name,email,job title,team,role,directorate",
    `Alex Example,alex.example@your-council.gov.uk,Complaints Officer,,investigating-officer,${code}`,
    `Alex Example,alex.example@your-council.gov.uk,Complaints Officer,,dcro,${code}`,
    "Sam Sample,sam.sample@your-council.gov.uk,Customer Services Adviser,,customer-services,",
    "",
  ].join("\r\n");
}
