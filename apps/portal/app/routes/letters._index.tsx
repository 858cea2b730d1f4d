import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Table } from "../components/govuk";
import { requireStaff } from "../utils/auth.server";
import { formatDate, formatDateTime } from "../utils/labels";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Letters – Complaints case management" }];

/** The roles that print letters for the post (the API decides; this only shows the link). */
const PRINTERS = ["customer-services", "dcro", "complaints-manager", "auditor"];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const staff = requireStaff(context, request);
  const pending = await context.api.letters.pending({ limit: 200 });
  return { pending, printRoom: staff.grants.some((g) => PRINTERS.includes(g.role)) };
}

export default function Letters() {
  const { pending, printRoom } = useLoaderData<typeof loader>();
  return (
    <Page heading="Letters">
      {printRoom ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/letters/print-room">
            Print room: letters waiting for the post, and print batches
          </Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Waiting to be written</h2>
      {pending.length === 0 ? (
        <p className="govuk-body">No letter is waiting to be written on the cases you can see.</p>
      ) : (
        <Table
          caption={`${pending.length} letter${pending.length === 1 ? "" : "s"}, oldest first`}
          captionSize="s"
          head={["Case", "Letter", "Goes to", "Send by", "Asked for"]}
          rows={pending.map((p) => [
            <Link key={p.outboxId} className="govuk-link" to={`/cases/${p.caseId}/letters/${p.outboxId}`}>
              {p.reference ?? "Case"}
              <span className="govuk-visually-hidden">: write the {p.kindName}</span>
            </Link>,
            p.kindName.replace(/^./, (c) => c.toUpperCase()),
            p.to === "representative" ? "The representative" : p.to === "ombudsman" ? "The Ombudsman" : "The customer",
            p.dueOn ? formatDate(p.dueOn) : "As soon as possible",
            formatDateTime(p.queuedAt),
          ])}
        />
      )}
    </Page>
  );
}
