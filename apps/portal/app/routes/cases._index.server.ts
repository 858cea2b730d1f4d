/**
 * The work queues: mine, my team's, my directorate's and the central team's, nearest due date
 * first, with red/amber/green counts and filters. A queue the role does not open is not
 * offered (the API refuses it, and says why).
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, readForm, text } from "../utils/forms.server";
import { organisationOf } from "../utils/organisation.server";
import { QUEUES, type QueueId } from "../utils/queues";

const PAGE_SIZE = 25;

export async function loadQueue(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  if (staff.grants.every((g) => g.role === "administrator")) throw redirect("/admin");
  const url = new URL(request.url);
  const p = (name: string) => url.searchParams.get(name) ?? "";
  const filters = { stage: p("stage"), kind: p("kind"), service: p("service"), priority: p("priority"), due: p("due"), status: p("status") };
  const offset = Math.max(0, Math.min(100_000, Number.parseInt(p("offset") || "0", 10) || 0));
  const api = context.api.queues;

  const input: { stageIds?: string[]; kinds?: string[]; serviceIds?: string[]; priority?: "high" | "normal"; statuses?: Array<"new" | "open"> } = {};
  if (filters.stage) input.stageIds = [filters.stage];
  if (filters.kind) input.kinds = [filters.kind];
  if (filters.service) input.serviceIds = [filters.service];
  if (filters.priority === "high" || filters.priority === "normal") input.priority = filters.priority;
  if (filters.status === "new" || filters.status === "open") input.statuses = [filters.status];
  const rag = ["red", "amber", "green", "none"].includes(filters.due) ? [filters.due as "red" | "amber" | "green" | "none"] : undefined;

  // Each queue's total (one row each), to show on its tab; a queue the API refuses is hidden.
  const totals = await Promise.all(
    QUEUES.map(async (q) => {
      try {
        const r = await api[q.id]({ limit: 1, offset: 0 });
        return { ...q, total: r.total, ok: true };
      } catch (error) {
        if (describeApiError(error).status >= 500) throw error;
        return { ...q, total: 0, ok: false };
      }
    }),
  );
  const queues = totals.filter((q) => q.ok);
  const requested = QUEUES.find((q) => q.id === p("queue"))?.id;
  const queue: QueueId = requested && queues.some((q) => q.id === requested) ? requested : (queues.find((q) => q.total > 0)?.id ?? queues[0]?.id ?? "mine");

  const [organisation, approvals] = await Promise.all([organisationOf(context, staff.councilId), api.approvals()]);
  let problem: string | null = null;
  let list = { items: [] as Awaited<ReturnType<typeof api.mine>>["items"], total: 0, today: "" };
  const counts = { all: 0, red: 0, amber: 0, green: 0 };
  try {
    const [main, all, red, amber, green] = await Promise.all([
      api[queue]({ ...input, ...(rag ? { rag } : {}), limit: PAGE_SIZE, offset }),
      api[queue]({ ...input, limit: 1, offset: 0 }),
      api[queue]({ ...input, rag: ["red"], limit: 1, offset: 0 }),
      api[queue]({ ...input, rag: ["amber"], limit: 1, offset: 0 }),
      api[queue]({ ...input, rag: ["green"], limit: 1, offset: 0 }),
    ]);
    list = main;
    Object.assign(counts, { all: all.total, red: red.total, amber: amber.total, green: green.total });
  } catch (error) {
    const described = describeApiError(error);
    if (described.status >= 500) throw error;
    problem = described.message;
  }
  // The view's own address (queue and filters), for "Save this view" and the CSV export.
  const view = new URLSearchParams(Object.entries({ queue, ...filters }).filter(([, v]) => v));
  const [views, handlers] = await Promise.all([context.api.queues.views.list(), context.api.queues.handlers()]);
  return {
    queue,
    view: view.toString(),
    views: views.map((v) => ({ ...v, href: `/cases?${new URLSearchParams(v.filters)}` })),
    handlers,
    /** One key per queue page shown: the bulk form sent twice is done once (services/bulk.ts). */
    bulkKey: randomUUID(),
    queues: queues.map(({ id, label, total }) => ({ id, label, total })),
    filters,
    filtered: Object.values(filters).some(Boolean),
    counts,
    items: list.items,
    total: list.total,
    page: { previous: offset > 0 ? Math.max(0, offset - PAGE_SIZE) : null, next: offset + PAGE_SIZE < list.total ? offset + PAGE_SIZE : null },
    organisation: { stages: organisation.stages, services: organisation.services },
    problem,
    /** Requests this person may decide (decision 0324): the queue links to their list. */
    approvalsWaiting: approvals.items.length,
  };
}

/**
 * "Save this view" and deleting one of your own (issue 16): the queue and filters of the page,
 * kept by name. Both come back to the queue page; a refusal shows in its error summary.
 */
export async function queueAction(context: AppLoadContext, request: Request) {
  requireStaff(context, request);
  const form = await readForm(request, context);
  const view = new URLSearchParams(text(form, "view"));
  const back = `/cases?${view}`;
  if (text(form, "intent") === "delete-view") {
    const result = await attempt(form, () => context.api.queues.views.delete({ viewId: text(form, "viewId") }));
    return result.ok ? redirect(back) : result.response;
  }
  const filters = Object.fromEntries([...view].filter(([k, v]) => v && ["queue", "stage", "kind", "service", "priority", "due", "status"].includes(k)));
  const share = text(form, "share") || "nobody";
  const result = await attempt(
    form,
    () => context.api.queues.views.save({ name: text(form, "name"), filters: filters as never, share: share as "nobody" | "team" | "directorate" }),
    { name: "viewName", share: "share" },
  );
  return result.ok ? redirect(back) : result.response;
}
