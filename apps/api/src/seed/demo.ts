/**
 * The demo council for `pnpm start`: staff for every role (simple passwords, printed at
 * start) and a few hundred realistic cases in every stage and state, made by running the
 * real lifecycle (the API's own services, hence core's transitions) with a clock set to
 * each step's moment over the last six months, so due dates, overdue cases and the RAG
 * colours are what a council would see today. Deterministic for a given "today".
 */
import { todayIn, type CaseState, type CommandType, type Clock } from "@complaints/core";
import { authRepository, caseRepository, customerRepository, organisationRepository } from "@complaints/db";
import { TRPCError } from "@trpc/server";
import { createContextInner, type AppDeps, type Context } from "../context.js";
import { toPrincipal } from "../auth/sessions.js";
import { ROLE_LABELS, type StaffRole } from "../access/policy.js";
import type { StaffPrincipal } from "../access/principal.js";
import { logNewCase, runCommand, type CommandKey, type CommandPayload, type LogInput } from "../services/cases.js";
import { conductCommand } from "../services/customers.js";
import { describeError } from "../errors.js";
import { addStaff, installCouncil, type StaffSpec } from "./council.js";
import { demoProfile } from "./profile.js";
import { CATEGORIES, customersPool, descriptionsFor, type DemoCustomer } from "./data.js";
import { seedAfterResponses } from "./learning.js";

export const DEMO_COUNCIL_SLUG = "exampleton";
export const DEMO_PASSWORD = "demo-password";

const directorates = ["corporate", "environment", "housing"] as const;
const teamOf: Record<(typeof directorates)[number], string> = {
  corporate: "council-tax/billing",
  environment: "waste/collections",
  housing: "repairs/responsive",
};
const titled = (d: string) => d[0]!.toUpperCase() + d.slice(1);

/** One account per role (directorate roles in each directorate). */
export function demoStaff(): StaffSpec[] {
  const specs: StaffSpec[] = [
    { key: "cso", name: "Chris Contact", email: "cso@exampleton.gov.uk", jobTitle: "Customer Services Officer", team: "customer-services/contact-centre", roles: [{ role: "customer-services", directorate: null }], password: DEMO_PASSWORD },
    { key: "manager", name: "Morgan Resolve", email: "manager@exampleton.gov.uk", jobTitle: "Complaints Manager", team: "customer-services/contact-centre", roles: [{ role: "complaints-manager", directorate: null }], password: DEMO_PASSWORD },
    { key: "qa", name: "Quinn Assure", email: "qa@exampleton.gov.uk", jobTitle: "Quality Assurance Officer", roles: [{ role: "quality-assurance", directorate: null }], password: DEMO_PASSWORD },
    { key: "legal", name: "Lee Gal", email: "legal@exampleton.gov.uk", jobTitle: "Solicitor", roles: [{ role: "legal", directorate: null }], password: DEMO_PASSWORD },
    { key: "admin", name: "Ada Admin", email: "admin@exampleton.gov.uk", jobTitle: "System Administrator", roles: [{ role: "administrator", directorate: null }], password: DEMO_PASSWORD },
    // A second administrator: an administrator's own case-reading role needs another's approval (issue 20).
    { key: "admin2", name: "Bea Backup", email: "admin2@exampleton.gov.uk", jobTitle: "Deputy System Administrator", roles: [{ role: "administrator", directorate: null }], password: DEMO_PASSWORD },
    { key: "auditor", name: "Audrey Read", email: "auditor@exampleton.gov.uk", jobTitle: "Internal Auditor", roles: [{ role: "auditor", directorate: null }], password: DEMO_PASSWORD },
  ];
  const people: Record<string, [string, string, string, string, string]> = {
    corporate: ["Ivy Ingram", "Ian Irwin", "Dana Cole", "Hana Shah", "Drew Dent"],
    environment: ["Eve Evans", "Ed Ellis", "Della Cruz", "Harry Stone", "Dev Patel"],
    housing: ["Holly Hart", "Hugo Hale", "Dora Reid", "Hattie Bloom", "Dom Price"],
  };
  for (const d of directorates) {
    const [io1, io2, dcro, hos, director] = people[d]!;
    const at = (key: string) => `${key}.${d}@exampleton.gov.uk`;
    specs.push(
      { key: `io-${d}`, name: io1, email: at("io"), jobTitle: "Investigating Officer", team: teamOf[d], roles: [{ role: "investigating-officer", directorate: d }], password: DEMO_PASSWORD },
      { key: `io2-${d}`, name: io2, email: at("io2"), jobTitle: "Senior Investigating Officer", team: teamOf[d], roles: [{ role: "investigating-officer", directorate: d }], password: DEMO_PASSWORD },
      { key: `dcro-${d}`, name: dcro, email: at("dcro"), jobTitle: "Departmental Customer Relations Officer", team: teamOf[d], roles: [{ role: "dcro", directorate: d }], password: DEMO_PASSWORD },
      { key: `hos-${d}`, name: hos, email: at("hos"), jobTitle: "Head of Service", roles: [{ role: "head-of-service", directorate: d }], password: DEMO_PASSWORD },
      { key: `director-${d}`, name: director, email: at("director"), jobTitle: `Director of ${titled(d)}`, roles: [{ role: "director", directorate: d }], password: DEMO_PASSWORD },
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

export function demoLogins(): DemoLogin[] {
  return demoStaff().map((s) => ({
    role: ROLE_LABELS[s.roles[0]!.role],
    scope: s.roles[0]!.directorate ? titled(s.roles[0]!.directorate) : "All directorates",
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

const SERVICES: Array<{ code: string; directorate: (typeof directorates)[number]; weight: number }> = [
  { code: "council-tax", directorate: "corporate", weight: 5 },
  { code: "customer-services", directorate: "corporate", weight: 2 },
  { code: "waste", directorate: "environment", weight: 6 },
  { code: "highways", directorate: "environment", weight: 3 },
  { code: "repairs", directorate: "housing", weight: 6 },
  { code: "tenancy", directorate: "housing", weight: 3 },
];

/**
 * Seeds the demo council once. `now` anchors the six months of history (default: the clock).
 */
export async function seedDemo(deps: AppDeps, options: { now?: Date; cases?: number; onProgress?: (done: number, total: number) => void } = {}): Promise<SeedReport> {
  const db = deps.database.db;
  const existing = await organisationRepository.findCouncilBySlug(db, DEMO_COUNCIL_SLUG);
  if (existing) return { created: false, councilId: existing.id, cases: 0, refused: 0, byStatus: {} };

  const now = options.now ?? deps.clock.now();
  const total = options.cases ?? 300;
  const installed = await installCouncil(db, { slug: DEMO_COUNCIL_SLUG, profile: demoProfile(deps.councils.plugins) }, deps.councils.plugins, new Date(now.getTime() - 200 * 86_400_000));
  const staffIds = await addStaff(db, installed, demoStaff(), now);
  const principals = new Map<string, StaffPrincipal>();
  for (const [key, id] of staffIds) principals.set(key, toPrincipal((await authRepository.findStaffById(db, id))!, null));
  const runtime = await deps.councils.get(installed.councilId);

  const clock = new SeedClock(now);
  const seedDeps: AppDeps = { ...deps, clock };
  const ctxFor = (key: string): Context => createContextInner({ deps: seedDeps, principal: principals.get(key)! });
  const rng = random(20261123);
  // A second sequence for what came later (compensation, learning, quality checks, equality
  // monitoring), so the cases the first one made stay the same.
  const extra = random(20261126);
  const customers = customersPool();
  const report: SeedReport = { created: true, councilId: installed.councilId, cases: 0, refused: 0, byStatus: {} };
  const calendar = runtime.book.rulesFor("council-tax", "complaint").calendar;
  /** A moment `days` working days after `date`, at a plausible office hour. */
  const after = (from: Date, workingDays: number): Date => {
    const day = calendar.addWorkingDays(todayIn({ now: () => from }), workingDays);
    return new Date(`${day}T${String(rng.int(9, 16)).padStart(2, "0")}:${String(rng.int(0, 59)).padStart(2, "0")}:00Z`);
  };

  const weighted = SERVICES.flatMap((s) => Array.from({ length: s.weight }, () => s));
  for (let i = 0; i < total; i++) {
    const service = rng.pick(weighted);
    const d = service.directorate;
    const ageDays = Math.floor(Math.pow(rng.next(), 1.3) * 175) + 1;
    const receivedAt = new Date(now.getTime() - ageDays * 86_400_000);
    receivedAt.setUTCHours(rng.int(8, 18), rng.int(0, 59), 0, 0);
    if (receivedAt > now) receivedAt.setTime(now.getTime() - 3_600_000);
    const roll = rng.next();
    const kind: CaseState["kind"] = roll < 0.78 ? "complaint" : roll < 0.85 ? "compliment" : roll < 0.89 ? "comment" : roll < 0.94 ? "service-request" : "member-enquiry";
    // Every 40th case is from the same persistent complainant (designated below).
    const customer: DemoCustomer | null = i % 40 === 0 ? customers[0]! : rng.chance(0.04) && kind === "comment" ? null : rng.pick(customers);
    const description = rng.pick(descriptionsFor(service.code, kind));
    // From the index, not the random sequence, so the rest of the demo stays as it was.
    const categories = CATEGORIES[service.code] ?? [];
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
    let at = receivedAt;
    /** Runs the step at `when` if that moment has come; false stops this case here. */
    const step = async <K extends CommandKey>(who: string, when: Date, type: K, payload: CommandPayload<K>): Promise<boolean> => {
      if (when > now) return false;
      at = when;
      clock.set(when);
      try {
        const outcome = await runCommand(ctxFor(who), principals.get(who)!, type, { caseId, expectedVersion: version, ...payload } as never);
        version = outcome.version;
        return true;
      } catch (error) {
        report.refused += 1;
        deps.log.warn("demo seed: a step was refused", { type, error: describe(error) });
        return false;
      }
    };
    // Restricted cases are out of the DCRO's sight: the complaints manager coordinates them.
    const coordinator = restricted ? "manager" : `dcro-${d}`;
    await playCase({ kind, d, io, coordinator, step, after: (n: number, from?: Date) => after(from ?? at, n), rng, extra, staffIds, stalled: rng.chance(0.12) });
    options.onProgress?.(i + 1, total);
  }

  // A persistent complainant: referred, warned, designated with restrictions, review due.
  const persistent = customers[0]!;
  const [row] = await customerRepository.findCustomers(db, { councilId: installed.councilId, email: persistent.email, limit: 1 });
  if (row) {
    const manager = principals.get("manager")!;
    const steps: Array<[number, Parameters<typeof conductCommand>[4]]> = [
      [70, { type: "refer", evidence: "Forty-two calls in three weeks to the contact centre, several abusive; copies of emails to every councillor about the same bin collection." }],
      [60, { type: "warn", behaviourExpected: "Contact the council by email only, about new matters, no more than twice a week.", until: addDays(now, -30) }],
      [45, { type: "designate", restrictions: [{ kind: "single-point-of-contact", contact: "Morgan Resolve, Complaints Manager" }, { kind: "written-contact-only", adjustments: "Large print replies" }], reason: "Calls continued after the warning; the restrictions let genuine new complaints through.", reviewBy: addDays(now, 20) }],
    ];
    let conductVersion = 0;
    for (const [daysAgo, command] of steps) {
      clock.set(new Date(now.getTime() - daysAgo * 86_400_000));
      try {
        conductVersion = (await conductCommand(ctxFor("manager"), manager, row.id, conductVersion, command)).version;
      } catch (error) {
        report.refused += 1;
        deps.log.warn("demo seed: a conduct step was refused", { error: describe(error) });
        break;
      }
    }
  }

  // What follows responses: milestones and progress on improvement actions, resolution plans,
  // monthly quality checks with findings and remedial actions, and equality monitoring forms.
  report.refused += await seedAfterResponses({ deps, councilId: installed.councilId, now, clock, ctxFor, principals, staffIds, rng: extra });

  Object.assign(report.byStatus, await caseRepository.countByStatus(db, installed.councilId));
  return report;
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
  step: <K extends CommandKey>(who: string, when: Date, type: K, payload: CommandPayload<K>) => Promise<boolean>;
  /** Who triages, assigns and closes: the DCRO, or the complaints manager for restricted cases. */
  coordinator: string;
  after: (workingDays: number, from?: Date) => Date;
  rng: ReturnType<typeof random>;
  extra: ReturnType<typeof random>;
  staffIds: Map<string, string>;
  /** Leave it waiting after acknowledgement (so some cases are overdue). */
  stalled: boolean;
}

/** The path a case takes; it stops wherever "now" falls, or where the scenario ends. */
async function playCase(p: Play): Promise<void> {
  const { step, after, rng, d } = p;
  const dcro = p.coordinator;
  const ioId = p.staffIds.get(p.io)!;
  const io2 = `io2-${d}`;
  if (p.kind === "compliment" || p.kind === "comment") {
    if (!(await step(dcro, after(rng.int(1, 6)), "acknowledge-feedback", {}))) return;
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
    await step(dcro, after(1), "triage", { outcome: "excluded", reason: "right-of-appeal", route: "Appeal to the Valuation Tribunal within two months" });
    return;
  }
  if (p.kind === "complaint" && t < 0.05) {
    await step(dcro, after(1), "triage", { outcome: "wrongly-addressed", body: "Exampleshire County Council", bodyContact: "complaints@exampleshire.gov.uk" });
    return;
  }
  if (p.kind === "complaint" && t < 0.07) {
    await step(dcro, after(1), "triage", { outcome: "not-a-complaint", agreedWithCustomer: true, note: "A first request for service; passed to the team" });
    return;
  }
  if (!(await step(dcro, after(rng.int(0, 2)), "triage", { outcome: "accept" }))) return;
  if (!(await step(dcro, after(rng.int(0, 2)), "assign", { handlerId: ioId }))) return;
  if (!(await step(p.io, after(rng.int(1, 4)), "acknowledge", { offerToDiscuss: rng.chance(0.5) }))) return;
  if (p.stalled) return;
  if (rng.chance(0.15)) {
    if (!(await step(p.io, after(rng.int(1, 4)), "request-information", { id: "info-1", from: "customer", what: "Copies of the bills and bank statements", pause: true }))) return;
    if (!(await step(p.io, after(rng.int(2, 6)), "receive-information", { id: "info-1" }))) return;
  }
  if (rng.chance(0.12)) {
    if (!(await step(p.io, after(rng.int(3, 7)), "extend", { workingDays: rng.int(5, 10), reason: "We are waiting for the contractor's report", ombudsmanDetailsGiven: true }))) return;
    if (!(await step(p.io, after(rng.int(3, 6)), "holding-response", { summary: "Still waiting for the contractor; we expect to reply by the new date" }))) return;
  }
  const outcome = rng.pick(["upheld", "partly-upheld", "not-upheld", "not-upheld"] as const);
  const remedies =
    outcome === "not-upheld"
      ? []
      : [
          { id: "apology", type: "apology" as const, description: "A written apology", ownerId: ioId, dueOn: null },
          ...(rng.chance(0.4) ? [{ id: "fix", type: "action" as const, description: "Put right the problem complained about", ownerId: ioId, dueOn: dateAfter(after(10)) }] : []),
          // Compensation in each of Lewisham's bands (6.3), approved within the Head of Service's limit.
          ...(p.extra.chance(0.3)
            ? [{ id: "pay", type: "financial" as const, description: "A payment for the time and trouble", ownerId: ioId, dueOn: dateAfter(after(10)), amountPence: p.extra.pick([5000, 8000, 10000, 15000, 25000, 40000, 60000, 90000]), financialKind: "compensation" as const, approverId: p.staffIds.get(`hos-${d}`)!, approverRoles: ["head-of-service" as const] }]
            : []),
        ];
  const [rootCause, lessons, action] = p.extra.pick(LEARNING);
  const learning = outcome === "not-upheld" ? undefined : { rootCause, lessons, improvementActions: rng.chance(0.5) ? [{ id: "brief", description: action, ownerId: ioId, dueOn: dateAfter(after(20)) }] : [] };
  if (!(await step(p.io, after(rng.int(3, 9)), "respond", { outcome, reasons: "We looked at the records and spoke to the team. " + (outcome === "not-upheld" ? "The service was delivered as it should have been." : "We got this wrong and are putting it right."), remedies, ...(learning ? { learning } : {}) }))) return;
  if (remedies.some((r) => r.id === "fix") && rng.chance(0.6)) {
    if (!(await step(p.io, after(rng.int(3, 10)), "complete-remedy", { remedyId: "fix" }))) return;
  }
  // A complaint about a named officer is not escalated here: Stage 2 would need someone
  // independent of both the officer complained about and the Stage 1 investigator.
  const closeNow = rng.chance(0.65);
  if (p.kind === "member-enquiry" || closeNow || p.coordinator === "manager") {
    await step(dcro, after(rng.int(15, 25)), "close", { note: null });
    return;
  }
  if (!(await step(p.coordinator === "manager" ? "manager" : "cso", after(rng.int(2, 12)), "escalate", { reason: p.extra.pick(["The repair is still not done", "The response did not answer all my points", "The compensation offered is too low", "The customer is not satisfied with the response"]) }))) return;
  if (!(await step(dcro, after(rng.int(0, 2)), "assign", { handlerId: p.staffIds.get(io2)! }))) return;
  if (!(await step(io2, after(rng.int(1, 4)), "acknowledge", {}))) return;
  if (!(await step(io2, after(rng.int(6, 18)), "respond", { outcome: rng.pick(["upheld", "partly-upheld", "not-upheld"] as const), reasons: "A senior officer reviewed the Stage 1 investigation and the evidence." }))) return;
  if (!(await step(dcro, after(rng.int(1, 3)), "close", { note: null }))) return;
  if (rng.chance(0.25)) {
    const received = after(rng.int(10, 30));
    if (!(await step("manager", received, "ombudsman-enquiry", { enquiryId: "lgsco-1", body: "lgsco", reference: `LGSCO-${rng.int(10, 99)}-${rng.int(100, 999)}`, responseDueOn: dateAfter(after(20, received)) }))) return;
    await step("manager", after(rng.int(5, 15)), "ombudsman-response", { enquiryId: "lgsco-1", approvedBy: "Head of Service" });
  }
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
