import type { ExtensionRule, IntakeVariant, StageRules, Timescale } from "./types.js";

/**
 * A stage's rules as they apply to one case: each timescale and extension that varies by an
 * intake field takes the first variant the case's intake matches (EIR reg 11(4): 40 working
 * days for an EIR reconsideration, 20 for an FOI review; decision 0107). The result carries no
 * variants, so everything downstream reads one period and one rule.
 */
export function stageRulesForCase(stage: StageRules, intake: Readonly<Record<string, unknown>>): StageRules {
  const varies = [stage.acknowledge, stage.respond, stage.target].some((t) => t?.byIntake?.length) || !!stage.extension?.byIntake?.length;
  if (!varies) return stage;
  return {
    ...stage,
    acknowledge: timescaleForCase(stage.acknowledge, intake),
    respond: timescaleForCase(stage.respond, intake)!,
    target: stage.target && { ...stage.target, ...timescaleForCase(stage.target, intake)! },
    extension: extensionForCase(stage.extension, intake),
  };
}

function matching<T>(variants: IntakeVariant<T>[] | undefined, intake: Readonly<Record<string, unknown>>): IntakeVariant<T> | undefined {
  return variants?.find((v) => intake[v.field] === v.equals);
}

export function timescaleForCase<T extends Timescale | null>(t: T, intake: Readonly<Record<string, unknown>>): T {
  if (!t) return t;
  const { byIntake, ...rest } = t;
  const v = matching(byIntake, intake);
  return (v ? { ...rest, period: v.period, rule: v.rule } : rest) as T;
}

export function extensionForCase(e: ExtensionRule | null, intake: Readonly<Record<string, unknown>>): ExtensionRule | null {
  if (!e) return e;
  const { byIntake, ...rest } = e;
  const v = matching(byIntake, intake);
  return v ? { ...rest, maxWorkingDays: v.maxWorkingDays, rule: v.rule } : rest;
}
