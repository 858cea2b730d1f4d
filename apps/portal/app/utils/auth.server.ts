/**
 * Staff pages need a signed-in staff member: anyone else goes to the sign-in page and comes
 * back afterwards. A session that has ended (idle or absolute limit, signed out elsewhere)
 * says so on the sign-in page. Someone whose password an administrator set goes to "Choose a
 * new password" first (issue 20): the API refuses them everything else until then.
 */
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import type { StaffPrincipal } from "@complaints/api";

export const CHOOSE_PASSWORD_PATH = "/account/password";

export function requireStaff(context: AppLoadContext, request: Request, options: { temporaryPassword?: boolean } = {}): StaffPrincipal {
  const principal = context.principal;
  const url = new URL(request.url);
  const params = new URLSearchParams({ returnTo: url.pathname + url.search });
  if (principal?.kind === "staff") {
    if (principal.passwordMustChange && !options.temporaryPassword) throw redirect(`${CHOOSE_PASSWORD_PATH}?${params}`);
    return principal;
  }
  if (context.sessionEnded) params.set("expired", "1");
  throw redirect(`/sign-in?${params}`);
}
