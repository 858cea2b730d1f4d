/**
 * The letter as it would print, from the writing page's form (its "Preview as PDF" button posts
 * here, into a new tab): a PDF shown in the browser, nothing stored. A GET goes back to the page.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { requireStaff } from "../utils/auth.server";
import { describeApiError, readForm } from "../utils/forms.server";
import { letterRequestFrom } from "../utils/letters.server";
import { outboxIdOf } from "./cases.$caseId.letters.$outboxId.server";

export async function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/cases/${params.caseId}/letters/${params.outboxId}`);
}

function problemPage(message: string, back: string, status: number): Response {
  const escape = (s: string) => s.replace(/[&<>"']/g, (ch) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[ch]!);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>The letter could not be previewed</title><link rel="icon" href="data:,"></head><body><main><h1>The letter could not be previewed</h1><p>${escape(message)}</p><p><a href="${escape(back)}">Back to the letter</a></p></main></body></html>`;
  return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "X-Form-Status": String(status) } });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const outboxId = outboxIdOf(params.outboxId ?? "");
  const back = `/cases/${caseId}/letters/${outboxId}`;
  const form = await readForm(request, context);
  const { request: letter, errors } = letterRequestFrom(form, caseId, outboxId);
  if (Object.keys(errors).length) return problemPage(Object.values(errors).join(". "), back, 200);
  try {
    const preview = await context.api.letters.previewPdf(letter);
    return new Response(new Uint8Array(Buffer.from(preview.pdfBase64, "base64")), {
      status: 200,
      headers: {
        "Content-Type": "application/pdf",
        "Content-Disposition": `inline; filename="${preview.fileName}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    const described = describeApiError(error);
    if (described.status >= 500) throw error;
    return problemPage(described.message, back, 200);
  }
}
