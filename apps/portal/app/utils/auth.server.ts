/**
 * Staff pages need a signed-in staff member: anyone else goes to the sign-in page and comes
 * back afterwards. A session that has ended (idle or absolute limit, signed out elsewhere)
 * says so on the sign-in page.
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { StaffPrincipal } from "@complaints/api";

export function requireStaff(context: AppLoadContext, request: Request): StaffPrincipal {
  const principal = context.principal;
  if (principal?.kind === "staff") return principal;
  const url = new URL(request.url);
  const params = new URLSearchParams({ returnTo: url.pathname + url.search });
  if (context.sessionEnded) params.set("expired", "1");
  throw redirect(`/sign-in?${params}`);
}
