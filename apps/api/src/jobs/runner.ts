/**
 * Background jobs (docs/decisions/0305-jobs-and-notifications.md).
 *
 * - On PostgreSQL: pg-boss. The sweep and the outbox delivery are cron schedules; pg-boss
 *   makes one job per tick however many API processes run, and the "stately" queue policy
 *   keeps at most one queued and one running. The handlers are idempotent on top (dedupe
 *   keys; SKIP LOCKED leases), so even a job run twice notifies once.
 * - On the embedded database (PGlite, one process by definition): the same handlers on
 *   timers in this process.
 */
import PgBoss from "pg-boss";
import type { AppDeps } from "../context.js";
import { sweep, type SweepReport } from "./sweep.js";
import type { DeliveryReport } from "../notifications/notifier.js";
import { verifyAuditLogJob } from "../services/audit.js";
import { bouncesToOutbox, pollMailbox, type InboundReport } from "../services/inbound-mail.js";
import { finishStepLetters } from "../services/letters.js";

export const JOBS = {
  sweep: "complaints-sweep",
  deliver: "complaints-deliver",
  /** What became of messages GOV.UK Notify accepted (delivered, or failed: to the work queue). */
  deliveryStatus: "complaints-delivery-status",
  auditVerify: "complaints-audit-verify",
  /** The inbound mailbox: replies and new complaints by email (docs/decisions/0323-inbound-mail.md). */
  inbound: "complaints-inbound",
} as const;
export type JobName = keyof typeof JOBS;

export interface JobRunner {
  readonly kind: "pg-boss" | "in-process";
  describe(): string;
  /** Runs a job now (through the queue on PostgreSQL) and waits for it to finish. */
  runNow(job: JobName): Promise<void>;
  stop(): Promise<void>;
}

export interface JobHandlers {
  sweep(): Promise<SweepReport>;
  deliver(): Promise<DeliveryReport>;
  deliveryStatus(): Promise<unknown>;
  /** Verifies every chain of the audit log; a broken one alerts the council's administrators. */
  auditVerify(): Promise<unknown>;
  /** Reads the inbound mailbox (IMAP_URL), when there is one (services/inbound-mail.ts). */
  inbound(): Promise<InboundReport | null>;
}

export function handlersFor(deps: AppDeps): JobHandlers {
  return {
    sweep: async () => {
      const report = await sweep(deps);
      if (report.queued) deps.log.info("sweep queued notifications", { queued: report.queued, byKind: report.byKind });
      // Sign-in failures older than any limit can look back (apps/api/src/auth/lockout.ts).
      const pruned = await deps.lockout.prune();
      if (pruned) deps.log.info("old sign-in failures removed", { pruned });
      return report;
    },
    deliver: async () => {
      // Letters a step asked for that the step could not issue (the process stopped after
      // its commit): issued now, so their correspondence goes out below (decision 0321).
      // A failure there must not stop the delivery of everything already queued.
      try {
        const letters = await finishStepLetters(deps);
        if (letters.issued || letters.withdrawn) deps.log.info("step letters finished", { ...letters });
      } catch (error) {
        deps.log.error("step letters not finished", { error });
      }
      const total: Required<DeliveryReport> = { sent: 0, failed: 0, toPrintRoom: 0, uncertain: 0 };
      const started = Date.now();
      while (Date.now() - started < DELIVERY_BUDGET_MS) {
        const batch = await deps.notifier.deliverPending(50);
        for (const key of Object.keys(total) as (keyof DeliveryReport)[]) total[key] += batch[key] ?? 0;
        if (batch.sent + batch.failed + (batch.toPrintRoom ?? 0) + (batch.uncertain ?? 0) < 50) break;
      }
      if (total.sent || total.failed || total.toPrintRoom || total.uncertain) deps.log.info("outbox delivered", { ...total });
      return total;
    },
    deliveryStatus: async () => {
      const report = await deps.notifier.pollStatuses();
      if (report.delivered || report.failed) deps.log.info("delivery status", { ...report });
      return report;
    },
    auditVerify: () => verifyAuditLogJob(deps),
    inbound: async () => {
      const settings = deps.config.inbound;
      if (!settings) return null;
      const report = await pollMailbox(deps, settings, { onBounce: bouncesToOutbox(deps) });
      if (report.read) deps.log.info("inbound mailbox read", { ...report });
      return report;
    },
  };
}

export interface StartJobsOptions {
  /** PostgreSQL only: where pg-boss connects and its schema (default: the settings' DATABASE_URL and PGBOSS_SCHEMA). */
  connectionString?: string;
  schema?: string;
  /** false: no cron schedules (tests drive the jobs with runNow). */
  schedule?: boolean;
}

export async function startJobs(deps: AppDeps, options: StartJobsOptions = {}): Promise<JobRunner> {
  const handlers = handlersFor(deps);
  const connectionString = options.connectionString ?? deps.config.database.url;
  if (deps.database.dialect === "pglite" || !connectionString) return inProcess(deps, handlers, options.schedule ?? true);
  return withPgBoss(deps, handlers, { connectionString, schema: options.schema ?? deps.config.database.jobSchema, schedule: options.schedule ?? true });
}

function inProcess(deps: AppDeps, handlers: JobHandlers, schedule: boolean): JobRunner {
  let chain: Promise<unknown> = Promise.resolve();
  /** Jobs run one after another; a failure is logged and rejects only its own caller. */
  const run = (job: JobName): Promise<void> => {
    const result = chain.then((): Promise<unknown> => handlers[job]());
    chain = result.catch((error: unknown) => deps.log.error(`job ${job} failed`, { error }));
    return result.then(() => undefined);
  };
  const background = (job: JobName) => void run(job).catch(() => undefined);
  // Correspondence just enqueued is delivered at once, the minute's schedule being the backstop.
  deps.notifier.setKicker(() => background("deliver"));
  const timers = schedule
    ? [
        setInterval(() => background("sweep"), deps.config.sweepMinutes * 60_000),
        setInterval(() => background("deliver"), 60_000),
        setInterval(() => background("deliveryStatus"), 5 * 60_000),
        setInterval(() => background("auditVerify"), 24 * 60 * 60_000),
        ...(deps.config.inbound ? [setInterval(() => background("inbound"), 60_000)] : []),
      ]
    : [];
  for (const t of timers) t.unref();
  if (schedule) {
    background("sweep");
    background("deliver");
    if (deps.config.inbound) background("inbound");
  }
  return {
    kind: "in-process",
    describe: () => `in this process (sweep every ${deps.config.sweepMinutes} min, outbox every minute and as soon as correspondence is queued, delivery status every 5 min, audit log verified daily${deps.config.inbound ? ", inbound mailbox every minute" : ""})`,
    runNow: run,
    async stop() {
      deps.notifier.setKicker(null);
      for (const t of timers) clearInterval(t);
      await chain;
    },
  };
}

/**
 * Each queue's settings (stately: at most one queued and one running). A running job whose
 * process was killed stays "active" until it expires, and a stately queue starts no other
 * meanwhile: the outbox's delivery expires soon after its time budget (DELIVERY_BUDGET_MS), so
 * a crashed worker holds up residents' mail for a minute or two, not ten.
 */
function queueOptions(job: JobName) {
  const expireInSeconds = job === "auditVerify" ? 6 * 3600 : job === "deliver" || job === "deliveryStatus" ? 90 : 600;
  return { name: JOBS[job], policy: "stately" as const, retryLimit: 3, retryDelay: 30, expireInSeconds };
}

/** How long one delivery job keeps sending before it returns (the next tick carries on). */
export const DELIVERY_BUDGET_MS = 45_000;

/**
 * Installs pg-boss's schema and this product's queues as the database owner (start.ts, with
 * MIGRATION_DATABASE_URL), so that the application role, which may not create tables, only
 * reads and writes them (grantApplicationRole's `jobSchemas`).
 */
export async function installJobQueues(ownerUrl: string, schema: string): Promise<void> {
  const boss = new PgBoss({ connectionString: ownerUrl, schema, max: 2, supervise: false, schedule: false, application_name: "complaints-migrate" });
  boss.on("error", () => {});
  await boss.start();
  try {
    for (const job of Object.keys(JOBS) as JobName[]) {
      await boss.createQueue(JOBS[job], queueOptions(job));
      // A queue made by an earlier version keeps its settings unless told.
      await boss.updateQueue(JOBS[job], queueOptions(job));
    }
    // pg-boss's own queue for cron schedules (its timekeeper makes it at start when missing).
    await boss.createQueue("__pgboss__send-it");
  } finally {
    await boss.stop({ graceful: false, wait: true });
  }
}

async function withPgBoss(deps: AppDeps, handlers: JobHandlers, options: { connectionString: string; schema: string; schedule: boolean }): Promise<JobRunner> {
  const boss = new PgBoss({ connectionString: options.connectionString, schema: options.schema, max: 4, application_name: "complaints-jobs" });
  boss.on("error", (error) => deps.log.error("pg-boss", { error }));
  await boss.start();
  for (const job of Object.keys(JOBS) as JobName[]) {
    await boss.createQueue(JOBS[job], queueOptions(job));
    // Settings of a queue made by an earlier version (installJobQueues does it as the owner; this role may not).
    await boss.updateQueue(JOBS[job], queueOptions(job)).catch(() => undefined);
    await boss.work(JOBS[job], { pollingIntervalSeconds: 2 }, async () => {
      await handlers[job]();
    });
  }
  if (options.schedule) {
    await boss.schedule(JOBS.sweep, `*/${deps.config.sweepMinutes} * * * *`, {}, { tz: "Europe/London" });
    await boss.schedule(JOBS.deliver, "* * * * *", {}, { tz: "Europe/London" });
    await boss.schedule(JOBS.deliveryStatus, "*/5 * * * *", {}, { tz: "Europe/London" });
    // Every night at 02:30: the whole log read once, outside working hours.
    await boss.schedule(JOBS.auditVerify, "30 2 * * *", {}, { tz: "Europe/London" });
    // Every minute, once across all processes, when there is a mailbox to read.
    if (deps.config.inbound) await boss.schedule(JOBS.inbound, "* * * * *", {}, { tz: "Europe/London" });
  }
  // Correspondence just enqueued: a delivery job now, run by whichever process is free (stately: one queued at most).
  deps.notifier.setKicker(() => void boss.send(JOBS.deliver, {}).catch((error: unknown) => deps.log.warn("could not queue a delivery", { error })));
  // A process that starts sweeps and delivers what waits at once, in itself, as the embedded
  // runner does, and delivers again once a dead worker's leases have run out: a predecessor
  // killed mid-delivery holds pg-boss's stately queue until its job expires (90 s and the next
  // maintenance), and residents' mail would wait for that, and the first scheduled sweep for
  // the cron. Both are safe beside the scheduled runs: each message is claimed with a lease
  // (packages/db notifications.ts `claim`; decision 0318) and each notice has a dedupe key (sweep.ts).
  let starting: Promise<unknown> = Promise.resolve();
  const runHere = (jobs: ReadonlyArray<"sweep" | "deliver">) => () => {
    for (const job of jobs) starting = starting.then((): Promise<unknown> => handlers[job]()).catch((error: unknown) => deps.log.error(`${job} at start-up failed`, { error }));
  };
  const startupTimers = options.schedule ? [setTimeout(runHere(["sweep", "deliver"]), 0), setTimeout(runHere(["deliver"]), (deps.config.outboxLeaseSeconds + 1) * 1000)] : [];
  for (const t of startupTimers) t.unref();
  return {
    kind: "pg-boss",
    describe: () =>
      `pg-boss on PostgreSQL, schema "${options.schema}" (sweep every ${deps.config.sweepMinutes} min, outbox every minute and as soon as correspondence is queued, delivery status every 5 min, audit log verified nightly${deps.config.inbound ? ", inbound mailbox every minute" : ""}; once across all processes)`,
    async runNow(job) {
      const id = await boss.send(JOBS[job], {});
      // null: a run is already queued (stately); wait until the queue is idle instead.
      for (;;) {
        if (id) {
          const state = (await boss.getJobById(JOBS[job], id))?.state;
          if (state === "completed") return;
          if (state === "failed" || state === "cancelled") throw new Error(`job ${job} ${state}`);
        } else if ((await boss.getQueueSize(JOBS[job], { before: "completed" })) === 0) {
          return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    async stop() {
      deps.notifier.setKicker(null);
      for (const t of startupTimers) clearTimeout(t);
      await starting;
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
    },
  };
}
