import type { Nation } from "../calendar/bank-holidays.js";
import type { DayCounting, Milestone, NextBody, Period, Regime, StageRules, Timescale } from "../regime/types.js";
import type { Jurisdiction } from "../vocabulary/jurisdictions.js";
import type { TimescaleField } from "./types.js";

type StageField = Exclude<keyof StageRules, "id">;

/**
 * Every layer (core default, profile, plugin, directorate, service) is reduced to the same
 * list of operations, so precedence and provenance are handled in one place.
 */
export type RuleOp =
  | { op: "stage-field"; stageId: string; field: StageField; value: unknown; rule: string | null }
  | { op: "skip-stage"; stageId: string; reason: string }
  | { op: "add-stage"; stage: StageRules; after: string }
  | { op: "next-body"; value: NextBody }
  | { op: "nations"; value: Nation[]; rule: string }
  | { op: "council-closures"; value: boolean; rule: string }
  | { op: "add-milestone"; stageId: string; milestone: Milestone }
  | { op: "identity"; value: { id: string; label: string; family: string } }
  | { op: "time-limit"; value: Regime["timeLimit"] }
  | { op: "feedback-acknowledge"; value: Timescale | null }
  | { op: "wrongly-addressed-return"; value: Timescale | null }
  | { op: "statutory-max"; stageId: string; field: TimescaleField | "extension"; max: Period; rule: string }
  | { op: "jurisdiction"; value: Jurisdiction; rule: string }
  | { op: "day-counting"; value: DayCounting }
  /** Keeps an inherited value on purpose, with the reason (decision 0107): "stage-1.extension". */
  | { op: "accept-inherited"; path: string; reason: string };

export function ruleOf(value: unknown): string | null {
  if (value && typeof value === "object" && "rule" in value && typeof (value as { rule: unknown }).rule === "string") {
    return (value as { rule: string }).rule;
  }
  return null;
}
