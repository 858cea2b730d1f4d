/**
 * The header's language link (decision 0517): /language/cy?back=/complain stores the choice in
 * a cookie for a year and goes back to the page, so it works without JavaScript and every
 * later page (and form post) is in the chosen language. Only a path on this site is gone back
 * to; anything else goes to the start page.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { isLanguage, LANGUAGE_COOKIE } from "../i18n";

export function safeBack(back: string | null): string {
  return back && /^\/(?![/\\])/.test(back) ? back : "/";
}

export async function loader({ params, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const back = safeBack(url.searchParams.get("back"));
  if (!isLanguage(params.code)) return redirect(back);
  const secure = url.protocol === "https:" ? "; Secure" : "";
  return redirect(back, { headers: { "Set-Cookie": `${LANGUAGE_COOKIE}=${params.code}; Path=/; Max-Age=31536000; SameSite=Lax; HttpOnly${secure}` } });
}
