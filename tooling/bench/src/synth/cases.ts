/**
 * Cases, played through core's real `transition` one command at a time, each at its own
 * moment (the clock is set to it), so every snapshot, due date and event is one the product
 * itself would have made. A case stops wherever "now" falls: recent cases are open, in every
 * stage and phase; older ones are closed in every way a case can close.
 *
 * Everything about case `i` comes from random streams seeded by (seed, i), so cases can be
 * generated in any order, in parallel, and always come out the same.
 */
import {
  delegatedLimitOf,
  stageRulesForCase,
  transition,
  transitionConduct,
  emptyConduct,
  type Actor,
  type CaseCommand,
  type CaseEvent,
  type CaseState,
  type ConductCommand,
  type ConductState,
  type Flag,
  type LogCase,
  type Outcome,
  type Refusal,
  type ResolvedRules,
  type StageRules,
} from "@complaints/core";
import { GENERIC_CATEGORIES, SERVICES, syntheticCouncil, type ServiceSpec, type SyntheticCouncil } from "./council.js";
import {
  COMPENSATION_BANDS,
  LEWISHAM_5_2,
  OMBUDSMAN_SHARE,
  OTHER_KINDS,
  STAGE_3_COMPENSATION_SHARE,
  STAGE_3_ON_TIME,
  STAGE_3_OUTCOMES,
  STAGE_3_SHARE_OF_STAGE_2,
  STAGE_OUTCOMES,
  TRIAGE_OUTCOMES,
  type DirectorateRow,
} from "./lewisham.js";
import { londonDate } from "./london.js";
import { customerDetails, member, type CustomerDetails } from "./people.js";
import { idOf, Random } from "./random.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
type Step = DistributiveOmit<Exclude<CaseCommand, LogCase>, "by">;
type RespondStep = Extract<Step, { type: "respond" }>;

export interface WorldOptions {
  seed: number;
  /** The moment the data is "as of": steps after it have not happened yet. */
  now: Date;
  /** How many years of history (cases are received across them). */
  years: number;
  /** Cases per council: case i belongs to council floor(i / councilSize). */
  councilSize: number;
}

/** One applied command, ready for the event log. */
export interface PlayedEvent {
  event: CaseEvent;
  actor: Actor;
  /** The case version the command produced. */
  version: number;
}

export interface GeneratedCustomer {
  id: string;
  key: number;
  details: CustomerDetails;
  createdAt: Date;
}

export interface GeneratedConduct {
  customerId: string;
  state: ConductState;
  events: Array<{ event: { type: string; at: string; by: string; on: string; data: Record<string, unknown> }; actor: Actor; version: number }>;
}

export interface GeneratedCase {
  index: number;
  council: SyntheticCouncil;
  state: CaseState;
  events: PlayedEvent[];
  /** The customer this case introduced (first contact), if any. */
  newCustomer: GeneratedCustomer | null;
  /** The persistent-complainant process this case's customer went through, created with the customer. */
  conduct: GeneratedConduct | null;
  /** The commands a rule refused (the case stopped there); a healthy generator has almost none. */
  refusals: Array<{ command: string; refusal: Refusal }>;
  createdAt: Date;
  updatedAt: Date;
}

const DAY = 86_400_000;

/** Routes of the §5.2 table. */
type Route = "stage1" | "mp" | "mayor" | "councillors";

export interface CaseShape {
  kind: CaseState["kind"];
  directorate: string;
  service: ServiceSpec;
  route: Route;
  /** Feedback left without a name. */
  anonymous: boolean;
}

const DIRECTORATE_WEIGHTS = Object.fromEntries(Object.entries(LEWISHAM_5_2).map(([d, row]) => [d, row.total])) as Record<string, number>;

export class SyntheticWorld {
  private readonly councils = new Map<number, SyntheticCouncil>();
  readonly start: Date;

  constructor(readonly options: WorldOptions) {
    this.start = new Date(options.now.getTime() - options.years * 365.25 * DAY);
  }

  get casesPerYear(): number {
    return this.options.councilSize / this.options.years;
  }

  councilOf(index: number): number {
    return Math.floor(index / this.options.councilSize);
  }

  council(number: number): SyntheticCouncil {
    let council = this.councils.get(number);
    if (!council) {
      council = syntheticCouncil(this.options.seed, number, this.casesPerYear);
      this.councils.set(number, council);
    }
    return council;
  }

  caseId(index: number): string {
    return idOf(this.options.seed, "case-id", index);
  }

  customerId(key: number): string {
    return idOf(this.options.seed, "customer-id", key);
  }

  /** When case `index` arrived: spread over the years, fewer at weekends, mostly in office hours. */
  receivedAt(index: number): Date {
    const rng = Random.of(this.options.seed, "received", index);
    const span = this.options.now.getTime() - this.start.getTime();
    let t = this.start.getTime() + Math.floor(rng.next() * span);
    let day = new Date(t);
    const weekday = day.getUTCDay();
    if ((weekday === 0 || weekday === 6) && rng.chance(0.75)) t += (weekday === 6 ? 2 : 1) * DAY;
    day = new Date(t);
    const web = rng.chance(0.3);
    const hour = web ? rng.int(0, 23) : rng.int(8, 17);
    day.setUTCHours(hour, rng.int(0, 59), rng.int(0, 59), 0);
    if (day > this.options.now) return new Date(this.options.now.getTime() - rng.int(60_000, 3_600_000));
    return day;
  }

  /**
   * The reference: the council's prefix, the year it arrived and the case's number within the
   * council (unique per council; not contiguous within a year).
   */
  reference(index: number, receivedAt: Date, council: SyntheticCouncil): string {
    const local = index - council.index * this.options.councilSize + 1;
    return `${council.prefix}-${londonDate(receivedAt).slice(0, 4)}-${String(local).padStart(6, "0")}`;
  }

  /**
   * What case `index` is and where it goes: a kind Lewisham's report does not count (compliments,
   * comments, service requests, FOI/EIR reviews) at the shares in lewisham.ts, otherwise a
   * directorate by §5.2's totals and a route (Stage 1 complaint, or an MP's, the Mayor's or a
   * councillor's enquiry) by that directorate's row; the service by weight within the directorate.
   */
  shape(index: number): CaseShape {
    const rng = Random.of(this.options.seed, "shape", index);
    const extra = rng.next();
    let kind: CaseState["kind"] | null = null;
    let cumulative = 0;
    for (const [k, share] of Object.entries(OTHER_KINDS) as Array<[CaseState["kind"], number]>) {
      cumulative += share;
      if (extra < cumulative) {
        kind = k;
        break;
      }
    }
    const directorate = kind === "foi-eir-review" ? "resources" : rng.weighted(DIRECTORATE_WEIGHTS);
    const row = LEWISHAM_5_2[directorate]!;
    let service: ServiceSpec;
    if (kind === "foi-eir-review") {
      const code = rng.pick(["resources", "information-governance"]);
      service = SERVICES.find((s) => s.code === code)!;
    } else {
      service = servicePick(rng, directorate);
    }
    let route: Route = "stage1";
    if (!kind) {
      route = rng.weighted({ stage1: row.stage1, mp: row.mp, mayor: row.mayor, councillors: row.councillors });
      kind = route === "stage1" ? "complaint" : "member-enquiry";
    }
    // Statutory social care takes complaints; members' enquiries and feedback go to the directorate's corporate services.
    if (service.statutory && service.statutory !== "housing" && kind !== "complaint") {
      service = SERVICES.find((s) => s.directorate === directorate && !s.statutory) ?? service;
    }
    const anonymous = (kind === "compliment" || kind === "comment") && rng.chance(0.15) && !this.isPersistentKey(index);
    return { kind, directorate, service, route, anonymous };
  }

  /** Persistent complainants: about one customer in 5,000 cases, from early in the history. */
  isPersistentKey(key: number): boolean {
    const local = key % this.options.councilSize;
    return local % 5000 === 17;
  }

  /**
   * Who case `index` is from: a new customer (their key is the case's index), a returning one
   * (the customer of an earlier case of the same council, so frequent complainants accumulate
   * cases), a persistent complainant, or nobody (anonymous feedback).
   */
  customerKeyOf(index: number): number | null {
    if (this.isPersistentKey(index)) return index;
    if (this.shape(index).anonymous) return null;
    const rng = Random.of(this.options.seed, "customer-of", index);
    const first = this.councilOf(index) * this.options.councilSize;
    const roll = rng.next();
    if (roll < 0.015) {
      // Persistent complainants write again and again.
      const candidates: number[] = [];
      for (let k = first + 17; k < index; k += 5000) candidates.push(k);
      if (candidates.length) return rng.pick(candidates);
    }
    if (roll < 0.27 && index > first) {
      // The customer of an earlier case, unless that one was anonymous.
      return this.customerKeyOf(first + Math.floor(rng.next() * (index - first))) ?? index;
    }
    return index;
  }

  generate(index: number): GeneratedCase {
    const council = this.council(this.councilOf(index));
    const play = new CasePlay(this, index, council);
    return play.run();
  }
}

/** The share answered within the standard time for a route in a directorate (§5.2). */
function onTimeShare(row: DirectorateRow, route: Route | "stage2"): number {
  const pct = { stage1: row.stage1OnTime, stage2: row.stage2OnTime, mp: row.mpOnTime, mayor: row.mayorOnTime, councillors: row.councillorsOnTime }[route];
  return pct / 100;
}

function servicePick(rng: Random, directorate: string): ServiceSpec {
  const services = SERVICES.filter((s) => s.directorate === directorate);
  const weights = Object.fromEntries(services.map((s) => [s.code, s.weight])) as Record<string, number>;
  const code = rng.weighted(weights);
  return services.find((s) => s.code === code)!;
}

class CasePlay {
  private readonly rng: Random;
  private readonly now: Date;
  private state: CaseState | null = null;
  private readonly events: PlayedEvent[] = [];
  private readonly refusals: GeneratedCase["refusals"] = [];
  private at: Date;
  private stopped = false;
  private rules!: ResolvedRules;
  private service!: ServiceSpec;
  private directorate!: string;
  private route: Route = "stage1";

  constructor(
    private readonly world: SyntheticWorld,
    private readonly index: number,
    private readonly council: SyntheticCouncil,
  ) {
    this.rng = Random.of(world.options.seed, "case", index);
    this.now = world.options.now;
    this.at = world.receivedAt(index);
  }

  // ---------------------------------------------------------------------------------------
  // People
  // ---------------------------------------------------------------------------------------

  private staff(id: string): Actor {
    const member = this.council.staffById.get(id);
    if (!member) throw new Error(`no staff ${id}`);
    return { id: member.id, name: member.name, roles: member.roles.map((r) => r.role) };
  }

  private cso(): Actor {
    return this.staff(this.rng.pick(this.council.roster.customerServices));
  }

  private dcro(): Actor {
    return this.staff(this.rng.pick(this.council.roster.dcro.get(this.directorate)!));
  }

  private hos(): Actor {
    return this.staff(this.council.roster.headOfService.get(this.service.code)!);
  }

  private director(): Actor {
    return this.staff(this.council.roster.director.get(this.directorate)!);
  }

  private manager(): Actor {
    return this.staff(this.rng.pick(this.council.roster.complaintsManagers));
  }

  /** An investigating officer of the service who has not handled this case's earlier stages. */
  private investigator(exclude: readonly string[] = []): Actor {
    const all = this.council.roster.investigators.get(this.service.code)!;
    const free = all.filter((id) => !exclude.includes(id) && !(this.state?.aboutStaffIds ?? []).includes(id));
    return this.staff(this.rng.pick(free.length ? free : all));
  }

  private handlersSoFar(): string[] {
    return (this.state?.stages ?? []).flatMap((s) => [s.handlerId, ...s.previousHandlerIds]).filter((x): x is string => x !== null);
  }

  // ---------------------------------------------------------------------------------------
  // Time
  // ---------------------------------------------------------------------------------------

  private dateOf(instant: Date): string {
    return londonDate(instant);
  }

  /** `workingDays` after the last step, at an office hour (the same day: a little later). */
  private after(workingDays: number, from: Date = this.at): Date {
    if (workingDays <= 0) return new Date(from.getTime() + this.rng.int(5, 90) * 60_000);
    const day = this.rules.calendar.addWorkingDays(this.dateOf(from), workingDays);
    return new Date(`${day}T${String(this.rng.int(8, 16)).padStart(2, "0")}:${String(this.rng.int(0, 59)).padStart(2, "0")}:00Z`);
  }

  /** A moment on a given date. */
  private on(date: string): Date {
    return new Date(`${date}T${String(this.rng.int(9, 16)).padStart(2, "0")}:${String(this.rng.int(0, 59)).padStart(2, "0")}:00Z`);
  }

  // ---------------------------------------------------------------------------------------
  // Commands
  // ---------------------------------------------------------------------------------------

  /** Applies a command at `when`; false (and the case stops) when that is in the future or a rule refuses. */
  private step(by: Actor, when: Date, command: Step | Omit<LogCase, "by">): boolean {
    if (this.stopped) return false;
    if (when.getTime() > this.now.getTime()) {
      this.stopped = true;
      return false;
    }
    if (when < this.at) when = new Date(this.at.getTime() + 60_000);
    const full = { ...command, by } as CaseCommand;
    // The rules of the case as it is now, as the API looks them up: a kind can change
    // (not a complaint → service request; service request → complaint).
    if (this.state) this.rules = this.council.book.rulesFor(this.state.serviceId, this.state.kind);
    const result = transition(this.state, full, this.rules, { now: () => when });
    if (!result.ok) {
      this.refusals.push({ command: command.type, refusal: result.refusal });
      this.stopped = true;
      return false;
    }
    for (const event of result.events) this.events.push({ event, actor: by, version: result.state.version });
    this.state = result.state;
    this.rules = this.council.book.rulesFor(this.state.serviceId, this.state.kind);
    this.at = when;
    return true;
  }

  private get s(): CaseState {
    return this.state!;
  }

  private get stage() {
    return this.s.stages.at(-1)!;
  }

  /** The stage's rules as they apply to this case (an EIR reconsideration is never extended, decision 0107). */
  private stageRules(stageId = this.stage.stageId): StageRules {
    return stageRulesForCase(this.rules.regime.stages.find((x) => x.id === stageId)!, this.s.intake);
  }

  private responseDue(): string | null {
    const stage = this.stage;
    return this.s.dueDates.find((d) => d.id === `${stage.stageId}#${stage.sequence}.respond`)?.date ?? null;
  }

  // ---------------------------------------------------------------------------------------
  // The case
  // ---------------------------------------------------------------------------------------

  run(): GeneratedCase {
    const rng = this.rng;
    const world = this.world;
    const receivedAt = this.at;
    const caseId = world.caseId(this.index);
    const reference = world.reference(this.index, receivedAt, this.council);

    // What it is and where it goes (see SyntheticWorld.shape).
    const shape = world.shape(this.index);
    const kind = shape.kind;
    this.directorate = shape.directorate;
    this.service = shape.service;
    this.route = shape.route;
    this.rules = this.council.book.rulesFor(this.service.code, kind);

    // Who from.
    const key = world.customerKeyOf(this.index);
    const customerId = key === null ? null : world.customerId(key);
    const newCustomer: GeneratedCustomer | null =
      key === this.index ? { id: customerId!, key, details: customerDetails(Random.of(world.options.seed, "customer-details", key), key), createdAt: receivedAt } : null;
    const customerName = key === null ? null : (newCustomer?.details.fullName ?? customerDetails(Random.of(world.options.seed, "customer-details", key), key).fullName);
    const persistent = key !== null && world.isPersistentKey(key);

    const topic = rng.chance(0.65) ? rng.pick(this.service.categories) : rng.pick(GENERIC_CATEGORIES);
    const log = this.logCommand({ caseId, reference, kind, receivedAt, customer: customerId ? { id: customerId, name: customerName! } : null, topic, persistent });
    this.step(this.cso(), receivedAt, log);

    if (this.state) {
      switch (this.s.kind) {
        case "compliment":
        case "comment":
          this.feedback();
          break;
        case "service-request":
          this.serviceRequest();
          break;
        case "foi-eir-review":
          this.foiReview();
          break;
        default:
          this.complaint();
      }
    }

    const conduct = newCustomer && persistent ? this.conductFor(newCustomer) : null;
    const last = this.events.at(-1);
    return {
      index: this.index,
      council: this.council,
      state: this.state ?? failedLog(this.refusals, this.index),
      events: this.events,
      newCustomer,
      conduct,
      refusals: this.refusals,
      createdAt: receivedAt,
      updatedAt: last ? new Date(last.event.at) : receivedAt,
    };
  }

  private logCommand(p: {
    caseId: string;
    reference: string;
    kind: CaseState["kind"];
    receivedAt: Date;
    customer: { id: string; name: string } | null;
    topic: ServiceSpec["categories"][number];
    persistent: boolean;
  }): Omit<LogCase, "by"> {
    const rng = this.rng;
    const flags: Flag[] = [];
    let aboutStaffIds: string[] = [];
    let priority: LogCase["priority"] = { level: "normal", reason: null };
    const intake: Record<string, unknown> = {};
    let representative: LogCase["representative"] = null;
    const received = this.dateOf(p.receivedAt);
    let matterArose: string | null = rng.chance(0.6) ? addDays(received, -rng.int(0, 90)) : null;

    if (p.kind === "complaint") {
      if (rng.chance(0.04)) flags.push("vulnerability");
      if (rng.chance(0.02)) flags.push("reasonable-adjustments");
      if (rng.chance(0.008)) flags.push("discrimination-or-harassment");
      if (rng.chance(0.004)) flags.push("safeguarding");
      if (rng.chance(0.002)) flags.push("chief-executive");
      if (rng.chance(0.01)) {
        flags.push("named-staff");
        aboutStaffIds = [this.rng.pick(this.council.roster.investigators.get(this.service.code)!)];
      }
      if (rng.chance(0.05)) priority = { level: "high", reason: rng.pick(["Vulnerable resident", "Risk to health", "Child at risk", "Elderly resident without heating"]) };
      if (rng.chance(0.04)) {
        representative = { name: `${rng.pick(["Mary", "John", "Grace", "Peter"])} ${rng.pick(["Okafor", "Smith", "Patel", "Jones"])}`, role: rng.pick(["advocate", "relative", "solicitor"] as const), consent: { basis: rng.pick(["written", "verbal"] as const), recordedOn: received }, replyTo: "customer" };
      }
    }
    if (p.persistent) flags.push("persistent-complainant-contact");
    if (p.kind === "member-enquiry") {
      const role = this.route === "mp" ? "mp" : this.route === "mayor" ? "mayor" : "councillor";
      const m = member(rng, role);
      representative = { name: m.name, role, consent: { basis: "elected-member", recordedOn: received }, replyTo: "representative" };
      intake.enquiryType = rng.chance(0.55) ? "enquiry" : "complaint";
      intake.memberArea = m.area;
    }
    if (p.kind === "foi-eir-review") {
      matterArose = addDays(received, -rng.int(1, 30));
      intake.informationRegime = rng.chance(0.85) ? "foi" : "eir";
      intake.requestReference = `${intake.informationRegime === "foi" ? "FOI" : "EIR"}-${received.slice(0, 4)}-${String(rng.int(1, 9999)).padStart(4, "0")}`;
      if (rng.chance(0.2)) intake.publicInterestTest = true;
    }
    if (this.service.statutory === "housing" && (p.kind === "complaint" || p.kind === "service-request")) {
      intake.tenancyReference = `T${rng.int(100000, 999999)}`;
      intake.tenure = rng.chance(0.85) ? "low-cost-rental" : "low-cost-home-ownership";
      const issue = this.service.code === "lewisham-homes-repairs" ? rng.pick(["repairs", "repairs", "damp-and-mould", "disrepair", "safety"] as const) : rng.pick(["estate-services", "tenancy-management", "rents-and-service-charges", "anti-social-behaviour", "other"] as const);
      intake.housingIssue = issue;
      if (issue === "damp-and-mould" || issue === "disrepair" || issue === "safety") priority = { level: "high", reason: `Housing: ${issue.replace(/-/g, " ")}` };
      if (rng.chance(0.3)) intake.contractor = rng.pick(["Mears", "Morrison", "Kier", "Wates"]);
      if (rng.chance(0.4)) intake.repairRequestReference = `R${rng.int(1000000, 9999999)}`;
    }
    if (this.service.statutory === "adult-social-care") {
      intake.socialCareReference = `ASC-${rng.int(10000, 99999)}`;
      if (rng.chance(0.3)) intake.provider = rng.pick(["Care at Home Ltd", "Lewisham Intermediate Care", "Sunrise Homecare"]);
    }
    if (this.service.statutory === "children-social-care") {
      intake.complainantIsChild = rng.chance(0.3);
      if (intake.complainantIsChild && rng.chance(0.4)) intake.advocate = "Coram Voice";
      intake.socialCareReference = `CSC-${rng.int(1000, 9999)}`;
    }
    // About one complaint in a hundred comes more than a year after the matter (out of time).
    if (p.kind === "complaint" && rng.chance(0.012)) matterArose = addDays(received, -rng.int(400, 900));

    const description = `${p.topic.subCategory}: ${p.topic.about}.${rng.chance(0.5) ? ` ${rng.pick(SENTENCES)}` : ""}`;
    return {
      type: "log",
      id: p.caseId,
      reference: p.reference,
      kind: p.kind,
      channel: p.kind === "member-enquiry" ? rng.pick(["email", "member-portal", "post"] as const) : rng.weighted({ phone: 30, email: 25, web: 30, post: 6, "in-person": 5, "social-media": 3, survey: 1 }),
      receivedAt: p.receivedAt.toISOString(),
      matterArose,
      customer: p.customer,
      representative,
      description,
      desiredOutcome: p.kind === "complaint" ? rng.pick(["An apology", "The problem put right", "An explanation", "A refund", "Compensation for the time lost", "A named person to deal with it"]) : null,
      serviceId: this.service.code,
      otherServiceIds: rng.chance(0.05) ? [servicePick(rng, rng.pick(Object.keys(LEWISHAM_5_2))).code].filter((s) => s !== this.service.code) : [],
      category: p.topic.category,
      subCategory: p.topic.subCategory,
      priority,
      flags,
      aboutStaffIds,
      intake,
    };
  }

  private feedback(): void {
    const by = this.dcro();
    if (this.s.customer && !this.step(by, this.after(this.rng.int(1, 5)), { type: "acknowledge-feedback" })) return;
    this.step(by, this.after(this.rng.int(0, 3)), { type: "close", note: null });
  }

  private serviceRequest(): void {
    if (this.rng.chance(0.25)) {
      if (!this.step(this.cso(), this.after(this.rng.int(1, 8)), { type: "convert-to-complaint", reason: "The customer is unhappy with how the request was handled" })) return;
      this.complaint();
      return;
    }
    this.step(this.dcro(), this.after(this.rng.int(1, 10)), { type: "close", note: "Request completed" });
  }

  /** Triage, then the stages the regime has, each as far as "now" allows. */
  private complaint(): void {
    const rng = this.rng;
    const dcro = this.s.aboutStaffIds.length || this.s.flags.includes("discrimination-or-harassment") ? this.manager() : this.dcro();
    const outOfTime = this.s.matterArose !== null && this.s.matterArose < addDays(this.s.receipt.receivedOn, -365);
    const outcome = outOfTime ? "out-of-time" : this.s.kind === "member-enquiry" ? "accept" : rng.weighted(TRIAGE_OUTCOMES);
    const when = this.after(rng.int(0, 2));
    switch (outcome) {
      case "not-a-complaint":
        if (!this.step(dcro, when, { type: "triage", outcome, agreedWithCustomer: true, note: "A first request for service; passed to the team" })) return;
        this.step(dcro, this.after(rng.int(2, 10)), { type: "close", note: "Service request completed" });
        return;
      case "excluded":
        this.step(dcro, when, { type: "triage", outcome, reason: rng.pick(["legal-proceedings", "right-of-appeal", "insurance-claim", "employment", "already-considered"] as const), route: "You can appeal to the tribunal named in the decision letter, within the time it gives" });
        return;
      case "wrongly-addressed":
        this.step(dcro, when, { type: "triage", outcome, body: rng.pick(["Metropolitan Police", "Transport for London", "NHS South East London", "Lewisham and Greenwich NHS Trust"]), bodyContact: "Their complaints team, by their website" });
        return;
      case "duplicate": {
        const first = this.council.index * this.world.options.councilSize;
        if (this.index === first) break;
        const of = Math.max(first, this.index - rng.int(1, 40));
        const ofReference = this.world.reference(of, this.world.receivedAt(of), this.council);
        this.step(dcro, when, { type: "triage", outcome, ofCaseId: this.world.caseId(of), ofReference });
        return;
      }
      case "out-of-time":
        if (rng.chance(0.6)) {
          this.step(dcro, when, { type: "triage", outcome, decision: "refuse", reasons: "More than 12 months after the matter, and nothing stopped the customer complaining sooner" });
          return;
        }
        if (!this.step(dcro, when, { type: "triage", outcome, decision: "accept-with-discretion", reasons: "The customer was in hospital for most of the year" })) return;
        this.stages();
        return;
      default:
        break;
    }
    if (this.s.status === "new" && !this.step(dcro, when, { type: "triage", outcome: "accept" })) return;
    this.stages();
  }

  private stages(): void {
    const rng = this.rng;
    const regime = this.rules.regime.id;
    // Up to three stages, then the Ombudsman.
    for (let n = 0; n < 3 && !this.stopped; n++) {
      const stage = this.stage;
      const carryOn = this.runStage(stage.stageId);
      if (!carryOn || this.stopped) return;
      const rule = this.stageRules(stage.stageId);
      const next = rule.escalation?.to;
      let escalate = false;
      if (next) {
        const row = LEWISHAM_5_2[this.directorate]!;
        const p = stage.stageId === "stage-1" ? (this.s.kind === "member-enquiry" ? 0.04 : Math.min(0.35, row.stage2 / Math.max(1, row.stage1))) : next === "stage-3" && regime !== "children-social-care-2006" ? STAGE_3_SHARE_OF_STAGE_2 : 0.15;
        escalate = rng.chance(p);
      }
      if (!escalate) break;
      const by = rng.chance(0.5) ? this.cso() : this.dcro();
      if (!this.step(by, this.after(rng.int(2, 12)), { type: "escalate", reason: rng.pick(["The customer is not satisfied with the response", "The response did not answer all the points", "The customer disputes the facts"]) })) return;
    }
    if (this.stopped) return;
    // Closed with the final response, or left for the escalation window to run out.
    const closer = this.s.aboutStaffIds.length ? this.manager() : this.dcro();
    if (!this.step(closer, this.after(rng.int(5, 20)), { type: "close", note: null })) return;
    if (rng.chance(0.008)) {
      if (!this.step(this.manager(), this.after(rng.int(5, 30)), { type: "reopen", reason: "The customer sent new evidence that the response did not consider" })) return;
      const stageId = this.stage.stageId;
      const handler = this.stage.handlerId ? this.staff(this.stage.handlerId) : this.investigator();
      if (!this.respondStep(this.responderFor(stageId, handler), this.after(rng.int(3, 10)), { ...this.respondCommand(stageId, handler), reasons: "We looked again with the new evidence the customer sent." } as RespondStep)) return;
      if (!this.step(closer, this.after(rng.int(2, 10)), { type: "close", note: "Closed again after reconsideration" })) return;
    }
    this.ombudsman();
  }

  /** One stage from assignment to response; false when the case ends inside it (withdrawn). */
  private runStage(stageId: string): boolean {
    const rng = this.rng;
    const rule = this.stageRules(stageId);
    const regime = this.rules.regime.id;
    const sequence = this.stage.sequence;
    // A stage opened by a request received out of hours or at a weekend counts from the next working day.
    if (this.dateOf(this.at) < this.stage.requestedOn) this.at = this.on(this.stage.requestedOn);
    const stalled = this.now.getTime() - this.at.getTime() < 120 * DAY && rng.chance(0.1);
    const coordinator = this.s.aboutStaffIds.length ? this.manager() : this.dcro();

    // Assign a handler independent of the earlier stages (the Independent Adjudicator at Stage 3).
    const handler = stageId === "stage-3" && regime !== "children-social-care-2006" ? this.manager() : this.investigator(this.handlersSoFar());
    if (!this.step(coordinator, this.after(rng.int(0, 2)), { type: "assign", handlerId: handler.id })) return false;

    for (const need of this.rules.notifyBeforeAcknowledging) {
      if (!this.s.flags.includes(need.flag)) continue;
      for (const party of need.parties) {
        if (this.s.notified.some((x) => x.party === party)) continue;
        if (!this.step(handler, this.after(0), { type: "notify", party, reason: `Complaint flagged ${need.flag.replace(/-/g, " ")}` })) return false;
      }
    }
    if (rule.acknowledge) {
      const ackDays = rng.chance(0.9) ? rng.int(0, Math.max(1, (rule.acknowledge.period as { workingDays?: number }).workingDays ?? 3)) : rng.int(4, 9);
      if (!this.step(handler, this.after(ackDays), { type: "acknowledge", offerToDiscuss: regime.startsWith("adult-social-care") ? true : rng.chance(0.5) })) return false;
    }
    if (stalled) {
      this.stopped = true;
      return false;
    }
    if (regime.startsWith("children-social-care") && stageId === "stage-2") {
      if (!this.step(handler, this.after(rng.int(2, 8)), { type: "agree-statement" })) return false;
      if (!this.step(handler, this.after(0), { type: "add-participant", role: "investigating-officer", name: `${handler.name} (Investigating Officer)`, participantId: handler.id })) return false;
      if (!this.step(handler, this.after(1), { type: "add-participant", role: "independent-person", name: rng.pick(["Robin Shah", "Alex Morgan", "Jo Bailey"]), participantId: `ip-${rng.int(1, 40)}`, isCouncilOfficerOrMember: false })) return false;
    }
    if (regime.startsWith("children-social-care") && stageId === "stage-3") {
      const panel = ["Pat Evans", "Sam Hughes", "Chris Lowe", "Dee Walsh"].filter((n) => !this.s.stages.some((s) => s.participants.some((p) => p.name === n)));
      if (!this.step(handler, this.after(rng.int(1, 5)), { type: "add-participant", role: "panel-chair", name: panel[0]!, isCouncilOfficerOrMember: false })) return false;
      if (!this.step(handler, this.after(0), { type: "add-participant", role: "panel-member", name: panel[1]!, isCouncilOfficerOrMember: false })) return false;
      if (!this.step(handler, this.after(0), { type: "add-participant", role: "panel-member", name: panel[2]!, isCouncilOfficerOrMember: false })) return false;
      if (!this.step(handler, this.after(rng.int(10, 28)), { type: "record-milestone", milestoneId: "panel-meeting" })) return false;
      if (!this.step(handler, this.after(rng.int(1, 5)), { type: "record-milestone", milestoneId: "panel-report" })) return false;
    }
    if (regime === "foi-eir-review") {
      if (!this.step(handler, this.after(rng.int(1, 4)), { type: "notify", party: "legal", reason: "Advice on the exemption relied on" })) return false;
      if (this.s.intake.publicInterestTest && !this.step(handler, this.after(rng.int(0, 3)), { type: "notify", party: "executive-member", reason: "Consulted on the public interest test" })) return false;
    }
    if (this.s.intake.contractor && (regime.startsWith("housing") || this.service.statutory === "housing")) {
      if (!this.step(handler, this.after(rng.int(1, 3)), { type: "request-information", id: `contractor:${sequence}`, from: "service", what: `${String(this.s.intake.contractor)}'s account of the work` })) return false;
      if (rng.chance(0.85) && !this.step(handler, this.after(rng.int(2, 6)), { type: "receive-information", id: `contractor:${sequence}` })) return false;
    }
    if (rng.chance(0.12)) {
      const id = `info-${sequence}`;
      if (!this.step(handler, this.after(rng.int(1, 4)), { type: "request-information", id, from: "customer", what: "Copies of the letters and photographs you mentioned", pause: true })) return false;
      if (!this.step(handler, this.after(rng.int(2, 10)), { type: "receive-information", id })) return false;
    }
    if (rng.chance(0.3)) {
      if (!this.step(handler, this.after(rng.int(1, 5)), { type: "record-contact", direction: rng.chance(0.5) ? "out" : "in", channel: rng.pick(["phone", "email"] as const), summary: rng.pick(["Called the customer to understand the complaint", "The customer called for an update", "Emailed the service for its records"]) })) return false;
    }
    if (rng.chance(0.02)) {
      this.step(coordinator, this.after(rng.int(2, 8)), { type: "withdraw", reason: "The customer told us the problem has been sorted out" });
      return false;
    }
    if (rule.responsePeriodAgreeable && rng.chance(0.3)) {
      const due = this.responseDue();
      const agreed = addDays(this.dateOf(this.after(rng.int(20, 40))), 0);
      if (due && this.dateOf(this.at) < due && !this.step(handler, this.after(0), { type: "agree-response-date", date: agreed })) return false;
    }

    // Late or on time, as Lewisham's directorate was (§5.2), and extended now and then.
    const due = this.responseDue();
    const onTime = stageId === "stage-3" && regime !== "children-social-care-2006" ? STAGE_3_ON_TIME : onTimeShare(LEWISHAM_5_2[this.directorate]!, stageId === "stage-2" ? "stage2" : this.route);
    const maxExtension = rule.extension?.maxWorkingDays ?? 0;
    if (maxExtension > 0 && due && rng.chance(0.08) && this.dateOf(this.at) < due) {
      const days = Math.min(maxExtension, rng.int(5, 20));
      if (!this.step(handler, this.on(this.rules.calendar.addWorkingDays(due, -Math.min(3, this.rules.calendar.countWorkingDays(this.dateOf(this.at), due)))), { type: "extend", workingDays: days, reason: "We are waiting for a report from the service", ombudsmanDetailsGiven: true })) return false;
      if (!this.step(handler, this.after(rng.int(2, 6)), { type: "holding-response", summary: "We are still waiting for the report and expect to reply by the new date" })) return false;
    }
    const dueNow = this.responseDue();
    let respondOn: Date;
    if (!dueNow) respondOn = this.after(rng.int(5, 15));
    else if (rng.chance(onTime)) {
      const today = this.dateOf(this.at);
      const span = Math.max(0, this.rules.calendar.countWorkingDays(today, dueNow));
      respondOn = span === 0 ? this.after(0) : this.on(this.rules.calendar.addWorkingDays(today, rng.int(Math.min(1, span), span)));
    } else {
      respondOn = this.on(this.rules.calendar.addWorkingDays(dueNow, rng.int(1, 15)));
    }
    const responder = this.responderFor(stageId, handler);
    return this.respondStep(responder, respondOn, this.respondCommand(stageId, handler));
  }

  /**
   * A payment above the responder's delegated limit is approved first by the Head of Service
   * or, above theirs, the Director (decision 0324), as the API requires.
   */
  private respondStep(responder: Actor, when: Date, command: RespondStep): boolean {
    const payment = Math.max(0, ...(command.remedies ?? []).map((r) => r.amountPence ?? 0));
    if (payment <= delegatedLimitOf(this.rules, responder.roles)) return this.step(responder, when, command);
    const hos = this.hos();
    const approver = payment <= delegatedLimitOf(this.rules, hos.roles) ? hos : this.director();
    const approvalId = `pay-${(this.s.approvals ?? []).length + 1}`;
    const { type: _type, ...response } = command;
    if (!this.step(responder, when, { type: "request-approval", approvalId, response })) return false;
    if (!this.step(approver, when, { type: "decide-approval", approvalId, decision: "approve" })) return false;
    return this.step(responder, when, { ...command, approvalId });
  }

  /** Who may sign the response under the regime. */
  private responderFor(stageId: string, handler: Actor): Actor {
    const needs = this.rules.requiredRoles.filter((r) => r.command === "respond" && (r.stageId === null || r.stageId === stageId));
    if (needs.length === 0) return handler;
    const roles = needs.flatMap((n) => n.roles);
    if (roles.includes("head-of-service")) return this.hos();
    if (roles.includes("director")) return this.director();
    if (roles.includes("complaints-manager")) return this.manager();
    return handler;
  }

  private respondCommand(stageId: string, handler: Actor): RespondStep {
    const rng = this.rng;
    const adjudicator = stageId === "stage-3" && !this.rules.regime.id.startsWith("children");
    const outcome: Outcome = adjudicator ? rng.weighted(STAGE_3_OUTCOMES) : rng.weighted(STAGE_OUTCOMES);
    const remedies: NonNullable<RespondStep["remedies"]> = [];
    const due = (days: number) => this.dateOf(this.after(days));
    if (outcome !== "not-upheld") {
      remedies.push({ id: `apology-${stageId}`, type: "apology", description: "A written apology", ownerId: handler.id, dueOn: adjudicator ? due(5) : null });
      if (rng.chance(0.4)) remedies.push({ id: `action-${stageId}`, type: "action", description: "Put right what went wrong", ownerId: handler.id, dueOn: due(rng.int(10, 30)) });
      const compensation = adjudicator ? rng.chance(STAGE_3_COMPENSATION_SHARE) : rng.chance(0.06);
      if (compensation) {
        const band = rng.weighted(COMPENSATION_BANDS);
        const pounds = band === "up-to-100" ? rng.int(25, 100) : band === "101-to-500" ? rng.int(101, 500) : rng.int(501, 4000);
        remedies.push({
          id: `payment-${stageId}`,
          type: "financial",
          description: pounds > 500 ? "Compensation for the distress and time lost" : "A goodwill payment",
          ownerId: handler.id,
          dueOn: due(10),
          amountPence: pounds * 100,
          financialKind: pounds > 500 ? "compensation" : "goodwill-gesture",
        });
      }
    }
    const learning =
      outcome === "not-upheld"
        ? undefined
        : {
            rootCause: rng.pick(["Process not followed", "Poor communication", "Contractor failure", "Staff shortage", "System error"]),
            lessons: rng.pick(["Team briefing on the procedure", "Check contact details at every call", "Confirm appointments in writing"]),
            improvementActions: rng.chance(0.3) ? [{ id: `improve-${stageId}`, description: "Brief the team on the procedure", ownerId: this.hos().id, dueOn: due(rng.int(20, 40)) }] : [],
          };
    const signedBy = this.stageRules(stageId).signedByResponsiblePerson ? this.hos().name ?? "Head of Service" : null;
    return {
      type: "respond",
      outcome,
      reasons: outcome === "not-upheld" ? "We looked at the records and spoke to the team. The service was delivered as it should have been." : "We looked at the records and spoke to the team. We got this wrong and are putting it right.",
      remedies,
      ...(learning ? { learning } : {}),
      signedBy,
    };
  }

  private foiReview(): void {
    if (!this.step(this.dcro(), this.after(this.rng.int(0, 2)), { type: "triage", outcome: "accept" })) return;
    this.stages();
  }

  /** A share of final responses go to the Ombudsman (LGO 94 of 6,622, §1.3). */
  private ombudsman(): void {
    const rng = this.rng;
    if (this.s.status !== "closed" || this.s.stages.length === 0 || !rng.chance(OMBUDSMAN_SHARE * 1.35)) return;
    const body = this.rules.regime.nextBody.id;
    const manager = this.manager();
    const received = this.after(rng.int(20, 120));
    const responseDue = this.dateOf(this.after(20, received));
    if (!this.step(manager, received, { type: "ombudsman-enquiry", enquiryId: `${body}-1`, body, reference: `${body.toUpperCase()}-${rng.int(10, 99)}-${rng.int(100, 999)}`, responseDueOn: responseDue })) return;
    // The Head of Service approves the reply before it goes (decision 0324).
    const replied = this.after(rng.int(5, 18));
    const approvalId = `${body}-1-reply`;
    if (!this.step(manager, replied, { type: "request-approval", approvalId, enquiryId: `${body}-1` })) return;
    if (!this.step(this.hos(), replied, { type: "decide-approval", approvalId, decision: "approve" })) return;
    if (!this.step(manager, replied, { type: "ombudsman-response", enquiryId: `${body}-1`, approvalId })) return;
    const fault = rng.chance(0.35);
    const remedies = fault ? [{ id: "ombudsman-remedy-1", description: "Apologise and pay £250 for the distress caused", dueOn: this.dateOf(this.after(rng.int(60, 90))), amountPence: 25_000 }] : [];
    if (!this.step(manager, this.after(rng.int(20, 60)), { type: "ombudsman-decision", enquiryId: `${body}-1`, finding: fault ? rng.pick(["fault-injustice", "maladministration"] as const) : rng.pick(["no-fault", "not-investigated", "premature"] as const), injustice: fault, summary: fault ? "Fault causing injustice; the council agreed a remedy" : "No fault, or not investigated", remedies })) return;
    if (fault) {
      if (!this.step(manager, this.after(rng.int(10, 40)), { type: "ombudsman-remedy-complied", enquiryId: `${body}-1`, remedyId: "ombudsman-remedy-1" })) return;
      this.step(manager, this.after(rng.int(1, 10)), { type: "ombudsman-satisfied", enquiryId: `${body}-1` });
    }
  }

  /** Referral, warning, designation and reviews for a persistent complainant, as they happened. */
  private conductFor(customer: GeneratedCustomer): GeneratedConduct | null {
    const rng = Random.of(this.world.options.seed, "conduct", customer.key);
    const manager = this.staff(this.council.roster.complaintsManagers[0]!);
    let state: ConductState = emptyConduct(customer.id);
    const events: GeneratedConduct["events"] = [];
    let at = new Date(customer.createdAt.getTime() + rng.int(60, 200) * DAY);
    const apply = (command: ConductCommand): boolean => {
      if (at > this.now) return false;
      const when = at;
      const result = transitionConduct(state, command, { now: () => when });
      if (!result.ok) return false;
      state = result.state;
      events.push({ event: result.event, actor: command.by, version: state.version });
      return true;
    };
    const day = (d: Date) => londonDate(d);
    if (!apply({ type: "refer", by: manager, evidence: "Dozens of calls a week to the contact centre, several abusive, and the same complaint sent to every councillor" })) return events.length ? { customerId: customer.id, state, events } : null;
    at = new Date(at.getTime() + rng.int(7, 30) * DAY);
    if (apply({ type: "warn", by: manager, behaviourExpected: "Contact the council by email only, about new matters, no more than twice a week", until: day(new Date(at.getTime() + 28 * DAY)) })) {
      // Designated 30–60 days after the warning: after its four weeks have passed (Leeds paras 54–55).
      at = new Date(at.getTime() + rng.int(30, 60) * DAY);
      if (apply({ type: "designate", by: manager, restrictions: [{ kind: "single-point-of-contact", contact: "The Corporate Complaints Manager" }, { kind: "written-contact-only", adjustments: null }], reason: "The calls continued after the warning; genuine new complaints are still logged", reviewBy: day(new Date(at.getTime() + 180 * DAY)) })) {
        for (let review = 0; review < 6; review++) {
          at = new Date(at.getTime() + rng.int(150, 180) * DAY);
          const lift = rng.chance(0.3);
          if (!apply({ type: "review", by: manager, decision: lift ? "lift" : "renew", reason: lift ? "Contact has been reasonable for six months" : "The behaviour continues", ...(lift ? {} : { nextReviewBy: day(new Date(at.getTime() + 180 * DAY)) }) })) break;
          if (lift) break;
        }
      }
    }
    void rng;
    return { customerId: customer.id, state, events };
  }
}

const SENTENCES = [
  "I have had to take time off work twice because of this.",
  "My elderly mother lives with me and this has made things very hard.",
  "I want someone to take responsibility.",
  "This has been going on since the spring.",
  "I was promised a call back that never came.",
  "Nobody seems to know who is dealing with it.",
];

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY).toISOString().slice(0, 10);
}

function failedLog(refusals: GeneratedCase["refusals"], index: number): never {
  throw new Error(`case ${index} could not be logged: ${refusals.map((r) => `${r.command}: ${r.refusal.message}`).join("; ")}`);
}
