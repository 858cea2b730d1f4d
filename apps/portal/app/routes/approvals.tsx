/**
 * "Approvals waiting for you" (decision 0324): the requests the signed-in person may decide,
 * each with what is asked and by whom, linked to its decision form on the case.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table } from "../components/govuk";
import { Page } from "../components/page";
import { requireStaff } from "../utils/auth.server";
import { formatDate } from "../utils/labels";

export const meta: MetaFunction = () => [{ title: "Approvals waiting for you – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  return context.api.queues.approvals();
}

export default function Approvals() {
  const { items } = useLoaderData<typeof loader>();
  return (
    <Page heading="Approvals waiting for you">
      <p className="govuk-body">Payments above an officer&apos;s delegated limit that yours covers, and replies to the Ombudsman for a Head of Service to approve. A response waits until you decide.</p>
      {items.length === 0 ? (
        <p className="govuk-body">Nothing is waiting for your approval.</p>
      ) : (
        <Table
          caption={`${items.length} waiting`}
          captionSize="s"
          head={["Case", "Asked for", "By", "On", ""]}
          rows={items.map((i) => [
            <Link key="case" className="govuk-link" to={`/cases/${i.caseId}`}>
              {i.reference}
            </Link>,
            i.summary,
            i.requestedBy.name ?? "A colleague",
            formatDate(i.requestedOn),
            <Link key="decide" className="govuk-link" to={`/cases/${i.caseId}/decide-approval`}>
              Approve or refuse<span className="govuk-visually-hidden"> {i.reference}</span>
            </Link>,
          ])}
        />
      )}
    </Page>
  );
}
