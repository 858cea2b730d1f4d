import { formatShort, isIsoDate, type IsoDate } from "../calendar/dates.js";
import { receiptOf } from "../calendar/receipt.js";
import { todayIn, type Clock } from "../clock.js";
import { computeDueDates } from "../deadlines/due-dates.js";
import type { ResolvedRules } from "../plugin/resolved.js";
import { COMMANDS, type RegisteredCommand } from "./commands/index.js";
import type { Ctx } from "./commands/define.js";
import { currentStage, unmetRoleRequirement } from "./commands/shared.js";
import { checkRepresentative, intakeFieldsOf } from "./intake.js";
import { RefusalError, refuse } from "./refusals.js";
import type { CaseCommand, CaseEvent, CaseState, LogCase, TransitionResult } from "./types.js";
import { ROLE_LABELS } from "../vocabulary/index.js";

/**
 * The complaint lifecycle as one pure function (docs/design.md §2): the current state and a
 * command in, the next state, the events to record and the effects to carry out — or a
 * refusal that says, in plain words, which rule stops it. No I/O: the clock is injected and
 * every rule comes in `rules`. Each command's own rules are its module's `apply`
 * (lifecycle/commands/); `log` is here, as it makes the case rather than change one.
 */
export function transition(
  state: CaseState | null,
  command: CaseCommand,
  rules: ResolvedRules,
  clock: Clock,
  /** The council's rule book, which a transfer to another service needs (its rules). */
  book?: Ctx["book"],
): TransitionResult {
  try {
    return apply(state, command, rules, clock, book);
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function apply(state: CaseState | null, command: CaseCommand, rules: ResolvedRules, clock: Clock, book: Ctx["book"]): TransitionResult {
  const today = todayIn(clock);
  const on = command.type === "log" ? today : resolveOn(command.on, today, state);
  if (command.type !== "log" && !state) refuse("NOT_ALLOWED_NOW", `There is no case to ${command.type}: log it first`);
  if (command.type === "log" && state) refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is already logged`);
  // Own keys only: a type sent as "constructor" must not find Object's.
  const module = command.type === "log" ? null : Object.hasOwn(COMMANDS, command.type) ? COMMANDS[command.type] : undefined;
  if (module === undefined) refuse("INVALID_INPUT", `There is no command "${command.type}"`);
  const unmet = unmetRoleRequirement(rules, command.type, state ? currentStage(state)?.stageId : undefined, command.by.roles);
  if (unmet) refuse("FORBIDDEN_ROLE", `Only ${unmet.roles.map((r) => (ROLE_LABELS as Record<string, string>)[r]?.toLowerCase() ?? r).join(" or ")} may ${command.type.replace(/-/g, " ")} here`, unmet.rule);

  for (const hook of rules.hooks) {
    if (hook.order !== "pre" || (hook.commands && !hook.commands.includes(command.type))) continue;
    const verdict = hook.handler({ state, command, next: null, rules, today: on });
    if (verdict && "refuse" in verdict) refuse("PLUGIN_GUARD", verdict.refuse.message, verdict.refuse.rule);
  }

  const ctx: Ctx = { rules, today, on, effects: [], ...(book ? { book } : {}) };
  let next: CaseState;
  if (command.type === "log") next = logCase(command, rules);
  else {
    next = structuredClone(state!);
    (module!.apply as (state: CaseState, command: RegisteredCommand, ctx: Ctx) => void)(next, command, ctx);
  }

  for (const hook of rules.hooks) {
    if (hook.order !== "post" || (hook.commands && !hook.commands.includes(command.type))) continue;
    const verdict = hook.handler({ state, command, next, rules, today: on });
    if (verdict && "effects" in verdict) ctx.effects.push(...verdict.effects);
  }

  next.version = (state?.version ?? 0) + 1;
  // A transfer hands the case to another service's rules from now on (commands/transfer.ts).
  next.dueDates = computeDueDates(next, ctx.rulesAfter ?? rules, today);
  const { by, ...data } = command;
  const event: CaseEvent = {
    type: command.type,
    at: clock.now().toISOString(),
    by: by.id,
    on,
    stageId: currentStage(next)?.stageId ?? null,
    data: JSON.parse(JSON.stringify({ ...data, ...ctx.eventData })) as Record<string, unknown>,
  };
  return { ok: true, state: next, events: [event], effects: ctx.effects };
}

function resolveOn(on: IsoDate | undefined, today: IsoDate, state: CaseState | null): IsoDate {
  if (on === undefined) return today;
  if (!isIsoDate(on)) refuse("DATE_INVALID", `"${on}" is not a date (YYYY-MM-DD)`);
  if (on > today) refuse("DATE_INVALID", `The date ${formatShort(on)} is in the future; record things when they have happened`);
  if (state && on < state.receipt.receivedOn) {
    refuse("DATE_INVALID", `The date ${formatShort(on)} is before the case was received (${formatShort(state.receipt.receivedOn)})`);
  }
  return on;
}

function logCase(command: LogCase, rules: ResolvedRules): CaseState {
  const parsed = rules.intakeSchema.safeParse(intakeFieldsOf(command as unknown as Record<string, unknown>));
  if (!parsed.success) {
    const fields = parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`);
    refuse("INVALID_INPUT", `The case cannot be logged: ${fields.join("; ")}`);
  }
  if (command.serviceId !== rules.scope.serviceId || command.kind !== rules.scope.kind) {
    refuse("INVALID_INPUT", `These rules are for ${rules.scope.kind} cases of service "${rules.scope.serviceId}", not ${command.kind} of "${command.serviceId}"`);
  }
  const rep = command.representative ?? null;
  if (rep) checkRepresentative(rep);
  const receivedAt = command.receivedAt instanceof Date ? command.receivedAt : new Date(command.receivedAt);
  const receipt = receiptOf(receivedAt, rules.calendar, rules.receipt);
  const isFeedback = command.kind === "compliment" || command.kind === "comment";
  return {
    id: command.id,
    reference: command.reference,
    version: 0,
    kind: command.kind,
    channel: command.channel,
    receivedAt: receivedAt.toISOString(),
    receipt,
    matterArose: command.matterArose ?? null,
    customer: command.customer,
    representative: rep,
    description: command.description.trim(),
    desiredOutcome: command.desiredOutcome?.trim() || null,
    serviceId: command.serviceId,
    otherServiceIds: command.otherServiceIds ?? [],
    category: command.category ?? null,
    subCategory: command.subCategory ?? null,
    priority: command.priority ?? { level: "normal", reason: null },
    flags: [...new Set(command.flags ?? [])],
    aboutStaffIds: command.aboutStaffIds ?? [],
    intake: command.intake ?? {},
    regimeId: rules.regime.id,
    status: isFeedback || command.kind === "service-request" ? "open" : "new",
    triage: null,
    stages: [],
    closure: null,
    reopenings: [],
    notified: [],
    contacts: [],
    informationRequests: [],
    ombudsman: [],
    feedbackAcknowledgedOn: null,
    dueDates: [],
  };
}

