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
import { COMMAND_LABELS, commandLabel } from "../utils/labels";
import { loadResolutionPlans } from "./resolution-plans.server";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a case for a page, or answers 404 in plain words. */
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

export async function loadCasePage(context: AppLoadContext, request: Request, caseId: string) {
  requireStaff(context, request);
  const detail = await loadCase(context, caseId);
  const url = new URL(request.url);
  const doneCommand = url.searchParams.get("done") as CommandType | null;
  const actions = detail.available.filter((command) => command in COMMAND_FORMS).map((command) => ({ command }));
  return {
    case: detail,
    actions,
    letters: [] as Array<{ id: string; kind: string; status: string; at: string; href: string }>,
    plans: await loadResolutionPlans(context, caseId),
    done: doneCommand && doneCommand in COMMAND_LABELS ? `Done: ${commandLabel(doneCommand).toLowerCase()}` : null,
  };
}
