/**
 * Writing a letter the lifecycle is waiting for (issue 6): the draft the API builds from the
 * case, the officer's wording per section, what the letter still lacks and plain English
 * advice beside the text; "Check the letter" drafts it again, "Issue the letter" issues it
 * (or lists what it lacks in the error summary), "Preview as PDF" renders it in a new tab.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { describeApiError, readForm, text, valuesOf } from "../utils/forms.server";
import { fieldErrorsOf, letterFailure, letterRequestFrom, missingErrors, missingOf, type LetterRequest } from "../utils/letters.server";
import { loadCase } from "./cases.$caseId._index.server";

export function outboxIdOf(param: string): number {
  const id = Number(param);
  if (!/^\d{1,15}$/.test(param) || !Number.isSafeInteger(id) || id < 1) throw data("There is no such letter.", { status: 404 });
  return id;
}

async function draftOf(context: AppLoadContext, request: LetterRequest) {
  try {
    return await context.api.letters.preview(request);
  } catch (error) {
    const described = describeApiError(error);
    if (described.status === 403 || described.status === 404) throw data(described.message, { status: described.status });
    throw error;
  }
}

export async function loadLetterPage(context: AppLoadContext, request: Request, caseId: string, outboxParam: string) {
  requireStaff(context, request);
  const outboxId = outboxIdOf(outboxParam);
  const detail = await loadCase(context, caseId);
  const c = { id: detail.id, reference: detail.reference };
  const pending = (await context.api.letters.pending({ caseId })).find((p) => p.outboxId === outboxId) ?? null;
  if (!pending) return { case: c, pending: null, draft: null };
  return { case: c, pending, draft: await draftOf(context, { caseId, outboxId }) };
}

export async function writeLetterAction(context: AppLoadContext, request: Request, caseId: string, outboxParam: string) {
  requireStaff(context, request);
  const outboxId = outboxIdOf(outboxParam);
  const form = await readForm(request, context);
  const { request: letter, errors } = letterRequestFrom(form, caseId, outboxId);
  if (Object.keys(errors).length) return letterFailure(errors, form, null, 400);

  if (text(form, "intent") === "issue") {
    try {
      // Sent on the resident's channels (decision 0321): by email, or by post through the print room.
      const issued = await context.api.letters.issue(letter);
      return redirect(`/cases/${caseId}?letterIssued=${issued.letterId}#letters`, 303);
    } catch (error) {
      const missing = missingOf(error);
      if (missing) return letterFailure(missingErrors(missing), form, await draftOf(context, letter), 422);
      const fields = fieldErrorsOf(error, letter);
      if (!fields) throw error;
      return letterFailure(fields, form, null, describeApiError(error).status);
    }
  }
  try {
    return { ok: true as const, draft: await context.api.letters.preview(letter), values: valuesOf(form) };
  } catch (error) {
    const fields = fieldErrorsOf(error, letter);
    if (!fields) throw error;
    return letterFailure(fields, form, null, describeApiError(error).status);
  }
}
