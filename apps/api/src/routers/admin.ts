import { z } from "zod";
import { roleProcedure, router } from "../trpc.js";
import { STAFF_ROLES } from "../access/policy.js";
import { API_KEY_SCOPES } from "../access/principal.js";
import * as admin from "../services/admin.js";
import { IMPORT_MAX_BYTES, importStaff, importTemplate } from "../services/staff-import.js";
import { groupMapping, setGroupMapping } from "../services/sso-mapping.js";
import { id, isoDate, name, text } from "./schemas.js";

const adminProcedure = roleProcedure(new Set(["administrator"] as const), "administer the system");
const grants = z.array(z.object({ role: z.enum(STAFF_ROLES), directorateId: id.nullable() })).max(20);

/** For administrators: staff, roles, the council profile, plugins, calendar, API keys. */
export const adminRouter = router({
  staff: router({
    list: adminProcedure.query(({ ctx }) => admin.listStaff(ctx, ctx.staff)),
    create: adminProcedure
      .input(
        z.object({
          email: z.email("an email address").max(320),
          name: name("the person's name", 200),
          jobTitle: z.string().trim().max(200).nullish(),
          teamId: id.nullish(),
          /** A first password to give the person; omit for single sign-on only. */
          password: z.string().max(256).optional(),
          roles: grants,
        }),
      )
      .mutation(({ ctx, input }) => admin.createStaff(ctx, ctx.staff, input)),
    update: adminProcedure
      .input(z.object({ staffId: id, name: name("the name", 200).optional(), jobTitle: z.string().trim().max(200).nullish(), teamId: id.nullish(), active: z.boolean().optional() }))
      .mutation(({ ctx, input }) => admin.updateStaff(ctx, ctx.staff, input)),
    setRoles: adminProcedure.input(z.object({ staffId: id, roles: grants })).mutation(({ ctx, input }) => admin.setRoles(ctx, ctx.staff, input.staffId, input.roles)),
    resetPassword: adminProcedure.input(z.object({ staffId: id, password: z.string().min(1).max(256) })).mutation(({ ctx, input }) => admin.resetPassword(ctx, ctx.staff, input.staffId, input.password)),
    unlock: adminProcedure.input(z.object({ staffId: id })).mutation(({ ctx, input }) => admin.unlock(ctx, ctx.staff, input.staffId)),
    /**
     * Staff and roles from a CSV (docs/staff-import.md): `dryRun` checks every row and says what
     * would happen; without it, all of it happens in one transaction or nothing does.
     */
    import: adminProcedure
      .input(
        z.object({
          csv: z.string().min(1, "Choose a CSV file").max(IMPORT_MAX_BYTES, `The file must be smaller than ${IMPORT_MAX_BYTES / 1024 / 1024} MB`),
          dryRun: z.boolean(),
          expectedDigest: z.string().regex(/^[0-9a-f]{32}$/).optional(),
        }),
      )
      .mutation(({ ctx, input }) => importStaff(ctx, ctx.staff, input)),
    /** The CSV template with this council's directorate codes. */
    importTemplate: adminProcedure.query(async ({ ctx }) => importTemplate([...(await ctx.deps.councils.get(ctx.staff.councilId)).directorateIdByCode.keys()])),
  }),
  /** Single sign-on groups that give roles (decision 0317): read at every SSO sign-in. */
  singleSignOn: router({
    get: adminProcedure.query(({ ctx }) => groupMapping(ctx, ctx.staff)),
    set: adminProcedure
      .input(
        z.object({
          groupRoles: z.array(z.object({ group: text("the group", 256), role: z.enum(STAFF_ROLES), directorate: z.string().regex(/^[a-z0-9][a-z0-9-]*$/).nullable() })).max(500),
          contact: z.string().trim().max(300).nullable(),
          reason: text("why it changes", 500),
        }),
      )
      .mutation(({ ctx, input }) => setGroupMapping(ctx, ctx.staff, { groupRoles: input.groupRoles, contact: input.contact || null, reason: input.reason })),
  }),
  /** Role changes an administrator asked for themselves, waiting for another administrator. */
  roleRequests: router({
    list: adminProcedure.query(({ ctx }) => admin.roleRequests(ctx, ctx.staff)),
    decide: adminProcedure
      .input(z.object({ requestId: id, decision: z.enum(["approved", "refused"]) }))
      .mutation(({ ctx, input }) => admin.decideRoleRequest(ctx, ctx.staff, input.requestId, input.decision)),
  }),
  /** Directorates, services and teams as stored, with the installed plugins. */
  organisation: adminProcedure.query(({ ctx }) => admin.organisation(ctx, ctx.staff)),
  profile: router({
    get: adminProcedure.query(({ ctx }) => admin.getProfile(ctx, ctx.staff)),
    /**
     * What a new profile would change (in words), which services' rules, and how many open
     * cases' due dates would move. Writes nothing.
     */
    preview: adminProcedure.input(z.object({ profile: z.unknown() })).query(({ ctx, input }) => admin.previewProfile(ctx, ctx.staff, input.profile)),
    /**
     * Replaces the council profile: structure, plugins enabled per service, calendar and
     * closure days, timescales. Checked with the installed plugins first; recalculates only the
     * open cases whose rules changed, each with an event (services/profile-changes.ts).
     */
    update: adminProcedure
      .input(z.object({ profile: z.record(z.string(), z.unknown()), reason: text("why it changes", 500), recalculateOpenCases: z.boolean().default(true) }))
      .mutation(({ ctx, input }) => admin.saveProfile(ctx, ctx.staff, input.profile, { reason: input.reason, recalculate: input.recalculateOpenCases })),
  }),
  calendar: router({
    /** Sets the council's own closure days; open cases' deadlines are recalculated, closed ones kept. */
    setClosureDays: adminProcedure
      .input(
        z.object({
          closures: z.array(z.union([z.object({ date: isoDate, label: text("a label", 100) }), z.object({ everyYear: z.string().regex(/^\d{2}-\d{2}$/, "MM-DD"), label: text("a label", 100) })])).max(100),
          reason: text("why it changes", 500),
        }),
      )
      .mutation(({ ctx, input }) => admin.setClosureDays(ctx, ctx.staff, input.closures, input.reason)),
  }),
  plugins: router({
    /** Enables plugins on a service (by profile slug). */
    setForService: adminProcedure
      .input(z.object({ serviceId: z.string().min(1), plugins: z.array(z.string().regex(/^[a-z][a-z0-9-]*$/)).max(10), reason: text("why it changes", 500) }))
      .mutation(({ ctx, input }) => admin.setServicePlugins(ctx, ctx.staff, input.serviceId, input.plugins, input.reason)),
  }),
  apiKeys: router({
    list: adminProcedure.query(({ ctx }) => admin.listApiKeys(ctx, ctx.staff)),
    create: adminProcedure
      .input(z.object({ name: text("a name for the key", 200), directorateIds: z.array(id).min(1, "Choose at least one directorate").max(20), scopes: z.array(z.enum(API_KEY_SCOPES)).min(1).max(5), expiresOn: isoDate.optional() }))
      .mutation(({ ctx, input }) => admin.createApiKey(ctx, ctx.staff, input)),
    revoke: adminProcedure.input(z.object({ keyId: id })).mutation(({ ctx, input }) => admin.revokeApiKey(ctx, ctx.staff, input.keyId)),
  }),
});
