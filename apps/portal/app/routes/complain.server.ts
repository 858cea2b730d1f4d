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
import { ANSWER_FIELDS, LIMITS, STEPS, anonymous, isPublicKind, stepsFor, type Answers, type Step } from "../utils/complain";

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
    const value = form.get(field);
    if (typeof value === "string" && value.trim() !== "") out[field] = field === "description" || field === "desiredOutcome" ? value.replace(/\r\n/g, "\n").trim() : value.trim();
  }
  return out;
}

/** A NUL or half a surrogate pair: PostgreSQL cannot store it (the API refuses it too). */
const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** The GOV.UK messages for a step's missing or wrong answers (the API checks them all again). */
export function checkStep(step: Step, a: Answers, serviceIds: readonly string[]): Record<string, string> {
  const errors: Record<string, string> = {};
  const tooLong = (field: keyof typeof LIMITS, what: string) => {
    const value = a[field as keyof Answers];
    if (value && value.length > LIMITS[field]) errors[field] = `${what} must be ${LIMITS[field].toLocaleString("en-GB")} characters or fewer`;
    else if (value && UNSTORABLE.test(value)) errors[field] = `${what} has a hidden character that cannot be saved (often from pasting): retype the last thing you pasted`;
  };
  switch (step) {
    case "kind":
      if (!isPublicKind(a.kind)) errors.kind = "Select whether you want to make a complaint, pay a compliment or make a comment";
      break;
    case "service":
      if (!a.service || !serviceIds.includes(a.service)) errors.service = "Select the service it is about";
      break;
    case "description":
      if (!a.description) errors.description = a.kind === "complaint" ? "Enter what happened" : "Enter what you would like to tell us";
      tooLong("description", a.kind === "complaint" ? "What happened" : "Your message");
      break;
    case "outcome":
      if (!a.desiredOutcome) errors.desiredOutcome = "Enter what you would like us to do, or say that you are not sure";
      tooLong("desiredOutcome", "What you would like us to do");
      break;
    case "name":
      if (a.kind !== "complaint" && a.replyWanted !== "yes" && a.replyWanted !== "no") errors.replyWanted = "Select yes if you would like a reply";
      else if ((a.kind === "complaint" || a.replyWanted === "yes") && !a.fullName) errors.fullName = "Enter your full name";
      tooLong("fullName", "Your name");
      break;
    case "contact":
      if (a.contact === "email" && !a.email) errors.email = "Enter your email address";
      else if (a.contact === "email" && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(a.email ?? "")) errors.email = "Enter an email address in the correct format, like name@example.com";
      if (a.contact === "phone" && !a.phone) errors.phone = "Enter your telephone number";
      if (a.contact === "post") {
        if (!a.addressLine1) errors.addressLine1 = "Enter address line 1, typically the building and street";
        if (!a.town) errors.town = "Enter town or city";
        if (!a.postcode) errors.postcode = "Enter your postcode";
      }
      if (!a.contact) errors.contact = "Select how you would like us to contact you";
      break;
    case "check":
      break;
  }
  return errors;
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

  const { services } = await context.api.public.services();
  if (action === "send") {
    // Every answer again, in order: the first step with a problem is the one shown.
    for (const s of flow) {
      const errors = checkStep(s, answers, services.map((x) => x.id));
      if (Object.keys(errors).length) return step(s, answers, errors, true);
    }
    const customer = anonymous(answers)
      ? null
      : {
          fullName: answers.fullName ?? "",
          preferredContact: (answers.contact ?? "email") as "email" | "phone" | "post",
          email: answers.contact === "email" ? (answers.email ?? null) : null,
          phone: answers.contact === "phone" ? (answers.phone ?? null) : null,
          address: answers.contact === "post" ? [answers.addressLine1, answers.addressLine2, answers.town].filter(Boolean).join("\n") : null,
          postcode: answers.contact === "post" ? (answers.postcode ?? null) : null,
        };
    try {
      const receipt = await context.api.public.submit({
        kind: answers.kind as "complaint" | "compliment" | "comment",
        serviceId: answers.service ?? "",
        description: answers.description ?? "",
        desiredOutcome: answers.kind === "complaint" ? (answers.desiredOutcome ?? null) : null,
        customer,
        idempotencyKey: answers.idempotencyKey,
      });
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
