/**
 * Make a complaint, compliment or comment, one question per page, without an account and
 * without JavaScript. The answers so far travel with each page as hidden fields (nothing is
 * kept on the server until the resident sends them: docs/decisions/0502-public-forms.md), so
 * every step is a post to /complain that answers with the next question, or the same one
 * with the GOV.UK error summary. The form carries one idempotency key from its first page:
 * sending it twice (a double click, a refresh, a retry) gives back the same case.
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { data } from "@remix-run/node";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { submitInput } from "@complaints/core";
import { parseForm } from "../utils/form-schema.server";
import { languageOf } from "../utils/root.server";
import type { Language } from "../i18n";
import { ANSWER_FIELDS, STEP_FIELDS, STEPS, contactWays, isPublicKind, stepsFor, type Answers, type Step } from "../utils/complain";

export type Receipt = Awaited<ReturnType<AppLoadContext["api"]["public"]["submit"]>>;

export type { Answers, Step };

export type ComplainView =
  | { view: "step"; step: Step; answers: Answers; errors: Record<string, string>; returnToCheck: boolean }
  | { view: "sent"; receipt: Receipt };

/** The first step, before it is answered (GET /complain). */
export async function loadComplain(context: AppLoadContext) {
  const { council, services } = await context.api.public.services();
  return { council, services, idempotencyKey: randomUUID() };
}

function answersOf(form: FormData): Answers {
  const out: Answers = {};
  for (const field of ANSWER_FIELDS) {
    // The ways of contact are checkboxes: several values on their page, one joined value hidden on the others.
    const value = field === "contact" ? form.getAll(field).filter((v): v is string => typeof v === "string").flatMap((v) => v.split(",")).filter(Boolean).join(",") : form.get(field);
    if (typeof value === "string" && value.trim() !== "") out[field] = field === "description" || field === "desiredOutcome" ? value.replace(/\r\n/g, "\n").trim() : value.trim();
  }
  return out;
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

/** Which step asks for the field an API message is about. */
function stepOfApiField(path: string): Step {
  if (path === "kind") return "kind";
  if (path === "serviceId") return "service";
  if (path === "description") return "description";
  if (path === "desiredOutcome") return "outcome";
  if (path === "customer" || path === "customer.fullName") return "name";
  return path.startsWith("customer.") ? "contact" : "check";
}

const API_FIELD: Record<string, string> = {
  serviceId: "service",
  "customer.fullName": "fullName",
  customer: "fullName",
  "customer.email": "email",
  "customer.phone": "phone",
  "customer.address": "addressLine1",
  "customer.postcode": "postcode",
  "customer.preferredContact": "contact",
  "customer.textUpdates": "phone",
};

function step(stepName: Step, answers: Answers, errors: Record<string, string> = {}, returnToCheck = false) {
  const view: ComplainView = { view: "step", step: stepName, answers, errors, returnToCheck };
  const failed = Object.keys(errors).length > 0;
  return data(view, failed ? { status: 200, headers: { "X-Form-Status": "400" } } : { status: 200 });
}

/**
 * One post of the form: continue (check this step, then the next one; back to "check" when
 * changing an answer), back, change a step, or send.
 */
export async function complainAction(context: AppLoadContext, request: Request) {
  const form = await readForm(request, context);
  const answers = answersOf(form);
  answers.idempotencyKey ??= randomUUID();
  const current = (STEPS as readonly string[]).includes(text(form, "_step")) ? (text(form, "_step") as Step) : "kind";
  const action = text(form, "_action") || "continue";
  const returnToCheck = text(form, "_return") === "check";
  const flow = stepsFor(answers);

  if (action === "back") {
    const at = flow.indexOf(current);
    return step(returnToCheck ? "check" : (flow[Math.max(0, at - 1)] ?? "kind"), answers);
  }
  if (action.startsWith("change-")) {
    const target = action.slice("change-".length) as Step;
    return step((STEPS as readonly string[]).includes(target) ? target : "check", answers, {}, true);
  }

  const { services, council } = await context.api.public.services();
  if (action === "send") {
    // Every answer again, in order: the first step with a problem is the one shown.
    for (const s of flow) {
      const errors = checkStep(s, answers, services.map((x) => x.id));
      if (Object.keys(errors).length) return step(s, answers, errors, true);
    }
    const input = parseAnswers(answers, languageOf(request, council.welsh));
    // Every step passed, so the input parses (the API checks it again).
    if (!input.ok) return step("check", answers, { _form: Object.values(input.errors)[0]! }, true);
    try {
      const receipt = await context.api.public.submit(input.value);
      return data<ComplainView>({ view: "sent", receipt });
    } catch (error) {
      const d = describeApiError(error);
      if (d.status >= 500) throw error;
      const fields = Object.entries(d.fields);
      if (fields.length > 0) {
        const first = stepOfApiField(fields[0]![0]);
        const errors = Object.fromEntries(fields.filter(([path]) => stepOfApiField(path) === first).map(([path, message]) => [API_FIELD[path] ?? path, message]));
        return step(first, answers, errors, true);
      }
      const message =
        d.code === "IDEMPOTENCY_MISMATCH"
          ? "You have already sent this form with different answers. To send a new complaint, compliment or comment, start again."
          : d.message;
      return data<ComplainView>({ view: "step", step: "check", answers, errors: { _form: message }, returnToCheck: false }, { status: 200, headers: { "X-Form-Status": String(d.status) } });
    }
  }

  const errors = checkStep(current, answers, services.map((x) => x.id));
  if (Object.keys(errors).length) return step(current, answers, errors, returnToCheck);
  if (returnToCheck) {
    // A changed answer can add a question (a complaint needs the outcome; a reply needs contact details).
    const missing = stepsFor(answers).find((s) => s !== "check" && Object.keys(checkStep(s, answers, services.map((x) => x.id))).length > 0);
    return step(missing ?? "check", answers, {}, missing !== undefined);
  }
  const next = stepsFor(answers);
  return step(next[next.indexOf(current) + 1] ?? "check", answers);
}
