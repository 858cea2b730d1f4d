/**
 * The public pages that need proof of who the resident is: the reference and tracking code,
 * posted (never put in a URL, which browsers and proxies keep), checked by the API, which
 * answers a wrong reference and a wrong code alike and limits wrong answers per address.
 */
import type { AppLoadContext } from "@remix-run/node";
import { describeApiError, text } from "./forms.server";

export interface Proof {
  reference: string;
  trackingCode: string;
}

export type CasePage = Awaited<ReturnType<AppLoadContext["api"]["public"]["track"]>>;

export function proofFrom(form: FormData): Proof {
  return { reference: text(form, "reference").toUpperCase(), trackingCode: text(form, "trackingCode") };
}

/** The case for the proof, or the GOV.UK error messages (with the status the API gave). */
export async function findCase(context: AppLoadContext, proof: Proof): Promise<{ ok: true; page: CasePage } | { ok: false; status: number; errors: Record<string, string> }> {
  const errors: Record<string, string> = {};
  if (!proof.reference) errors.reference = "Enter your reference";
  if (!proof.trackingCode) errors.trackingCode = "Enter your tracking code";
  if (Object.keys(errors).length) return { ok: false, status: 400, errors };
  try {
    return { ok: true, page: await context.api.public.track(proof) };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    if (Object.keys(d.fields).length) return { ok: false, status: d.status, errors: d.fields };
    // "Not found" names neither part: the summary links to the first field.
    return { ok: false, status: d.status, errors: d.status === 404 ? { reference: d.message } : { _form: d.message } };
  }
}
