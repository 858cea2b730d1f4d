/**
 * The Remix portal as one express handler, to be mounted as the API app's catch-all
 * (`createApp(deps, { portal })`): the built client assets, a Content-Security-Policy with a
 * nonce for Remix's inline scripts, and the Remix request handler whose load context carries
 * the tRPC caller of the signed-in staff member.
 */
import { randomBytes } from "node:crypto";
import path from "node:path";
import express, { type Request, type Response, type Router } from "express";
import { createRequestHandler } from "@remix-run/express";
import { data, type AppLoadContext, type ServerBuild } from "@remix-run/node";
import { createCaller, requestContext, type AppDeps } from "@complaints/api";
import type { PortalContext } from "./context.js";

export interface PortalOptions {
  deps: AppDeps;
  /** The Remix server build (build/server/index.js), or a function returning it (dev). */
  build: ServerBuild | (() => Promise<ServerBuild>);
  /** build/client: hashed assets under /assets, served with a year's caching. */
  clientDir: string;
  mode?: "production" | "development";
}

interface ApiLocals {
  csrfToken?: string;
  cspNonce?: string;
}

const SESSION_COOKIES = ["cm_session", "__Host-cm_session"];

/**
 * The API's NOT_SET_UP (no council for this address: apps/api/src/hosting.ts) as the 503 page
 * every loader and action shows, whichever procedure met it first: the one place the portal
 * turns it into a page (root.tsx's ErrorBoundary reads `{ code, message, reason }`).
 */
function notSetUpAsPage(error: unknown): unknown {
  const refusal = (error as { cause?: { refusal?: { code?: string; message?: string; reason?: string } } } | null)?.cause?.refusal;
  if (refusal?.code !== "NOT_SET_UP") return error;
  return data({ code: "NOT_SET_UP", message: refusal.message ?? "", reason: refusal.reason ?? null }, { status: 503, headers: { "Retry-After": "3600" } });
}

/** The tRPC caller, every call of which answers NOT_SET_UP as the 503 page. */
function withNotSetUpPage<T extends object>(target: T): T {
  return new Proxy(target, {
    get: (t, property) => {
      const value: unknown = Reflect.get(t, property);
      return (typeof value === "function" || (typeof value === "object" && value !== null)) && typeof property === "string" ? withNotSetUpPage(value) : value;
    },
    apply: (t, self, args) => {
      const result: unknown = Reflect.apply(t as (...a: unknown[]) => unknown, self, args);
      return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(notSetUpAsPage(error))) : result;
    },
  });
}

/** The page CSP: helmet's defaults, with scripts allowed only from here or with this response's nonce. */
export function contentSecurityPolicy(nonce: string, formActions: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "base-uri 'self'",
    "font-src 'self' data:",
    `form-action 'self'${formActions.map((a) => ` ${a}`).join("")}`,
    "frame-ancestors 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    `script-src 'self' 'nonce-${nonce}'`,
    "script-src-attr 'none'",
    "style-src 'self' 'unsafe-inline'",
    "connect-src 'self'",
  ].join(";");
}

export function portalHandler(options: PortalOptions): Router {
  const { deps } = options;
  const router = express.Router();
  const ssoOrigin = deps.oidc ? [new URL(deps.oidc.settings.issuer).origin] : [];

  router.use(
    "/assets",
    express.static(path.join(options.clientDir, "assets"), { immutable: true, maxAge: "1y", index: false, fallthrough: false }),
  );
  router.use(express.static(options.clientDir, { maxAge: "1h", index: false }));
  // Browsers ask for it whatever the page says; answering "no content" keeps logs quiet.
  router.get("/favicon.ico", (_req, res) => {
    res.status(204).end();
  });

  // The public forms take small bodies (PUBLIC_MAX_BODY_KB): a larger post is refused with
  // 413 before Remix reads it. Node reads no more than Content-Length, so checking it is enough.
  const publicMax = deps.config.publicForms.maxBodyBytes;
  router.use(["/complain", "/track", "/escalate"], (req, res, next) => {
    if (req.method !== "POST" || Number(req.headers["content-length"] ?? 0) <= publicMax) return next();
    res.status(413).type("html").send(
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>What you sent is too long</title><link rel="icon" href="data:,"></head><body><main><h1>What you sent is too long</h1><p>We can accept up to ${Math.floor(publicMax / 1024)} KB from this form. Go back, shorten what you wrote, and send it again. If you need to send us more, phone us.</p></main></body></html>`,
    );
  });

  // With JavaScript, Remix posts a form with fetch to "<path>.data". A form the user must
  // correct is answered 200 by failure() (forms.server.ts) with its real status in
  // X-Form-Status; any other 4xx to such a fetch is answered the same way here, because
  // browsers log every 4xx fetch as a console error (docs/decisions/0501-portal-forms.md).
  router.use((req, res, next) => {
    if (req.method === "POST" && req.path.endsWith(".data")) {
      const status = res.status.bind(res);
      res.status = (code: number) => {
        if (code >= 400 && code < 500) {
          res.setHeader("X-Form-Status", String(code));
          return status(200);
        }
        return status(code);
      };
    }
    next();
  });

  router.use((_req, res, next) => {
    const nonce = randomBytes(16).toString("base64");
    (res.locals as ApiLocals).cspNonce = nonce;
    res.setHeader("Content-Security-Policy", contentSecurityPolicy(nonce, ssoOrigin));
    // helmet's "no-referrer" makes Chromium send "Origin: null" on form posts, which the API's
    // CSRF origin check (rightly) refuses: same-origin keeps the origin on our own posts and
    // still sends nothing to other sites.
    res.setHeader("Referrer-Policy", "same-origin");
    next();
  });

  const getLoadContext = (req: Request, res: Response): AppLoadContext => {
    const locals = res.locals as ApiLocals;
    const context = requestContext(deps, req, res, { oneRequest: true });
    const { principal } = context;
    const portal: PortalContext = {
      api: withNotSetUpPage(createCaller(context)),
      principal,
      sessionEnded: principal === null && SESSION_COOKIES.some((name) => Boolean(context.cookies.get(name))),
      csrfToken: locals.csrfToken ?? "",
      nonce: locals.cspNonce ?? "",
      ip: context.request.ip,
      deps,
    };
    return portal;
  };

  router.all("/{*splat}", createRequestHandler({ build: options.build, mode: options.mode ?? "production", getLoadContext }));
  return router;
}
