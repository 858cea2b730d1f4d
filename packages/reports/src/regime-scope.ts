import type { CodeTimescale } from "@complaints/db";
import { CASE_KINDS, type Period, type ResolvedRules, type RuleBook, type TraceEntry } from "@complaints/core";

/**
 * Which cases a plugin's report covers, and the timescales it judges them by, read from the
 * council's resolved rules (decision 0711): the regimes of every service and kind whose rules
 * carry the report, and each stage's timescales as the regime sets them (core's defaults and
 * the plugins), before the council's own settings, since a measure like CH02 judges by the
 * Code's timescales, not by a council's quicker ones.
 */
export interface RegimeReportScope {
  regimeIds: string[];
  /** The case kinds whose rules carry the report. */
  caseKinds: string[];
  /** The services whose rules carry it (a regime may govern other services too). */
  serviceIds?: string[];
  timescales: CodeTimescale[];
}

const REGIME_LAYERS = new Set(["core-default", "plugin"]);

/** The value the regime itself gives a rule path: the last one set by core or a plugin. */
function regimeValue<T>(rules: ResolvedRules, path: string): T | null {
  const entries: TraceEntry[] = rules.trace[path] ?? [];
  const own = entries.filter((e) => REGIME_LAYERS.has(e.layer.kind)).at(-1);
  return (own?.value as T | undefined) ?? null;
}

const workingDays = (period: Period | undefined): number | null => (period && "workingDays" in period ? period.workingDays : null);

/** Each stage's acknowledgement, response and maximum extension in working days, as the regime sets them. */
export function regimeTimescales(rules: ResolvedRules): CodeTimescale[] {
  return rules.regime.stages.flatMap((stage) => {
    const ack = workingDays(regimeValue<{ period: Period }>(rules, `${stage.id}.acknowledge`)?.period);
    const respond = workingDays(regimeValue<{ period: Period }>(rules, `${stage.id}.respond`)?.period);
    const extension = regimeValue<{ maxWorkingDays: number }>(rules, `${stage.id}.extension`)?.maxWorkingDays ?? 0;
    return ack === null || respond === null ? [] : [{ stageId: stage.id, acknowledgeDays: ack, respondDays: respond, maxExtensionDays: extension }];
  });
}

/**
 * The scope of the report `reportId` in a council: every service and case kind whose rules
 * carry it. Null when no service does (the plugin is not enabled).
 */
export function reportScope(book: RuleBook, reportId: string): RegimeReportScope | null {
  const regimeIds = new Set<string>();
  const caseKinds = new Set<string>();
  const serviceIds = new Set<string>();
  let timescales: CodeTimescale[] | null = null;
  for (const serviceId of book.serviceIds()) {
    for (const kind of CASE_KINDS) {
      const rules = book.rulesFor(serviceId, kind);
      if (!rules.reports.some((r) => r.id === reportId)) continue;
      regimeIds.add(rules.regime.id);
      caseKinds.add(kind);
      serviceIds.add(serviceId);
      timescales ??= regimeTimescales(rules);
    }
  }
  return timescales ? { regimeIds: [...regimeIds], caseKinds: [...caseKinds], serviceIds: [...serviceIds], timescales } : null;
}
