import { formatShort, isIsoDate, type IsoDate } from "../calendar/dates.js";
import { receiptOf } from "../calendar/receipt.js";
import { todayIn, type Clock } from "../clock.js";
import { computeDueDates } from "../deadlines/due-dates.js";
import { applyPeriod, describePeriod } from "../deadlines/apply-period.js";
import type { ResolvedRules } from "../plugin/resolved.js";
import type { StageRules } from "../regime/types.js";
import type { LetterKind } from "../vocabulary/letters.js";
import { intakeFieldsOf } from "./intake.js";
import { RefusalError, refuse } from "./refusals.js";
import type {
  Actor,
  CaseCommand,
  CaseEvent,
  CaseState,
  Effect,
  LogCase,
  StageInstance,
  TransitionResult,
} from "./types.js";

const CODE_TIME_LIMIT = "Complaint handling code 2024 section 2";

type Command<T extends CaseCommand["type"]> = Extract<CaseCommand, { type: T }>;

interface Ctx {
  rules: ResolvedRules;
  today: IsoDate;
  on: IsoDate;
  effects: Effect[];
  /** Due dates a recalculation moved, recorded in the event. */
  recalculated?: Array<{ id: string; from: IsoDate | null; to: IsoDate }>;
}

/**
 * The complaint lifecycle as one pure function (docs/design.md §2): the current state and a
 * command in, the next state, the events to record and the effects to carry out out — or a
 * refusal that says, in plain words, which rule stops it. No I/O: the clock is injected and
 * every rule comes in `rules`.
 */
const IMPROVEMENT_RULE = "Southwark procedure, Learning from Complaints and Escalations: improvement plans with key implementation milestones, recorded so that progress can be tracked";

export function transition(state: CaseState | null, command: CaseCommand, rules: ResolvedRules, clock: Clock): TransitionResult {
  try {
    return apply(state, command, rules, clock);
  } catch (error) {
    if (error instanceof RefusalError) return { ok: false, refusal: error.refusal };
    throw error;
  }
}

function apply(state: CaseState | null, command: CaseCommand, rules: ResolvedRules, clock: Clock): TransitionResult {
  const today = todayIn(clock);
  const on = command.type === "log" ? today : resolveOn(command.on, today, state);
  if (command.type !== "log" && !state) refuse("NOT_ALLOWED_NOW", `There is no case to ${command.type}: log it first`);
  if (command.type === "log" && state) refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is already logged`);
  checkRoles(state, command, rules);

  for (const hook of rules.hooks) {
    if (hook.order !== "pre" || (hook.commands && !hook.commands.includes(command.type))) continue;
    const verdict = hook.handler({ state, command, next: null, rules, today: on });
    if (verdict && "refuse" in verdict) refuse("PLUGIN_GUARD", verdict.refuse.message, verdict.refuse.rule);
  }

  const ctx: Ctx = { rules, today, on, effects: [] };
  const next = command.type === "log" ? logCase(command, rules) : structuredClone(state!);
  if (command.type !== "log") applyCommand(next, command, ctx);

  for (const hook of rules.hooks) {
    if (hook.order !== "post" || (hook.commands && !hook.commands.includes(command.type))) continue;
    const verdict = hook.handler({ state, command, next, rules, today: on });
    if (verdict && "effects" in verdict) ctx.effects.push(...verdict.effects);
  }

  next.version = (state?.version ?? 0) + 1;
  next.dueDates = computeDueDates(next, rules, today);
  const { by, ...data } = command as CaseCommand & { by: Actor };
  const event: CaseEvent = {
    type: command.type,
    at: clock.now().toISOString(),
    by: by.id,
    on,
    stageId: currentStage(next)?.stageId ?? null,
    data: JSON.parse(JSON.stringify(ctx.recalculated ? { ...data, changes: ctx.recalculated } : data)) as Record<string, unknown>,
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

function checkRoles(state: CaseState | null, command: CaseCommand, rules: ResolvedRules): void {
  const stageId = state ? currentStage(state)?.stageId ?? null : null;
  for (const req of rules.requiredRoles) {
    if (req.command !== command.type) continue;
    if (req.stageId !== null && req.stageId !== stageId) continue;
    if (!req.roles.some((role) => command.by.roles.includes(role))) {
      refuse("FORBIDDEN_ROLE", `Only ${req.roles.join(" or ")} may ${command.type.replace(/-/g, " ")} here`, req.rule);
    }
  }
}

export function currentStage(state: CaseState): StageInstance | undefined {
  return state.stages.at(-1);
}

function stageRules(rules: ResolvedRules, stageId: string): StageRules {
  const found = rules.regime.stages.find((s) => s.id === stageId);
  if (!found) refuse("NOT_ALLOWED_NOW", `The rules for this case have no stage "${stageId}"`);
  return found;
}

function letterTo(state: CaseState): "customer" | "representative" | null {
  if (state.representative && state.representative.replyTo === "representative") return "representative";
  return state.customer ? "customer" : null;
}

function sendLetter(state: CaseState, ctx: Ctx, letter: LetterKind, stageId: string | null, dueOn: IsoDate | null = null) {
  const to = letterTo(state);
  if (to) ctx.effects.push({ type: "send-letter", letter, stageId, to, dueOn });
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
  if (rep && !rep.consent) {
    refuse(
      "INVALID_INPUT",
      `Record the customer's consent for ${rep.name} to act for them; an MP, councillor or mayor acting for a resident needs no separate consent`,
      "Data Protection Act 2018 Sch 1 para 24; complaint handling code 1.2 (representatives)",
    );
  }
  if (rep?.consent?.basis === "elected-member" && !["mp", "councillor", "mayor"].includes(rep.role)) {
    refuse("INVALID_INPUT", `Only an elected member acts without separate consent; ${rep.name} is recorded as ${rep.role}`, "Data Protection Act 2018 Sch 1 para 24");
  }
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

function openStage(state: CaseState, stage: StageRules, requestedOn: IsoDate, extra: Partial<StageInstance> = {}): StageInstance {
  const instance: StageInstance = {
    sequence: state.stages.length + 1,
    stageId: stage.id,
    label: stage.label,
    phase: stage.acknowledge ? "awaiting-acknowledgement" : "investigating",
    requestedOn,
    requestReason: null,
    lateDiscretion: null,
    handlerId: null,
    previousHandlerIds: [],
    acknowledgedOn: null,
    offerToDiscussMade: false,
    agreedStatementOn: null,
    agreedResponseDate: null,
    pauses: [],
    extensions: [],
    holdingResponses: [],
    response: null,
    participants: [],
    endedOn: null,
    ...extra,
  };
  state.stages.push(instance);
  state.status = "open";
  return instance;
}

const isOpenPhase = (s: StageInstance) => s.phase === "awaiting-acknowledgement" || s.phase === "investigating" || s.phase === "paused";

function requireOpen(state: CaseState, what: string): void {
  if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; reopen it to ${what}`);
}

function requireActiveStage(state: CaseState, what: string): StageInstance {
  requireOpen(state, what);
  if (state.status === "new") refuse("NOT_ALLOWED_NOW", `Triage the case before you ${what}`);
  const stage = currentStage(state);
  if (!stage) refuse("NOT_ALLOWED_NOW", `This ${state.kind.replace(/-/g, " ")} has no complaint stage to ${what}`);
  if (!isOpenPhase(stage)) {
    refuse("NOT_ALLOWED_NOW", `${stage.label} has been ${stage.phase === "responded" ? "responded to" : stage.phase.replace(/-/g, " ")}; you cannot ${what} now`);
  }
  return stage;
}

/** The date by which the current stage's response is due, with its pauses and extensions. */
function currentResponseDue(state: CaseState, rules: ResolvedRules, today: IsoDate): IsoDate | null {
  const stage = currentStage(state);
  if (!stage) return null;
  const due = computeDueDates(state, rules, today).find((d) => d.id === `${stage.stageId}#${stage.sequence}.respond`);
  return due?.date ?? null;
}

function applyCommand(state: CaseState, command: Exclude<CaseCommand, LogCase>, ctx: Ctx): void {
  const { rules, on } = ctx;
  switch (command.type) {
    case "triage":
      return triage(state, command, ctx);

    case "assign": {
      const stage = requireActiveStage(state, "assign a handler");
      if (state.aboutStaffIds.includes(command.handlerId)) {
        refuse("CONFLICT_OF_INTEREST", `${command.handlerId} is named in the complaint and may not investigate it`, "Leeds policy: complaints about staff are not investigated by the person complained about");
      }
      const rulesOfStage = stageRules(rules, stage.stageId);
      for (const earlierId of rulesOfStage.handler?.independentOf ?? []) {
        const earlier = state.stages.filter((s) => s.stageId === earlierId);
        if (earlier.some((s) => s.handlerId === command.handlerId || s.previousHandlerIds.includes(command.handlerId))) {
          refuse("HANDLER_NOT_INDEPENDENT", `${command.handlerId} handled ${earlier[0]!.label}, so cannot handle ${stage.label}`, rulesOfStage.handler!.rule);
        }
      }
      if (stage.handlerId && stage.handlerId !== command.handlerId) stage.previousHandlerIds.push(stage.handlerId);
      stage.handlerId = command.handlerId;
      return;
    }

    case "notify":
      if (!command.party.trim()) refuse("INVALID_INPUT", "Say who was notified");
      state.notified.push({ party: command.party, on, reason: command.reason });
      ctx.effects.push({ type: "notify", party: command.party, reason: command.reason });
      return;

    case "acknowledge": {
      const stage = requireActiveStage(state, "acknowledge it");
      if (stage.acknowledgedOn) refuse("NOT_ALLOWED_NOW", `${stage.label} was already acknowledged on ${formatShort(stage.acknowledgedOn)}`);
      for (const need of rules.notifyBeforeAcknowledging) {
        if (!state.flags.includes(need.flag)) continue;
        const missing = need.parties.filter((p) => !state.notified.some((n) => n.party === p));
        if (missing.length) {
          refuse("NOTIFICATION_REQUIRED", `A complaint flagged "${need.flag.replace(/-/g, " ")}" cannot be acknowledged until ${missing.join(" and ")} ${missing.length > 1 ? "have" : "has"} been notified`, need.rule);
        }
      }
      const arrived = stage.receivedOn ?? stage.requestedOn;
      if (on < arrived) refuse("DATE_INVALID", `${stage.label} cannot be acknowledged before the request arrived (${formatShort(arrived)})`);
      stage.acknowledgedOn = on;
      stage.offerToDiscussMade = command.offerToDiscuss ?? false;
      if (stage.phase === "awaiting-acknowledgement") stage.phase = "investigating";
      sendLetter(state, ctx, stageRules(rules, stage.stageId).acknowledgementLetter, stage.stageId);
      return;
    }

    case "record-contact":
      if (!command.summary.trim()) refuse("INVALID_INPUT", "Summarise the contact");
      state.contacts.push({ on, direction: command.direction, channel: command.channel, summary: command.summary, by: command.by.id });
      return;

    case "request-information": {
      const stage = requireActiveStage(state, "request information");
      if (state.informationRequests.some((r) => r.id === command.id)) refuse("INVALID_INPUT", `Information request ${command.id} already exists`);
      state.informationRequests.push({ id: command.id, from: command.from, what: command.what, requestedOn: on, answeredOn: null });
      if (command.from === "customer") {
        sendLetter(state, ctx, "information-request", stage.stageId);
        if (command.pause) {
          if (stage.phase === "paused") refuse("NOT_ALLOWED_NOW", `${stage.label} is already paused`);
          stage.pauses.push({ from: on, to: null, reason: `waiting for the customer: ${command.what}` });
          stage.phase = "paused";
        }
      } else {
        ctx.effects.push({ type: "notify", party: `service:${state.serviceId}`, reason: `Information needed for ${state.reference}: ${command.what}` });
      }
      return;
    }

    case "receive-information": {
      const request = state.informationRequests.find((r) => r.id === command.id);
      if (!request) refuse("INVALID_INPUT", `There is no information request ${command.id}`);
      if (request.answeredOn) refuse("NOT_ALLOWED_NOW", `Information request ${command.id} was answered on ${formatShort(request.answeredOn)}`);
      request.answeredOn = on;
      const stage = currentStage(state);
      const pause = stage?.pauses.at(-1);
      if (stage?.phase === "paused" && pause && !pause.to && pause.reason.endsWith(request.what)) {
        pause.to = on;
        stage.phase = stage.acknowledgedOn || !stageRules(rules, stage.stageId).acknowledge ? "investigating" : "awaiting-acknowledgement";
      }
      return;
    }

    case "pause": {
      const stage = requireActiveStage(state, "pause it");
      if (stage.phase === "paused") refuse("NOT_ALLOWED_NOW", `${stage.label} is already paused`);
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Say why the clock is paused (waiting for the customer…)");
      stage.pauses.push({ from: on, to: null, reason: command.reason });
      stage.phase = "paused";
      return;
    }

    case "resume": {
      requireOpen(state, "resume it");
      const stage = currentStage(state);
      const pause = stage?.pauses.at(-1);
      if (!stage || stage.phase !== "paused" || !pause || pause.to) refuse("NOT_ALLOWED_NOW", "The clock is not paused");
      if (on < pause.from) refuse("DATE_INVALID", `The clock cannot resume before it was paused (${formatShort(pause.from)})`);
      pause.to = on;
      stage.phase = stage.acknowledgedOn || !stageRules(rules, stage.stageId).acknowledge ? "investigating" : "awaiting-acknowledgement";
      return;
    }

    case "extend": {
      const stage = requireActiveStage(state, "extend it");
      const rule = stageRules(rules, stage.stageId);
      if (!Number.isInteger(command.workingDays) || command.workingDays <= 0) refuse("INVALID_INPUT", "An extension is a whole number of working days, more than 0");
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Give the reason for the extension: the customer must be told it");
      if (!rule.extension || rule.extension.maxWorkingDays === 0) refuse("EXTENSION_TOO_LONG", `${stage.label} cannot be extended under these rules`, rule.extension?.rule ?? rule.respond.rule);
      const used = stage.extensions.reduce((sum, e) => sum + e.workingDays, 0);
      if (used + command.workingDays > rule.extension.maxWorkingDays) {
        const left = rule.extension.maxWorkingDays - used;
        refuse(
          "EXTENSION_TOO_LONG",
          `${stage.label} may be extended by at most ${rule.extension.maxWorkingDays} working days in all; ${used ? `${used} already used, so ` : ""}${left > 0 ? `at most ${left} more` : "no more"} can be added, not ${command.workingDays}`,
          rule.extension.rule,
        );
      }
      if (rule.extension.ombudsmanDetailsRequired && !command.ombudsmanDetailsGiven) {
        refuse("OMBUDSMAN_DETAILS_REQUIRED", `Tell the customer how to contact the ${rules.regime.nextBody.name} with the extension`, rule.extension.rule);
      }
      const dueBefore = currentResponseDue(state, rules, ctx.today);
      if (dueBefore && on > dueBefore) {
        refuse("NOT_ALLOWED_NOW", `The response was due on ${formatShort(dueBefore)}; an extension must be agreed and told to the customer before the deadline passes`, rule.extension.rule);
      }
      const newDueDate = rules.calendar.addWorkingDays(dueBefore ?? on, command.workingDays);
      stage.extensions.push({
        workingDays: command.workingDays,
        reason: command.reason,
        newDueDate,
        customerToldOn: command.customerToldOn ?? on,
        ombudsmanDetailsGiven: command.ombudsmanDetailsGiven,
      });
      sendLetter(state, ctx, "extension-notice", stage.stageId);
      return;
    }

    case "agree-statement": {
      const stage = requireActiveStage(state, "record the agreed statement");
      if (stage.agreedStatementOn) refuse("NOT_ALLOWED_NOW", `The statement was agreed on ${formatShort(stage.agreedStatementOn)}`);
      stage.agreedStatementOn = on;
      return;
    }

    case "agree-response-date": {
      const stage = requireActiveStage(state, "agree a response date");
      const rule = stageRules(rules, stage.stageId);
      if (!rule.responsePeriodAgreeable) refuse("NOT_ALLOWED_NOW", `${stage.label}'s response period is fixed, not agreed with the complainant`, rule.respond.rule);
      if (!isIsoDate(command.date) || command.date <= on) refuse("DATE_INVALID", "The agreed response date must be a date after today");
      const due = currentResponseDue(state, rules, ctx.today);
      if (due && on > due) refuse("NOT_ALLOWED_NOW", `A longer period must be agreed before the current one runs out (${formatShort(due)})`, rule.respond.rule);
      stage.agreedResponseDate = command.date;
      return;
    }

    case "record-milestone": {
      const stage = requireActiveStage(state, "record a milestone");
      const milestone = stageRules(rules, stage.stageId).milestones?.find((m) => m.id === command.milestoneId);
      if (!milestone) refuse("INVALID_INPUT", `${stage.label} has no milestone "${command.milestoneId}"`);
      const recorded = stage.milestones ?? {};
      if (recorded[milestone.id]) refuse("NOT_ALLOWED_NOW", `${milestone.label} was recorded on ${formatShort(recorded[milestone.id]!)}`);
      if (milestone.from.startsWith("milestone:")) {
        const before = milestone.from.slice("milestone:".length);
        if (!recorded[before]) refuse("NOT_ALLOWED_NOW", `Record "${before.replace(/-/g, " ")}" before ${milestone.label.toLowerCase()}`, milestone.rule);
      }
      stage.milestones = { ...recorded, [milestone.id]: on };
      return;
    }

    case "add-participant": {
      const stage = requireActiveStage(state, "add a participant");
      if (!command.name.trim() || !command.role.trim()) refuse("INVALID_INPUT", "Give the participant's role and name");
      stage.participants.push({ role: command.role, name: command.name, id: command.participantId ?? null });
      return;
    }

    case "holding-response": {
      const stage = requireActiveStage(state, "send a holding response");
      if (!command.summary.trim()) refuse("INVALID_INPUT", "Say what the holding response told the customer (the reason for the delay and the new date)");
      stage.holdingResponses.push({ on, summary: command.summary });
      sendLetter(state, ctx, "holding-response", stage.stageId);
      return;
    }

    case "respond":
      return respond(state, command, ctx);

    case "complete-remedy": {
      const remedy = state.stages.flatMap((s) => s.response?.remedies ?? []).find((r) => r.id === command.remedyId);
      if (!remedy) refuse("INVALID_INPUT", `There is no remedy ${command.remedyId}`);
      if (remedy.completedOn) refuse("NOT_ALLOWED_NOW", `The remedy was completed on ${formatShort(remedy.completedOn)}`);
      remedy.completedOn = on;
      return;
    }

    case "agree-improvement-action": {
      // An improvement action belongs to the answered stage whose lesson it acts on, whether
      // agreed in the response or afterwards (Southwark: learning from escalations; QA findings).
      const stage =
        command.stageSequence === undefined
          ? [...state.stages].reverse().find((s) => s.response)
          : state.stages.find((s) => s.sequence === command.stageSequence);
      if (!stage) {
        if (command.stageSequence !== undefined) refuse("INVALID_INPUT", `The case has no stage ${command.stageSequence}`);
        refuse("NOT_ALLOWED_NOW", "Improvement actions follow a response: answer the complaint first", IMPROVEMENT_RULE);
      }
      if (!stage.response) refuse("NOT_ALLOWED_NOW", `${stage.label} has not been answered: agree improvement actions with its response or after it`, IMPROVEMENT_RULE);
      if (!command.actionId.trim() || !command.description.trim()) refuse("INVALID_INPUT", "Say what will be improved");
      if (!command.ownerId.trim()) refuse("INVALID_INPUT", "Name the owner of the improvement action", IMPROVEMENT_RULE);
      if (!isIsoDate(command.dueOn)) refuse("DATE_INVALID", `"${command.dueOn}" is not a date (YYYY-MM-DD)`);
      if (command.dueOn < on) refuse("DATE_INVALID", `The due date ${formatShort(command.dueOn)} has already passed`);
      const actions = stage.response.learning.improvementActions;
      if (actions.some((a) => a.id === command.actionId)) refuse("NOT_ALLOWED_NOW", `${stage.label} already has an improvement action "${command.actionId}"`);
      actions.push({ id: command.actionId, description: command.description.trim(), ownerId: command.ownerId, dueOn: command.dueOn });
      return;
    }

    case "escalate":
      return escalate(state, command, ctx);

    case "refer-back": {
      const stage = requireActiveStage(state, "refer it back");
      const rule = stageRules(rules, stage.stageId);
      if (!rule.referBackTo) refuse("NOT_ALLOWED_NOW", `${stage.label} cannot refer a complaint back under these rules`);
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Say why the complaint goes back");
      stage.phase = "referred-back";
      stage.endedOn = on;
      const target = stageRules(rules, rule.referBackTo);
      const reopened = openStage(state, target, on, { receivedOn: on, requestReason: `Referred back from ${stage.label}: ${command.reason}` });
      sendLetter(state, ctx, "referral-back", reopened.stageId);
      return;
    }

    case "withdraw": {
      requireOpen(state, "withdraw it");
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Record why the complaint was withdrawn");
      const stage = currentStage(state);
      if (stage && isOpenPhase(stage)) {
        stage.phase = "withdrawn";
        stage.endedOn = on;
        const pause = stage.pauses.at(-1);
        if (pause && !pause.to) pause.to = on;
      }
      state.status = "closed";
      state.closure = { on, reason: "withdrawn", note: command.reason };
      return;
    }

    case "close":
      return close(state, command, ctx);

    case "reopen": {
      if (state.status !== "closed" || !state.closure) refuse("NOT_ALLOWED_NOW", "Only a closed case can be reopened");
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Record why the case is reopened");
      state.reopenings.push({ on, reason: command.reason });
      const stage = currentStage(state);
      // A complaint closed before any stage opened (triage outcome, or withdrawn while
      // waiting for triage) goes back to triage; it must never be open without a stage.
      const stageless = state.stages.length === 0 && state.kind !== "service-request" && state.kind !== "compliment" && state.kind !== "comment";
      if (stageless) {
        state.status = "new";
        state.triage = null;
      } else {
        state.status = "open";
        if (stage && (stage.phase === "responded" || stage.phase === "withdrawn")) {
          stage.phase = stage.acknowledgedOn ? "investigating" : "awaiting-acknowledgement";
          stage.endedOn = null;
          if (stage.response) {
            stage.response = null;
          }
        }
      }
      state.closure = null;
      return;
    }

    case "acknowledge-feedback": {
      requireOpen(state, "acknowledge it");
      if (state.kind !== "compliment" && state.kind !== "comment") refuse("NOT_ALLOWED_NOW", "Only compliments and comments are acknowledged this way");
      if (state.feedbackAcknowledgedOn) refuse("NOT_ALLOWED_NOW", `Already acknowledged on ${formatShort(state.feedbackAcknowledgedOn)}`);
      state.feedbackAcknowledgedOn = on;
      sendLetter(state, ctx, "compliment-acknowledgement", null);
      return;
    }

    case "convert-to-complaint": {
      requireOpen(state, "convert it");
      if (state.kind !== "service-request") refuse("NOT_ALLOWED_NOW", "Only a service request can be converted to a complaint");
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Record why the customer is dissatisfied");
      state.kind = "complaint";
      state.status = "new";
      state.triage = null;
      return;
    }

    case "ombudsman-enquiry": {
      if (state.ombudsman.some((o) => o.id === command.enquiryId)) refuse("INVALID_INPUT", `Enquiry ${command.enquiryId} is already recorded`);
      if (!command.reference.trim()) refuse("INVALID_INPUT", "Give the Ombudsman's reference");
      if (!isIsoDate(command.responseDueOn) || command.responseDueOn < on) refuse("DATE_INVALID", "The Ombudsman's response date must be a date on or after the enquiry");
      state.ombudsman.push({
        id: command.enquiryId,
        body: command.body,
        reference: command.reference,
        receivedOn: on,
        responseDueOn: command.responseDueOn,
        respondedOn: null,
        approvedBy: null,
        decision: null,
        remedies: [],
        satisfactionLetterOn: null,
      });
      ctx.effects.push({ type: "notify", party: "head-of-service", reason: `Ombudsman enquiry ${command.reference} on ${state.reference}: response due ${formatShort(command.responseDueOn)}` });
      return;
    }

    case "ombudsman-response": {
      const enquiry = findEnquiry(state, command.enquiryId);
      if (enquiry.respondedOn) refuse("NOT_ALLOWED_NOW", `The response went on ${formatShort(enquiry.respondedOn)}`);
      if (!command.approvedBy.trim()) refuse("SIGNATORY_REQUIRED", "The response to the Ombudsman must be approved by the Head of Service", "Southwark procedure: Ombudsman enquiries");
      enquiry.respondedOn = on;
      enquiry.approvedBy = command.approvedBy;
      return;
    }

    case "ombudsman-decision": {
      const enquiry = findEnquiry(state, command.enquiryId);
      if (enquiry.decision) refuse("NOT_ALLOWED_NOW", `The decision was recorded on ${formatShort(enquiry.decision.on)}`);
      enquiry.decision = { on, finding: command.finding, injustice: command.injustice, summary: command.summary };
      enquiry.remedies = (command.remedies ?? []).map((r) => ({ id: r.id, description: r.description, dueOn: r.dueOn, amountPence: r.amountPence ?? null, completedOn: null }));
      return;
    }

    case "ombudsman-remedy-complied": {
      const enquiry = findEnquiry(state, command.enquiryId);
      const remedy = enquiry.remedies.find((r) => r.id === command.remedyId);
      if (!remedy) refuse("INVALID_INPUT", `The Ombudsman's decision has no remedy ${command.remedyId}`);
      if (remedy.completedOn) refuse("NOT_ALLOWED_NOW", `That remedy was completed on ${formatShort(remedy.completedOn)}`);
      remedy.completedOn = on;
      return;
    }

    case "recalculate-deadlines": {
      // docs/design.md §4: a calendar change (a new bank holiday, a closure day) moves the future
      // deadlines of open cases, with an audit event; closed cases keep the performance
      // they were measured on.
      if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is closed; its deadlines are history and are not recalculated`);
      if (!command.reason.trim()) refuse("INVALID_INPUT", "Say why the deadlines are recalculated (e.g. a new bank holiday)");
      const after = computeDueDates(state, rules, ctx.today);
      const changes = after
        .map((d) => ({ id: d.id, from: state.dueDates.find((b) => b.id === d.id)?.date ?? null, to: d.date }))
        .filter((c) => c.from !== c.to && !state.dueDates.find((b) => b.id === c.id)?.metOn);
      ctx.recalculated = changes;
      return;
    }

    case "ombudsman-satisfied": {
      const enquiry = findEnquiry(state, command.enquiryId);
      const outstanding = enquiry.remedies.filter((r) => !r.completedOn);
      if (outstanding.length) refuse("NOT_ALLOWED_NOW", `${outstanding.length} of the Ombudsman's remedies are not complete yet`);
      enquiry.satisfactionLetterOn = on;
      return;
    }
  }
}

function findEnquiry(state: CaseState, id: string) {
  const enquiry = state.ombudsman.find((o) => o.id === id);
  if (!enquiry) refuse("INVALID_INPUT", `There is no Ombudsman enquiry ${id} on this case`);
  return enquiry;
}

function triage(state: CaseState, command: Command<"triage">, ctx: Ctx): void {
  const { rules, on } = ctx;
  if (state.status !== "new") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} has already been triaged`);
  const entry = rules.regime.stages[0]!;
  const limit = rules.regime.timeLimit;
  switch (command.outcome) {
    case "accept": {
      if (limit && state.matterArose) {
        const deadline = applyPeriod(rules.calendar, state.matterArose, limit);
        if (state.receipt.receivedOn > deadline.date) {
          refuse(
            "NOT_ALLOWED_NOW",
            `The matter arose on ${formatShort(state.matterArose)}, more than ${describePeriod(limit)} before the complaint; record an out-of-time decision (refuse, or accept with discretion and say why)`,
            limit.rule,
          );
        }
      }
      state.triage = { outcome: "accept" };
      openStage(state, entry, state.receipt.countsFrom, { receivedOn: state.receipt.receivedOn });
      return;
    }
    case "not-a-complaint":
      if (!command.agreedWithCustomer) {
        refuse("NOT_ALLOWED_NOW", "Treat it as a service request only when the customer agrees; otherwise accept it as a complaint", "Complaint handling code 2024 1.2–1.3: offer the choice to complain");
      }
      state.triage = { outcome: "not-a-complaint", agreedWithCustomer: true, note: command.note };
      state.kind = "service-request";
      state.status = "open";
      sendLetter(state, ctx, "not-a-complaint", null);
      return;
    case "excluded":
      if (!command.route.trim()) refuse("INVALID_INPUT", "Tell the customer the right route for an excluded matter (the appeal, tribunal or body)", "Complaint handling code 2024 2.x: a refusal gives reasons and the right to go to the Ombudsman");
      state.triage = { outcome: "excluded", reason: command.reason, route: command.route };
      close_(state, on, "excluded", command.route);
      sendLetter(state, ctx, "excluded", null);
      return;
    case "out-of-time": {
      if (!command.reasons.trim()) refuse("INVALID_INPUT", "Record the reasons for the out-of-time decision (discretion must be considered)", limit?.rule ?? CODE_TIME_LIMIT);
      state.triage = { outcome: "out-of-time", decision: command.decision, reasons: command.reasons };
      if (command.decision === "accept-with-discretion") {
        openStage(state, entry, state.receipt.countsFrom, { receivedOn: state.receipt.receivedOn });
      } else {
        close_(state, on, "out-of-time", command.reasons);
        sendLetter(state, ctx, "out-of-time", null);
      }
      return;
    }
    case "wrongly-addressed":
      if (!command.body.trim()) refuse("INVALID_INPUT", "Name the organisation the customer should contact");
      state.triage = { outcome: "wrongly-addressed", body: command.body, bodyContact: command.bodyContact };
      close_(state, on, "wrongly-addressed", command.body);
      sendLetter(state, ctx, "wrongly-addressed", null);
      return;
    case "duplicate":
      if (command.ofCaseId === state.id) refuse("INVALID_INPUT", "A case cannot duplicate itself");
      state.triage = { outcome: "duplicate", ofCaseId: command.ofCaseId, ofReference: command.ofReference };
      close_(state, on, "duplicate", `Duplicate of ${command.ofReference}`);
      return;
  }
}

function close_(state: CaseState, on: IsoDate, reason: NonNullable<CaseState["closure"]>["reason"], note: string | null) {
  state.status = "closed";
  state.closure = { on, reason, note };
}

function respond(state: CaseState, command: Command<"respond">, ctx: Ctx): void {
  const { rules, on } = ctx;
  const stage = requireActiveStage(state, "respond");
  const rule = stageRules(rules, stage.stageId);
  if (rule.acknowledge && !stage.acknowledgedOn) refuse("NOT_ALLOWED_NOW", `Acknowledge ${stage.label} before responding`, rule.acknowledge.rule);
  if (!command.reasons.trim()) refuse("INVALID_INPUT", "Give the reasons for the decision", "Complaint handling code 2024 6.x: the response sets out the decision and the reasons");
  if (rule.signedByResponsiblePerson && !command.signedBy) {
    refuse("SIGNATORY_REQUIRED", "The response must be signed by the responsible person", "SI 2009/309 reg 14(1)");
  }
  const remedies = (command.remedies ?? []).map((r) => {
    if (r.type === "financial") {
      if (r.physicalInjury) {
        refuse("REMEDY_PHYSICAL_INJURY", "A financial remedy is never offered for physical injury: refer the claim to Legal / insurance", "Leeds policy: remedies and goodwill gestures");
      }
      if (!r.amountPence || r.amountPence <= 0 || !Number.isInteger(r.amountPence)) refuse("INVALID_INPUT", "A financial remedy needs an amount in pence greater than 0");
      if (!r.approverId) refuse("INVALID_INPUT", "A financial remedy needs the approver recorded");
      if (rules.delegatedLimits.length) {
        const approverRoles: readonly string[] = r.approverId === command.by.id ? command.by.roles : r.approverRoles ?? [];
        const limit = Math.max(0, ...rules.delegatedLimits.filter((l) => approverRoles.includes(l.role)).map((l) => l.maxPence));
        if (r.amountPence > limit) {
          refuse(
            "REMEDY_OVER_LIMIT",
            `£${(r.amountPence / 100).toFixed(2)} is above the approver's delegated limit of £${(limit / 100).toFixed(2)}; ask someone with a higher limit to approve it`,
            "Council profile: delegated financial limits",
          );
        }
      }
    }
    const { physicalInjury: _injury, approverRoles: _roles, ...remedy } = r;
    return { ...remedy, completedOn: null };
  });
  stage.response = {
    on,
    outcome: command.outcome,
    reasons: command.reasons,
    remedies,
    outstandingActions: command.outstandingActions ?? [],
    learning: {
      rootCause: command.learning?.rootCause ?? null,
      lessons: command.learning?.lessons ?? null,
      improvementActions: command.learning?.improvementActions ?? [],
    },
    signedBy: command.signedBy ?? null,
    handlerId: stage.handlerId,
  };
  const pause = stage.pauses.at(-1);
  if (pause && !pause.to) pause.to = on;
  stage.phase = "responded";
  sendLetter(state, ctx, rule.responseLetter, stage.stageId);
}

function escalate(state: CaseState, command: Command<"escalate">, ctx: Ctx): void {
  const { rules, on } = ctx;
  const stage = currentStage(state);
  const reopenable = state.status === "closed" && state.closure?.reason === "not-escalated";
  if (state.status !== "open" && !reopenable) refuse("NOT_ALLOWED_NOW", "Only a complaint that has had a stage response can be escalated");
  if (!stage || stage.phase !== "responded" || !stage.response) {
    refuse("NOT_ALLOWED_NOW", stage ? `${stage.label} has not been responded to yet; escalation comes after the response` : "There is no stage to escalate from");
  }
  const rule = stageRules(rules, stage.stageId);
  if (!rule.escalation) {
    refuse("NO_NEXT_STAGE", `${stage.label} is the final stage; the next step is the ${rules.regime.nextBody.name}`, rules.regime.nextBody.rule);
  }
  const requestedAt = command.requestedAt ? new Date(command.requestedAt) : null;
  if (requestedAt && Number.isNaN(requestedAt.getTime())) refuse("DATE_INVALID", "The escalation request time is not a valid date and time");
  const request = requestedAt ? receiptOf(requestedAt, rules.calendar, rules.receipt) : null;
  const requestedOn = request ? request.countsFrom : rules.calendar.rollForward(on);
  if (requestedOn < stage.response.on) refuse("DATE_INVALID", "The escalation request cannot be before the stage response");
  if (rule.escalation.window) {
    const closes = applyPeriod(rules.calendar, stage.response.on, rule.escalation.window.period).date;
    const askedOn = request?.receivedOn ?? on;
    if (askedOn > closes) {
      if (!rule.escalation.lateAllowedWithDiscretion || !command.lateDiscretion?.trim()) {
        refuse(
          "ESCALATION_WINDOW_CLOSED",
          `The customer had until ${formatShort(closes)} to ask for ${stageRules(rules, rule.escalation.to).label}; ${rule.escalation.lateAllowedWithDiscretion ? "accept a late request only by recording why (discretion)" : "a late request cannot be accepted"}`,
          rule.escalation.window.rule,
        );
      }
    }
  }
  stage.endedOn = stage.endedOn ?? on;
  const nextRules = stageRules(rules, rule.escalation.to);
  if (reopenable) {
    state.reopenings.push({ on, reason: "Escalation requested after the case was closed" });
    state.closure = null;
  }
  openStage(state, nextRules, requestedOn, { receivedOn: request?.receivedOn ?? on, requestReason: command.reason ?? null, lateDiscretion: command.lateDiscretion ?? null });
}

function close(state: CaseState, command: Command<"close">, ctx: Ctx): void {
  const { rules, on } = ctx;
  if (state.status === "closed") refuse("NOT_ALLOWED_NOW", `Case ${state.reference} is already closed`);
  if (state.status === "new") refuse("NOT_ALLOWED_NOW", "Triage the case first: a case is closed by a triage outcome, a response or a withdrawal");
  if (state.kind === "compliment" || state.kind === "comment") {
    if (!state.feedbackAcknowledgedOn && state.customer) refuse("NOT_ALLOWED_NOW", "Acknowledge the compliment or comment before closing it", rules.regime.feedbackAcknowledge?.rule ?? null);
    close_(state, on, "feedback-acknowledged", command.note ?? null);
    return;
  }
  if (state.kind === "service-request") {
    close_(state, on, "service-request-completed", command.note ?? null);
    return;
  }
  const stage = currentStage(state);
  if (!stage || stage.phase !== "responded") {
    refuse("NOT_ALLOWED_NOW", `${stage?.label ?? "The complaint"} has not been responded to; respond, or record that the customer withdrew it`);
  }
  const rule = stageRules(rules, stage.stageId);
  close_(state, on, rule.escalation ? "not-escalated" : "final-response", command.note ?? null);
}
