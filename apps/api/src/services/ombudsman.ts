/**
 * The Ombudsman enquiries list (issue 6): every open and recently closed enquiry from the
 * LGSCO, the Housing Ombudsman or the ICO on a case the caller may read, with the body's
 * deadline and where it stands. The enquiry itself is worked on its case through the
 * `command.ombudsman*` procedures; this is the complaints team's view across cases.
 */
import { addCalendarDays, todayIn, type OmbudsmanEnquiryState } from "@complaints/core";
import { caseRepository, ombudsmanRepository, type OmbudsmanEnquiryListRow } from "@complaints/db";
import type { Context } from "../context.js";
import { readDecision, type StaffPrincipal } from "../access/principal.js";
import { visibilityOf } from "./case-views.js";

/** How long a closed enquiry stays in the list. */
export const RECENT_DAYS = 90;

export function enquiryState(row: Pick<OmbudsmanEnquiryListRow, "respondedOn" | "decidedOn" | "remedies" | "satisfiedOn">): OmbudsmanEnquiryState {
  if (row.satisfiedOn) return "complied";
  if (!row.respondedOn && !row.decidedOn) return "response-due";
  if (!row.decidedOn) return "awaiting-decision";
  if (row.remedies.some((r) => !r.completedOn)) return "remedy-due";
  return row.remedies.length > 0 ? "complied" : "decision-received";
}

/** The date the body is waiting on us for next: our reply, else the earliest remedy still outstanding. */
function nextDeadline(row: OmbudsmanEnquiryListRow, state: OmbudsmanEnquiryState): { what: "response" | "remedy"; date: string } | null {
  if (state === "response-due") return { what: "response", date: row.responseDueOn };
  if (state === "remedy-due") {
    const dates = row.remedies.filter((r) => !r.completedOn && r.dueOn).map((r) => r.dueOn!);
    return dates.length ? { what: "remedy", date: dates.sort()[0]! } : null;
  }
  return null;
}

export async function ombudsmanEnquiries(ctx: Context, staff: StaffPrincipal, input: { body?: string | undefined; state?: OmbudsmanEnquiryState | undefined; limit: number }) {
  const runtime = await ctx.deps.councils.get(staff.councilId);
  const today = todayIn(ctx.clock);
  const rows = await ombudsmanRepository.enquiries(ctx.db, {
    scope: visibilityOf(staff),
    closedSince: addCalendarDays(today, -RECENT_DAYS),
    ...(input.body ? { body: input.body } : {}),
    limit: 1000,
  });
  // SQL narrowed by directorate; each case is then checked with the single-case decision.
  const facts = await caseRepository.accessFacts(ctx.db, staff.councilId, [...new Set(rows.map((r) => r.caseId))]);
  const enquiries = rows
    .filter((r) => {
      const f = facts.get(r.caseId);
      return f !== undefined && readDecision(staff, { councilId: f.councilId, directorateId: f.directorateId, restricted: f.restricted, aboutStaffIds: f.aboutStaffIds, handlerId: f.assignedStaffId }).ok;
    })
    .map((r) => {
      const state = enquiryState(r);
      const deadline = nextDeadline(r, state);
      return {
        caseId: r.caseId,
        reference: r.reference,
        directorate: { id: r.directorateId, name: r.directorateId ? (runtime.names.directorates.get(r.directorateId) ?? null) : null },
        serviceCode: r.serviceCode,
        enquiryId: r.enquiryId,
        body: { id: r.body, name: (runtime.profile.ombudsmen as Record<string, { name: string } | undefined>)[r.body]?.name ?? r.body },
        theirReference: r.theirReference,
        receivedOn: r.receivedOn,
        responseDueOn: r.responseDueOn,
        respondedOn: r.respondedOn,
        decision: r.decidedOn ? { on: r.decidedOn, finding: r.finding, injustice: r.injustice } : null,
        remedies: r.remedies.map((m) => ({ id: m.id, description: m.description, dueOn: m.dueOn, completedOn: m.completedOn })),
        satisfiedOn: r.satisfiedOn,
        state,
        deadline: deadline ? { ...deadline, overdue: deadline.date < today } : null,
      };
    })
    .filter((e) => !input.state || e.state === input.state)
    .slice(0, input.limit);
  return { today, recentDays: RECENT_DAYS, enquiries };
}
