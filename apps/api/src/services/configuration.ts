/**
 * What a change to the council's structure does to its cases, beside the rules: a service
 * retired while it has open cases is refused (each open case is decided by its service's rules,
 * which go with it), and a service moved to another directorate takes its cases, so other
 * staff see them (directorate scoping, apps/api/src/access/policy.ts). Checked before every
 * profile save and said in words before one (docs/decisions/0514-configuration-in-the-portal.md).
 */
import type { CouncilProfile } from "@complaints/core";
import { organisationRepository } from "@complaints/db";
import type { Context } from "../context.js";
import { badInput } from "../errors.js";

type Structure = Pick<CouncilProfile, "directorates">;

interface Placed {
  name: string;
  directorate: { id: string; name: string };
}

function servicesOf(profile: Structure): Map<string, Placed> {
  return new Map(profile.directorates.flatMap((d) => d.services.map((s) => [s.id, { name: s.name, directorate: { id: d.id, name: d.name } }] as const)));
}

const cases = (n: number) => (n === 1 ? "1 case" : `${n} cases`);

/** Services the new profile leaves out, moves to another directorate, and their cases. */
async function structureChanges(ctx: Context, councilId: string, current: Structure, next: Structure) {
  const before = servicesOf(current);
  const after = servicesOf(next);
  const counts = await organisationRepository.casesByService(ctx.db, councilId);
  const count = (id: string) => counts.get(id) ?? { open: 0, all: 0 };
  const retired = [...before].filter(([id]) => !after.has(id)).map(([id, s]) => ({ id, ...s, ...count(id) }));
  const moved = [...before].flatMap(([id, s]) => {
    const now = after.get(id);
    return now && now.directorate.id !== s.directorate.id ? [{ id, name: now.name, from: s.directorate, to: now.directorate, ...count(id) }] : [];
  });
  return { retired, moved };
}

/**
 * Refuses a profile that retires a service with open cases: their deadlines, escalations and
 * letters would have no rules to follow. The message says what to do instead.
 */
export async function checkStructureChange(ctx: Context, councilId: string, current: Structure, next: Structure): Promise<void> {
  const { retired } = await structureChanges(ctx, councilId, current, next);
  const blocked = retired.filter((s) => s.open > 0);
  if (blocked.length === 0) return;
  throw badInput(
    blocked
      .map(
        (s) =>
          `${s.name} cannot be retired while it has ${s.open === 1 ? "an open case" : `${s.open} open cases`}: close them or move the service to another directorate first; to stop new complaints now, stop offering it on the public form`,
      )
      .join("; "),
  );
}

/** What the structure change does to who sees which cases, in words for the preview. */
export async function describeStructureChange(ctx: Context, councilId: string, current: Structure, next: Structure): Promise<string[]> {
  const { retired, moved } = await structureChanges(ctx, councilId, current, next);
  return [
    ...moved.map(
      (m) =>
        `${m.name} moves from ${m.from.name} to ${m.to.name}: its ${cases(m.all)} (${m.open} open) will be seen by staff with roles in ${m.to.name}, and no longer by those whose roles are only in ${m.from.name}.`,
    ),
    ...retired.map((r) =>
      r.open > 0
        ? `${r.name} cannot be retired: it has ${r.open === 1 ? "an open case" : `${r.open} open cases`}.`
        : `${r.name} is retired: it leaves the public form and the lists of services; its ${cases(r.all)} stay, closed, in ${r.directorate.name}.`,
    ),
  ];
}
