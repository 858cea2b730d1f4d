/**
 * The API: one router per domain (decision 0301). Clients import `type AppRouter` only.
 */
import { createCallerFactory, router } from "./trpc.js";
import { healthRouter } from "./routers/health.js";
import { authRouter } from "./routers/auth.js";
import { casesRouter } from "./routers/cases.js";
import { commandRouter } from "./routers/commands.js";
import { queuesRouter } from "./routers/queues.js";
import { searchRouter } from "./routers/search.js";
import { customersRouter } from "./routers/customers.js";
import { notificationsRouter } from "./routers/notifications.js";
import { correspondenceRouter } from "./routers/correspondence.js";
import { adminRouter } from "./routers/admin.js";
import { integrationRouter } from "./routers/integration.js";
import { lettersRouter } from "./routers/letters.js";
import { attachmentsRouter } from "./routers/attachments.js";
import { ombudsmanRouter } from "./routers/ombudsman.js";
import { publicRouter } from "./routers/public.js";
import { reportsRouter } from "./routers/reports.js";
import { improvementRouter } from "./routers/improvement.js";
import { resolutionPlansRouter } from "./routers/resolution-plans.js";
import { qualityRouter } from "./routers/quality.js";
import { equalityRouter } from "./routers/equality.js";
import { satisfactionRouter } from "./routers/satisfaction.js";
import { auditRouter } from "./routers/audit.js";
import { inboundRouter } from "./routers/inbound.js";
import { caseLinksRouter } from "./routers/case-links.js";

export const appRouter = router({
  health: healthRouter,
  auth: authRouter,
  cases: casesRouter,
  command: commandRouter,
  queues: queuesRouter,
  search: searchRouter,
  customers: customersRouter,
  notifications: notificationsRouter,
  correspondence: correspondenceRouter,
  admin: adminRouter,
  audit: auditRouter,
  integration: integrationRouter,
  letters: lettersRouter,
  attachments: attachmentsRouter,
  ombudsman: ombudsmanRouter,
  public: publicRouter,
  reports: reportsRouter,
  improvement: improvementRouter,
  resolutionPlans: resolutionPlansRouter,
  quality: qualityRouter,
  equality: equalityRouter,
  satisfaction: satisfactionRouter,
  inbound: inboundRouter,
  caseLinks: caseLinksRouter,
});

export type AppRouter = typeof appRouter;

/** Calls procedures in-process (tests, the portal's server-side loaders). */
export const createCaller = createCallerFactory(appRouter);
