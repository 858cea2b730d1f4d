/**
 * The case command flow (docs/design.md §2, decision 0301): check who may act → load → core's
 * `transition` → one database transaction writing the state, due dates, events and the
 * outbox messages for the effects (letters to produce, people to notify). The outbox is
 * delivered after the commit by the jobs (docs/decisions/0305-jobs-and-notifications.md).
 */
import {
  availableCommands,
  currentStage,
  grantedRolesFor,
  nextSteps,
  type NextStep,
  mayDecideApproval,
  type CaseCommand,
  type CaseState,
  type Channel,
  type CommandType,
  type Effect,
  type LogCase,
  contactFor,
  partyLabel,
  PARTY_ROLES,
  ROLE_LABELS,
} from "@complaints/core";
import {
  applyCaseCommand,
  caseRepository,
  customerRepository,
  logCase,
  NotFoundError,
  runIdempotently,
  sweepRepository,
  type AppliedCommand,
  type CustomerInput,
  type Executor,
  type NewNotification,
  type OutboxRecipient,
} from "@complaints/db";
import type { Transaction } from "kysely";
import type { DB } from "@complaints/db";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { badInput, noAccess, notFound, refused, unprocessable } from "../errors.js";
import { commandDecision, logDecision, readDecision, type CaseFacts, type StaffPrincipal, type ApiKeyPrincipal } from "../access/principal.js";
import { COMMAND_ROLES, type StaffRole } from "../access/policy.js";
import type { LetterElement } from "@complaints/letters";
import { issueStepLetters, type StepLetter } from "./letters.js";
import { approvalAlert } from "./approvals.js";

export type CommandKey = Exclude<CommandType, "log">;
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A command as a client sends it: core's command without `type` and `by` (the API adds them). */
export type CommandPayload<K extends CommandKey> = DistributiveOmit<Extract<CaseCommand, { type: K }>, "type" | "by">;

export interface CommandOutcome {
  caseId: string;
  reference: string;
  version: number;
  status: CaseState["status"];
  /** What the caller may do next. */
  available: CommandType[];
  /**
   * The letters the step asked for and what became of them (decision 0321): issued and sent,
   * waiting for an officer's words, or withdrawn as stale. Empty for a replayed request.
   */
  letters: StepLetter[];
}

/** The officer's words for the step's letter, typed in the step's form (decision 0321). */
export interface StepLetterWords {
  sections?: Array<{ element: LetterElement; heading?: string | undefined; paragraphs: string[] }> | undefined;
}

/** What the access policy asks about a loaded case (access/principal.ts). */
export function factsOfCase(record: { councilId: string; state: CaseState; row: { directorate_id: string | null; restricted: boolean; assigned_staff_id: string | null } }): CaseFacts {
  return {
    councilId: record.councilId,
    directorateId: record.row.directorate_id,
    restricted: record.row.restricted,
    aboutStaffIds: record.state.aboutStaffIds ?? [],
    handlerId: record.row.assigned_staff_id,
  };
}

/** Loads a case the staff member may read; anything else is "not found" (existence is not leaked). */
export async function loadReadableCase(ctx: Context, staff: StaffPrincipal, caseId: string) {
  let record;
  try {
    const reads = ctx.caseReads;
    let loading = reads?.get(caseId) as ReturnType<typeof caseRepository.getCase<CaseState>> | undefined;
    if (!loading) {
      loading = caseRepository.getCase<CaseState>(ctx.db, caseId);
      if (reads) {
        reads.set(caseId, loading);
        loading.catch(() => reads.delete(caseId));
      }
    }
    record = await loading;
  } catch (error) {
    if (error instanceof NotFoundError) throw notFound("There is no such case");
    throw error;
  }
  const decision = readDecision(staff, factsOfCase(record));
  if (!decision.ok) throw notFound("There is no such case, or you cannot see it");
  return { record, roles: decision.roles };
}

/** The roles the case's plugins grant this command at its current stage (a plugin's `allowRoles`; decision 0711's record of roles is in docs/plugins.md). */
export async function commandGrants(ctx: Context, record: { councilId: string; state: CaseState }, type: CommandType): Promise<string[]> {
  const runtime = await ctx.deps.councils.get(record.councilId);
  return grantedRolesFor(runtime.book.rulesFor(record.state.serviceId, record.state.kind), type, currentStage(record.state)?.stageId);
}

/** The commands this staff member may issue on the case now: core's list, narrowed by role and widened by the plugins' grants. */
export function availableFor(state: CaseState, runtime: CouncilRuntime, staff: StaffPrincipal, facts: CaseFacts): CommandType[] {
  const read = readDecision(staff, facts);
  if (!read.ok) return [];
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const stageId = currentStage(state)?.stageId;
  return availableCommands(state, rules, { id: staff.id, roles: read.roles }).filter(
    (type) =>
      type !== "log" &&
      [...COMMAND_ROLES[type as CommandKey], ...grantedRolesFor(rules, type, stageId)].some((r) => (read.roles as readonly string[]).includes(r)) &&
      // Offered only to someone who may decide a waiting request (not its requester; decision 0324).
      (type !== "decide-approval" || (state.approvals ?? []).some((a) => !a.decision && mayDecideApproval(rules, a, { id: staff.id, roles: read.roles }))),
  );
}

/** The one or two steps the rules expect next of this staff member (core's `nextSteps`): what the case page leads with. */
export function nextStepsFor(state: CaseState, runtime: CouncilRuntime, staff: StaffPrincipal, facts: CaseFacts): NextStep[] {
  const read = readDecision(staff, facts);
  if (!read.ok) return [];
  return nextSteps(state, runtime.book.rulesFor(state.serviceId, state.kind), { id: staff.id, roles: read.roles });
}

/** Runs one lifecycle command for a staff member. */
export async function runCommand<K extends CommandKey>(
  ctx: Context,
  staff: StaffPrincipal,
  type: K,
  input: { caseId: string; expectedVersion: number; idempotencyKey?: string | undefined; letter?: StepLetterWords | undefined } & CommandPayload<K>,
  /** More to write in the command's own transaction (an improvement action's milestones). */
  options: { also?: (trx: Transaction<DB>, applied: AppliedCommand<CaseState>) => Promise<void> } = {},
): Promise<CommandOutcome> {
  const { caseId, expectedVersion, idempotencyKey, letter: words, ...payload } = input;
  const { record } = await loadReadableCase(ctx, staff, caseId);
  const facts = factsOfCase(record);
  const runtime = await ctx.deps.councils.get(record.councilId);
  const state = record.state;
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const decision = commandDecision(staff, type, facts, grantedRolesFor(rules, type, currentStage(state)?.stageId));
  if (!decision.ok) throw noAccess(decision.reason);
  const command = { ...payload, type, by: { id: staff.id, roles: decision.roles, name: staff.name } } as unknown as Exclude<CaseCommand, LogCase>;
  // Core's refusals name the person assigned (issue 16), from the council's records.
  if (command.type === "assign") command.handlerName = (await caseRepository.staffNames(ctx.db, record.councilId, [command.handlerId])).get(command.handlerId);
  // The letters this step asks for, issued once it has committed (decision 0321).
  let letterIds: number[] = [];
  const step: StepOrigin = { by: staff.id, command: type, sections: words?.sections ?? [] };
  const apply = async (db: Executor): Promise<CommandOutcome> => {
    const result = await applyCaseCommand(db, {
      caseId,
      expectedVersion,
      command,
      rules,
      clock: ctx.clock,
      book: runtime.book,
      also: async (trx, applied) => {
        letterIds = await queueEffects(ctx, trx, runtime, applied, record.row.directorate_id, step);
        if (type === "transfer") await tellReleasedHandler(ctx, trx, runtime, applied);
        if (type === "edit-details" && applied.state.customer && applied.state.customer.name !== state.customer?.name) {
          await customerRepository.renameCustomer(trx, { councilId: applied.councilId, customerId: applied.state.customer.id, fullName: applied.state.customer.name, at: ctx.clock.now() });
        }
        // Approval asked for or decided: those who decide, or the person who asked, are told (decision 0324).
        const alert = approvalAlert(rules, applied.state, command, staff);
        if (alert) await queueStaffAlert(ctx, trx, runtime, applied, record.row.directorate_id, alert);
        await options.also?.(trx, applied);
      },
    });
    if (!result.ok) throw refused(result.refusal);
    const after = { ...facts, handlerId: result.state.stages.at(-1)?.handlerId ?? null };
    return {
      caseId: result.caseId,
      reference: result.reference,
      version: result.version,
      status: result.state.status,
      available: availableFor(result.state, runtime, staff, after),
      letters: [],
    };
  };
  if (!idempotencyKey) {
    const outcome = await apply(ctx.db);
    return { ...outcome, letters: await issueStepLetters(ctx, caseId, letterIds) };
  }
  // A form sent twice (a double click, a retry) with its own key is done once: the second
  // gets the first's outcome instead of "someone else changed this case" (issue 20). A
  // refusal or conflict stores nothing, so the key stays free for a corrected submission.
  const outcome = await runIdempotently(
    ctx.db,
    { councilId: record.councilId, scope: "case-command", key: idempotencyKey, request: { by: staff.id, caseId, expectedVersion, type, payload, ...(words ? { letter: words } : {}) } },
    (trx) => apply(trx),
  );
  const value = outcome.value as unknown as CommandOutcome;
  return { ...value, letters: outcome.replayed ? [] : await issueStepLetters(ctx, caseId, letterIds) };
}

/**
 * A transfer out of the handler's directorate releases them (core's commands/transfer.ts):
 * they are told the case has gone and where, since it leaves their queue and, unless their
 * roles reach the new directorate, their sight (docs/decisions/0105-correcting-the-record.md).
 */
async function tellReleasedHandler(ctx: Context, trx: Transaction<DB>, runtime: CouncilRuntime, applied: AppliedCommand<CaseState>): Promise<void> {
  const moved = applied.state.transfers?.at(-1);
  if (!moved?.handlerReleased) return;
  await queueStaffAlert(ctx, trx, runtime, applied, null, {
    party: "released-handler",
    subject: `${applied.reference}: transferred to ${moved.to.service}`,
    text: `Case ${applied.reference} was transferred from ${moved.from.service} to ${moved.to.service}: ${moved.reason}\n\nYou no longer handle it; ${moved.to.service} will assign it.`,
    staffIds: [moved.handlerReleased],
  });
}

export interface LogInput {
  kind: CaseState["kind"];
  channel: Channel;
  receivedAt?: string | undefined;
  /** The lead service, by its profile slug ("waste"). */
  serviceId: string;
  otherServiceIds?: string[] | undefined;
  description: string;
  desiredOutcome?: string | null | undefined;
  category?: string | null | undefined;
  subCategory?: string | null | undefined;
  matterArose?: string | null | undefined;
  priority?: { level: "high" | "normal"; reason: string | null } | undefined;
  flags?: CaseState["flags"] | undefined;
  aboutStaffIds?: string[] | undefined;
  representative?: CaseState["representative"] | undefined;
  intake?: Record<string, unknown> | undefined;
  customer: { id: string } | CustomerInput | null;
  /** The same key sent again returns the first case instead of logging a second one. */
  idempotencyKey?: string | undefined;
}

/**
 * A member of the public using the online forms: no account, no roles but core's "public".
 * Recorded in the event log as the actor `{ type: "public", id: "web-form" }`.
 */
export interface PublicSubmitter {
  kind: "public";
  councilId: string;
}

/** Core's actor for what the public does through the online forms. */
export const WEB_FORM_ACTOR = { id: "web-form", roles: ["public"], name: "Member of the public (online form)" } as const;

/**
 * A member of the public writing to the council's complaints mailbox (services/inbound-mail.ts):
 * recorded as the actor `{ type: "public", id: "inbound-email" }`.
 */
export interface EmailSender {
  kind: "email";
  councilId: string;
}

/** Core's actor for what arrives by email. */
export const EMAIL_ACTOR = { id: "inbound-email", roles: ["public"], name: "Email to the complaints mailbox" } as const;

export interface LogOutcome {
  caseId: string;
  reference: string;
  version: number;
  /** false when the idempotency key had been seen: this is the case the first request logged. */
  created: boolean;
}

/** Logs a new case, by a staff member, an integration's API key, the public online form or an email. */
export async function logNewCase(
  ctx: Context,
  by: StaffPrincipal | ApiKeyPrincipal | PublicSubmitter | EmailSender,
  input: LogInput,
  /** More to write in the same transaction once the case exists (not on an idempotent replay). */
  also?: (trx: Transaction<DB>, applied: AppliedCommand<CaseState>, runtime: CouncilRuntime, directorateId: string | null) => Promise<void>,
): Promise<LogOutcome> {
  const runtime = await ctx.deps.councils.get(by.councilId);
  const directorateCode = runtime.directorateOfService.get(input.serviceId);
  if (!directorateCode) throw badInput(`There is no service "${input.serviceId}"; choose one of: ${[...runtime.directorateOfService.keys()].join(", ")}`);
  const directorateId = runtime.directorateIdByCode.get(directorateCode) ?? null;

  let roles: StaffRole[] | ["public"];
  if (by.kind === "staff") {
    const decision = logDecision(by, directorateId);
    if (!decision.ok) throw noAccess(decision.reason);
    roles = decision.roles;
  } else if (by.kind === "public" || by.kind === "email") {
    roles = ["public"];
  } else {
    if (!directorateId || !by.directorateIds.includes(directorateId)) {
      throw noAccess(`This API key cannot create cases for ${runtime.names.directorates.get(directorateId ?? "") ?? "that directorate"}`);
    }
    roles = ["public"];
  }
  const rules = runtime.book.rulesFor(input.serviceId, input.kind);
  const { customer, idempotencyKey, receivedAt, ...fields } = input;
  const actorId = by.kind === "staff" ? by.id : by.kind === "public" ? WEB_FORM_ACTOR.id : by.kind === "email" ? EMAIL_ACTOR.id : `api-key:${by.id}`;
  const actorName = by.kind === "public" ? WEB_FORM_ACTOR.name : by.kind === "email" ? EMAIL_ACTOR.name : by.name;
  // Keys the public's forms (and its email) make are kept apart from staff and integration keys.
  const scope = by.kind === "public" || by.kind === "email" ? "public-intake" : "intake";
  const result = await logCase(ctx.db, {
    councilId: by.councilId,
    command: {
      ...fields,
      receivedAt: receivedAt ?? ctx.clock.now().toISOString(),
      by: { id: actorId, roles: roles as never, name: actorName },
    } as Omit<LogCase, "type" | "id" | "reference" | "customer">,
    customer,
    rules,
    clock: ctx.clock,
    ...(idempotencyKey ? { idempotency: { key: idempotencyKey, request: { customer, ...fields, receivedAt: receivedAt ?? null }, scope } } : {}),
    also: async (trx, applied) => {
      await queueEffects(ctx, trx, runtime, applied, directorateId);
      if (also) await also(trx, applied, runtime, directorateId);
    },
  });
  if (!result.ok) throw refused(result.refusal);
  return { caseId: result.caseId, reference: result.reference, version: result.version, created: result.created };
}

/** Something the public did that staff must hear about (a late request for the next stage). */
export interface StaffAlert {
  /** "complaints-manager", "head-of-service"…; the stage's handler is told too. */
  party: string;
  subject: string;
  text: string;
  /** Particular people to tell as well (a handler a transfer released, the person who asked for an approval). */
  staffIds?: readonly string[];
}

/**
 * Runs one lifecycle command as the public online form, on a case whose tracking code the
 * caller has proved: core decides (roles, windows, state), optimistic concurrency applies as
 * for staff, and the effects and any alert reach the outbox in the same transaction.
 */
export async function runPublicCommand(
  ctx: Context,
  runtime: CouncilRuntime,
  record: { id: string; councilId: string; state: CaseState; row: { directorate_id: string | null } },
  command: DistributiveOmit<Exclude<CaseCommand, LogCase>, "by">,
  expectedVersion: number,
  alert?: StaffAlert,
  /** The caller's transaction, when the command is part of a larger one. */
  db: Executor = ctx.db,
) {
  const rules = runtime.book.rulesFor(record.state.serviceId, record.state.kind);
  const directorateId = record.row.directorate_id;
  const result = await applyCaseCommand(db, {
    caseId: record.id,
    expectedVersion,
    command: { ...command, by: { ...WEB_FORM_ACTOR, roles: [...WEB_FORM_ACTOR.roles] } } as Exclude<CaseCommand, LogCase>,
    rules,
    clock: ctx.clock,
    also: async (trx, applied) => {
      await queueEffects(ctx, trx, runtime, applied, directorateId);
      if (alert) await queueStaffAlert(ctx, trx, runtime, applied, directorateId, alert);
    },
  });
  if (!result.ok) throw refused(result.refusal);
  return result;
}

export async function queueStaffAlert(ctx: Context, trx: Transaction<DB>, runtime: CouncilRuntime, applied: AppliedCommand<CaseState>, directorateId: string | null, alert: StaffAlert): Promise<void> {
  const handler = applied.state.stages.at(-1)?.handlerId ?? null;
  const subjects = new Set(applied.state.aboutStaffIds ?? []);
  const named = await recipientsForParty(trx, applied.councilId, directorateId, alert.party, runtime, applied.state);
  // The handler is told as well, and anyone the step names (a released handler, the approvers).
  const alsoTold = [handler, ...(alert.staffIds ?? [])].filter((id): id is string => !!id && !subjects.has(id));
  const recipients: OutboxRecipient[] = [...named];
  for (const staffId of new Set(alsoTold)) if (!recipients.some((r) => r.staffId === staffId)) recipients.push({ staffId, party: alert.party });
  const base = { councilId: applied.councilId, caseId: applied.caseId, kind: "case-notification" as const, payload: { subject: alert.subject, text: alert.text, party: alert.party } };
  const dedupeKey = `public-alert:${applied.caseId}:${applied.version}`;
  const messages: NewNotification[] =
    recipients.length === 0
      ? [{ ...base, recipient: { party: alert.party }, dedupeKey }]
      : recipients.map((recipient, n) => ({ ...base, recipient, dedupeKey: `${dedupeKey}:${n}` }));
  await ctx.deps.notifier.enqueue(trx, messages);
}

/** The staff step that asked for a letter: who ran it, which command, the words they typed for it. */
interface StepOrigin {
  by: string;
  command: CommandKey;
  sections: NonNullable<StepLetterWords["sections"]>;
}

/**
 * Writes the transition's effects to the outbox in the command's transaction: letters for the
 * letters service to produce, notifications to the people named. Each carries a dedupe key
 * made of the case, its version and the effect's position, so nothing is queued twice. A
 * letter asked for by a staff step records the step, so that whoever ran it issues it
 * (decision 0321). Returns the ids of the letters queued.
 */
async function queueEffects(ctx: Context, trx: Transaction<DB>, runtime: CouncilRuntime, applied: AppliedCommand<CaseState>, directorateId: string | null, step?: StepOrigin): Promise<number[]> {
  const effects = applied.effects as Effect[];
  if (effects.length === 0) return [];
  const letters: NewNotification[] = [];
  const messages: NewNotification[] = [];
  for (const [index, effect] of effects.entries()) {
    const dedupeKey = `effect:${applied.caseId}:${applied.version}:${index}`;
    const base = { councilId: applied.councilId, caseId: applied.caseId };
    if (effect.type === "send-letter") {
      const stageSequence = effect.stageId ? ([...applied.state.stages].reverse().find((s) => s.stageId === effect.stageId)?.sequence ?? null) : null;
      letters.push({
        ...base,
        kind: "letter",
        recipient: { party: effect.to },
        payload: {
          letter: effect.letter,
          stageId: effect.stageId,
          stageSequence,
          to: effect.to,
          dueOn: effect.dueOn,
          reference: applied.reference,
          version: applied.version,
          ...(step ? { command: step.command, by: step.by, ...(step.sections.length ? { sections: step.sections } : {}) } : {}),
        },
        dedupeKey,
      });
      continue;
    }
    const party = effect.type === "notify" ? effect.party : "legal";
    const reason = effect.reason;
    const recipients = await recipientsForParty(trx, applied.councilId, directorateId, party, runtime, applied.state);
    const subject = `${applied.reference}: ${effect.type === "legal-referral" ? "referred to Legal" : "for your information"}`;
    const text = `${reason}\n\nCase ${applied.reference} (${runtime.names.services.get(runtime.serviceIdByCode.get(applied.state.serviceId) ?? "") ?? applied.state.serviceId}).`;
    if (recipients.length === 0) {
      // A message to a party nobody stands for is never delivered (issue 16's audit): a step
      // whose point is telling them (notify, a claim to Legal) is refused, naming what to set
      // up, and nothing of it is written. A step that tells someone in passing (an Ombudsman
      // enquiry to the Head of Service) still goes, its message left undeliverable in the outbox.
      if (applied.events.some((e) => TELLING_STEPS.has(e.type))) throw nobodyToTell(runtime, party);
      messages.push({ ...base, kind: "case-notification", recipient: { party }, payload: { subject, text, party }, dedupeKey });
    }
    for (const [n, recipient] of recipients.entries()) {
      messages.push({ ...base, kind: "case-notification", recipient, payload: { subject, text, party }, dedupeKey: `${dedupeKey}:${n}` });
    }
  }
  const letterIds = letters.length ? await ctx.deps.notifier.enqueue(trx, letters) : [];
  if (messages.length) await ctx.deps.notifier.enqueue(trx, messages);
  return letterIds;
}

/**
 * Who a party stands for: the officer the council names for it in its settings (Leeds para 28's
 * Chief Officer Legal and Head of Equality, the Legal Services contact), told by email, or else
 * the staff with its role (core's PARTY_ROLES; "service:waste" is that service's DCRO).
 */
async function recipientsForParty(db: Executor, councilId: string, directorateId: string | null, party: string, runtime: CouncilRuntime, state: CaseState): Promise<OutboxRecipient[]> {
  const contact = contactFor(runtime.profile, party);
  if (contact) return [{ email: contact.email, name: contact.name, party }];
  return (await staffForParty(db, councilId, directorateId, party, runtime, state)).map((staffId) => ({ staffId, party }));
}

/** The steps whose point is telling someone: refused when nobody stands for the party. */
const TELLING_STEPS: ReadonlySet<string> = new Set(["notify", "refer-claim"]);

function nobodyToTell(runtime: CouncilRuntime, party: string) {
  const role = PARTY_ROLES[party];
  const label = partyLabel(runtime.profile, party);
  return unprocessable(
    "NOT_ALLOWED_NOW",
    `Nobody can be told as ${label}: an administrator names them, with an email address, under "People the rules name" on the organisation page${role ? `, or gives a member of staff the ${ROLE_LABELS[role].toLowerCase()} role` : ""}`,
  );
}

/** The staff a party name stands for ("head-of-service", "legal", "service:waste"…), or none. */
async function staffForParty(db: Executor, councilId: string, directorateId: string | null, party: string, runtime: CouncilRuntime, state: CaseState): Promise<string[]> {
  let role: StaffRole | undefined = PARTY_ROLES[party];
  let directorate = directorateId;
  if (!role && party.startsWith("service:")) {
    role = "dcro";
    const code = runtime.directorateOfService.get(party.slice("service:".length)) ?? runtime.directorateOfService.get(state.serviceId);
    directorate = code ? (runtime.directorateIdByCode.get(code) ?? directorateId) : directorateId;
  }
  if (!role) return [];
  // Never the staff the complaint is about (issue 20): the party is told without them.
  const subjects = new Set(state.aboutStaffIds ?? []);
  return (await sweepRepository.staffWithRole(db, councilId, role, directorate)).filter((id) => !subjects.has(id));
}

/**
 * Records that the staff member read the case (for the access log). Every read of case content
 * is recorded (issue 20, finding 8); within one request (Context.caseReads) a case is recorded
 * once, with the first purpose: a page that shows a case, its letters and its files is one read.
 */
export async function recordRead(ctx: Context, staff: StaffPrincipal, caseId: string, councilId: string, purpose: string): Promise<void> {
  const reads = ctx.caseReads;
  const key = `recorded:${caseId}`;
  const already = reads?.get(key);
  if (already) return void (await already);
  const recording = caseRepository.recordCaseRead(ctx.db, { caseId, councilId, actor: { type: "staff", id: staff.id }, at: ctx.clock.now(), purpose });
  if (reads) {
    reads.set(key, recording);
    recording.catch(() => reads.delete(key));
  }
  await recording;
}

/** Records a read of each of the staff member's council's cases (search results, a customer's history, a print batch). */
export async function recordReads(ctx: Context, staff: StaffPrincipal, caseIds: readonly string[], purpose: string): Promise<void> {
  for (const caseId of new Set(caseIds)) await recordRead(ctx, staff, caseId, staff.councilId, purpose);
}
