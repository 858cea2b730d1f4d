import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Input, Radios, Select } from "../components/govuk";
import { CASE_KIND_LABELS, CHANNEL_LABELS } from "@complaints/core/vocabulary";
import { loadLogStart } from "./cases.new.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Log a case – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadLogStart(context, request);
}

/**
 * Log a case, step 1: what it is, how it came in, the service, and who the customer is
 * (searched first, so their history and any duplicates show on the next page).
 */
export default function LogCaseStart() {
  const { find, found, findProblem, services } = useLoaderData<typeof loader>();
  return (
    <Page back={{ to: "/cases", text: "Back to the work queue" }} narrow>
      <span className="govuk-caption-l">Log a case</span>
      <h1 className="govuk-heading-l">Who is it from, and what is it about?</h1>

      <h2 className="govuk-heading-m">Find the customer</h2>
      <Form method="get" action="/cases/new" role="search" aria-label="Find the customer">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Input name="name" label="Name" defaultValue={find.name} spellCheck={false} />
            <Input name="email" label="Email" type="email" defaultValue={find.email} spellCheck={false} />
          </div>
          <div className="govuk-grid-column-one-half">
            <Input name="phone" label="Phone" type="tel" defaultValue={find.phone} />
            <Input name="postcode" label="Postcode" width="10" defaultValue={find.postcode} />
          </div>
        </div>
        <Button variant="secondary">Find the customer</Button>
      </Form>
      {findProblem ? <p className="govuk-error-message">{findProblem}</p> : null}

      <Form method="get" action="/cases/new/details">
        <Radios
          name="customer"
          legend="Customer"
          legendSize="m"
          hint={found.length ? `${found.length} found. Choose one, or a new customer.` : "Search first to see if we know them."}
          defaultValue={found.length ? found[0]!.id : "new"}
          items={[
            ...found.map((c) => ({
              value: c.id,
              text: c.name,
              hint: [c.email, c.phone, c.postcode, c.matchedOn.length ? `matched on ${c.matchedOn.join(", ")}` : null].filter(Boolean).join(" · "),
            })),
            { value: "new", text: "A new customer" },
            { value: "anonymous", text: "Anonymous" },
          ]}
        />
        {Object.entries(find).map(([k, v]) => (v ? <input key={k} type="hidden" name={`find-${k}`} value={v} /> : null))}
        <Radios
          name="kind"
          legend="What is it?"
          legendSize="m"
          defaultValue="complaint"
                items={Object.entries(CASE_KIND_LABELS).map(([value, text]) => ({ value, text }))}
        />
        <Select name="channel" label="How did it come in?" labelSize="m" defaultValue="phone" items={Object.entries(CHANNEL_LABELS).map(([value, text]) => ({ value, text }))} />
        <Select name="service" label="Which service is it about?" labelSize="m" placeholder="Choose a service" items={services.map((s) => ({ value: s.code, text: `${s.name} (${s.directorate})` }))} />
        <Button>Continue</Button>
      </Form>
    </Page>
  );
}
