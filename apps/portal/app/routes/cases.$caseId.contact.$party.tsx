/**
 * Change how the case's customer or representative is written to (issue 15, decision 0320):
 * the API keeps the change, with the previous values, on the case's timeline.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SubmitOrCancel } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { ContactFields, ContactSummary } from "../components/contact-details";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm } from "../utils/forms.server";
import { parseContactForm } from "../utils/contact.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "How we contact them – Complaints case management" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function partyOf(param: string | undefined): "customer" | "representative" {
  if (param === "customer" || param === "representative") return param;
  throw data("There is no such page.", { status: 404 });
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const party = partyOf(params.party);
  if (!UUID.test(caseId)) throw data("There is no such case.", { status: 404 });
  let contacts;
  try {
    contacts = await context.api.cases.contacts({ caseId });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status < 500) throw data(d.message, { status: d.status });
    throw error;
  }
  const found = contacts.parties.find((p) => p.party === party);
  if (!found) throw data(party === "representative" ? "This case has no representative." : "This case has no customer: it was made anonymously.", { status: 404 });
  if (!contacts.canChange) throw data("Only customer services, investigating officers, DCROs, the complaints manager and the case's handler change how a resident is written to.", { status: 403 });
  return { caseId, party, found };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const party = partyOf(params.party);
  const form = await readForm(request, context);
  const parsed = parseContactForm(form);
  if (!parsed.ok) return failure(parsed.errors, form);
  const result = await attempt(form, () => context.api.cases.updateContact({ caseId, party, details: parsed.value }), Object.fromEntries(["contactChannel", "email", "phone", "address", "postcode", "smsConsent", "note"].map((f) => [`details.${f}`, f])));
  if (!result.ok) return result.response;
  // Letters that waited for these details went with the change: the case page says how many.
  const sent = result.value.letters.filter((l) => l.status === "issued").length;
  return redirect(`/cases/${caseId}?contact=${party}${sent ? `&lettersSent=${sent}` : ""}`, 303);
}

export default function ChangeContact() {
  const { caseId, party, found } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const shown = Object.keys(values).length ? values : { ...found, smsConsent: found.smsConsent };
  return (
    <Page back={{ to: `/cases/${caseId}`, text: "Back to the case" }} narrow errors={errors} caption={found.name} heading={party === "representative" ? "How we contact the representative" : "How we contact the customer"}>
      <h2 className="govuk-heading-m">Now</h2>
      <ContactSummary details={found} plan={found} />
      <h2 className="govuk-heading-m">Change</h2>
      <PostForm>
        <ContactFields values={shown} errors={errors} />
        <SubmitOrCancel cancelTo={`/cases/${caseId}`}>
          Save contact details
        </SubmitOrCancel>
      </PostForm>
    </Page>
  );
}
