/**
 * The council whose name heads every page: the signed-in staff member's, or for the public
 * pages the council this portal serves.
 */
import type { AppLoadContext } from "@remix-run/node";
import { isNotSetUp, type NotSetUp } from "./not-set-up";

export interface CouncilSummary {
  /** Null on the public pages, which do not need it. */
  id: string | null;
  name: string;
  /** Its cases' references start with it ("LDS-2026-000123"): the forms' examples use it. */
  referencePrefix: string;
  /** The public pages offer Welsh (decision 0517): never on the staff pages. */
  welsh: boolean;
}

export async function councilForRequest(context: AppLoadContext): Promise<{ council: CouncilSummary | null; notSetUp: NotSetUp | null }> {
  const principal = context.principal;
  if (principal?.kind === "staff") {
    const runtime = await context.deps.councils.get(principal.councilId);
    return { council: { id: runtime.council.id, name: runtime.profile.name, referencePrefix: runtime.council.referencePrefix, welsh: false }, notSetUp: null };
  }
  // The public pages: the council the online forms are for, as the API says. A limit reached
  // only costs the header its name; no council for this address (NOT_SET_UP, made the 503
  // page's payload by server/portal.ts) is what every page, sign-in included, then shows.
  try {
    const { council } = await context.api.public.services();
    return { council: { id: null, name: council.name, referencePrefix: council.referencePrefix, welsh: council.welsh }, notSetUp: null };
  } catch (error) {
    return { council: null, notSetUp: isNotSetUp(error) ? ((error as { data: NotSetUp }).data) : null };
  }
}
