/**
 * A lifecycle command is one module (issue 13): its name in plain words, its payload schema,
 * who may run it by default, when it is offered, and what it does. `transition` dispatches
 * to `apply`, `availableCommands` asks `can`, the API builds its procedure, input schema and
 * role check from the same module, and the portal its labels and its form's parsing, so
 * adding a command is adding a module to commands/index.ts (and its form to the portal).
 */
import type { z } from "zod";
import type { IsoDate } from "../../calendar/dates.js";
import { isoDate } from "../../input/fields.js";
import type { ResolvedRules } from "../../plugin/resolved.js";
import type { RuleBook } from "../../plugin/rule-book.js";
import type { Actor, CaseState, Effect, StageInstance } from "../types.js";
import type { Role } from "../../vocabulary/index.js";

/** What `apply` works with besides the case: the rules, the dates, the effects it adds. */
export interface Ctx {
  rules: ResolvedRules;
  /** Today in London (the injected clock). */
  today: IsoDate;
  /** The date the command takes effect (`command.on`, checked, or today). */
  on: IsoDate;
  effects: Effect[];
  /** More to record in the command's event than its payload (a recalculation's changes). */
  eventData?: Record<string, unknown>;
  /**
   * The council's whole rule book, for a command that moves a case to another service
   * (transfer): given by the caller when it has one (`transition`'s last argument).
   */
  book?: Pick<RuleBook, "profile" | "rulesFor">;
  /** The rules the case follows after the command, when it changed them (a transfer). */
  rulesAfter?: ResolvedRules;
}

/** The date a command took effect, when it is recorded after the fact; today when omitted. */
export const onField = { on: isoDate.optional() };

/** The roles the API may grant (the public and the system act through their own paths). */
type StaffRole = Exclude<Role, "public" | "system">;

/** Role groups the default permissions are written with (issue 3, "Roles"). */
export const caseworkers = ["investigating-officer", "dcro", "complaints-manager"] as const satisfies readonly StaffRole[];
export const coordinators = ["dcro", "complaints-manager"] as const satisfies readonly StaffRole[];
export const managers = ["complaints-manager", "head-of-service", "director"] as const satisfies readonly StaffRole[];

/** A command as core receives it: the payload, its type and the actor. */
export type CommandOf<T extends string, S extends z.ZodType> = { type: T; by: Actor } & z.output<S>;

export interface CommandModule<T extends string = string, S extends z.ZodType = z.ZodType, C = CommandOf<T, S>> {
  type: T;
  /** What it is called on its button ("Extend the deadline"): the portal's only wording for it. */
  label: string;
  /** What it did, in the past tense, as a case's timeline shows it ("Deadline extended"). */
  done: string;
  /** What a client sends (without `type` and `by`), with plain-English messages per field. */
  payload: S;
  /** Who may run it by default; plugins narrow it per stage with `requireRoles`. */
  roles: readonly StaffRole[];
  /**
   * Whether the command makes sense for the case now (the portal offers only these). One that
   * is offered may still be refused for its particulars (an extension too long); one not
   * offered would always be refused in this state.
   */
  can(state: CaseState, rules: ResolvedRules, stage: StageInstance | undefined): boolean;
  /** Changes `state` in place, or refuses (`refuse`) naming the rule. */
  apply(state: CaseState, command: C, ctx: Ctx): void;
}

/**
 * Checks a module's parts agree: the payload carries `on`, and the command `apply` takes is
 * the payload's (a module may add fields the caller fills in, never the client: `respond`).
 */
export function defineCommand<const T extends string, S extends z.ZodType<{ on?: IsoDate | undefined }>, C extends CommandOf<T, S> = CommandOf<T, S>>(
  module: CommandModule<T, S, C>,
): CommandModule<T, S, C> {
  return module;
}
