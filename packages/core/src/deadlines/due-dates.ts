import { describeSkippedDays, type WorkingDayCalendar } from "../calendar/calendar.js";
import { formatShort, type IsoDate } from "../calendar/dates.js";
import type { CaseState, DueDate, Sent, StageInstance } from "../lifecycle/types.js";
import type { ResolvedRules } from "../plugin/resolved.js";
import type { Anchor, DayCounting, StageRules, Timescale } from "../regime/types.js";
import { stageRulesForCase } from "../regime/for-case.js";
import { describeRoll } from "../calendar/receipt.js";
import { escalationWindow } from "./escalation-window.js";
import { SENT_CHANNEL_LABELS } from "../vocabulary/sent.js";
import { applyPeriod } from "./apply-period.js";

/** The calendar and the regime's day numbering every period of a case is counted with. */
interface Counting {
  calendar: WorkingDayCalendar;
  counting: DayCounting;
}

interface AnchorDate {
  date: IsoDate;
  /** "acknowledged Wed 31 Dec 2025" or the receipt explanation. */
  text: string;
}

/** Whether the case has someone its letters go to (as `sendLetter` decides: commands/shared.ts). */
function someoneToTell(state: CaseState): boolean {
  return state.representative?.replyTo === "representative" || !!state.customer;
}

/**
 * When a step that tells the resident met its deadline: the date its correspondence was sent
 * (docs/decisions/0322-deadlines-met-when-sent.md). The Housing Ombudsman's and the LGSCO's
 * codes ask that complaints be acknowledged within 5 WD (6.2) and a response issued within
 * 10 WD (6.3; Stage 2 6.11, 6.13): a step recorded but not sent has told the resident nothing.
 * The step's own date counts for steps recorded before sending was (`sent` absent) and where
 * there is nobody to write to (an anonymous comment).
 */
export function metWhenSent(state: CaseState, takenOn: IsoDate | null | undefined, sent: Sent | undefined): IsoDate | null {
  if (!takenOn) return null;
  if (sent === undefined || !someoneToTell(state)) return takenOn;
  return sent?.on ?? null;
}

/**
 * When a stage's acknowledgement deadline was met: the day the acknowledgement was sent, or
 * the day the stage's response was sent if that came first, since the response tells the
 * resident everything the acknowledgement would (docs/decisions/0322-deadlines-met-when-sent.md).
 * Without it an acknowledgement withdrawn as stale once the stage was answered (decision 0321)
 * would leave the deadline open, and the case red in the queue, until it closed.
 */
function acknowledgementMet(state: CaseState, stage: StageInstance): { on: IsoDate | null; byResponse: boolean } {
  const own = metWhenSent(state, stage.acknowledgedOn, stage.acknowledgementSent);
  const answered = metWhenSent(state, stage.response?.on, stage.response?.sent);
  if (answered && (!own || answered < own)) return { on: answered, byResponse: true };
  return { on: own, byResponse: false };
}

/** "acknowledged Mon 2 Mar 2026, sent by email Tue 3 Mar 2026", or "…, not sent yet". */
function takenAndSent(state: CaseState, taken: string, takenOn: IsoDate, sent: Sent | undefined): string {
  const text = `${taken} ${formatShort(takenOn)}`;
  if (sent === undefined || !someoneToTell(state)) return text;
  return sent ? `${text}, sent ${SENT_CHANNEL_LABELS[sent.channel]} ${formatShort(sent.on)}` : `${text}, not sent yet (met when it is sent)`;
}

function stageRulesOf(rules: ResolvedRules, stageId: string): StageRules | undefined {
  return rules.regime.stages.find((s) => s.id === stageId);
}

/** "Stage 1": the stage a referral back reopened, by its label. */
function referredBackTo(rules: ResolvedRules, from: StageRules): string {
  return (from.referBackTo && stageRulesOf(rules, from.referBackTo)?.label) ?? "an earlier stage";
}

/**
 * The date a timescale counts from. When the anchoring event has not happened yet (the
 * response counts from an acknowledgement still to be sent), the due date of that event
 * stands in, so staff see a provisional date rather than none.
 */
function anchorDate(
  state: CaseState,
  stage: StageInstance,
  anchor: Anchor,
  stageRules: StageRules,
  ctx: Counting,
): AnchorDate | null {
  const isFirst = stage.sequence === 1 && stage.requestedOn === state.receipt.countsFrom;
  switch (anchor) {
    case "receipt":
      // A stage opened again later (referred back from Stage 2) counts from its reopening,
      // never from before it existed (Lancaster task group 8(2)).
      if (stage.sequence > 1) return { date: stage.requestedOn, text: `${stageRules.label} reopened ${formatShort(stage.requestedOn)}${stage.requestReason ? ` (${stage.requestReason})` : ""}` };
      return { date: state.receipt.countsFrom, text: state.receipt.explanation };
    case "stage-request":
    case "escalation-request":
    case "panel-request": {
      if (isFirst) return { date: state.receipt.countsFrom, text: state.receipt.explanation };
      const name = anchor === "panel-request" ? "panel requested" : anchor === "escalation-request" ? "escalation requested" : `${stageRules.label} requested`;
      return { date: stage.requestedOn, text: requestText(name, stage, ctx.calendar) };
    }
    case "acknowledgement": {
      // Counts from the day the step was taken, which the acknowledgement letter's promised
      // date is worked out from; a late send gains the council no time (decision 0322).
      if (stage.acknowledgedOn) return { date: stage.acknowledgedOn, text: takenAndSent(state, "acknowledged", stage.acknowledgedOn, stage.acknowledgementSent) };
      if (!stageRules.acknowledge) return anchorDate(state, stage, "stage-request", stageRules, ctx);
      const ack = dueFrom(state, stage, stageRules.acknowledge, stageRules, ctx);
      if (!ack) return null;
      return { date: ack.date, text: `counts from the acknowledgement, not yet sent (due ${formatShort(ack.date)})` };
    }
    case "agreed-statement": {
      if (stage.agreedStatementOn) return { date: stage.agreedStatementOn, text: `statement of complaint agreed ${formatShort(stage.agreedStatementOn)}` };
      const request = anchorDate(state, stage, "stage-request", stageRules, ctx);
      return request && { date: request.date, text: `${request.text}; the statement of complaint is not agreed yet, so counting from the request for now` };
    }
    case "response":
      return stage.response ? { date: stage.response.on, text: `responded ${formatShort(stage.response.on)}` } : null;
    case "matter-arose":
      return state.matterArose ? { date: state.matterArose, text: `the matter arose ${formatShort(state.matterArose)}` } : null;
    default: {
      // "milestone:<id>": when it happened, or else its own due date stands in.
      const id = anchor.slice("milestone:".length);
      const milestone = stageRules.milestones?.find((m) => m.id === id);
      if (!milestone) return null;
      const recorded = stage.milestones?.[id];
      if (recorded) return { date: recorded, text: `${milestone.label.toLowerCase()} ${formatShort(recorded)}` };
      const expected = dueFrom(state, stage, milestone, stageRules, ctx);
      return expected && { date: expected.date, text: `counts from ${milestone.label.toLowerCase()}, not yet recorded (due ${formatShort(expected.date)})` };
    }
  }
}

/**
 * "escalation requested Mon 3 May 2027, counts from Tue 4 May 2027 (Early May bank holiday, a
 * bank holiday)": the day the customer really asked, and why the count starts later (issue 17).
 */
function requestText(name: string, stage: StageInstance, calendar: WorkingDayCalendar): string {
  const asked = stage.receivedOn;
  if (!asked || asked >= stage.requestedOn) return `${name} ${formatShort(stage.requestedOn)}`;
  // A working day moved on only by the council's cut-off time; the days after it are named too.
  const roll = describeRoll(calendar, asked, stage.requestedOn, calendar.isWorkingDay(asked));
  const why = calendar.isWorkingDay(asked) ? `after the cut-off${roll ? `, then ${roll}` : ""}` : roll;
  return `${name} ${formatShort(asked)}, counts from ${formatShort(stage.requestedOn)} (${why})`;
}

function dueFrom(
  state: CaseState,
  stage: StageInstance,
  timescale: Timescale,
  stageRules: StageRules,
  ctx: Counting,
): { date: IsoDate; text: string } | null {
  const anchor = anchorDate(state, stage, timescale.from, stageRules, ctx);
  if (!anchor) return null;
  const step = applyPeriod(ctx.calendar, anchor.date, timescale.period, ctx.counting);
  return { date: step.date, text: `${anchor.text}; ${step.text}` };
}

function pausedWorkingDays(stage: StageInstance, calendar: WorkingDayCalendar, today: IsoDate): { days: number; text: string } {
  let days = 0;
  const parts: string[] = [];
  for (const pause of stage.pauses) {
    const to = pause.to ?? (today > pause.from ? today : pause.from);
    const n = calendar.countWorkingDays(pause.from, to);
    if (n <= 0) continue;
    days += n;
    // The holidays inside a pause are why it counts fewer days than the calendar shows (issue 17).
    const inside = describeSkippedDays(calendar.nonWorkingDaysBetween(pause.from, to));
    parts.push(`${n} working day${n === 1 ? "" : "s"} paused (${pause.reason}, ${formatShort(pause.from)} to ${pause.to ? formatShort(pause.to) : "now"}${inside ? `, not counting ${inside}` : ""})`);
  }
  return { days, text: parts.join("; ") };
}

/**
 * The acknowledgement a complaint waiting for triage is already owed. The receipt tells the
 * resident "we will acknowledge your complaint by …" the moment it is logged (services/public.ts,
 * expectedDates), and the codes count from receipt, not from triage (Housing Ombudsman and LGSCO
 * complaint handling codes 2024 5.1/6.2: acknowledge within 5 working days of receipt; the
 * council's profile may set its own, shorter, period). Without it a new complaint had no date and
 * sorted last in every queue. It carries the id Stage 1's acknowledgement will have, so accepting
 * the complaint keeps the same date and a triage that ends the case drops it.
 */
function promisedBeforeTriage(state: CaseState, rules: ResolvedRules): DueDate | null {
  if (state.status !== "new" || state.kind !== "complaint" || state.stages.length > 0) return null;
  const entry = rules.regime.stages[0] && stageRulesForCase(rules.regime.stages[0], state.intake);
  const t = entry?.acknowledge;
  // Only a timescale that counts from the complaint's receipt is known before triage.
  if (!entry || !t || !["receipt", "stage-request", "escalation-request", "panel-request"].includes(t.from)) return null;
  const step = applyPeriod(rules.calendar, state.receipt.countsFrom, t.period, rules.regime.dayCounting);
  return {
    id: `${entry.id}#1.acknowledge`,
    kind: "acknowledge",
    stageId: entry.id,
    date: step.date,
    rule: t.rule,
    explanation: `${state.receipt.explanation}; ${step.text} → ${verb.acknowledge} ${formatShort(step.date)} (${t.rule}); waiting for triage, which does not stop the clock`,
    nature: "deadline",
    metOn: null,
    takenOn: null,
  };
}

/** A due date pushed on by working days (a pause, an extension), naming the days it skipped. */
function pushOn(calendar: WorkingDayCalendar, from: IsoDate, workingDays: number): { date: IsoDate; skipping: string } {
  const date = calendar.addWorkingDays(from, workingDays);
  const skipped = describeSkippedDays(calendar.nonWorkingDaysBetween(from, date));
  return { date, skipping: skipped ? `, skipping ${skipped}` : "" };
}

const verb: Record<"acknowledge" | "respond", string> = { acknowledge: "acknowledge by", respond: "respond by" };

/**
 * The due dates of a case that move under `rules` (a calendar or profile change): each one not
 * yet met whose date differs. The recalculate-deadlines command records these; a profile
 * change's preview counts them without writing anything.
 */
export function dueDateChanges(state: CaseState, rules: ResolvedRules, today: IsoDate): Array<{ id: string; from: IsoDate | null; to: IsoDate }> {
  return computeDueDates(state, rules, today)
    .map((d) => ({ id: d.id, from: state.dueDates.find((b) => b.id === d.id)?.date ?? null, to: d.date }))
    .filter((c) => c.from !== c.to && !state.dueDates.find((b) => b.id === c.id)?.metOn);
}

/**
 * Every due date of a case, derived from its state and rules alone (docs/design.md §4), each
 * explaining itself: "received Sat 20 Dec 2025, counts from Mon 22 Dec 2025 (a weekend);
 * +5 working days, skipping Thu 25 and Fri 26 Dec (bank holidays) → acknowledge by
 * Wed 31 Dec 2025 (Complaint handling code 2024 6.2)". `today` only matters for a pause
 * still running, which pushes the response date on day by day.
 */
export function computeDueDates(state: CaseState, rules: ResolvedRules, today: IsoDate): DueDate[] {
  const { calendar, regime } = rules;
  const ctx: Counting = { calendar, counting: regime.dayCounting };
  const dues: DueDate[] = [];
  const push = (due: DueDate) => dues.push(due);

  if ((state.kind === "compliment" || state.kind === "comment") && regime.feedbackAcknowledge) {
    const t = regime.feedbackAcknowledge;
    const step = applyPeriod(calendar, state.receipt.countsFrom, t.period, ctx.counting);
    push({
      id: "feedback.acknowledge",
      kind: "feedback-acknowledge",
      stageId: null,
      date: step.date,
      rule: t.rule,
      explanation: `${state.receipt.explanation}; ${step.text} → acknowledge by ${formatShort(step.date)} (${t.rule})`,
      nature: "deadline",
      metOn: metWhenSent(state, state.feedbackAcknowledgedOn, state.feedbackAcknowledgementSent),
      takenOn: state.feedbackAcknowledgedOn,
    });
  }

  const promised = promisedBeforeTriage(state, rules);
  if (promised) push(promised);

  if (state.triage?.outcome === "wrongly-addressed" && regime.wronglyAddressedReturn) {
    const t = regime.wronglyAddressedReturn;
    const step = applyPeriod(calendar, state.receipt.countsFrom, t.period, ctx.counting);
    push({
      id: "triage.wrongly-addressed",
      kind: "wrongly-addressed-return",
      stageId: null,
      date: step.date,
      rule: t.rule,
      explanation: `${state.receipt.explanation}; ${step.text} → return to ${state.triage.body} by ${formatShort(step.date)} (${t.rule})`,
      nature: "deadline",
      metOn: state.closure?.on ?? null,
    });
  }

  for (const stage of state.stages) {
    const resolvedStage = stageRulesOf(rules, stage.stageId);
    if (!resolvedStage) continue;
    // The periods this case gets when they vary by an intake field (FOI 20, EIR 40: decision 0107).
    const stageRules = stageRulesForCase(resolvedStage, state.intake);
    const key = `${stage.stageId}#${stage.sequence}`;
    // A stage referred back (Lancaster) owes nothing more: the stage it reopened carries the dates.
    // Every date of such a stage (its target and milestones too) is closed on the day of the
    // referral and says so, or the sweep would send overdue notices for a stage that no longer runs.
    const referredBackOn = stage.phase === "referred-back" ? (stage.endedOn ?? null) : null;
    const referredBack = (met: IsoDate | null) =>
      !met && referredBackOn ? `; no longer due: referred back to ${referredBackTo(rules, stageRules)} ${formatShort(referredBackOn)}` : "";

    if (stageRules.acknowledge) {
      const ack = dueFrom(state, stage, stageRules.acknowledge, stageRules, ctx);
      if (ack) {
        const met = acknowledgementMet(state, stage);
        push({
          id: `${key}.acknowledge`,
          kind: "acknowledge",
          stageId: stage.stageId,
          date: ack.date,
          rule: stageRules.acknowledge.rule,
          explanation: `${ack.text} → ${verb.acknowledge} ${formatShort(ack.date)} (${stageRules.acknowledge.rule})${stage.acknowledgedOn ? `; ${takenAndSent(state, "acknowledged", stage.acknowledgedOn, stage.acknowledgementSent)}` : ""}${met.byResponse && met.on ? `; met by the response sent ${formatShort(met.on)}` : ""}${referredBack(met.on)}`,
          nature: "deadline",
          metOn: met.on ?? referredBackOn,
          takenOn: stage.acknowledgedOn,
        });
      }
    }

    for (const milestone of stageRules.milestones ?? []) {
      const step = dueFrom(state, stage, milestone, stageRules, ctx);
      if (!step) continue;
      push({
        id: `${key}.milestone:${milestone.id}`,
        kind: "milestone",
        stageId: stage.stageId,
        date: step.date,
        rule: milestone.rule,
        explanation: `${step.text} → ${milestone.label.toLowerCase()} by ${formatShort(step.date)} (${milestone.rule})${referredBack(stage.milestones?.[milestone.id] ?? null)}`,
        nature: "deadline",
        metOn: stage.milestones?.[milestone.id] ?? referredBackOn,
      });
    }

    const pause = pausedWorkingDays(stage, calendar, today);
    const respond = dueFrom(state, stage, stageRules.respond, stageRules, ctx);
    let originalResponseDue: IsoDate | null = null;
    if (respond) {
      let date = respond.date;
      let text = respond.text;
      originalResponseDue = date;
      if (pause.days > 0) {
        const moved = pushOn(calendar, date, pause.days);
        date = moved.date;
        text += `; ${pause.text}, so +${pause.days}${moved.skipping}`;
      }
      const extended = stage.extensions.reduce((sum, e) => sum + e.workingDays, 0);
      if (extended > 0) {
        const moved = pushOn(calendar, date, extended);
        date = moved.date;
        const reasons = stage.extensions.map((e) => e.reason).join("; ");
        text += `; extended by ${extended} working day${extended === 1 ? "" : "s"} (${reasons})${moved.skipping}${stageRules.extension ? ` under ${stageRules.extension.rule}` : ""}`;
      }
      let rule = stageRules.respond.rule;
      if (stage.agreedResponseDate) {
        date = stage.agreedResponseDate;
        text += `; a response date of ${formatShort(date)} was agreed with the complainant`;
        rule = `${rule} (period agreed with the complainant)`;
      }
      push({
        id: `${key}.respond`,
        kind: "respond",
        stageId: stage.stageId,
        date,
        rule,
        explanation: `${text} → ${verb.respond} ${formatShort(date)} (${stageRules.respond.rule})${stage.response ? `; ${takenAndSent(state, "responded", stage.response.on, stage.response.sent)}` : ""}${referredBack(metWhenSent(state, stage.response?.on, stage.response?.sent))}`,
        nature: "deadline",
        metOn: metWhenSent(state, stage.response?.on, stage.response?.sent) ?? referredBackOn,
        takenOn: stage.response?.on ?? null,
      });

      if (stageRules.target) {
        const target = dueFrom(state, stage, stageRules.target, stageRules, ctx);
        if (target) {
          let tDate = target.date;
          let tText = target.text;
          if (pause.days > 0) {
            const moved = pushOn(calendar, tDate, pause.days);
            tDate = moved.date;
            tText += `; ${pause.text}, so +${pause.days}${moved.skipping}`;
          }
          push({
            id: `${key}.target`,
            kind: "target",
            stageId: stage.stageId,
            date: tDate,
            rule: stageRules.target.rule,
            explanation: `${tText} → ${stageRules.target.label}: respond by ${formatShort(tDate)} (${stageRules.target.rule})${referredBack(metWhenSent(state, stage.response?.on, stage.response?.sent))}`,
            nature: "target",
            metOn: metWhenSent(state, stage.response?.on, stage.response?.sent) ?? referredBackOn,
            takenOn: stage.response?.on ?? null,
          });
        }
      }
    }

    const open = stage.phase === "awaiting-acknowledgement" || stage.phase === "investigating" || stage.phase === "paused";
    if (stageRules.holdingInterval && open && state.status === "open" && originalResponseDue) {
      // Leeds para 16: once the standard will not be met, update the customer at least
      // every interval, counting from the last update or else the original due date.
      const last = stage.holdingResponses.at(-1)?.on;
      const from = last && last > originalResponseDue ? last : originalResponseDue;
      const step = applyPeriod(calendar, from, stageRules.holdingInterval, ctx.counting);
      push({
        id: `${key}.holding`,
        kind: "holding-response",
        stageId: stage.stageId,
        date: step.date,
        rule: stageRules.holdingInterval.rule,
        explanation: `${last && last > originalResponseDue ? `last holding response ${formatShort(last)}` : `response originally due ${formatShort(originalResponseDue)}`}; ${step.text} → next holding response by ${formatShort(step.date)} if the response has not gone (${stageRules.holdingInterval.rule})`,
        nature: "deadline",
        metOn: null,
      });
    }

    // The resident's own windows count from when they were sent the response, which they
    // could not act on before; until it is sent, from the response's date.
    const toldOn = stage.response?.sent?.on ?? stage.response?.on ?? null;
    const toldText = stage.response?.sent ? `, sent ${formatShort(stage.response.sent.on)}` : "";
    const window = stage.response && toldOn && stageRules.escalation ? escalationWindow(state, stage, stageRules.escalation, toldOn, calendar, ctx.counting) : null;
    if (stage.response && window) {
      const next = state.stages.find((s) => s.sequence === stage.sequence + 1);
      push({
        id: `${key}.escalation-window`,
        kind: "escalation-window",
        stageId: stage.stageId,
        date: window.date,
        rule: window.rule,
        explanation: `responded ${formatShort(stage.response.on)}${toldText}; ${window.text} → the customer may ask to escalate until ${formatShort(window.date)} (${window.rule})`,
        nature: "window",
        metOn: next?.requestedOn ?? null,
      });
    }

    const isFinal = !stageRules.escalation;
    if (stage.response && toldOn && isFinal && regime.nextBody.window) {
      const w = regime.nextBody.window;
      const step = applyPeriod(calendar, toldOn, w.period, ctx.counting);
      push({
        id: `${key}.next-body-window`,
        kind: "next-body-window",
        stageId: stage.stageId,
        date: step.date,
        rule: w.rule,
        explanation: `final response ${formatShort(stage.response.on)}${toldText}; ${step.text} → the customer may go to the ${regime.nextBody.name} until ${formatShort(step.date)} (${w.rule})`,
        nature: "window",
        metOn: null,
      });
    }

    for (const remedy of stage.response?.remedies ?? []) {
      if (!remedy.dueOn) continue;
      push({
        id: `${key}.remedy:${remedy.id}`,
        kind: "remedy",
        stageId: stage.stageId,
        date: remedy.dueOn,
        rule: "Remedy agreed in the response",
        explanation: `remedy "${remedy.description}" agreed in the ${stageRules.label} response, due ${formatShort(remedy.dueOn)}`,
        nature: "deadline",
        metOn: remedy.completedOn,
      });
    }
  }

  for (const enquiry of state.ombudsman) {
    push({
      id: `ombudsman:${enquiry.id}.respond`,
      kind: "ombudsman-response",
      stageId: null,
      date: enquiry.responseDueOn,
      rule: `Set by the ${enquiry.body} in enquiry ${enquiry.reference}`,
      explanation: `enquiry ${enquiry.reference} received ${formatShort(enquiry.receivedOn)}; the Ombudsman asked for a response by ${formatShort(enquiry.responseDueOn)}`,
      nature: "deadline",
      metOn: enquiry.respondedOn,
    });
    for (const remedy of enquiry.remedies) {
      push({
        id: `ombudsman:${enquiry.id}.remedy:${remedy.id}`,
        kind: "remedy",
        stageId: null,
        date: remedy.dueOn,
        rule: `Ombudsman decision on ${enquiry.reference}`,
        explanation: `the Ombudsman's remedy "${remedy.description}" is due ${formatShort(remedy.dueOn)}`,
        nature: "deadline",
        metOn: remedy.completedOn,
      });
    }
  }
  return explainTransfer(state, dues);
}

/**
 * After a transfer the new service's rules give the dates, counted from the same receipt and
 * requests (the time already spent counts): each date still open when the case moved says so
 * first, so nobody wonders why it changed (Leeds policy para 42; commands/transfer.ts).
 */
function explainTransfer(state: CaseState, dues: DueDate[]): DueDate[] {
  const last = state.transfers?.at(-1);
  if (!last) return dues;
  const why = `transferred from ${last.from.service} to ${last.to.service} on ${formatShort(last.on)}: ${last.reason}; ${last.to.service}'s rules apply, counted from the same dates`;
  return dues.map((d) => (d.metOn && d.metOn < last.on ? d : { ...d, explanation: `${why}; ${d.explanation}` }));
}

/** The open deadline that matters now: the earliest unmet one (work queues sort by it). */
export function nextDue(dues: readonly DueDate[]): DueDate | null {
  let best: DueDate | null = null;
  for (const due of dues) {
    if (due.metOn || due.nature === "window") continue;
    if (!best || due.date < best.date) best = due;
  }
  return best;
}

/** Red (overdue), amber (due within `amberWorkingDays`), green: the work queue's signal. */
export function ragStatus(due: DueDate | null, today: IsoDate, calendar: WorkingDayCalendar, amberWorkingDays = 2): "red" | "amber" | "green" | "none" {
  if (!due) return "none";
  if (due.date < today) return "red";
  return calendar.countWorkingDays(today, due.date) <= amberWorkingDays ? "amber" : "green";
}
