import { z } from "zod";
import type { CaseKind } from "../vocabulary/case.js";
import type { Regime } from "../regime/types.js";
import type { RuleOp } from "./ops.js";
import type { RoleGrant, RoleRequirement, StatutoryMaximum } from "./resolved.js";
import type { LetterKindDeclaration, LetterOp } from "./letter-content.js";
import type { LetterParagraph, PluginRegistrar, ReportContribution, ServicePlugin, TransitionHook } from "./types.js";

/** What one plugin declared, recorded once at start-up and then frozen. */
export interface PluginRegistration {
  plugin: ServicePlugin;
  claimsService: boolean;
  claimsKinds: CaseKind[];
  /** For add-ons: the kinds they apply to; null = every kind no other plugin claims. */
  appliesToKinds: CaseKind[] | null;
  regimeChecks: Array<{ rule: string; check: (regime: Regime) => string | null }>;
  ops: RuleOp[];
  statutoryMaxima: StatutoryMaximum[];
  requiredRoles: RoleRequirement[];
  intake: z.ZodRawShape;
  hooks: TransitionHook[];
  letterParagraphs: LetterParagraph[];
  reports: ReportContribution[];
  letterOps: LetterOp[];
  letterKinds: LetterKindDeclaration[];
  grantedRoles: RoleGrant[];
}

export class PluginRegistrationError extends Error {
  override readonly name = "PluginRegistrationError";
  constructor(
    readonly pluginId: string,
    message: string,
  ) {
    super(`Plugin "${pluginId}": ${message}`);
  }
}

/**
 * Runs a plugin's synchronous `register` against a recording registrar (the pattern of
 * Backstage's extension points). Setters may be called once per target; the registrar is
 * closed as soon as `register` returns, so a late call throws.
 */
export function recordPlugin(plugin: ServicePlugin): PluginRegistration {
  const id = plugin.id;
  const registration: PluginRegistration = {
    plugin,
    claimsService: false,
    claimsKinds: [],
    appliesToKinds: null,
    regimeChecks: [],
    ops: [],
    statutoryMaxima: [],
    requiredRoles: [],
    intake: {},
    hooks: [],
    letterParagraphs: [],
    reports: [],
    letterOps: [],
    letterKinds: [],
    grantedRoles: [],
  };
  const setOnce = new Set<string>();
  let open = true;
  const guard = (what: string) => {
    if (!open) throw new PluginRegistrationError(id, `${what} called after register() returned`);
  };
  const once = (key: string) => {
    guard(key);
    if (setOnce.has(key)) throw new PluginRegistrationError(id, `${key} was set twice; a setter takes one value`);
    setOnce.add(key);
  };
  const stageField = (stageId: string, field: string, value: unknown, rule: string | null) => {
    once(`${stageId}.${field}`);
    registration.ops.push({ op: "stage-field", stageId, field: field as never, value, rule });
  };
  const ruleOf = (v: unknown) => (v && typeof v === "object" && "rule" in v ? String((v as { rule: unknown }).rule) : null);

  const registrar: PluginRegistrar = {
    claimService() {
      once("claimService");
      registration.claimsService = true;
    },
    claimKinds(...kinds) {
      once("claimKinds");
      registration.claimsKinds.push(...kinds);
    },
    setTimescale(stageId, field, timescale) {
      stageField(stageId, field, timescale, ruleOf(timescale));
    },
    setTarget(stageId, target) {
      stageField(stageId, "target", target, ruleOf(target));
    },
    setExtension(stageId, extension) {
      stageField(stageId, "extension", extension, ruleOf(extension));
    },
    setHoldingInterval(stageId, interval) {
      stageField(stageId, "holdingInterval", interval, ruleOf(interval));
    },
    setEscalation(stageId, escalation) {
      stageField(stageId, "escalation", escalation, ruleOf(escalation));
    },
    setHandlerRule(stageId, handler) {
      stageField(stageId, "handler", handler, ruleOf(handler));
    },
    setStageOption(stageId, option, rule) {
      for (const [field, value] of Object.entries(option)) stageField(stageId, field, value, rule);
    },
    setStatutoryMaximum(stageId, field, max, rule, options) {
      const intake = options?.intake;
      once(`max:${stageId}.${field}${intake ? `:${intake.field}=${String(intake.equals)}` : ""}`);
      registration.statutoryMaxima.push({ stageId, field, max, rule, plugin: id, ...(intake ? { intake } : {}) });
    },
    skipStage(stageId, reason) {
      once(`skip:${stageId}`);
      registration.ops.push({ op: "skip-stage", stageId, reason });
    },
    addStage(stage, { after }) {
      once(`add:${stage.id}`);
      registration.ops.push({ op: "add-stage", stage, after });
    },
    setNextBody(body) {
      once("nextBody");
      registration.ops.push({ op: "next-body", value: body });
    },
    setCalendar(nations, rule, options) {
      once("calendar");
      registration.ops.push({ op: "nations", value: nations, rule });
      if (options?.councilClosures !== undefined) registration.ops.push({ op: "council-closures", value: options.councilClosures, rule });
    },
    addMilestone(stageId, milestone) {
      once(`milestone:${stageId}.${milestone.id}`);
      registration.ops.push({ op: "add-milestone", stageId, milestone });
    },
    checkRegime(rule, check) {
      guard("checkRegime");
      registration.regimeChecks.push({ rule, check });
    },
    appliesToKinds(...kinds) {
      once("appliesToKinds");
      registration.appliesToKinds = kinds;
    },
    setRegimeIdentity(identity) {
      once("identity");
      registration.ops.push({ op: "identity", value: identity });
    },
    setTimeLimit(limit) {
      once("timeLimit");
      registration.ops.push({ op: "time-limit", value: limit });
    },
    setFeedbackAcknowledge(timescale) {
      once("feedbackAcknowledge");
      registration.ops.push({ op: "feedback-acknowledge", value: timescale });
    },
    requireRoles(command, roles, { stageId, rule }) {
      guard("requireRoles");
      registration.requiredRoles.push({ command, stageId: stageId ?? null, roles, rule, plugin: id });
    },
    extendIntake(fields) {
      guard("extendIntake");
      for (const key of Object.keys(fields)) {
        if (key in registration.intake) throw new PluginRegistrationError(id, `intake field "${key}" declared twice`);
      }
      Object.assign(registration.intake, fields);
    },
    onTransition(hook) {
      guard("onTransition");
      registration.hooks.push(hook);
    },
    addLetterParagraphs(...paragraphs) {
      guard("addLetterParagraphs");
      for (const p of paragraphs) {
        if (!p.id.startsWith(`${id}.`)) throw new PluginRegistrationError(id, `letter paragraph id "${p.id}" must start with "${id}."`);
      }
      registration.letterParagraphs.push(...paragraphs);
    },
    addReport(report) {
      guard("addReport");
      registration.reports.push(report);
    },
    setJurisdiction(jurisdiction, rule) {
      once("jurisdiction");
      registration.ops.push({ op: "jurisdiction", value: jurisdiction, rule });
    },
    setDayCounting(counting) {
      once("dayCounting");
      registration.ops.push({ op: "day-counting", value: counting });
    },
    setWronglyAddressedReturn(timescale) {
      once("wronglyAddressedReturn");
      registration.ops.push({ op: "wrongly-addressed-return", value: timescale });
    },
    setOpenedByTriage(stageId, option) {
      stageField(stageId, "openedByTriage", option, ruleOf(option));
    },
    acceptInherited(path, reason) {
      once(`accept:${path}`);
      if (!reason.trim()) throw new PluginRegistrationError(id, `acceptInherited("${path}") needs the reason the inherited value is right`);
      registration.ops.push({ op: "accept-inherited", path, reason });
    },
    setLetters(letters, rule) {
      once("letters");
      registration.letterOps.push({ op: "letters", value: letters, rule });
    },
    setLetterContent(kind, requirements, { stageId, rule }) {
      once(`letter:${kind}@${stageId ?? "*"}`);
      if (kind.includes(".") && !kind.startsWith(`${id}.`) && !registration.letterKinds.some((k) => k.id === kind)) {
        throw new PluginRegistrationError(id, `letter kind "${kind}" is another plugin's; a plugin sets the content of core's letter kinds and its own`);
      }
      registration.letterOps.push({ op: "letter-content", kind, stageId: stageId ?? null, value: requirements, rule });
    },
    addLetterKind(kind) {
      once(`letter-kind:${kind.id}`);
      if (!kind.id.startsWith(`${id}.`)) throw new PluginRegistrationError(id, `letter kind id "${kind.id}" must start with "${id}."`);
      registration.letterKinds.push(kind);
    },
    allowRoles(command, roles, { stageId, rule }) {
      guard("allowRoles");
      registration.grantedRoles.push({ command, stageId: stageId ?? null, roles, rule, plugin: id });
    },
  };

  try {
    const result: unknown = plugin.register(registrar);
    if (result instanceof Promise) throw new PluginRegistrationError(id, "register() must be synchronous");
  } catch (error) {
    if (error instanceof PluginRegistrationError) throw error;
    throw new PluginRegistrationError(id, `register() threw: ${(error as Error).message}`);
  } finally {
    open = false;
  }
  return registration;
}

// Re-exported so plugin authors can build intake schemas without importing zod themselves.
export { z };
