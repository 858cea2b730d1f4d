/**
 * Staff and their roles, for administrators (issue 6): the choices the forms offer (every
 * role, council-wide only for the central roles, else per directorate) and the form's
 * checkboxes as the API's grants. The API checks everything again.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { CENTRAL_ROLES } from "@complaints/api";
import { ROLE_LABELS, STAFF_ROLES, type StaffRole } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";

/** Administrator pages call administrator-only procedures: anyone else is told so. */
export function requireAdministrator(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  if (!staff.grants.some((g) => g.role === "administrator")) throw data("This page is for administrators.", { status: 403 });
  return staff;
}

/** Runs an administration read; the API's own refusal becomes the page's status. */
export async function adminRead<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 403 || d.status === 404) throw data(d.message, { status: d.status });
    throw error;
  }
}

export interface GrantChoices {
  roles: Array<{ role: string; label: string; central: boolean }>;
  directorates: Array<{ id: string; name: string }>;
}

export async function grantChoices(context: AppLoadContext): Promise<GrantChoices> {
  const organisation = await adminRead(() => context.api.admin.organisation());
  return {
    roles: STAFF_ROLES.map((role) => ({ role, label: ROLE_LABELS[role], central: CENTRAL_ROLES.has(role) })),
    directorates: organisation.tree.directorates.filter((d) => !d.archived).map((d) => ({ id: d.id, name: d.name })),
  };
}

/** `grant` checkboxes read "<role>|<directorate id>" or "<role>|all". */
export function grantsFrom(form: FormData): Array<{ role: StaffRole; directorateId: string | null }> {
  const out: Array<{ role: StaffRole; directorateId: string | null }> = [];
  for (const value of form.getAll("grant")) {
    if (typeof value !== "string") continue;
    const [role, where] = value.split("|");
    if (!role || !where || !(STAFF_ROLES as readonly string[]).includes(role)) continue;
    out.push({ role: role as StaffRole, directorateId: where === "all" ? null : where });
  }
  return out;
}

export function grantValue(g: { role: string; directorateId: string | null }): string {
  return `${g.role}|${g.directorateId ?? "all"}`;
}

/** "Investigating officer (Corporate Services)", "Customer services officer (council-wide)". */
export function describeGrants(grants: ReadonlyArray<{ role: string; directorateId: string | null }>, directorates: ReadonlyArray<{ id: string; name: string }>): string[] {
  return grants.map((g) => `${ROLE_LABELS[g.role as StaffRole] ?? g.role} (${g.directorateId ? (directorates.find((d) => d.id === g.directorateId)?.name ?? "a directorate") : "council-wide"})`);
}

export interface WaitingRoleRequest {
  id: string;
  staffId: string;
  requestedBy: string;
  roles: ReadonlyArray<{ role: string; directorateId: string | null }>;
  requestedAt: string;
  mine: boolean;
}

/**
 * Role changes waiting for a second administrator (issue 20): an administrator who gives
 * themselves a role that reads cases only asks for it. Named for the page; `mine` requests
 * get no Approve or Refuse buttons (the API refuses them anyway).
 */
export function describeRoleRequests(
  requests: readonly WaitingRoleRequest[],
  staff: ReadonlyArray<{ id: string; name: string }>,
  directorates: ReadonlyArray<{ id: string; name: string }>,
) {
  const nameOf = (id: string) => staff.find((s) => s.id === id)?.name ?? "a member of staff no longer listed";
  return requests.map((r) => ({
    id: r.id,
    staffId: r.staffId,
    staffName: nameOf(r.staffId),
    requestedByName: nameOf(r.requestedBy),
    requestedAt: r.requestedAt,
    roles: describeGrants(r.roles, directorates),
    mine: r.mine,
  }));
}

/** The decision an Approve or Refuse button posts, or null for anything else. */
export function decisionFrom(form: FormData): { requestId: string; decision: "approved" | "refused" } | null {
  const intent = form.get("intent");
  const requestId = form.get("requestId");
  if (typeof requestId !== "string" || !requestId) return null;
  if (intent === "approve") return { requestId, decision: "approved" };
  if (intent === "refuse") return { requestId, decision: "refused" };
  return null;
}
