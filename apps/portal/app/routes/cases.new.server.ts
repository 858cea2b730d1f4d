/**
 * Log a case, as a customer services officer on the phone: find the customer, see their
 * history and any open case that may be the same, then the details (representative and
 * consent, description, desired outcome, category, priority with reason, flags, and the
 * fields the chosen service's plugins add). Retrying the post never logs a second case.
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { CASE_KINDS, CHANNELS, FLAGS, logCaseInput, todayIn } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";
import { all, attempt, describeApiError, failure, readForm, text, valuesOf } from "../utils/forms.server";
import { organisationOf } from "../utils/organisation.server";
import { intakeFieldsFor, pluginIntakeSchema } from "../utils/intake.server";
import { parseForm } from "../utils/form-schema.server";
import { customerSearchOf, filledIn } from "../utils/customers.server";

export async function loadLogStart(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  const url = new URL(request.url);
  const find = customerSearchOf(url);
  let found: Awaited<ReturnType<typeof context.api.customers.find>> = [];
  let findProblem: string | null = null;
  if (Object.values(find).some(Boolean)) {
    try {
      found = await context.api.customers.find(filledIn(find));
      if (found.length === 0) findProblem = "No customer matches. Choose 'A new customer'.";
    } catch (error) {
      const d = describeApiError(error);
      if (d.status >= 500) throw error;
      findProblem = d.message;
    }
  }
  const organisation = await organisationOf(context, staff.councilId);
  return { find, found, findProblem, services: organisation.services };
}

/** The form's fields for a new customer and a representative, by their paths in `logCaseInput`. */
const NEW_CUSTOMER_FIELDS = {
  fullName: "customer.fullName",
  title: "customer.title",
  email: "customer.email",
  phone: "customer.phone",
  address: "customer.address",
  postcode: "customer.postcode",
  preferredContact: "customer.preferredContact",
  reasonableAdjustments: "customer.reasonableAdjustments",
  largePrint: "customer.largePrint",
};
const REPRESENTATIVE_FIELDS = {
  repName: "representative.name",
  repRole: "representative.role",
  replyTo: "representative.replyTo",
  consentBasis: "representative.consent.basis",
  consentOn: "representative.consent.recordedOn",
};

export async function loadLogDetails(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  const url = new URL(request.url);
  const q = (name: string) => url.searchParams.get(name) ?? "";
  const kind = (CASE_KINDS as readonly string[]).includes(q("kind")) ? q("kind") : "complaint";
  const channel = (CHANNELS as readonly string[]).includes(q("channel")) ? q("channel") : "phone";
  const organisation = await organisationOf(context, staff.councilId);
  const service = organisation.services.find((s) => s.code === q("service"))?.code ?? "";
  const customerChoice = q("customer") || "new";
  const find = { name: q("find-name"), email: q("find-email"), phone: q("find-phone"), postcode: q("find-postcode") };

  let customer: Awaited<ReturnType<typeof context.api.customers.history>> | null = null;
  if (customerChoice !== "new" && customerChoice !== "anonymous") {
    try {
      customer = await context.api.customers.history({ customerId: customerChoice });
    } catch (error) {
      const d = describeApiError(error);
      if (d.status >= 500) throw error;
      throw data(d.message, { status: d.status });
    }
  }
  const duplicates =
    customer || find.email || find.phone || find.postcode
      ? await context.api.cases.possibleDuplicates(
          customer ? { customerId: customer.customer.id } : Object.fromEntries(Object.entries({ email: find.email, phone: find.phone, postcode: find.postcode }).filter(([, v]) => v)),
        )
      : [];
  return {
    kind,
    channel,
    service,
    customerChoice: customer ? "existing" : customerChoice,
    customer,
    find,
    duplicates,
    services: organisation.services,
    intakeFields: service ? await intakeFieldsFor(context, staff.councilId, service, kind) : [],
    idempotencyKey: randomUUID(),
    flags: FLAGS,
  };
}

export async function logCaseAction(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  const form = await readForm(request, context);
  const serviceId = text(form, "service");
  const customerChoice = text(form, "customerChoice");
  const hasRepresentative = text(form, "hasRepresentative") === "yes";
  const basis = text(form, "consentBasis");
  const high = text(form, "priority") === "high";

  // The plugins' questions, parsed with the plugins' own schema (core checks it again).
  const intakeSchema = serviceId ? await pluginIntakeSchema(context, staff.councilId, serviceId, text(form, "kind") || "complaint") : null;
  const intakeNames = Object.keys(intakeSchema?.shape ?? {});
  const intakeFields = Object.fromEntries(intakeNames.map((name) => [`intake-${name}`, name]));
  // (A ticked yes-or-no question sends "on", which Conform reads as true; unticked, it is left out.)
  const intake = intakeSchema ? parseForm(form, intakeSchema, { fields: intakeFields }) : { ok: true as const, value: {} };

  const fields: Record<string, string> = {
    service: "serviceId",
    priority: "priority.level",
    priorityReason: "priority.reason",
    ...(customerChoice === "existing" ? { customerId: "customer.id" } : customerChoice === "new" ? NEW_CUSTOMER_FIELDS : {}),
    ...(hasRepresentative ? REPRESENTATIVE_FIELDS : {}),
  };
  const parsed = parseForm(form, logCaseInput, {
    fields,
    dates: { matterArose: "the date the matter happened", ...(hasRepresentative ? { consentOn: "the date consent was given" } : {}) },
    checkboxes: customerChoice === "new" ? ["largePrint"] : [],
    values: {
      ...(customerChoice === "existing" || customerChoice === "new" ? {} : { customer: null }),
      ...(hasRepresentative ? {} : { representative: null }),
      ...(hasRepresentative && (!basis || basis === "none") ? { "representative.consent": null } : {}),
      // An elected member's consent with no date given is recorded as given today.
      ...(hasRepresentative && basis === "elected-member" && !text(form, "consentOn-day") ? { "representative.consent.recordedOn": todayIn(context.deps.clock) } : {}),
      "priority.level": high ? "high" : "normal",
      ...(high && text(form, "priorityReason") ? {} : { "priority.reason": null }),
      intake: intake.ok ? intake.value : {},
      ...(text(form, "idempotencyKey") ? {} : { idempotencyKey: randomUUID() }),
    },
  });
  const errors = { ...(parsed.ok ? {} : parsed.errors), ...(intake.ok ? {} : intake.errors) };
  if (serviceId && serviceId !== text(form, "loadedService")) {
    errors.service = "You changed the service: answer its questions below, then log the case";
  }
  if (!parsed.ok || Object.keys(errors).length) return failure(errors, form);
  const input = parsed.value;
  const customer = input.customer;

  // Open cases that may be the same complaint: shown once, before logging, unless the officer
  // has checked them and says none is the same.
  if (!all(form, "notDuplicate").length && customer) {
    const duplicates = await context.api.cases.possibleDuplicates({
      ...("id" in customer ? { customerId: customer.id } : {}),
      ...("email" in customer && customer.email ? { email: customer.email } : {}),
      ...("phone" in customer && customer.phone ? { phone: customer.phone } : {}),
      ...("postcode" in customer && customer.postcode ? { postcode: customer.postcode } : {}),
      description: input.description,
    });
    if (duplicates.length) {
      return data(
        {
          ok: false as const,
          errors: { notDuplicate: "Check the open cases that may be the same complaint before logging a new one" },
          values: valuesOf(form),
          duplicates,
        },
        { status: 200, headers: { "X-Form-Status": "409" } },
      );
    }
  }

  const fieldOf = Object.fromEntries([...Object.entries(fields), ...Object.entries(intakeFields).map(([name, path]) => [name, `intake.${path}`])].map(([name, path]) => [path, name]));
  const result = await attempt(form, () => context.api.cases.log(input), fieldOf);
  if (!result.ok) return result.response;
  return redirect(`/cases/${result.value.caseId}?done=log`, 303);
}
