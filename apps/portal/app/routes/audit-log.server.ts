/**
 * The audit log page for auditors and administrators (issue 20, findings 4 and 11): the result
 * of verifying every chain of the event log with the audit key, and the administration log
 * (what administrators did), both in plain words. The API decides who may read them
 * (AUDIT_LOG_READERS) and verifies; this only words what it answers.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";
import { describeGrants } from "./admin.staff.server";

/** How many administration events a page shows: the procedure answers the newest, up to 500. */
export const EVENT_LIMITS = [50, 200, 500] as const;

export function eventLimit(asked: string | null): number {
  const n = Number(asked);
  return (EVENT_LIMITS as readonly number[]).includes(n) ? n : EVENT_LIMITS[0];
}

/** The next, longer page of events, or null when this one already shows them all (or 500). */
export function nextLimit(limit: number, shown: number): number | null {
  if (shown < limit) return null;
  return EVENT_LIMITS.find((l) => l > limit) ?? null;
}

/** Each way a chain can break (packages/db ChainProblem), as an auditor would say it. */
export const PROBLEMS: Record<string, string> = {
  "content-altered": "A recorded event was changed after it was written.",
  "broken-link": "An event does not follow on from the one before it: events were changed, replaced or put in a different order.",
  "missing-event": "An event was removed from the middle of the record.",
  "missing-tail": "The latest events were removed from the end of the record.",
  "unkeyed-after-keyed": "Events were rewritten without the audit key.",
  "head-mismatch": "The record's seal does not match its events: they were rewritten, or the seal was made without the audit key.",
  "missing-head": "The record has no seal: it was written, or its seal removed, outside the system.",
};

export function describeProblem(problem: string): string {
  return PROBLEMS[problem] ?? `The record does not verify (${problem}).`;
}

/** What a stream of the log is: "case:<id>", "conduct:<customer id>", "admin:<council id>" or the legacy seal. */
export function describeStream(stream: string): { what: string; id: string | null } {
  const [kind, id] = stream.split(":") as [string, string | undefined];
  if (kind === "case") return { what: "A case's history", id: id ?? null };
  if (kind === "conduct") return { what: "A customer's conduct record", id: id ?? null };
  if (kind === "admin") return { what: "The administration log", id: null };
  if (stream === "legacy-seal") return { what: "The seal over events written before the audit key was set", id: null };
  return { what: stream, id: null };
}

export interface AdminEvent {
  seq: number;
  type: string;
  at: string;
  actorName: string | null;
  staffName: string | null;
  details: Record<string, unknown>;
}

type Directorates = ReadonlyArray<{ id: string; name: string }>;

function rolesOf(value: unknown, directorates: Directorates): string[] {
  if (!Array.isArray(value)) return [];
  const grants = value.filter((g): g is { role: string; directorateId: string | null } => typeof g === "object" && g !== null && typeof (g as { role?: unknown }).role === "string");
  return describeGrants(
    grants.map((g) => ({ role: g.role, directorateId: g.directorateId ?? null })),
    directorates,
  );
}

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/** Who did it: a member of staff, or single sign-on following the council's groups (decision 0317). */
export function whoDid(e: AdminEvent): string {
  if (e.actorName) return e.actorName;
  return e.details.source === "single-sign-on" ? "Single sign-on, from the council's groups" : "Someone no longer on the staff list";
}

/** Where a change came from when not a form of the staff pages: the spreadsheet import or single sign-on. */
function sourceOf(d: Record<string, unknown>): string[] {
  if (d.source === "import") return ["From a spreadsheet import"];
  if (d.source === "single-sign-on") {
    const groups = Array.isArray(d.groups) ? d.groups.filter((g): g is string => typeof g === "string") : [];
    return [groups.length ? `From single sign-on groups: ${groups.join(", ")}` : "From single sign-on groups"];
  }
  return [];
}

/** One administration event as "what they did" and the details that matter, in plain words. */
export function describeAdminEvent(e: AdminEvent, directorates: Directorates): { action: string; details: string[] } {
  const described = describeAdminAction(e, directorates);
  return { ...described, details: [...described.details, ...sourceOf(e.details)] };
}

function describeAdminAction(e: AdminEvent, directorates: Directorates): { action: string; details: string[] } {
  const d = e.details;
  const whom = e.staffName ?? "a member of staff no longer listed";
  const roles = rolesOf(d.roles, directorates);
  const roleLines = roles.length ? roles.map((r) => `Role: ${r}`) : ["No roles"];
  switch (e.type) {
    case "staff-created":
      return { action: `Added ${str(d.name) ?? whom} to the staff`, details: [...(str(d.email) ? [`Email: ${str(d.email)}`] : []), ...roleLines, d.withPassword ? "With a first password" : "Single sign-on only"] };
    case "staff-updated": {
      const lines: string[] = [];
      if (d.active === false) lines.push("Deactivated the account");
      if (d.active === true) lines.push("Reactivated the account");
      if (str(d.name)) lines.push(`Name: ${str(d.name)}`);
      if ("jobTitle" in d) lines.push(str(d.jobTitle) ? `Job title: ${str(d.jobTitle)}` : "Job title removed");
      if ("teamId" in d) lines.push(d.teamId ? "Moved to another team" : "Team removed");
      return { action: `Changed the account of ${whom}`, details: lines };
    }
    case "roles-changed":
      return { action: `Changed the roles of ${whom}`, details: roleLines };
    case "roles-requested":
      return { action: `Asked for roles for ${whom}, to be approved by another administrator`, details: roleLines };
    case "roles-approved":
      return { action: `Approved the roles asked for ${whom}`, details: roleLines };
    case "roles-refused":
      return { action: `Refused the roles asked for ${whom}`, details: roleLines };
    case "password-reset":
      return { action: `Reset the password of ${whom}`, details: ["Their sessions ended"] };
    case "account-unlocked":
      return { action: `Unlocked the account of ${whom}`, details: [] };
    case "profile-saved":
    {
      // What changed, as the preview said it before saving (apps/api/src/services/profile-changes.ts).
      const changes = Array.isArray(d.changes) ? d.changes.flatMap((c) => (c && typeof c === "object" && typeof (c as { what?: unknown }).what === "string" ? [c as { what: string; before: string | null; after: string | null }] : [])) : [];
      return {
        action: "Changed the council's settings (structure, plugins, calendar or timescales)",
        details: [...(str(d.reason) ? [`Reason: ${str(d.reason)}`] : []), ...changes.map((c) => `${c.what}: ${c.before ?? "none"} → ${c.after ?? "removed"}`)],
      };
    }
    case "api-key-created": {
      const scopes = Array.isArray(d.scopes) ? d.scopes.filter((s): s is string => typeof s === "string") : [];
      return {
        action: `Created the API key “${str(d.name) ?? "unnamed"}”`,
        details: [...(scopes.length ? [`May: ${scopes.join(", ")}`] : []), str(d.expiresOn) ? `Expires on ${str(d.expiresOn)}` : "Does not expire"],
      };
    }
    case "api-key-revoked":
      return { action: "Revoked an API key", details: [] };
    default:
      return { action: e.type.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()), details: [] };
  }
}

/** Auditors and administrators only; anyone else is told who the page is for. */
export function requireAuditLogReader(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  if (!staff.grants.some((g) => g.role === "auditor" || g.role === "administrator")) throw data("The audit log is for auditors and administrators.", { status: 403 });
  return staff;
}

export async function loadAuditLog(context: AppLoadContext, request: Request) {
  const staff = requireAuditLogReader(context, request);
  const limit = eventLimit(new URL(request.url).searchParams.get("show"));
  try {
    // Verified on every visit: the page's purpose is to say whether the log is intact now.
    const verification = await context.api.audit.verify();
    const events = await context.api.audit.adminEvents({ limit });
    const runtime = await context.deps.councils.get(staff.councilId);
    const directorates = runtime.profile.directorates.map((d) => ({ id: runtime.directorateIdByCode.get(d.id) ?? d.id, name: d.name }));
    return {
      verification: {
        ...verification,
        failures: verification.failures.map((f) => ({ ...describeStream(f.stream), stream: f.stream, seq: f.seq, problem: describeProblem(f.problem), message: f.message })),
      },
      events: events.map((e) => ({ seq: e.seq, at: e.at, who: whoDid(e), ...describeAdminEvent(e, directorates) })),
      limit,
      more: nextLimit(limit, events.length),
    };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 403) throw data("The audit log is for auditors and administrators.", { status: 403 });
    throw error;
  }
}
