import type { IsoDate } from "../calendar/dates.js";
import { calendarFor } from "../calendar/calendar.js";
import type { Actor, CaseState } from "../lifecycle/types.js";
import { CASE_KINDS, LETTER_KINDS, LETTER_KIND_NAMES, type CaseKind, type LetterKind } from "../vocabulary/index.js";
import { checkLetterContent, letterRequirements, type LetterContentShape } from "../plugin/letter-content.js";
import { explainRules } from "../plugin/explain.js";
import { recordPlugin, type PluginRegistration } from "../plugin/registrar.js";
import type { ResolvedRules } from "../plugin/resolved.js";
import { RuleBook, RuleConfigurationError } from "../plugin/rule-book.js";
import type { LetterParagraph, ServicePlugin } from "../plugin/types.js";
import { parseCouncilProfile, type CouncilProfile } from "../profile/schema.js";
import type { Period, StageRules } from "../regime/types.js";
import { CaseScenario, EVERY_STAFF_ROLE, type LogFields, type StepCommand } from "./scenario.js";

/**
 * The conformance kit every service plugin runs (docs/design.md §5, issue 4): its registration is
 * valid, every stage of its regime can be answered and closed, its timescales stay within the
 * statutory maxima it declares (and a setting above one stops start-up naming the plugin),
 * every value it sets names its rule, and the letters its regime requires carry its
 * paragraphs. Pure, framework-free: `conformanceProblems` returns the problems;
 * `runPluginConformance` turns them into tests with the caller's `describe`/`it`/`expect`.
 */

export type ConformanceCheck =
  "registration" | "provenance" | "stages-close" | "statutory-maxima" | "letters" | "letters-issuable"
  | "jurisdiction";

export const CONFORMANCE_CHECKS: Record<ConformanceCheck, string> = {
  registration:
    "registration is valid: it records, claims consistently and starts in a council profile",
  provenance: "every value it sets names the rule it comes from",
  "stages-close":
    "every stage of its regime can be acknowledged, answered and closed, with due dates that cite their rules",
  "statutory-maxima":
    "its timescales are within the statutory maxima it declares, and a setting above one stops start-up naming the plugin",
  letters: "its letter paragraphs render",
  jurisdiction:
    "outside England it inherits none of core's English values without saying so (set each, or acceptInherited with a reason)",
  "letters-issuable":
    "each letter its regime sends at each stage has a checklist and, built for a sample case, can be issued (naming its own next body)",
};

export interface ConformanceProblem {
  check: ConformanceCheck;
  message: string;
}

/** What one stage of the walk needs beyond the core steps (plugin guards: participants, notices…). */
export interface StageScript {
  /** Commands run once the stage opens, before it is acknowledged. */
  beforeAcknowledge?: StepCommand[];
  /** Commands run after the acknowledgement and before the response. */
  beforeRespond?: StepCommand[];
  acknowledge?: Partial<Extract<StepCommand, { type: "acknowledge" }>>;
  respond?: Partial<Extract<StepCommand, { type: "respond" }>>;
}

export interface ConformanceOptions {
  /** Plugins that must be installed beside this one (an add-on's hosts). Enabled on the same service. */
  companions?: readonly ServicePlugin[];
  /** Case kinds to walk; by default the kinds the plugin claims, or "complaint". */
  kinds?: readonly CaseKind[];
  /** Fields a valid case is logged with, including the plugin's intake fields under `intake`. */
  log?: Partial<LogFields>;
  /** Per stage id: what the plugin's guards need before the stage can be answered. */
  stages?: Record<string, StageScript>;
  /** Who acts in the walk; every staff role by default. */
  actor?: Actor;
  /** The plugin's package.json, to check its name, role and dependencies. */
  packageJson?: unknown;
  /** The date the walk starts (a working day inside the bank-holiday data). */
  startOn?: IsoDate;
  /**
   * Builds a letter as the product would, with an officer's words where only an officer can
   * write them: pass `conformanceLetter` from @complaints/letters (decision 0407). The kit then
   * checks that each acknowledgement and response of the walk can be issued under the plugin's
   * rules. Without it, only that each of those letters has a checklist is checked.
   */
  issueLetter?: (
    kind: LetterKind,
    state: CaseState,
    rules: ResolvedRules,
    profile: CouncilProfile,
    stageId: string,
  ) => LetterContentShape;
}

/** The smallest valid council with one service that enables the given plugins. */
export function conformanceProfile(
  pluginIds: readonly string[],
  serviceId = "conformance-service",
): CouncilProfile {
  return parseCouncilProfile({
    id: "conformance",
    name: "Conformance Council",
    sources: ["Plugin conformance kit"],
    calendar: { closures: [], cutOffTime: null },
    directorates: [
      {
        id: "conformance",
        name: "Conformance",
        services: [{ id: serviceId, name: "Conformance service", plugins: [...pluginIds] }],
      },
    ],
    letterhead: {
      addressLines: ["Town Hall"],
      postcode: "AA1 1AA",
      phone: "0300 000 0000",
      email: "complaints@example.gov.uk",
      website: "example.gov.uk",
    },
  });
}

const SERVICE = "conformance-service";
const NOT_TEXT = /undefined|\[object Object\]|NaN|\$\{/;

function kindsOf(reg: PluginRegistration, options: ConformanceOptions): CaseKind[] {
  if (options.kinds?.length) return [...options.kinds];
  if (reg.claimsKinds.length) return [...reg.claimsKinds];
  if (reg.appliesToKinds?.length)
    return reg.appliesToKinds.filter(
      (k) => k !== "compliment" && k !== "comment" && k !== "service-request",
    );
  return ["complaint"];
}

function amountOf(period: Period): {
  unit: "workingDays" | "calendarDays" | "calendarMonths";
  amount: number;
} {
  if ("workingDays" in period) return { unit: "workingDays", amount: period.workingDays };
  if ("calendarDays" in period) return { unit: "calendarDays", amount: period.calendarDays };
  return { unit: "calendarMonths", amount: period.calendarMonths };
}

function checkRegistration(
  plugin: ServicePlugin,
  options: ConformanceOptions,
): { problems: string[]; reg: PluginRegistration | null; book: RuleBook | null } {
  const problems: string[] = [];
  if (plugin.$$type !== "@complaints/ServicePlugin")
    problems.push("the plugin was not made with createServicePlugin()");
  if (!/^[a-z][a-z0-9-]*$/.test(plugin.id)) problems.push(`id "${plugin.id}" is not kebab-case`);
  if (!plugin.name?.trim()) problems.push("the plugin has no name");
  if (!/^\d+\.\d+\.\d+/.test(plugin.version ?? ""))
    problems.push(`version "${plugin.version}" is not a semantic version`);
  let reg: PluginRegistration | null = null;
  try {
    reg = recordPlugin(plugin);
  } catch (error) {
    problems.push(`register() failed: ${(error as Error).message}`);
  }
  if (reg) {
    if (reg.claimsService && reg.claimsKinds.length) {
      problems.push(
        "it claims both the service and case kinds: a plugin governs a service's complaints or some case kinds, not both",
      );
    }
    // register() must declare the same rules every time it runs (it runs once per start-up).
    try {
      const again = recordPlugin(plugin);
      if (
        JSON.stringify(again.ops) !== JSON.stringify(reg.ops) ||
        again.hooks.length !== reg.hooks.length
      ) {
        problems.push(
          "register() declared different rules on a second run: it must be deterministic",
        );
      }
    } catch (error) {
      problems.push(`register() failed on a second run: ${(error as Error).message}`);
    }
  }
  let book: RuleBook | null = null;
  const ids = [plugin.id, ...(options.companions ?? []).map((p) => p.id)];
  try {
    book = new RuleBook(conformanceProfile(ids, SERVICE), [plugin, ...(options.companions ?? [])]);
  } catch (error) {
    problems.push(`a council enabling it cannot start: ${(error as Error).message}`);
  }
  const pkg = options.packageJson as
    | {
        name?: unknown;
        complaints?: { role?: unknown };
        dependencies?: Record<string, unknown>;
        peerDependencies?: Record<string, unknown>;
        type?: unknown;
      }
    | undefined;
  if (pkg !== undefined) {
    // Any npm name: a council publishes its plugin under its own scope (issue 17).
    if (typeof pkg.name !== "string" || pkg.name.length > 214 || !/^(?:@[a-z0-9][a-z0-9._~-]*\/)?[a-z0-9][a-z0-9._~-]*$/.test(pkg.name)) {
      problems.push(`package name ${JSON.stringify(pkg.name)} is not an npm package name (lower case, and scoped if you like: "@your-council/complaints-plugin-<id>")`);
    }
    // The product gives a plugin the core it runs and checks this range at start-up (docs/decisions/0406).
    const coreRange = pkg.peerDependencies?.["@complaints/core"];
    if (typeof coreRange !== "string" || !coreRange.trim() || coreRange.startsWith("workspace:")) {
      problems.push('package.json needs "peerDependencies": { "@complaints/core": "<the core versions it supports, like ^0.1.0>" }');
    }
    if (pkg.dependencies?.["@complaints/core"] !== undefined) {
      problems.push("@complaints/core is a peer of a plugin, not one of its dependencies: a dependency installs a second core beside the product's");
    }
    if (pkg.complaints?.role !== "service-plugin")
      problems.push('package.json needs "complaints": { "role": "service-plugin" }');
    if (pkg.type !== "module") problems.push('package.json needs "type": "module"');
    const extra = Object.keys(pkg.dependencies ?? {}).filter(
      (d) => d !== "@complaints/core" && d !== "zod", // core: reported above
    );
    if (extra.length)
      problems.push(
        `a plugin depends only on @complaints/core (and zod for intake fields), not ${extra.join(", ")}`,
      );
  }
  return { problems, reg, book };
}

function checkProvenance(reg: PluginRegistration): string[] {
  const problems: string[] = [];
  const stageRuleless = (stage: StageRules, where: string) => {
    for (const field of [
      "acknowledge",
      "respond",
      "target",
      "extension",
      "holdingInterval",
      "escalation",
      "handler",
    ] as const) {
      const value = stage[field] as { rule?: string } | null;
      if (value && !value.rule?.trim())
        problems.push(`${where}: ${stage.id}.${field} names no rule`);
    }
  };
  for (const op of reg.ops) {
    switch (op.op) {
      case "stage-field":
        if (op.value !== null && op.value !== undefined && !op.rule?.trim())
          problems.push(`${op.stageId}.${op.field} is set without naming its rule`);
        break;
      case "skip-stage":
        if (!op.reason.trim()) problems.push(`skipping ${op.stageId} gives no reason`);
        break;
      case "add-stage":
        stageRuleless(op.stage, `added stage "${op.stage.id}"`);
        break;
      case "next-body":
        for (let body: typeof op.value | undefined = op.value; body; body = body.then) {
          if (!body.rule.trim()) problems.push(`next body "${body.id}" names no rule`);
          if (body.window && !body.window.rule.trim())
            problems.push(`the window for "${body.id}" names no rule`);
        }
        break;
      case "nations":
        if (!op.rule.trim()) problems.push("the calendar is set without naming its rule");
        break;
      case "add-milestone":
        if (!op.milestone.rule.trim())
          problems.push(`milestone "${op.milestone.id}" of ${op.stageId} names no rule`);
        break;
      case "jurisdiction":
        if (!op.rule.trim()) problems.push("the jurisdiction is set without naming its rule");
        break;
      case "day-counting":
        if (!op.value.rule.trim()) problems.push("the day counting is set without naming its rule");
        break;
      case "time-limit":
      case "feedback-acknowledge":
      case "wrongly-addressed-return": {
        const value = op.value as { rule?: string } | null;
        if (value && !value.rule?.trim()) problems.push(`${op.op} names no rule`);
        break;
      }
      default:
        break;
    }
  }
  for (const req of reg.requiredRoles)
    if (!req.rule.trim()) problems.push(`the roles for ${req.command} name no rule`);
  for (const check of reg.regimeChecks)
    if (!check.rule.trim()) problems.push("a start-up check of the regime names no rule");
  for (const max of reg.statutoryMaxima)
    if (!max.rule.trim())
      problems.push(`the maximum for ${max.stageId}.${max.field} names no rule`);
  for (const report of reg.reports)
    if (!report.source.trim()) problems.push(`report "${report.id}" names no source`);
  return problems;
}

interface WalkResult {
  problems: string[];
  /** States worth rendering letters against, with the stage each is at. */
  snapshots: Array<{
    kind: CaseKind;
    stageId: string;
    moment: "acknowledged" | "responded";
    state: CaseState;
    rules: ResolvedRules;
  }>;
}

function nextWorkingDay(rules: ResolvedRules, date: IsoDate): IsoDate {
  return rules.calendar.addWorkingDays(date, 1);
}

function walk(book: RuleBook, kind: CaseKind, options: ConformanceOptions): WalkResult {
  const problems: string[] = [];
  const snapshots: WalkResult["snapshots"] = [];
  const rules = book.rulesFor(SERVICE, kind);
  const scenario = new CaseScenario(rules, options.actor ?? EVERY_STAFF_ROLE);
  const calendar = calendarFor({ nations: rules.regime.nations });
  let day = calendar.rollForward(options.startOn ?? "2026-03-02");
  const where = `${kind}`;
  const checkDues = () => {
    for (const due of scenario.case.dueDates) {
      if (!due.rule.trim()) problems.push(`${where}: due date ${due.id} names no rule`);
      else if (
        !due.explanation.includes(due.rule) &&
        !due.explanation.includes(due.rule.split(" (")[0]!)
      ) {
        problems.push(
          `${where}: due date ${due.id} does not explain itself with its rule ("${due.explanation}")`,
        );
      }
    }
  };
  const step = (command: StepCommand): boolean => {
    const result = scenario.try(command, day);
    if (!result.ok) {
      problems.push(
        `${where}, ${scenario.state ? describeStage(scenario.case) : "intake"}: "${command.type}" was refused: ${result.refusal.message}`,
      );
      return false;
    }
    checkDues();
    return true;
  };
  try {
    scenario.log(
      {
        channel: "email",
        customer: { id: "customer-1", name: "Alex Example" },
        description: "Conformance walk: a case taken through every stage",
        ...options.log,
      },
      `${day}T09:00:00Z`,
    );
  } catch (error) {
    problems.push(`${where}: a case cannot be logged: ${(error as Error).message}`);
    return { problems, snapshots };
  }
  if (!step({ type: "triage", outcome: "accept" })) return { problems, snapshots };

  const visited = new Set<string>();
  for (let guard = 0; guard < rules.regime.stages.length + 1; guard++) {
    const stage = scenario.stage;
    const stageRules = rules.regime.stages.find((s) => s.id === stage.stageId)!;
    visited.add(stage.stageId);
    const script = options.stages?.[stage.stageId] ?? {};
    for (const command of script.beforeAcknowledge ?? [])
      if (!step(command)) return { problems, snapshots };
    day = nextWorkingDay(rules, day);
    if (stageRules.acknowledge || script.acknowledge) {
      if (!step({ type: "acknowledge", ...script.acknowledge })) return { problems, snapshots };
    }
    snapshots.push({
      kind,
      stageId: stage.stageId,
      moment: "acknowledged",
      state: scenario.case,
      rules,
    });
    for (const command of script.beforeRespond ?? [])
      if (!step(command)) return { problems, snapshots };
    if (stageRules.respond.from === "agreed-statement" && !scenario.stage.agreedStatementOn) {
      if (!step({ type: "agree-statement" })) return { problems, snapshots };
    }
    if (stageRules.referBackTo) {
      // Refer back on a copy: the walk itself goes on to answer this stage.
      const side = new CaseScenario(rules, scenario.by);
      side.state = scenario.case;
      const referred = side.try(
        { type: "refer-back", reason: "Conformance walk: the earlier stage has more to do" },
        day,
      );
      if (!referred.ok) {
        problems.push(
          `${where}, ${stageRules.label}: it may refer back to "${stageRules.referBackTo}", but "refer-back" was refused: ${referred.refusal.message}`,
        );
      } else if (referred.state.stages.at(-1)?.stageId !== stageRules.referBackTo) {
        problems.push(
          `${where}, ${stageRules.label}: refer-back did not reopen "${stageRules.referBackTo}"`,
        );
      }
    }
    day = nextWorkingDay(rules, day);
    if (
      !step({
        type: "respond",
        outcome: "not-upheld",
        reasons: "Conformance walk: the complaint was investigated and the reasons given",
        signedBy: "Responsible Person",
        ...script.respond,
      })
    ) {
      return { problems, snapshots };
    }
    snapshots.push({
      kind,
      stageId: stage.stageId,
      moment: "responded",
      state: scenario.case,
      rules,
    });
    const closed = new CaseScenario(rules, scenario.by);
    closed.state = scenario.case;
    const close = closed.try({ type: "close" }, day);
    if (!close.ok)
      problems.push(
        `${where}, ${stageRules.label}: the case cannot be closed after the response: ${close.refusal.message}`,
      );
    if (!stageRules.escalation) {
      if (close.ok && close.state.closure?.reason !== "final-response")
        problems.push(
          `${where}: the final stage closed as "${close.state.closure?.reason}", not "final-response"`,
        );
      break;
    }
    day = nextWorkingDay(rules, day);
    if (
      !step({ type: "escalate", reason: "Conformance walk: the customer asks for the next stage" })
    )
      return { problems, snapshots };
  }
  for (const stage of rules.regime.stages) {
    if (!visited.has(stage.id))
      problems.push(
        `${where}: ${stage.label} was never reached by escalating from the first stage`,
      );
  }
  return { problems, snapshots };
}

function describeStage(state: CaseState): string {
  const stage = state.stages.at(-1);
  return stage ? stage.label : `case ${state.status}`;
}

function checkMaxima(
  plugin: ServicePlugin,
  reg: PluginRegistration,
  book: RuleBook,
  options: ConformanceOptions,
): string[] {
  const problems: string[] = [];
  const kinds = kindsOf(reg, options);
  for (const max of reg.statutoryMaxima) {
    const kind = kinds.find((k) =>
      book.rulesFor(SERVICE, k).regime.stages.some((s) => s.id === max.stageId),
    );
    if (!kind) {
      problems.push(
        `it declares a maximum for ${max.stageId}.${max.field}, but its regime has no stage "${max.stageId}"`,
      );
      continue;
    }
    const stage = book.rulesFor(SERVICE, kind).regime.stages.find((s) => s.id === max.stageId)!;
    const limit = amountOf(max.max);
    let override: Record<string, unknown>;
    if (max.field === "extension") {
      if (!stage.extension) continue;
      if (limit.unit !== "workingDays")
        problems.push(`the extension maximum of ${max.stageId} must be in working days`);
      if (stage.extension.maxWorkingDays > limit.amount)
        problems.push(
          `${max.stageId} allows ${stage.extension.maxWorkingDays} working days of extension, above its own maximum of ${limit.amount}`,
        );
      override = {
        extension: {
          ...stage.extension,
          maxWorkingDays: limit.amount + 1,
          rule: "Conformance: one working day above the statutory maximum",
        },
      };
    } else {
      const timescale = stage[max.field];
      if (!timescale) continue;
      const value = amountOf(timescale.period);
      if (value.unit !== limit.unit || value.amount > limit.amount) {
        problems.push(
          `${max.stageId}.${max.field} is ${value.amount} ${value.unit}, not within its maximum of ${limit.amount} ${limit.unit}`,
        );
      }
      override = {
        [max.field]: {
          ...timescale,
          period: { [limit.unit]: limit.amount + 1 },
          rule: "Conformance: one above the statutory maximum",
        },
      };
    }
    const base = conformanceProfile(
      [plugin.id, ...(options.companions ?? []).map((p) => p.id)],
      SERVICE,
    );
    const service = base.directorates[0]!.services[0]!;
    const profile = parseCouncilProfile({
      ...base,
      directorates: [
        {
          ...base.directorates[0]!,
          services: [
            {
              ...service,
              settings: {
                source: "Conformance: a setting above the statutory maximum",
                stages: { [max.stageId]: override },
              },
            },
          ],
        },
      ],
    });
    try {
      new RuleBook(profile, [plugin, ...(options.companions ?? [])]);
      problems.push(
        `a service setting one above the maximum for ${max.stageId}.${max.field} (${max.rule}) did not stop start-up`,
      );
    } catch (error) {
      const message = (error as Error).message;
      if (
        !(error instanceof RuleConfigurationError) ||
        !message.includes(`plugin "${plugin.id}"`) ||
        !message.includes("statutory maximum")
      ) {
        problems.push(
          `a setting above the maximum for ${max.stageId}.${max.field} failed without naming the statutory maximum and plugin "${plugin.id}": ${message}`,
        );
      }
    }
  }
  return problems;
}

function renderParagraph(
  paragraph: LetterParagraph,
  snapshot: WalkResult["snapshots"][number],
): { text: string | null; problem: string | null } {
  try {
    const text = paragraph.render({
      state: snapshot.state,
      stageId: snapshot.stageId,
      rules: snapshot.rules,
    });
    if (text === null) return { text: null, problem: null };
    if (typeof text !== "string" || !text.trim())
      return {
        text: null,
        problem: `paragraph "${paragraph.id}" rendered an empty or non-text value at ${snapshot.stageId}`,
      };
    if (NOT_TEXT.test(text))
      return {
        text,
        problem: `paragraph "${paragraph.id}" rendered unfinished text at ${snapshot.stageId}: "${text}"`,
      };
    return { text, problem: null };
  } catch (error) {
    return {
      text: null,
      problem: `paragraph "${paragraph.id}" threw at ${snapshot.stageId}: ${(error as Error).message}`,
    };
  }
}

function checkLetters(reg: PluginRegistration, snapshots: WalkResult["snapshots"]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const paragraph of reg.letterParagraphs) {
    if (ids.has(paragraph.id)) problems.push(`paragraph id "${paragraph.id}" is used twice`);
    ids.add(paragraph.id);
    if (!paragraph.letters.length)
      problems.push(`paragraph "${paragraph.id}" is added to no letter`);
    for (const letter of paragraph.letters)
      if (!LETTER_KINDS.includes(letter))
        problems.push(`paragraph "${paragraph.id}" names an unknown letter "${letter}"`);
    if (!["opening", "body-end", "before-signoff"].includes(paragraph.slot))
      problems.push(`paragraph "${paragraph.id}" has an unknown slot "${paragraph.slot}"`);
    for (const snapshot of snapshots) {
      const { problem } = renderParagraph(paragraph, snapshot);
      if (problem) problems.push(problem);
    }
  }
  // The letters that must give the next body's details (the final response; an extension
  // notice under code 6.5) draw them from the regime's `nextBody` and the council profile in
  // their own "ombudsman-details" section (packages/letters/src/build-model.ts). A plugin
  // paragraph naming the body again printed the details twice (issue 15), so none is asked for.
  return problems;
}

/**
 * The acknowledgement and response of every stage the walk reached: each must have a checklist
 * under the plugin's rules and, built by `options.issueLetter`, lack nothing (issue 17: an SPSO
 * Stage 2 response was checked for the LGSCO and could never be issued, and the kit passed).
 */
function checkIssuable(
  book: RuleBook,
  snapshots: WalkResult["snapshots"],
  options: ConformanceOptions,
): string[] {
  const problems: string[] = [];
  for (const snapshot of snapshots) {
    const stage = snapshot.rules.regime.stages.find((s) => s.id === snapshot.stageId);
    if (!stage) continue;
    if (snapshot.moment === "acknowledged" && !stage.acknowledge) continue;
    const kind = snapshot.moment === "acknowledged" ? stage.acknowledgementLetter : stage.responseLetter;
    const where = `${snapshot.kind}, ${stage.label}: the ${LETTER_KIND_NAMES[kind]}`;
    if (!letterRequirements(snapshot.rules.letters, kind, stage.id)) {
      problems.push(
        `${where} is sent, but its rules have no checklist for it (${snapshot.rules.letters.procedure}), so it can never be issued: setLetters or setLetterContent`,
      );
      continue;
    }
    if (!options.issueLetter) continue;
    let letter: LetterContentShape;
    try {
      letter = options.issueLetter(kind, snapshot.state, snapshot.rules, book.profile, stage.id);
    } catch (error) {
      problems.push(`${where} cannot be built: ${(error as Error).message}`);
      continue;
    }
    for (const missing of checkLetterContent(letter, snapshot.rules.letters, { stageId: stage.id })) {
      problems.push(`${where} cannot be issued: it lacks ${missing.description} (${missing.source})`);
    }
  }
  return [...new Set(problems)];
}

/**
 * Every conformance problem of a plugin, by check. An empty list for a check means it passed.
 */
export function conformanceProblems(
  plugin: ServicePlugin,
  options: ConformanceOptions = {},
): ConformanceProblem[] {
  const out: ConformanceProblem[] = [];
  const add = (check: ConformanceCheck, messages: string[]) =>
    out.push(...messages.map((message) => ({ check, message })));
  const { problems, reg, book } = checkRegistration(plugin, options);
  add("registration", problems);
  if (!reg || !book) return out;
  add("provenance", checkProvenance(reg));
  const snapshots: WalkResult["snapshots"] = [];
  for (const kind of kindsOf(reg, options)) {
    if (!CASE_KINDS.includes(kind)) {
      add("stages-close", [`unknown case kind "${kind}"`]);
      continue;
    }
    try {
      explainRules(book.rulesFor(SERVICE, kind));
    } catch (error) {
      add("provenance", [
        `${kind}: the rules cannot explain themselves: ${(error as Error).message}`,
      ]);
    }
    const result = walk(book, kind, options);
    add("stages-close", result.problems);
    snapshots.push(...result.snapshots);
  }
  add("statutory-maxima", checkMaxima(plugin, reg, book, options));
  add("letters", checkLetters(reg, snapshots));
  // Start-up only warns (a council may run a half-written regime); the kit fails it (decision 0107).
  add("jurisdiction", book.warnings.filter((w) => w.startsWith(`plugin "${plugin.id}"`)));
  add("letters-issuable", checkIssuable(book, snapshots, options));
  return out;
}

/** The test API the kit needs: vitest's, jest's or node:test's `describe`/`it`/`expect` fit. */
export interface ConformanceTestApi {
  describe: (name: string, fn: () => void) => unknown;
  it: (name: string, fn: () => void) => unknown;
  expect: (actual: unknown) => { toEqual: (expected: unknown) => unknown };
}

/**
 * Registers one test per conformance check:
 *
 *     runPluginConformance(housingServicePlugin, { describe, it, expect }, { log: { intake: {...} } });
 */
export function runPluginConformance(
  plugin: ServicePlugin,
  t: ConformanceTestApi,
  options: ConformanceOptions = {},
): void {
  let problems: ConformanceProblem[] | null = null;
  const of = (check: ConformanceCheck) =>
    (problems ??= conformanceProblems(plugin, options))
      .filter((p) => p.check === check)
      .map((p) => p.message);
  t.describe(`plugin "${plugin.id}" conformance`, () => {
    for (const [check, title] of Object.entries(CONFORMANCE_CHECKS) as Array<
      [ConformanceCheck, string]
    >) {
      t.it(title, () => {
        t.expect(of(check)).toEqual([]);
      });
    }
  });
}

export type { StepCommand, LogFields };
