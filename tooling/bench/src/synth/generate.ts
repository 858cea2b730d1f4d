/**
 * Turns a range of case numbers into COPY text for every table. Runs in the loader's worker
 * threads (worker.ts) or in-process.
 */
import { SyntheticWorld, type WorldOptions } from "./cases.js";
import { caseRows, conductRows, customerRow, RowSink, TABLE_ORDER, type OrganisationIdMaps, type TableName } from "./rows.js";

/** What crosses to a worker: plain data only. */
export interface BatchRequest {
  options: { seed: number; now: number; years: number; councilSize: number };
  /** Organisation ids by council number. */
  ids: Record<number, { councilId: string; directorates: Array<[string, string]>; services: Array<[string, { id: string; directorateId: string }]> }>;
  from: number;
  to: number;
}

export interface BatchResult {
  from: number;
  to: number;
  tables: Partial<Record<TableName, string>>;
  cases: number;
  events: number;
  customers: number;
  /** Commands a rule refused, counted by "command: code". */
  refusals: Record<string, number>;
  /** Cases by kind/status, for the load report. */
  byStatus: Record<string, number>;
}

export function toWorldOptions(o: BatchRequest["options"]): WorldOptions {
  return { seed: o.seed, now: new Date(o.now), years: o.years, councilSize: o.councilSize };
}

export function idMapsOf(ids: BatchRequest["ids"][number]): OrganisationIdMaps {
  return { councilId: ids.councilId, directorates: new Map(ids.directorates), services: new Map(ids.services) };
}

const worlds = new Map<string, SyntheticWorld>();

export function generateBatch(request: BatchRequest): BatchResult {
  const key = JSON.stringify(request.options);
  let world = worlds.get(key);
  if (!world) {
    world = new SyntheticWorld(toWorldOptions(request.options));
    worlds.set(key, world);
  }
  const sink = new RowSink();
  const refusals: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  let customers = 0;
  const maps = new Map<number, OrganisationIdMaps>();
  for (let i = request.from; i < request.to; i++) {
    const generated = world.generate(i);
    const number = generated.council.index;
    let ids = maps.get(number);
    if (!ids) {
      const raw = request.ids[number];
      if (!raw) throw new Error(`council ${number} is not installed`);
      ids = idMapsOf(raw);
      maps.set(number, ids);
    }
    if (generated.newCustomer) {
      customerRow(sink, ids.councilId, generated.newCustomer);
      customers++;
    }
    if (generated.conduct) conductRows(sink, ids.councilId, generated.conduct);
    caseRows(sink, ids, generated);
    for (const r of generated.refusals) refusals[`${r.command}: ${r.refusal.code}`] = (refusals[`${r.command}: ${r.refusal.code}`] ?? 0) + 1;
    const status = `${generated.state.kind}/${generated.state.status}`;
    byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  const tables: BatchResult["tables"] = {};
  for (const table of TABLE_ORDER) {
    const text = sink.text(table);
    if (text) tables[table] = text;
  }
  return { from: request.from, to: request.to, tables, cases: sink.cases, events: sink.events, customers, refusals, byStatus };
}
