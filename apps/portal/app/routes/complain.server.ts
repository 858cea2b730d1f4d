/**
 * Make a complaint, compliment or comment, one question per page, without an account and
 * without JavaScript (docs/decisions/0520-complaint-form-one-question-per-page.md, which
 * replaces 0502's hidden fields). Each question has its own address, /complain/<question>, as
 * GOV.UK's question pages do; the answers so far are kept by the API as a draft under a random
 * token in a cookie, so the browser's Back button and a refresh show them again. A page posts
 * its answers, which are checked and kept, and is answered with a redirect to the next question
 * (post, redirect, get) or with itself and the GOV.UK error summary. The draft carries one
 * idempotency key from its first answer: sending it twice (a double click, a refresh) gives
 * back the same case, which is what the confirmation page at /complain/sent shows.
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { describeApiError, readForm } from "../utils/forms.server";
import { submitInput } from "@complaints/core";
import { parseForm } from "../utils/form-schema.server";
import { languageOf } from "../utils/root.server";
import { isLanguage, type Language } from "../i18n";
import { ANSWER_FIELDS, STEP_FIELDS, STEPS, contactWays, isPublicKind, questionPath, stepsFor, type Answers, type Step } from "../utils/complain";

export type Receipt = Awaited<ReturnType<AppLoadContext["api"]["public"]["submit"]>>;

export type { Answers, Step };

/** The cookie holding the draft's token: this form's pages only, gone when the browser closes. */
export const DRAFT_COOKIE = "complain_draft";

/** A question's page, as its loader (the answers kept) or its action (the answers typed, wrong) shows it. */
export interface QuestionView {
  step: Step;
  answers: Answers;
  errors: Record<string, string>;
  /** Reached from "Check your answers": go back there after answering. */
  returnToCheck: boolean;
}

function draftToken(request: Request): string | null {
  const cookie = (request.headers.get("Cookie") ?? "").split(/;\s*/).find((c) => c.startsWith(`${DRAFT_COOKIE}=`));
  const token = cookie?.slice(DRAFT_COOKIE.length + 1) ?? "";
  return /^[A-Za-z0-9_-]{43}$/.test(token) ? token : null;
}

function draftCookie(request: Request, token: string): string {
  const secure = new URL(request.url).protocol === "https:" ? "; Secure" : "";
  return `${DRAFT_COOKIE}=${token}; Path=/complain; HttpOnly; SameSite=Lax${secure}`;
}

/** The draft this browser holds: its token and answers (none when it has none, or sent them already). */
async function draftOf(context: AppLoadContext, request: Request): Promise<{ token: string | null; answers: Answers; sent: boolean }> {
  const token = draftToken(request);
  const found = token ? await context.api.public.draft({ token }) : null;
  if (!found) return { token: null, answers: {}, sent: false };
  return { token, answers: found.sent ? {} : pickAnswers(found.answers), sent: found.sent };
}

function pickAnswers(stored: Record<string, string>): Answers {
  return Object.fromEntries(ANSWER_FIELDS.filter((f) => typeof stored[f] === "string").map((f) => [f, stored[f]]));
}

/** The answers a step's page posted, in place of what the draft held for that step. */
export function withStepAnswers(kept: Answers, step: Step, form: FormData): Answers {
  const out: Answers = { ...kept };
  for (const field of STEP_FIELDS[step]) {
    delete out[field];
    // The ways of contact are checkboxes: several values, kept as one joined answer.
    const value = field === "contact" ? form.getAll(field).filter((v): v is string => typeof v === "string").join(",") : form.get(field);
    if (typeof value === "string" && value.trim() !== "") out[field] = field === "description" || field === "desiredOutcome" ? value.replace(/\r\n/g, "\n").trim() : value.trim();
  }
  return out;
}

/**
 * Where a resident asking for `step` should be: the first question before it that is not
 * answered yet (an address typed or bookmarked ahead of the answers), else the step itself if
 * this resident is asked it, else "Check your answers" once everything is answered.
 */
export function stepToShow(step: Step, a: Answers, serviceIds: readonly string[]): Step {
  const flow = stepsFor(a);
  const missing = flow.find((s) => s !== "check" && Object.keys(checkStep(s, a, serviceIds)).length > 0);
  const at = flow.indexOf(step);
  if (missing && (at === -1 || flow.indexOf(missing) < at)) return missing;
  return at === -1 ? (missing ?? "check") : step;
}

/** The page before `step` for this resident: the Back link's address. */
export function previousPath(step: Step, a: Answers, returnToCheck: boolean): string {
  if (returnToCheck) return questionPath("check");
  const flow = stepsFor(a);
  const before = flow[flow.indexOf(step) - 1];
  return before ? questionPath(before) : "/";
}

/** The page after a step is answered: the next question, or back to "Check your answers" (or a question a changed answer added). */
export function nextPath(step: Step, a: Answers, serviceIds: readonly string[], returnToCheck: boolean): string {
  const flow = stepsFor(a);
  if (returnToCheck) {
    // A changed answer can add a question (a complaint needs the outcome; a reply needs contact details).
    const missing = flow.find((s) => s !== "check" && Object.keys(checkStep(s, a, serviceIds)).length > 0);
    return questionPath(missing ?? "check", missing !== undefined);
  }
  return questionPath(flow[flow.indexOf(step) + 1] ?? "check");
}

/**
 * What the action of this very request found wrong, for the loader Remix runs after it when
 * the form was posted without JavaScript: its page title then starts "Error:" (the route's
 * `meta` sees the loader's data, never the action's).
 */
const failedPosts = new WeakMap<AppLoadContext, true>();

export const isStep = (value: string | undefined): value is Step => (STEPS as readonly string[]).includes(value ?? "");

/** A question's page (GET /complain/<question>): the answer kept, or a redirect to the question to answer first. */
export async function loadQuestion(context: AppLoadContext, request: Request, question: string | undefined) {
  if (!isStep(question)) throw data("There is no such question on this form.", { status: 404 });
  const { council, services } = await context.api.public.services();
  const { answers } = await draftOf(context, request);
  const returnToCheck = new URL(request.url).searchParams.get("return") === "check";
  const shown = stepToShow(question, answers, services.map((s) => s.id));
  if (shown !== question) throw redirect(questionPath(shown, returnToCheck && shown !== "check"));
  return { council, services, step: question, answers, returnToCheck, back: previousPath(question, answers, returnToCheck), failed: failedPosts.has(context) };
}

/** The confirmation page (GET /complain/sent): the receipt of the answers this browser sent, or the form's start. */
export async function loadSent(context: AppLoadContext, request: Request) {
  const token = draftToken(request);
  const found = token ? await context.api.public.draft({ token }) : null;
  if (!found?.sent) throw redirect(questionPath("kind"));
  const language = isLanguage(found.answers.sentLanguage) ? found.answers.sentLanguage : undefined;
  const input = parseAnswers(pickAnswers(found.answers), language);
  if (!input.ok) throw redirect(questionPath("kind"));
  // The same answers and idempotency key: the API gives back the case it made (services/public.ts).
  return { receipt: await context.api.public.submit(input.value) };
}

/**
 * The answers as the API's `public.submit` input, parsed with its schema (core's
 * input/public.ts): the form asks GOV.UK's questions (an address in lines, whether a reply is
 * wanted), the input is the API's. Sent before the form has a reply question answered, a
 * compliment or comment has no customer yet.
 */
function parseAnswers(a: Answers, language?: Language) {
  const form = new FormData();
  for (const [field, value] of Object.entries(a)) if (value !== undefined) form.set(field, value);
  const noReply = a.replyWanted === "no" || (isPublicKind(a.kind) && a.kind !== "complaint" && a.replyWanted !== "yes");
  // "How would you like us to contact you?": email, post or both, and text updates (decision 0320).
  const ways = contactWays(a);
  const channel = ways.includes("email") && ways.includes("post") ? "both" : ways.includes("email") ? "email" : ways.includes("post") ? "post" : undefined;
  form.delete("contact");
  if (channel) form.set("contact", channel);
  if (!ways.includes("email")) form.delete("email");
  if (!ways.includes("post")) for (const f of ["addressLine1", "postcode"]) form.delete(f);
  if (!ways.includes("text")) form.delete("phone");
  return parseForm(form, submitInput, {
    fields: { service: "serviceId", fullName: "customer.fullName", contact: "customer.preferredContact", email: "customer.email", phone: "customer.phone", addressLine1: "customer.address", postcode: "customer.postcode" },
    values: {
      // The form's language, kept with the complaint so its correspondence follows it (decision 0517).
      ...(language ? { language } : {}),
      ...(noReply ? { customer: null } : { "customer.textUpdates": ways.includes("text") }),
      ...(ways.includes("post") ? { "customer.address": [a.addressLine1, a.addressLine2, a.town].filter(Boolean).join("\n") || undefined } : {}),
      ...(a.kind === "complaint" ? {} : { desiredOutcome: null }),
    },
  });
}

/** The GOV.UK messages for a step's missing or wrong answers (the API checks them all again). */
export function checkStep(step: Step, a: Answers, serviceIds: readonly string[]): Record<string, string> {
  const parsed = parseAnswers(a);
  const errors: Record<string, string> = parsed.ok ? {} : { ...parsed.errors };
  // The form's own questions, which the API's input does not have.
  if (a.service && !serviceIds.includes(a.service)) errors.service = "Select the service it is about";
  if (a.kind === "complaint" && !a.desiredOutcome) errors.desiredOutcome ??= "Enter what you would like us to do, or say that you are not sure";
  if (isPublicKind(a.kind) && a.kind !== "complaint" && a.replyWanted !== "yes" && a.replyWanted !== "no") errors.replyWanted = "Select yes if you would like a reply";
  if (contactWays(a).includes("post") && !a.addressLine1) errors.addressLine1 = "Enter address line 1, typically the building and street";
  if (contactWays(a).includes("post") && !a.town) errors.town = "Enter town or city";
  if (errors.addressLine1 === "Enter your address") errors.addressLine1 = "Enter address line 1, typically the building and street";
  if (a.kind !== "complaint" && errors.description) errors.description = errors.description.replace("Enter what happened", "Enter what you would like to tell us").replace(/^What happened/, "Your message");
  return Object.fromEntries(Object.entries(errors).filter(([field]) => (STEP_FIELDS[step] as readonly string[]).includes(field)));
}

function failed(context: AppLoadContext, view: QuestionView, status = 400) {
  failedPosts.set(context, true);
  return data(view, { status: 200, headers: { "X-Form-Status": String(status) } });
}

/** The message of an API refusal on this form, on the page it came from (a 5xx is thrown, for the error page). */
function refusal(error: unknown): { message: string; status: number; fields: Record<string, string> } {
  const d = describeApiError(error);
  if (d.status >= 500) throw error;
  const message =
    d.code === "IDEMPOTENCY_MISMATCH" ? "You have already sent this form with different answers. To send a new complaint, compliment or comment, start again." : d.message;
  return { message, status: d.status, fields: d.fields };
}

/**
 * One post of a question's page: its answers checked and kept, then the next page; or the
 * "Check your answers" page's Send.
 */
export async function questionAction(context: AppLoadContext, request: Request, question: string | undefined) {
  if (!isStep(question)) throw data("There is no such question on this form.", { status: 404 });
  const form = await readForm(request, context);
  const returnToCheck = new URL(request.url).searchParams.get("return") === "check";
  const draft = await draftOf(context, request);
  const { services, council } = await context.api.public.services();
  const serviceIds = services.map((x) => x.id);
  if (question === "check") return send(context, request, draft, serviceIds, languageOf(request, council.welsh));

  const answers = withStepAnswers(draft.answers, question, form);
  answers.idempotencyKey ??= randomUUID();
  const errors = checkStep(question, answers, serviceIds);
  if (Object.keys(errors).length) return failed(context, { step: question, answers, errors, returnToCheck });
  let token: string;
  try {
    ({ token } = await context.api.public.saveDraft({ token: draft.token, answers, sent: false }));
  } catch (error) {
    const r = refusal(error);
    return failed(context, { step: question, answers, errors: { _form: r.message }, returnToCheck }, r.status);
  }
  return redirect(nextPath(question, answers, serviceIds, returnToCheck), { status: 303, headers: { "Set-Cookie": draftCookie(request, token) } });
}

/** Send: every answer again, in order (the first question with a problem is shown), then the API. */
async function send(context: AppLoadContext, request: Request, draft: Awaited<ReturnType<typeof draftOf>>, serviceIds: readonly string[], language: Language) {
  const answers = draft.answers;
  // Sent already (a refresh of the confirmation page posts again), or nothing kept (expired).
  if (draft.sent) return redirect("/complain/sent", 303);
  if (!draft.token) return redirect(questionPath("kind"), 303);
  for (const s of stepsFor(answers)) {
    if (s !== "check" && Object.keys(checkStep(s, answers, serviceIds)).length) return redirect(questionPath(s, true), 303);
  }
  const input = parseAnswers(answers, language);
  // Every step passed, so the input parses (the API checks it again).
  if (!input.ok) return failed(context, { step: "check", answers, errors: { _form: Object.values(input.errors)[0]! }, returnToCheck: false });
  try {
    await context.api.public.submit(input.value);
    // Kept an hour, marked sent, so the confirmation page (and a second Send) gives the same case.
    await context.api.public.saveDraft({ token: draft.token, answers: { ...answers, sentLanguage: language }, sent: true });
  } catch (error) {
    const r = refusal(error);
    // A field the API refused: its message, on this page, with the Change links to correct it.
    const fieldMessages = Object.values(r.fields);
    return failed(context, { step: "check", answers, errors: { _form: fieldMessages[0] ?? r.message }, returnToCheck: false }, r.status);
  }
  return redirect("/complain/sent", 303);
}
