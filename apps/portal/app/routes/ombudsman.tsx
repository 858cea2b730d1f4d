import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, Select, Table, Tag, type TagColour } from "../components/govuk";
import { requireStaff } from "../utils/auth.server";
import { formatDate } from "../utils/labels";
import { NEXT_BODY_LABELS, OMBUDSMAN_BODIES, OMBUDSMAN_ENQUIRY_STATES, OMBUDSMAN_ENQUIRY_STATE_LABELS, type OmbudsmanEnquiryState } from "@complaints/core/vocabulary";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Ombudsman enquiries – Complaints case management" }];

const STATE_COLOURS: Record<OmbudsmanEnquiryState, TagColour> = {
  "response-due": "red",
  "awaiting-decision": "blue",
  "remedy-due": "orange",
  "decision-received": "purple",
  complied: "green",
};

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const url = new URL(request.url);
  const state = OMBUDSMAN_ENQUIRY_STATES.find((s) => s === url.searchParams.get("state"));
  const body = url.searchParams.get("body") ?? "";
  const list = await context.api.ombudsman.enquiries({ ...(state ? { state } : {}), ...(/^[a-z0-9-]{1,40}$/.test(body) ? { body } : {}) });
  // The bodies a council deals with, and any other an enquiry names.
  const bodies = new Map<string, string>(OMBUDSMAN_BODIES.map((b) => [b, NEXT_BODY_LABELS[b]]));
  for (const e of list.enquiries) if (!bodies.has(e.body.id)) bodies.set(e.body.id, e.body.name);
  return { ...list, state: state ?? "", body, bodies: [...bodies].map(([value, text]) => ({ value, text })) };
}

export default function Ombudsman() {
  const { enquiries, recentDays, state, body, bodies } = useLoaderData<typeof loader>();
  return (
    <Page heading="Ombudsman enquiries">
      <p className="govuk-body">
        Every open enquiry from the Local Government and Social Care Ombudsman, the Housing Ombudsman or the Information Commissioner on the cases you can see, and those closed in the last {recentDays} days. Work each one on its case.
      </p>
      <Form method="get" action="/ombudsman" aria-label="Filter the enquiries">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select name="body" label="Ombudsman" placeholder="Any" items={bodies} defaultValue={body} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Select name="state" label="Where it stands" placeholder="Any" items={OMBUDSMAN_ENQUIRY_STATES.map((s) => ({ value: s, text: OMBUDSMAN_ENQUIRY_STATE_LABELS[s] }))} defaultValue={state} />
          </div>
        </div>
        <Button variant="secondary">Filter</Button>
      </Form>
      {enquiries.length === 0 ? (
        <p className="govuk-body">No enquiries.</p>
      ) : (
        <Table
          caption={`${enquiries.length} enquir${enquiries.length === 1 ? "y" : "ies"}`}
          captionSize="s"
          head={["Case", "Ombudsman", "Their reference", "Received", "Deadline", "Where it stands"]}
          rows={enquiries.map((e) => [
            <Link key={`${e.caseId}-${e.enquiryId}`} className="govuk-link" to={`/cases/${e.caseId}`}>
              {e.reference}
            </Link>,
            e.body.name,
            e.theirReference,
            formatDate(e.receivedOn),
            e.deadline ? (
              <>
                {e.deadline.what === "response" ? "Reply by " : "Remedy by "}
                {formatDate(e.deadline.date)}
                {e.deadline.overdue ? (
                  <>
                    {" "}
                    <Tag colour="red">Overdue</Tag>
                  </>
                ) : null}
              </>
            ) : (
              `Replied ${e.respondedOn ? formatDate(e.respondedOn) : ""}`.trim()
            ),
            <Tag key="state" colour={STATE_COLOURS[e.state]}>
              {OMBUDSMAN_ENQUIRY_STATE_LABELS[e.state]}
            </Tag>,
          ])}
        />
      )}
    </Page>
  );
}
