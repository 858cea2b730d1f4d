/**
 * A running API for a test file: its own migrated database (packages/db's harness: PGlite,
 * or a schema on the throwaway PostgreSQL), the demo council, one staff member per role,
 * and callers that go through the real routers.
 */
import type { Clock, CouncilProfileInput, ServicePlugin } from "@complaints/core";
import type { Database } from "@complaints/db";
import { openTestDb, engine } from "../../../packages/db/test/db.js";

type TestDatabase = Database & { postgres?: { url: string; schema: string } };
import { defaultConfig, type ApiConfig } from "../src/config.js";
import { createDeps } from "../src/deps.js";
import { recordSentOnCase } from "../src/services/correspondence-sent.js";
import { createContextInner, MemoryCookieJar, type AppDeps, type RequestInfo } from "../src/context.js";
import { createCaller } from "../src/root.js";
import { recordingLogger } from "../src/logger.js";
import { addStaff, installCouncil, type InstalledCouncil, type StaffSpec } from "../src/seed/council.js";
import { demoProfile } from "../src/seed/profile.js";
import { CENTRAL_ROLES, STAFF_ROLES, type StaffRole } from "../src/access/policy.js";
import { toPrincipal } from "../src/auth/sessions.js";
import { authRepository, notificationRepository } from "@complaints/db";
import type { Principal } from "../src/access/principal.js";
import type { Transport } from "../src/notifications/transport.js";
import type { OidcLogin } from "../src/auth/oidc.js";

export { engine };

/** A clock the test moves by hand. */
export class TestClock implements Clock {
  private at: Date;
  constructor(start: string) {
    this.at = new Date(start);
  }
  now(): Date {
    return new Date(this.at);
  }
  set(instant: string): void {
    this.at = new Date(instant);
  }
  advance(ms: number): void {
    this.at = new Date(this.at.getTime() + ms);
  }
}

export const PASSWORD = "correct horse battery staple";

/** One staff member per role: directorate roles in Corporate Services, central roles council-wide. */
export function roleStaff(): StaffSpec[] {
  return STAFF_ROLES.map((role) => ({
    key: role,
    name: `${role} person`,
    email: `${role}@example.gov.uk`,
    password: PASSWORD,
    team: CENTRAL_ROLES.has(role) ? "customer-services/contact-centre" : "council-tax/billing",
    roles: [{ role, directorate: CENTRAL_ROLES.has(role) ? null : "corporate" }],
  }));
}

export interface Harness {
  db: TestDatabase;
  deps: AppDeps;
  clock: TestClock;
  council: InstalledCouncil;
  staffIds: Map<string, string>;
  log: ReturnType<typeof recordingLogger>;
  principal(key: string): Promise<Principal>;
  /** A caller acting as the staff member with this key (or as nobody). */
  as(key: string | null): Promise<ReturnType<typeof createCaller>>;
  asPrincipal(principal: Principal | null, cookies?: MemoryCookieJar, request?: Partial<RequestInfo>): ReturnType<typeof createCaller>;
  /**
   * Installs another council beside the demo one (issue 14, "Several councils on one server"),
   * with one staff member per role whose keys and emails are the role's prefixed by `slug`.
   */
  addCouncil(options: { slug: string; name: string; referencePrefix: string; hosts?: string[] }): Promise<InstalledCouncil & { staffIds: Map<string, string> }>;
  close(): Promise<void>;
}

export async function openHarness(
  options: {
    start?: string;
    extraStaff?: StaffSpec[];
    config?: Partial<ApiConfig>;
    /** The mail transport (none by default: mail waits in the outbox). */
    transport?: Transport | null;
    oidc?: OidcLogin | null;
    maxConnections?: number;
    /** Installed plugins (none by default); the demo profile enables those it knows. */
    plugins?: readonly ServicePlugin[];
    /** Changes to the demo profile (a council's own timescales…). */
    profile?: (profile: CouncilProfileInput) => CouncilProfileInput;
  } = {},
): Promise<Harness> {
  // packages/db's harness is compiled here from its source: use it through the published types.
  const db = (await openTestDb({ maxConnections: options.maxConnections ?? 20 })) as unknown as TestDatabase;
  const clock = new TestClock(options.start ?? "2026-03-02T09:00:00Z");
  const log = recordingLogger();
  const deps = createDeps({
    database: db,
    clock,
    log,
    config: defaultConfig(options.config),
    // Not given: the settings' transport (none unless `config.mail` says otherwise).
    ...(options.transport !== undefined ? { transport: options.transport } : {}),
    oidc: options.oidc ?? null,
    plugins: options.plugins ?? [],
  });
  // As the start-up does (src/start.ts): a message sent records on its case that it was sent.
  deps.notifier.onSent(recordSentOnCase(deps));
  const plugins = options.plugins ?? [];
  const profile = options.profile ? options.profile(demoProfile(plugins)) : demoProfile(plugins);
  const council = await installCouncil(db.db, { slug: "exampleton", profile }, plugins, clock.now());
  const staffIds = await addStaff(db.db, council, [...roleStaff(), ...(options.extraStaff ?? [])], clock.now());
  const principal = async (key: string): Promise<Principal> => {
    const id = staffIds.get(key);
    if (!id) throw new Error(`no staff ${key}`);
    return toPrincipal((await authRepository.findStaffById(db.db, id))!, null);
  };
  const asPrincipal = (p: Principal | null, cookies = new MemoryCookieJar(), request: Partial<RequestInfo> = {}) => createCaller(createContextInner({ deps, principal: p, cookies, request }));
  const addCouncil: Harness["addCouncil"] = async ({ slug, name, referencePrefix, hosts = [] }) => {
    // The demo's profile under another name: nothing of Exampleton's left in its words.
    const renamed = JSON.parse(JSON.stringify(profile).replaceAll("Exampleton Borough Council", name).replaceAll("Exampleton", name).replaceAll("exampleton", slug)) as CouncilProfileInput;
    const installed = await installCouncil(db.db, { slug, hosts, profile: { ...renamed, name, referencePrefix, letterhead: { ...renamed.letterhead, email: `complaints@${slug}.example` } } }, [], clock.now());
    const specs = roleStaff().map((s) => ({ ...s, key: `${slug}:${s.key}`, email: `${slug}-${s.email}` }));
    const ids = await addStaff(db.db, installed, specs, clock.now());
    for (const [key, id] of ids) staffIds.set(key, id);
    return { ...installed, staffIds: ids };
  };
  return {
    db,
    deps,
    clock,
    council,
    staffIds,
    log,
    principal,
    asPrincipal,
    addCouncil,
    as: async (key) => asPrincipal(key === null ? null : await principal(key)),
    close: () => {
      deps.notifier.close();
      return db.close();
    },
  };
}

export type { StaffRole };

/**
 * A worker claims every queued message, marks each "sending" (committed) and dies before it
 * can record the outcome: what a kill -9 mid-send leaves behind (docs/decisions/0318-writing-to-residents.md).
 */
export async function deadWorkerBeganSending(h: Harness, leaseSeconds: number): Promise<number[]> {
  const worker = "dead-worker";
  const claimed = await notificationRepository.claim(h.db.db, { worker, now: h.clock.now(), leaseSeconds, limit: 1000 });
  for (const entry of claimed) await notificationRepository.markSending(h.db.db, { id: entry.id, worker, now: h.clock.now(), leaseSeconds });
  return claimed.map((e) => e.id);
}
