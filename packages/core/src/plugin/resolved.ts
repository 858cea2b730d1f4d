import type { z } from "zod";
import type { WorkingDayCalendar } from "../calendar/calendar.js";
import type { ReceiptRules } from "../calendar/receipt.js";
import type { CommandType } from "../lifecycle/types.js";
import type { CaseKind, Flag, Role } from "../vocabulary/index.js";
import type { Period, Regime } from "../regime/types.js";
import type { LetterParagraph, ReportContribution, TimescaleField, TransitionHook } from "./types.js";
import type { CouncilProfile } from "../profile/schema.js";
import type { LetterRules } from "./letter-content.js";

/** Where a value came from, lowest to highest precedence (docs/design.md §5). */
export type Layer =
  | { kind: "core-default" }
  | { kind: "profile"; id: string }
  | { kind: "plugin"; id: string }
  | { kind: "directorate"; id: string }
  | { kind: "service"; id: string };

export interface TraceEntry {
  layer: Layer;
  value: unknown;
  rule: string | null;
}

/** For each rule path ("stage-1.respond"), every layer that set it, last one wins. */
export type RuleTrace = Record<string, TraceEntry[]>;

export interface RoleRequirement {
  command: CommandType;
  stageId: string | null;
  roles: Role[];
  rule: string;
  plugin: string;
}

/** Roles a plugin adds to those who may perform a command (`allowRoles`). */
export type RoleGrant = RoleRequirement;

export interface StatutoryMaximum {
  stageId: string;
  field: TimescaleField | "extension";
  max: Period;
  rule: string;
  plugin: string;
  /** Only for cases whose intake field has this value (FOI s45: 20 WD; EIR reg 11(4): 40 WD). */
  intake?: { field: string; equals: string | boolean };
}

export interface DelegatedLimit {
  role: Role;
  maxPence: number;
}

export interface NotifyBeforeAcknowledging {
  flag: Flag;
  parties: string[];
  rule: string;
}

/** Everything core needs to decide a case: the result of all layers for one service and kind. */
export interface ResolvedRules {
  scope: { profileId: string; directorateId: string | null; serviceId: string; kind: CaseKind };
  regime: Regime;
  calendar: WorkingDayCalendar;
  receipt: ReceiptRules;
  plugins: string[];
  requiredRoles: RoleRequirement[];
  statutoryMaxima: StatutoryMaximum[];
  hooks: TransitionHook[];
  intakeSchema: z.ZodObject<z.ZodRawShape>;
  letterParagraphs: LetterParagraph[];
  reports: ReportContribution[];
  delegatedLimits: DelegatedLimit[];
  notifyBeforeAcknowledging: NotifyBeforeAcknowledging[];
  /** The officers the council names by party (Chief Officer Legal, Head of Equality…), from its profile. */
  contacts: CouncilProfile["contacts"];
  /** The council's procedure choices (claims, chasing, Head of Service told…), from its profile. */
  procedures: CouncilProfile["procedures"];
  trace: RuleTrace;
  /** What each letter must carry, core's defaults changed by the plugins, next body filled in (decision 0407). */
  letters: LetterRules;
  /** Roles the plugins allow to perform commands beyond the defaults, as the council's profile lets them. */
  grantedRoles: RoleGrant[];
  /** Grants the council's profile refused (`procedures.refusedGrants`), with its reason. */
  refusedGrants: Array<RoleGrant & { refusedBecause: string }>;
}

export function describeLayer(layer: Layer): string {
  switch (layer.kind) {
    case "core-default":
      return "core default";
    case "profile":
      return `council profile "${layer.id}"`;
    case "plugin":
      return `plugin "${layer.id}"`;
    case "directorate":
      return `directorate setting "${layer.id}"`;
    case "service":
      return `service setting "${layer.id}"`;
  }
}
