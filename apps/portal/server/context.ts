/**
 * What every Remix loader and action receives as `context`: the API, in-process. The portal
 * never touches the database; it calls the same tRPC procedures an HTTP client would, as the
 * signed-in staff member (or as the public), through `createCaller`.
 */
import type { AppDeps, Principal, createCaller } from "@complaints/api";

export type ApiCaller = ReturnType<typeof createCaller>;

// A type alias (not an interface) so it fits Remix's index-signature AppLoadContext.
export type PortalContext = {
  /** The tRPC caller for this request, acting as `principal`. */
  api: ApiCaller;
  /** Who is signed in (from the session cookie, resolved by the API's middleware), or null. */
  principal: Principal | null;
  /** The browser sent a session cookie that no longer works (expired, revoked): say so. */
  sessionEnded: boolean;
  /** The double-submit CSRF token: every form carries it back in `_csrf`. */
  csrfToken: string;
  /** The Content-Security-Policy nonce of this response's scripts. */
  nonce: string;
  /** The client's address, for the public forms' rate limits. */
  ip: string | null;
  /** How the server is configured (read-only). */
  deps: AppDeps;
};

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- declaration merging
  interface AppLoadContext extends PortalContext {}
}
