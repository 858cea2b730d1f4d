/**
 * Administration, read from the council's resolved rules (the API's council directory and
 * core's rule book): the organisation with the plugins each service enables, the working-day
 * calendar with its closure days, and the resolved rules of each service ("why is Stage 1 ten
 * days here"). Changing them needs the API's administration procedures (listed in the portal
 * note); staff and roles likewise.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { describeRules, todayIn, type CaseKind, type RulesInWords } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";

export async function requireAdministration(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  if (!staff.grants.some((g) => g.role === "administrator" || g.role === "complaints-manager")) {
    throw data("Administration is for administrators and the complaints manager.", { status: 403 });
  }
  const runtime = await context.deps.councils.get(staff.councilId);
  return { staff, runtime };
}

export async function loadOrganisation(context: AppLoadContext, request: Request) {
  const { runtime } = await requireAdministration(context, request);
  const installed = context.deps.councils.plugins.map((p) => ({ id: p.id, name: (p as { name?: string }).name ?? p.id }));
  return {
    councilName: runtime.profile.name,
    installed,
    contacts: runtime.profile.contacts,
    directorates: runtime.profile.directorates.map((d) => ({
      code: d.id,
      name: d.name,
      plugins: d.plugins,
      services: d.services.map((s) => ({
        code: s.id,
        name: s.name,
        offeredToPublic: s.offeredToPublic,
        plugins: [...new Set([...d.plugins, ...s.plugins])],
        regime: runtime.book.rulesFor(s.id, "complaint").regime.label,
        stages: runtime.book.rulesFor(s.id, "complaint").regime.stages.map((st) => st.label),
        teams: s.teams.map((t) => t.name),
      })),
    })),
  };
}

export async function loadCalendar(context: AppLoadContext, request: Request) {
  const { runtime } = await requireAdministration(context, request);
  const today = todayIn(context.deps.clock);
  const year = Number(new URL(request.url).searchParams.get("year")) || Number(today.slice(0, 4));
  const calendar = runtime.book.rulesFor(runtime.book.serviceIds()[0]!, "complaint").calendar;
  const days = calendar
    .nonWorkingDaysBetween(`${year}-01-01`, `${year}-12-31`)
    .filter((d) => d.reason.kind !== "weekend")
    .map((d) => ({ date: d.date, kind: d.reason.kind, title: d.reason.kind === "weekend" ? "Weekend" : d.reason.title }));
  return {
    year,
    nations: runtime.profile.calendar.nations ?? null,
    cutOffTime: runtime.profile.calendar.cutOffTime,
    closures: runtime.profile.calendar.closures.map((c) => ("date" in c ? { when: c.date, label: c.label, every: false } : { when: c.everyYear, label: c.label, every: true })),
    days,
  };
}

const KINDS: CaseKind[] = ["complaint", "compliment", "comment", "member-enquiry", "foi-eir-review", "service-request"];

export async function loadRules(context: AppLoadContext, request: Request) {
  const { runtime } = await requireAdministration(context, request);
  const url = new URL(request.url);
  const services = runtime.profile.directorates.flatMap((d) => d.services.map((s) => ({ code: s.id, name: s.name, directorate: d.name })));
  const service = services.find((s) => s.code === url.searchParams.get("service")) ?? services[0]!;
  const kind = (KINDS.find((k) => k === url.searchParams.get("kind")) ?? "complaint") as CaseKind;
  let rules: RulesInWords | null = null;
  let problem: string | null = null;
  try {
    rules = describeRules(runtime.book.rulesFor(service.code, kind));
  } catch (error) {
    // A kind no plugin of the service handles (an FOI review of waste collection) has no rules.
    problem = (error as Error).message;
  }
  return { services, service, kind, kinds: KINDS, rules, problem, profileId: runtime.profile.id };
}
