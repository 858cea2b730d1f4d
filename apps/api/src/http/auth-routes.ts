/**
 * Sign-in routes that are not tRPC: the HTML form post (works without JavaScript), sign-out,
 * the CSRF token for scripts, and the OpenID Connect redirects.
 */
import express, { Router, type Request, type Response } from "express";
import { TRPCError } from "@trpc/server";
import type { AppDeps } from "../context.js";
import { loginWithPassword, setSessionCookie } from "../services/auth.js";
import { endSession, startSession } from "../auth/sessions.js";
import { OidcError, safeReturnTo, staffForIdentity, type OidcPending } from "../auth/oidc.js";
import { describeError } from "../errors.js";
import { asyncHandler, cookieJar, jsonError, locals, requestInfo, requireCsrfToken } from "./middleware.js";

const OIDC_COOKIE = "cm_oidc";

function wantsHtml(req: Request): boolean {
  return (req.headers.accept ?? "").includes("text/html");
}

function fail(req: Request, res: Response, status: number, code: string, message: string): void {
  if (wantsHtml(req)) {
    res.status(status).type("html").send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in problem</title><link rel="icon" href="data:,"></head><body><main><h1>Sign in problem</h1><p>${escapeHtml(message)}</p><p><a href="/">Back to sign in</a></p></main></body></html>`);
    return;
  }
  jsonError(res, status, code, message);
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function authRoutes(deps: AppDeps): Router {
  const routes = Router();
  const form = express.urlencoded({ extended: false, limit: "16kb" });

  routes.get("/auth/csrf", (_req, res) => {
    res.json({ token: locals(res).csrfToken });
  });

  routes.use("/auth", form, requireCsrfToken);

  routes.post(
    "/auth/login",
    asyncHandler(async (req, res) => {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const email = typeof body.email === "string" ? body.email : "";
      const password = typeof body.password === "string" ? body.password : "";
      if (!email || !password) return fail(req, res, 400, "INVALID_INPUT", "Enter your email address and password");
      try {
        const council = typeof body.council === "string" && body.council ? body.council : undefined;
        const { token, expiresAt } = await loginWithPassword(deps, { email, password, council }, requestInfo(req, res));
        setSessionCookie(deps, cookieJar(deps, req, res), token, expiresAt);
        res.redirect(303, safeReturnTo(typeof body.returnTo === "string" ? body.returnTo : "/"));
      } catch (error) {
        if (!(error instanceof TRPCError)) throw error;
        const described = describeError(error);
        const status = error.code === "TOO_MANY_REQUESTS" ? 429 : error.code === "UNAUTHORIZED" ? 401 : error.code === "SERVICE_UNAVAILABLE" ? 503 : 400;
        fail(req, res, status, described.refusal?.code ?? error.code, described.message);
      }
    }),
  );

  routes.post(
    "/auth/logout",
    asyncHandler(async (req, res) => {
      const principal = locals(res).principal;
      if (principal?.kind === "staff" && principal.sessionId) await endSession(deps, principal.sessionId);
      cookieJar(deps, req, res).clear(deps.config.secureCookies ? "__Host-cm_session" : "cm_session");
      if (wantsHtml(req)) res.redirect(303, "/");
      else res.json({ signedOut: true });
    }),
  );

  routes.get(
    "/auth/oidc/start",
    asyncHandler(async (req, res) => {
      if (!deps.oidc) return fail(req, res, 404, "NOT_FOUND", "Single sign-on is not set up here");
      const { url, pending } = await deps.oidc.start(typeof req.query.returnTo === "string" ? req.query.returnTo : "/");
      res.cookie(OIDC_COOKIE, Buffer.from(JSON.stringify(pending)).toString("base64url"), {
        httpOnly: true,
        sameSite: "lax",
        secure: deps.config.secureCookies,
        path: "/auth/oidc",
        maxAge: 10 * 60_000,
      });
      res.redirect(302, url.href);
    }),
  );

  routes.get(
    "/auth/oidc/callback",
    asyncHandler(async (req, res) => {
      if (!deps.oidc) return fail(req, res, 404, "NOT_FOUND", "Single sign-on is not set up here");
      const raw = locals(res).cookies[OIDC_COOKIE];
      res.clearCookie(OIDC_COOKIE, { path: "/auth/oidc" });
      let pending: OidcPending;
      try {
        pending = JSON.parse(Buffer.from(raw ?? "", "base64url").toString("utf8")) as OidcPending;
        if (typeof pending.state !== "string" || typeof pending.codeVerifier !== "string" || typeof pending.nonce !== "string") throw new Error("incomplete");
      } catch {
        return fail(req, res, 400, "OIDC", "The sign-in took too long or was started in another browser; start again");
      }
      try {
        const identity = await deps.oidc.finish(new URL(req.originalUrl, deps.config.publicUrl), pending);
        const staff = await staffForIdentity({ db: deps.database.db, councils: deps.councils }, identity, deps.clock.now());
        const session = await startSession(deps, staff, requestInfo(req, res));
        setSessionCookie(deps, cookieJar(deps, req, res), session.token, session.expiresAt);
        deps.log.info("signed in", { staffId: staff.id, method: "oidc" });
        res.redirect(303, safeReturnTo(pending.returnTo));
      } catch (error) {
        if (!(error instanceof OidcError)) throw error;
        deps.log.warn("sso sign-in refused", { reason: error.message });
        fail(req, res, 401, "OIDC", error.message);
      }
    }),
  );
  return routes;
}
