/** Shapes the API returns, inferred from its router (type-only: nothing reaches the browser). */
import type { ApiCaller } from "../../server/context";

export type CaseView = Awaited<ReturnType<ApiCaller["cases"]["get"]>>;
export type QueueView = Awaited<ReturnType<ApiCaller["queues"]["mine"]>>;
export type QueueItemView = QueueView["items"][number];
export type DueDateView = CaseView["dueDates"][number];
export type TimelineEntry = CaseView["timeline"][number];
