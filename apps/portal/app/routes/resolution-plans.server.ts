/**
 * Resolution plans for the case pages: read through the API; a role that may not see them
 * simply gets no section.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { describeApiError } from "../utils/forms.server";

export async function loadResolutionPlans(context: AppLoadContext, caseId: string) {
  try {
    return await context.api.resolutionPlans.list({ caseId });
  } catch (error) {
    if (describeApiError(error).status < 500) return null;
    throw error;
  }
}

/** For the plan pages: the case's plans, or the page's 404/403 in the API's words. */
export async function plansOrNotFound(context: AppLoadContext, caseId: string) {
  try {
    return await context.api.resolutionPlans.list({ caseId });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 404 || d.status === 403 || d.status === 400) throw data(d.message, { status: d.status === 400 ? 404 : d.status });
    throw error;
  }
}
