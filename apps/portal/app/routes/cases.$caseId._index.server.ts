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

/** Roles that write letters on any case they can read (the case's handler may too); the API decides. */
const LETTER_WRITERS = ["dcro", "complaints-manager", "head-of-service", "director"];

export async function loadCasePage(context: AppLoadContext, request: Request, caseId: string) {
  const staff = requireStaff(context, request);
  const detail = await loadCase(context, caseId);
  const url = new URL(request.url);
  const doneCommand = url.searchParams.get("done") as CommandType | null;
  const actions = detail.available.filter((command) => command in COMMAND_FORMS).map((command) => ({ command, label: commandLabel(command) }));
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
    done: doneCommand && doneCommand in COMMAND_FORMS ? `Done: ${commandLabel(doneCommand).toLowerCase()}` : null,
  };
}
