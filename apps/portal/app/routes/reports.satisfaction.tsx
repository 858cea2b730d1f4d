/**
 * The satisfaction survey report (issue 15; docs/decisions/0516-satisfaction-survey.md): the
 * answers residents gave after their complaint closed, by service and stage, with the Tenant
 * Satisfaction Measures' percentage, beside the equality report and under its disclosure rules.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary, InsetText } from "../components/govuk";
import { ReportTable } from "../components/report-table";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Satisfaction survey – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const result = await reportCall(() => context.api.satisfaction.report({ from: choice.from, to: choice.to }));
  return { choice, problem: result.ok ? null : result.message, data: result.ok ? { report: result.value.report, tables: result.value.tables } : null };
}

export default function SatisfactionReport() {
  const { choice, problem, data } = useLoaderData<typeof loader>();
  const csv = new URLSearchParams({ from: choice.from, to: choice.to }).toString();
  return (
    <Page breadcrumbs={[{ to: `/reports?${choice.query}`, text: "Complaints report" }]} heading="Satisfaction survey">
      <InsetText>
        What residents said when asked, after their complaint closed, how it was handled. The answers are kept apart from the case and never shown for a person: counts from 1 to 4 are shown as &quot;&lt;5&quot;, and nothing is shown for a period shorter than three months or with fewer than 10 answered surveys.
      </InsetText>
      <ReportFilter choice={choice} action="/reports/satisfaction" directorates={false} />
      <ErrorSummary errors={problem ? { _form: problem } : null} />
      {data ? (
        <>
          <h2 className="govuk-heading-m">
            Cases closed {formatDate(data.report.period.from)} to {formatDate(data.report.period.to)}
          </h2>
          {data.report.withheld === null ? (
            <>
              <p className="govuk-body">
                {data.report.responses} surveys answered.{" "}
                <a className="govuk-link" href={`/reports/satisfaction.csv?${csv}`} download>
                  Download these tables (CSV)
                </a>
              </p>
              {data.tables.map((table) => (
                <ReportTable key={table.id} table={table} captionSize="s" />
              ))}
            </>
          ) : (
            <InsetText>
              <h3 className="govuk-heading-s">No tables for this period</h3>
              <p className="govuk-body">{data.report.withheld}</p>
            </InsetText>
          )}
          <ul className="govuk-list govuk-list--bullet govuk-body-s">
            {data.report.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
