/**
 * What every page's layout needs: the council's name, who is signed in and the sections
 * their roles open, and the tokens for forms (CSRF) and scripts (CSP nonce).
 */
import type { AppLoadContext } from "@remix-run/node";
import { publicNavigation, staffNavigation, type NavItem } from "./navigation";
import { councilForRequest } from "./council.server";

export interface RootStaff {
  id: string;
  name: string;
  roles: string[];
  roleLabels: string[];
}

export async function rootData(context: AppLoadContext, _request: Request) {
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
  return { nonce: context.nonce, csrfToken: context.csrfToken, council, staff, nav, notSetUp };
}
