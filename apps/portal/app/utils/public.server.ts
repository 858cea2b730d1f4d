/**
 * The public pages that need proof of who the resident is: the reference and tracking code,
 * posted (never put in a URL, which browsers and proxies keep), checked by the API, which
 * answers a wrong reference and a wrong code alike and limits wrong answers per address.
 */
import type { AppLoadContext } from "@remix-run/node";
import { trackInput } from "@complaints/core";
import { parseForm } from "./form-schema.server";
import { describeApiError, text } from "./forms.server";
import type { MessageKey } from "../i18n";

export interface Proof {
  reference: string;
  trackingCode: string;
}

export type CasePage = Awaited<ReturnType<AppLoadContext["api"]["public"]["track"]>>;

export function proofFrom(form: FormData): Proof {
  return { reference: text(form, "reference").toUpperCase(), trackingCode: text(form, "trackingCode") };
}

/**
 * A form's errors: the messages in English (the checks' and the API's own), and for each field
 * the key of the page's own message, which a Welsh page shows instead (decision 0517).
 */
export interface FormErrors {
  errors: Record<string, string>;
  keys: Record<string, MessageKey>;
}

/** The case for the proof the form sends, or the GOV.UK error messages (with the status the API gave). */
export async function findCase(context: AppLoadContext, form: FormData): Promise<{ ok: true; page: CasePage } | ({ ok: false; status: number } & FormErrors)> {
  const parsed = parseForm(form, trackInput, { values: { reference: proofFrom(form).reference } });
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors, keys: proofKeys(parsed.errors) };
  try {
    return { ok: true, page: await context.api.public.track(parsed.value) };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    if (Object.keys(d.fields).length) return { ok: false, status: d.status, errors: d.fields, keys: proofKeys(d.fields) };
    // "Not found" names neither part: the summary links to the first field.
    if (d.status === 404) return { ok: false, status: d.status, errors: { reference: d.message }, keys: { reference: "proof.error.notFound" } };
    return { ok: false, status: d.status, errors: { _form: d.message }, keys: { _form: d.status === 429 ? "proof.error.tooMany" : "proof.error.form" } };
  }
}

function proofKeys(errors: Record<string, string>): Record<string, MessageKey> {
  return Object.fromEntries(Object.keys(errors).map((field) => [field, field === "reference" ? "proof.error.reference" : field === "trackingCode" ? "proof.error.trackingCode" : "proof.error.form"]));
}
