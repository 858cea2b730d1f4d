/**
 * The council whose name heads every page: the signed-in staff member's, or for the public
 * pages the council this portal serves.
 */
import type { AppLoadContext } from "@remix-run/node";

export interface CouncilSummary {
  /** Null on the public pages, which do not need it. */
  id: string | null;
  name: string;
}

export async function councilForRequest(context: AppLoadContext): Promise<CouncilSummary | null> {
  const principal = context.principal;
  if (principal?.kind === "staff") {
    const runtime = await context.deps.councils.get(principal.councilId);
    return { id: runtime.council.id, name: runtime.profile.name };
  }
  // The public pages: the council the online forms are for, as the API says. A refusal (a
  // limit reached, no council set up) only costs the header its name.
  try {
    const { council } = await context.api.public.services();
    return { id: null, name: council.name };
  } catch {
    return null;
  }
}
