/**
 * The case page: the case as the API shows it to this staff member (the API records the read),
 * and the actions their role and the rules allow now.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import type { CommandType } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";
import { COMMAND_FORMS } from "../utils/commands";
import { commandLabel, eventTitle } from "../utils/commands.server";
import { attachmentErrorMessage } from "../utils/letters";
import { OUTCOME_LABELS, TRIAGE_OUTCOME_LABELS } from "@complaints/core/vocabulary";
import { formatDate, labelOr } from "../utils/labels";
import type { CaseView } from "../utils/api-types";
import { loadResolutionPlans } from "./resolution-plans.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a case for a page, or answers 404 in plain words. */
/** ". The letter that waited for these details has been sent.": after a contact change that let waiting letters go. */
function lettersSentNote(count: string | null): string {
  const n = Number(count);
  if (!Number.isInteger(n) || n < 1) return "";
  return n === 1 ? ". The letter that waited for these details has been sent" : `. The ${n} letters that waited for these details have been sent`;
}

export async function loadCase(context: AppLoadContext, caseId: string) {
  if (!UUID.test(caseId)) throw data("There is no such case.", { status: 404 });
  try {
    return await context.api.cases.get({ caseId });
  } catch (error) {
    const described = describeApiError(error);
    if (described.status === 404 || described.status === 403) throw data(described.message, { status: described.status });
    throw error;
  }
}

/** The steps the rules expect next (core's `nextSteps`), with the date each is due by, in words. */
function nextStepsOf(c: CaseView) {
  return c.nextSteps
    .filter((s) => s.command in COMMAND_FORMS)
    .map((s) => {
      const due = s.dueId ? c.dueDates.find((d) => d.id === s.dueId && !d.metOn) : undefined;
      return { command: s.command, label: commandLabel(s.command), dueBy: due?.date ? formatDate(due.date) : null };
    });
}

/** What a step did, in words: "Triaged: accepted as a Stage 1 complaint" (not "Done: triage"). */
function doneSentence(command: CommandType, c: CaseView): string {
  const stage = c.stages.at(-1);
  const what = eventTitle(command);
  switch (command) {
    case "triage":
      if (!c.triage) return what;
      return c.triage.outcome === "accept" && stage ? `${what}: accepted as a ${stage.label} complaint` : `${what}: ${labelOr(TRIAGE_OUTCOME_LABELS, c.triage.outcome).toLowerCase()}`;
    case "assign":
      return stage?.handlerName ? `${what} to ${stage.handlerName}` : what;
    case "respond":
      // Core's "Response sent" is the timeline's; here the letter may still wait (said below).
      return stage?.response ? `Response recorded: ${labelOr(OUTCOME_LABELS, stage.response.outcome).toLowerCase()}` : what;
    case "extend": {
      const last = stage?.extensions.at(-1);
      return last ? `${what} by ${last.workingDays} working days to ${formatDate(last.newDueDate)}` : what;
    }
    case "acknowledge":
    case "escalate":
      return stage ? `${stage.label}: ${what.toLowerCase()}` : what;
    default:
      return what;
  }
}

/** "Next: assign, then acknowledge by 14 December 2026", or nothing when the rules expect nothing of this person. */
function nextSentence(next: ReturnType<typeof nextStepsOf>, lettersWaiting: number): string | null {
  const steps = next.map((n) => `${n.label.replace(/^./, (ch) => ch.toLowerCase())}${n.dueBy ? ` by ${n.dueBy}` : ""}`);
  // A letter the step left waiting comes first: the step is done for the resident once it is sent (decision 0322).
  if (lettersWaiting) steps.unshift(lettersWaiting === 1 ? "write the letter that is not sent yet" : "write the letters that are not sent yet");
  if (!steps.length) return null;
  return `Next: ${steps.join(", then ")}`;
}

/** Roles that write letters on any case they can read (the case's handler may too); the API decides. */
const LETTER_WRITERS = ["dcro", "complaints-manager", "head-of-service", "director"];

export async function loadCasePage(context: AppLoadContext, request: Request, caseId: string) {
  const staff = requireStaff(context, request);
  const detail = await loadCase(context, caseId);
  const url = new URL(request.url);
  const doneCommand = url.searchParams.get("done") as CommandType | null;
  const next = nextStepsOf(detail);
  const actions = detail.available.filter((command) => command in COMMAND_FORMS && !next.some((n) => n.command === command)).map((command) => ({ command, label: commandLabel(command) }));
  const [pending, issued, files, plans, correspondence, contacts, related] = await Promise.all([
    context.api.letters.pending({ caseId }),
    context.api.letters.list({ caseId }),
    context.api.attachments.list({ caseId }),
    loadResolutionPlans(context, caseId),
    context.api.correspondence.list({ caseId }),
    context.api.cases.contacts({ caseId }),
    context.api.caseLinks.list({ caseId }),
  ]);
  const mayWriteLetters = detail.assignedStaff?.id === staff.id || staff.grants.some((g) => LETTER_WRITERS.includes(g.role));
  // After an upload the API sends the browser back here with what happened (a code, never words).
  const attachedId = url.searchParams.get("attached");
  const attachmentError = url.searchParams.get("attachmentError");
  const letterIssuedId = url.searchParams.get("letterIssued");
  const letterIssued = letterIssuedId ? (issued.find((l) => l.letterId === letterIssuedId) ?? null) : null;
  // After a step, what it sent and what waits (decision 0321): the step's letters by id.
  const stepLetters = (url.searchParams.get("letters") ?? "").split(",").filter((id) => UUID.test(id));
  const stepWaiting = (url.searchParams.get("waiting") ?? "").split(",").filter((id) => /^\d{1,15}$/.test(id)).map(Number);
  const sentByStep = doneCommand
    ? [
        ...detail.correspondence
          .filter((s) => s.letterId && stepLetters.includes(s.letterId))
          .map((s) => {
            const letter = issued.find((l) => l.letterId === s.letterId);
            const what = `the ${letter?.kindName ?? "letter"}`;
            if (s.channel !== "email") return `We will post ${what} to ${s.to.name ?? "the resident"}.`;
            // Said as it stands: sent, on its way (the sender takes it within a minute), or refused (the warning says why).
            const to = `${s.to.name ?? "the resident"} (${s.to.email ?? "no address"})`;
            return s.status === "sent" ? `We have emailed ${what} to ${to}.` : s.status === "failed" ? `The email with ${what} to ${to} could not be sent: see the warning below.` : `We are emailing ${what} to ${to}: it goes within a minute.`;
          }),
      ]
    : [];
  const waitingAfterStep = doneCommand ? detail.lettersWaiting.filter((t) => stepWaiting.includes(t.outboxId)) : [];
  return {
    case: { ...detail, timeline: detail.timeline.map((e) => ({ ...e, title: eventTitle(e.type) })) },
    actions,
    next,
    letters: { pending, issued, sent: detail.correspondence, mayWrite: mayWriteLetters, me: staff.id },
    sentByStep,
    waitingAfterStep,
    files,
    attached: attachedId ? (files.attachments.find((a) => a.attachmentId === attachedId)?.fileName ?? null) : null,
    attachmentError: attachmentError ? attachmentErrorMessage(attachmentError, files.limits) : null,
    letterIssued,
    plans,
    /** Messages to the resident that failed or may not have gone, until staff resolve them (decision 0318). */
    correspondenceProblems: correspondence.messages.filter((m) => m.needsAction),
    /** Receipts, texts and the survey (letters' sending is on the letters table). */
    otherMessages: correspondence.messages.filter((m) => m.letterId === null),
    contacts,
    /** "Related cases" (decision 0106): a merged duplicate's timeline titled as the case's own. */
    related: {
      cases: related.map((r) => ({ ...r, merged: r.merged ? { ...r.merged, timeline: r.merged.timeline.map((e) => ({ ...e, title: eventTitle(e.type) })) } : null })),
      canChange: detail.available.some((t) => t === "link-case" || t === "merge-into" || t === "split" || t === "unlink-case"),
    },
    correspondenceChanged: { resent: "The message is being sent again", resolved: "The message is marked resolved" }[url.searchParams.get("correspondence") ?? ""] ?? null,
    contactChanged: url.searchParams.get("contact") === "customer" || url.searchParams.get("contact") === "representative" ? `Saved how we contact the ${url.searchParams.get("contact")}${lettersSentNote(url.searchParams.get("lettersSent"))}` : null,
    done: doneCommand && doneCommand in COMMAND_FORMS ? doneSentence(doneCommand, detail) : null,
    doneNext: doneCommand && doneCommand in COMMAND_FORMS ? nextSentence(next, waitingAfterStep.length) : null,
  };
}
