import type { WorkingDayCalendar } from "../calendar/calendar.js";
import { formatShort, type IsoDate } from "../calendar/dates.js";
import type { CaseState, StageInstance } from "../lifecycle/types.js";
import type { DayCounting, EscalationRule, Timescale } from "../regime/types.js";
import { applyPeriod } from "./apply-period.js";

export interface EscalationWindow {
  /** The last day the customer may ask for the next stage. */
  date: IsoDate;
  /** The rule of the window that applied (the latest). */
  rule: string;
  /** "+2 months" alone, or every window and which one applied. */
  text: string;
}

/**
 * How long the customer has to ask for the next stage: the stage's `window`, or the latest of it
 * and its `orLaterOf` windows, each counted from its own event ("6 months from the event or 2
 * months from the Stage 1 decision, whichever is later"; regime/types.ts EscalationRule).
 * `responseOn` is the day the window counts from when it says "response": the escalate command
 * passes the response's date, the due dates the day it was sent. A window counting from an event
 * the case has not recorded (no `matterArose`) is left out, and the text says so. Null when
 * there is no limit.
 */
export function escalationWindow(
  state: CaseState,
  stage: StageInstance,
  escalation: EscalationRule,
  responseOn: IsoDate,
  calendar: WorkingDayCalendar,
  counting: DayCounting,
): EscalationWindow | null {
  if (!escalation.window) return null;
  if (!escalation.orLaterOf?.length) {
    const only = applyPeriod(calendar, responseOn, escalation.window.period, counting);
    return { date: only.date, rule: escalation.window.rule, text: only.text };
  }
  const windows = [escalation.window, ...escalation.orLaterOf];
  const counted: Array<{ date: IsoDate; text: string; rule: string }> = [];
  const missing: string[] = [];
  for (const w of windows) {
    const from = fromOf(state, stage, w, responseOn);
    if (!from) {
      missing.push(`${w.rule} (counts from ${w.from === "matter-arose" ? "the date the matter arose" : w.from}, not recorded)`);
      continue;
    }
    const step = applyPeriod(calendar, from.date, w.period, counting);
    counted.push({ date: step.date, text: `${from.text}${step.text} → ${formatShort(step.date)}`, rule: w.rule });
  }
  if (counted.length === 0) return null;
  const latest = counted.reduce((a, b) => (b.date > a.date ? b : a));
  const text = [
    `whichever is later of: ${counted.map((c) => `${c.text} (${c.rule})`).join("; ")}`,
    ...(missing.length ? [`left out: ${missing.join("; ")}`] : []),
    `the later is ${formatShort(latest.date)} (${latest.rule})`,
  ].join("; ");
  return { date: latest.date, rule: latest.rule, text };
}

function fromOf(state: CaseState, stage: StageInstance, w: Timescale, responseOn: IsoDate): { date: IsoDate; text: string } | null {
  switch (w.from) {
    case "matter-arose":
      return state.matterArose ? { date: state.matterArose, text: `the matter arose ${formatShort(state.matterArose)}, ` } : null;
    case "receipt":
      return { date: state.receipt.countsFrom, text: `${state.receipt.explanation}, ` };
    case "stage-request":
    case "escalation-request":
    case "panel-request":
      return { date: stage.requestedOn, text: `${stage.label} requested ${formatShort(stage.requestedOn)}, ` };
    default:
      return { date: responseOn, text: "" };
  }
}
