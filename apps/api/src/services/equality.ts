/**
 * Equality monitoring (issue 7; Leeds policy 31–32 and 81; docs/rules.md §8: voluntary special
 * category data, kept apart from case handling). Staff with the restricted permission record a
 * customer's form on their behalf, with the customer's consent; nothing comes back except that
 * it was stored. No case procedure reads it for any role (routers/equality-isolation.test.ts);
 * it is reported only in aggregate, counts of 1 to 4 shown as "<5".
 */
import { todayIn } from "@complaints/core";
import { equalityRepository, type EqualityAnswers } from "@complaints/db";
import { EQUALITY_QUESTIONS, equalityReport, equalityTables, recordEqualityMonitoring, tablesToCsv, csvField } from "@complaints/reports";
import type { Context } from "../context.js";
import { badInput, noAccess } from "../errors.js";
import { hasRole, type StaffPrincipal } from "../access/principal.js";
import { EQUALITY_RECORDERS, EQUALITY_REPORT_READERS } from "../access/policy.js";
import { loadReadableCase } from "./cases.js";
import { checkReportPeriod, type PeriodInput } from "./reports.js";

function requireRecorder(staff: StaffPrincipal): void {
  if (!hasRole(staff, EQUALITY_RECORDERS)) throw noAccess("Only customer services and the complaints manager record equality monitoring for a customer");
}

/** The form's questions and answers (the same for the portal and any other client). */
export function questions(staff: StaffPrincipal) {
  if (!hasRole(staff, EQUALITY_RECORDERS) && !hasRole(staff, EQUALITY_REPORT_READERS)) throw noAccess("Your role does not work with equality monitoring");
  return EQUALITY_QUESTIONS;
}

/**
 * Stores (or replaces) the customer's form for a case, collected by staff on their behalf. The
 * customer's consent, with its date, is required; answers must be the form's own.
 */
export async function record(ctx: Context, staff: StaffPrincipal, input: { caseId: string; consentGivenOn: string; answers: EqualityAnswers }) {
  requireRecorder(staff);
  const { record: found } = await loadReadableCase(ctx, staff, input.caseId);
  const today = todayIn(ctx.clock);
  if (input.consentGivenOn > today) throw badInput("Consent is recorded once given: the date is in the future");
  if (input.consentGivenOn < found.state.receipt.receivedOn) throw badInput(`Consent is given for this complaint: not before it was received (${found.state.receipt.receivedOn})`);
  await recordEqualityMonitoring(ctx.db, { caseId: input.caseId, consentGivenOn: input.consentGivenOn, collectedOn: today, collectedBy: "staff-on-customer-behalf", answers: input.answers });
  // Nothing of the answers comes back, and the log says only that a form was stored.
  ctx.deps.log.info("equality monitoring recorded", { by: staff.id });
  return { recorded: true as const };
}

/** Whether a form is held for the case (so nobody asks the customer twice); never the answers. */
export async function hasForm(ctx: Context, staff: StaffPrincipal, caseId: string) {
  requireRecorder(staff);
  await loadReadableCase(ctx, staff, caseId);
  return { held: await equalityRepository.hasForm(ctx.db, caseId) };
}

/** The customer withdrew consent: the answers are deleted. */
export async function withdraw(ctx: Context, staff: StaffPrincipal, caseId: string) {
  requireRecorder(staff);
  await loadReadableCase(ctx, staff, caseId);
  return { withdrawn: await equalityRepository.withdraw(ctx.db, caseId) };
}

/**
 * The aggregate report: by characteristic and answer, optionally by directorate or category, "<5"
 * for small numbers with complementary suppression, at least three months, and no table at all
 * for fewer than 10 forms (decision 0710; issue 20 finding 3).
 */
export async function report(ctx: Context, staff: StaffPrincipal, input: PeriodInput & { by?: "directorate" | "category" | undefined }) {
  if (!hasRole(staff, EQUALITY_REPORT_READERS)) throw noAccess("The equality monitoring report is for the complaints manager, quality assurance and auditors");
  const period = checkReportPeriod(input);
  // Too short a period (decision 0710) is a ReportInputError: a 400 that says what to choose.
  const data = await equalityReport(ctx.db, { councilId: staff.councilId, period, by: input.by ?? null });
  return { report: data, tables: equalityTables(data) };
}

export async function reportCsv(ctx: Context, staff: StaffPrincipal, input: PeriodInput & { by?: "directorate" | "category" | undefined }): Promise<{ csv: string; fileName: string }> {
  const data = await report(ctx, staff, input);
  // Too few forms: the download says why it holds no table, as the page does.
  const csv = data.report.withheld === null ? tablesToCsv(data.tables) : `${csvField(data.report.withheld)}\r\n`;
  return { csv, fileName: `equality-monitoring-${data.report.period.from}-to-${data.report.period.to}.csv` };
}
