/**
 * Test support for core's specifications: build a council's rules from a few overrides and
 * run a case through commands at given instants, failing loudly on any refusal.
 */
import { fixedClock } from "../src/clock.js";
import { transition } from "../src/lifecycle/transition.js";
import type { Actor, CaseCommand, CaseState, DueDate, LogCase, Refusal } from "../src/lifecycle/types.js";
import type { ClosureDay } from "../src/calendar/calendar.js";
import type { Nation } from "../src/calendar/bank-holidays.js";
import { parseCouncilProfile, type CouncilProfileInput } from "../src/profile/schema.js";
import { RuleBook } from "../src/plugin/rule-book.js";
import type { RuleOverrides } from "../src/regime/schema.js";
import type { ServicePlugin } from "../src/plugin/types.js";
import type { ResolvedRules } from "../src/plugin/resolved.js";

export const officer: Actor = { id: "officer-1", roles: ["investigating-officer", "complaints-manager"] };
export const otherOfficer: Actor = { id: "officer-2", roles: ["investigating-officer", "complaints-manager"] };

export interface CouncilOptions {
  nations?: Nation[];
  closures?: ClosureDay[];
  cutOffTime?: string | null;
  timescales?: RuleOverrides;
  serviceSettings?: RuleOverrides;
  plugins?: ServicePlugin[];
  enable?: string[];
  delegatedLimits?: CouncilProfileInput["delegatedLimits"];
  notifyBeforeAcknowledging?: CouncilProfileInput["notifyBeforeAcknowledging"];
  contacts?: CouncilProfileInput["contacts"];
  procedures?: CouncilProfileInput["procedures"];
}

export function council(options: CouncilOptions = {}): RuleBook {
  const profile = parseCouncilProfile({
    id: "test-council",
    name: "Test Council",
    calendar: { nations: options.nations, closures: options.closures ?? [], cutOffTime: options.cutOffTime === undefined ? "17:00" : options.cutOffTime },
    timescales: options.timescales,
    directorates: [
      {
        id: "place",
        name: "Place",
        services: [{ id: "waste", name: "Waste", plugins: options.enable ?? [], settings: options.serviceSettings }],
      },
    ],
    delegatedLimits: options.delegatedLimits ?? [],
    notifyBeforeAcknowledging: options.notifyBeforeAcknowledging ?? [],
    contacts: options.contacts,
    procedures: options.procedures,
    letterhead: { addressLines: ["Town Hall"], postcode: "TC1 1AA", phone: "0300 000 0000", email: "c@test.gov.uk", website: "test.gov.uk" },
  });
  return new RuleBook(profile, options.plugins ?? []);
}

/** A command without its actor (the officer acts unless `by` says otherwise); distributive over the union. */
export type StepCommand<C = Exclude<CaseCommand, LogCase>> = C extends unknown ? Omit<C, "by"> & { by?: Actor } : never;
export type Step = readonly [at: string, command: StepCommand];

const instant = (at: string) => (at.length === 10 ? `${at}T12:00:00Z` : at);

export function logCommand(receivedAt: string, extra: Partial<LogCase> = {}): LogCase {
  return {
    type: "log",
    by: officer,
    id: "case-1",
    reference: "CMP-2026-000001",
    kind: "complaint",
    channel: "web",
    receivedAt: instant(receivedAt),
    customer: { id: "cust-1", name: "Ann Example" },
    description: "My bins were not collected for three weeks.",
    desiredOutcome: "Collect the bins and say sorry",
    serviceId: "waste",
    ...extra,
  };
}

/** Logs a case received at `receivedAt`, then applies each step at its own instant. */
export function runCase(rules: ResolvedRules, receivedAt: string, steps: readonly Step[] = [], log: Partial<LogCase> = {}): CaseState {
  const logged = transition(null, logCommand(receivedAt, log), rules, fixedClock(instant(receivedAt)));
  if (!logged.ok) throw new Error(`log refused: ${logged.refusal.message}`);
  let state = logged.state;
  for (const [at, command] of steps) {
    const result = transition(state, { by: officer, ...command } as CaseCommand, rules, fixedClock(instant(at)));
    if (!result.ok) throw new Error(`${command.type} at ${at} refused: ${result.refusal.message}`);
    state = result.state;
  }
  return state;
}

/** Like runCase, but the last step is expected to be refused; returns the refusal. */
export function refusalOf(rules: ResolvedRules, receivedAt: string, steps: readonly Step[], log: Partial<LogCase> = {}): Refusal {
  const before = runCase(rules, receivedAt, steps.slice(0, -1), log);
  const [at, command] = steps.at(-1)!;
  const result = transition(before, { by: officer, ...command } as CaseCommand, rules, fixedClock(instant(at)));
  if (result.ok) throw new Error(`${command.type} at ${at} was expected to be refused but was applied`);
  return result.refusal;
}

export function due(state: CaseState, idOrKind: string): DueDate {
  const found = state.dueDates.find((d) => d.id === idOrKind || d.id.endsWith(idOrKind) || d.kind === idOrKind);
  if (!found) throw new Error(`No due date "${idOrKind}"; the case has: ${state.dueDates.map((d) => d.id).join(", ")}`);
  return found;
}

export const accept: StepCommand = { type: "triage", outcome: "accept" };
