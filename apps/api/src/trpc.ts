/**
 * tRPC is initialised here and only here (decision 0301). We export only what the routers
 * use: `router`, the procedure builders and `createCallerFactory`.
 *
 * Errors: a zod failure is a 400 with field messages; a domain error is a 4xx with its code
 * and plain message; anything unexpected is a logged 500 that says nothing of the internals.
 * No stack trace ever reaches a client.
 */
import { initTRPC, TRPCError } from "@trpc/server";
import { z } from "zod";
import type { OpenApiMeta } from "trpc-to-openapi";
import type { Context } from "./context.js";
import { isDatabaseUnavailable } from "@complaints/db";
import { apiErrorOf, databaseUnavailable, describeError, noAccess, notSignedIn, passwordChangeRequired, type ErrorData } from "./errors.js";
import { hasRole, type ApiKeyPrincipal, type ApiKeyScope, type StaffPrincipal } from "./access/principal.js";
import type { StaffRole } from "./access/policy.js";

const t = initTRPC
  .context<Context>()
  .meta<OpenApiMeta>()
  .create({
    isDev: false,
    errorFormatter({ shape, error, path }) {
      const { message, fieldErrors, refusal } = describeError(error);
      const data: ErrorData = {
        code: shape.data.code,
        httpStatus: shape.data.httpStatus,
        path: path ?? null,
        fieldErrors,
        refusal,
      };
      return { message, code: shape.code, data };
    },
  });

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;

/**
 * Where the input holds a character PostgreSQL cannot store (NUL, or half of a surrogate
 * pair): the path to it, or null.
 */
export function unstorable(value: unknown, path: Array<string | number> = [], depth = 0): Array<string | number> | null {
  if (typeof value === "string") return /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value) ? path : null;
  if (depth > 20 || value === null || typeof value !== "object") return null;
  for (const [key, inner] of Object.entries(value)) {
    if (/\u0000|[\ud800-\udfff]/.test(key)) return [...path, key];
    const found = unstorable(inner, [...path, Array.isArray(value) ? Number(key) : key], depth + 1);
    if (found) return found;
  }
  return null;
}

/** Faults already logged by the middleware, so the HTTP adapter's onError does not log them twice (server.ts). */
export const faultsLogged = new WeakSet<Error>();

/**
 * Every procedure: input with characters that cannot be stored is a 400 on that field; a
 * domain error thrown from deep inside reads as its code's status (errors.ts, apiErrorOf); a
 * fault of the program is logged here, once, and answered with a 500 that says nothing of it.
 */
const base = t.procedure.use(async ({ ctx, type, path, getRawInput, next }) => {
  // A change makes what this caller read before stale (context.ts, caseReads).
  if (type !== "query") ctx.caseReads?.clear();
  const bad = unstorable(await getRawInput().catch(() => undefined));
  if (bad) {
    // Made by a parse, not `new z.ZodError(…)`: zod 4 builds that one without Error's prototype,
    // so tRPC wrapped it and the client got the issues' raw JSON instead of a field message.
    const { error } = z
      .unknown()
      .superRefine((_value, check) => check.addIssue({ code: "custom", path: bad, message: "Remove the invisible control or broken characters from this answer: they cannot be stored" }))
      .safeParse(null);
    throw new TRPCError({ code: "BAD_REQUEST", message: "The request is not valid", cause: error });
  }
  const result = await next();
  if (type !== "query") ctx.caseReads?.clear();
  if (result.ok) return result;
  const known = apiErrorOf(result.error);
  if (known && known !== result.error) throw known;
  if (result.error.code === "INTERNAL_SERVER_ERROR") {
    if (isDatabaseUnavailable(result.error.cause)) {
      ctx.deps.log.warn("database unavailable", { error: result.error.cause });
      throw databaseUnavailable();
    }
    ctx.deps.log.error("request failed", { path, error: result.error.cause ?? result.error });
    faultsLogged.add(result.error);
  }
  return result;
});

export const publicProcedure = base;

/**
 * Signed-in staff, even one whose password an administrator set and who has not yet chosen
 * their own. Only for reading one's own session, signing out and changing the password.
 */
export const staffSessionProcedure = base.use(({ ctx, next }) => {
  if (ctx.principal?.kind !== "staff") throw notSignedIn();
  return next({ ctx: { ...ctx, staff: ctx.principal as StaffPrincipal } });
});

/**
 * Signed-in staff. `ctx.staff` is the caller. A temporary password (set by an administrator)
 * is refused here, for every procedure at once, until its holder chooses their own (issue 20).
 */
export const staffProcedure = staffSessionProcedure.use(({ ctx, next }) => {
  if (ctx.staff.passwordMustChange) throw passwordChangeRequired();
  return next();
});

/** Staff holding at least one of the roles, in any directorate. */
export function roleProcedure(roles: ReadonlySet<StaffRole>, what: string) {
  return staffProcedure.use(({ ctx, next }) => {
    if (!hasRole(ctx.staff, roles)) throw noAccess(`Your role cannot ${what}`);
    return next();
  });
}

/** Integrations calling with an API key that has the scope. `ctx.apiKey` is the key. */
export function apiKeyProcedure(scope: ApiKeyScope) {
  return base.use(({ ctx, next }) => {
    if (ctx.principal?.kind !== "api-key") throw notSignedIn("Send an API key: Authorization: Bearer <key>");
    const key = ctx.principal as ApiKeyPrincipal;
    if (!key.scopes.includes(scope)) throw noAccess(`This API key does not have the "${scope}" scope`);
    return next({ ctx: { ...ctx, apiKey: key } });
  });
}
