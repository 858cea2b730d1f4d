/**
 * Change how a customer is written to, from their page (issue 15, decision 0320): the API
 * records the change, with the previous values, on every case of theirs.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SubmitOrCancel } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { ContactFields } from "../components/contact-details";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm } from "../utils/forms.server";
import { parseContactForm } from "../utils/contact.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "How we contact them – Complaints case management" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const customerId = params.customerId ?? "";
  if (!UUID.test(customerId)) throw data("There is no such customer.", { status: 404 });
  let contact;
  try {
    contact = await context.api.customers.contact({ customerId });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status < 500) throw data(d.message, { status: d.status });
    throw error;
  }
  if (!contact.canChange) throw data("Only customer services, investigating officers, DCROs, the complaints manager and the case's handler change how a resident is written to.", { status: 403 });
  return { customerId, contact };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const customerId = params.customerId ?? "";
  const form = await readForm(request, context);
  const parsed = parseContactForm(form);
  if (!parsed.ok) return failure(parsed.errors, form);
  const result = await attempt(form, () => context.api.customers.updateContact({ customerId, details: parsed.value }), Object.fromEntries(["contactChannel", "email", "phone", "address", "postcode", "smsConsent", "note"].map((f) => [`details.${f}`, f])));
  return result.ok ? redirect(`/customers/${customerId}?done=contact-details-changed`, 303) : result.response;
}

export default function ChangeCustomerContact() {
  const { customerId, contact } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const shown = Object.keys(values).length ? values : contact.details;
  return (
    <Page back={{ to: `/customers/${customerId}`, text: "Back to the customer" }} narrow errors={errors} heading="How we contact the customer">
      <p className="govuk-body">The change applies to all of their cases and is recorded on each case's timeline.</p>
      <PostForm>
        <ContactFields values={shown} errors={errors} />
        <SubmitOrCancel cancelTo={`/customers/${customerId}`}>
          Save contact details
        </SubmitOrCancel>
      </PostForm>
    </Page>
  );
}
