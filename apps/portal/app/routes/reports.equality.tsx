import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { ErrorSummary, InsetText, Select } from "../components/govuk";
import { DisclosedTables } from "../components/disclosed-tables";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Equality monitoring – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const byParam = new URL(request.url).searchParams.get("by");
  const by = byParam === "directorate" || byParam === "category" ? byParam : undefined;
  const result = await reportCall(() => context.api.equality.report({ from: choice.from, to: choice.to, ...(by ? { by } : {}) }));
  return { choice, by: by ?? "", problem: result.ok ? null : result.message, data: result.ok ? { report: result.value.report, tables: result.value.tables } : null };
}

export default function EqualityReport() {
  const { choice, by, problem, data } = useLoaderData<typeof loader>();
  const csv = new URLSearchParams({ from: choice.from, to: choice.to, ...(by ? { by } : {}) }).toString();
  return (
    <Page breadcrumbs={[{ to: `/reports?${choice.query}`, text: "Complaints report" }]} heading="Equality monitoring">
      <InsetText>
        Complaints from people who chose to return the equality monitoring form, counted by protected characteristic. The answers are kept apart from the case and never shown for a person: counts from 1 to 4 are shown as &quot;&lt;5&quot; (with another count hidden beside them where a total would give them away), and nothing is shown for a period shorter than three months or with fewer than 10 forms, so nobody can be picked out.
      </InsetText>
      <ReportFilter choice={choice} action="/reports/equality" directorates={false} />
      <Form method="get" action="/reports/equality" className="govuk-!-margin-bottom-6" aria-label="Break the counts down">
        <input type="hidden" name="year" value={choice.year} />
        {choice.year === "custom"
          ? (["from", "to"] as const).flatMap((end) => {
              const [y, m, d] = choice[end].split("-");
              return [
                <input key={`${end}-day`} type="hidden" name={`${end}-day`} value={Number(d)} />,
                <input key={`${end}-month`} type="hidden" name={`${end}-month`} value={Number(m)} />,
                <input key={`${end}-year`} type="hidden" name={`${end}-year`} value={y} />,
              ];
            })
          : null}
        <Select
          name="by"
          label="Break the counts down by"
          labelSize="s"
          placeholder="Nothing: the whole council"
          items={[
            { value: "directorate", text: "Directorate" },
            { value: "category", text: "Category of complaint" },
          ]}
          defaultValue={by}
        />
        <button type="submit" className="govuk-button govuk-button--secondary" data-module="govuk-button">
          Break down
        </button>
      </Form>
      <ErrorSummary errors={problem ? { _form: problem } : null} />
      {data ? (
        <DisclosedTables
          heading={
            <>
              Complaints received {formatDate(data.report.period.from)} to {formatDate(data.report.period.to)}
            </>
          }
          summary={
            <>
              {data.report.forms} of {data.report.complaints} complainants returned the form{data.report.responseRate === null ? "" : ` (${data.report.responseRate}%)`}.
            </>
          }
          csvHref={`/reports/equality.csv?${csv}`}
          withheld={data.report.withheld}
          tables={data.tables}
          notes={data.report.notes}
        />
      ) : null}
    </Page>
  );
}
