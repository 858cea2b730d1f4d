/**
 * @complaints/api — the tRPC API on express. The portal imports `type AppRouter`, and for
 * server-side rendering `createCaller` with `createContextInner`.
 */
export { appRouter, createCaller, type AppRouter } from "./root.js";
export { createContextInner, MemoryCookieJar, type AppDeps, type Context, type CookieJar } from "./context.js";
export { createApp, openApiDocument, type AppOptions } from "./server.js";
export { createDeps, systemClock, type DepsOptions } from "./deps.js";
export { configFromEnv, defaultConfig, envWithArguments, type ApiConfig } from "./config.js";
export { csrfTokenMatches, requestContext, CSRF_COOKIE, CSRF_FIELD, CSRF_HEADER } from "./http/middleware.js";
export type { Principal, StaffPrincipal, ApiKeyPrincipal } from "./access/principal.js";
export { CENTRAL_ROLES } from "./access/policy.js";
export { IMPORT_MAX_BYTES } from "./services/staff-import.js";
export { API_KEY_SCOPES } from "./access/principal.js";
export { closeOnSignal, startServer, openDatabase, type Started } from "./start.js";
export { seedDemo, demoLogins, DEMO_PASSWORD, DEMO_COUNCIL_SLUG, type SeedReport, type DemoLogin } from "./seed/demo.js";
export { startJobs, type JobRunner } from "./jobs/runner.js";
export { installCouncil, addStaff, type InstalledCouncil, type StaffSpec } from "./seed/council.js";
