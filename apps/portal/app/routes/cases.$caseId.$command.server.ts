/**
 * One lifecycle command on a case: the form (only when the rules and the role allow the
 * command now), and the post, which the API checks again. A refusal comes back in core's own
 * plain words in the error summary; a stale version says someone else changed the case.
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { CommandType } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";
import { COMMAND_FORMS, type OptionSource } from "../utils/commands";
import { parseCommand } from "../utils/commands.server";
import { attempt, failure, readForm, text, valuesOf } from "../utils/forms.server";
import {
  CHANNELS,
  CHANNEL_LABELS,
  EXCLUSION_REASONS,
  EXCLUSION_REASON_LABELS,
  FLAGS,
  FLAG_LABELS,
  NEXT_BODY_LABELS,
  OMBUDSMAN_BODIES,
  OMBUDSMAN_FINDINGS,
  OMBUDSMAN_FINDING_LABELS,
  OUTCOME_LABELS,
} from "@complaints/core/vocabulary";
import { formatDate } from "../utils/labels";
import { loadCase } from "./cases.$caseId._index.server";
import type { CaseView } from "../utils/api-types";
import { organisationOf } from "../utils/organisation.server";

/** Command type (kebab-case, in the URL) → the API's procedure (camelCase). */
export function procedureOf(type: string): string {
  return type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
}

export function commandFromParam(param: string | undefined): CommandType {
  if (!param || !(param in COMMAND_FORMS)) throw data("There is no such action.", { status: 404 });
  return param as CommandType;
}

/** Each code of a list, as a select's option worded with its label. */
const choices = <Code extends string>(codes: readonly Code[], labels: Record<Code, string>) => codes.map((value) => ({ value, text: labels[value] }));

type Options = Partial<Record<OptionSource, Array<{ value: string; text: string; disabled?: boolean }>>>;

/**
 * Everyone who may take the case (the API's list: roles, access and core's conflict and
 * independence rules), "Name — role — 7 open cases"; those core would refuse are shown, not
 * choosable, with the reason (issue 16).
 */
async function assigneeOptions(context: AppLoadContext, caseId: string, me: string) {
  const people = await context.api.cases.assignees({ caseId });
  return people.map((p) => {
    const name = `${p.name}${p.id === me ? " (you)" : ""}`;
    if (p.mayNot) return { value: p.id, text: `${name}: ${p.mayNot.replace(`${p.name} `, "")}`, disabled: true };
    const load = `${p.openCases} open ${p.openCases === 1 ? "case" : "cases"}`;
    return { value: p.id, text: `${name} — ${p.roles.join(", ")} — ${load}${p.current ? " (handles it now)" : ""}` };
  });
}

/** The choices each select offers, from the case itself. */
function optionsFor(c: CaseView, me: { id: string; name: string }): Options {
  const people = new Map<string, string>([[me.id, `${me.name} (you)`]]);
  if (c.assignedStaff?.name) people.set(c.assignedStaff.id, c.assignedStaff.name);
  for (const s of c.stages) if (s.handlerId && s.handlerName) people.set(s.handlerId, s.handlerName);
  for (const e of c.timeline) if (e.actor.type === "staff" && e.actor.id && e.actor.name) people.set(e.actor.id, e.actor.name);
  return {
    staff: [...people].map(([value, text]) => ({ value, text })),
    channels: choices(CHANNELS, CHANNEL_LABELS),
    "open-information-requests": c.informationRequests.filter((r) => !r.answeredOn).map((r) => ({ value: r.id, text: `${r.what} (asked ${formatDate(r.requestedOn)})` })),
    "open-remedies": c.stages.flatMap((s) => (s.response?.remedies ?? []).filter((r) => !r.completedOn).map((r) => ({ value: r.id, text: `${s.label}: ${r.description}` }))),
    "ombudsman-enquiries": c.ombudsman.map((o) => ({ value: o.id, text: `${o.reference} (${o.body})` })),
    "ombudsman-remedies": c.ombudsman.flatMap((o) => o.remedies.filter((r) => !r.completedOn).map((r) => ({ value: `${o.id}|${r.id}`, text: `${o.reference}: ${r.description}` }))),
    "next-bodies": choices(OMBUDSMAN_BODIES, NEXT_BODY_LABELS),
    "exclusion-reasons": choices(EXCLUSION_REASONS, EXCLUSION_REASON_LABELS),
    "approvals-to-decide": c.approvals.filter((a) => a.mayDecide).map((a) => ({ value: a.id, text: `${a.summary}, asked for by ${a.requestedByName ?? "a colleague"} on ${formatDate(a.requestedOn)}` })),
    "ombudsman-findings": choices(OMBUDSMAN_FINDINGS, OMBUDSMAN_FINDING_LABELS),
    flags: choices(FLAGS.filter((f) => !c.flags.includes(f)), FLAG_LABELS),
    "case-flags": choices(FLAGS.filter((f) => c.flags.includes(f)), FLAG_LABELS),
    "triage-stages": c.regime.triageStages.map((s) => ({ value: s.id, text: s.label })),
  };
}

/** The council's other services, by name and directorate, for a transfer's select. */
async function otherServices(context: AppLoadContext, councilId: string, c: CaseView): Promise<Options> {
  const organisation = await organisationOf(context, councilId);
  return { services: organisation.services.filter((s) => s.code !== c.service.code).map((s) => ({ value: s.code, text: `${s.name} (${s.directorate})` })) };
}

/** What a correcting form starts with: the case's details as recorded, to change in place. */
function initialValues(command: CommandType, c: CaseView): Record<string, string> {
  if (command === "recategorise") {
    return { category: c.category ?? "", subCategory: c.subCategory ?? "", priority: c.priority.level, priorityReason: c.priority.reason ?? "" };
  }
  if (command !== "edit-details") return {};
  const rep = c.representative;
  const [year, month, day] = (rep?.consent?.recordedOn ?? "").split("-");
  return {
    description: c.description,
    desiredOutcome: c.desiredOutcome ?? "",
    customerName: c.customer?.name ?? "",
    ...(rep
      ? {
          representativeName: rep.name,
          representativeRole: rep.role,
          consentBasis: rep.consent?.basis ?? "",
          ...(year ? { "consentRecordedOn-day": String(Number(day)), "consentRecordedOn-month": String(Number(month)), "consentRecordedOn-year": year } : {}),
          replyTo: rep.replyTo,
        }
      : {}),
  };
}

/** The form as the page shows it: its mapping to the payload stays here (a function is not data). */
function formOf(command: CommandType) {
  const { payload: _mapping, ...form } = COMMAND_FORMS[command]!;
  return form;
}

/** A field of the step's form that carries the officer's words for one section of its letter. */
const WORDS_PREFIX = "letter-";

/**
 * The officer's words for the step's letter (decision 0321): each `letter-<element>` answer is
 * that section of the letter, a paragraph per blank-line-separated block.
 */
export function letterWordsOf(form: FormData): { sections: Array<{ element: string; paragraphs: string[] }> } | undefined {
  const sections: Array<{ element: string; paragraphs: string[] }> = [];
  for (const [name, value] of form.entries()) {
    if (!name.startsWith(WORDS_PREFIX) || typeof value !== "string") continue;
    const paragraphs = value
      .split(/\r?\n\s*\r?\n/)
      .map((p) => p.trim())
      .filter(Boolean);
    if (paragraphs.length) sections.push({ element: name.slice(WORDS_PREFIX.length), paragraphs });
  }
  return sections.length ? { sections } : undefined;
}

/**
 * Where the API's refusal of the letter's words belongs on the form: a paragraph over the limit
 * (`letter.sections.2.paragraphs.0`) is the `letter-<element>` box it came from, so the error
 * summary links to a field that exists.
 */
export function letterWordsFields(letter: { sections: Array<{ element: string; paragraphs: string[] }> }): Record<string, string> {
  const fields: Record<string, string> = {};
  letter.sections.forEach((section, i) => {
    const field = `${WORDS_PREFIX}${section.element}`;
    fields[`letter.sections.${i}`] = field;
    fields[`letter.sections.${i}.paragraphs`] = field;
    section.paragraphs.forEach((_, j) => (fields[`letter.sections.${i}.paragraphs.${j}`] = field));
  });
  return fields;
}

/** What the step will send, to whom and how, and the words its letters need (the API's plan). */
async function letterPlanOf(context: AppLoadContext, caseId: string, command: Exclude<CommandType, "log">) {
  const plans = await context.api.letters.forStep({ caseId, command });
  // One question per section: the triage outcomes' letters may each need the same one.
  const words = new Map<string, { name: string; label: string; hint: string }>();
  for (const plan of plans) {
    for (const w of plan.words) {
      if (!words.has(w.element)) words.set(w.element, { name: `${WORDS_PREFIX}${w.element}`, label: `For the letter: ${w.description.replace(/^./, (c) => c.toUpperCase())}`, hint: `It goes in the ${plan.kindName} as you write it. Leave it empty to write it later: the letter then waits as a task.` });
    }
  }
  return { plans, words: [...words.values()] };
}

type Approval = CaseView["approvals"][number];

/** An approval as the officer or the approver reads it: who asked, who decided, what was proposed. */
function approvalView(a: Approval) {
  const p = a.proposal;
  return {
    id: a.id,
    summary: a.summary,
    status: !a.decision ? ("waiting" as const) : !a.decision.approved ? ("refused" as const) : a.usedOn ? ("used" as const) : ("approved" as const),
    asked: `${a.requestedByName ?? "A colleague"} asked on ${formatDate(a.requestedOn)}`,
    decided: a.decision ? `${a.decidedByName ?? "A colleague"} ${a.decision.approved ? "approved it" : "refused it"} on ${formatDate(a.decision.on)}` : null,
    reason: a.decision?.reason ?? null,
    note: a.note,
    proposal: p ? { outcome: OUTCOME_LABELS[p.outcome], reasons: p.reasons } : null,
  };
}

/**
 * The approvals a form is about (decision 0324): for the response, the latest request for this
 * stage; for the reply to the Ombudsman, the latest for each enquiry; for the decision, the
 * requests this person may decide. A refused proposal fills the response form again, to change.
 */
function approvalsFor(command: CommandType, c: CaseView) {
  const stage = c.stages.at(-1);
  const latest = (list: Approval[]) => [...new Map(list.map((a) => [a.kind === "remedies" ? `s${a.stageSequence}` : `e${a.enquiryId}`, a])).values()];
  const shown =
    command === "respond"
      ? latest(c.approvals.filter((a) => a.kind === "remedies" && a.stageSequence === stage?.sequence))
      : command === "ombudsman-response"
        ? latest(c.approvals.filter((a) => a.kind === "ombudsman-response" && !c.ombudsman.find((e) => e.id === a.enquiryId)?.respondedOn))
        : command === "decide-approval"
          ? c.approvals.filter((a) => a.mayDecide)
          : [];
  const refused = command === "respond" ? shown.find((a) => a.decision && !a.decision.approved) : undefined;
  const decideOne = command === "decide-approval" && shown.length === 1 ? { approvalId: shown[0]!.id } : {};
  return { list: shown.filter((a) => !a.usedOn).map(approvalView), defaults: refused?.proposal ? { ...proposalAnswers(refused.proposal), ...decideOne } : decideOne };
}

/** A proposed response as the respond form's answers, to change after a refusal. */
function proposalAnswers(p: NonNullable<Approval["proposal"]>): Record<string, string> {
  const answers: Record<string, string> = { outcome: p.outcome, reasons: p.reasons, ...(p.signedBy ? { signedBy: p.signedBy } : {}) };
  p.remedies.slice(0, 2).forEach((r, i) => {
    const n = i + 1;
    Object.assign(answers, { [`remedy${n}Type`]: r.type, [`remedy${n}Description`]: r.description, ...(r.ownerId ? { [`remedy${n}Owner`]: r.ownerId } : {}) });
    if (r.amountPence) answers[`remedy${n}Amount`] = (r.amountPence / 100).toFixed(2);
    if (r.financialKind) answers[`remedy${n}FinancialKind`] = r.financialKind;
  });
  return answers;
}

export async function loadCommandPage(context: AppLoadContext, request: Request, caseId: string, param: string | undefined) {
  const staff = requireStaff(context, request);
  const command = commandFromParam(param);
  const c = await loadCase(context, caseId);
  const allowed = (c.available as readonly string[]).includes(command);
  const approvals = approvalsFor(command, c);
  return {
    approvals: approvals.list,
    /** Answers the form starts with (a refused proposal, to change). */
    defaults: approvals.defaults,
    letters: allowed && command !== "log" ? await letterPlanOf(context, caseId, command) : { plans: [], words: [] },
    case: { id: c.id, reference: c.reference, version: c.version, kind: c.kind, serviceName: c.service.name, stage: c.stages.at(-1)?.label ?? null },
    command,
    form: formOf(command),
    allowed,
    options: {
      ...optionsFor(c, { id: staff.id, name: staff.name }),
      ...(allowed && command === "transfer" ? await otherServices(context, staff.councilId, c) : {}),
      ...(allowed && command === "assign" ? { assignees: await assigneeOptions(context, caseId, staff.id) } : {}),
    },
    /** The form's answers before any are typed (a correction starts from the record). */
    initial: initialValues(command, c),
    /** This form's own key: sent twice (a double click), the API does it once (issue 20). */
    idempotencyKey: randomUUID(),
  };
}

export async function runCommandAction(context: AppLoadContext, request: Request, caseId: string, param: string | undefined) {
  const staff = requireStaff(context, request);
  const command = commandFromParam(param);
  const form = await readForm(request, context);
  const expectedVersion = Number(text(form, "expectedVersion"));
  const values: Record<string, unknown> = {};
  // A duplicate names the other case by its reference; the API needs its id. (A reference
  // longer than any is left to the schema to refuse.)
  const reference = text(form, "ofReference");
  if (command === "triage" && text(form, "outcome") === "duplicate" && reference && reference.length <= 40) {
    const hits = await context.api.search.cases({ reference, status: "any", limit: 5 });
    const hit = hits.find((h) => h.reference.toLowerCase() === reference.toLowerCase());
    if (!hit) return failure({ ofReference: `There is no case ${reference} that you can see` }, form);
    if (hit.id === caseId) return failure({ ofReference: "A case cannot be a duplicate of itself" }, form);
    Object.assign(values, { ofCaseId: hit.id, ofReference: hit.reference });
  }
  const intent = text(form, "intent");
  if (command === "ombudsman-response" && intent !== "request-approval") {
    // The reply goes with the Head of Service's approval of it, found on the case (decision 0324).
    const enquiryId = text(form, "enquiryId");
    const c = await loadCase(context, caseId);
    const approval = c.approvals.filter((a) => a.kind === "ombudsman-response" && a.enquiryId === enquiryId).at(-1);
    if (enquiryId && !approval) return failure({ enquiryId: "Ask a Head of Service to approve the reply first" }, form);
    if (approval) values.approvalId = approval.id;
  }
  if (command === "respond" && intent === "send-approved") return sendApprovedResponse(context, caseId, form);
  if (command === "ombudsman-response" && intent === "request-approval" && !text(form, "enquiryId")) return failure({ enquiryId: "Choose the enquiry" }, form);
  // Asking for approval of the reply needs only the enquiry; the reply itself, its approval.
  const parsed = command === "ombudsman-response" && intent === "request-approval" ? ({ ok: true, value: { enquiryId: text(form, "enquiryId") } } as const) : parseCommand(command, form, staff.id, values);
  if (!parsed.ok) return failure(parsed.errors, form);
  if (intent === "request-approval" && (command === "respond" || command === "ombudsman-response")) {
    // The same answers, kept on the case until someone with the authority decides (decision 0324).
    const subject = command === "respond" ? { response: parsed.value } : { enquiryId: parsed.value.enquiryId as string };
    const asked = await attempt(form, () => context.api.command.requestApproval({ caseId, expectedVersion, approvalId: randomUUID(), ...subject } as never));
    if (!asked.ok) return asked.response;
    return redirect(`/cases/${caseId}/${command}`, 303);
  }

  // Extend is checked before it is made (issue 16): the first post shows core's new date and
  // the days left, a second post with `confirm` makes it; "change" goes back to the answers.
  if (command === "extend" && text(form, "change") === "yes") return failure({}, form, 200);
  if (command === "extend" && text(form, "confirm") !== "yes") {
    const preview = await attempt(form, () => context.api.cases.previewExtension({ caseId, ...(parsed.value as { workingDays: number; reason: string; ombudsmanDetailsGiven: boolean }) }));
    if (!preview.ok) return preview.response;
    return data({ ok: "preview" as const, preview: preview.value, values: valuesOf(form) });
  }

  const procedures = context.api.command as unknown as Record<string, (input: unknown) => Promise<{ version: number }>>;
  const call = procedures[procedureOf(command)];
  if (!call) throw data("There is no such action.", { status: 404 });
  const idempotencyKey = text(form, "idempotencyKey") || undefined;
  const letter = letterWordsOf(form);
  const result = await attempt(form, () => call({ caseId, expectedVersion, ...(idempotencyKey ? { idempotencyKey } : {}), ...(letter ? { letter } : {}), ...parsed.value }), letter ? letterWordsFields(letter) : {});
  if (!result.ok) return result.response;
  return afterStep(caseId, command, result.value);
}

/** Back to the case, which says what the step sent and what waits (decision 0321). */
function afterStep(caseId: string, command: CommandType, value: unknown) {
  const letters = (value as { letters?: Array<{ status: string; letterId: string | null; outboxId: number }> }).letters ?? [];
  const issued = letters.flatMap((l) => (l.status === "issued" && l.letterId ? [l.letterId] : []));
  const waiting = letters.flatMap((l) => (l.status === "waiting" ? [l.outboxId] : []));
  const query = new URLSearchParams({ done: command });
  if (issued.length) query.set("letters", issued.join(","));
  if (waiting.length) query.set("waiting", waiting.join(","));
  return redirect(`/cases/${caseId}?${query.toString()}`, 303);
}

/**
 * Sends the response as it was approved (decision 0324): the proposal kept on the case, with the
 * approval that covers it, and the officer's words for the letter typed now. Nothing is retyped.
 */
async function sendApprovedResponse(context: AppLoadContext, caseId: string, form: FormData) {
  const c = await loadCase(context, caseId);
  const approval = c.approvals.find((a) => a.id === text(form, "approvalId"));
  if (!approval?.proposal) return failure({ _form: "There is no such approved response on this case" }, form);
  const idempotencyKey = text(form, "idempotencyKey") || undefined;
  const letter = letterWordsOf(form);
  const payload = { ...approval.proposal, approvalId: approval.id };
  const result = await attempt(
    form,
    () => context.api.command.respond({ caseId, expectedVersion: Number(text(form, "expectedVersion")), ...(idempotencyKey ? { idempotencyKey } : {}), ...(letter ? { letter } : {}), ...payload } as never),
    letter ? letterWordsFields(letter) : {},
  );
  if (!result.ok) return result.response;
  return afterStep(caseId, "respond", result.value);
}
