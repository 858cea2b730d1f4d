/**
 * What every page's layout needs: the council's name, who is signed in and the sections
 * their roles open, and the tokens for forms (CSRF) and scripts (CSP nonce).
 */
import type { AppLoadContext } from "@remix-run/node";
import { publicNavigation, staffNavigation, type NavItem } from "./navigation";
import { councilForRequest } from "./council.server";
import { isLanguage, LANGUAGE_COOKIE, type Language } from "../i18n";

/**
 * The public pages' language (decision 0517): `?lang=` on the address, else the choice the
 * header's link stored in the cookie; English where the council does not offer Welsh.
 */
export function languageOf(request: Request, welshOffered: boolean): Language {
  if (!welshOffered) return "en";
  const asked = new URL(request.url).searchParams.get("lang");
  if (isLanguage(asked)) return asked;
  const cookie = (request.headers.get("Cookie") ?? "").split(/;\s*/).find((c) => c.startsWith(`${LANGUAGE_COOKIE}=`));
  const stored = cookie?.slice(LANGUAGE_COOKIE.length + 1);
  return isLanguage(stored) ? stored : "en";
}

export interface RootStaff {
  id: string;
  name: string;
  roles: string[];
  roleLabels: string[];
}

export async function rootData(context: AppLoadContext, request: Request) {
  let staff: RootStaff | null = null;
  if (context.principal?.kind === "staff") {
    const me = await context.api.auth.me();
    const roles = [...new Set(me.roles.map((r) => r.role))];
    staff = { id: me.id, name: me.name, roles, roleLabels: [...new Set(me.roles.map((r) => r.label))] };
  }
  const { council, notSetUp } = await councilForRequest(context);
  // Until a temporary password is replaced, no section is open (issue 20): no links to them.
  // Nor on a server with no council for this address: every section is the same 503 page.
  const nav: NavItem[] = staff ? (context.principal?.kind === "staff" && context.principal.passwordMustChange ? [] : staffNavigation(staff.roles)) : notSetUp ? [] : publicNavigation();
  const language = staff ? "en" : languageOf(request, council?.welsh ?? false);
  // `language` is what the page is shown in (root.tsx keeps English for a page not yet in Welsh); `chosenLanguage` the resident's choice.
  return { nonce: context.nonce, csrfToken: context.csrfToken, council, staff, nav, notSetUp, language, chosenLanguage: language };
}
