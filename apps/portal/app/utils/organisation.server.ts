/**
 * The council's structure as the portal shows it (filters, service choices): directorates,
 * services, teams and the stages their rules have. Read from the API's council directory
 * (the profile it resolved with the installed plugins), not from the database.
 */
import type { AppLoadContext } from "@remix-run/node";

export interface OrganisationView {
  councilName: string;
  directorates: Array<{ id: string | null; code: string; name: string; services: Array<{ code: string; name: string; plugins: string[] }> }>;
  services: Array<{ code: string; name: string; directorate: string }>;
  stages: Array<{ id: string; label: string }>;
}

export async function organisationOf(context: AppLoadContext, councilId: string): Promise<OrganisationView> {
  const runtime = await context.deps.councils.get(councilId);
  const stages = new Map<string, string>();
  const services: OrganisationView["services"] = [];
  const directorates = runtime.profile.directorates.map((d) => ({
    id: runtime.directorateIdByCode.get(d.id) ?? null,
    code: d.id,
    name: d.name,
    services: d.services.map((s) => {
      services.push({ code: s.id, name: s.name, directorate: d.name });
      for (const kind of ["complaint"] as const) {
        for (const stage of runtime.book.rulesFor(s.id, kind).regime.stages) if (!stages.has(stage.id)) stages.set(stage.id, stage.label);
      }
      return { code: s.id, name: s.name, plugins: [...d.plugins, ...s.plugins] };
    }),
  }));
  return { councilName: runtime.profile.name, directorates, services, stages: [...stages].map(([id, label]) => ({ id, label })) };
}
