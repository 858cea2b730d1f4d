/**
 * The public pages that need proof of who the resident is: the reference and tracking code,
 * posted (never put in a URL, which browsers and proxies keep), checked by the API, which
 * answers a wrong reference and a wrong code alike and limits wrong answers per address.
 */
import type { AppLoadContext } from "@remix-run/node";
import { trackInput } from "@complaints/core";
import { parseForm } from "./form-schema.server";
import { describeApiError, text } from "./forms.server";

export interface Proof {
  reference: string;
  trackingCode: string;
}

export type CasePage = Awaited<ReturnType<AppLoadContext["api"]["public"]["track"]>>;

export function proofFrom(form: FormData): Proof {
  return { reference: text(form, "reference").toUpperCase(), trackingCode: text(form, "trackingCode") };
}

/** The case for the proof the form sends, or the GOV.UK error messages (with the status the API gave). */
export async function findCase(context: AppLoadContext, form: FormData): Promise<{ ok: true; page: CasePage } | { ok: false; status: number; errors: Record<string, string> }> {
  const parsed = parseForm(form, trackInput, { values: { reference: proofFrom(form).reference } });
  if (!parsed.ok) return { ok: false, status: 400, errors: parsed.errors };
  try {
    return { ok: true, page: await context.api.public.track(parsed.value) };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    if (Object.keys(d.fields).length) return { ok: false, status: d.status, errors: d.fields };
    // "Not found" names neither part: the summary links to the first field.
    return { ok: false, status: d.status, errors: d.status === 404 ? { reference: d.message } : { _form: d.message } };
  }
}
