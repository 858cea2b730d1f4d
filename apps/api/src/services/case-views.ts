/**
 * What staff read: case detail (with every due date's explanation and the timeline), work
 * queues by nearest due date with red/amber/green, a customer's history and search. Every
 * list is filtered by the same access decision as a single case; reading a case is recorded.
 */
import {
  mayDecideApproval,
  activeRestrictions,
  addCalendarDays,
  explainRules,
  LETTER_KIND_NAMES,
  nextDue,
  ragStatus,
  todayIn,
  type CaseState,
  type CommandType,
  type ConductState,
  type DueDate,
  type LetterKind,
} from "@complaints/core";
import {
  caseRepository,
  conductRepository,
  customerRepository,
  notificationRepository,
  searchRepository,
  type AccessScope,
  type CaseSummary,
  type VisibilityScope,
  type WorkQueueRow,
} from "@complaints/db";
import type { Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { badInput, noAccess, notFound } from "../errors.js";
import { NO_SUCH_CUSTOMER } from "./customers.js";
import { directoratesWith, hasRole, readDecision, type StaffPrincipal } from "../access/principal.js";
import { ACCESS_LOG_READERS, CASE_READERS, COMMAND_ROLES, RESTRICTED_READERS, TRACKING_CODE_READERS } from "../access/policy.js";
import { approvalSummary } from "./approvals.js";
import { availableFor, nextStepsFor, loadReadableCase, recordRead, recordReads, EMAIL_ACTOR, WEB_FORM_ACTOR } from "./cases.js";

export type Rag = "red" | "amber" | "green" | "none";

/** A letter that waits for someone to write it, as a task (decision 0321). */
export interface LetterTask {
  outboxId: number;
  kind: string;
  /** "Write the Stage 1 response letter for LCC-123 (missing: how the complaint was considered)" */
  text: string;
  /** The letter's draft page in the portal. */
  href: string;
}

export function letterTask(caseId: string, reference: string, letter: { outboxId: number; kind: string; missing: readonly string[] }): LetterTask {
  const name = LETTER_KIND_NAMES[letter.kind as LetterKind] ?? letter.kind;
  const what = /letter$/.test(name) ? name : `${name} letter`;
  return {
    outboxId: letter.outboxId,
    kind: letter.kind,
    text: `Write the ${what} for ${reference}${letter.missing.length ? ` (missing: ${letter.missing.join("; ")})` : ""}`,
    href: `/cases/${caseId}/letters/${letter.outboxId}`,
  };
}
export type DueStatus = Rag | "met" | "window";

/**
 * Intake as shown on the case. Equality monitoring is never part of a case (it has its own table
 * and procedures); a case logged before that rule may still hold answers in its intake, and
 * they are shown to nobody.
 */
function visibleIntake(intake: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(intake).filter(([key]) => !/equality/i.test(key)));
}

function dueStatus(due: DueDate, today: string, runtime: CouncilRuntime, state: CaseState): DueStatus {
  if (due.metOn) return "met";
  if (due.nature === "window") return "window";
  return ragStatus(due, today, runtime.book.rulesFor(state.serviceId, state.kind).calendar);
}

export async function caseDetail(ctx: Context, staff: StaffPrincipal, caseId: string) {
  const { record, roles } = await loadReadableCase(ctx, staff, caseId);
  const state = record.state;
  const runtime = await ctx.deps.councils.get(record.councilId);
  const rules = runtime.book.rulesFor(state.serviceId, state.kind);
  const today = todayIn(ctx.clock);
  // Independent reads (and the record of this one) go to the database together.
  const [events, customer, conduct, , outbox] = await Promise.all([
    caseRepository.listEvents(ctx.db, caseId, { excludeTypes: ["case-read"] }),
    state.customer ? customerRepository.getCustomer(ctx.db, state.customer.id).catch(() => null) : null,
    state.customer ? conductRepository.getConduct<ConductState>(ctx.db, state.customer.id) : undefined,
    recordRead(ctx, staff, caseId, record.councilId, "case detail"),
    notificationRepository.list(ctx.db, { councilId: record.councilId, caseIds: [caseId], kinds: ["letter", "correspondence"], limit: 200 }),
  ]);
  const people = new Set<string>([...state.aboutStaffIds, ...events.map((e) => e.actor.id ?? "")]);
  for (const stage of state.stages) for (const id of [stage.handlerId, ...stage.previousHandlerIds]) if (id) people.add(id);
  for (const a of state.approvals ?? []) for (const id of [a.requestedBy, a.decision?.by]) if (id) people.add(id);
  const names = await caseRepository.staffNames(ctx.db, record.councilId, [...people]);
  const nameOf = (id: string | null) => (id ? (names.get(id) ?? null) : null);
  const next = nextDue(state.dueDates);
  const serviceRowId = runtime.serviceIdByCode.get(state.serviceId) ?? null;
  const facts = { councilId: record.councilId, directorateId: record.row.directorate_id, restricted: record.row.restricted, aboutStaffIds: state.aboutStaffIds, handlerId: record.row.assigned_staff_id };

  return {
    id: record.id,
    reference: record.reference,
    /**
     * The resident's proof for the online forms, to read out when they phone (decision 0503):
     * only to the front door (TRACKING_CODE_READERS); null for everyone else.
     */
    trackingCode: roles.some((r) => TRACKING_CODE_READERS.has(r)) ? await ctx.deps.tracking.codeFor(record.id) : null,
    version: record.version,
    kind: state.kind,
    status: state.status,
    channel: state.channel,
    priority: state.priority,
    receivedAt: state.receivedAt,
    receipt: state.receipt,
    matterArose: state.matterArose,
    regime: {
      id: rules.regime.id,
      label: rules.regime.label,
      plugins: rules.plugins,
      /** Later stages triage may open directly (SPSO: complex complaints to Stage 2; decision 0108). */
      triageStages: rules.regime.stages.filter((s) => s.openedByTriage).map((s) => ({ id: s.id, label: s.label })),
    },
    service: { code: state.serviceId, id: serviceRowId, name: serviceRowId ? (runtime.names.services.get(serviceRowId) ?? state.serviceId) : state.serviceId },
    directorate: { id: record.row.directorate_id, name: record.row.directorate_id ? (runtime.names.directorates.get(record.row.directorate_id) ?? null) : null },
    otherServiceIds: state.otherServiceIds,
    customer: customer
      ? {
          id: customer.id,
          name: customer.full_name,
          title: customer.title,
          email: customer.email,
          phone: customer.phone,
          address: customer.address,
          postcode: customer.postcode,
          preferredContact: customer.preferred_contact,
          reasonableAdjustments: customer.reasonable_adjustments,
          largePrint: customer.large_print,
        }
      : null,
    /** Persistent-complainant restrictions in force for this customer, shown on every case. */
    restrictions: activeRestrictions(conduct?.state ?? null),
    representative: state.representative,
    description: state.description,
    desiredOutcome: state.desiredOutcome,
    category: state.category,
    subCategory: state.subCategory,
    flags: state.flags,
    restricted: record.row.restricted,
    aboutStaff: state.aboutStaffIds.map((id) => ({ id, name: nameOf(id) })),
    intake: visibleIntake(state.intake),
    triage: state.triage,
    closure: state.closure,
    reopenings: state.reopenings,
    stages: state.stages.map((s) => ({ ...s, handlerName: nameOf(s.handlerId) })),
    assignedStaff: record.row.assigned_staff_id ? { id: record.row.assigned_staff_id, name: nameOf(record.row.assigned_staff_id) } : null,
    dueDates: state.dueDates.map((d) => ({ ...d, status: dueStatus(d, today, runtime, state) })),
    nextDue: next ? { ...next, status: dueStatus(next, today, runtime, state) } : null,
    contacts: state.contacts,
    informationRequests: state.informationRequests,
    notified: state.notified,
    ombudsman: state.ombudsman,
    /** Requests for approval and their decisions (decision 0324), with whether this viewer may decide each. */
    approvals: (state.approvals ?? []).map((a) => ({
      ...a,
      summary: approvalSummary(state, a),
      requestedByName: nameOf(a.requestedBy),
      decidedByName: a.decision ? nameOf(a.decision.by) : null,
      mayDecide: !a.decision && COMMAND_ROLES["decide-approval"].some((r) => roles.includes(r)) && mayDecideApproval(rules, a, { id: staff.id, roles }),
    })),
    timeline: events.map((e) => {
      const payload = (e.payload ?? {}) as { on?: string; stageId?: string | null; data?: Record<string, unknown> };
      const data = { ...(payload.data ?? {}) };
      if (data.intake && typeof data.intake === "object") data.intake = visibleIntake(data.intake as Record<string, unknown>);
      return {
        seq: e.seq,
        version: e.streamVersion,
        type: e.type,
        at: e.occurredAt.toISOString(),
        on: payload.on ?? null,
        stageId: payload.stageId ?? null,
        actor: { type: e.actor.type, id: e.actor.id, name: e.actor.type === "public" && e.actor.id === WEB_FORM_ACTOR.id ? WEB_FORM_ACTOR.name : e.actor.type === "public" && e.actor.id === EMAIL_ACTOR.id ? EMAIL_ACTOR.name : nameOf(e.actor.id) },
        data,
      };
    }),
    available: availableFor(state, runtime, staff, facts),
    /** What the rules expect next of this staff member, first on the case page (issue 16). */
    nextSteps: nextStepsFor(state, runtime, staff, facts),
    /** Letters asked for that nobody has issued yet, each a task with its draft page (decision 0321). */
    lettersWaiting: outbox
      .filter((o) => o.kind === "letter" && !o.sentAt && !o.failedAt)
      .reverse()
      .map((o) => letterTask(record.id, record.reference, { outboxId: o.id, kind: String(o.payload.letter ?? "letter"), missing: Array.isArray(o.payload.missing) ? o.payload.missing.map(String) : [] })),
    /** What has been sent to the resident or is on its way, newest first (decision 0321). */
    correspondence: outbox
      .filter((o) => o.kind === "correspondence")
      .map((o) => ({
        id: o.id,
        channel: String(o.payload.channel ?? ""),
        purpose: String(o.payload.purpose ?? ""),
        letterKind: typeof o.payload.letterKind === "string" ? o.payload.letterKind : null,
        letterId: typeof o.payload.letterId === "string" ? o.payload.letterId : null,
        subject: String(o.payload.subject ?? ""),
        to: { name: o.recipient.name ?? null, email: o.recipient.email ?? null },
        status: o.sentAt ? ("sent" as const) : o.failedAt ? ("failed" as const) : ("queued" as const),
        queuedAt: o.createdAt.toISOString(),
        sentAt: o.sentAt?.toISOString() ?? null,
        error: o.failedAt ? o.lastError : null,
      })),
    /** "Why is Stage 1 ten days here?": every rule, where it came from, what it overrode. */
    rules: explainRules(rules),
  };
}

export type CaseDetail = Awaited<ReturnType<typeof caseDetail>>;

/** Who has read the case (complaints manager and auditors). */
export async function caseAccessLog(ctx: Context, staff: StaffPrincipal, caseId: string) {
  if (!hasRole(staff, ACCESS_LOG_READERS)) throw noAccess("Only the complaints manager and auditors can see who read a case");
  const { record } = await loadReadableCase(ctx, staff, caseId);
  return { reference: record.reference, reads: await caseRepository.caseReads(ctx.db, caseId) };
}

/** The scope of everything the staff member may read, for SQL. */
export function visibilityOf(staff: StaffPrincipal): VisibilityScope {
  return {
    councilId: staff.councilId,
    staffId: staff.id,
    directorates: directoratesWith(staff, CASE_READERS),
    restrictedDirectorates: directoratesWith(staff, RESTRICTED_READERS),
  };
}

export type QueueKind = "mine" | "team" | "directorate" | "central";

export interface QueueFilters {
  directorateId?: string | undefined;
  statuses?: Array<"new" | "open"> | undefined;
  kinds?: string[] | undefined;
  serviceIds?: string[] | undefined;
  stageIds?: string[] | undefined;
  priority?: "high" | "normal" | undefined;
  rag?: Array<"red" | "amber" | "green" | "none"> | undefined;
  unassignedOnly?: boolean | undefined;
  limit: number;
  offset?: number | undefined;
}

export interface QueueItem {
  id: string;
  reference: string;
  version: number;
  kind: string;
  status: string;
  priority: string;
  directorate: { id: string | null; name: string | null };
  service: { code: string | null; name: string | null };
  assignedStaff: { id: string; name: string | null } | null;
  customerName: string | null;
  currentStageId: string | null;
  receivedAt: string;
  restricted: boolean;
  excerpt: string;
  nextDue: { id: string; kind: string; nature: string; date: string; explanation: string } | null;
  rag: Rag;
  /** A message to the resident that failed or may not have gone, until staff resolve it (decision 0318): the case comes first. */
  correspondenceProblem: { outboxId: number; status: string; reason: string } | null;
  /** Letters on the case waiting for someone to write them (decision 0321). */
  letterTasks: LetterTask[];
}

/**
 * A work queue: open cases, nearest due date first, each red (overdue), amber (due within two
 * working days) or green. Filters narrow it; `rag` is applied in SQL as date ranges.
 */
export async function workQueue(ctx: Context, staff: StaffPrincipal, kind: QueueKind, filters: QueueFilters): Promise<{ items: QueueItem[]; total: number; today: string }> {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const scope = visibilityOf(staff);
  const today = todayIn(ctx.clock);
  const calendar = runtime.book.rulesFor(runtime.book.serviceIds()[0]!, "complaint").calendar;
  const amberUntil = calendar.addWorkingDays(today, 2);

  let directorates: string[] | undefined;
  if (kind === "central" && scope.directorates !== "all") throw noAccess("The central queue is for council-wide roles (the central resolution team, quality assurance, legal, auditors)");
  if (kind === "directorate") {
    const wanted = filters.directorateId;
    if (wanted) {
      if (scope.directorates !== "all" && !scope.directorates.includes(wanted)) throw noAccess("You do not work in that directorate");
      directorates = [wanted];
    } else if (scope.directorates !== "all") {
      directorates = [...scope.directorates];
    } else if (staff.teamDirectorateId) {
      directorates = [staff.teamDirectorateId];
    } else {
      throw badInput("Choose a directorate");
    }
  } else if (filters.directorateId) {
    directorates = [filters.directorateId];
  }
  if (kind === "team" && !staff.teamId) throw badInput("You are not in a team; ask an administrator");

  const serviceCodes = filters.serviceIds;
  const base = {
    scope,
    ...(kind === "mine" ? { assignedTo: staff.id } : {}),
    ...(kind === "team" ? { team: staff.teamId! } : {}),
    ...(directorates ? { directorates } : {}),
    ...(filters.unassignedOnly ? { unassignedOnly: true } : {}),
    ...(filters.statuses ? { statuses: filters.statuses } : {}),
    ...(filters.kinds ? { kinds: filters.kinds } : {}),
    ...(serviceCodes ? { serviceCodes } : {}),
    ...(filters.stageIds ? { stageIds: filters.stageIds } : {}),
    ...(filters.priority ? { priority: filters.priority } : {}),
  };
  // One query per colour asked for (at most four); the union is sorted again by due date.
  const ranges = filters.rag?.length ? filters.rag : [null];
  const results = await Promise.all(
    ranges.map((rag) => {
      const range =
        rag === "red"
          ? { dueBefore: today }
          : rag === "amber"
            ? { dueOnOrAfter: today, dueOnOrBefore: amberUntil }
            : rag === "green"
              ? { dueOnOrAfter: addCalendarDays(amberUntil, 1) }
              : rag === "none"
                ? { onlyUndated: true }
                : {};
      return caseRepository.workQueue(ctx.db, { ...base, ...range, limit: filters.limit + (filters.offset ?? 0), offset: 0 });
    }),
  );
  let rows: WorkQueueRow[] = results.flatMap((r) => r.rows);
  const seen = new Set<string>();
  rows = rows
    .filter((r) => (seen.has(r.id) ? false : (seen.add(r.id), true)))
    .sort(
      (a, b) =>
        Number(!a.correspondenceProblem) - Number(!b.correspondenceProblem) ||
        (a.nextDue?.date ?? "9999").localeCompare(b.nextDue?.date ?? "9999") ||
        a.reference.localeCompare(b.reference),
    );
  const total = results.reduce((n, r) => n + r.total, 0);
  const page = rows.slice(filters.offset ?? 0, (filters.offset ?? 0) + filters.limit);
  return {
    today,
    total,
    items: page.map((r) => ({
      id: r.id,
      reference: r.reference,
      version: r.version,
      kind: r.kind,
      status: r.status,
      priority: r.priority,
      directorate: { id: r.directorateId, name: r.directorateId ? (runtime.names.directorates.get(r.directorateId) ?? null) : null },
      service: { code: r.serviceCode, name: r.serviceId ? (runtime.names.services.get(r.serviceId) ?? null) : null },
      assignedStaff: r.assignedStaffId ? { id: r.assignedStaffId, name: r.assignedStaffName } : null,
      customerName: r.customerName,
      currentStageId: r.currentStageId,
      receivedAt: r.receivedAt.toISOString(),
      restricted: r.restricted,
      excerpt: r.excerpt,
      nextDue: r.nextDue,
      rag: r.nextDue ? ragStatus({ ...r.nextDue, metOn: null } as DueDate, today, calendar) : "none",
      correspondenceProblem: r.correspondenceProblem,
      letterTasks: r.lettersWaiting.map((l) => letterTask(r.id, r.reference, l)),
    })),
  };
}

/** The superset scope for packages/db's search; results are then checked one by one. */
function searchScope(staff: StaffPrincipal): AccessScope {
  return { councilId: staff.councilId, directorates: directoratesWith(staff, CASE_READERS), includeRestricted: true };
}

async function keepReadable<T extends { id: string }>(ctx: Context, staff: StaffPrincipal, hits: T[]): Promise<T[]> {
  const facts = await caseRepository.accessFacts(ctx.db, staff.councilId, hits.map((h) => h.id));
  return hits.filter((hit) => {
    const f = facts.get(hit.id);
    return f ? readDecision(staff, { councilId: f.councilId, directorateId: f.directorateId, restricted: f.restricted, aboutStaffIds: f.aboutStaffIds, handlerId: f.assignedStaffId }).ok : false;
  });
}

function summaryView(runtime: CouncilRuntime, s: CaseSummary) {
  return {
    id: s.id,
    reference: s.reference,
    version: s.version,
    kind: s.kind,
    status: s.status,
    priority: s.priority,
    directorate: { id: s.directorateId, name: s.directorateId ? (runtime.names.directorates.get(s.directorateId) ?? null) : null },
    service: { id: s.serviceId, name: s.serviceId ? (runtime.names.services.get(s.serviceId) ?? null) : null },
    assignedStaffId: s.assignedStaffId,
    customerName: s.customerName,
    receivedAt: s.receivedAt.toISOString(),
    closedOn: s.closedOn,
    restricted: s.restricted,
    excerpt: s.excerpt,
  };
}

export interface SearchInput {
  quick?: string | undefined;
  reference?: string | undefined;
  customerName?: string | undefined;
  email?: string | undefined;
  phone?: string | undefined;
  postcode?: string | undefined;
  text?: string | undefined;
  status?: "open" | "closed" | "any" | undefined;
  kind?: string | undefined;
  limit: number;
}

export async function searchCases(ctx: Context, staff: StaffPrincipal, input: SearchInput) {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const { limit, ...criteria } = input;
  const hits = await searchRepository.searchCases(ctx.db, { ...stripUndefined(criteria), scope: searchScope(staff), limit: limit * 2 });
  const readable = (await keepReadable(ctx, staff, hits)).slice(0, limit);
  // Each result shows the start of the case's description: a read of the case.
  await recordReads(ctx, staff, readable.map((h) => h.id), "search result");
  return readable.map((h) => ({ ...summaryView(runtime, h), rank: h.rank }));
}

/** A customer's cases (those the staff member may see), newest first, with their restrictions. */
export async function customerHistory(ctx: Context, staff: StaffPrincipal, customerId: string) {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const customer = await customerRepository.getCustomer(ctx.db, customerId).catch(() => null);
  if (!customer || customer.council_id !== staff.councilId) throw notFound("There is no such customer");
  if (!hasRole(staff, CASE_READERS)) throw noAccess("Your role cannot see customers' cases");
  const cases = await keepReadable(ctx, staff, await searchRepository.listCustomerCases(ctx.db, { scope: searchScope(staff), customerId, limit: 200 }));
  // A customer is seen through their cases (issue 20): none readable, no contact details.
  if (cases.length === 0) throw notFound(NO_SUCH_CUSTOMER);
  await recordReads(ctx, staff, cases.map((c) => c.id), "customer history");
  const conduct = await conductRepository.getConduct<ConductState>(ctx.db, customerId);
  return {
    customer: { id: customer.id, name: customer.full_name, email: customer.email, phone: customer.phone, postcode: customer.postcode },
    conduct: conduct ? { status: conduct.status, reviewBy: conduct.reviewBy, version: conduct.version } : { status: "none" as const, reviewBy: null, version: 0 },
    restrictions: activeRestrictions(conduct?.state ?? null),
    cases: cases.map((c) => summaryView(runtime, c)),
  };
}

/** Open cases that may be the same complaint, for the intake screen. */
export async function possibleDuplicates(
  ctx: Context,
  staff: StaffPrincipal,
  input: { customerId?: string | undefined; email?: string | undefined; phone?: string | undefined; postcode?: string | undefined; description?: string | undefined },
) {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const hits = await searchRepository.findPossibleDuplicates(ctx.db, { ...stripUndefined(input), scope: searchScope(staff), limit: 20 });
  const readable = await keepReadable(ctx, staff, hits);
  await recordReads(ctx, staff, readable.map((h) => h.id), "possible duplicate at intake");
  return readable.map((h) => ({ ...summaryView(runtime, h), reasons: h.reasons, similarity: h.similarity }));
}

function stripUndefined<T extends Record<string, unknown>>(value: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as { [K in keyof T]: Exclude<T[K], undefined> };
}

export type { CommandType };
