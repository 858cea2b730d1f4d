/**
 * Express glue: cookies, who is calling (session cookie or API key), CSRF protection and the
 * express end of the tRPC context.
 */
import { timingSafeEqual, randomBytes } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import { parse as parseCookies } from "cookie";
import type { CreateExpressContextOptions } from "@trpc/server/adapters/express";
import { authRepository } from "@complaints/db";
import { createContextInner, type AppDeps, type Context, type CookieJar, type RequestInfo } from "../context.js";
import { principalFromSession, sessionCookieName, sha256hex } from "../auth/sessions.js";
import { API_KEY_SCOPES, type ApiKeyPrincipal, type ApiKeyScope, type Principal } from "../access/principal.js";
import { COUNCIL_COOKIE, councilOfHost } from "../hosting.js";

export const CSRF_COOKIE = "cm_csrf";
export const CSRF_HEADER = "x-csrf-token";
export const CSRF_FIELD = "_csrf";

interface Locals {
  cookies: Record<string, string | undefined>;
  principal: Principal | null;
  csrfToken: string;
  /** Set by the `/c/<slug>/` prefix (hosting.ts, councilPrefix). */
  councilSlug?: string;
}

export function locals(res: Response): Locals {
  return res.locals as Locals;
}

export function cookieJar(deps: AppDeps, req: Request, res: Response): CookieJar {
  const cookies = locals(res).cookies ?? parseCookies(req.headers.cookie ?? "");
  return {
    get: (name) => cookies[name],
    set: (name, value, options) => {
      cookies[name] = value;
      res.cookie(name, value, {
        httpOnly: options.httpOnly,
        sameSite: "lax",
        secure: deps.config.secureCookies,
        path: "/",
        ...(options.maxAgeSeconds !== undefined ? { maxAge: options.maxAgeSeconds * 1000 } : {}),
      });
    },
    clear: (name) => {
      delete cookies[name];
      res.clearCookie(name, { path: "/", sameSite: "lax", secure: deps.config.secureCookies, httpOnly: true });
    },
  };
}

export function jsonError(res: Response, status: number, code: string, message: string): void {
  res.status(status).json({ error: { code, message } });
}

/** Parses cookies once per request. */
export const readCookies: RequestHandler = (req, res, next) => {
  locals(res).cookies = parseCookies(req.headers.cookie ?? "");
  next();
};

/** API keys read `cmk_<prefix>_<secret>`; the database keeps the SHA-256 of the whole key. */
export const API_KEY_PATTERN = /^cmk_([a-z0-9]{8})_([A-Za-z0-9_-]{32,})$/;

async function apiKeyPrincipal(deps: AppDeps, key: string): Promise<ApiKeyPrincipal | null> {
  if (!API_KEY_PATTERN.test(key)) return null;
  const now = deps.clock.now();
  const record = await authRepository.findLiveApiKey(deps.database.db, sha256hex(key), now);
  if (!record) return null;
  await authRepository.touchApiKey(deps.database.db, record.id, now);
  return {
    kind: "api-key",
    id: record.id,
    councilId: record.councilId,
    name: record.name,
    directorateIds: record.scopes.filter((s) => s.startsWith("directorate:")).map((s) => s.slice("directorate:".length)),
    scopes: record.scopes.filter((s): s is ApiKeyScope => (API_KEY_SCOPES as readonly string[]).includes(s)),
  };
}

/** Works out who is calling: an API key (Authorization: Bearer) or a staff session cookie. */
export function resolvePrincipal(deps: AppDeps): RequestHandler {
  return async (req, res, next) => {
    try {
      const l = locals(res);
      l.principal = null;
      const authorization = req.headers.authorization;
      if (authorization) {
        const match = /^Bearer\s+(\S+)$/i.exec(authorization);
        const principal = match ? await apiKeyPrincipal(deps, match[1]!) : null;
        if (!principal) return jsonError(res, 401, "NOT_SIGNED_IN", "The API key is not valid, has expired or has been revoked");
        const host = await councilOfHost(deps, req.hostname);
        if (host && host.id !== principal.councilId) {
          return jsonError(res, 401, "NOT_SIGNED_IN", `This address is ${host.name}'s, and the API key belongs to another council: use that council's own address`);
        }
        l.principal = principal;
        return next();
      }
      const token = l.cookies[sessionCookieName(deps.config.secureCookies)];
      const principal = token ? await principalFromSession(deps, token) : null;
      // A council's address serves its own staff only (docs/decisions/0316-council-by-host.md):
      // another council's session is not signed in here.
      const host = principal ? await councilOfHost(deps, req.hostname) : undefined;
      l.principal = host && principal && host.id !== principal.councilId ? null : principal;
      next();
    } catch (error) {
      next(error);
    }
  };
}

function sameToken(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * CSRF protection (docs/decisions/0303-staff-authentication.md), in two parts:
 *
 * 1. `csrfOrigin` (every route): gives each browser a random token in the `cm_csrf` cookie,
 *    and refuses a request that changes something when the browser says it comes from another
 *    site (Origin, else Referer).
 * 2. `requireCsrfToken` (the API's own routes: /trpc, /auth): the request must also send the
 *    token back, in the `x-csrf-token` header (scripts) or a `_csrf` form field (form posts).
 *    The portal checks the `_csrf` field of its own forms with `csrfTokenMatches`.
 *
 * Requests signed with an API key carry no ambient credentials and are exempt. Session
 * cookies are SameSite=Lax on top.
 */
export function csrfOrigin(deps: AppDeps): RequestHandler {
  const ownOrigin = new URL(deps.config.publicUrl).origin;
  return (req, res, next) => {
    const l = locals(res);
    const fromBrowser = l.cookies[CSRF_COOKIE];
    if (fromBrowser && /^[A-Za-z0-9_-]{32,64}$/.test(fromBrowser)) {
      l.csrfToken = fromBrowser;
    } else {
      delete l.cookies[CSRF_COOKIE];
      l.csrfToken = randomBytes(24).toString("base64url");
      res.cookie(CSRF_COOKIE, l.csrfToken, { httpOnly: false, sameSite: "lax", secure: deps.config.secureCookies, path: "/" });
    }
    if (isSafe(req) || req.headers.authorization) return next();
    const from = req.headers.origin ?? refererOrigin(req.headers.referer);
    if (from && from !== ownOrigin && from !== `${req.protocol}://${req.headers.host}`) {
      return jsonError(res, 403, "CSRF", "This request came from another site and was refused");
    }
    next();
  };
}

/** The token check for the API's own routes (after any form body has been parsed). */
export const requireCsrfToken: RequestHandler = (req, res, next) => {
  if (isSafe(req) || req.headers.authorization) return next();
  if (!csrfTokenMatches(req, res)) {
    return jsonError(res, 403, "CSRF", "The form has expired or did not come from this site; reload the page and try again");
  }
  next();
};

/** Whether the request sent back the token in its browser's `cm_csrf` cookie. */
export function csrfTokenMatches(req: Request, res: Response): boolean {
  const header = req.headers[CSRF_HEADER];
  const field = (req.body as Record<string, unknown> | undefined)?.[CSRF_FIELD];
  const sent = typeof header === "string" ? header : typeof field === "string" ? field : undefined;
  return sameToken(sent, locals(res).cookies[CSRF_COOKIE]);
}

function isSafe(req: Request): boolean {
  return req.method === "GET" || req.method === "HEAD" || req.method === "OPTIONS";
}

function refererOrigin(referer: string | undefined): string | undefined {
  if (!referer) return undefined;
  try {
    return new URL(referer).origin;
  } catch {
    return "invalid";
  }
}

/** Where the request comes from, and what in its address may choose the council (hosting.ts). */
export function requestInfo(req: Request, res: Response): RequestInfo {
  const l = locals(res);
  const remembered = l.cookies?.[COUNCIL_COOKIE];
  return {
    ip: req.ip ?? null,
    userAgent: req.headers["user-agent"] ?? null,
    host: req.hostname || null,
    councilSlug: l.councilSlug ?? (remembered && /^[a-z0-9-]{1,100}$/.test(remembered) ? remembered : null),
  };
}

/**
 * The context of one HTTP request: who is calling (set by the session and API-key middleware),
 * where from, and its cookies. tRPC, the file routes and the portal's pages all start here.
 */
export function requestContext(deps: AppDeps, req: Request, res: Response, options: { oneRequest?: boolean } = {}): Context {
  return createContextInner({
    deps,
    principal: locals(res).principal ?? null,
    request: requestInfo(req, res),
    cookies: cookieJar(deps, req, res),
    ...options,
  });
}

/** The express end of the tRPC context. */
export function expressContext(deps: AppDeps) {
  return ({ req, res }: CreateExpressContextOptions): Context => requestContext(deps, req, res, { oneRequest: true });
}

/** RFC 9530: the SHA-256 of the bytes served, so a client can check them. */
function reprDigest(sha256Hex: string): string {
  return `sha-256=:${Buffer.from(sha256Hex, "hex").toString("base64")}:`;
}

/** Starts a file download: personal data, so kept by no cache, shared or the browser's. */
export function fileHeaders(res: Response, contentType: string, disposition: string): void {
  res.status(200);
  res.setHeader("Content-Type", contentType);
  res.setHeader("Content-Disposition", disposition);
  res.setHeader("Cache-Control", "private, no-store");
}

/** Sends a stored file's bytes exactly as stored, with the hash they were stored under. */
export function sendStored(res: Response, bytes: Uint8Array, sha256Hex: string): void {
  res.setHeader("Content-Length", String(bytes.byteLength));
  res.setHeader("ETag", `"${sha256Hex}"`);
  res.setHeader("Repr-Digest", reprDigest(sha256Hex));
  res.end(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

export type Handler = (req: Request, res: Response, next: NextFunction) => Promise<void>;

/** Passes a rejected promise to express's error handler. */
export function asyncHandler(handler: Handler): RequestHandler {
  return (req, res, next) => {
    handler(req, res, next).catch(next);
  };
}
