import type { IsoDate } from "../calendar/dates.js";
import { fixedClock } from "../clock.js";
import { currentStage } from "../lifecycle/commands/shared.js";
import { transition } from "../lifecycle/transition.js";
import type {
  Actor,
  CaseCommand,
  CaseEvent,
  CaseState,
  DueDate,
  Effect,
  LogCase,
  Refusal,
  StageInstance,
  TransitionResult,
} from "../lifecycle/types.js";
import { ROLES } from "../vocabulary/roles.js";
import type { DueKind } from "../vocabulary/case.js";
import type { SentChannel, SentPurpose } from "../vocabulary/sent.js";
import type { ResolvedRules } from "../plugin/resolved.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

/** A command as a scenario writes it: the actor is filled in by the scenario. */
export type StepCommand = DistributiveOmit<Exclude<CaseCommand, LogCase>, "by">;

/** What a scenario logs: the case's own fields, without the parts the scenario fills in. */
export type LogFields = Omit<
  LogCase,
  "type" | "by" | "id" | "reference" | "kind" | "serviceId" | "receivedAt"
> &
  Partial<Pick<LogCase, "id" | "reference">>;

/** Every staff role: an actor no role requirement stops (use a narrower one to test roles). */
export const EVERY_STAFF_ROLE: Actor = {
  id: "officer-all-roles",
  name: "Test Officer",
  roles: ROLES.filter((r) => r !== "public" && r !== "system"),
};

/** The system, which records what the outbox sent. */
const SYSTEM: Actor = { id: "system:correspondence", name: "Correspondence sent", roles: ["system"] };

export class ScenarioRefusalError extends Error {
  override readonly name = "ScenarioRefusalError";
  constructor(
    readonly command: string,
    readonly refusal: Refusal,
  ) {
    super(`${command} was refused (${refusal.code}): ${refusal.message}`);
  }
}

/**
 * "2026-03-02" → noon UTC that day (the same London date all year); a full ISO instant is
 * used as it is.
 */
export function instantOf(when: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(when) ? `${when}T12:00:00Z` : when;
}

/**
 * Runs one case through `transition`, command by command, each on the date it names, the
 * way a caseworker would. `do` throws on a refusal (a step the story needs); `try` returns
 * the result so a test can assert the refusal. Pure: every date comes from a fixed clock.
 */
export class CaseScenario {
  state: CaseState | null = null;
  readonly events: CaseEvent[] = [];
  /** The effects of the last applied command. */
  lastEffects: Effect[] = [];

  constructor(
    readonly rules: ResolvedRules,
    readonly by: Actor = EVERY_STAFF_ROLE,
  ) {}

  /** Logs the case, received at `receivedAt` (a date means noon UTC that day). */
  log(fields: LogFields, receivedAt: string, by: Actor = this.by): this {
    const command: LogCase = {
      type: "log",
      by,
      id: fields.id ?? "case-1",
      reference: fields.reference ?? "CMP-0001",
      kind: this.rules.scope.kind,
      serviceId: this.rules.scope.serviceId,
      receivedAt: instantOf(receivedAt),
      ...fields,
    };
    this.apply("log", transition(null, command, this.rules, fixedClock(instantOf(receivedAt))));
    return this;
  }

  /** Applies a command on a date; a refusal throws, naming the rule. */
  do(command: StepCommand, on: IsoDate | string, by: Actor = this.by): Effect[] {
    const result = this.try(command, on, by);
    if (!result.ok) throw new ScenarioRefusalError(command.type, result.refusal);
    return result.effects;
  }

  /**
   * The correspondence telling the resident of a step went out on `on` (by email unless said),
   * as the outbox records it: the deadline is met then (docs/decisions/0322-deadlines-met-when-sent.md).
   * The stage is the current one unless named.
   */
  sent(purpose: SentPurpose, on: IsoDate | string, options: { channel?: SentChannel; stageId?: string | null } = {}): this {
    const at = instantOf(on);
    this.do({ type: "record-correspondence-sent", stageId: options.stageId === undefined ? this.stage.stageId : options.stageId, purpose, channel: options.channel ?? "email", sentAt: at }, at, SYSTEM);
    return this;
  }

  /** Applies a command if the rules allow it and returns the result either way. */
  try(command: StepCommand, on: IsoDate | string, by: Actor = this.by): TransitionResult {
    if (!this.state) throw new Error("Log the case first");
    const full = { ...command, by } as CaseCommand;
    const result = transition(this.state, full, this.rules, fixedClock(instantOf(on)));
    if (result.ok) this.apply(command.type, result);
    return result;
  }

  private apply(type: string, result: TransitionResult): void {
    if (!result.ok) throw new ScenarioRefusalError(type, result.refusal);
    this.state = result.state;
    this.events.push(...result.events);
    this.lastEffects = result.effects;
  }

  get case(): CaseState {
    if (!this.state) throw new Error("Log the case first");
    return this.state;
  }

  /** The current (latest) stage instance. */
  get stage(): StageInstance {
    const stage = currentStage(this.case);
    if (!stage) throw new Error(`Case ${this.case.reference} has no stage yet`);
    return stage;
  }

  /**
   * The due date of a kind for a stage (the latest instance of that stage), e.g.
   * `due("respond", "stage-2")`; without a stage, the current one's.
   */
  due(kind: DueKind, stageId?: string): DueDate {
    const stage = stageId
      ? [...this.case.stages].reverse().find((s) => s.stageId === stageId)
      : currentStage(this.case);
    const prefix = stage ? `${stage.stageId}#${stage.sequence}.` : "";
    const found = this.case.dueDates.find(
      (d) => d.kind === kind && (stage ? d.id.startsWith(prefix) : true),
    );
    if (!found) {
      throw new Error(
        `No ${kind} due date${stage ? ` for ${stage.stageId}#${stage.sequence}` : ""}; the case has: ${this.case.dueDates.map((d) => d.id).join(", ") || "none"}`,
      );
    }
    return found;
  }
}
