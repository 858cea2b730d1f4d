/**
 * `@complaints/core` wired into the storage layer: how a `CaseState` maps onto the queryable
 * columns, and the commands the API calls (`logCase`, `applyCaseCommand`,
 * `applyCustomerConductCommand`), each one transaction around core's pure transition.
 */
import {
  emptyConduct,
  transition,
  transitionConduct,
  type Actor as CoreActor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type Clock,
  type ConductCommand,
  type ConductState,
  type LogCase,
  type Refusal,
  type ResolvedRules,
  type RuleBook,
  isRestrictingFlag,
  PASS_OVER_COMMANDS,
} from "@complaints/core";
import type { Transaction } from "kysely";
import {
  applyCommand,
  createCase,
  type AppliedCommand,
  type ApplyCommandResult,
  type CaseProjection,
  type CreateCaseResult,
} from "./cases.js";
import {
  applyConductCommand,
  type AppliedConductCommand,
  type ConductProjection,
} from "./conduct.js";
import type { CustomerInput } from "./customers.js";
import type { Actor } from "./events.js";
import type { Executor } from "./executor.js";
import type { DB } from "./schema.js";

/** The queryable columns of a core case snapshot. */
export function projectCaseState(state: CaseState): CaseProjection {
  const current = state.stages.at(-1);
  return {
    kind: state.kind,
    status: state.status,
    channel: state.channel,
    priority: state.priority.level,
    regimeId: state.regimeId,
    category: state.category,
    subCategory: state.subCategory,
    flags: state.flags,
    serviceCode: state.serviceId,
    teamCode: null,
    assignedStaffId: current?.handlerId ?? null,
    customerId: state.customer?.id ?? null,
    currentStageId: current?.stageId ?? null,
    receivedAt: new Date(state.receivedAt),
    receiptDate: state.receipt.countsFrom,
    closedOn: state.closure?.on ?? null,
    restricted:
      state.aboutStaffIds.length > 0 ||
      state.flags.some(isRestrictingFlag),
    description: state.description,
    representative: state.representative
      ? {
          name: state.representative.name,
          role: state.representative.role,
          consentBasis: state.representative.consent?.basis ?? null,
          consentRecordedOn: state.representative.consent?.recordedOn ?? null,
          replyTo: state.representative.replyTo,
        }
      : null,
    stages: state.stages.map((s) => ({
      sequence: s.sequence,
      stageId: s.stageId,
      label: s.label,
      phase: s.phase,
      requestedOn: s.requestedOn,
      acknowledgedOn: s.acknowledgedOn,
      handlerStaffId: s.handlerId,
      extensionCount: s.extensions.length,
      extendedTo: s.extensions.at(-1)?.newDueDate ?? null,
      respondedOn: s.response?.on ?? null,
      outcome: s.response?.outcome ?? null,
      signedBy: s.response?.signedBy ?? null,
      endedOn: s.endedOn,
    })),
    dueDates: state.dueDates.map((d) => ({
      id: d.id,
      kind: d.kind,
      nature: d.nature,
      stageId: d.stageId,
      date: d.date,
      metOn: d.metOn,
      rule: d.rule,
      explanation: d.explanation,
    })),
    contacts: state.contacts.map((c) => ({
      on: c.on,
      direction: c.direction,
      channel: c.channel,
      summary: c.summary,
      by: c.by,
    })),
    remedies: state.stages.flatMap((s) =>
      (s.response?.remedies ?? []).map((r) => ({
        id: r.id,
        stageSequence: s.sequence,
        type: r.type,
        description: r.description,
        ownerId: r.ownerId,
        dueOn: r.dueOn,
        amountPence: r.amountPence ?? null,
        financialKind: r.financialKind ?? null,
        approverId: r.approverId ?? null,
        completedOn: r.completedOn,
      })),
    ),
    learningActions: state.stages.flatMap((s) =>
      (s.response?.learning.improvementActions ?? []).map((a) => ({
        id: a.id,
        stageSequence: s.sequence,
        rootCause: s.response?.learning.rootCause ?? null,
        lessons: s.response?.learning.lessons ?? null,
        description: a.description,
        ownerId: a.ownerId,
        dueOn: a.dueOn,
        completedOn: null,
      })),
    ),
    ombudsmanEnquiries: state.ombudsman.map((o) => ({
      id: o.id,
      body: o.body,
      theirReference: o.reference,
      receivedOn: o.receivedOn,
      responseDueOn: o.responseDueOn,
      respondedOn: o.respondedOn,
      approvedBy: o.approvedBy,
      finding: o.decision?.finding ?? null,
      injustice: o.decision?.injustice ?? null,
      decidedOn: o.decision?.on ?? null,
      remedies: o.remedies,
      satisfiedOn: o.satisfactionLetterOn,
    })),
  };
}

export function projectConductState(state: ConductState): ConductProjection {
  return {
    status: state.status,
    reviewBy: state.status === "designated" ? (state.designation?.reviewBy ?? null) : null,
  };
}

/** The event-log actor for a core actor: the public web form, a scheduled job, or staff. */
export function actorOf(by: CoreActor): Actor {
  if (by.roles.includes("system")) return { type: "system", id: by.id };
  if (by.roles.includes("public")) return { type: "public", id: by.id };
  return { type: "staff", id: by.id };
}

/** Core keeps its own version in the snapshot; it must move in step with the row's. */
function checkVersion(state: { version: number }, expected: number): void {
  if (state.version !== expected) {
    throw new Error(
      `snapshot version ${state.version} does not follow the stored version ${expected - 1}`,
    );
  }
}

export interface LogCaseInput {
  councilId: string;
  /** Everything of core's "log" command except what the database assigns. */
  command: Omit<LogCase, "type" | "id" | "reference" | "customer">;
  /** An existing customer, a new one, or none (anonymous). */
  customer?: { id: string } | CustomerInput | null;
  rules: ResolvedRules;
  clock: Clock;
  /** `scope` keeps keys apart ("intake" by default; the public forms use their own). */
  idempotency?: { key: string; request: unknown; scope?: string };
  also?: (trx: Transaction<DB>, applied: AppliedCommand<CaseState>) => Promise<void>;
}

/**
 * Logs a new case: allocates the reference, creates or links the customer and runs core's
 * "log" command, all in one transaction (see `createCase`).
 */
export function logCase(
  db: Executor,
  input: LogCaseInput,
): Promise<CreateCaseResult<CaseState, Refusal>> {
  const at = input.clock.now();
  return createCase<CaseState, CaseEvent, Refusal>(db, {
    councilId: input.councilId,
    receivedAt: new Date(input.command.receivedAt),
    actor: actorOf(input.command.by),
    at,
    customer: input.customer ?? null,
    ...(input.idempotency ? { idempotency: input.idempotency } : {}),
    open: ({ caseId, reference, customer }) => {
      const result = transition(
        null,
        {
          ...input.command,
          type: "log",
          id: caseId,
          reference,
          customer: customer ? { id: customer.id, name: customer.full_name } : null,
        },
        input.rules,
        input.clock,
      );
      if (result.ok) checkVersion(result.state, 1);
      return result;
    },
    project: projectCaseState,
    ...(input.also ? { also: input.also } : {}),
  });
}

export interface ApplyCaseCommandInput {
  caseId: string;
  expectedVersion: number;
  command: Exclude<CaseCommand, LogCase>;
  rules: ResolvedRules;
  clock: Clock;
  /** The council's rule book: a transfer to another service takes that service's rules from it. */
  book?: RuleBook;
  also?: (trx: Transaction<DB>, applied: AppliedCommand<CaseState>) => Promise<void>;
}

/** Runs one core command on a case (see `applyCommand`: ConflictError, refusals, one transaction). */
export function applyCaseCommand(
  db: Executor,
  input: ApplyCaseCommandInput,
): Promise<ApplyCommandResult<CaseState, Refusal>> {
  return applyCommand<CaseState, CaseEvent, Refusal>(db, {
    caseId: input.caseId,
    expectedVersion: input.expectedVersion,
    // A colleague's change conflicts; the system recording that the resident was sent a
    // letter does not (core's PASS_OVER_COMMANDS, docs/decisions/0322-deadlines-met-when-sent.md).
    passOver: PASS_OVER_COMMANDS,
    actor: actorOf(input.command.by),
    at: input.clock.now(),
    transition: (state, current) => {
      const result = transition(state, input.command, input.rules, input.clock, input.book);
      if (result.ok) checkVersion(result.state, current.version + 1);
      return result;
    },
    project: projectCaseState,
    ...(input.also ? { also: input.also } : {}),
  });
}

/** Runs one command of a customer's persistent-complainant process (core `transitionConduct`). */
export function applyCustomerConductCommand(
  db: Executor,
  input: {
    customerId: string;
    expectedVersion: number;
    command: ConductCommand;
    clock: Clock;
    also?: (trx: Transaction<DB>, applied: AppliedConductCommand<ConductState>) => Promise<void>;
  },
): Promise<AppliedConductCommand<ConductState> | { ok: false; refusal: Refusal; version: number }> {
  return applyConductCommand<ConductState, CaseEventLike, Refusal>(db, {
    customerId: input.customerId,
    expectedVersion: input.expectedVersion,
    actor: actorOf(input.command.by),
    at: input.clock.now(),
    initial: emptyConduct,
    transition: (state) => {
      const result = transitionConduct(state, input.command, input.clock);
      if (!result.ok) return result;
      checkVersion(result.state, state.version + 1);
      return { ok: true, state: result.state, events: [result.event], effects: result.effects };
    },
    project: projectConductState,
    ...(input.also ? { also: input.also } : {}),
  });
}

type CaseEventLike = { type: string; at: string };
