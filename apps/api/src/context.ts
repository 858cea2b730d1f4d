/**
 * The tRPC context. `createContextInner` is the testable part: tests and the portal's
 * server-side loaders build it directly with a principal; the express adapter
 * (http/middleware.ts, expressContext) fills the principal from the session cookie or API key.
 */
import type { Clock } from "@complaints/core";
import type { Database, DB } from "@complaints/db";
import type { Kysely } from "kysely";
import type { ApiConfig } from "./config.js";
import type { CouncilDirectory } from "./councils.js";
import type { LoginLockout } from "./auth/lockout.js";
import type { Logger } from "./logger.js";
import type { Principal } from "./access/principal.js";
import type { Notifier } from "./notifications/notifier.js";
import type { OidcLogin } from "./auth/oidc.js";
import type { TrackingCodes } from "./public/tracking-codes.js";
import type { PublicLimits } from "./public/limits.js";
import { chooseCouncil, type ChosenCouncil } from "./hosting.js";

/** Everything a request needs that lives as long as the process. */
export interface AppDeps {
  database: Database;
  clock: Clock;
  config: ApiConfig;
  councils: CouncilDirectory;
  lockout: LoginLockout;
  notifier: Notifier;
  oidc: OidcLogin | null;
  log: Logger;
  /** Residents' tracking codes (proof of identity on the public forms). */
  tracking: TrackingCodes;
  /** Per-address limits on the public procedures. */
  publicLimits: PublicLimits;
}

export interface CookieOptions {
  httpOnly: boolean;
  /** Omitted: a browser-session cookie. */
  maxAgeSeconds?: number;
}

/** Reading and writing cookies, whatever carries the request. */
export interface CookieJar {
  get(name: string): string | undefined;
  set(name: string, value: string, options: CookieOptions): void;
  clear(name: string): void;
}

/** Cookies kept in memory: for callers built in-process (tests, server-side loaders). */
export class MemoryCookieJar implements CookieJar {
  readonly values = new Map<string, string>();
  get(name: string) {
    return this.values.get(name);
  }
  set(name: string, value: string) {
    this.values.set(name, value);
  }
  clear(name: string) {
    this.values.delete(name);
  }
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  /** The host name the client asked for (no port), which may choose the council (hosting.ts). */
  host: string | null;
  /** The council named by the address's `/c/<slug>/` prefix, or remembered from one (hosting.ts). */
  councilSlug: string | null;
}

export interface Context {
  deps: AppDeps;
  db: Kysely<DB>;
  clock: Clock;
  principal: Principal | null;
  request: RequestInfo;
  cookies: CookieJar;
  /**
   * Cases already loaded while answering this one request (a page asks several procedures about
   * one case). Only a context that lives for a single request has it (`oneRequest`): a caller
   * kept longer must see other people's changes. Any mutation empties it (trpc.ts), so nothing
   * read here is older than the request's own last change.
   */
  caseReads: Map<string, Promise<unknown>> | null;
  /**
   * The council this request is for (hosting.ts: host name, prefix, PUBLIC_COUNCIL, the only
   * one), worked out the first time something asks and kept for the rest of the request.
   */
  council(): Promise<ChosenCouncil>;
}

export function createContextInner(options: {
  deps: AppDeps;
  principal?: Principal | null;
  request?: Partial<RequestInfo>;
  cookies?: CookieJar;
  /** The context answers one HTTP request or page render, then is dropped (see caseReads). */
  oneRequest?: boolean;
}): Context {
  const request: RequestInfo = {
    ip: options.request?.ip ?? null,
    userAgent: options.request?.userAgent ?? null,
    host: options.request?.host ?? null,
    councilSlug: options.request?.councilSlug ?? null,
  };
  let chosen: Promise<ChosenCouncil> | undefined;
  return {
    deps: options.deps,
    db: options.deps.database.db,
    clock: options.deps.clock,
    principal: options.principal ?? null,
    request,
    cookies: options.cookies ?? new MemoryCookieJar(),
    caseReads: options.oneRequest ? new Map() : null,
    council: () => (chosen ??= chooseCouncil(options.deps, request)),
  };
}
