/**
 * Builds the long-lived parts of the API around an open database: the same for the server,
 * the embedded demo and tests.
 */
import { londonWallClock, type Clock } from "@complaints/core";
import { setAuditKey, type Database } from "@complaints/db";
import type { ServicePlugin } from "@complaints/core";
import { defaultConfig, type ApiConfig } from "./config.js";
import { CouncilDirectory } from "./councils.js";
import { LoginLockout } from "./auth/lockout.js";
import { jsonLogger, type Logger } from "./logger.js";
import { Notifier } from "./notifications/notifier.js";
import { transportsFor } from "./notifications/transports.js";
import type { Transport } from "./notifications/transport.js";
import type { OidcLogin } from "./auth/oidc.js";
import type { AppDeps } from "./context.js";
import { TrackingCodes } from "./public/tracking-codes.js";
import { PublicLimits } from "./public/limits.js";

export const systemClock: Clock = { now: () => new Date() };

export interface DepsOptions {
  database: Database;
  clock?: Clock;
  config?: ApiConfig;
  log?: Logger;
  /** The installed plugins, loaded once at start-up from the plugins file (@complaints/profiles loadPlugins). */
  plugins: readonly ServicePlugin[];
  /** Overrides the mail transport built from the config (tests pass one pointing at their server). */
  transport?: Transport | null;
  oidc?: OidcLogin | null;
}

export function createDeps(options: DepsOptions): AppDeps {
  const clock = options.clock ?? systemClock;
  const config = options.config ?? defaultConfig();
  const log = options.log ?? jsonLogger;
  // The process signs the event log with the configured key; without one (tests, which set
  // theirs in their setup) the key set earlier stays, and appending without any is refused.
  if (config.auditKey) setAuditKey(config.auditKey);
  const transports = transportsFor(config);
  const councils = new CouncilDirectory(options.database.db, options.plugins);
  return {
    database: options.database,
    clock,
    config,
    councils,
    lockout: new LoginLockout(options.database, config, clock),
    notifier: new Notifier(
      options.database.db,
      { ...transports, transport: options.transport !== undefined ? options.transport : transports.transport, staffFrom: "from" in config.mail ? config.mail.from : "complaints@localhost", leaseSeconds: config.outboxLeaseSeconds, councils },
      clock,
      log,
    ),
    oidc: options.oidc ?? null,
    log,
    tracking: new TrackingCodes(options.database.db, config.trackingSecret),
    publicLimits: new PublicLimits(config.publicForms, clock),
  };
}

/** Today in the council's time zone, for queries that compare dates. */
export function today(clock: Clock): string {
  return londonWallClock(clock.now()).date;
}
