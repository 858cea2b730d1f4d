/**
 * The bulk form of the work queue (issue 16): the ticked cases and one action, sent to the API's
 * `cases.bulk`, which does each case on its own; the page that follows says, case by case, what
 * was done and what was refused, in core's words.
 */
import type { AppLoadContext } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { all, attempt, readForm, text } from "../utils/forms.server";

type BulkActionName = "assign" | "transfer" | "add-flag" | "issue-letters";

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
  const action = text(form, "action") as BulkActionName;
  // Each action's own fields, as the API's bulk action takes them (apps/api/src/services/bulk.ts).
  const payloads: Record<BulkActionName, () => { payload?: Record<string, unknown>; missing?: [string, string] }> = {
    assign: () => (text(form, "handlerId") ? { payload: { handlerId: text(form, "handlerId") } } : { missing: ["handlerId", "Choose the person to assign the cases to"] }),
    transfer: () =>
      !text(form, "serviceId")
        ? { missing: ["serviceId", "Choose the service to transfer the cases to"] }
        : !text(form, "reason")
          ? { missing: ["reason", "Say why the cases are transferred"] }
          : { payload: { serviceId: text(form, "serviceId"), reason: text(form, "reason") } },
    "add-flag": () => (text(form, "flag") ? { payload: { addFlags: [text(form, "flag")] } } : { missing: ["flag", "Choose the flag to add"] }),
    "issue-letters": () => ({}),
  };
  const errors: Record<string, string> = {};
  if (cases.length === 0) errors.case = "Tick at least one case in the queue";
  const fields = Object.hasOwn(payloads, action) ? payloads[action]() : null;
  if (!fields) errors.action = "Choose what to do with the ticked cases";
  else if (fields.missing) errors[fields.missing[0]] = fields.missing[1];
  if (Object.keys(errors).length || !fields) return { ok: false as const, errors, back, results: null };
  const key = text(form, "bulkKey");
  const result = await attempt(form, () =>
    context.api.cases.bulk({
      action,
      cases,
      ...(fields.payload ? { payload: fields.payload } : {}),
      ...(key.length >= 8 ? { idempotencyKey: key } : {}),
    }),
  );
  if (!result.ok) return result.response;
  return { ok: true as const, errors: {}, back, action: result.value.action, results: result.value.results };
}
