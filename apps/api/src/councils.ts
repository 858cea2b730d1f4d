/**
 * Each council's rules, built once from its stored profile and the installed plugins and
 * kept until the profile changes. Building the RuleBook checks the whole configuration, so a
 * bad profile or plugin stops start-up (or an admin's save) with a message naming it.
 */
import { ProfileValidationError, RuleBook, parseCouncilProfile, type CouncilProfile, type ServicePlugin } from "@complaints/core";
import { organisationRepository, type CouncilRecord, type Executor } from "@complaints/db";
import { groupMappingProblems } from "./auth/sso-groups.js";

export interface CouncilRuntime {
  council: CouncilRecord;
  profile: CouncilProfile;
  book: RuleBook;
  /** Profile slug → database id, and back. */
  directorateIdByCode: ReadonlyMap<string, string>;
  directorateCodeById: ReadonlyMap<string, string>;
  serviceIdByCode: ReadonlyMap<string, string>;
  serviceCodeById: ReadonlyMap<string, string>;
  /** Service code → directorate code, from the profile. */
  directorateOfService: ReadonlyMap<string, string>;
  names: { directorates: ReadonlyMap<string, string>; services: ReadonlyMap<string, string> };
}

/**
 * How long a council's rules are used without asking the database whether its profile changed.
 * Every request needs them; another process's profile save shows here within this time, and
 * this process's own saves at once (`forget`).
 */
const RECHECK_MS = 1_000;

export class CouncilDirectory {
  private readonly cache = new Map<string, { profile: string; runtime: Promise<CouncilRuntime>; checkedAt: number }>();

  constructor(
    private readonly db: Executor,
    readonly plugins: readonly ServicePlugin[],
  ) {}

  /**
   * The council's rules, rebuilt when its stored profile differs from the one they were
   * built from (another process may have saved it).
   */
  async get(councilId: string, db: Executor = this.db): Promise<CouncilRuntime> {
    const fresh = this.cache.get(councilId);
    if (fresh && performance.now() - fresh.checkedAt < RECHECK_MS) return fresh.runtime;
    // Inside a transaction, pass it: on the embedded database (one connection) a read outside
    // the transaction waits for it to end, and the transaction waits for the read.
    const council = await organisationRepository.findCouncil(db, councilId);
    if (!council) throw new Error(`No council ${councilId}`);
    const profile = JSON.stringify(council.profile);
    const cached = this.cache.get(councilId);
    if (cached && cached.profile === profile) {
      cached.checkedAt = performance.now();
      return cached.runtime;
    }
    const runtime = this.build(council, db);
    this.cache.set(councilId, { profile, runtime, checkedAt: performance.now() });
    runtime.catch(() => this.cache.delete(councilId));
    return runtime;
  }

  /** After this process saves a council's profile: the next `get` reads it again. */
  forget(councilId: string): void {
    this.cache.delete(councilId);
  }

  /** Checks a profile against the installed plugins without saving it (throws what is wrong). */
  check(profileInput: unknown): { profile: CouncilProfile; book: RuleBook } {
    const profile = parseCouncilProfile(profileInput);
    const problems = groupMappingProblems(profile);
    if (problems.length) throw new ProfileValidationError(profile.id, problems);
    return { profile, book: new RuleBook(profile, this.plugins) };
  }

  private async build(council: CouncilRecord, db: Executor): Promise<CouncilRuntime> {
    const { profile, book } = this.check(council.profile);
    const tree = await organisationRepository.organisation(db, council.id);
    const directorateIdByCode = new Map<string, string>();
    const serviceIdByCode = new Map<string, string>();
    const directorateNames = new Map<string, string>();
    const serviceNames = new Map<string, string>();
    for (const d of tree.directorates) {
      directorateIdByCode.set(d.code, d.id);
      directorateNames.set(d.id, d.name);
      for (const s of d.services) {
        serviceIdByCode.set(s.code, s.id);
        serviceNames.set(s.id, s.name);
      }
    }
    const directorateOfService = new Map<string, string>();
    for (const d of profile.directorates) for (const s of d.services) directorateOfService.set(s.id, d.id);
    return {
      council,
      profile,
      book,
      directorateIdByCode,
      directorateCodeById: invert(directorateIdByCode),
      serviceIdByCode,
      serviceCodeById: invert(serviceIdByCode),
      directorateOfService,
      names: { directorates: directorateNames, services: serviceNames },
    };
  }
}

function invert(map: ReadonlyMap<string, string>): Map<string, string> {
  return new Map([...map].map(([k, v]) => [v, k]));
}
