/**
 * Log a case, as a customer services officer on the phone: find the customer, see their
 * history and any open case that may be the same, then the details (representative and
 * consent, description, desired outcome, category, priority with reason, flags, and the
 * fields the chosen service's plugins add). Retrying the post never logs a second case.
 */
import { randomUUID } from "node:crypto";
import type { AppLoadContext } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { CASE_KINDS, CHANNELS, FLAGS, todayIn } from "@complaints/core";
import { requireStaff } from "../utils/auth.server";
import { all, attempt, describeApiError, failure, readForm, text, valuesOf } from "../utils/forms.server";
import { organisationOf } from "../utils/organisation.server";
import { intakeFieldsFor } from "../utils/intake.server";
import { readDate } from "../utils/commands.server";

export async function loadLogStart(context: AppLoadContext, request: Request) {
  const staff = requireStaff(context, request);
  const url = new URL(request.url);
  const find = {
    name: url.searchParams.get("name")?.trim() ?? "",
    email: url.searchParams.get("email")?.trim() ?? "",
    phone: url.searchParams.get("phone")?.trim() ?? "",
    postcode: url.searchParams.get("postcode")?.trim() ?? "",
  };
  let found: Awaited<ReturnType<typeof context.api.customers.find>> = [];
  let findProblem: string | null = null;
  if (Object.values(find).some(Boolean)) {
    try {
      found = await context.api.customers.find(Object.fromEntries(Object.entries(find).filter(([, v]) => v)));
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

const CUSTOMER_FIELDS: Record<string, string> = {
  "customer.fullName": "fullName",
  "customer.title": "title",
  "customer.email": "email",
  "customer.phone": "phone",
  "customer.address": "address",
  "customer.postcode": "postcode",
  "customer.reasonableAdjustments": "reasonableAdjustments",
  "priority.reason": "priorityReason",
  "representative.name": "repName",
  "representative.role": "repRole",
  "representative.consent": "consentBasis",
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
  const errors: Record<string, string> = {};
  const kind = text(form, "kind");
  const channel = text(form, "channel");
  const serviceId = text(form, "service");
  if (!(CASE_KINDS as readonly string[]).includes(kind)) errors.kind = "Choose what kind of case it is";
  if (!(CHANNELS as readonly string[]).includes(channel)) errors.channel = "Choose how it came in";
  if (!serviceId) errors.service = "Choose the service it is about";
  if (serviceId && serviceId !== text(form, "loadedService")) {
    errors.service = "You changed the service: answer its questions below, then log the case";
  }

  const customerChoice = text(form, "customerChoice");
  let customer: Record<string, unknown> | null = null;
  if (customerChoice === "existing") customer = { id: text(form, "customerId") };
  else if (customerChoice === "new") {
    const fullName = text(form, "fullName");
    if (!fullName) errors.fullName = "Enter the customer's full name";
    customer = {
      fullName,
      title: text(form, "title") || null,
      email: text(form, "email") || null,
      phone: text(form, "phone") || null,
      address: text(form, "address") || null,
      postcode: text(form, "postcode") || null,
      preferredContact: text(form, "preferredContact") || null,
      reasonableAdjustments: text(form, "reasonableAdjustments") || null,
      largePrint: all(form, "largePrint").length > 0,
    };
  }

  let representative: Record<string, unknown> | null = null;
  if (text(form, "hasRepresentative") === "yes") {
    const basis = text(form, "consentBasis");
    const consentOn = readDate(form, "consentOn", "the date consent was given", errors, basis === "written" || basis === "verbal");
    if (!text(form, "repName")) errors.repName = "Enter the representative's name";
    if (!text(form, "repRole")) errors.repRole = "Choose who the representative is";
    representative = {
      name: text(form, "repName"),
      role: text(form, "repRole") || "other",
      consent: basis === "none" || !basis ? null : { basis, recordedOn: consentOn ?? todayIn(context.deps.clock) },
      replyTo: text(form, "replyTo") === "customer" ? "customer" : "representative",
    };
  }

  const description = text(form, "description");
  if (!description) errors.description = "Enter what the complaint is about";
  const priorityLevel = text(form, "priority") === "high" ? "high" : "normal";
  const priorityReason = text(form, "priorityReason");
  if (priorityLevel === "high" && !priorityReason) errors.priorityReason = "Say why the case is high priority";
  const matterArose = readDate(form, "matterArose", "the date the matter happened", errors, false);

  const intake: Record<string, unknown> = {};
  for (const field of serviceId ? await intakeFieldsFor(context, staff.councilId, serviceId, kind || "complaint") : []) {
    const raw = text(form, `intake-${field.name}`);
    if (field.type === "boolean") {
      if (all(form, `intake-${field.name}`).length) intake[field.name] = true;
    } else if (raw) intake[field.name] = field.type === "number" ? Number(raw) : raw;
    else if (field.required) errors[`intake-${field.name}`] = `Enter ${field.label.toLowerCase()}`;
  }

  if (Object.keys(errors).length) return failure(errors, form);

  // Open cases that may be the same complaint: shown once, before logging, unless the officer
  // has checked them and says none is the same.
  if (!all(form, "notDuplicate").length && customer) {
    const duplicates = await context.api.cases.possibleDuplicates({
      ...(customerChoice === "existing" ? { customerId: String(customer.id) } : {}),
      ...(customer.email ? { email: String(customer.email) } : {}),
      ...(customer.phone ? { phone: String(customer.phone) } : {}),
      ...(customer.postcode ? { postcode: String(customer.postcode) } : {}),
      description,
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

  const flags = all(form, "flags").filter((f) => (FLAGS as readonly string[]).includes(f));
  const input = {
    kind: kind as (typeof CASE_KINDS)[number],
    channel: channel as (typeof CHANNELS)[number],
    serviceId,
    description,
    desiredOutcome: text(form, "desiredOutcome") || null,
    category: text(form, "category") || null,
    subCategory: text(form, "subCategory") || null,
    matterArose,
    priority: { level: priorityLevel, reason: priorityLevel === "high" ? priorityReason : null },
    flags,
    representative,
    intake,
    customer,
    idempotencyKey: text(form, "idempotencyKey") || randomUUID(),
  } as Parameters<typeof context.api.cases.log>[0];
  const result = await attempt(form, () => context.api.cases.log(input), { ...CUSTOMER_FIELDS, ...Object.fromEntries(Object.keys(intake).map((k) => [`intake.${k}`, `intake-${k}`])) });
  if (!result.ok) return result.response;
  return redirect(`/cases/${result.value.caseId}?done=log`, 303);
}
