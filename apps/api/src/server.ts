/**
 * The HTTP server: express 5 with secure headers (helmet), cookies, CSRF protection, login
 * rate limits, tRPC at /trpc, the OpenAPI (REST/JSON) surface for integrations at /api,
 * health at /healthz and /readyz, and a slot for the Remix portal as the catch-all.
 */
import express, { type ErrorRequestHandler, type Express, type RequestHandler } from "express";
import helmet from "helmet";
import type { TRPCError } from "@trpc/server";
import { getHTTPStatusCodeFromError } from "@trpc/server/http";
import { createExpressMiddleware } from "@trpc/server/adapters/express";
import { createOpenApiExpressMiddleware, generateOpenApiDocument } from "trpc-to-openapi";
import type { AppDeps } from "./context.js";
import { appRouter } from "./root.js";
import { readiness } from "./services/health.js";
import { authRoutes } from "./http/auth-routes.js";
import { letterRoutes } from "./http/letter-routes.js";
import { attachmentRoutes } from "./http/attachment-routes.js";
import { reportRoutes } from "./http/report-routes.js";
import { csrfOrigin, expressContext, jsonError, readCookies, requireCsrfToken, resolvePrincipal } from "./http/middleware.js";
import { isDatabaseUnavailable } from "@complaints/db";
import { ApiProblem, apiErrorOf, databaseUnavailable, describeError, INTERNAL_MESSAGE } from "./errors.js";
import { faultsLogged } from "./trpc.js";
import { councilPrefix } from "./hosting.js";

export interface AppOptions {
  /** The Remix portal's request handler, mounted as the catch-all once it exists. */
  portal?: RequestHandler;
}

export const API_VERSION = "0.1.0";

export function openApiDocument(deps: AppDeps) {
  return generateOpenApiDocument(appRouter, {
    title: "Complaints platform API",
    description:
      "For integrations (a council's web forms, CRM): create cases and read their status. Authenticate with an API key scoped to a directorate: `Authorization: Bearer cmk_…`. Errors are JSON with a plain-English `message`, a `code`, and `data.fieldErrors` for invalid input or `data.refusal` when a rule refused the request.",
    version: API_VERSION,
    baseUrl: `${deps.config.publicUrl}/api`,
    securitySchemes: { apiKey: { type: "http", scheme: "bearer", description: "An API key created by an administrator (cmk_…)" } },
  });
}

/**
 * The public procedures take far smaller bodies than staff ones (PUBLIC_MAX_BODY_KB): a larger
 * one is refused with 413 before it is read. Node reads no more than Content-Length; a body
 * sent without one is still capped by tRPC's own limit.
 */
export function publicBodyLimit(deps: AppDeps): RequestHandler {
  const max = deps.config.publicForms.maxBodyBytes;
  return (req, res, next) => {
    const paths = decodeURIComponent(req.path.replace(/^\//, "")).split(",");
    if (!paths.some((p) => p.startsWith("public."))) return next();
    if (Number(req.headers["content-length"] ?? 0) > max) {
      return jsonError(res, 413, "PAYLOAD_TOO_LARGE", `The request is too large: the public forms accept up to ${Math.floor(max / 1024)} KB. Shorten what you wrote and send it again.`);
    }
    next();
  };
}

/**
 * A path whose percent-encoding is broken (`/trpc/%E0%A4%A`) cannot name anything: 400, said
 * plainly, instead of a URIError deep inside a handler (a 500 with a stack trace in the log).
 */
export const wellFormedPath: RequestHandler = (req, res, next) => {
  try {
    decodeURIComponent(req.path);
  } catch {
    return jsonError(res, 400, "BAD_REQUEST", "The address is not valid: it has a broken %-encoding. Check the link and try again");
  }
  next();
};

export function createApp(deps: AppDeps, options: AppOptions = {}): Express {
  const app = express();
  app.disable("x-powered-by");
  if (deps.config.trustProxy > 0) app.set("trust proxy", deps.config.trustProxy);
  app.use(
    helmet({
      contentSecurityPolicy: { directives: { "form-action": ["'self'", ...(deps.oidc ? [new URL(deps.oidc.settings.issuer).origin] : [])] } },
      strictTransportSecurity: deps.config.secureCookies,
    }),
  );
  // `/c/<slug>/…` first: it chooses the council and may rewrite the path the rest sees (hosting.ts).
  app.use(wellFormedPath, councilPrefix(deps), readCookies, csrfOrigin(deps), resolvePrincipal(deps));

  app.get("/healthz", (_req, res) => {
    res.json({ ok: true });
  });
  app.get("/readyz", (_req, res, next) => {
    readiness(deps)
      .then((r) => res.status(r.ready ? 200 : 503).json(r))
      .catch(next);
  });

  // Sign-in limits (per address, per account across councils) are applied by sign-in itself,
  // whatever the path looked like: auth/lockout.ts.
  app.use(authRoutes(deps));

  // Faults inside a procedure are logged by its middleware (trpc.ts); these are the rest.
  const onError = ({ error, path }: { error: TRPCError; path?: string | undefined }) => {
    if (error.code === "INTERNAL_SERVER_ERROR" && !faultsLogged.has(error)) deps.log.error("request failed", { path, error: error.cause ?? error });
  };
  // A refusal that says when to come back (rate limits) says it in Retry-After too.
  const retryAfter = (errors: ReadonlyArray<{ cause?: unknown }>) =>
    errors.map((e) => (e.cause instanceof ApiProblem ? e.cause.refusal.retryAfterSeconds : undefined)).find((s) => s !== undefined);
  const responseMeta = ({ errors }: { errors: ReadonlyArray<{ cause?: unknown }> }) => {
    const seconds = retryAfter(errors);
    return seconds !== undefined ? { headers: new Headers({ "Retry-After": String(seconds) }) } : {};
  };
  // trpc-to-openapi copies headers with Object.entries: it needs a plain object.
  const openApiResponseMeta = ({ errors }: { errors: ReadonlyArray<{ cause?: unknown }> }) => {
    const seconds = retryAfter(errors);
    return seconds !== undefined ? { headers: { "Retry-After": String(seconds) } } : {};
  };
  app.use(
    "/trpc",
    publicBodyLimit(deps),
    requireCsrfToken,
    createExpressMiddleware({ router: appRouter, createContext: expressContext(deps), onError, maxBodySize: 2_000_000, responseMeta }),
  );

  // Letter and print batch downloads (PDF, CSV): staff sessions, the procedures' access rules.
  app.use(letterRoutes(deps));
  // Files on a case: multipart upload (size-bounded, CSRF-checked) and checked downloads.
  app.use(attachmentRoutes(deps));
  // Report downloads (CSV): staff sessions, the report procedures' access rules.
  app.use(reportRoutes(deps));

  const document = openApiDocument(deps);
  app.get("/api/openapi.json", (_req, res) => {
    res.json(document);
  });
  // Only API keys act here (no procedure on this surface accepts a session), so there is no
  // ambient credential to forge and no CSRF token to ask for.
  app.use("/api", createOpenApiExpressMiddleware({ router: appRouter, createContext: expressContext(deps), onError, responseMeta: openApiResponseMeta, maxBodySize: 2_000_000 }));

  // The Remix portal will be mounted here; until then, a plain not-found.
  app.all(
    "/{*splat}",
    options.portal ??
      ((req, res) => {
        jsonError(res, 404, "NOT_FOUND", `Nothing is at ${req.method} ${req.path}`);
      }),
  );

  // The HTTP routes (downloads, uploads, sign-in) answer their errors here, translated as the
  // procedures' are (errors.ts, apiErrorOf).
  const errorHandler: ErrorRequestHandler = (error, req, res, _next) => {
    const known = apiErrorOf(error);
    if (known && known.code !== "INTERNAL_SERVER_ERROR") {
      if (res.headersSent) return;
      const { message, refusal } = describeError(known);
      if (refusal?.retryAfterSeconds !== undefined) res.setHeader("Retry-After", String(refusal.retryAfterSeconds));
      jsonError(res, getHTTPStatusCodeFromError(known), refusal?.code ?? known.code, message);
      return;
    }
    if (isDatabaseUnavailable(error)) {
      deps.log.warn("database unavailable", { path: req.path, error });
      if (res.headersSent) return;
      const unavailable = databaseUnavailable();
      res.setHeader("Retry-After", "30");
      jsonError(res, 503, "SERVICE_UNAVAILABLE", unavailable.message);
      return;
    }
    const status = typeof (error as { status?: unknown }).status === "number" ? (error as { status: number }).status : 500;
    if (status >= 500) deps.log.error("request failed", { path: req.path, error });
    if (res.headersSent) return;
    jsonError(res, status >= 500 ? 500 : status, status >= 500 ? "INTERNAL_SERVER_ERROR" : "BAD_REQUEST", status >= 500 ? INTERNAL_MESSAGE : "The request could not be read");
  };
  app.use(errorHandler);
  return app;
}
