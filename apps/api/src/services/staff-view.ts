/** How a staff member is shown: name, roles with their labels and where they apply. */
import { z } from "zod";
import type { AppDeps } from "../context.js";
import type { StaffPrincipal } from "../access/principal.js";
import { CENTRAL_ROLES, ROLE_LABELS, STAFF_ROLES } from "../access/policy.js";

export const staffView = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  councilId: z.string(),
  teamId: z.string().nullable(),
  /** An administrator set the password: the person must choose a new one (auth.changePassword) before anything else. */
  passwordMustChange: z.boolean(),
  roles: z.array(
    z.object({
      role: z.enum(STAFF_ROLES),
      label: z.string(),
      directorateId: z.string().nullable(),
      /** "All directorates" for a council-wide grant. */
      scope: z.string(),
    }),
  ),
});
export type StaffView = z.infer<typeof staffView>;

export async function describeStaff(deps: AppDeps, staff: StaffPrincipal): Promise<StaffView> {
  const runtime = await deps.councils.get(staff.councilId);
  return {
    id: staff.id,
    name: staff.name,
    email: staff.email,
    councilId: staff.councilId,
    teamId: staff.teamId,
    passwordMustChange: staff.passwordMustChange,
    roles: staff.grants.map((g) => {
      const directorateId = g.directorateId ?? (CENTRAL_ROLES.has(g.role) ? null : staff.teamDirectorateId);
      return {
        role: g.role,
        label: ROLE_LABELS[g.role],
        directorateId,
        scope: directorateId ? (runtime.names.directorates.get(directorateId) ?? "Unknown directorate") : CENTRAL_ROLES.has(g.role) ? "All directorates" : "No directorate",
      };
    }),
  };
}
