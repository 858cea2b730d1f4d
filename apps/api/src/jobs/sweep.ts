/**
 * The sweep: one pass over every council that writes the reminders and notices issue 3 asks
 * for to the outbox. Safe to run as often as wanted and from several processes at once:
 * every notification carries a dedupe key (unique per council), so each is written once.
 *
 * - reminders before each due date (two working days before), to the handler (or the
 *   directorate's DCRO when nobody is assigned);
 * - overdue notices the day after a due date, to the handler and the DCRO; after five more
 *   working days, to the Head of Service;
 * - chasing a service for information it was asked for, after the council profile's working
 *   days (`procedures.chasing`; Southwark procedure, 'Stage two investigations': 3 to the
 *   service's manager (the DCRO), then 2 more to the Head of Service);
 * - holding responses due (the holding-response due dates, Leeds para 16);
 * - persistent-complainant reviews due within five working days, to the complaints manager;
 * - improvement actions overdue (their date or a milestone's), to their owner and the Head of
 *   Service (docs/design.md §3), through the same storage the improvement pages use;
 * - quality checks' remedial actions overdue, to their owner;
 * - satisfaction surveys to residents whose complaint closed, where the council sends them
 *   (services/satisfaction.ts; decision 0516);
 * - the public form's expired drafts deleted (decision 0520).
 */
import { todayIn, type WorkingDayCalendar } from "@complaints/core";
import { notificationRepository, organisationRepository, sweepRepository, conductRepository, learningRepository, qualityRepository, type ActionKey, type NewNotification, type Executor } from "@complaints/db";
import type { AppDeps } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import type { EmailKind } from "../notifications/notifier.js";
import { queueSurveys } from "../services/satisfaction.js";
import { publicDraftRepository } from "@complaints/db";

export const REMINDER_WORKING_DAYS = 2;
export const ESCALATE_OVERDUE_AFTER = 5;
export const CONDUCT_REVIEW_NOTICE = 5;

export interface SweepReport {
  councils: number;
  /** Notifications written by this pass (repeats skipped by their dedupe keys are not counted). */
  queued: number;
  byKind: Partial<Record<EmailKind, number>>;
  /** Satisfaction surveys queued to residents by this pass. */
  surveys: number;
}

export async function sweep(deps: AppDeps): Promise<SweepReport> {
  const db = deps.database.db;
  const report: SweepReport = { councils: 0, queued: 0, byKind: {}, surveys: 0 };
  for (const council of await organisationRepository.listCouncils(db)) {
    const runtime = await deps.councils.get(council.id);
    const today = todayIn(deps.clock);
    const { messages, escalations } = await sweepCouncil(db, runtime, today);
    const ids = await deps.notifier.enqueue(db, messages);
    // The action page shows when it went to the Head of Service; the dedupe keys keep it to once.
    for (const e of escalations) await learningRepository.markEscalated(db, e.key, today, e.forDue, deps.clock.now());
    report.surveys += await queueSurveys(deps, runtime, today);
    report.councils += 1;
    report.queued += ids.length;
    const added = new Set(await notificationRepository.dedupeKeysOf(db, ids));
    for (const m of messages) if (added.has(m.dedupeKey!)) report.byKind[m.kind as EmailKind] = (report.byKind[m.kind as EmailKind] ?? 0) + 1;
  }
  // The public form's answers past their expiry (decision 0520): gone even if nobody fills the form in.
  await publicDraftRepository.purgeExpired(db, deps.clock.now());
  return report;
}

function calendarOf(runtime: CouncilRuntime): WorkingDayCalendar {
  return runtime.book.rulesFor(runtime.book.serviceIds()[0]!, "complaint").calendar;
}

const DUE_WORDS: Record<string, string> = {
  acknowledge: "acknowledgement",
  respond: "response",
  "holding-response": "holding response",
  "feedback-acknowledge": "acknowledgement",
  "wrongly-addressed-return": "return to the right organisation",
  remedy: "remedy",
  "ombudsman-response": "response to the Ombudsman",
};

/** Improvement actions sent to the Head of Service by this pass, recorded once the messages are queued. */
interface Escalation {
  key: ActionKey;
  forDue: string;
}

async function sweepCouncil(db: Executor, runtime: CouncilRuntime, today: string): Promise<{ messages: NewNotification[]; escalations: Escalation[] }> {
  const councilId = runtime.council.id;
  const escalations: Escalation[] = [];
  const calendar = calendarOf(runtime);
  const messages: NewNotification[] = [];
  const roleCache = new Map<string, string[]>();
  const withRole = async (role: string, directorateId: string | null) => {
    const key = `${role}|${directorateId}`;
    if (!roleCache.has(key)) roleCache.set(key, await sweepRepository.staffWithRole(db, councilId, role, directorateId));
    return roleCache.get(key)!;
  };
  const to = (kind: EmailKind, caseId: string | null, staffIds: string[], key: string, subject: string, text: string) => {
    for (const staffId of new Set(staffIds)) {
      messages.push({ councilId, caseId, kind, recipient: { staffId }, payload: { subject, text }, dedupeKey: `${key}:${staffId}` });
    }
  };

  // Reminders and holding responses coming up.
  const reminderUntil = calendar.addWorkingDays(today, REMINDER_WORKING_DAYS);
  for (const due of await sweepRepository.dueBetween(db, councilId, today, reminderUntil)) {
    const who = due.assignedStaffId ? [due.assignedStaffId] : await withRole("dcro", due.directorateId);
    const what = DUE_WORDS[due.dueKind] ?? due.dueKind.replace(/-/g, " ");
    const kind: EmailKind = due.dueKind === "holding-response" ? "holding-response-due" : "reminder";
    to(kind, due.caseId, who, `${kind}:${due.caseId}:${due.dueId}:${due.dueDate}`, `${due.reference}: ${what} due ${due.dueDate}`, `The ${what} for ${due.reference} is due on ${due.dueDate}.\n\n${due.explanation}`);
  }

  // Overdue: the day after, and to the Head of Service after five more working days.
  const yesterday = calendar.addWorkingDays(today, -1);
  const longOverdue = calendar.addWorkingDays(today, -ESCALATE_OVERDUE_AFTER);
  for (const due of await sweepRepository.dueBetween(db, councilId, "1900-01-01", yesterday)) {
    const what = DUE_WORDS[due.dueKind] ?? due.dueKind.replace(/-/g, " ");
    const handler = due.assignedStaffId ? [due.assignedStaffId] : [];
    const subject = `${due.reference}: ${what} overdue (was due ${due.dueDate})`;
    const text = `The ${what} for ${due.reference} was due on ${due.dueDate} and has not been recorded.\n\n${due.explanation}`;
    to("overdue", due.caseId, [...handler, ...(await withRole("dcro", due.directorateId))], `overdue:${due.caseId}:${due.dueId}:${due.dueDate}`, subject, text);
    if (due.dueDate <= longOverdue) {
      to("overdue", due.caseId, await withRole("head-of-service", due.directorateId), `overdue-hos:${due.caseId}:${due.dueId}:${due.dueDate}`, subject, `${text}\n\nIt is more than ${ESCALATE_OVERDUE_AFTER} working days late, so it comes to the Head of Service.`);
    }
  }

  // Chasing a service for information, after the profile's intervals (Southwark procedure).
  const chasing = runtime.profile.procedures.chasing;
  for (const request of await sweepRepository.openServiceRequests(db, councilId)) {
    const first = calendar.addWorkingDays(request.requestedOn, chasing.serviceAfter);
    const second = calendar.addWorkingDays(first, chasing.headOfServiceAfter);
    const subject = `${request.reference}: information still needed from the service`;
    const text = `On ${request.requestedOn} the complaints team asked for: ${request.what}. It has not been received.`;
    if (today >= first) {
      to("chase-service", request.caseId, await withRole("dcro", request.directorateId), `chase-1:${request.caseId}:${request.requestId}`, subject, `${text}\n\nPlease send it now (chased after ${chasing.serviceAfter} working days: ${chasing.rule}).`);
    }
    if (today >= second) {
      to("chase-service", request.caseId, await withRole("head-of-service", request.directorateId), `chase-2:${request.caseId}:${request.requestId}`, subject, `${text}\n\nThe service manager was chased ${chasing.headOfServiceAfter} working days ago (${chasing.rule}); this now comes to the Head of Service.`);
    }
  }

  // Persistent-complainant designations to review.
  const reviewBy = calendar.addWorkingDays(today, CONDUCT_REVIEW_NOTICE);
  for (const due of await conductRepository.listDesignationsDueForReview(db, councilId, reviewBy)) {
    to("conduct-review-due", null, await withRole("complaints-manager", null), `conduct-review:${due.customerId}:${due.reviewBy}`, `Persistent-complainant review due ${due.reviewBy}`, `A customer's persistent-complainant designation must be reviewed by ${due.reviewBy} (at most 6 months after it was made). Lift it or renew it with reasons.`);
  }

  // Improvement actions overdue, by their own date or a milestone's (Southwark: "escalate to HoS
  // any which are delayed or otherwise not meeting their planned milestones"): to the owner and
  // the Head of Service, once per missed date; actions recorded as done drop out.
  for (const action of await learningRepository.overdueImprovements(db, councilId, today)) {
    const who = [...(action.ownerId ? [action.ownerId] : []), ...(await withRole("head-of-service", action.directorateId))];
    const late = action.what.kind === "milestone" ? `Its milestone "${action.what.description}" was due on ${action.overdueSince}` : `It was due on ${action.overdueSince}`;
    to("improvement-action-overdue", action.caseId, who, `improvement:${action.caseId}:${action.stageSequence}:${action.actionId}:${action.overdueSince}`, `${action.reference}: improvement action overdue`, `"${action.description}": ${late.charAt(0).toLowerCase()}${late.slice(1)} and it is not done.`);
    if (!action.escalated) escalations.push({ key: { caseId: action.caseId, stageSequence: action.stageSequence, actionId: action.actionId }, forDue: action.overdueSince });
  }

  // Quality checks' remedial actions past their due date: to their owner.
  for (const remedial of await qualityRepository.listRemedialActions(db, { councilId, asOf: today, openOnly: true })) {
    if (!remedial.overdue) continue;
    to("qa-remedial-action-overdue", null, [remedial.ownerId], `qa-remedial:${remedial.id}:${remedial.dueOn}`, `${remedial.reference}: remedial action from a quality check overdue`, `"${remedial.description}" (after the finding "${remedial.finding}") was due on ${remedial.dueOn} and is not done.`);
  }
  return { messages, escalations };
}
