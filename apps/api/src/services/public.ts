/**
 * What a member of the public may do without an account (issue 6, "For the public"): see
 * what they may complain about, make a complaint, compliment or comment, and, proving who they
 * are with the case's reference and tracking code, follow it, ask for the next stage and fill
 * in the optional equality monitoring form.
 *
 * Every case goes through the same intake as staff logging (`logNewCase`: core's log command,
 * events, due dates, outbox) as the public actor; escalation is core's escalate command as
 * the public actor. A wrong reference and a wrong code get the same answer, and wrong answers
 * are limited per client address. Nothing here shows staff names or internal notes.
 * docs/decisions/0502-public-forms.md, 0503-public-tracking-codes.md.
 */
import {
  currentStage,
  formatLong,
  todayIn,
  transition,
  PUBLIC_KINDS,
  type CaseState,
  type DueDate,
  LETTER_KIND_NAMES,
  type DueKind,
  type PublicKind,
  type LetterKind,
  type ResidentLanguage,
  type StageInstance,
} from "@complaints/core";
import {
  caseRepository,
  customerRepository,
  equalityRepository,
  inTransaction,
  letterRepository,
  runIdempotently,
  searchRepository,
  EQUALITY_CHARACTERISTICS,
  type CaseRecord,
  type CustomerInput,
  type EqualityAnswers,
  type Executor,
} from "@complaints/db";
import { EQUALITY_QUESTIONS } from "@complaints/reports";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { badInput, notFound, tooManyRequests, unprocessable } from "../errors.js";
import { PublicLimits } from "../public/limits.js";
import { logNewCase, queueStaffAlert, runPublicCommand, WEB_FORM_ACTOR } from "./cases.js";
import { councilOf, enqueueReceipt, trackUrl } from "./receipts.js";
import { residentLanguage } from "./correspondence-recipients.js";

/** The one answer to a wrong reference, a wrong code, or both. */
export const NOT_FOUND_MESSAGE = "We could not find a case with that reference and tracking code. Check them against your confirmation or our letter and try again.";

// ---------------------------------------------------------------------------------------------
// The council and its services
// ---------------------------------------------------------------------------------------------

/** The council the public forms are for: the request's (hosting.ts), or NOT_SET_UP. */
export async function publicCouncil(ctx: Context): Promise<CouncilRuntime> {
  return (await ctx.council()).runtime;
}

function councilContact(runtime: CouncilRuntime) {
  const letterhead = runtime.profile.letterhead;
  return {
    name: runtime.profile.name,
    phone: letterhead.phone,
    email: letterhead.email,
    website: letterhead.website,
    referencePrefix: runtime.council.referencePrefix,
    /** Whether the public pages offer Welsh (decision 0517). */
    welsh: runtime.profile.correspondence.languages !== "english",
  };
}

/** The services the profile offers to the public (`offeredToPublic`): internal ones are left out. */
function offeredServices(runtime: CouncilRuntime) {
  return runtime.profile.directorates.flatMap((d) => d.services.filter((s) => s.offeredToPublic).map((s) => ({ id: s.id, name: s.name, directorate: d.name })));
}

/** The council, the kinds of case and the services the public may choose from. */
export async function publicServices(ctx: Context) {
  const runtime = await publicCouncil(ctx);
  return {
    council: councilContact(runtime),
    kinds: [...PUBLIC_KINDS],
    services: offeredServices(runtime),
  };
}

/** The equality monitoring questions and their answers (Equality Act 2010 s4). */
export function equalityQuestions() {
  return EQUALITY_QUESTIONS.map((q) => ({ characteristic: q.characteristic, question: q.question, answers: q.answers.map((a) => ({ code: a.code, label: a.label })) }));
}

// ---------------------------------------------------------------------------------------------
// Plain words
// ---------------------------------------------------------------------------------------------

const date = (iso: string) => formatLong(iso);

/** The due dates a resident is told about, and how to say each. Internal targets are not. */
const PUBLIC_DUE: Partial<Record<DueKind, (stage: string | null) => string>> = {
  acknowledge: (stage) => `We will acknowledge your complaint${stage ? ` at ${stage}` : ""} by`,
  respond: (stage) => `We will send you our ${stage ? `${stage} ` : ""}response by`,
  "feedback-acknowledge": () => "We will acknowledge your message by",
  "escalation-window": () => "You can ask for the next stage until",
  "next-body-window": () => "You can ask the Ombudsman to look at your complaint until",
};

/**
 * A stage as the public pages name it: the council's label ("Stage 2"), and its place in the
 * rules' stages, from which the Welsh pages name it ("Cam 2"; decision 0517): the label is the
 * council's own words, in one language.
 */
export interface PublicStage {
  label: string;
  number: number | null;
}

export interface PublicDate {
  kind: DueKind;
  /** "We will send you our Stage 1 response by" (the receipts' words; the portal words `kind` itself). */
  what: string;
  /** The stage the date belongs to, or null. */
  stage: PublicStage | null;
  date: string;
  /** Done on this date (the acknowledgement was sent…), or null. */
  doneOn: string | null;
}

/** Names a case's stages: by its own stage history, else by its rules. */
function stageNamer(state: CaseState, runtime: CouncilRuntime): (stageId: string | null | undefined) => PublicStage | null {
  const stages = state.kind === "complaint" ? runtime.book.rulesFor(state.serviceId, state.kind).regime.stages : [];
  return (stageId) => {
    if (!stageId) return null;
    const index = stages.findIndex((s) => s.id === stageId);
    const label = state.stages.find((s) => s.stageId === stageId)?.label ?? stages[index]?.label ?? stageId;
    return { label, number: index >= 0 ? index + 1 : null };
  };
}

function publicDates(state: CaseState, runtime: CouncilRuntime, dues: readonly DueDate[] = state.dueDates): PublicDate[] {
  const name = stageNamer(state, runtime);
  return dues.flatMap((d) => {
    const say = PUBLIC_DUE[d.kind];
    const stage = name(d.stageId);
    return say ? [{ kind: d.kind, what: say(stage?.label ?? null), stage, date: d.date, doneOn: d.metOn }] : [];
  });
}

/**
 * The dates of a complaint that is still waiting for triage, as core will set them once it is
 * accepted: core's own transition, run on a copy and thrown away. A complaint has no stage (so
 * no due dates) until triage opens Stage 1; the resident is told the dates that will apply.
 */
function expectedDates(state: CaseState, runtime: CouncilRuntime, ctx: Context): PublicDate[] {
  if (state.status !== "new" || state.kind !== "complaint") return [];
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const accepted = transition(state, { type: "triage", outcome: "accept", by: { id: "system:preview", roles: ["system"] } }, rules, ctx.clock);
  if (!accepted.ok) return [];
  return publicDates(accepted.state, runtime);
}

/**
 * The dates the resident is told: a complaint waiting for triage, the dates that will apply once
 * it is accepted (its acknowledgement is already owed, core's "promised before triage", and the
 * response date follows from it); any other case, the dates core has set.
 */
function residentDates(state: CaseState, runtime: CouncilRuntime, ctx: Context): { dates: PublicDate[]; expected: boolean } {
  const expected = expectedDates(state, runtime, ctx);
  return expected.length > 0 ? { dates: expected, expected: true } : { dates: publicDates(state, runtime), expected: false };
}

/**
 * Where the case is, as codes the public pages put in words in the resident's language
 * (apps/portal/app/i18n, "track.progress.*"; decision 0517).
 */
export interface Progress {
  is: StageInstance["phase"] | "checking" | "received" | "acknowledged" | "open" | "closed";
  /** Why it closed (core's closure reason), when closed. */
  closure: string | null;
  stage: PublicStage | null;
}

function progressOf(state: CaseState, runtime: CouncilRuntime): Progress {
  const none = { closure: null, stage: null };
  if (state.status === "closed") return { ...none, is: "closed", closure: state.closure?.reason ?? null };
  if (state.status === "new") return { ...none, is: state.kind === "complaint" ? "checking" : "received" };
  const stage = currentStage(state);
  if (stage) return { ...none, is: stage.phase, stage: stageNamer(state, runtime)(stage.stageId) };
  if (state.kind === "compliment" || state.kind === "comment") return { ...none, is: state.feedbackAcknowledgedOn ? "acknowledged" : "received" };
  return { ...none, is: "open" };
}

// ---------------------------------------------------------------------------------------------
// Proof: reference and tracking code
// ---------------------------------------------------------------------------------------------

function clientKey(ctx: Context): string {
  return PublicLimits.clientKey(ctx.request.ip);
}

export function londonTime(at: Date): string {
  return at.toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit", timeZone: "Europe/London" });
}

/** Seconds from now (the injected clock, which the limits count by too) until `at`. */
export function secondsUntil(ctx: Context, at: Date): number {
  return Math.max(1, Math.ceil((at.getTime() - ctx.clock.now().getTime()) / 1000));
}

/**
 * The case with this reference whose tracking code is `code`: otherwise the same "not found"
 * whichever part is wrong, and the wrong answer counts towards the address's limit.
 */
async function provenCase(ctx: Context, input: { reference: string; trackingCode: string }): Promise<{ record: CaseRecord<CaseState>; runtime: CouncilRuntime }> {
  const key = clientKey(ctx);
  const allowed = await ctx.deps.publicLimits.lookupFailures.check(key);
  if (!allowed.ok) {
    throw tooManyRequests(
      "RATE_LIMITED",
      `There have been too many tries with a wrong reference or tracking code from your network. Try again after ${londonTime(allowed.retryAt)}, or phone us.`,
      secondsUntil(ctx, allowed.retryAt),
    );
  }
  const runtime = await publicCouncil(ctx);
  const record = await caseRepository.findCaseByReference<CaseState>(ctx.db, runtime.council.id, input.reference);
  if (await ctx.deps.tracking.matches(record?.id ?? null, input.trackingCode)) return { record: record!, runtime };
  await ctx.deps.publicLimits.lookupFailures.hit(key);
  ctx.deps.log.warn("public lookup refused", { ip: ctx.request.ip });
  throw notFound(NOT_FOUND_MESSAGE);
}

// ---------------------------------------------------------------------------------------------
// Submitting
// ---------------------------------------------------------------------------------------------

export interface PublicSubmission {
  kind: PublicKind;
  serviceId: string;
  description: string;
  desiredOutcome?: string | null | undefined;
  /** Null: anonymous (compliments and comments only). */
  customer: {
    fullName: string;
    email?: string | null | undefined;
    phone?: string | null | undefined;
    address?: string | null | undefined;
    postcode?: string | null | undefined;
    preferredContact: "email" | "post" | "both";
    textUpdates?: boolean | undefined;
  } | null;
  /** The language of the form (decision 0517): kept on the customer where the council offers Welsh. */
  language?: "en" | "cy" | undefined;
  idempotencyKey: string;
}

/**
 * Logs the case through staff intake's own path, as the public, by the web channel. The same
 * idempotency key sent again (a double click, a refresh, a retry after a timeout) gives back
 * the first case; only new cases count towards the address's submission limit.
 */
export async function submit(ctx: Context, input: PublicSubmission) {
  const runtime = await publicCouncil(ctx);
  const key = clientKey(ctx);
  const allowed = await ctx.deps.publicLimits.submissions.check(key);
  if (!allowed.ok) {
    throw tooManyRequests(
      "RATE_LIMITED",
      `We have had too many complaints, compliments and comments from your network in the last hour. Try again after ${londonTime(allowed.retryAt)}, or phone us.`,
      secondsUntil(ctx, allowed.retryAt),
    );
  }
  // A service not offered is refused as one that does not exist: the form never lists it.
  if (!offeredServices(runtime).some((s) => s.id === input.serviceId)) throw badInput("Select the service it is about");
  if (input.kind === "complaint" && !input.customer) {
    throw badInput("Tell us your name and how to contact you: we need them to answer your complaint");
  }
  const customer: CustomerInput | null = input.customer
    ? {
        fullName: input.customer.fullName,
        email: input.customer.email ?? null,
        phone: input.customer.phone ?? null,
        address: input.customer.address ?? null,
        postcode: input.customer.postcode ? input.customer.postcode.toUpperCase() : null,
        preferredContact: input.customer.preferredContact,
        language: residentLanguage(runtime, input.language ?? "en"),
        contactChannel: input.customer.preferredContact,
        smsConsent: input.customer.textUpdates ?? false,
      }
    : null;
  await ctx.deps.tracking.prepare();
  const logged = await logNewCase(
    ctx,
    { kind: "public", councilId: runtime.council.id },
    {
      kind: input.kind,
      channel: "web",
      serviceId: input.serviceId,
      description: input.description,
      desiredOutcome: input.desiredOutcome ?? null,
      customer,
      idempotencyKey: input.idempotencyKey,
    },
    async (trx, applied, rt, directorateId) => {
      // The receipt, in this transaction: sent if and only if the case is stored (decision 0320).
      const state = applied.state;
      const { dates, expected } = residentDates(state, rt, ctx);
      await enqueueReceipt(ctx, trx, {
        councilId: applied.councilId,
        state,
        stageId: null,
        trackingCode: await ctx.deps.tracking.codeFor(applied.caseId),
        facts: {
          for: { what: input.kind, service: offeredServices(rt).find((s) => s.id === input.serviceId)?.name ?? input.serviceId },
          reference: applied.reference,
          receivedOn: state.receipt.receivedOn,
          dates,
          datesExpected: expected,
          council: councilOf(rt),
          trackUrl: await trackUrl(ctx, trx, rt.council),
        },
      });
      // Staff intake shows possible duplicates before logging; here nobody is at the desk, so
      // the service's officers are told at once, in the same transaction as the new case.
      const hits = await searchRepository.findPossibleDuplicates(trx, {
        scope: { councilId: applied.councilId, directorates: "all", includeRestricted: true },
        email: customer?.email ?? null,
        phone: customer?.phone ?? null,
        postcode: customer?.postcode ?? null,
        description: input.description,
        excludeCaseId: applied.caseId,
        limit: 5,
      });
      if (hits.length === 0) return;
      await queueStaffAlert(ctx, trx, rt, applied, directorateId, {
        party: `service:${input.serviceId}`,
        subject: `${applied.reference}: may be the same as ${hits.map((h) => h.reference).join(", ")}`,
        text: `Case ${applied.reference} came in through the online form. These open cases may be the same complaint (${hits.map((h) => `${h.reference}: ${h.reasons.join(", ")}`).join("; ")}). Check them at triage and link a duplicate if it is one.`,
      });
    },
  );
  if (logged.created) await ctx.deps.publicLimits.submissions.hit(key);
  const record = await caseRepository.getCase<CaseState>(ctx.db, logged.caseId);
  const state = record.state;
  const { dates, expected } = residentDates(state, runtime, ctx);
  return {
    reference: logged.reference,
    trackingCode: await ctx.deps.tracking.codeFor(logged.caseId),
    kind: state.kind,
    /** False: this key was seen before; this is the case the first submission made. */
    created: logged.created,
    receivedOn: state.receipt.receivedOn,
    anonymous: state.customer === null,
    /** What happens next: the dates core set for this case (or will set, once it is accepted). */
    dates,
    /** True when the dates are those core will set once the complaint is accepted at triage. */
    datesExpected: expected,
    council: councilContact(runtime),
  };
}

// ---------------------------------------------------------------------------------------------
// Tracking
// ---------------------------------------------------------------------------------------------

/**
 * Why the resident cannot ask for the next stage now, as facts the public pages put in words
 * in the resident's language (decision 0517); `why` says the same in English for the API's
 * own messages.
 */
type Because =
  | { is: "not-a-complaint" }
  | { is: "window-closed"; closedOn: string | null; lateAllowed: boolean }
  | { is: "final-stage"; stage: PublicStage | null; body: string; website: string | null; until: string | null }
  | { is: "closed" }
  | { is: "not-yet"; stage: PublicStage | null; respondBy: string | null }
  | { is: "arrange" };

type EscalationView =
  | { possible: true; toStage: string; to: PublicStage | null }
  | {
      possible: false;
      /** Why not, in plain words, with what the resident can do instead. */
      why: string;
      because: Because;
      /** The stage the resident would go to ("the next stage" when the rules name none). */
      to: PublicStage | null;
      /** Core's refusal code and rule, when core refused. */
      code: string | null;
      rule: string | null;
      /** The time to ask has passed, but the complaints team may still agree to a late request. */
      lateRequest: { toStage: string; closedOn: string } | null;
    };

function escalationView(record: CaseRecord<CaseState>, runtime: CouncilRuntime, ctx: Context): EscalationView {
  const state = record.state;
  const phone = runtime.profile.letterhead.phone;
  if (state.kind === "compliment" || state.kind === "comment" || state.kind === "service-request") {
    return { possible: false, why: "Only complaints have stages. A compliment or comment does not go to a next stage.", because: { is: "not-a-complaint" }, to: null, code: null, rule: null, lateRequest: null };
  }
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const stage = currentStage(state);
  const stageRules = stage ? rules.regime.stages.find((s) => s.id === stage.stageId) : undefined;
  const toId = stageRules?.escalation?.to;
  const name = stageNamer(state, runtime);
  const to = toId ? name(toId) : null;
  const toStage = to?.label ?? "the next stage";
  const attempt = transition(state, { type: "escalate", by: { ...WEB_FORM_ACTOR, roles: [...WEB_FORM_ACTOR.roles] } }, rules, ctx.clock);
  if (attempt.ok) return { possible: true, toStage, to };
  const refusal = attempt.refusal;
  const base = { possible: false as const, to, code: refusal.code, rule: refusal.rule };
  switch (refusal.code) {
    case "ESCALATION_WINDOW_CLOSED": {
      const closedOn = state.dueDates.find((d) => d.kind === "escalation-window" && d.stageId === stage?.stageId)?.date ?? null;
      const late = Boolean(stageRules?.escalation?.lateAllowedWithDiscretion);
      return {
        ...base,
        why: `The time to ask for ${toStage} ended${closedOn ? ` on ${date(closedOn)}` : ""}. ${
          late
            ? "You can still ask: tell us why you could not ask sooner and the complaints team will decide."
            : `A late request cannot be accepted online. Phone us on ${phone} to talk about what you can do.`
        }`,
        because: { is: "window-closed", closedOn, lateAllowed: late },
        lateRequest: late && closedOn ? { toStage, closedOn } : null,
      };
    }
    case "NO_NEXT_STAGE": {
      const body = rules.regime.nextBody;
      const contact = runtime.profile.ombudsmen[body.id];
      const until = state.dueDates.find((d) => d.kind === "next-body-window" && !d.metOn)?.date ?? null;
      return {
        ...base,
        why: `${stage?.label ?? "Our response"} was our final response. If you are still unhappy, you can ask the ${contact?.name ?? body.name} to look at your complaint${until ? ` by ${date(until)}` : ""}.${contact?.website ? ` Visit ${contact.website}.` : ""}`,
        because: { is: "final-stage", stage: name(stage?.stageId), body: contact?.name ?? body.name, website: contact?.website ?? null, until },
        lateRequest: null,
      };
    }
    case "NOT_ALLOWED_NOW": {
      if (state.status === "closed") {
        return { ...base, why: `This case is closed. If you are unhappy with how it ended, phone us on ${phone}.`, because: { is: "closed" }, lateRequest: null };
      }
      const respondBy = state.dueDates.find((d) => d.kind === "respond" && d.stageId === stage?.stageId && !d.metOn)?.date ?? null;
      return {
        ...base,
        why: stage
          ? `You can ask for ${toStage} after we have sent our ${stage.label} response${respondBy ? ` (due by ${date(respondBy)})` : ""}.`
          : "You can ask for the next stage after we have answered your complaint.",
        because: { is: "not-yet", stage: name(stage?.stageId), respondBy },
        lateRequest: null,
      };
    }
    default:
      return { ...base, why: `This has to be arranged with our complaints team: phone us on ${phone} or email ${runtime.profile.letterhead.email}.`, because: { is: "arrange" }, lateRequest: null };
  }
}

/**
 * Keeps the language of the public form on the case's customer (decision 0517), in the
 * transaction of what the form changes, so the receipt enqueued there is in it too.
 */
async function keepLanguage(trx: Executor, ctx: Context, runtime: CouncilRuntime, record: CaseRecord<CaseState>, language: ResidentLanguage | undefined): Promise<void> {
  const customerId = record.state.customer?.id;
  if (!language || !customerId) return;
  await customerRepository.setLanguage(trx, { councilId: record.councilId, customerId, language: residentLanguage(runtime, language), at: ctx.clock.now() });
}

/** The case's progress as its resident may see it: no staff names, no internal notes. */
export async function track(ctx: Context, input: { reference: string; trackingCode: string }) {
  const { record, runtime } = await provenCase(ctx, input);
  const state = record.state;
  const letters = await letterRepository.listLetters(ctx.db, record.id);
  const { dates, expected } = residentDates(state, runtime, ctx);
  const today = todayIn(ctx.clock);
  const next = dates.filter((d) => !d.doneOn && d.date >= today).sort((a, b) => a.date.localeCompare(b.date))[0] ?? null;
  const stage = currentStage(state);
  const serviceRowId = runtime.serviceIdByCode.get(state.serviceId);
  return {
    reference: record.reference,
    /** The case's version: an escalation sent from this page fails if the case has changed since. */
    version: record.version,
    kind: state.kind,
    service: (serviceRowId ? runtime.names.services.get(serviceRowId) : undefined) ?? state.serviceId,
    receivedOn: state.receipt.receivedOn,
    status: state.status,
    progress: progressOf(state, runtime),
    stage: stage ? { label: stage.label, number: stageNamer(state, runtime)(stage.stageId)?.number ?? null, phase: stage.phase, respondedOn: stage.response?.on ?? null } : null,
    next,
    dates,
    datesExpected: expected,
    // The letters written to the resident or to whoever acts for them; our reply to the Ombudsman is not theirs.
    letters: letters.filter((l) => (l.recipient as { to?: unknown }).to !== "ombudsman").map((l) => {
      const to = (l.recipient as { to?: unknown }).to;
      return {
        letterId: l.id,
        kind: l.kind,
        name: LETTER_KIND_NAMES[l.kind as LetterKind] ?? l.kind.replace(/-/g, " "),
        sentOn: todayIn({ now: () => l.issued_at }),
        to: to === "representative" ? ("representative" as const) : ("you" as const),
        /** Letters sent to the resident may be downloaded with the same reference and code. */
        downloadable: to !== "representative",
      };
    }),
    escalation: escalationView(record, runtime, ctx),
    council: councilContact(runtime),
  };
}

/** An issued letter sent to the resident, as stored (the SHA-256 is checked on the way out). */
export async function letterForResident(ctx: Context, input: { reference: string; trackingCode: string; letterId: string }) {
  const { record } = await provenCase(ctx, input);
  const letters = await letterRepository.listLetters(ctx.db, record.id);
  const letter = letters.find((l) => l.id === input.letterId && (l.recipient as { to?: unknown }).to !== "representative" && (l.recipient as { to?: unknown }).to !== "ombudsman");
  if (!letter) throw notFound("There is no such letter on this case");
  const { pdf } = await letterRepository.getLetterPdf(ctx.db, letter.id);
  return {
    fileName: `${record.reference}-${letter.kind}-${letter.issued_at.toISOString().slice(0, 10)}.pdf`,
    sha256: letter.sha256,
    pdf,
  };
}

// ---------------------------------------------------------------------------------------------
// Escalating
// ---------------------------------------------------------------------------------------------

export interface EscalationRequest {
  reference: string;
  trackingCode: string;
  /** The version the resident's page showed (from track): a change since is a 409. */
  expectedVersion: number;
  /** Optional: the Housing Ombudsman code 6.12 says the resident need not give one. */
  reason?: string | null | undefined;
  /** Asking after the time to ask has passed: why they could not ask sooner (required then). */
  lateRequest?: boolean | undefined;
  /** The language of the page they asked on (decision 0517). */
  language?: ResidentLanguage | undefined;
  idempotencyKey: string;
}

/**
 * Core's escalate command as the public, on the proved case. Outside the escalation window,
 * where the rules let the council use its discretion, the request is recorded on the case as
 * a contact from the resident and the complaints team is told, in one transaction; core still
 * decides whether it may go ahead when staff escalate it.
 */
export async function escalate(ctx: Context, input: EscalationRequest) {
  const { record, runtime } = await provenCase(ctx, input);
  const view = escalationView(record, runtime, ctx);
  // Worked out before the transaction: the receipt carries it (provenCase has read the key).
  const trackingCode = await ctx.deps.tracking.codeFor(record.id);
  const outcome = await runIdempotently(
    ctx.db,
    { councilId: record.councilId, scope: "public-escalation", key: input.idempotencyKey, request: { caseId: record.id, version: input.expectedVersion, reason: input.reason ?? null, late: input.lateRequest ?? false } },
    async (trx) => {
      if (input.lateRequest) {
        if (view.possible || !view.lateRequest) {
          throw unprocessable("NOT_ALLOWED_NOW", view.possible ? "You are still in time: ask for the next stage in the usual way" : view.why, view.possible ? null : view.rule);
        }
        const why = input.reason?.trim();
        if (!why) throw badInput("Tell us why you could not ask sooner");
        await keepLanguage(trx, ctx, runtime, record, input.language);
        const applied = await runPublicCommand(
          ctx,
          runtime,
          record,
          { type: "record-contact", direction: "in", channel: "web", summary: `Asked online for ${view.lateRequest.toStage} after the time to ask ended on ${date(view.lateRequest.closedOn)}. Why they could not ask sooner: ${why}` },
          input.expectedVersion,
          {
            party: "complaints-manager",
            subject: `${record.reference}: late request for ${view.lateRequest.toStage}`,
            text: `The resident asked online for ${view.lateRequest.toStage} after the time to ask ended on ${date(view.lateRequest.closedOn)}. Decide whether to accept it using discretion (escalate with the reason recorded), and tell them.`,
          },
          trx,
        );
        await enqueueReceipt(ctx, trx, {
          councilId: record.councilId,
          state: applied.state,
          stageId: currentStage(applied.state)?.stageId ?? null,
          n: applied.version,
          trackingCode,
          facts: { for: { what: "late-escalation", stage: view.lateRequest.toStage }, reference: record.reference, receivedOn: todayIn(ctx.clock), dates: [], datesExpected: false, council: councilOf(runtime), trackUrl: await trackUrl(ctx, trx, runtime.council) },
        });
        return { outcome: "late-request-recorded" as const, version: applied.version, stage: null, dates: [] as PublicDate[] };
      }
      const applied = await runPublicCommand(ctx, runtime, record, { type: "escalate", reason: input.reason?.trim() || null }, input.expectedVersion, undefined, trx);
      await keepLanguage(trx, ctx, runtime, record, input.language);
      const stage = currentStage(applied.state)!;
      const prefix = `${stage.stageId}#${stage.sequence}.`;
      const dates = publicDates(applied.state, runtime, applied.state.dueDates.filter((d) => d.id.startsWith(prefix)));
      await enqueueReceipt(ctx, trx, {
        councilId: record.councilId,
        state: applied.state,
        stageId: stage.stageId,
        n: stage.sequence,
        trackingCode,
        facts: { for: { what: "escalation", stage: stage.label }, reference: record.reference, receivedOn: stage.receivedOn ?? stage.requestedOn, dates, datesExpected: false, council: councilOf(runtime), trackUrl: await trackUrl(ctx, trx, runtime.council) },
      });
      return {
        outcome: "escalated" as const,
        version: applied.version,
        stage: { label: stage.label, number: stageNamer(applied.state, runtime)(stage.stageId)?.number ?? null, requestedOn: stage.requestedOn },
        dates,
      };
    },
  );
  const value = outcome.value as { outcome: "escalated" | "late-request-recorded"; version: number; stage: { label: string; number: number | null; requestedOn: string } | null; dates: PublicDate[] };
  return { reference: record.reference, ...value, council: councilContact(runtime) };
}

// ---------------------------------------------------------------------------------------------
// Equality monitoring
// ---------------------------------------------------------------------------------------------

/**
 * Stores the optional equality monitoring form, kept apart from the case (equalityRepository):
 * only with consent, every question may be declined, and nothing is ever shown back.
 */
export async function recordEquality(ctx: Context, input: { reference: string; trackingCode: string; consent: true; answers: EqualityAnswers; language?: ResidentLanguage | undefined }) {
  const { record } = await provenCase(ctx, input);
  for (const [characteristic, answer] of Object.entries(input.answers)) {
    if (!(EQUALITY_CHARACTERISTICS as readonly string[]).includes(characteristic)) throw badInput(`"${characteristic}" is not an equality monitoring question`);
    const question = EQUALITY_QUESTIONS.find((q) => q.characteristic === characteristic);
    if (answer !== null && answer !== undefined && !question?.answers.some((a) => a.code === answer)) {
      throw badInput(`"${answer}" is not one of the answers to "${question?.question ?? characteristic}"`);
    }
  }
  const today = todayIn(ctx.clock);
  const runtime = await publicCouncil(ctx);
  await inTransaction(ctx.db, async (trx) => {
    await equalityRepository.record(trx, { caseId: record.id, consentGivenOn: today, collectedOn: today, collectedBy: "customer", answers: input.answers });
    await keepLanguage(trx, ctx, runtime, record, input.language);
    // A thank-you with nothing of the answers in it, sent only if the form was stored.
    await enqueueReceipt(ctx, trx, {
      councilId: record.councilId,
      state: record.state,
      stageId: null,
      trackingCode: null,
      facts: { for: { what: "equality-form" }, reference: record.reference, receivedOn: today, dates: [], datesExpected: false, council: councilOf(runtime), trackUrl: await trackUrl(ctx, trx, runtime.council) },
    });
  });
  return { recorded: true as const };
}
