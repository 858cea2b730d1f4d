/**
 * A letter sent to the resident, as the PDF we issued, for the reference and tracking code
 * posted with the request (so nothing secret is in the address). A plain form post: the
 * browser downloads the file and stays on the page.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { proofFrom } from "../utils/public.server";

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  try {
    const letter = await context.api.public.letter({ ...proofFrom(form), letterId: text(form, "letterId") });
    const pdf = Buffer.from(letter.pdfBase64, "base64");
    return new Response(new Uint8Array(pdf), {
      status: 200,
      headers: {
        "Content-Type": "application/pdf",
        "Content-Length": String(pdf.byteLength),
        "Content-Disposition": `attachment; filename="${letter.fileName}"`,
        "Cache-Control": "private, no-store",
        "Repr-Digest": `sha-256=:${Buffer.from(letter.sha256, "hex").toString("base64")}:`,
      },
    });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return new Response(d.message, { status: d.status, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}
