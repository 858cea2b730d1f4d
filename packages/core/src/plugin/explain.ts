import { NATION_LABELS } from "../calendar/bank-holidays.js";
import { JURISDICTION_LABELS, type Jurisdiction } from "../vocabulary/jurisdictions.js";
import { describePeriod } from "../deadlines/apply-period.js";
import type { Period, Timescale } from "../regime/types.js";
import { describeLayer, type ResolvedRules, type TraceEntry } from "./resolved.js";

const anchorWords: Record<string, string> = {
  receipt: "receipt",
  "stage-request": "the request",
  "escalation-request": "the escalation request",
  "panel-request": "the panel request",
  acknowledgement: "the acknowledgement",
  "agreed-statement": "the agreed statement of complaint",
  response: "the response",
  "matter-arose": "the event complained about",
};

export function describeTimescale(t: Timescale | null | undefined): string {
  if (!t) return "none";
  const from = anchorWords[t.from] ?? `the ${t.from.slice("milestone:".length).replace(/-/g, " ")}`;
  const variants = (t.byIntake ?? []).map((v) => `; ${describePeriod(v.period)} when ${v.field} is ${String(v.equals)} (${v.rule})`).join("");
  return `${describePeriod(t.period)} from ${from}${variants}`;
}

/** A resolved rule's value in words ("15 working days from receipt"), by its trace path. */
export function describeRuleValue(path: string, value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (path.endsWith(".acknowledge") || path.endsWith(".respond") || path.endsWith(".target") || path.includes(".milestone:") || path === "feedbackAcknowledge" || path === "wronglyAddressedReturn") {
    return describeTimescale(value as Timescale);
  }
  if (path.endsWith(".extension")) {
    const e = value as { maxWorkingDays: number; byIntake?: Array<{ field: string; equals: unknown; maxWorkingDays: number }> };
    return `up to ${e.maxWorkingDays} working days${(e.byIntake ?? []).map((v) => `; ${v.maxWorkingDays ? `up to ${v.maxWorkingDays}` : "none"} when ${v.field} is ${String(v.equals)}`).join("")}`;
  }
  if (path === "jurisdiction") return JURISDICTION_LABELS[value as Jurisdiction] ?? String(value);
  if (path.endsWith(".escalation")) {
    const e = value as { to: string; window: Timescale | null; orLaterOf?: Timescale[] };
    const later = (e.orLaterOf ?? []).map((w) => ` or ${describeTimescale(w)}`).join("");
    return `to ${e.to}${e.window ? `, asked within ${describePeriod(e.window.period)} of the response${later}${later ? ", whichever is later" : ""}` : ", no time limit"}`;
  }
  if (path === "nextBody") return (value as { name: string }).name;
  if (path === "identity") return (value as { label: string }).label;
  if (path === "dayCounting") return (value as { firstDay: 0 | 1 }).firstDay === 1 ? "the day counted from is day 1" : "the day counted from is day 0";
  if (path.endsWith(".openedByTriage")) return "triage may open it directly";
  if (path.endsWith(".handler")) {
    const h = value as { independentOf: string[] };
    return h.independentOf.length ? `someone independent of ${h.independentOf.join(" and ")}` : "any officer";
  }
  if (path.endsWith(".holdingInterval") || path === "timeLimit") return describePeriod(value as Period);
  if (typeof value === "boolean") return value ? "yes" : "no";
  if (Array.isArray(value)) return value.join(" + ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
}

const FIELD_WORDS: Record<string, string> = {
  acknowledge: "Acknowledge within",
  respond: "Respond within",
  target: "Internal target",
  extension: "Extension",
  holdingInterval: "Holding letter every",
  escalation: "Escalation",
  referBackTo: "Refers back to",
  handler: "Handled by",
  nextBody: "After the last stage",
  nations: "Bank holidays of",
  councilClosures: "Council closure days count",
  timeLimit: "Time limit to complain",
  feedbackAcknowledge: "Acknowledge compliments and comments within",
  wronglyAddressedReturn: "Return a wrongly addressed complaint within",
  jurisdiction: "Jurisdiction",
  dayCounting: "Counting days",
  openedByTriage: "Opened by triage",
};

/** One resolved value in words: what it is, its value, who set it (and by which rule), and what it overrode. */
export interface RuleInWords {
  path: string;
  what: string;
  value: string;
  setBy: string;
  rule: string | null;
  overrides: Array<{ setBy: string; value: string }>;
}

/** A service's resolved rules for one kind of case, stage by stage, each value with where it came from. */
export interface RulesInWords {
  regime: string;
  plugins: string[];
  stages: Array<{ id: string; label: string; skipped: { setBy: string; rule: string | null } | null; rules: RuleInWords[] }>;
  general: RuleInWords[];
  nextBody: string;
  /** "Only a head of service may sign the Stage 2 response (plugin …)". */
  constraints: string[];
}

const INTERESTING = ["acknowledge", "respond", "target", "extension", "holdingInterval", "escalation", "referBackTo", "handler", "skipped", "openedByTriage"];

/** The trace entries worth showing, in trace order: each stage's timescales and the regime's own values. */
function shownEntries(rules: ResolvedRules): Array<{ path: string; stageId: string | null; field: string; entries: TraceEntry[] }> {
  const shown: Array<{ path: string; stageId: string | null; field: string; entries: TraceEntry[] }> = [];
  for (const [path, entries] of Object.entries(rules.trace)) {
    const field = path.split(".").at(-1)!;
    const stageId = path.includes(".") ? path.split(".")[0]! : null;
    if (stageId !== null && !INTERESTING.includes(field) && !field.startsWith("milestone:")) continue;
    if (field !== "skipped" && stageId !== null && !rules.regime.stages.some((s) => s.id === stageId)) continue;
    if (field !== "skipped" && entries.at(-1)!.value === null && entries.length === 1) continue;
    shown.push({ path, stageId, field, entries });
  }
  return shown;
}

function inWords(rules: ResolvedRules, path: string, field: string, entries: TraceEntry[]): RuleInWords {
  const last = entries.at(-1)!;
  // Stage ids and nations as people say them: "Stage 2", "England and Wales".
  const labels = new Map<string, string>([...rules.regime.stages.map((s) => [s.id, s.label] as const), ...Object.entries(NATION_LABELS)]);
  const ids = new RegExp(`\\b(${[...labels.keys()].map((k) => k.replace(/[-]/g, "\\-")).join("|")})\\b`, "g");
  const say = (v: unknown) => describeRuleValue(path, v).replace(ids, (id) => labels.get(id) ?? id);
  const milestone = field.startsWith("milestone:") ? field.slice("milestone:".length).replace(/-/g, " ") : null;
  return {
    path,
    what: milestone ? `Milestone: ${milestone}` : (FIELD_WORDS[field] ?? field),
    value: say(last.value),
    setBy: describeLayer(last.layer),
    rule: last.rule,
    overrides: entries
      .slice(0, -1)
      .reverse()
      .map((e) => ({ setBy: describeLayer(e.layer), value: say(e.value) })),
  };
}

/**
 * The same values as `explainRules`, grouped by stage for a page that reads as prose rather
 * than as rule paths (the portal's rules page, docs/decisions/0514-configuration-in-the-portal.md).
 */
export function describeRules(rules: ResolvedRules): RulesInWords {
  const shown = shownEntries(rules);
  const stageIds = [...new Set([...rules.regime.stages.map((s) => s.id), ...shown.filter((e) => e.field === "skipped").map((e) => e.stageId!)])];
  return {
    regime: rules.regime.label,
    plugins: [...rules.plugins],
    stages: stageIds.map((id) => {
      const skip = shown.find((e) => e.stageId === id && e.field === "skipped")?.entries.at(-1);
      return {
        id,
        label: rules.regime.stages.find((s) => s.id === id)?.label ?? id.replace(/-/g, " ").replace(/^./, (c) => c.toUpperCase()),
        skipped: skip ? { setBy: describeLayer(skip.layer), rule: skip.rule } : null,
        rules: shown.filter((e) => e.stageId === id && e.field !== "skipped").map((e) => inWords(rules, e.path, e.field, e.entries)),
      };
    }),
    // The procedure's identity is its name, said at the top.
    general: shown.filter((e) => e.stageId === null && e.path !== "identity").map((e) => inWords(rules, e.path, e.field, e.entries)),
    nextBody: rules.regime.nextBody.name,
    constraints: [
      ...rules.requiredRoles.map((r) => `Only ${r.roles.join(" or ")} may ${r.command.replace(/-/g, " ")}${r.stageId ? ` at ${rules.regime.stages.find((s) => s.id === r.stageId)?.label ?? r.stageId}` : ""}: plugin "${r.plugin}" (${r.rule})`),
      ...rules.statutoryMaxima.map(
        (m) => `${rules.regime.stages.find((s) => s.id === m.stageId)?.label ?? m.stageId} ${m.field === "respond" ? "response" : m.field === "acknowledge" ? "acknowledgement" : m.field}${m.intake ? ` when ${m.intake.field} is ${String(m.intake.equals)}` : ""}: at most ${describePeriod(m.max)} by law — plugin "${m.plugin}" (${m.rule})`,
      ),
      ...(rules.grantedRoles ?? []).map((g) => `${g.roles.join(" or ")} may also ${g.command.replace(/-/g, " ")}${g.stageId ? ` at ${rules.regime.stages.find((s) => s.id === g.stageId)?.label ?? g.stageId}` : ""}: granted by plugin "${g.plugin}" (${g.rule})`),
      ...(rules.refusedGrants ?? []).map((g) => `Not granted: ${g.roles.join(" or ")} to ${g.command.replace(/-/g, " ")}, asked by plugin "${g.plugin}" (${g.rule}) — refused by the council (${g.refusedBecause})`),
    ],
  };
}

function line(path: string, entries: TraceEntry[]): string {
  const last = entries.at(-1)!;
  const history = entries
    .slice(0, -1)
    .reverse()
    .map((e) => `${describeLayer(e.layer)}: ${describeRuleValue(path, e.value)}`)
    .join("; ");
  return `${path}: ${describeRuleValue(path, last.value)} — ${describeLayer(last.layer)}${last.rule ? ` (${last.rule})` : ""}${history ? ` [overrides ${history}]` : ""}`;
}

/**
 * "Why is Stage 1 ten days here?": every resolved value, the layer that set it, its rule,
 * and what it overrode.
 */
export function explainRules(rules: ResolvedRules): string[] {
  const lines = [
    `${rules.scope.kind} cases of service "${rules.scope.serviceId}" (profile "${rules.scope.profileId}"): ${rules.regime.label}`,
    `plugins: ${rules.plugins.length ? rules.plugins.join(", ") : "none"}`,
    `stages: ${rules.regime.stages.map((s) => s.label).join(" → ")} → ${rules.regime.nextBody.name}`,
  ];
  for (const { path, stageId, field, entries } of shownEntries(rules)) {
    if (field === "skipped") {
      lines.push(`${stageId}: skipped — ${describeLayer(entries.at(-1)!.layer)} (${entries.at(-1)!.rule})`);
      continue;
    }
    lines.push(line(path, entries));
  }
  for (const req of rules.requiredRoles) {
    lines.push(`${req.command}${req.stageId ? ` at ${req.stageId}` : ""}: only ${req.roles.join(" or ")} — plugin "${req.plugin}" (${req.rule})`);
  }
  for (const max of rules.statutoryMaxima) {
    lines.push(`${max.stageId}.${max.field}${max.intake ? ` when ${max.intake.field} is ${String(max.intake.equals)}` : ""}: statutory maximum ${describePeriod(max.max)} — plugin "${max.plugin}" (${max.rule})`);
  }
  for (const grant of rules.grantedRoles ?? []) {
    lines.push(`${grant.command}${grant.stageId ? ` at ${grant.stageId}` : ""}: also ${grant.roles.join(" or ")} — granted by plugin "${grant.plugin}" (${grant.rule})`);
  }
  for (const grant of rules.refusedGrants ?? []) {
    lines.push(`${grant.command}${grant.stageId ? ` at ${grant.stageId}` : ""}: ${grant.roles.join(" or ")} not granted — plugin "${grant.plugin}" asked (${grant.rule}); refused by council profile (${grant.refusedBecause})`);
  }
  if (rules.letters) {
    lines.push(`letters: checked under ${rules.letters.procedure}; the next body named is ${rules.regime.nextBody.name}`);
    for (const kind of rules.letters.kinds) lines.push(`letter kind ${kind.id} "${kind.label}" — plugin "${kind.plugin}" (${kind.rule})`);
  }
  return lines;
}
