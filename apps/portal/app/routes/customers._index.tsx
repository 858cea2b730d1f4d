import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, Input, Table } from "../components/govuk";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";
import { Page } from "../components/page";
import { customerSearchOf, filledIn } from "../utils/customers.server";

export const meta: MetaFunction = () => [{ title: "Customers – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const find = customerSearchOf(new URL(request.url));
  if (!Object.values(find).some(Boolean)) return { find, customers: null, problem: null };
  try {
    const customers = await context.api.customers.find(filledIn(find));
    return { find, customers, problem: null };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return { find, customers: null, problem: d.message };
  }
}

export default function Customers() {
  const { find, customers, problem } = useLoaderData<typeof loader>();
  return (
    <Page heading="Customers">
      <p className="govuk-body">Find a customer to see their cases across services, and any persistent-complainant process.</p>
      <Form method="get" action="/customers" role="search" aria-label="Find a customer">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-quarter">
            <Input name="name" label="Name" defaultValue={find.name} error={problem ?? undefined} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Input name="email" type="email" label="Email" defaultValue={find.email} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Input name="phone" type="tel" label="Phone" defaultValue={find.phone} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Input name="postcode" label="Postcode" defaultValue={find.postcode} />
          </div>
        </div>
        <Button>Find</Button>
      </Form>
      {customers ? (
        customers.length === 0 ? (
          <p className="govuk-body">No customer matches.</p>
        ) : (
          <Table
            caption={`${customers.length} found`}
            captionSize="s"
            head={["Name", "Email", "Phone", "Postcode", "Matched on"]}
            rows={customers.map((c) => [
              <Link key={c.id} className="govuk-link" to={`/customers/${c.id}`}>
                {c.name}
              </Link>,
              c.email ?? "",
              c.phone ?? "",
              c.postcode ?? "",
              c.matchedOn.join(", "),
            ])}
          />
        )
      ) : null}
    </Page>
  );
}
