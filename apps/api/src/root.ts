/**
 * The API: one router per domain (style.md §4.9). Clients import `type AppRouter` only.
 */
import { createCallerFactory, router } from "./trpc.js";
import { healthRouter } from "./routers/health.js";
import { authRouter } from "./routers/auth.js";

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, the portal's server-side loaders). */
export const createCaller = createCallerFactory(appRouter);
