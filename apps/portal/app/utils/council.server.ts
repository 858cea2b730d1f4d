/**
 * The council whose name heads every page: the signed-in staff member's, or for the public
 * pages the council this portal serves.
 */
import type { AppLoadContext } from "@remix-run/node";

export interface CouncilSummary {
  id: string;
  name: string;
}

export async function councilForRequest(context: AppLoadContext): Promise<CouncilSummary | null> {
  const principal = context.principal;
  if (principal?.kind === "staff") {
    const runtime = await context.deps.councils.get(principal.councilId);
    return { id: runtime.council.id, name: runtime.profile.name };
  }
  return null;
}
