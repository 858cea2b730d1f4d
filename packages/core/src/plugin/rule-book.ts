import { z } from "zod";
import { DomainError } from "../errors.js";
import { calendarFor, type WorkingDayCalendar } from "../calendar/calendar.js";
import { fromDayNumber, toDayNumber } from "../calendar/dates.js";
import { applyPeriod } from "../deadlines/apply-period.js";
import { CASE_KINDS, type CaseKind } from "../vocabulary/case.js";
import { LETTER_KINDS } from "../vocabulary/letters.js";
import { defaultRegime } from "../regime/default-regime.js";
import type { RuleOverrides } from "../regime/schema.js";
import type { Period, Regime, StageRules } from "../regime/types.js";
import type { CouncilProfile } from "../profile/schema.js";
import { baseIntakeShape } from "../lifecycle/intake.js";
import type { RuleOp } from "./ops.js";
import { ruleOf } from "./ops.js";
import { recordPlugin, type PluginRegistration } from "./registrar.js";
import { describeLayer, type Layer, type ResolvedRules, type RuleTrace, type StatutoryMaximum } from "./resolved.js";
import type { ServicePlugin } from "./types.js";
import { describeRuleValue } from "./explain.js";
import { JURISDICTION_LABELS } from "../vocabulary/jurisdictions.js";
import { resolveLetters } from "./letter-content.js";
import type { Role } from "../vocabulary/index.js";

/** Roles that never do casework, so no plugin may grant them a command (allowRoles). */
export const NEVER_GRANTED: readonly Role[] = ["auditor", "public", "system"];

/**
 * Rules that cannot start (a plugin not installed, settings a plugin refuses…), naming each
 * problem. A domain error (invalid input): an administrator's profile edit refused by the API,
 * or a server that will not start.
 */
export class RuleConfigurationError extends DomainError {
  override readonly name = "RuleConfigurationError";
  constructor(readonly problems: string[]) {
    super("INVALID_INPUT", `The complaint rules cannot start: ${problems.join("; ")}`);
  }
}

interface ServiceScope {
  directorateId: string;
  serviceId: string;
  serviceName: string;
  plugins: string[];
  directorateSettings: RuleOverrides | undefined;
  serviceSettings: RuleOverrides | undefined;
}

/**
 * The rules of one council: the profile plus the installed plugins, resolved for every
 * service and case kind and checked once at start-up, so a misconfiguration stops the
 * server with a message naming the plugin instead of surfacing on a live case.
 */
export class RuleBook {
  readonly profile: CouncilProfile;
  private readonly registrations = new Map<string, PluginRegistration>();
  private readonly services = new Map<string, ServiceScope>();
  private readonly cache = new Map<string, ResolvedRules>();
  private readonly warningSet = new Set<string>();

  constructor(profile: CouncilProfile, installed: readonly ServicePlugin[]) {
    this.profile = profile;
    const problems: string[] = [];
    for (const plugin of installed) {
      if (this.registrations.has(plugin.id)) {
        problems.push(`Plugin "${plugin.id}" is installed twice`);
        continue;
      }
      try {
        this.registrations.set(plugin.id, recordPlugin(plugin));
      } catch (error) {
        problems.push((error as Error).message);
      }
    }
    for (const directorate of profile.directorates) {
      for (const service of directorate.services) {
        if (this.services.has(service.id)) problems.push(`Service id "${service.id}" is used twice in profile "${profile.id}"`);
        const plugins = [...new Set([...directorate.plugins, ...service.plugins])];
        for (const pluginId of plugins) {
          if (!this.registrations.has(pluginId)) {
            problems.push(
              `Service "${service.id}" enables plugin "${pluginId}", which is not installed (installed: ${[...this.registrations.keys()].join(", ") || "none"})`,
            );
          }
        }
        this.services.set(service.id, {
          directorateId: directorate.id,
          serviceId: service.id,
          serviceName: service.name,
          plugins: plugins.filter((p) => this.registrations.has(p)),
          directorateSettings: directorate.settings,
          serviceSettings: service.settings,
        });
      }
    }
    // Every service is checked even when another names a plugin that is not installed, so a
    // profile file with several mistakes is refused with all of them (issue 14).
    for (const scope of this.services.values()) {
      const clashes = this.claimConflicts(scope);
      problems.push(...clashes);
      // One clash, one message (issue 17): resolving two regimes over each other only adds
      // consequences of the clash (missing stages, intake fields twice) that fixing it removes.
      if (clashes.length) continue;
      for (const kind of CASE_KINDS) {
        try {
          this.rulesFor(scope.serviceId, kind);
        } catch (error) {
          if (error instanceof RuleConfigurationError) problems.push(...error.problems);
          else throw error;
        }
      }
    }
    if (problems.length) throw new RuleConfigurationError([...new Set(problems)]);
  }

  /**
   * What start-up should tell the administrator without refusing to start: a regime outside
   * England that inherits one of core's English values without saying so (decision 0107).
   * Complete once the constructor returns, since it resolves every service and kind.
   */
  get warnings(): string[] {
    return [...this.warningSet];
  }

  serviceIds(): string[] {
    return [...this.services.keys()];
  }

  directorateOf(serviceId: string): string | null {
    return this.services.get(serviceId)?.directorateId ?? null;
  }

  pluginIds(): string[] {
    return [...this.registrations.keys()];
  }

  private claimConflicts(scope: ServiceScope): string[] {
    const problems: string[] = [];
    const serviceClaimers = scope.plugins.filter((p) => this.registrations.get(p)!.claimsService);
    const fix = `remove the other from the "plugins" of the service (or of its directorate) in profile "${this.profile.id}"`;
    if (serviceClaimers.length > 1) {
      return [
        `Service "${scope.serviceId}" is claimed by two plugins, ${serviceClaimers.map((p) => `"${p}"`).join(" and ")}: enable only one regime per service; keep the one whose procedure the service follows and ${fix}`,
      ];
    }
    for (const kind of CASE_KINDS) {
      const kindClaimers = scope.plugins.filter((p) => this.registrations.get(p)!.claimsKinds.includes(kind));
      if (kindClaimers.length > 1) {
        problems.push(
          `Case kind "${kind}" in service "${scope.serviceId}" is claimed by two plugins, ${kindClaimers.map((p) => `"${p}"`).join(" and ")}: keep the one whose procedure these cases follow and ${fix}`,
        );
      }
    }
    return problems;
  }

  /**
   * The plugins that govern a case: a plugin claiming the case's kind wins over one claiming
   * the service (a member enquiry about housing follows the member-enquiry rules); plugins
   * that claim nothing are add-ons and always apply.
   */
  private applicablePlugins(scope: ServiceScope, kind: CaseKind): PluginRegistration[] {
    const regs = scope.plugins.map((p) => this.registrations.get(p)!);
    const kindClaimed = regs.some((r) => r.claimsKinds.includes(kind));
    return regs.filter((r) => {
      if (r.claimsKinds.includes(kind)) return true;
      if (r.claimsKinds.length > 0) return false;
      if (r.claimsService) return !kindClaimed && (kind === "complaint" || kind === "compliment" || kind === "comment" || kind === "service-request");
      // An add-on: where it says, or else wherever no other plugin has taken the kind over
      // (a third stage written for complaints must not follow an FOI review).
      return r.appliesToKinds ? r.appliesToKinds.includes(kind) : !kindClaimed;
    });
  }

  rulesFor(serviceId: string, kind: CaseKind): ResolvedRules {
    const key = `${serviceId}|${kind}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const scope = this.services.get(serviceId);
    if (!scope) {
      throw new RuleConfigurationError([`Unknown service "${serviceId}" in profile "${this.profile.id}"`]);
    }
    const plugins = this.applicablePlugins(scope, kind);
    const layers: Array<{ layer: Layer; ops: RuleOp[] }> = [];
    const forKind = (o: RuleOverrides | undefined): o is RuleOverrides => !!o && (!o.kinds || o.kinds.includes(kind));
    if (forKind(this.profile.timescales)) layers.push({ layer: { kind: "profile", id: this.profile.id }, ops: opsFromOverrides(this.profile.timescales) });
    if (this.profile.calendar.nations) {
      layers.push({
        layer: { kind: "profile", id: this.profile.id },
        ops: [{ op: "nations", value: this.profile.calendar.nations, rule: `Council profile ${this.profile.name}` }],
      });
    }
    for (const reg of plugins) layers.push({ layer: { kind: "plugin", id: reg.plugin.id }, ops: reg.ops });
    if (forKind(scope.directorateSettings)) layers.push({ layer: { kind: "directorate", id: scope.directorateId }, ops: opsFromOverrides(scope.directorateSettings) });
    if (forKind(scope.serviceSettings)) layers.push({ layer: { kind: "service", id: scope.serviceId }, ops: opsFromOverrides(scope.serviceSettings) });

    const { regime, trace, problems } = applyLayers(defaultRegime, layers);
    const calendar = calendarFor({ nations: regime.nations, closures: regime.councilClosures ? this.profile.calendar.closures : [] });
    const maxima = plugins.flatMap((r) => r.statutoryMaxima);
    const where = `service "${serviceId}", ${kind}`;
    problems.push(...checkGraph(regime, where, plugins.map((p) => p.plugin.id)));
    problems.push(...checkMaxima(regime, maxima, trace, serviceId, calendar));
    for (const reg of plugins) {
      for (const { rule, check } of reg.regimeChecks) {
        const problem = check(regime);
        if (problem) problems.push(`${where}: plugin "${reg.plugin.id}": ${problem} (${rule})`);
      }
    }
    const intakeShape: z.ZodRawShape = { ...baseIntakeShape };
    for (const reg of plugins) {
      for (const field of Object.keys(reg.intake)) {
        if (field in intakeShape) problems.push(`Plugin "${reg.plugin.id}" adds intake field "${field}", which already exists`);
      }
      Object.assign(intakeShape, reg.intake);
    }
    problems.push(...checkIntakeVariants(regime, where, intakeShape));
    const grants = plugins.flatMap((r) => r.grantedRoles);
    for (const grant of grants) {
      const never = grant.roles.filter((role) => NEVER_GRANTED.includes(role));
      if (never.length) problems.push(`Plugin "${grant.plugin}" grants ${never.join(", ")} the command "${grant.command}", but those roles never do casework`);
    }
    const refusal = (grant: (typeof grants)[number], role: Role) =>
      this.profile.procedures.refusedGrants.find((r) => (!r.plugin || r.plugin === grant.plugin) && (!r.command || r.command === grant.command) && (!r.role || r.role === role));
    const grantedRoles = grants
      .map((grant) => ({ ...grant, roles: grant.roles.filter((role) => !refusal(grant, role)) }))
      .filter((grant) => grant.roles.length > 0);
    const refusedGrants = grants.flatMap((grant) =>
      grant.roles.flatMap((role) => {
        const refused = refusal(grant, role);
        return refused ? [{ ...grant, roles: [role], refusedBecause: refused.rule }] : [];
      }),
    );
    const letterKinds = plugins.flatMap((r) => r.letterKinds.map((k) => ({ ...k, plugin: r.plugin.id })));
    const knownKinds = new Set<string>([...LETTER_KINDS, ...letterKinds.map((k) => k.id)]);
    for (const reg of plugins) {
      for (const op of reg.letterOps) {
        const kinds = op.op === "letters" ? Object.keys(op.value.content) : [op.kind];
        for (const kind of kinds) if (!knownKinds.has(kind)) problems.push(`Plugin "${reg.plugin.id}" sets the content of letter kind "${kind}", which is neither core's nor added by a plugin here`);
        if (op.op === "letter-content" && op.stageId && !regime.stages.some((s) => s.id === op.stageId)) {
          problems.push(`${where}: plugin "${reg.plugin.id}" sets the content of the ${op.kind} at stage "${op.stageId}", which the regime does not have`);
        }
      }
    }
    if (problems.length) throw new RuleConfigurationError(problems);
    for (const warning of inheritedWarnings(regime, trace)) this.warningSet.add(warning);
    const letters = resolveLetters(
      plugins.flatMap((r) => r.letterOps.map((op) => ({ plugin: r.plugin.id, op }))),
      letterKinds,
      regime.nextBody,
    );

    const hooks = plugins.flatMap((r) => r.hooks);
    const rules: ResolvedRules = {
      scope: { profileId: this.profile.id, directorateId: scope.directorateId, serviceId, kind },
      regime,
      calendar,
      receipt: { cutOffTime: this.profile.calendar.cutOffTime },
      plugins: plugins.map((r) => r.plugin.id),
      // The council's own "who answers this stage" (Leeds paras 20, 22: a senior officer at Stage II) narrows respond like a plugin's requirement.
      requiredRoles: [
        ...plugins.flatMap((r) => r.requiredRoles),
        ...this.profile.procedures.stageResponders.map((r) => ({ command: "respond" as const, stageId: r.stage, roles: r.roles, rule: r.rule, plugin: "council profile" })),
      ],
      statutoryMaxima: maxima,
      hooks: [...hooks.filter((h) => h.order === "pre"), ...hooks.filter((h) => h.order === "post")],
      intakeSchema: z.object(intakeShape),
      letterParagraphs: plugins.flatMap((r) => r.letterParagraphs),
      reports: plugins.flatMap((r) => r.reports),
      delegatedLimits: this.profile.delegatedLimits.map((l) => ({ role: l.role, maxPence: Math.round(l.maxPounds * 100) })),
      notifyBeforeAcknowledging: this.profile.notifyBeforeAcknowledging,
      contacts: this.profile.contacts,
      procedures: this.profile.procedures,
      trace,
      letters,
      grantedRoles,
      refusedGrants,
    };
    this.cache.set(key, rules);
    return rules;
  }
}

export function opsFromOverrides(overrides: RuleOverrides): RuleOp[] {
  const source = overrides.source ?? null;
  const ops: RuleOp[] = [];
  for (const skip of overrides.skipStages ?? []) ops.push({ op: "skip-stage", stageId: skip.stage, reason: skip.reason });
  for (const add of overrides.addStages ?? []) ops.push({ op: "add-stage", stage: add.stage as StageRules, after: add.after });
  for (const [stageId, fields] of Object.entries(overrides.stages ?? {})) {
    for (const [field, value] of Object.entries(fields)) {
      if (value === undefined) continue;
      ops.push({ op: "stage-field", stageId, field: field as never, value, rule: ruleOf(value) ?? source });
    }
  }
  if (overrides.nextBody) ops.push({ op: "next-body", value: overrides.nextBody });
  if (overrides.nations) ops.push({ op: "nations", value: overrides.nations, rule: overrides.nationsRule ?? source ?? "profile" });
  if (overrides.councilClosures !== undefined) ops.push({ op: "council-closures", value: overrides.councilClosures, rule: source ?? "profile" });
  if (overrides.timeLimit !== undefined) ops.push({ op: "time-limit", value: overrides.timeLimit });
  if (overrides.feedbackAcknowledge !== undefined) ops.push({ op: "feedback-acknowledge", value: overrides.feedbackAcknowledge });
  if (overrides.wronglyAddressedReturn !== undefined) ops.push({ op: "wrongly-addressed-return", value: overrides.wronglyAddressedReturn });
  if (overrides.jurisdiction) ops.push({ op: "jurisdiction", value: overrides.jurisdiction, rule: source ?? "profile" });
  if (overrides.dayCounting) ops.push({ op: "day-counting", value: overrides.dayCounting });
  return ops;
}

const clone = <T>(value: T): T => structuredClone(value);

/** Applies layers in order over the default regime, recording who set what. */
export function applyLayers(
  base: Regime,
  layers: ReadonlyArray<{ layer: Layer; ops: readonly RuleOp[] }>,
): { regime: Regime; trace: RuleTrace; problems: string[] } {
  const regime = clone(base);
  const trace: RuleTrace = {};
  const problems: string[] = [];
  /** Stages a layer skipped, and who skipped them: later settings for them do not apply. */
  const skipped = new Map<string, string>();
  const record = (path: string, layer: Layer, value: unknown, rule: string | null) => {
    (trace[path] ??= []).push({ layer, value: clone(value), rule });
  };
  const core: Layer = { kind: "core-default" };
  for (const stage of regime.stages) {
    for (const [field, value] of Object.entries(stage)) {
      if (field !== "id") record(`${stage.id}.${field}`, core, value, ruleOf(value));
    }
  }
  record("nations", core, regime.nations, regime.nationsRule);
  record("nextBody", core, regime.nextBody, regime.nextBody.rule);
  record("timeLimit", core, regime.timeLimit, ruleOf(regime.timeLimit));
  record("feedbackAcknowledge", core, regime.feedbackAcknowledge, ruleOf(regime.feedbackAcknowledge));
  record("wronglyAddressedReturn", core, regime.wronglyAddressedReturn, ruleOf(regime.wronglyAddressedReturn));
  record("jurisdiction", core, regime.jurisdiction, "Core default: the complaint handling code 2024 is England's");
  record("dayCounting", core, regime.dayCounting, regime.dayCounting.rule);

  for (const { layer, ops } of layers) {
    const who = describeLayer(layer);
    for (const op of ops) {
      switch (op.op) {
        case "stage-field": {
          const stage = regime.stages.find((s) => s.id === op.stageId);
          if (!stage && skipped.has(op.stageId)) {
            // Housing Leeds' Stage 1 settings stay for its complaints; an FOI review on the
            // same service has no Stage 1, so they simply do not apply to it.
            record(`${op.stageId}.${op.field}`, layer, op.value, `not applied: ${skipped.get(op.stageId)} skipped this stage`);
            break;
          }
          if (!stage) {
            problems.push(`${who} sets ${op.field} of stage "${op.stageId}", but the regime has no such stage (stages: ${regime.stages.map((s) => s.id).join(", ")})`);
            break;
          }
          (stage as unknown as Record<string, unknown>)[op.field] = clone(op.value);
          record(`${stage.id}.${op.field}`, layer, op.value, op.rule);
          break;
        }
        case "skip-stage": {
          const index = regime.stages.findIndex((s) => s.id === op.stageId);
          if (index < 0) {
            problems.push(`${who} skips stage "${op.stageId}", which the regime does not have`);
            break;
          }
          const [removedStage] = regime.stages.splice(index, 1);
          const removed = removedStage!;
          skipped.set(removed.id, who);
          // Whatever escalated into the skipped stage now escalates to where it led.
          for (const stage of regime.stages) {
            if (stage.escalation?.to === removed.id) {
              stage.escalation = removed.escalation ? { ...stage.escalation, to: removed.escalation.to } : null;
            }
            if (stage.handler) stage.handler = { ...stage.handler, independentOf: stage.handler.independentOf.filter((s) => s !== removed.id) };
            if (stage.referBackTo === removed.id) stage.referBackTo = null;
          }
          record(`${op.stageId}.skipped`, layer, true, op.reason);
          break;
        }
        case "add-stage": {
          if (regime.stages.some((s) => s.id === op.stage.id)) {
            problems.push(`${who} adds stage "${op.stage.id}", which already exists`);
            break;
          }
          const index = regime.stages.findIndex((s) => s.id === op.after);
          if (index < 0) {
            problems.push(`${who} adds stage "${op.stage.id}" after "${op.after}", which the regime does not have`);
            break;
          }
          regime.stages.splice(index + 1, 0, clone(op.stage));
          for (const [field, value] of Object.entries(op.stage)) {
            if (field !== "id") record(`${op.stage.id}.${field}`, layer, value, ruleOf(value));
          }
          break;
        }
        case "next-body":
          regime.nextBody = clone(op.value);
          record("nextBody", layer, op.value, op.value.rule);
          break;
        case "nations":
          regime.nations = [...op.value];
          regime.nationsRule = op.rule;
          record("nations", layer, op.value, op.rule);
          break;
        case "council-closures":
          regime.councilClosures = op.value;
          record("councilClosures", layer, op.value, op.rule);
          break;
        case "add-milestone": {
          const stage = regime.stages.find((s) => s.id === op.stageId);
          if (!stage) {
            problems.push(`${who} adds milestone "${op.milestone.id}" to stage "${op.stageId}", which the regime does not have`);
            break;
          }
          stage.milestones = [...(stage.milestones ?? []).filter((m) => m.id !== op.milestone.id), clone(op.milestone)];
          record(`${stage.id}.milestone:${op.milestone.id}`, layer, op.milestone, op.milestone.rule);
          break;
        }
        case "identity":
          regime.id = op.value.id;
          regime.label = op.value.label;
          regime.family = op.value.family;
          record("identity", layer, op.value, null);
          break;
        case "time-limit":
          regime.timeLimit = clone(op.value);
          record("timeLimit", layer, op.value, ruleOf(op.value));
          break;
        case "feedback-acknowledge":
          regime.feedbackAcknowledge = clone(op.value);
          record("feedbackAcknowledge", layer, op.value, ruleOf(op.value));
          break;
        case "wrongly-addressed-return":
          regime.wronglyAddressedReturn = clone(op.value);
          record("wronglyAddressedReturn", layer, op.value, ruleOf(op.value));
          break;
        case "statutory-max":
          break;
        case "jurisdiction":
          regime.jurisdiction = op.value;
          record("jurisdiction", layer, op.value, op.rule);
          break;
        case "day-counting":
          regime.dayCounting = clone(op.value);
          record("dayCounting", layer, op.value, op.value.rule);
          break;
        case "accept-inherited": {
          const stageId = op.path.includes(".") ? op.path.split(".")[0]! : null;
          const entries = trace[op.path];
          if (!entries && stageId && skipped.has(stageId)) break;
          if (!entries) {
            problems.push(`${who} accepts the inherited "${op.path}", which is not a rule of the regime (rule paths: "stage-1.respond", "timeLimit", "nextBody"…)`);
            break;
          }
          const last = entries.at(-1)!;
          if (last.layer.kind !== "core-default") {
            problems.push(`${who} accepts the inherited "${op.path}", but ${describeLayer(last.layer)} sets it: accept only what nobody sets`);
            break;
          }
          record(op.path, layer, last.value, `${last.rule ?? "core default"}; kept by ${who}: ${op.reason}`);
          break;
        }
      }
    }
  }
  return { regime, trace, problems };
}

/**
 * A regime of another jurisdiction that keeps one of core's English values (a timescale, the
 * Ombudsman, the bank holidays…) because nobody set it: each such value, named by its rule path,
 * with the plugin that declared the jurisdiction. `acceptInherited` keeps one on purpose.
 */
export function inheritedWarnings(regime: Regime, trace: RuleTrace): string[] {
  if (regime.jurisdiction === "england") return [];
  const declared = trace["jurisdiction"]?.at(-1);
  const who = declared ? describeLayer(declared.layer) : "the regime";
  const warnings: string[] = [];
  const stageIds = new Set(regime.stages.map((s) => s.id));
  for (const [path, entries] of Object.entries(trace)) {
    const last = entries.at(-1)!;
    if (last.layer.kind !== "core-default" || last.value === null || last.value === undefined || !last.rule) continue;
    if (path.includes(".") && !stageIds.has(path.split(".")[0]!)) continue;
    warnings.push(
      `${who} (${JURISDICTION_LABELS[regime.jurisdiction]}) leaves "${path}" unset, so it inherits the English default ${describeRuleValue(path, last.value)} (${last.rule}): set it, or keep it with acceptInherited("${path}", reason)`,
    );
  }
  return warnings;
}

/** Every intake variant names an intake field the case has (a typo would silently never match). */
function checkIntakeVariants(regime: Regime, where: string, intake: z.ZodRawShape): string[] {
  const problems: string[] = [];
  for (const stage of regime.stages) {
    const variants = [
      ...[stage.acknowledge, stage.respond, stage.target].flatMap((t) => t?.byIntake ?? []),
      ...(stage.extension?.byIntake ?? []),
    ];
    for (const v of variants) {
      if (!(v.field in intake)) problems.push(`${where}: stage "${stage.id}" varies by intake field "${v.field}", a field the case does not have (fields: ${Object.keys(intake).join(", ")})`);
    }
  }
  return problems;
}

/** A stage graph every case can get through: references exist, stages are reachable, escalation ends. */
export function checkGraph(regime: Regime, where: string, plugins: string[]): string[] {
  const problems: string[] = [];
  const by = plugins.length ? ` (plugins: ${plugins.join(", ")})` : "";
  if (regime.stages.length === 0) return [`${where}: the regime has no stages left, so no complaint could be handled or closed${by}`];
  const ids = new Set(regime.stages.map((s) => s.id));
  for (const stage of regime.stages) {
    if (stage.escalation && !ids.has(stage.escalation.to)) {
      problems.push(`${where}: stage "${stage.id}" escalates to "${stage.escalation.to}", which does not exist${by}`);
    }
    if (stage.referBackTo && !ids.has(stage.referBackTo)) {
      problems.push(`${where}: stage "${stage.id}" refers back to "${stage.referBackTo}", which does not exist${by}`);
    }
    if (stage.extension && stage.extension.maxWorkingDays < 0) problems.push(`${where}: stage "${stage.id}" has a negative extension${by}`);
    if (stage.openedByTriage && stage === regime.stages[0]) {
      problems.push(`${where}: stage "${stage.id}" is opened by triage directly, but it is the first stage, which triage opens anyway${by}`);
    }
    const milestoneIds = new Set((stage.milestones ?? []).map((m) => m.id));
    const anchored = [
      ...(stage.milestones ?? []).map((m) => ({ what: `milestone "${m.id}"`, from: m.from })),
      { what: "the response", from: stage.respond.from },
      ...(stage.target ? [{ what: "the target", from: stage.target.from }] : []),
    ];
    for (const { what, from } of anchored) {
      if (from.startsWith("milestone:") && !milestoneIds.has(from.slice("milestone:".length))) {
        problems.push(`${where}: ${what} of stage "${stage.id}" counts from ${from}, which the stage does not have${by}`);
      }
    }
    // Milestones may count from earlier milestones only, so their dates can always be worked out.
    const order = (stage.milestones ?? []).map((m) => m.id);
    for (const [i, m] of (stage.milestones ?? []).entries()) {
      if (m.from.startsWith("milestone:") && order.indexOf(m.from.slice("milestone:".length)) >= i) {
        problems.push(`${where}: milestone "${m.id}" of stage "${stage.id}" counts from a milestone that does not come before it${by}`);
      }
    }
  }
  // Follow escalations from the entry stage: they must reach every stage and end.
  const seen = new Set<string>();
  let current: StageRules | undefined = regime.stages[0];
  while (current) {
    if (seen.has(current.id)) {
      problems.push(`${where}: escalation from "${current.id}" loops back, so the stage graph has no final stage${by}`);
      break;
    }
    seen.add(current.id);
    const to: string | undefined = current.escalation?.to;
    current = to ? regime.stages.find((s) => s.id === to) : undefined;
  }
  for (const stage of regime.stages) {
    if (!seen.has(stage.id)) problems.push(`${where}: stage "${stage.id}" cannot be reached: no stage escalates to it${by}`);
  }
  return problems;
}

function periodAmount(period: Period): { unit: string; amount: number } {
  if ("workingDays" in period) return { unit: "working days", amount: period.workingDays };
  if ("calendarDays" in period) return { unit: "calendar days", amount: period.calendarDays };
  return { unit: "calendar months", amount: period.calendarMonths };
}

/**
 * Whether a period can ever end later than a limit given in another unit (65 working days
 * against 6 calendar months): tried from every start date the calendar covers, so the answer
 * holds whatever the holidays do.
 */
function canExceed(calendar: WorkingDayCalendar, value: Period, limit: Period): boolean {
  const a = periodAmount(value);
  const b = periodAmount(limit);
  if (a.unit === b.unit) return a.amount > b.amount;
  const first = toDayNumber(calendar.firstDate);
  const last = toDayNumber(calendar.lastDate) - 800;
  for (let n = first; n <= last; n++) {
    const from = fromDayNumber(n);
    if (applyPeriod(calendar, from, value).date > applyPeriod(calendar, from, limit).date) return true;
  }
  return false;
}

export function checkMaxima(regime: Regime, maxima: readonly StatutoryMaximum[], trace: RuleTrace, serviceId: string, calendar: WorkingDayCalendar): string[] {
  const problems: string[] = [];
  for (const max of maxima) {
    const stage = regime.stages.find((s) => s.id === max.stageId);
    if (!stage) continue;
    const limit = periodAmount(max.max);
    const setter = trace[`${max.stageId}.${max.field}`]?.at(-1);
    const who = setter ? describeLayer(setter.layer) : "the regime";
    // A maximum for some cases (EIR) bounds what they get; one for all bounds every variant.
    const bounded = <T>(base: T, variants: Array<{ field: string; equals: string | boolean } & T> | undefined): T[] =>
      max.intake ? [variants?.find((v) => v.field === max.intake!.field && v.equals === max.intake!.equals) ?? base] : [base, ...(variants ?? [])];
    if (max.field === "extension") {
      const base = { maxWorkingDays: stage.extension?.maxWorkingDays ?? 0 };
      for (const { maxWorkingDays: ext } of bounded<{ maxWorkingDays: number }>(base, stage.extension?.byIntake)) {
        if (ext > 0 && canExceed(calendar, { workingDays: ext }, max.max)) {
          problems.push(
            `Service "${serviceId}": ${who} allows a ${stage.label} extension of ${ext} working days, above the statutory maximum of ${limit.amount} ${limit.unit} (${max.rule}; declared by plugin "${max.plugin}")`,
          );
        }
      }
      continue;
    }
    const timescale = stage[max.field];
    if (!timescale) continue;
    // Every period a case may get, its intake variants too (decision 0107).
    for (const { period } of bounded<{ period: Period }>({ period: timescale.period }, timescale.byIntake)) {
      const value = periodAmount(period);
      if (canExceed(calendar, period, max.max)) {
        problems.push(
          `Service "${serviceId}": ${who} sets the ${stage.label} ${max.field === "respond" ? "response" : "acknowledgement"} to ${value.amount} ${value.unit}, above the statutory maximum of ${limit.amount} ${limit.unit} (${max.rule}; declared by plugin "${max.plugin}")`,
        );
      }
    }
  }
  return problems;
}
