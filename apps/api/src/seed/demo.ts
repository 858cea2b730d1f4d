/**
 * The demo council for `pnpm start`: staff for every role (simple passwords, printed at
 * start) and a few hundred realistic cases in every stage and state, made by running the
 * real lifecycle (the API's own services, hence core's transitions) with a clock set to
 * each step's moment over the last six months, so due dates, overdue cases and the RAG
 * colours are what a council would see today. Deterministic for a given "today".
 */
import { currentResponseDue, delegatedLimitOf, todayIn, type CaseState, type CommandType, type Clock, type ResolvedRules } from "@complaints/core";
import type { LetterElement } from "@complaints/letters";
import type { ProfileId } from "@complaints/profiles";
import { authRepository, caseRepository, customerRepository, organisationRepository } from "@complaints/db";
import { TRPCError } from "@trpc/server";
import { createContextInner, type AppDeps, type Context } from "../context.js";
import { toPrincipal } from "../auth/sessions.js";
import { ROLE_LABELS, type StaffRole } from "../access/policy.js";
import type { StaffPrincipal } from "../access/principal.js";
import { availableFor, factsOfCase, loadReadableCase, logNewCase, runCommand, type CommandKey, type CommandPayload, type LogInput, type StepLetterWords } from "../services/cases.js";
import { linkCases } from "../services/case-links.js";
import { buildPrintBatch, confirmPrintBatch, lettersAwaitingPost, MAX_BATCH } from "../services/print-batches.js";
import { conductCommand } from "../services/customers.js";
import { updateCaseContact } from "../services/contact-details.js";
import { describeError } from "../errors.js";
import { addStaff, installCouncil, type StaffSpec } from "./council.js";
import { demoCouncilFor, exampleton, type DemoCouncil } from "./profile.js";
import { CATEGORIES, customersPool, descriptionsFor, themeOf, type DemoCustomer } from "./data.js";
import { seedAfterResponses } from "./learning.js";

export const DEMO_COUNCIL_SLUG = "exampleton";
export const DEMO_PASSWORD = "demo-password";

export { demoCouncilFor, type DemoCouncil };

/** One account per role (directorate roles in each directorate). */
export function demoStaff(council: DemoCouncil = exampleton([])): StaffSpec[] {
  const at = (local: string) => `${local}@${council.domain}`;
  const central = council.centralTeam ? { team: council.centralTeam } : {};
  const specs: StaffSpec[] = [
    { key: "cso", name: "Chris Contact", email: at("cso"), jobTitle: "Customer Services Officer", ...central, roles: [{ role: "customer-services", directorate: null }], password: DEMO_PASSWORD },
    { key: "manager", name: "Morgan Resolve", email: at("manager"), jobTitle: "Complaints Manager", ...central, roles: [{ role: "complaints-manager", directorate: null }], password: DEMO_PASSWORD },
    { key: "qa", name: "Quinn Assure", email: at("qa"), jobTitle: "Quality Assurance Officer", roles: [{ role: "quality-assurance", directorate: null }], password: DEMO_PASSWORD },
    { key: "legal", name: "Lee Gal", email: at("legal"), jobTitle: "Solicitor", roles: [{ role: "legal", directorate: null }], password: DEMO_PASSWORD },
    { key: "admin", name: "Ada Admin", email: at("admin"), jobTitle: "System Administrator", roles: [{ role: "administrator", directorate: null }], password: DEMO_PASSWORD },
    // A second administrator: an administrator's own case-reading role needs another's approval (issue 20).
    { key: "admin2", name: "Bea Backup", email: at("admin2"), jobTitle: "Deputy System Administrator", roles: [{ role: "administrator", directorate: null }], password: DEMO_PASSWORD },
    { key: "auditor", name: "Audrey Read", email: at("auditor"), jobTitle: "Internal Auditor", roles: [{ role: "auditor", directorate: null }], password: DEMO_PASSWORD },
  ];
  for (const { id: d, label, team, people } of council.directorates) {
    const [io1, io2, dcro, hos, director] = people;
    const email = (key: string) => at(`${key}.${d}`);
    const officers = team ? { team } : {};
    specs.push(
      { key: `io-${d}`, name: io1, email: email("io"), jobTitle: "Investigating Officer", ...officers, roles: [{ role: "investigating-officer", directorate: d }], password: DEMO_PASSWORD },
      { key: `io2-${d}`, name: io2, email: email("io2"), jobTitle: "Senior Investigating Officer", ...officers, roles: [{ role: "investigating-officer", directorate: d }], password: DEMO_PASSWORD },
      { key: `dcro-${d}`, name: dcro, email: email("dcro"), jobTitle: "Departmental Customer Relations Officer", ...officers, roles: [{ role: "dcro", directorate: d }], password: DEMO_PASSWORD },
      { key: `hos-${d}`, name: hos, email: email("hos"), jobTitle: "Head of Service", roles: [{ role: "head-of-service", directorate: d }], password: DEMO_PASSWORD },
      { key: `director-${d}`, name: director, email: email("director"), jobTitle: `Director of ${label}`, roles: [{ role: "director", directorate: d }], password: DEMO_PASSWORD },
    );
  }
  return specs;
}

export interface DemoLogin {
  role: string;
  scope: string;
  name: string;
  email: string;
  password: string;
}

export function demoLogins(council: DemoCouncil = exampleton([])): DemoLogin[] {
  const labels = new Map(council.directorates.map((d) => [d.id, d.label]));
  return demoStaff(council).map((s) => ({
    role: ROLE_LABELS[s.roles[0]!.role],
    scope: s.roles[0]!.directorate ? labels.get(s.roles[0]!.directorate)! : "All directorates",
    name: s.name,
    email: s.email,
    password: s.password ?? "(single sign-on)",
  }));
}

/** A small deterministic random number generator (mulberry32). */
function random(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    chance: (p: number) => next() < p,
  };
}

class SeedClock implements Clock {
  constructor(private at: Date) {}
  now() {
    return new Date(this.at);
  }
  set(at: Date) {
    this.at = at;
  }
}

export interface SeedReport {
  created: boolean;
  councilId: string;
  cases: number;
  /** Commands a rule refused while seeding (the case stays where it was; logged). */
  refused: number;
  byStatus: Record<string, number>;
}

/**
 * Seeds the demo council once. `now` anchors the six months of history (default: the clock).
 */
export async function seedDemo(
  deps: AppDeps,
  options: {
    now?: Date;
    cases?: number;
    onProgress?: (done: number, total: number) => void;
    /** A packaged council (packages/profiles) instead of Exampleton (DEMO_COUNCIL). */
    council?: ProfileId | null;
  } = {},
): Promise<SeedReport> {
  const db = deps.database.db;
  const council = demoCouncilFor(options.council ?? null, deps.councils.plugins);
  const existing = await organisationRepository.findCouncilBySlug(db, council.slug);
  if (existing) return { created: false, councilId: existing.id, cases: 0, refused: 0, byStatus: {} };

  const now = options.now ?? deps.clock.now();
  const total = options.cases ?? 300;
  const installed = await installCouncil(db, { slug: council.slug, profile: council.profile }, deps.councils.plugins, new Date(now.getTime() - 200 * 86_400_000));
  const staffIds = await addStaff(db, installed, demoStaff(council), now);
  const principals = new Map<string, StaffPrincipal>();
  for (const [key, id] of staffIds) principals.set(key, toPrincipal((await authRepository.findStaffById(db, id))!, null));
  const runtime = await deps.councils.get(installed.councilId);

  const clock = new SeedClock(now);
  // The outbox on the seed's clock: messages are written, and sent, on the day each step happened.
  const seedDeps: AppDeps = { ...deps, clock, notifier: deps.notifier.withClock(clock) };
  const ctxFor = (key: string): Context => createContextInner({ deps: seedDeps, principal: principals.get(key)! });
  const rng = random(20261123);
  // A second sequence for what came later (compensation, learning, quality checks, equality
  // monitoring), so the cases the first one made stay the same.
  const extra = random(20261126);
  const customers = customersPool(council.town, council.postcodeArea);
  const report: SeedReport = { created: true, councilId: installed.councilId, cases: 0, refused: 0, byStatus: {} };
  const calendar = runtime.book.rulesFor(council.services[0]!.code, "complaint").calendar;
  /** A moment `days` working days after `date`, at a plausible office hour. */
  const after = (from: Date, workingDays: number): Date => {
    const day = calendar.addWorkingDays(todayIn({ now: () => from }), workingDays);
    const at = new Date(`${day}T${String(rng.int(9, 16)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`);
    // A same-day step never comes before the one it follows (a case triaged before it was logged).
    return at > from ? at : new Date(from.getTime() + 20 * 60_000);
  };

  /**
   * Correspondence goes as the seed goes, so a deadline met when the resident is told (decision
   * 0322) is measured from real sent dates: email at the moment of the step, and the post in the
   * print room's run on Mondays, Wednesdays and Fridays at 3pm. A run waits while any letter in it is about
   * a case the replay has already taken past that day (cases are played one after another), so
   * every case's events stay in time order; letters still waiting at "now" are the demo's post tray.
   */
  const printRunDays = (after: Date, until: Date): string[] => {
    const days: string[] = [];
    for (let day = calendar.rollForward(todayIn({ now: () => after })); days.length < 40; day = calendar.addWorkingDays(day, 1)) {
      const when = printRunAt(day);
      if (when > until || when > now) break;
      // Mondays, Wednesdays and Fridays.
      if (when > after && new Date(`${day}T12:00:00Z`).getUTCDay() % 2 === 1) days.push(day);
    }
    return days;
  };
  const printRun = async (day: string): Promise<boolean> => {
    const when = printRunAt(day);
    const manager = principals.get("manager")!;
    const waiting = await lettersAwaitingPost(ctxFor("manager"), manager, { limit: MAX_BATCH });
    if (waiting.letters.length === 0) return false;
    for (const caseId of new Set(waiting.letters.map((l) => l.caseId))) {
      if ((await caseRepository.getCase(db, caseId)).row.updated_at > when) return true;
    }
    clock.set(when);
    const built = await buildPrintBatch(ctxFor("manager"), manager, { limit: MAX_BATCH });
    if (built.batch) await confirmPrintBatch(ctxFor("manager"), manager, built.batch.batchId);
    return true;
  };
  /** Sends what is due at `until` (email), after the print runs since `from`. */
  const correspond = async (from: Date, until: Date): Promise<void> => {
    for (const day of printRunDays(from, until)) if (!(await printRun(day))) break;
    clock.set(until);
    await seedDeps.notifier.deliverPending(500);
  };

  const weighted = council.services.flatMap((s) => Array.from({ length: s.weight }, () => s));
  const themes = new Map(council.services.map((s) => [s.code, themeOf({ id: s.code, name: s.name })]));
  /** Whether a plugin governs this kind of case in this service (member enquiries, FOI reviews). */
  const governs = (serviceId: string, kind: CaseState["kind"], plugin: string) => {
    try {
      return runtime.book.rulesFor(serviceId, kind).plugins.includes(plugin);
    } catch {
      return false;
    }
  };
  for (let i = 0; i < total; i++) {
    const service = rng.pick(weighted);
    const d = service.directorate;
    const ageDays = Math.floor(Math.pow(rng.next(), 1.3) * 175) + 1;
    const receivedAt = new Date(now.getTime() - ageDays * 86_400_000);
    receivedAt.setUTCHours(rng.int(8, 18), rng.int(0, 59), 0, 0);
    if (receivedAt > now) receivedAt.setTime(now.getTime() - 3_600_000);
    const roll = rng.next();
    let kind: CaseState["kind"] = roll < 0.78 ? "complaint" : roll < 0.85 ? "compliment" : roll < 0.89 ? "comment" : roll < 0.94 ? "service-request" : "member-enquiry";
    // Where members' letters have no procedure of their own they are complaints; where the FOI/EIR
    // plugin is on, some complaints are about an information request's answer (an internal review).
    if (kind === "member-enquiry" && !governs(service.code, kind, "member-enquiries")) kind = "complaint";
    if (kind === "complaint" && governs(service.code, "foi-eir-review", "foi-eir") && (themes.get(service.code) === "information" || rng.chance(0.25))) kind = "foi-eir-review";
    // Every 40th case is from the same persistent complainant (designated below).
    const customer: DemoCustomer | null = i % 40 === 0 ? customers[0]! : rng.chance(0.04) && kind === "comment" ? null : rng.pick(customers);
    const theme = themes.get(service.code)!;
    const description = rng.pick(descriptionsFor(theme, kind));
    // From the index, not the random sequence, so the rest of the demo stays as it was.
    const categories = CATEGORIES[theme] ?? [];
    const [category, subCategories] = categories.length ? categories[i % categories.length]! : [null, []];
    const restricted = kind === "complaint" && rng.chance(0.04);
    const io = `io-${d}`;
    const input: LogInput = {
      kind,
      channel: rng.pick(["email", "web", "phone", "phone", "web", "post", "in-person", "social-media"] as const),
      receivedAt: receivedAt.toISOString(),
      serviceId: service.code,
      description,
      desiredOutcome: kind === "complaint" ? rng.pick(["An apology", "A refund", "The problem fixed", "An explanation", "Compensation for the time lost"]) : null,
      ...(kind === "complaint" || kind === "member-enquiry" ? { category, subCategory: subCategories.length ? subCategories[Math.floor(i / categories.length) % subCategories.length]! : null } : {}),
      priority: kind === "complaint" && rng.chance(0.08) ? { level: "high", reason: "Vulnerable resident" } : undefined,
      flags: restricted ? ["named-staff"] : kind === "complaint" && rng.chance(0.05) ? ["vulnerability"] : undefined,
      aboutStaffIds: restricted ? [staffIds.get(`io2-${d}`)!] : undefined,
      representative:
        kind === "member-enquiry"
          ? { name: rng.pick(["Cllr Priya Nair", "Cllr Tom Beck", "Sarah Lowe MP"]), role: rng.chance(0.7) ? "councillor" : "mp", consent: { basis: "elected-member", recordedOn: todayIn({ now: () => receivedAt }) }, replyTo: "representative" }
          : undefined,
      customer: customer ? { fullName: customer.name, email: customer.email, phone: customer.phone, address: customer.address, postcode: customer.postcode } : null,
      // An internal review is asked for within 40 working days of the answer (plugins/foi-eir).
      ...(kind === "foi-eir-review"
        ? { matterArose: addDays(receivedAt, -rng.int(5, 25)), intake: { informationRegime: rng.pick(["foi", "eir"] as const), requestReference: `FOI-${receivedAt.getUTCFullYear()}-${String(1000 + i)}` } }
        : {}),
    };
    clock.set(receivedAt);
    let caseId: string;
    let version: number;
    try {
      const logged = await logNewCase(ctxFor("cso"), principals.get("cso")!, input);
      caseId = logged.caseId;
      version = logged.version;
    } catch (error) {
      report.refused += 1;
      deps.log.warn("demo seed: a case could not be logged", { error: describe(error) });
      continue;
    }
    report.cases += 1;
    // Staff record a representative's contact details when they log their letter, so replies
    // reach them (decision 0320). Left out, deliberately, for members' letters of the last
    // week: their acknowledgement waits on the work queue as "add it to their record", the
    // task a caseworker meets when an MP's or councillor's office has not given its details.
    if (input.representative && now.getTime() - receivedAt.getTime() > RECENT_MS) {
      try {
        await updateCaseContact(ctxFor("cso"), principals.get("cso")!, { caseId, party: "representative", ...representativeContact(input.representative.name, council), note: "From the member's letter" });
        version = (await caseRepository.getCase(db, caseId)).version;
      } catch (error) {
        report.refused += 1;
        deps.log.warn("demo seed: a representative's details were refused", { error: describe(error) });
      }
    }
    let at = receivedAt;
    /** Runs the step at `when` if that moment has come; false stops this case here. */
    const step = async <K extends CommandKey>(who: string, when: Date, type: K, payload: CommandPayload<K> & { letter?: StepLetterWords }): Promise<boolean> => {
      if (when > now) return false;
      await correspond(at, when);
      at = when;
      clock.set(when);
      try {
        await runCommand(ctxFor(who), principals.get(who)!, type, { caseId, expectedVersion: version, ...payload } as never);
        await correspond(when, when);
        // The step's version, or the one after: an email sent with it is recorded on the case.
        version = (await caseRepository.getCase(db, caseId)).version;
        return true;
      } catch (error) {
        report.refused += 1;
        deps.log.warn("demo seed: a step was refused", { type, error: describe(error) });
        return false;
      }
    };
    /** Whether `who` may run `type` on the case as it now stands (core's availableCommands, by role). */
    const can = async (who: string, type: CommandType): Promise<boolean> => {
      const staff = principals.get(who)!;
      const { record } = await loadReadableCase(ctxFor(who), staff, caseId);
      return availableFor(record.state, runtime, staff, factsOfCase(record)).includes(type);
    };
    const rules = runtime.book.rulesFor(service.code, kind);
    const dueAfter = async (when: Date): Promise<boolean> => {
      const record = await caseRepository.getCase<CaseState>(db, caseId);
      const today = todayIn({ now: () => when });
      const due = currentResponseDue(record.state, rules, today);
      return !due || today <= due;
    };
    const directorate = council.directorates.find((x) => x.id === d)!;
    // Restricted cases are out of the DCRO's sight: the complaints manager coordinates them.
    const coordinator = restricted ? "manager" : `dcro-${d}`;
    await playCase({
      kind,
      d,
      io,
      coordinator,
      step,
      can,
      dueAfter,
      rules,
      wrongBody: council.wrongBody,
      signatory: `${directorate.people[4]}, Director of ${directorate.label}`,
      after: (n: number, from?: Date) => after(from ?? at, n),
      rng,
      extra,
      staffIds,
      stalled: rng.chance(0.12),
      now,
    });
    // The post of the case's last step goes in the next print runs (up to "now").
    const lastRun = printRunAt(calendar.addWorkingDays(todayIn({ now: () => at }), 6));
    await correspond(at, lastRun < now ? lastRun : now);
    options.onProgress?.(i + 1, total);
  }

  // A persistent complainant: referred, warned, designated with restrictions, review due.
  const persistent = customers[0]!;
  const [row] = await customerRepository.findCustomers(db, { councilId: installed.councilId, email: persistent.email, limit: 1 });
  if (row) {
    const manager = principals.get("manager")!;
    // Today, after everything on the customer's cases: each step's letter is an event on their
    // latest case, and a case's events are dated in the order they happened.
    // The warning's letter says what the behaviour was, in the officer's words (the form asks for them).
    const concerns = {
      sections: [
        {
          element: "behaviour-concerns" as const,
          paragraphs: ["Over three weeks you called our contact centre 42 times about the same bin collection, and some of those calls were abusive to our staff. You also sent the same emails to every councillor."],
        },
      ],
    };
    const steps: Array<[number, Parameters<typeof conductCommand>[4], Parameters<typeof conductCommand>[5]?]> = [
      // The steps are recorded today (see above) but dated when they were decided: a designation
      // waits for the warning's time span to pass (Leeds policy paras 54–55).
      [0.3, { type: "refer", on: addDays(now, -45), evidence: "Forty-two calls in three weeks to the contact centre, several abusive; copies of emails to every councillor about the same bin collection." }],
      [0.2, { type: "warn", on: addDays(now, -40), behaviourExpected: "Contact the council by email only, about new matters, no more than twice a week.", until: addDays(now, -10) }, concerns],
      [0.1, { type: "designate", restrictions: [{ kind: "single-point-of-contact", contact: "Morgan Resolve, Complaints Manager" }, { kind: "written-contact-only", adjustments: "Large print replies" }], reason: "Calls continued after the warning; the restrictions let genuine new complaints through.", reviewBy: addDays(now, 20) }],
    ];
    let conductVersion = 0;
    for (const [daysAgo, command, words] of steps) {
      clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
      try {
        conductVersion = (await conductCommand(ctxFor("manager"), manager, row.id, conductVersion, command, words)).version;
      } catch (error) {
        report.refused += 1;
        deps.log.warn("demo seed: a conduct step was refused", { error: describe(error) });
        break;
      }
    }
  }

  // What follows responses: milestones and progress on improvement actions, resolution plans,
  // monthly quality checks with findings and remedial actions, and equality monitoring forms.
  report.refused += await seedAfterResponses({ deps, councilId: installed.councilId, now, clock, ctxFor, principals, staffIds, rng: extra, qualityChecked: council.qualityChecked, firstDirectorate: council.directorates[0]!.id });

  // Two open complaints about one service, linked as related (decision 0106): the case page's "Related cases".
  const open = (await caseRepository.listOpenCases(db, installed.councilId)).filter((c) => c.kind === "complaint");
  const pair = open.filter((c) => c.serviceCode === open.at(-1)?.serviceCode).slice(-2);
  if (pair.length === 2) {
    try {
      const current = await caseRepository.getCase(db, pair[0]!.id);
      await linkCases(ctxFor("manager"), principals.get("manager")!, { caseId: pair[0]!.id, expectedVersion: current.version, reference: pair[1]!.reference });
    } catch (error) {
      report.refused += 1;
      deps.log.warn("demo seed: linking two related cases was refused", { error: describe(error) });
    }
  }

  Object.assign(report.byStatus, await caseRepository.countByStatus(db, installed.councilId));
  return report;
}

/** What "the last week" is for the tasks the demo leaves waiting on purpose. */
const RECENT_MS = 7 * 86_400_000;

/**
 * A member's or MP's office details as staff would record them: councillors by email at the
 * council, the MP's constituency office by post (a letter with the council's letterhead).
 */
function representativeContact(name: string, council: DemoCouncil): { contactChannel: "email" | "post"; email: string; address: string; postcode: string } {
  const office = `${council.postcodeArea}1 1MO`;
  const local = name.replace(/^Cllr\s+|\s+MP$/g, "").toLowerCase().replace(/[^a-z]+/g, ".");
  if (name.endsWith(" MP")) {
    return { contactChannel: "post", email: `${local}.office@parliament.example`, address: `Constituency Office\n12 Market Street\n${council.town}`, postcode: office };
  }
  return { contactChannel: "email", email: `cllr.${local}@${council.domain}`, address: `Members' Office, Town Hall\n${council.town}`, postcode: office };
}

/** The print room's run on a day: 3pm, London's afternoon post. */
function printRunAt(day: string): Date {
  return new Date(`${day}T15:00:00Z`);
}

function addDays(date: Date, days: number): string {
  return new Date(date.getTime() + days * 86_400_000).toISOString().slice(0, 10);
}

function describe(error: unknown): string {
  return error instanceof TRPCError ? describeError(error).message : (error as Error).message;
}

interface Play {
  kind: CaseState["kind"];
  d: string;
  io: string;
  /** `letter`: the officer's words for the step's letter, as its form asks for them (decision 0321). */
  step: <K extends CommandKey>(who: string, when: Date, type: K, payload: CommandPayload<K> & { letter?: StepLetterWords }) => Promise<boolean>;
  /** Whether `who` may run the command now: the path follows what the case's rules allow. */
  can: (who: string, type: CommandType) => Promise<boolean>;
  /** Whether the current stage's response is not yet due at `when`. */
  dueAfter: (when: Date) => Promise<boolean>;
  /** The case's rules (its service's plugins decide the stages and what each needs). */
  rules: ResolvedRules;
  wrongBody: DemoCouncil["wrongBody"];
  /** Who signs a response where the regime asks for the responsible person (adult social care). */
  signatory: string;
  /** Who triages, assigns and closes: the DCRO, or the complaints manager for restricted cases. */
  coordinator: string;
  after: (workingDays: number, from?: Date) => Date;
  rng: ReturnType<typeof random>;
  extra: ReturnType<typeof random>;
  staffIds: Map<string, string>;
  /** Leave it waiting after acknowledgement (so some cases are overdue). */
  stalled: boolean;
  /** "Today" for the demo. */
  now: Date;
}

/** The path a case takes; it stops wherever "now" falls, or where the scenario ends. */
/** The officer's words for one section of the step's letter, typed in the step's form (decision 0321). */
function words(element: LetterElement, text: string): StepLetterWords {
  return { sections: [{ element, paragraphs: [text] }] };
}

async function playCase(p: Play): Promise<void> {
  const { step, after, rng, d } = p;
  const dcro = p.coordinator;
  const ioId = p.staffIds.get(p.io)!;
  const io2 = `io2-${d}`;
  if (p.kind === "compliment" || p.kind === "comment") {
    if (!(await step(dcro, after(rng.int(1, 6)), "acknowledge-feedback", { letter: words("passed-to", "We have passed what you told us to the team and their manager.") }))) return;
    await step(dcro, after(rng.int(0, 3)), "close", { note: null });
    return;
  }
  if (p.kind === "service-request") {
    if (rng.chance(0.3)) {
      if (!(await step("cso", after(rng.int(1, 4)), "convert-to-complaint", { reason: "The customer is unhappy with how the request was handled" }))) return;
      if (!(await step(dcro, after(1), "triage", { outcome: "accept" }))) return;
      return;
    }
    await step(dcro, after(rng.int(1, 8)), "close", { note: "Done" });
    return;
  }
  // Complaints and member enquiries: triage first.
  const t = rng.next();
  if (p.kind === "complaint" && t < 0.03) {
    await step(dcro, after(1), "triage", { outcome: "excluded", reason: "right-of-appeal", route: "Appeal to the Valuation Tribunal within two months", letter: words("reasons", "Our complaints procedure does not cover decisions you have a right to appeal to a tribunal.") });
    return;
  }
  if (p.kind === "complaint" && t < 0.05) {
    await step(dcro, after(1), "triage", { outcome: "wrongly-addressed", body: p.wrongBody.body, bodyContact: p.wrongBody.contact });
    return;
  }
  if (p.kind === "complaint" && t < 0.07) {
    await step(dcro, after(1), "triage", { outcome: "not-a-complaint", agreedWithCustomer: true, note: "A first request for service; passed to the team", letter: words("reasons", "This is the first time you have asked us for this, so we have treated it as a request for the service.") });
    return;
  }
  if (!(await step(dcro, after(rng.int(0, 2)), "triage", { outcome: "accept" }))) return;
  if (p.kind === "foi-eir-review") return playReview(p);
  if (!(await step(dcro, after(rng.int(0, 2)), "assign", { handlerId: ioId }))) return;
  // Adult social care's acknowledgement always offers to discuss the complaint (plugins/adult-social-care).
  const mustOffer = p.rules.plugins.includes("adult-social-care");
  // Children's social care has no acknowledgement at Stage 1: the officer goes straight on.
  if ((await p.can(p.io, "acknowledge")) && !(await step(p.io, after(rng.int(1, 4)), "acknowledge", { offerToDiscuss: rng.chance(0.5) || mustOffer }))) return;
  if (p.stalled) return;
  if (rng.chance(0.15)) {
    if (!(await step(p.io, after(rng.int(1, 4)), "request-information", { id: "info-1", from: "customer", what: "Copies of the bills and bank statements", pause: true, letter: words("consequences-of-no-reply", "If we do not hear from you within 10 working days, we will look into your complaint with the information we have.") }))) return;
    if (!(await step(p.io, after(rng.int(2, 6)), "receive-information", { id: "info-1" }))) return;
  }
  if (rng.chance(0.12) && (await p.can(p.io, "extend"))) {
    const when = after(rng.int(3, 7));
    // An extension is agreed before the response is due (code 6.4): a stage due sooner (Lewisham's 10 days from receipt) is simply answered.
    if (await p.dueAfter(when)) {
      if (!(await step(p.io, when, "extend", { workingDays: rng.int(5, 10), reason: "We are waiting for the contractor's report", ombudsmanDetailsGiven: true }))) return;
      if (!(await step(p.io, after(rng.int(3, 6)), "holding-response", { summary: "Still waiting for the contractor; we expect to reply by the new date" }))) return;
    }
  }
  const outcome = rng.pick(["upheld", "partly-upheld", "not-upheld", "not-upheld"] as const);
  const remedies =
    outcome === "not-upheld"
      ? []
      : [
          { id: "apology", type: "apology" as const, description: "A written apology", ownerId: ioId, dueOn: null },
          ...(rng.chance(0.4) ? [{ id: "fix", type: "action" as const, description: "Put right the problem complained about", ownerId: ioId, dueOn: dateAfter(after(10)) }] : []),
          // Compensation in each of Lewisham's bands (6.3); above the officer's own limit the Head of Service approves it first.
          ...(p.extra.chance(0.3)
            ? [{ id: "pay", type: "financial" as const, description: "A payment for the time and trouble", ownerId: ioId, dueOn: dateAfter(after(10)), amountPence: p.extra.pick([5000, 8000, 10000, 15000, 25000, 40000, 60000, 90000]), financialKind: "compensation" as const }]
            : []),
        ];
  const [rootCause, lessons, action] = p.extra.pick(LEARNING);
  const learning = outcome === "not-upheld" ? undefined : { rootCause, lessons, improvementActions: rng.chance(0.5) ? [{ id: "brief", description: action, ownerId: ioId, dueOn: dateAfter(after(20)) }] : [] };
  // SI 2009/309 reg 14(1): an adult social care response is signed by the responsible person.
  const signed = p.rules.regime.stages.find((s) => s.id === "stage-1")?.signedByResponsiblePerson ? { signedBy: p.signatory } : {};
  const respondOn = after(rng.int(3, 9));
  const response = { outcome, reasons: "We looked at the records and spoke to the team. " + (outcome === "not-upheld" ? "The service was delivered as it should have been." : "We got this wrong and are putting it right."), remedies, ...(learning ? { learning } : {}), ...signed };
  // A payment above the officer's delegated limit waits for the Head of Service's approval (decision 0324).
  const payment = Math.max(0, ...remedies.map((r) => ("amountPence" in r ? (r.amountPence ?? 0) : 0)));
  const approval = payment > delegatedLimitOf(p.rules, ["investigating-officer"]) ? { approvalId: "pay-1" } : {};
  if (approval.approvalId) {
    if (!(await step(p.io, respondOn, "request-approval", { approvalId: approval.approvalId, response }))) return;
    if (!(await step(`hos-${d}`, respondOn, "decide-approval", { approvalId: approval.approvalId, decision: "approve" }))) return;
  }
  if (!(await step(p.io, respondOn, "respond", { ...response, ...approval }))) return;
  if (remedies.some((r) => r.id === "fix") && rng.chance(0.6)) {
    if (!(await step(p.io, after(rng.int(3, 10)), "complete-remedy", { remedyId: "fix" }))) return;
  }
  // A complaint about a named officer is not escalated here: Stage 2 would need someone
  // independent of both the officer complained about and the Stage 1 investigator.
  const closeNow = rng.chance(0.65);
  // A one-stage regime (adult social care) goes to the Ombudsman, not to Stage 2.
  if (p.kind === "member-enquiry" || closeNow || p.coordinator === "manager" || !(await p.can("cso", "escalate"))) {
    await step(dcro, after(rng.int(15, 25)), "close", { note: null });
    return;
  }
  if (!(await step(p.coordinator === "manager" ? "manager" : "cso", after(rng.int(2, 12)), "escalate", { reason: p.extra.pick(["The repair is still not done", "The response did not answer all my points", "The compensation offered is too low", "The customer is not satisfied with the response"]) }))) return;
  if (!(await step(dcro, after(rng.int(0, 2)), "assign", { handlerId: p.staffIds.get(io2)! }))) return;
  if ((await p.can(io2, "acknowledge")) && !(await step(io2, after(rng.int(1, 4)), "acknowledge", {}))) return;
  if (!(await investigate(p, io2))) return;
  // Lancaster: a Stage 2 review that finds the complaint was not dealt with thoroughly sends it back to Stage 1.
  if ((await p.can(dcro, "refer-back")) && rng.chance(0.3)) {
    if (!(await step(dcro, after(rng.int(3, 8)), "refer-back", { reason: "The review found points the Stage 1 investigation did not look into" }))) return;
    if (!(await step(dcro, after(1), "assign", { handlerId: ioId }))) return;
    if ((await p.can(p.io, "acknowledge")) && !(await step(p.io, after(1), "acknowledge", { offerToDiscuss: mustOffer }))) return;
    if (!(await step(p.io, after(rng.int(4, 9)), "respond", { outcome: "partly-upheld", reasons: "We looked again at the points the review found we had missed.", remedies: [{ id: "referral-apology", type: "apology", description: "A written apology for the points we missed the first time", ownerId: ioId, dueOn: null }] }))) return;
    await step(dcro, after(rng.int(15, 25)), "close", { note: null });
    return;
  }
  // Stage 2's answer may need a senior officer (children's social care: a head of service or director).
  const responder = (await p.can(io2, "respond")) ? io2 : (await p.can(`hos-${d}`, "respond")) ? `hos-${d}` : `director-${d}`;
  const answered = after(rng.int(6, 18));
  const finding = rng.pick(["upheld", "partly-upheld", "not-upheld"] as const);
  // What Stage 2 puts right, recorded with the decision as the form asks, so the letter says it.
  // Left out, deliberately, for upheld answers of the last week: the officer will write what
  // is put right in the letter itself, a task the demo shows on the work queue ("Write the
  // Stage 2 response letter … missing: what we will do to put things right").
  const draftedLater = p.now.getTime() - answered.getTime() < RECENT_MS;
  const stage2Remedies =
    finding === "not-upheld" || draftedLater
      ? []
      : [
          { id: "stage-2-apology", type: "apology" as const, description: "A written apology for how the complaint was handled at Stage 1", ownerId: p.staffIds.get(io2)!, dueOn: null },
          { id: "stage-2-review", type: "action" as const, description: "Go through the points Stage 1 missed with the service and put them right", ownerId: ioId, dueOn: dateAfter(new Date(answered.getTime() + 14 * 86_400_000)) },
        ];
  if (!(await step(responder, answered, "respond", { outcome: finding, reasons: "A senior officer reviewed the Stage 1 investigation and the evidence.", remedies: stage2Remedies, letter: words("complaint-definition", "Whether the Stage 1 investigation answered every point you raised, and whether its outcome was right.") }))) return;
  // Lewisham: some go on to the Independent Adjudicator (Stage 3) instead of closing.
  if (p.rules.plugins.includes("independent-adjudicator") && (await p.can("cso", "escalate")) && rng.chance(0.3)) {
    await playAdjudication(p);
    return;
  }
  if (!(await step(dcro, after(rng.int(1, 3)), "close", { note: null }))) return;
  if (rng.chance(0.25)) {
    const received = after(rng.int(10, 30));
    if (!(await step("manager", received, "ombudsman-enquiry", { enquiryId: "lgsco-1", body: "lgsco", reference: `LGSCO-${rng.int(10, 99)}-${rng.int(100, 999)}`, responseDueOn: dateAfter(after(20, received)) }))) return;
    // The Head of Service approves the reply before it goes (decision 0324).
    const replied = after(rng.int(5, 15));
    if (!(await step("manager", replied, "request-approval", { approvalId: "lgsco-1-reply", enquiryId: "lgsco-1" }))) return;
    if (!(await step(`hos-${d}`, replied, "decide-approval", { approvalId: "lgsco-1-reply", decision: "approve" }))) return;
    await step("manager", replied, "ombudsman-response", { enquiryId: "lgsco-1", approvalId: "lgsco-1-reply" });
  }
}

/**
 * What Stage 2's investigation needs before its answer, as the rules say: the agreed statement
 * of complaint where the response counts from it (Leeds para 22; children's Stage 2), and
 * children's Stage 2 investigating officer and Independent Person (plugins/children-social-care).
 */
async function investigate(p: Play, who: string): Promise<boolean> {
  const { step, after, rng } = p;
  const stage2 = p.rules.regime.stages.find((s) => s.id === "stage-2");
  if (stage2?.respond.from === "agreed-statement" && (await p.can(who, "agree-statement"))) {
    if (!(await step(who, after(rng.int(1, 3)), "agree-statement", {}))) return false;
  }
  if (p.rules.plugins.includes("children-social-care")) {
    if (!(await step(who, after(1), "add-participant", { role: "investigating-officer", name: "Pat Green (commissioned investigator)" }))) return false;
    if (!(await step(who, after(1), "add-participant", { role: "independent-person", name: "Robin Shah", participantId: "ip-1", isCouncilOfficerOrMember: false }))) return false;
  }
  return true;
}

/** An FOI or EIR internal review: the Director decides it, after Legal's advice (Leeds paras 61–62). */
async function playReview(p: Play): Promise<void> {
  const { step, after, rng } = p;
  const dcro = p.coordinator;
  const director = `director-${p.d}`;
  if (!(await step(dcro, after(rng.int(0, 2)), "assign", { handlerId: p.staffIds.get(director)! }))) return;
  if ((await p.can(dcro, "acknowledge")) && !(await step(dcro, after(rng.int(1, 3)), "acknowledge", {}))) return;
  if (p.stalled) return;
  if (!(await step(dcro, after(rng.int(3, 8)), "notify", { party: "legal", reason: "Advice on the exemption the answer relied on" }))) return;
  if (!(await step(director, after(rng.int(3, 8)), "respond", { outcome: rng.pick(["upheld", "partly-upheld", "not-upheld", "not-upheld"] as const), reasons: "The Director looked again at the request, the answer and Legal Services' advice." }))) return;
  await step(dcro, after(rng.int(5, 15)), "close", { note: null });
}

/** Stage 3: the Independent Adjudicator's review and recommendations, each with an owner and a date (Lewisham). */
async function playAdjudication(p: Play): Promise<void> {
  const { step, after, rng } = p;
  const dcro = p.coordinator;
  const hos = p.staffIds.get(`hos-${p.d}`)!;
  if (!(await step("cso", after(rng.int(2, 10)), "escalate", { reason: "The customer asked for the Independent Adjudicator's review" }))) return;
  if (!(await step(dcro, after(rng.int(0, 2)), "assign", { handlerId: p.staffIds.get("manager")! }))) return;
  if ((await p.can("manager", "acknowledge")) && !(await step("manager", after(rng.int(1, 4)), "acknowledge", {}))) return;
  const upheld = rng.chance(0.5);
  const remedies = upheld ? [{ id: "recommendation", type: "action" as const, description: "Review how the service answers complaints like this one", ownerId: hos, dueOn: dateAfter(after(30)) }] : [];
  if (!(await step("manager", after(rng.int(10, 25)), "respond", { outcome: upheld ? "partly-upheld" : "not-upheld", reasons: "The Independent Adjudicator reviewed how the council handled the complaint at both stages.", remedies }))) return;
  await step(dcro, after(rng.int(1, 3)), "close", { note: null });
}

/** Root cause, lesson and improvement action, as officers record them after an upheld complaint. */
const LEARNING: ReadonlyArray<readonly [string, string, string]> = [
  ["Process not followed", "Team briefing on the procedure", "Brief the team on the procedure"],
  ["No check before bills were sent", "Check a sample of bills before each run", "Add a check before bills are sent"],
  ["Appointments booked without the resident's availability", "Ask for times that suit the resident", "Review how appointment slots are offered"],
  ["Web information out of date", "Keep the collection pages up to date", "Update the web pages on collections"],
  ["Decision not explained", "Explain the reasons for every decision in plain English", "Train staff on explaining decisions"],
];

function dateAfter(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export type { CommandType, StaffRole };
