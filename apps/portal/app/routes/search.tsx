import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, Input, Select, Table } from "../components/govuk";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { formatDateTime, labelOr } from "../utils/labels";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Find a case – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const url = new URL(request.url);
  const quick = url.searchParams.get("quick")?.trim() ?? "";
  const status = (["open", "closed", "any"] as const).find((s) => s === url.searchParams.get("status")) ?? "any";
  if (!quick) return { quick, status, results: null, problem: null };
  try {
    const results = await context.api.search.cases({ quick, status, limit: 50 });
    return { quick, status, results, problem: null };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return { quick, status, results: null, problem: d.message };
  }
}

export default function Search() {
  const { quick, status, results, problem } = useLoaderData<typeof loader>();
  return (
    <Page heading="Find a case">
      <Form method="get" action="/search" role="search">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Input name="quick" type="search" label="Search" hint="Reference, customer name, email, phone, postcode or words from the description" defaultValue={quick} error={problem ?? undefined} />
          </div>
          <div className="govuk-grid-column-one-quarter">
            <Select
              name="status"
              label="Cases"
              defaultValue={status}
              items={[
                { value: "any", text: "Open and closed" },
                { value: "open", text: "Open only" },
                { value: "closed", text: "Closed only" },
              ]}
            />
          </div>
        </div>
        <Button>Search</Button>
      </Form>
      {results ? (
        results.length === 0 ? (
          <p className="govuk-body">No cases you can see match &ldquo;{quick}&rdquo;.</p>
        ) : (
          <Table
            caption={`${results.length} ${results.length === 1 ? "case" : "cases"} found`}
            captionSize="s"
            head={["Case", "Customer", "Received", "Service", "Status"]}
            rows={results.map((r) => [
              <>
                <Link className="govuk-link" to={`/cases/${r.id}`}>
                  {r.reference}
                </Link>
                <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">{labelOr(CASE_KIND_LABELS, r.kind)}</span>
              </>,
              r.customerName ?? "Anonymous",
              formatDateTime(r.receivedAt),
              r.service.name ?? "",
              r.status,
            ])}
          />
        )
      ) : null}
    </Page>
  );
}
