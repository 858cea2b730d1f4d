/**
 * The bulk form of the work queue (issue 16): the ticked cases and one action, sent to the API's
 * `cases.bulk`, which does each case on its own; the page that follows says, case by case, what
 * was done and what was refused, in core's words.
 */
import type { AppLoadContext } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { all, attempt, readForm, text } from "../utils/forms.server";

/** The queue the form came from: its own address, or the default queue. */
function queueHref(view: string): string {
  return `/cases${view ? `?${new URLSearchParams(view)}` : ""}`;
}

/**
 * Nothing to load: the results belong to the post that made them (and Remix runs this loader
 * again after the post, so it must not send anyone away). A bare visit says where to start.
 */
export function bulkLoader(context: AppLoadContext, request: Request) {
  requireStaff(context, request);
  return null;
}

export async function bulkAction(context: AppLoadContext, request: Request) {
  requireStaff(context, request);
  const form = await readForm(request, context);
  const back = queueHref(text(form, "view"));
  // Each box is "<case id>:<version shown>": a case changed since the page was shown is refused, not changed blind.
  const cases = all(form, "case").map((value) => {
    const [caseId = "", version = ""] = value.split(":");
    return { caseId, expectedVersion: Number.parseInt(version, 10) || 0 };
  });
  const action = text(form, "action");
  const errors: Record<string, string> = {};
  if (cases.length === 0) errors.case = "Tick at least one case in the queue";
  if (action !== "assign" && action !== "issue-letters") errors.action = "Choose what to do with the ticked cases";
  else if (action === "assign" && !text(form, "handlerId")) errors.handlerId = "Choose the person to assign the cases to";
  if (Object.keys(errors).length) return { ok: false as const, errors, back, results: null };
  const key = text(form, "bulkKey");
  const result = await attempt(form, () =>
    context.api.cases.bulk({
      action: action as "assign" | "issue-letters",
      cases,
      ...(action === "assign" ? { payload: { handlerId: text(form, "handlerId") } } : {}),
      ...(key.length >= 8 ? { idempotencyKey: key } : {}),
    }),
  );
  if (!result.ok) return result.response;
  return { ok: true as const, errors: {}, back, action: result.value.action, results: result.value.results };
}
