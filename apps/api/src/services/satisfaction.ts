/**
 * The satisfaction survey after a case closes (issue 15, "Satisfaction"; Leeds policy para 82;
 * docs/decisions/0516-satisfaction-survey.md). Where the council's profile turns it on
 * (`correspondence.satisfactionSurvey`), the sweep invites the customer of each complaint
 * closed after a response, `daysAfterClosure` working days later, once per case and stage
 * (the outbox dedupe key): an email with a link holding a random single-use token, of which
 * only the SHA-256 is stored. The answers are stored without the case (db/src/satisfaction.ts)
 * and reported in aggregate by service and stage, suppressed like equality monitoring.
 */
import { councilPublicAddress } from "../hosting.js";
import { createHash, randomBytes } from "node:crypto";
import { todayIn, type CaseState, type SatisfactionAnswers } from "@complaints/core";
import { caseRepository, satisfactionRepository, surveyDedupeKey, type NewNotification, type SurveyClosure, inTransaction } from "@complaints/db";
import { formatLetterDate } from "@complaints/letters";
import { csvField, satisfactionReport, satisfactionTables, tablesToCsv } from "@complaints/reports";
import type { AppDeps, Context } from "../context.js";
import type { CouncilRuntime } from "../councils.js";
import { noAccess } from "../errors.js";
import { hasRole, type StaffPrincipal } from "../access/principal.js";
import { SATISFACTION_REPORT_READERS } from "../access/policy.js";
import { residentLanguage, residentRecipients } from "./correspondence-recipients.js";
import { checkReportPeriod, type PeriodInput } from "./reports.js";

/**
 * A case closed longer ago than this (working days, after `daysAfterClosure`) is not surveyed:
 * a sweep that was stopped for a few days catches up, but turning the survey on does not email
 * everyone whose case closed years ago.
 */
export const SURVEY_CATCH_UP_WORKING_DAYS = 5;
/** How long the link works, in calendar days. */
export const SURVEY_OPEN_DAYS = 28;

export const hashSurveyToken = (token: string) => createHash("sha256").update(token, "utf8").digest("hex");

/** Where the text of the invitation puts the link (`payload.secrets.surveyLink`, substituted by the sender). */
export const SURVEY_LINK_PLACEHOLDER = "{{surveyLink}}";

async function surveyLink(deps: AppDeps, runtime: CouncilRuntime, token: string): Promise<string> {
  return `${await councilPublicAddress(deps, runtime.council)}/satisfaction/${token}`;
}

const addDays = (iso: string, days: number) => new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/** The email, in the resident's language; a bilingual council writes Welsh first, then English. */
function surveyEmail(runtime: CouncilRuntime, closure: SurveyClosure, name: string, link: string, expiresOn: string) {
  const council = runtime.profile.name;
  const words = {
    en: {
      subject: `How did we handle your complaint? ${closure.reference}`,
      text: `Dear ${name},\n\nWe have closed your complaint ${closure.reference}. We would like to know what you thought of how we handled it. There are four short questions and you can answer as many as you like:\n\n${link}\n\nYour answers are kept apart from your complaint and only counted together with other people's. The link works once, until ${formatLetterDate(expiresOn, "en")}.\n\nThis survey is not a way to complain. If you are unhappy with our response, the letter we sent you says what you can do next.\n\n${council}`,
    },
    cy: {
      subject: `Sut wnaethom ni ddelio â'ch cwyn? ${closure.reference}`,
      text: `Annwyl ${name},\n\nRydym wedi cau eich cwyn ${closure.reference}. Hoffem wybod beth oedd eich barn am y ffordd y gwnaethom ddelio â hi. Mae pedwar cwestiwn byr a gallwch ateb cynifer ag y dymunwch:\n\n${link}\n\nCaiff eich atebion eu cadw ar wahân i'ch cwyn a'u cyfrif gydag atebion pobl eraill yn unig. Mae'r ddolen yn gweithio unwaith, tan ${formatLetterDate(expiresOn, "cy")}.\n\nNid yw'r arolwg hwn yn ffordd o gwyno. Os ydych yn anhapus â'n hymateb, mae'r llythyr a anfonwyd atoch yn dweud beth y gallwch ei wneud nesaf.\n\n${council}`,
    },
  };
  const language = residentLanguage(runtime, closure.language);
  if (runtime.profile.correspondence.languages === "bilingual") {
    return { language: "cy" as const, subject: `${words.cy.subject} / ${words.en.subject.replace(` ${closure.reference}`, "")}`, text: `${words.cy.text}\n\n---\n\n${words.en.text}` };
  }
  return { language, ...words[language] };
}

/**
 * Invites the customers of complaints closed `daysAfterClosure` working days ago (or up to
 * SURVEY_CATCH_UP_WORKING_DAYS more), each in its own transaction: the outbox row and the
 * invitation are written together or not at all, and a row already queued for the case and
 * stage (another process, an earlier pass) leaves no invitation behind. Answers the number queued.
 */
export async function queueSurveys(deps: AppDeps, runtime: CouncilRuntime, today: string): Promise<number> {
  const settings = runtime.profile.correspondence.satisfactionSurvey;
  if (!settings.enabled) return 0;
  const calendar = runtime.book.rulesFor(runtime.book.serviceIds()[0]!, "complaint").calendar;
  const closedTo = calendar.addWorkingDays(today, -settings.daysAfterClosure);
  const closedFrom = calendar.addWorkingDays(closedTo, -SURVEY_CATCH_UP_WORKING_DAYS);
  const db = deps.database.db;
  let queued = 0;
  for (const closure of await satisfactionRepository.closuresToSurvey(db, { councilId: runtime.council.id, closedFrom, closedTo })) {
    const token = randomBytes(24).toString("base64url");
    const expiresOn = addDays(today, SURVEY_OPEN_DAYS);
    const link = await surveyLink(deps, runtime, token);
    await inTransaction(db, async (trx) => {
      // To whom the case's correspondence goes, on their channel: the survey is an email, so
      // someone who asked for post only, or whose representative takes the replies and has no
      // email, is not sent one.
      const { state } = await caseRepository.getCase<CaseState>(trx, closure.caseId);
      const to = (await residentRecipients(trx, state, "satisfaction-survey", deps.notifier.channels)).find((r) => r.channel === "email");
      if (!to) return;
      // The link is the token: the text says where it goes and the sender puts it in, so staff
      // reading the case's correspondence never see a link they could answer with.
      const email = surveyEmail(runtime, closure, to.name, SURVEY_LINK_PLACEHOLDER, expiresOn);
      const message: NewNotification = {
        councilId: runtime.council.id,
        caseId: closure.caseId,
        kind: "correspondence",
        recipient: { party: to.party, name: to.name, email: to.email! },
        payload: { channel: "email", purpose: "satisfaction-survey", stageId: closure.stageId, reference: closure.reference, language: email.language, subject: email.subject, text: email.text, secrets: { surveyLink: link } },
        dedupeKey: surveyDedupeKey(closure.caseId, closure.stageId),
      };
      const ids = await deps.notifier.enqueue(trx, [message]);
      if (ids.length === 0) return;
      await satisfactionRepository.invite(trx, {
        tokenHash: hashSurveyToken(token),
        councilId: runtime.council.id,
        serviceId: closure.serviceId,
        directorateId: closure.directorateId,
        stageId: closure.stageId,
        stageLabel: closure.stageLabel,
        closedOn: closure.closedOn,
        expiresOn,
      });
      queued += 1;
    });
  }
  await satisfactionRepository.purgeExpired(db, today);
  return queued;
}

// ---------------------------------------------------------------------------------------------
// The resident's page
// ---------------------------------------------------------------------------------------------

/** Whether the link still opens a survey; the page says nothing else about it. */
export async function openSurvey(ctx: Context, token: string): Promise<{ open: boolean; council: string }> {
  const { runtime } = await ctx.council();
  const found = await satisfactionRepository.findOpen(ctx.db, runtime.council.id, hashSurveyToken(token), todayIn(ctx.clock));
  return { open: found !== undefined, council: runtime.profile.name };
}

/** Stores the answers once; `recorded: false` when the link was used already or has expired. */
export async function answerSurvey(ctx: Context, input: { token: string; answers: SatisfactionAnswers }): Promise<{ recorded: boolean }> {
  const { runtime } = await ctx.council();
  const recorded = await satisfactionRepository.answer(ctx.db, { councilId: runtime.council.id, tokenHash: hashSurveyToken(input.token), today: todayIn(ctx.clock), answers: input.answers });
  // Nothing of the answers is logged, nor which survey: only that one was answered.
  if (recorded) ctx.deps.log.info("satisfaction survey answered", { council: runtime.council.slug });
  return { recorded };
}

// ---------------------------------------------------------------------------------------------
// The report
// ---------------------------------------------------------------------------------------------

export async function report(ctx: Context, staff: StaffPrincipal, input: PeriodInput) {
  if (!hasRole(staff, SATISFACTION_REPORT_READERS)) throw noAccess("The satisfaction survey report is for the complaints manager, quality assurance and auditors");
  const period = checkReportPeriod(input);
  const data = await satisfactionReport(ctx.db, { councilId: staff.councilId, period });
  // An empty report means something else when the council does not send the survey at all.
  const surveyEnabled = (await ctx.deps.councils.get(staff.councilId)).profile.correspondence.satisfactionSurvey.enabled;
  return { report: data, tables: satisfactionTables(data), surveyEnabled };
}

export async function reportCsv(ctx: Context, staff: StaffPrincipal, input: PeriodInput): Promise<{ csv: string; fileName: string }> {
  const data = await report(ctx, staff, input);
  const csv = data.report.withheld === null ? tablesToCsv(data.tables) : `${csvField(data.report.withheld)}\r\n`;
  return { csv, fileName: `satisfaction-${data.report.period.from}-to-${data.report.period.to}.csv` };
}
