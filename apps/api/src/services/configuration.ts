/**
 * Who sees which cases after a structure change, in words for the preview of a profile change
 * (services/profile-changes.ts): a service moved to another directorate takes its cases with
 * it (packages/db/src/organisation.ts), so directorate scoping (apps/api/src/access/policy.ts)
 * shows them to other staff (docs/decisions/0514-configuration-in-the-portal.md). Retiring a
 * service with cases is refused by the preview's blockers: open ones there, closed ones here.
 */
import type { CouncilProfile } from "@complaints/core";
import { organisationRepository } from "@complaints/db";
import type { Context } from "../context.js";

type Structure = Pick<CouncilProfile, "directorates">;

function placed(profile: Structure): Map<string, { name: string; directorate: string; directorateName: string }> {
  return new Map(profile.directorates.flatMap((d) => d.services.map((s) => [s.id, { name: s.name, directorate: d.id, directorateName: d.name }] as const)));
}

const cases = (n: number) => (n === 1 ? "1 case" : `${n} cases`);

/** Each service that moves directorate, with its cases and who will see them. */
export async function describeAccessChanges(ctx: Context, councilId: string, current: Structure, next: Structure): Promise<string[]> {
  const before = placed(current);
  const after = placed(next);
  const moved = [...after].filter(([id, s]) => before.has(id) && before.get(id)!.directorate !== s.directorate);
  if (moved.length === 0) return [];
  const counts = await organisationRepository.casesByService(ctx.db, councilId);
  return moved.map(([id, s]) => {
    const from = before.get(id)!.directorateName;
    const { open, all } = counts.get(id) ?? { open: 0, all: 0 };
    return `${s.name} moves from ${from} to ${s.directorateName}: its ${cases(all)} (${open} open) will be seen by staff with roles in ${s.directorateName}, and no longer by those whose roles are only in ${from}.`;
  });
}

/**
 * A retired service's closed cases would lose the rules their pages are read with (their
 * stages, due dates and letters: apps/api/src/services/case-views.ts), so a service with any
 * case cannot be retired; it can stop being offered to the public instead. Services with open
 * cases are refused by the preview already (`skip`).
 */
export async function closedCaseBlockers(ctx: Context, councilId: string, removed: ReadonlyArray<{ serviceId: string; serviceName: string }>, skip: ReadonlySet<string | null>): Promise<string[]> {
  if (removed.length === 0) return [];
  const counts = await organisationRepository.casesByService(ctx.db, councilId);
  return removed.flatMap((s) => {
    const n = counts.get(s.serviceId)?.all ?? 0;
    if (n === 0 || skip.has(s.serviceId)) return [];
    return [`Service "${s.serviceName}" (${s.serviceId}) has ${n === 1 ? "a closed case" : `${n} closed cases`} whose pages are read under its rules: keep the service, and stop offering it on the online form instead`];
  });
}
