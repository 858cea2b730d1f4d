/**
 * The work queue as a person keeps and takes it away (issue 16): saved views (their own, or
 * shared with their team or directorate), the people cases may be given to, and CSV exports of
 * a queue or a search with the screen's own access rules, each exported case recorded as a
 * read (docs/decisions/0518-work-queue-bulk-filters-export.md).
 */
import { z } from "zod";
import { CASE_KIND_LABELS, CASE_STATUS_LABELS, DUE_KIND_LABELS, londonWallClock, slug, type CaseKind, type CaseStatus, type DueKind } from "@complaints/core";
import { authRepository, caseRepository, savedViewRepository, type SavedView } from "@complaints/db";
import { csvField } from "@complaints/reports";
import type { Context } from "../context.js";
import { badInput, notFound } from "../errors.js";
import { directoratesWith, type StaffPrincipal } from "../access/principal.js";
import { CASE_READERS, COMMAND_ROLES } from "../access/policy.js";
import { recordReads } from "./cases.js";
import { searchCases, workQueue, type QueueFilters, type QueueKind, type SearchInput } from "./case-views.js";

/**
 * A queue and its filters, as the queue page names them (apps/portal/app/routes/cases._index.tsx):
 * what a saved view keeps and what an export takes.
 */
export const queueViewFilters = z
  .object({
    queue: z.enum(["mine", "team", "directorate", "central"], "Choose a queue"),
    stage: slug.optional(),
    kind: slug.optional(),
    service: slug.optional(),
    priority: z.enum(["high", "normal"]).optional(),
    due: z.enum(["red", "amber", "green", "none"]).optional(),
    status: z.enum(["new", "open"]).optional(),
  })
  .strict();
export type QueueViewFilters = z.output<typeof queueViewFilters>;

/** The work queue's own filters for a view's. */
export function queueFiltersOf(view: QueueViewFilters, page: { limit: number; offset?: number }): { kind: QueueKind; filters: QueueFilters } {
  return {
    kind: view.queue,
    filters: {
      ...(view.stage ? { stageIds: [view.stage] } : {}),
      ...(view.kind ? { kinds: [view.kind] } : {}),
      ...(view.service ? { serviceIds: [view.service] } : {}),
      ...(view.priority ? { priority: view.priority } : {}),
      ...(view.due ? { rag: [view.due] } : {}),
      ...(view.status ? { statuses: [view.status] } : {}),
      ...page,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Saved views
// ---------------------------------------------------------------------------------------------

/** The directorates a person's shared views come from, and the one they share with. */
function homeDirectorates(staff: StaffPrincipal): string[] {
  const readable = directoratesWith(staff, CASE_READERS);
  return [...new Set([...(staff.teamDirectorateId ? [staff.teamDirectorateId] : []), ...(readable === "all" ? [] : readable)])];
}

export interface SavedViewItem {
  id: string;
  name: string;
  filters: Record<string, string>;
  /** "Only you", "Your team", "Your directorate (Environment)". */
  sharedWith: string;
  owner: string;
  mine: boolean;
}

export async function savedViews(ctx: Context, staff: StaffPrincipal): Promise<SavedViewItem[]> {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const views = await savedViewRepository.listFor(ctx.db, { councilId: staff.councilId, staffId: staff.id, teamId: staff.teamId, directorateIds: homeDirectorates(staff) });
  const shared = (v: SavedView) =>
    v.sharedWith === "team" ? "Your team" : v.sharedWith === "directorate" ? `Your directorate (${runtime.names.directorates.get(v.directorateId ?? "") ?? "directorate"})` : "Only you";
  return views.map((v) => ({ id: v.id, name: v.name, filters: v.filters, sharedWith: shared(v), owner: v.owner.name, mine: v.owner.id === staff.id }));
}

export async function saveView(ctx: Context, staff: StaffPrincipal, input: { name: string; filters: QueueViewFilters; share: "nobody" | "team" | "directorate" }): Promise<{ id: string }> {
  let sharedWith: Parameters<typeof savedViewRepository.save>[1]["sharedWith"] = { with: "nobody" };
  if (input.share === "team") {
    if (!staff.teamId) throw badInput("You are not in a team, so there is nobody to share it with; keep it for yourself");
    sharedWith = { with: "team", teamId: staff.teamId };
  } else if (input.share === "directorate") {
    const directorateId = staff.teamDirectorateId ?? (homeDirectorates(staff).length === 1 ? homeDirectorates(staff)[0]! : null);
    if (!directorateId) throw badInput("Your role covers several directorates or none, so say which by joining a team; or keep it for yourself");
    sharedWith = { with: "directorate", directorateId };
  }
  const filters = Object.fromEntries(Object.entries(input.filters).filter(([, v]) => v !== undefined)) as Record<string, string>;
  const id = await savedViewRepository.save(ctx.db, { councilId: staff.councilId, ownerId: staff.id, name: input.name, filters, sharedWith, at: ctx.clock.now() });
  return { id };
}

export async function deleteView(ctx: Context, staff: StaffPrincipal, id: string): Promise<{ deleted: true }> {
  if (!(await savedViewRepository.remove(ctx.db, { councilId: staff.councilId, ownerId: staff.id, id }))) throw notFound("There is no such view of yours (only the person who saved a view can delete it)");
  return { deleted: true };
}

// ---------------------------------------------------------------------------------------------
// Who cases may be given to
// ---------------------------------------------------------------------------------------------

/**
 * Active staff who may handle cases of the directorates the caller works in (an investigating
 * role there or council-wide), by name: the choices of the bulk "assign" form. Core still
 * decides each case (a person the complaint names is refused, Leeds policy).
 */
export async function handlers(ctx: Context, staff: StaffPrincipal): Promise<Array<{ id: string; name: string; openCases: number }>> {
  // The same people and caseloads the one-case assign list gives (services/assignees.ts): the
  // roles the API lets respond, in the directorates whose cases this person may see.
  const handlerRoles = new Set<string>(COMMAND_ROLES.respond);
  const scope = directoratesWith(staff, CASE_READERS);
  const [people, caseloads] = await Promise.all([authRepository.listStaff(ctx.db, staff.councilId), caseRepository.openCaseloads(ctx.db, staff.councilId)]);
  return people
    .filter((p) => p.active && p.grants.some((g) => handlerRoles.has(g.role) && (g.directorateId === null || scope === "all" || scope.includes(g.directorateId))))
    .map((p) => ({ id: p.id, name: p.id === staff.id ? `${p.displayName} (you)` : p.displayName, openCases: caseloads.get(p.id) ?? 0 }))
    .sort((a, b) => a.name.localeCompare(b.name));
}

// ---------------------------------------------------------------------------------------------
// CSV exports
// ---------------------------------------------------------------------------------------------

/** At most this many cases in one file: each is recorded as read, one by one. */
export const EXPORT_LIMIT = 1000;

/** "14/12/2026", as a complaints team writes dates (and spreadsheets in en-GB read them). */
function ukDate(iso: string | null | undefined): string {
  if (!iso) return "";
  const date = iso.length > 10 ? londonWallClock(new Date(iso)).date : iso;
  const [y, m, d] = date.split("-");
  return `${d}/${m}/${y}`;
}

function csvOf(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string>>): string {
  return [header, ...rows].map((row) => row.map((cell) => csvField(cell)).join(",")).join("\r\n") + "\r\n";
}

const RAG_WORDS = { red: "Overdue", amber: "Due within 2 working days", green: "On track", none: "No date yet" } as const;

/** The queue as the screen shows it (the same query, the same access), nearest due first, as CSV. */
export async function queueCsv(ctx: Context, staff: StaffPrincipal, view: QueueViewFilters): Promise<{ csv: string; fileName: string }> {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const { kind, filters } = queueFiltersOf(view, { limit: EXPORT_LIMIT, offset: 0 });
  const { items, today } = await workQueue(ctx, staff, kind, filters);
  await recordReads(ctx, staff, items.map((i) => i.id), "queue exported (CSV)");
  const stageLabel = (serviceCode: string | null, caseKind: string, stageId: string | null) => {
    if (!stageId || !serviceCode) return "";
    try {
      return runtime.book.rulesFor(serviceCode, caseKind as CaseKind).regime.stages.find((s) => s.id === stageId)?.label ?? stageId;
    } catch {
      return stageId;
    }
  };
  const header = ["Reference", "Received", "Kind", "Service", "Directorate", "Stage", "Status", "Priority", "Handler", "Customer", "Next due", "Next due date", "Due status", "Letters waiting", "Correspondence problem"];
  const rows = items.map((i) => [
    i.reference,
    ukDate(i.receivedAt),
    CASE_KIND_LABELS[i.kind as CaseKind] ?? i.kind,
    i.service.name ?? i.service.code ?? "",
    i.directorate.name ?? "",
    i.status === "new" ? "Triage" : stageLabel(i.service.code, i.kind, i.currentStageId),
    CASE_STATUS_LABELS[i.status as CaseStatus] ?? i.status,
    i.priority === "high" ? "High" : "Normal",
    i.assignedStaff?.name ?? "Not assigned",
    i.customerName ?? "Anonymous",
    i.nextDue ? (DUE_KIND_LABELS[i.nextDue.kind as DueKind] ?? i.nextDue.kind) : "",
    ukDate(i.nextDue?.date),
    RAG_WORDS[i.rag],
    String(i.letterTasks.length),
    i.correspondenceProblem?.reason ?? "",
  ]);
  return { csv: csvOf(header, rows), fileName: `work-queue-${view.queue}-${today}.csv` };
}

/** A search's results (the same search, the same access) as CSV. */
export async function searchCsv(ctx: Context, staff: StaffPrincipal, input: Omit<SearchInput, "limit">): Promise<{ csv: string; fileName: string }> {
  // searchCases keeps only what the caller may read and records each result as read.
  const hits = await searchCases(ctx, staff, { ...input, limit: 200 });
  const names = await caseRepository.staffNames(ctx.db, staff.councilId, hits.flatMap((h) => (h.assignedStaffId ? [h.assignedStaffId] : [])));
  const header = ["Reference", "Received", "Kind", "Service", "Directorate", "Status", "Priority", "Handler", "Customer", "Closed"];
  const rows = hits.map((h) => [
    h.reference,
    ukDate(h.receivedAt),
    CASE_KIND_LABELS[h.kind as CaseKind] ?? h.kind,
    h.service.name ?? "",
    h.directorate.name ?? "",
    CASE_STATUS_LABELS[h.status as CaseStatus] ?? h.status,
    h.priority === "high" ? "High" : "Normal",
    h.assignedStaffId ? (names.get(h.assignedStaffId) ?? "") : "Not assigned",
    h.customerName ?? "Anonymous",
    ukDate(h.closedOn),
  ]);
  return { csv: csvOf(header, rows), fileName: `search-${londonWallClock(ctx.clock.now()).date}.csv` };
}
