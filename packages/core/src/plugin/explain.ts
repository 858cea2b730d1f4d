import { describePeriod } from "../deadlines/apply-period.js";
import type { Timescale } from "../regime/types.js";
import { describeLayer, type ResolvedRules, type TraceEntry } from "./resolved.js";

const anchorWords: Record<string, string> = {
  receipt: "receipt",
  "stage-request": "the request",
  "escalation-request": "the escalation request",
  "panel-request": "the panel request",
  acknowledgement: "the acknowledgement",
  "agreed-statement": "the agreed statement of complaint",
  response: "the response",
};

export function describeTimescale(t: Timescale | null | undefined): string {
  if (!t) return "none";
  const from = anchorWords[t.from] ?? `the ${t.from.slice("milestone:".length).replace(/-/g, " ")}`;
  return `${describePeriod(t.period)} from ${from}`;
}

/** A resolved rule's value in words ("15 working days from receipt"), by its trace path. */
export function describeRuleValue(path: string, value: unknown): string {
  if (value === null || value === undefined) return "none";
  if (path.endsWith(".acknowledge") || path.endsWith(".respond") || path.endsWith(".target") || path.includes(".milestone:") || path === "feedbackAcknowledge" || path === "wronglyAddressedReturn") {
    return describeTimescale(value as Timescale);
  }
  if (path.endsWith(".extension")) return `up to ${(value as { maxWorkingDays: number }).maxWorkingDays} working days`;
  if (path.endsWith(".escalation")) {
    const e = value as { to: string; window: Timescale | null };
    return `to ${e.to}${e.window ? `, asked within ${describePeriod(e.window.period)} of the response` : ", no time limit"}`;
  }
  if (path === "nextBody") return (value as { name: string }).name;
  if (Array.isArray(value)) return value.join(" + ");
  if (typeof value === "object") return JSON.stringify(value);
  return String(value);
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
  const interesting = ["acknowledge", "respond", "target", "extension", "holdingInterval", "escalation", "referBackTo", "handler", "skipped"];
  for (const [path, entries] of Object.entries(rules.trace)) {
    const field = path.split(".").at(-1)!;
    if (path.includes(".") && !interesting.includes(field) && !field.startsWith("milestone:")) continue;
    if (field === "skipped") {
      lines.push(`${path.split(".")[0]}: skipped — ${describeLayer(entries.at(-1)!.layer)} (${entries.at(-1)!.rule})`);
      continue;
    }
    const stageId = path.split(".")[0]!;
    if (path.includes(".") && !rules.regime.stages.some((s) => s.id === stageId)) continue;
    if (entries.at(-1)!.value === null && entries.length === 1) continue;
    lines.push(line(path, entries));
  }
  for (const req of rules.requiredRoles) {
    lines.push(`${req.command}${req.stageId ? ` at ${req.stageId}` : ""}: only ${req.roles.join(" or ")} — plugin "${req.plugin}" (${req.rule})`);
  }
  for (const max of rules.statutoryMaxima) {
    lines.push(`${max.stageId}.${max.field}: statutory maximum ${describePeriod(max.max)} — plugin "${max.plugin}" (${max.rule})`);
  }
  return lines;
}
