/**
 * Reports count working days on a calendar table (docs/decisions/0003, issue 7), which must
 * say what the council's rules say: the bank holidays of each regime's nations and the
 * council's closure days. It is written at start-up, after the profile changes (closure days,
 * nations, plugins) and, should another process have changed the profile meanwhile, before a
 * report is computed on a calendar that no longer matches.
 */
import { CASE_KINDS, type ResolvedRules } from "@complaints/core";
import { calendarKeyOf, organisationRepository, reportCalendarAssignments, syncReportCalendars, DEFAULT_REGIME } from "@complaints/db";
import { reportCalendarsOf } from "@complaints/reports";
import type { AppDeps } from "../context.js";
import type { CouncilRuntime } from "../councils.js";

/** Every rule set the council's cases can be under: each service, each kind. */
function allRules(runtime: CouncilRuntime): ResolvedRules[] {
  return runtime.book.serviceIds().flatMap((service) => CASE_KINDS.map((kind) => runtime.book.rulesFor(service, kind)));
}

function wanted(runtime: CouncilRuntime) {
  const calendars = reportCalendarsOf(allRules(runtime));
  const keys: Record<string, string> = { [DEFAULT_REGIME]: calendarKeyOf(calendars.default) };
  for (const [regime, calendar] of Object.entries(calendars.byRegime)) keys[regime] = calendarKeyOf(calendar);
  return { calendars, keys };
}

/** Runtimes whose calendars this process has already checked (rebuilt when the profile changes). */
const checked = new WeakSet<CouncilRuntime>();

/** Writes the council's calendars now. */
export async function syncCouncilReportCalendars(deps: AppDeps, councilId: string): Promise<void> {
  const runtime = await deps.councils.get(councilId);
  await syncReportCalendars(deps.database.db, councilId, wanted(runtime).calendars, deps.clock.now());
  checked.add(runtime);
}

/** Every council's calendars, at start-up. */
export async function syncAllReportCalendars(deps: AppDeps): Promise<number> {
  const councils = await organisationRepository.listCouncils(deps.database.db);
  for (const council of councils) await syncCouncilReportCalendars(deps, council.id);
  return councils.length;
}

/**
 * Before a report: makes sure the calendar table matches the council's current rules, writing
 * it only when it does not (once per process per profile, after one small read). A failure to
 * write is logged, not thrown: the report then says which responses it could not measure.
 */
export async function ensureReportCalendars(deps: AppDeps, councilId: string): Promise<void> {
  const runtime = await deps.councils.get(councilId);
  if (checked.has(runtime)) return;
  const { calendars, keys } = wanted(runtime);
  const held = await reportCalendarAssignments(deps.database.db, councilId);
  const same = Object.keys(keys).length === Object.keys(held).length && Object.entries(keys).every(([regime, key]) => held[regime] === key);
  if (!same) {
    try {
      await syncReportCalendars(deps.database.db, councilId, calendars, deps.clock.now());
    } catch (error) {
      deps.log.error("could not write the report calendars", { councilId, error });
      return;
    }
  }
  checked.add(runtime);
}
