/**
 * The new profile from the current one and one configuration change (input/configuration.ts):
 * pure, so the portal's pages, their preview and their tests build the same profile
 * (docs/decisions/0514-configuration-in-the-portal.md). Structure is kept by id: a rename
 * changes only the name, so cases, staff roles and API keys still point at the same unit.
 * What the profile alone can refuse is refused here, naming the form field; what needs the
 * rules (a timescale above a statutory maximum) or the cases (retiring a service with open
 * cases) is refused by the API when the profile is checked.
 */
import { DomainError } from "../errors.js";
import type { ClosureInput, DirectorateInput, NewDirectorateInput, LetterheadInput, ContactsInput, LimitsInput, OmbudsmanInput, ServiceInput, TimescalesInput } from "../input/configuration.js";
import type { CouncilProfile } from "./schema.js";

/** A change the profile cannot take, with the form field it is about. */
export class ProfileEditError extends DomainError {
  override readonly name = "ProfileEditError";
  constructor(
    readonly field: string,
    message: string,
  ) {
    super("INVALID_INPUT", message);
  }
}

type Directorate = CouncilProfile["directorates"][number];
type Service = Directorate["services"][number];

/** A slug for a new unit from its name, unique among `taken`. */
export function slugFor(name: string, taken: ReadonlySet<string>): string {
  const base =
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "")
      .slice(0, 50) || "unit";
  let candidate = base;
  for (let n = 2; taken.has(candidate); n++) candidate = `${base}-${n}`;
  return candidate;
}

const allServiceIds = (p: CouncilProfile) => new Set(p.directorates.flatMap((d) => d.services.map((s) => s.id)));

function directorate(p: CouncilProfile, id: string): Directorate {
  const found = p.directorates.find((d) => d.id === id);
  if (!found) throw new ProfileEditError("directorateId", "There is no such directorate");
  return found;
}

function findService(p: CouncilProfile, id: string): { directorate: Directorate; service: Service } {
  for (const d of p.directorates) {
    const service = d.services.find((s) => s.id === id);
    if (service) return { directorate: d, service };
  }
  throw new ProfileEditError("serviceId", "There is no such service");
}

function sameName(a: string, b: string) {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

export function addDirectorate(p: CouncilProfile, input: NewDirectorateInput): CouncilProfile {
  if (p.directorates.some((d) => sameName(d.name, input.name))) throw new ProfileEditError("name", `There is already a directorate called ${input.name}`);
  const id = slugFor(input.name, new Set(p.directorates.map((d) => d.id)));
  // A directorate holds at least one service (the profile's rule): it is made with its first.
  const serviceId = slugFor(input.firstService, allServiceIds(p));
  return { ...p, directorates: [...p.directorates, { id, name: input.name, plugins: [], services: [{ id: serviceId, name: input.firstService, plugins: [], teams: [], offeredToPublic: true }] }] };
}

export function renameDirectorate(p: CouncilProfile, id: string, input: DirectorateInput): CouncilProfile {
  directorate(p, id);
  if (p.directorates.some((d) => d.id !== id && sameName(d.name, input.name))) throw new ProfileEditError("name", `There is already a directorate called ${input.name}`);
  return { ...p, directorates: p.directorates.map((d) => (d.id === id ? { ...d, name: input.name } : d)) };
}

/** Retires a directorate with its services (the API refuses it while any of them has open cases). */
export function retireDirectorate(p: CouncilProfile, id: string): CouncilProfile {
  directorate(p, id);
  if (p.directorates.length === 1) throw new ProfileEditError("directorateId", "The council needs at least one directorate");
  return { ...p, directorates: p.directorates.filter((x) => x.id !== id) };
}

export function addService(p: CouncilProfile, input: ServiceInput): CouncilProfile {
  directorate(p, input.directorateId);
  if (p.directorates.some((d) => d.services.some((s) => sameName(s.name, input.name)))) throw new ProfileEditError("name", `There is already a service called ${input.name}`);
  const id = slugFor(input.name, allServiceIds(p));
  const teams = input.newTeam ? [{ id: slugFor(input.newTeam, new Set()), name: input.newTeam }] : [];
  const service: Service = { id, name: input.name, plugins: [], teams, offeredToPublic: input.offeredToPublic };
  return { ...p, directorates: p.directorates.map((d) => (d.id === input.directorateId ? { ...d, services: [...d.services, service] } : d)) };
}

/** Renames, moves, offers or withdraws a service, and renames, retires or adds its teams. */
export function updateService(p: CouncilProfile, id: string, input: ServiceInput): CouncilProfile {
  const { service } = findService(p, id);
  directorate(p, input.directorateId);
  if (p.directorates.some((d) => d.services.some((s) => s.id !== id && sameName(s.name, input.name)))) throw new ProfileEditError("name", `There is already a service called ${input.name}`);
  const renamed = new Map(input.teams.map((t) => [t.id, t.name]));
  const retire = new Set(input.retireTeams);
  const teams = service.teams.filter((t) => !retire.has(t.id)).map((t) => ({ ...t, name: renamed.get(t.id) ?? t.name }));
  if (input.newTeam) {
    if (teams.some((t) => sameName(t.name, input.newTeam!))) throw new ProfileEditError("newTeam", `${service.name} already has a team called ${input.newTeam}`);
    teams.push({ id: slugFor(input.newTeam, new Set(service.teams.map((t) => t.id))), name: input.newTeam });
  }
  const updated: Service = { ...service, name: input.name, offeredToPublic: input.offeredToPublic, teams };
  const directorates = p.directorates.map((d) => {
    const kept = d.services.filter((s) => s.id !== id || d.id === input.directorateId);
    const services = kept.map((s) => (s.id === id ? updated : s));
    return d.id === input.directorateId && !services.some((s) => s.id === id) ? { ...d, services: [...services, updated] } : { ...d, services };
  });
  // Moving a directorate's last service out leaves it empty, and a directorate holds at least
  // one service: it is retired with the move (the preview says so).
  return { ...p, directorates: directorates.filter((d) => d.services.length > 0) };
}

export function retireService(p: CouncilProfile, id: string): CouncilProfile {
  const { directorate: d, service } = findService(p, id);
  if (d.services.length === 1) throw new ProfileEditError("serviceId", `${service.name} is the only service of ${d.name}: a directorate needs one, so retire the directorate instead`);
  return { ...p, directorates: p.directorates.map((x) => (x.id === d.id ? { ...x, services: x.services.filter((s) => s.id !== id) } : x)) };
}

export function setServicePlugins(p: CouncilProfile, id: string, plugins: readonly string[]): CouncilProfile {
  findService(p, id);
  return { ...p, directorates: p.directorates.map((d) => ({ ...d, services: d.services.map((s) => (s.id === id ? { ...s, plugins: [...plugins] } : s)) })) };
}

/** Which services residents may choose on the public form; the others stay, for staff only. */
export function setOfferedServices(p: CouncilProfile, offered: readonly string[]): CouncilProfile {
  const ids = allServiceIds(p);
  const unknown = offered.filter((id) => !ids.has(id));
  if (unknown.length) throw new ProfileEditError("offered", `There is no service ${unknown.join(", ")}`);
  const on = new Set(offered);
  return { ...p, directorates: p.directorates.map((d) => ({ ...d, services: d.services.map((s) => ({ ...s, offeredToPublic: on.has(s.id) })) })) };
}

/**
 * Timescales in working days: the council's corporate ones (over the code's), or one
 * service's own setting (over its plugins too, so a statutory maximum can refuse it). Each
 * stage's acknowledgement and response count from where they count now, with the policy they
 * come from as their rule (the rules page shows it).
 */
export function setTimescales(
  p: CouncilProfile,
  input: TimescalesInput,
  current: Record<string, { acknowledgeFrom: string | null; respondFrom: string }>,
  serviceId?: string,
): CouncilProfile {
  const layer = serviceId ? findService(p, serviceId).service.settings : p.timescales;
  const stages = { ...(layer?.stages ?? {}) };
  for (const s of input.stages) {
    const from = current[s.id];
    if (!from) throw new ProfileEditError("stages", `There is no stage "${s.id}"`);
    const rule = input.source;
    stages[s.id] = {
      ...stages[s.id],
      ...(s.respondDays !== undefined ? { respond: { period: { workingDays: s.respondDays }, from: from.respondFrom as never, rule } } : {}),
      ...(s.acknowledgeDays !== undefined && from.acknowledgeFrom ? { acknowledge: { period: { workingDays: s.acknowledgeDays }, from: from.acknowledgeFrom as never, rule } } : {}),
    };
  }
  if (!serviceId) return { ...p, timescales: { ...(p.timescales ?? {}), stages } };
  return { ...p, directorates: p.directorates.map((d) => ({ ...d, services: d.services.map((s) => (s.id === serviceId ? { ...s, settings: { ...(s.settings ?? {}), stages } } : s)) })) };
}

export function setCalendar(p: CouncilProfile, input: ClosureInput): CouncilProfile {
  const keep = new Set(input.keep);
  const closures: CouncilProfile["calendar"]["closures"] = p.calendar.closures.filter((_, i) => keep.has(i));
  if (input.newDate && input.newLabel) {
    const day = input.everyYear ? { everyYear: input.newDate.slice(5), label: input.newLabel } : { date: input.newDate, label: input.newLabel };
    const when = "date" in day ? day.date : day.everyYear;
    if (closures.some((c) => ("date" in c ? c.date : c.everyYear) === when)) throw new ProfileEditError("newDate", "That day is already a closure day");
    closures.push(day);
  }
  return { ...p, calendar: { ...p.calendar, closures, cutOffTime: input.cutOffTime ?? null, nations: [...input.nations] } };
}

export function setDelegatedLimits(p: CouncilProfile, input: LimitsInput): CouncilProfile {
  // Roles the form does not ask about keep their limits.
  const asked = new Set<string>(input.limits.map((l) => l.role));
  const kept = p.delegatedLimits.filter((l) => !asked.has(l.role));
  return { ...p, delegatedLimits: [...kept, ...input.limits.flatMap((l) => (l.maxPounds === undefined ? [] : [{ role: l.role, maxPounds: l.maxPounds }]))] };
}

export function setLetterhead(p: CouncilProfile, input: LetterheadInput): CouncilProfile {
  const { name, ...letterhead } = input;
  return { ...p, name, letterhead };
}

/** The officers the rules name, as the form lists them; blank rows dropped, each party once. */
export function setContacts(p: CouncilProfile, input: ContactsInput): CouncilProfile {
  const contacts: CouncilProfile["contacts"] = [];
  input.contacts.forEach((row, i) => {
    if (!row.party || !row.title || !row.name || !row.email) return;
    if (contacts.some((c) => c.party === row.party)) throw new ProfileEditError(`contacts[${i}].party`, `"${row.party}" is named twice; each party has one contact`);
    contacts.push({ party: row.party, title: row.title, name: row.name, email: row.email });
  });
  return { ...p, contacts };
}

export function setOmbudsman(p: CouncilProfile, key: string, input: OmbudsmanInput): CouncilProfile {
  if (!(key in p.ombudsmen)) throw new ProfileEditError("name", "There is no such Ombudsman in the profile");
  const contact = Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined && v !== "")) as OmbudsmanInput;
  return { ...p, ombudsmen: { ...p.ombudsmen, [key]: contact } };
}
