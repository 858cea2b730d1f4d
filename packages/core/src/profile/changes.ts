import { CASE_KINDS, type CaseKind } from "../vocabulary/case.js";
import { formatDayMonth, formatShort } from "../calendar/dates.js";
import { describeRuleValue } from "../plugin/explain.js";
import { describeLayer, type ResolvedRules } from "../plugin/resolved.js";
import type { RuleBook } from "../plugin/rule-book.js";
import type { CouncilProfile } from "./schema.js";

/**
 * What changes between two council profiles, in words an administrator reads before saving
 * (issue 14: "each change previews its effect"): the profile's own values, and the resolved
 * rules of every service and case kind that move with them. Pure: the API counts the open
 * cases whose due dates would move (apps/api/src/services/profile-changes.ts).
 */

/** One value of the profile that changes. `before` null: it is new; `after` null: it goes. */
export interface ProfileChange {
  /** Where in the profile, dotted, by ids ("directorates.housing.services.repairs.plugins"). */
  path: string;
  /** In words: `Service "Repairs" (repairs): plugins`. */
  what: string;
  before: string | null;
  after: string | null;
}

/** One resolved rule of a service and case kind that changes, with where each value comes from. */
export interface RuleChange {
  /** The rule's path in the resolved rules ("stage-1.respond", "closure days"). */
  rule: string;
  before: string;
  after: string;
}

export interface ServiceRulesChange {
  serviceId: string;
  serviceName: string;
  kind: CaseKind;
  changes: RuleChange[];
}

export interface ProfileComparison {
  changes: ProfileChange[];
  /** Services (and case kinds) present in both profiles whose resolved rules differ. */
  rules: ServiceRulesChange[];
  /** Services of the old profile the new one no longer has (their open cases need a home first). */
  removedServices: Array<{ serviceId: string; serviceName: string }>;
}

/** Compares the rules of two profiles, both already checked (RuleBook throws on a bad one). */
export function compareProfiles(before: RuleBook, after: RuleBook): ProfileComparison {
  const changes = profileChanges(before.profile, after.profile);
  const rules: ServiceRulesChange[] = [];
  const removedServices: ProfileComparison["removedServices"] = [];
  const afterServices = new Set(after.serviceIds());
  for (const serviceId of before.serviceIds()) {
    if (!afterServices.has(serviceId)) {
      removedServices.push({ serviceId, serviceName: serviceName(before.profile, serviceId) });
      continue;
    }
    for (const kind of CASE_KINDS) {
      const diff = diffFacts(ruleFacts(before.rulesFor(serviceId, kind), before.profile), ruleFacts(after.rulesFor(serviceId, kind), after.profile));
      if (diff.length) rules.push({ serviceId, serviceName: serviceName(after.profile, serviceId), kind, changes: diff });
    }
  }
  return { changes, rules, removedServices };
}

/** Whether cases of this service and kind follow different rules after the change. */
export function rulesChangeFor(comparison: ProfileComparison, serviceId: string, kind: CaseKind): boolean {
  return comparison.rules.some((r) => r.serviceId === serviceId && r.kind === kind);
}

function serviceName(profile: CouncilProfile, serviceId: string): string {
  for (const d of profile.directorates) for (const s of d.services) if (s.id === serviceId) return s.name;
  return serviceId;
}

/** Everything about one service's and kind's rules that a case can notice, in words, by name. */
function ruleFacts(rules: ResolvedRules, profile: CouncilProfile): Map<string, string> {
  const facts = new Map<string, string>();
  const stageIds = new Set(rules.regime.stages.map((s) => s.id));
  for (const [path, entries] of Object.entries(rules.trace)) {
    const last = entries.at(-1)!;
    const stageId = path.includes(".") ? path.split(".")[0]! : null;
    if (stageId && !stageIds.has(stageId) && !path.endsWith(".skipped")) continue;
    const value = path.endsWith(".skipped") ? "skipped" : describeRuleValue(path, last.value);
    facts.set(path, `${value} — ${describeLayer(last.layer)}${last.rule ? ` (${last.rule})` : ""}`);
  }
  facts.set("stages", `${rules.regime.stages.map((s) => s.label).join(" → ")} → ${rules.regime.nextBody.name}`);
  facts.set("plugins", rules.plugins.join(", ") || "none");
  facts.set("closure days", rules.regime.councilClosures ? describeClosures(profile.calendar.closures) : "the council's closure days do not count");
  facts.set("cut-off time", rules.receipt.cutOffTime ?? "none");
  facts.set("delegated limits", rules.delegatedLimits.map((l) => `${l.role} £${(l.maxPence / 100).toFixed(2)}`).join(", ") || "none");
  facts.set("notify before acknowledging", rules.notifyBeforeAcknowledging.map((n) => `${n.flag}: ${n.parties.join(", ")}`).join("; ") || "none");
  facts.set("required roles", rules.requiredRoles.map((r) => `${r.command}${r.stageId ? ` at ${r.stageId}` : ""}: ${r.roles.join(" or ")}`).join("; ") || "none");
  return facts;
}

function diffFacts(before: Map<string, string>, after: Map<string, string>): RuleChange[] {
  const out: RuleChange[] = [];
  for (const rule of new Set([...before.keys(), ...after.keys()])) {
    const a = before.get(rule) ?? "none";
    const b = after.get(rule) ?? "none";
    if (a !== b) out.push({ rule, before: a, after: b });
  }
  return out;
}

function describeClosures(closures: CouncilProfile["calendar"]["closures"]): string {
  return closures.map(describeClosure).join(", ") || "none";
}

function describeClosure(c: CouncilProfile["calendar"]["closures"][number]): string {
  if ("date" in c) return `${formatShort(c.date)} (${c.label})`;
  const [month, day] = c.everyYear.split("-");
  return `${formatDayMonth(`2000-${month}-${day}`).replace(/^\S+ /, "")} every year (${c.label})`;
}

/** Words for a value of the profile that has no rule path of its own. */
function words(value: unknown): string | null {
  if (value === undefined) return null;
  if (value === null) return "none";
  if (Array.isArray(value)) return value.length ? value.map((v) => (typeof v === "object" ? JSON.stringify(v) : String(v))).join(", ") : "none";
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

/** The profile's own values, compared field by field, lists by their ids. */
export function profileChanges(before: CouncilProfile, after: CouncilProfile): ProfileChange[] {
  const out: ProfileChange[] = [];
  const add = (path: string, what: string, a: string | null, b: string | null) => {
    if (a !== b) out.push({ path, what, before: a, after: b });
  };
  add("name", "Council name", before.name, after.name);
  add("id", "Profile id", before.id, after.id);
  add("referencePrefix", "Case reference prefix", before.referencePrefix, after.referencePrefix);
  add("sources", "Documents the profile is built from", words(before.sources), words(after.sources));
  add("calendar.nations", "Bank holidays of", words(before.calendar.nations ?? ["england-and-wales"]), words(after.calendar.nations ?? ["england-and-wales"]));
  add("calendar.cutOffTime", "Cut-off time (later counts as the next working day)", before.calendar.cutOffTime ?? "none", after.calendar.cutOffTime ?? "none");
  keyed(
    before.calendar.closures,
    after.calendar.closures,
    (c) => ("date" in c ? c.date : `every ${c.everyYear}`),
    (key, a, b) => add(`calendar.closures.${key}`, "Closure day", a && describeClosure(a), b && describeClosure(b)),
  );
  settings("timescales", "Corporate timescales", before.timescales, after.timescales, add);
  keyed(
    before.delegatedLimits,
    after.delegatedLimits,
    (l) => l.role,
    (role, a, b) => add(`delegatedLimits.${role}`, `Delegated financial limit of ${role}`, a && `£${a.maxPounds}`, b && `£${b.maxPounds}`),
  );
  keyed(
    before.notifyBeforeAcknowledging,
    after.notifyBeforeAcknowledging,
    (n) => n.flag,
    (flag, a, b) => add(`notifyBeforeAcknowledging.${flag}`, `Told before acknowledging a ${flag} case`, a && `${a.parties.join(", ")} (${a.rule})`, b && `${b.parties.join(", ")} (${b.rule})`),
  );
  keyed(
    before.contacts,
    after.contacts,
    (c) => c.party,
    (party, a, b) => add(`contacts.${party}`, `Told as ${party}`, a && `${a.title}, ${a.name} <${a.email}>`, b && `${b.title}, ${b.name} <${b.email}>`),
  );
  for (const field of new Set([...Object.keys(before.letterhead), ...Object.keys(after.letterhead)])) {
    const key = field as keyof CouncilProfile["letterhead"];
    add(`letterhead.${field}`, `Letterhead: ${field}`, words(before.letterhead[key]), words(after.letterhead[key]));
  }
  for (const body of new Set([...Object.keys(before.ombudsmen), ...Object.keys(after.ombudsmen)])) {
    const a = before.ombudsmen[body];
    const b = after.ombudsmen[body];
    if (!a || !b) {
      add(`ombudsmen.${body}`, `Ombudsman "${body}"`, a ? a.name : null, b ? b.name : null);
      continue;
    }
    for (const field of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const key = field as keyof typeof a;
      add(`ombudsmen.${body}.${field}`, `Ombudsman "${body}": ${field}`, words(a[key]), words(b[key]));
    }
  }
  add("homes", "Homes the council owns as landlord", words(before.homes) ?? "not given", words(after.homes) ?? "not given");
  structure(before, after, add);
  // Anything the lines above do not name still counts as a change (a save is never silently skipped).
  if (!out.length && canonical(before) !== canonical(after)) out.push({ path: "(profile)", what: "Other values of the profile", before: "as in use", after: "changed" });
  return out;
}

function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v,
  );
}

function keyed<T>(before: readonly T[], after: readonly T[], key: (item: T) => string, each: (key: string, a: T | null, b: T | null) => void): void {
  const a = new Map(before.map((x) => [key(x), x]));
  const b = new Map(after.map((x) => [key(x), x]));
  for (const k of new Set([...a.keys(), ...b.keys()])) each(k, a.get(k) ?? null, b.get(k) ?? null);
}

type Add = (path: string, what: string, a: string | null, b: string | null) => void;

/** Rule overrides (timescales, settings) flattened to one line per value, in the words of explain. */
function settings(path: string, what: string, before: object | undefined, after: object | undefined, add: Add): void {
  const a = flattenSettings(before);
  const b = flattenSettings(after);
  for (const key of new Set([...a.keys(), ...b.keys()])) add(`${path}.${key}`, `${what}: ${key}`, a.get(key) ?? null, b.get(key) ?? null);
}

function flattenSettings(overrides: object | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(overrides ?? {})) {
    if (value === undefined) continue;
    if (key === "stages") {
      for (const [stageId, fields] of Object.entries(value as Record<string, Record<string, unknown>>)) {
        for (const [field, v] of Object.entries(fields)) {
          if (v === undefined) continue;
          const rule = `${stageId}.${field}`;
          const source = v && typeof v === "object" && "rule" in v ? ` (${String((v as { rule: unknown }).rule)})` : "";
          out.set(rule, `${describeRuleValue(rule, v)}${source}`);
        }
      }
    } else {
      out.set(key, describeRuleValue(key, value));
    }
  }
  return out;
}

/** Directorates, services and teams: added, retired, renamed, moved, their plugins and settings. */
function structure(before: CouncilProfile, after: CouncilProfile, add: Add): void {
  type Service = CouncilProfile["directorates"][number]["services"][number];
  keyed(
    before.directorates,
    after.directorates,
    (d) => d.id,
    (id, a, b) => {
      const label = `Directorate "${(b ?? a)!.name}" (${id})`;
      if (!a || !b) return add(`directorates.${id}`, label, a && a.name, b && b.name);
      add(`directorates.${id}.name`, `${label}: name`, a.name, b.name);
      add(`directorates.${id}.plugins`, `${label}: plugins for every service`, words(a.plugins), words(b.plugins));
      settings(`directorates.${id}.settings`, `${label}: settings`, a.settings, b.settings, add);
    },
  );
  const services = (p: CouncilProfile) => p.directorates.flatMap((d) => d.services.map((s) => ({ ...s, directorate: d.id })));
  keyed<Service & { directorate: string }>(
    services(before),
    services(after),
    (s) => s.id,
    (id, a, b) => {
      const label = `Service "${(b ?? a)!.name}" (${id})`;
      if (!a || !b) return add(`services.${id}`, label, a && `${a.name}, in ${a.directorate}`, b && `${b.name}, in ${b.directorate}`);
      add(`services.${id}.name`, `${label}: name`, a.name, b.name);
      add(`services.${id}.directorate`, `${label}: directorate`, a.directorate, b.directorate);
      add(`services.${id}.plugins`, `${label}: plugins`, words(a.plugins), words(b.plugins));
      settings(`services.${id}.settings`, `${label}: settings`, a.settings, b.settings, add);
      keyed(
        a.teams,
        b.teams,
        (t) => t.id,
        (team, ta, tb) => add(`services.${id}.teams.${team}`, `${label}: team ${team}`, ta && ta.name, tb && tb.name),
      );
    },
  );
}
