/**
 * The pages every public-sector site must have (issue 14), generated from the council's
 * profile and its resolved rules, never written by hand: the accessibility statement, the
 * privacy notice for complaints data, and "how we handle complaints" — the stages and
 * timescales of the council's own rules as a simple flow, per kind of service where they
 * differ (Lancaster's task group, recommendation 2: simple flow charts for customers).
 * docs/decisions/0515-public-information-pages.md.
 */
import { defaultProfile, describePeriod, type CouncilProfile, type NextBody, type Period, type ResolvedRules, type RuleBook, type StageRules, type Timescale } from "@complaints/core";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { publicCouncil } from "./public.js";

// ---------------------------------------------------------------------------------------------
// How we handle complaints
// ---------------------------------------------------------------------------------------------

export interface ProcessStep {
  stageId: string;
  /** The stage's name as letters and the tracking page give it ("Stage 1"). */
  title: string;
  /** What we do, and by when, in order. */
  weDo: string[];
  /** What the resident can do after this step: ask for the next stage, or go to the Ombudsman. */
  youCan: string;
}

export interface FinalBody {
  id: string;
  name: string;
  /** "within 12 months of our final response", or null when the body sets no limit. */
  within: string | null;
  phone: string | null;
  email: string | null;
  website: string | null;
  /** Where to go after this body (the ICO's decision can go to the First-tier Tribunal). */
  then: string | null;
}

export interface ComplaintProcess {
  /** "complaint", or "foi-eir-review" for a complaint about an FOI or EIR answer. */
  kind: "complaint" | "foi-eir-review";
  /** The rules' name ("Housing Ombudsman Complaint Handling Code 2024"). */
  rules: string;
  /** The services this flow applies to (empty for FOI/EIR reviews, which follow the request). */
  services: string[];
  timeLimit: string | null;
  steps: ProcessStep[];
  finalBody: FinalBody;
}

const ANCHOR_WORDS: Record<string, string> = {
  "stage-request": "of your request",
  "escalation-request": "of your request",
  "panel-request": "of your request for a review panel",
  acknowledgement: "of our acknowledgement",
  "agreed-statement": "of agreeing with you a written summary of your complaint",
  response: "of our response",
};

/** What a stage's timescale counts from, as the resident would say it. */
function anchorWords(t: Timescale, stage: StageRules, kind: ComplaintProcess["kind"]): string {
  if (t.from === "receipt") return kind === "complaint" ? "of receiving your complaint" : "of receiving your request for a review";
  if (t.from.startsWith("milestone:")) {
    const id = t.from.slice("milestone:".length);
    const label = stage.milestones?.find((m) => m.id === id)?.label ?? id.replace(/-/g, " ");
    return `of “${label}”`;
  }
  return ANCHOR_WORDS[t.from] ?? "";
}

const within = (period: Period) => `within ${describePeriod(period)}`;

/**
 * Which cases a timescale's intake variant is for, as a resident would say it (decision 0107:
 * an EIR reconsideration has 40 working days where an FOI review has 20); a field this page has
 * no words for is named as the form does.
 */
const INTAKE_WORDS: Record<string, Record<string, string>> = {
  informationRegime: { eir: "an environmental information (EIR) request", foi: "a freedom of information (FOI) request" },
};
const variantWords = (v: { field: string; equals: string | boolean }) => INTAKE_WORDS[v.field]?.[String(v.equals)] ?? `a case whose ${v.field} is ${String(v.equals)}`;

function stageLabel(rules: ResolvedRules, stageId: string): string | null {
  return rules.regime.stages.find((s) => s.id === stageId)?.label ?? null;
}

function contactOf(profile: CouncilProfile, body: NextBody): { name: string; phone: string | null; email: string | null; website: string | null } {
  const contact = profile.ombudsmen[body.id];
  return { name: contact?.name ?? body.name, phone: contact?.phone ?? null, email: contact?.email ?? null, website: contact?.website ?? null };
}

function finalBody(profile: CouncilProfile, body: NextBody): FinalBody {
  const contact = contactOf(profile, body);
  return {
    id: body.id,
    ...contact,
    within: body.window ? `${within(body.window.period)} of our final response` : null,
    then: body.then ? contactOf(profile, body.then).name : null,
  };
}

/** One stage as the resident meets it: what we do by when, then what they can do. */
function processStep(rules: ResolvedRules, profile: CouncilProfile, stage: StageRules, index: number, kind: ComplaintProcess["kind"]): ProcessStep {
  const first = index === 0;
  const weDo: string[] = [];
  if (stage.acknowledge) {
    // Counted from the request itself: "of receiving it" reads better than naming it twice.
    const fromRequest = ["receipt", "stage-request", "escalation-request", "panel-request"].includes(stage.acknowledge.from);
    weDo.push(`We acknowledge your ${first && kind === "complaint" ? "complaint" : "request"} ${within(stage.acknowledge.period)} ${fromRequest ? "of receiving it" : anchorWords(stage.acknowledge, stage, kind)}.`);
  }
  for (const milestone of stage.milestones ?? []) {
    weDo.push(`${milestone.label}: ${within(milestone.period)} ${anchorWords(milestone, stage, kind)}.`);
  }
  if (stage.referBackTo) {
    const back = stageLabel(rules, stage.referBackTo);
    if (back) weDo.push(`If we find ${back} did not deal with your complaint fully, we may send it back to ${back} to look at again. We will tell you if we do.`);
  }
  weDo.push(
    `We send you our response ${within(stage.respond.period)} ${anchorWords(stage.respond, stage, kind)}${stage.responsePeriodAgreeable ? ", or by a later date we agree with you" : ""}.`,
  );
  for (const variant of stage.respond.byIntake ?? []) {
    weDo.push(`For ${variantWords(variant)}, we send you our response ${within(variant.period)} ${anchorWords(stage.respond, stage, kind)}.`);
  }
  if (stage.extension) {
    const varied = stage.extension.byIntake ?? [];
    weDo.push(
      `If we need more time, we will tell you why and when you will hear from us: no more than ${stage.extension.maxWorkingDays} working days longer${stage.extension.ombudsmanDetailsRequired ? ", and we will tell you how to contact the Ombudsman" : ""}${varied.map((v) => (v.maxWorkingDays > 0 ? `; for ${variantWords(v)}, no more than ${v.maxWorkingDays}` : `; for ${variantWords(v)}, we cannot take longer`)).join("")}.`,
    );
  }
  const next = stage.escalation ? stageLabel(rules, stage.escalation.to) : null;
  let youCan: string;
  if (stage.escalation && next) {
    const window = stage.escalation.window;
    // "6 months from the event or 2 months from our answer, whichever is later" (decision 0107).
    const event: Record<string, string> = { "matter-arose": "of the problem happening", receipt: "of us receiving your complaint", response: "of our response" };
    const later = (stage.escalation.orLaterOf ?? []).map((w) => `, or ${within(w.period)} ${event[w.from] ?? "of your request"}`).join("");
    youCan = `If you are unhappy with our answer, you can ask for ${next}${window ? ` ${within(window.period)} of our response${later}${later ? ", whichever is later" : ""}` : ""}. You do not need to give a reason.${
      window && stage.escalation.lateAllowedWithDiscretion ? " If you ask later, tell us why: we may still agree." : ""
    }`;
  } else {
    const body = contactOf(profile, rules.regime.nextBody);
    const window = rules.regime.nextBody.window;
    youCan = `This is our final response. If you are still unhappy, you can ask the ${body.name} to look at your ${kind === "complaint" ? "complaint" : "request"}${window ? ` ${within(window.period)} of our final response` : ""}.`;
  }
  return { stageId: stage.id, title: stage.label, weDo, youCan };
}

function timeLimitWords(rules: ResolvedRules): string | null {
  const limit = rules.regime.timeLimit;
  if (!limit) return null;
  return `Tell us ${within(limit)} of the problem happening, or of you finding out about it. We may still look at an older complaint if there is a good reason.`;
}

/** The flow of one service's cases of this kind, without the services it applies to. */
export function processFor(rules: ResolvedRules, profile: CouncilProfile, kind: ComplaintProcess["kind"]): Omit<ComplaintProcess, "services"> {
  return {
    kind,
    rules: rules.regime.label,
    timeLimit: kind === "complaint" ? timeLimitWords(rules) : null,
    steps: rules.regime.stages.map((stage, i) => processStep(rules, profile, stage, i, kind)),
    finalBody: finalBody(profile, rules.regime.nextBody),
  };
}

/**
 * Every flow a resident can meet at this council: complaints per group of services whose
 * flows are the same (most services share one; housing and social care differ), then
 * complaints about FOI/EIR answers where a plugin handles them, the largest group first.
 */
export function complaintProcesses(book: RuleBook, profile: CouncilProfile): ComplaintProcess[] {
  const groups = new Map<string, ComplaintProcess>();
  const add = (kind: ComplaintProcess["kind"], rules: ResolvedRules, serviceName: string | null) => {
    const flow = processFor(rules, profile, kind);
    const key = JSON.stringify(flow);
    const group = groups.get(key) ?? { ...flow, services: [] };
    if (serviceName && !group.services.includes(serviceName)) group.services.push(serviceName);
    groups.set(key, group);
  };
  for (const directorate of profile.directorates) {
    for (const service of directorate.services) {
      add("complaint", book.rulesFor(service.id, "complaint"), service.name);
      const review = book.rulesFor(service.id, "foi-eir-review");
      // Only where a plugin takes FOI/EIR reviews over; elsewhere they would follow the complaint rules.
      if (review.regime.family === "foi-eir") add("foi-eir-review", review, null);
    }
  }
  return [...groups.values()].sort((a, b) => (a.kind === b.kind ? b.services.length - a.services.length : a.kind === "complaint" ? -1 : 1));
}

/** The council's complaint flows and how compliments and comments are answered. */
export async function howWeHandleComplaints(ctx: Context) {
  const runtime = await publicCouncil(ctx);
  const { profile, book } = runtime;
  const first = book.serviceIds()[0];
  const feedback = first ? book.rulesFor(first, "compliment").regime.feedbackAcknowledge : null;
  return {
    council: councilName(runtime),
    processes: complaintProcesses(book, profile),
    feedback: feedback ? `We acknowledge compliments and comments ${within(feedback.period)} of receiving them.` : null,
    contact: letterheadContact(profile),
  };
}

// ---------------------------------------------------------------------------------------------
// Accessibility statement
// ---------------------------------------------------------------------------------------------

const ENFORCEMENT = {
  ehrc: {
    body: "Equality and Human Rights Commission (EHRC)",
    adviser: "Equality Advisory and Support Service (EASS)",
    website: "www.equalityadvisoryservice.com",
  },
  ecni: {
    body: "Equality Commission for Northern Ireland (ECNI)",
    adviser: "Equality Commission for Northern Ireland (ECNI)",
    website: "www.equalityni.org",
  },
} as const;

function councilName(runtime: CouncilRuntime) {
  return runtime.profile.name;
}

function letterheadContact(profile: CouncilProfile) {
  const l = profile.letterhead;
  return { phone: l.phone, email: l.email || null, website: l.website, addressLines: l.addressLines, postcode: l.postcode };
}

const dateOf = (at: Date) => at.toISOString().slice(0, 10);

/**
 * The accessibility statement's facts, in the order of GOV.UK's model statement: who runs
 * the site and how to ask for other formats or report a problem (the letterhead), who
 * enforces the regulations (the ECNI for a Northern Ireland council, else the EHRC), the
 * compliance status and known problems (the profile's), and the dates. Until the council
 * dates the statement itself, it is dated when the settings it is made from last changed.
 */
export async function accessibilityStatement(ctx: Context) {
  const runtime = await publicCouncil(ctx);
  const { profile } = runtime;
  const a = profile.publicInformation.accessibility;
  const northernIreland = profile.calendar.nations?.includes("northern-ireland") ?? false;
  return {
    council: councilName(runtime),
    contact: letterheadContact(profile),
    otherFormats: a.otherFormats,
    enforcement: { nation: northernIreland ? ("northern-ireland" as const) : ("great-britain" as const), ...ENFORCEMENT[northernIreland ? "ecni" : "ehrc"] },
    compliance: a.compliance,
    knownIssues: a.knownIssues.map((i) => ({ issue: i.issue, criterion: i.criterion ?? null, fixBy: i.fixBy ?? null })),
    preparedOn: a.preparedOn ?? dateOf(runtime.council.updatedAt),
    /** False: the date is when the council's settings last changed, not one the council set. */
    preparedOnSet: a.preparedOn !== undefined,
    reviewedOn: a.reviewedOn ?? null,
    /** The council's own test (an audit, testing with disabled people), when it has recorded one. */
    councilTest: a.lastTestedOn ? { on: a.lastTestedOn, by: a.testedBy ?? null } : null,
  };
}

// ---------------------------------------------------------------------------------------------
// Privacy notice
// ---------------------------------------------------------------------------------------------

/**
 * The privacy notice's facts: the council as controller, its data protection officer, who
 * complaint records are shared with (the bodies the council's own flows end at: the LGSCO,
 * the Housing Ombudsman where a housing plugin is on, the ICO where FOI/EIR reviews are),
 * and how long they are kept. What is collected is what the public forms ask
 * (services/public.ts); equality answers are kept apart from the case (decision 0707).
 */
export async function privacyNotice(ctx: Context) {
  const runtime = await publicCouncil(ctx);
  const { profile, book } = runtime;
  const p = profile.publicInformation.privacy;
  const contact = letterheadContact(profile);
  const dpo = p.dataProtectionOfficer;
  // Each body once, with whether complaints, FOI/EIR reviews or both can reach it.
  const shared = new Map<string, { name: string; website: string | null; complaints: boolean; informationRequests: boolean }>();
  for (const flow of complaintProcesses(book, profile)) {
    const body = flow.finalBody;
    const entry = shared.get(body.id) ?? { name: body.name, website: body.website, complaints: false, informationRequests: false };
    if (flow.kind === "complaint") entry.complaints = true;
    else entry.informationRequests = true;
    shared.set(body.id, entry);
  }
  const ico = profile.ombudsmen.ico ?? defaultProfile.ombudsmen.ico!;
  return {
    council: councilName(runtime),
    controller: { ...contact, icoRegistration: p.icoRegistration ?? null },
    dataProtectionOfficer: {
      name: dpo?.name ?? "Data Protection Officer",
      email: dpo?.email ?? contact.email,
      phone: dpo?.phone ?? null,
      addressLines: dpo?.addressLines ?? contact.addressLines,
      postcode: dpo?.postcode ?? contact.postcode,
    },
    sharedWith: [...shared.values()],
    retentionYearsAfterClosure: p.retentionYearsAfterClosure,
    ico: { name: ico.name, phone: ico.phone ?? null, website: ico.website ?? null },
  };
}
