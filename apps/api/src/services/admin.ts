/**
 * Administration: staff and their roles, the council profile (directorates, services, teams,
 * plugins enabled per service, calendar and closure days, timescales), installed plugins, and
 * API keys for integrations. A profile change goes through services/profile-changes.ts: checked
 * by core against the installed plugins, previewed, and on saving it recalculates the open cases
 * whose rules changed, each with an event; closed cases stay as they were measured.
 *
 * Every change an administrator makes is an event in the council's administration log (the
 * keyed, hash-chained event log; issue 20, finding 11), in the transaction of the change. An
 * administrator who gives themselves a role that reads cases only asks: another administrator
 * approves (`roleRequests`, `decideRoleRequest`).
 */
import { randomBytes } from "node:crypto";
import type { CouncilProfile } from "@complaints/core";
import { adminLog, authRepository, inTransaction, organisationRepository, roleRequests as roleRequestStore, type Executor } from "@complaints/db";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { CASE_READERS, CENTRAL_ROLES, ROLE_LABELS, type StaffRole } from "../access/policy.js";
import { API_KEY_SCOPES, type ApiKeyScope, type StaffPrincipal } from "../access/principal.js";
import { hashPassword, passwordProblem } from "../auth/passwords.js";
import { sha256hex } from "../auth/sessions.js";
import { applyProfileChange, previewProfileChange, type ProfileChangeActor } from "./profile-changes.js";

/** Records an administrator's action in the council's administration log, in `db`'s transaction. */
export function audit(ctx: Context, db: Executor, admin: StaffPrincipal, type: string, payload: Record<string, unknown>) {
  return adminLog.record(db, { councilId: admin.councilId, actor: { type: "staff", id: admin.id }, type, at: ctx.clock.now(), payload });
}

export interface GrantInput {
  role: StaffRole;
  /** null: council-wide (central roles only). */
  directorateId: string | null;
}

async function checkGrants(ctx: Context, councilId: string, grants: readonly GrantInput[]): Promise<void> {
  const runtime = await ctx.deps.councils.get(councilId);
  const known = new Set(runtime.directorateIdByCode.values());
  for (const g of grants) {
    if (g.directorateId === null && !CENTRAL_ROLES.has(g.role)) {
      throw badInput(`${ROLE_LABELS[g.role]} is granted within a directorate: choose one`);
    }
    if (g.directorateId !== null && !known.has(g.directorateId)) throw badInput("There is no such directorate");
  }
}

async function checkTeam(ctx: Context, councilId: string, teamId: string | null | undefined): Promise<void> {
  if (!teamId) return;
  const tree = await organisationRepository.organisation(ctx.db, councilId);
  if (!tree.directorates.some((d) => d.services.some((s) => s.teams.some((t) => t.id === teamId && !t.archived)))) throw badInput("There is no such team");
}

async function staffOfCouncil(ctx: Context, admin: StaffPrincipal, staffId: string) {
  const staff = await authRepository.findStaffById(ctx.db, staffId);
  if (!staff || staff.councilId !== admin.councilId) throw notFound("There is no such staff member");
  return staff;
}

function staffRow(s: Awaited<ReturnType<typeof authRepository.findStaffById>> & object) {
  return {
    id: s.id,
    email: s.email,
    name: s.displayName,
    jobTitle: s.jobTitle,
    teamId: s.teamId,
    active: s.active,
    sso: s.oidcIssuer !== null,
    hasPassword: s.passwordHash !== null,
    roles: s.grants.map((g) => ({ role: g.role, directorateId: g.directorateId })),
  };
}

export async function listStaff(ctx: Context, admin: StaffPrincipal) {
  return (await authRepository.listStaff(ctx.db, admin.councilId)).map(staffRow);
}

export async function createStaff(
  ctx: Context,
  admin: StaffPrincipal,
  input: { email: string; name: string; jobTitle?: string | null | undefined; teamId?: string | null | undefined; password?: string | undefined; roles: GrantInput[] },
) {
  await checkGrants(ctx, admin.councilId, input.roles);
  await checkTeam(ctx, admin.councilId, input.teamId);
  if (input.password) {
    const problem = passwordProblem(input.password, [input.email, input.name]);
    if (problem) throw badInput(problem);
  }
  const existing = await authRepository.findStaffByEmail(ctx.db, input.email, admin.councilId);
  if (existing.length) throw badInput(`There is already an account for ${input.email}`);
  const passwordHash = input.password ? await hashPassword(input.password) : null;
  const id = await inTransaction(ctx.db, async (trx) => {
    const made = await authRepository.insertStaff(
      trx,
      {
        councilId: admin.councilId,
        email: input.email,
        displayName: input.name,
        jobTitle: input.jobTitle ?? null,
        teamId: input.teamId ?? null,
        passwordHash,
        passwordMustChange: passwordHash !== null, // a password set for someone else is temporary (issue 20)
        grants: input.roles,
      },
      ctx.clock.now(),
    );
    await audit(ctx, trx, admin, "staff-created", { staffId: made, email: input.email, name: input.name, roles: input.roles, withPassword: passwordHash !== null });
    return made;
  });
  ctx.deps.log.info("staff created", { by: admin.id, staffId: id });
  return staffRow((await authRepository.findStaffById(ctx.db, id))!);
}

export async function updateStaff(
  ctx: Context,
  admin: StaffPrincipal,
  input: { staffId: string; name?: string | undefined; jobTitle?: string | null | undefined; teamId?: string | null | undefined; active?: boolean | undefined },
) {
  await staffOfCouncil(ctx, admin, input.staffId);
  await checkTeam(ctx, admin.councilId, input.teamId);
  if (input.active === false && input.staffId === admin.id) throw badInput("You cannot switch off your own account");
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    await authRepository.updateStaff(
      trx,
      input.staffId,
      {
        ...(input.name !== undefined ? { displayName: input.name } : {}),
        ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle } : {}),
        ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
        ...(input.active !== undefined ? { active: input.active } : {}),
      },
      now,
    );
    if (input.active === false) await authRepository.revokeStaffSessions(trx, input.staffId, now);
    await audit(ctx, trx, admin, "staff-updated", {
      staffId: input.staffId,
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.jobTitle !== undefined ? { jobTitle: input.jobTitle } : {}),
      ...(input.teamId !== undefined ? { teamId: input.teamId } : {}),
      ...(input.active !== undefined ? { active: input.active } : {}),
    });
  });
  return staffRow((await authRepository.findStaffById(ctx.db, input.staffId))!);
}

export async function setRoles(ctx: Context, admin: StaffPrincipal, staffId: string, roles: GrantInput[]) {
  await staffOfCouncil(ctx, admin, staffId);
  await checkGrants(ctx, admin.councilId, roles);
  if (staffId === admin.id && !roles.some((r) => r.role === "administrator")) throw badInput("You cannot remove your own administrator role");
  const now = ctx.clock.now();
  if (staffId === admin.id && gainsCaseReading(admin, roles)) {
    // Reading cases is not an administrator's: giving it to oneself needs a second administrator.
    const requestId = await inTransaction(ctx.db, async (trx) => {
      const made = await roleRequestStore.request(trx, { councilId: admin.councilId, staffId, requestedBy: admin.id, roles, at: now });
      await audit(ctx, trx, admin, "roles-requested", { staffId, roles, requestId: made });
      return made;
    });
    return { ...staffRow((await authRepository.findStaffById(ctx.db, staffId))!), pendingRequestId: requestId as string | null };
  }
  await inTransaction(ctx.db, async (trx) => {
    await authRepository.replaceGrants(trx, admin.councilId, staffId, roles, now);
    await audit(ctx, trx, admin, "roles-changed", { staffId, roles });
  });
  ctx.deps.log.info("roles changed", { by: admin.id, staffId, roles });
  return { ...staffRow((await authRepository.findStaffById(ctx.db, staffId))!), pendingRequestId: null as string | null };
}

/** Whether the roles give a case-reading role (in a directorate) that the administrator does not hold now. */
export function gainsCaseReading(admin: StaffPrincipal, roles: readonly GrantInput[]): boolean {
  const held = new Set(admin.grants.map((g) => `${g.role}|${g.directorateId ?? ""}`));
  return roles.some((r) => CASE_READERS.has(r.role) && !held.has(`${r.role}|${r.directorateId ?? ""}`));
}

/** Role changes waiting for a second administrator. */
export async function roleRequests(ctx: Context, admin: StaffPrincipal) {
  const waiting = await roleRequestStore.waiting(ctx.db, admin.councilId);
  return waiting.map((r) => ({ ...r, requestedAt: r.requestedAt.toISOString(), mine: r.requestedBy === admin.id }));
}

/** Another administrator approves (the roles are given) or refuses a waiting role change. */
export async function decideRoleRequest(ctx: Context, admin: StaffPrincipal, requestId: string, decision: "approved" | "refused") {
  const waiting = (await roleRequestStore.waiting(ctx.db, admin.councilId)).find((r) => r.id === requestId);
  if (!waiting) throw notFound("There is no such role change waiting");
  if (waiting.requestedBy === admin.id) throw badInput("Another administrator must decide on a role change you asked for");
  await checkGrants(ctx, admin.councilId, waiting.roles as GrantInput[]);
  const now = ctx.clock.now();
  await inTransaction(ctx.db, async (trx) => {
    const decided = await roleRequestStore.decide(trx, { councilId: admin.councilId, id: requestId, by: admin.id, decision, at: now });
    if (!decided) throw notFound("There is no such role change waiting");
    if (decision === "approved") await authRepository.replaceGrants(trx, admin.councilId, decided.staffId, decided.roles as GrantInput[], now);
    await audit(ctx, trx, admin, decision === "approved" ? "roles-approved" : "roles-refused", { requestId, staffId: decided.staffId, roles: decided.roles, requestedBy: decided.requestedBy });
  });
  return { decided: decision };
}

/** Sets a new password (e.g. a temporary one to give the person); their sessions end. */
export async function resetPassword(ctx: Context, admin: StaffPrincipal, staffId: string, password: string) {
  const staff = await staffOfCouncil(ctx, admin, staffId);
  const problem = passwordProblem(password, [staff.email, staff.displayName]);
  if (problem) throw badInput(problem);
  const now = ctx.clock.now();
  const hash = await hashPassword(password);
  await inTransaction(ctx.db, async (trx) => {
    await authRepository.updateStaff(trx, staffId, { passwordHash: hash, passwordMustChange: staffId !== admin.id }, now);
    await authRepository.revokeStaffSessions(trx, staffId, now);
    await audit(ctx, trx, admin, "password-reset", { staffId, email: staff.email });
  });
  await ctx.deps.lockout.unlock(staff.email);
  return { reset: true };
}

export async function unlock(ctx: Context, admin: StaffPrincipal, staffId: string) {
  const staff = await staffOfCouncil(ctx, admin, staffId);
  await audit(ctx, ctx.db, admin, "account-unlocked", { staffId, email: staff.email });
  await ctx.deps.lockout.unlock(staff.email);
  return { unlocked: true };
}

export async function organisation(ctx: Context, admin: StaffPrincipal) {
  const runtime = await ctx.deps.councils.get(admin.councilId);
  return {
    council: { id: runtime.council.id, slug: runtime.council.slug, name: runtime.council.name, referencePrefix: runtime.council.referencePrefix },
    tree: await organisationRepository.organisation(ctx.db, admin.councilId),
    plugins: ctx.deps.councils.plugins.map((p) => ({ id: p.id, name: p.name, version: p.version })),
  };
}

export async function getProfile(ctx: Context, admin: StaffPrincipal) {
  const runtime = await ctx.deps.councils.get(admin.councilId);
  return { profile: runtime.profile, updatedAt: runtime.council.updatedAt.toISOString() };
}

/** The administrator as the one who changes the profile (services/profile-changes.ts). */
function profileActor(admin: StaffPrincipal): ProfileChangeActor {
  return { kind: "staff", id: admin.id, name: admin.name };
}

/** What a new profile would change and whose due dates would move; nothing is written. */
export function previewProfile(ctx: Context, admin: StaffPrincipal, profile: unknown) {
  return previewProfileChange(ctx, admin.councilId, { profile });
}

/**
 * Saves a new profile after core has checked it with the installed plugins (a 400 naming every
 * problem when it does not check out; nothing is saved then), and recalculates the open cases
 * whose rules changed.
 */
export function saveProfile(ctx: Context, admin: StaffPrincipal, profile: unknown, options: { reason: string; recalculate: boolean }) {
  return applyProfileChange(ctx, profileActor(admin), admin.councilId, { profile }, options.reason, { recalculate: options.recalculate });
}

/** Enables plugins on one service (by its profile slug). */
export async function setServicePlugins(ctx: Context, admin: StaffPrincipal, serviceId: string, plugins: string[], reason: string) {
  const { profile } = await getProfile(ctx, admin);
  if (!profile.directorates.some((d) => d.services.some((s) => s.id === serviceId))) throw badInput(`There is no service "${serviceId}"`);
  const directorates = profile.directorates.map((d) => ({ ...d, services: d.services.map((s) => (s.id === serviceId ? { ...s, plugins } : s)) }));
  return saveProfile(ctx, admin, { ...profile, directorates }, { reason, recalculate: true });
}

/** Replaces the council's own closure days. */
export async function setClosureDays(ctx: Context, admin: StaffPrincipal, closures: CouncilProfile["calendar"]["closures"], reason: string) {
  const { profile } = await getProfile(ctx, admin);
  return saveProfile(ctx, admin, { ...profile, calendar: { ...profile.calendar, closures } }, { reason, recalculate: true });
}

export async function listApiKeys(ctx: Context, admin: StaffPrincipal) {
  const runtime = await ctx.deps.councils.get(admin.councilId);
  return (await authRepository.listApiKeys(ctx.db, admin.councilId)).map((k) => ({
    id: k.id,
    name: k.name,
    prefix: k.prefix,
    directorates: k.scopes.filter((s) => s.startsWith("directorate:")).map((s) => {
      const id = s.slice("directorate:".length);
      return { id, name: runtime.names.directorates.get(id) ?? null };
    }),
    scopes: k.scopes.filter((s) => !s.startsWith("directorate:")),
    createdAt: k.createdAt.toISOString(),
    expiresAt: k.expiresAt?.toISOString() ?? null,
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    revoked: k.revokedAt !== null,
  }));
}

/** Makes an API key; its secret is shown this once and stored only as a hash. */
export async function createApiKey(
  ctx: Context,
  admin: StaffPrincipal,
  input: { name: string; directorateIds: string[]; scopes: ApiKeyScope[]; expiresOn?: string | undefined },
) {
  const runtime = await ctx.deps.councils.get(admin.councilId);
  const known = new Set(runtime.directorateIdByCode.values());
  for (const id of input.directorateIds) if (!known.has(id)) throw badInput("There is no such directorate");
  const prefix = randomBytes(6).toString("base64url").toLowerCase().replace(/[^a-z0-9]/g, "0").slice(0, 8).padEnd(8, "0");
  const key = `cmk_${prefix}_${randomBytes(32).toString("base64url")}`;
  const scopes = [...new Set<string>(input.scopes.filter((s) => (API_KEY_SCOPES as readonly string[]).includes(s))), ...input.directorateIds.map((d) => `directorate:${d}`)];
  const record = await inTransaction(ctx.db, async (trx) => {
    const made = await authRepository.insertApiKey(trx, {
      councilId: admin.councilId,
      name: input.name,
      prefix,
      keyHash: sha256hex(key),
      scopes,
      createdBy: admin.id,
      createdAt: ctx.clock.now(),
      expiresAt: input.expiresOn ? new Date(`${input.expiresOn}T23:59:59Z`) : null,
    });
    await audit(ctx, trx, admin, "api-key-created", { keyId: made.id, name: input.name, prefix, scopes, expiresOn: input.expiresOn ?? null });
    return made;
  });
  ctx.deps.log.info("api key created", { by: admin.id, keyId: record.id, prefix });
  return { id: record.id, name: record.name, prefix, key };
}

export async function revokeApiKey(ctx: Context, admin: StaffPrincipal, keyId: string) {
  await inTransaction(ctx.db, async (trx) => {
    if (!(await authRepository.revokeApiKey(trx, admin.councilId, keyId, ctx.clock.now()))) throw notFound("There is no such API key, or it is already revoked");
    await audit(ctx, trx, admin, "api-key-revoked", { keyId });
  });
  return { revoked: true };
}
