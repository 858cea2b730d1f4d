/**
 * A customer: their cases across services, and the persistent / unreasonable complainant
 * process (refer → warn → comments → designate with restrictions → review), worked through
 * the API's conduct procedures; core refuses a step out of order, in plain words.
 */
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import type { Restriction } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";

const CONDUCT_ROLES = ["complaints-manager", "dcro", "head-of-service", "director"];
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loadCustomer(context: AppLoadContext, request: Request, customerId: string) {
  const staff = requireStaff(context, request);
  if (!UUID.test(customerId)) throw data("There is no such customer.", { status: 404 });
  try {
    const [history, conduct, contact] = await Promise.all([context.api.customers.history({ customerId }), context.api.customers.conduct({ customerId }), context.api.customers.contact({ customerId })]);
    const done = new URL(request.url).searchParams.get("done");
    return {
      history,
      conduct,
      contact,
      canWorkProcess: staff.grants.some((g) => CONDUCT_ROLES.includes(g.role)),
      done: done ? `Recorded: ${done.replace(/-/g, " ")}` : null,
    };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status < 500) throw data(d.message, { status: d.status });
    throw error;
  }
}

function restriction(form: FormData, n: number, errors: Record<string, string>): Restriction | null {
  const kind = text(form, `restriction${n}Kind`);
  const detail = text(form, `restriction${n}Detail`);
  if (!kind) {
    if (n === 1) errors.restriction1Kind = "Choose at least one restriction";
    return null;
  }
  switch (kind) {
    case "single-point-of-contact":
      if (!detail) errors[`restriction${n}Detail`] = "Enter who the single point of contact is";
      return { kind, contact: detail };
    case "written-contact-only":
      return { kind, adjustments: detail || null };
    case "call-limit": {
      const calls = Number(detail);
      if (!/^\d+$/.test(detail)) errors[`restriction${n}Detail`] = "Enter the number of calls allowed each week, like 2";
      return { kind, callsPerWeek: calls };
    }
    case "premises-limit":
    case "correspondence-filed":
    case "other":
      if (!detail) errors[`restriction${n}Detail`] = "Enter the detail of the restriction";
      return { kind, detail };
    default:
      errors[`restriction${n}Kind`] = "Choose a restriction";
      return null;
  }
}

export async function conductAction(context: AppLoadContext, request: Request, customerId: string) {
  requireStaff(context, request);
  const form = await readForm(request, context);
  const errors: Record<string, string> = {};
  const step = text(form, "step");
  const expectedVersion = Number(text(form, "expectedVersion") || "0");
  let command: Parameters<typeof context.api.customers.conductCommand>[0]["command"] | null = null;
  // The officer's words for the letter the step sends (decision 0321): what the behaviour was.
  let letter: Parameters<typeof context.api.customers.conductCommand>[0]["letter"];
  switch (step) {
    case "refer": {
      const evidence = text(form, "evidence");
      if (!evidence) errors.evidence = "Enter the evidence for the referral";
      command = { type: "refer", evidence };
      break;
    }
    case "warn": {
      const behaviourExpected = text(form, "behaviourExpected");
      if (!behaviourExpected) errors.behaviourExpected = "Enter the behaviour we expect";
      const until = readDate(form, "until", "the date the warning lasts until", errors, true);
      command = { type: "warn", behaviourExpected, until: until ?? "" };
      const concerns = text(form, "behaviourConcerns");
      if (concerns) letter = { sections: [{ element: "behaviour-concerns", paragraphs: concerns.split(/\r?\n\s*\r?\n/) }] };
      break;
    }
    case "record-comment": {
      const comment = text(form, "comment");
      if (!comment) errors.comment = "Enter what the customer said";
      command = { type: "record-comment", comment };
      break;
    }
    case "designate": {
      const restrictions = [restriction(form, 1, errors), restriction(form, 2, errors)].filter((r): r is Restriction => r !== null);
      const reason = text(form, "reason");
      if (!reason) errors.reason = "Enter why the restrictions are needed";
      const reviewBy = readDate(form, "reviewBy", "the review date", errors, true);
      command = { type: "designate", restrictions, reason, reviewBy: reviewBy ?? "" };
      break;
    }
    case "review": {
      const decision = text(form, "decision");
      if (decision !== "lift" && decision !== "renew") errors.decision = "Choose whether to lift or renew the restrictions";
      const reason = text(form, "reason");
      if (!reason) errors.reason = "Enter the reasons";
      const nextReviewBy = decision === "renew" ? readDate(form, "nextReviewBy", "the next review date", errors, true) : null;
      command = { type: "review", decision: decision === "renew" ? "renew" : "lift", reason, ...(nextReviewBy ? { nextReviewBy } : {}) };
      break;
    }
    default:
      errors.step = "Choose the next step";
  }
  if (Object.keys(errors).length || !command) return failure(errors, form);
  const result = await attempt(form, () => context.api.customers.conductCommand({ customerId, expectedVersion, command: command!, ...(letter ? { letter } : {}) }));
  if (!result.ok) return result.response;
  return redirect(`/customers/${customerId}?done=${step}`, 303);
}
