/**
 * The satisfaction survey report (issue 15; docs/decisions/0516-satisfaction-survey.md): the
 * answers residents gave after their complaint closed, by service and stage, with the Tenant
 * Satisfaction Measures' percentage, beside the equality report and under its disclosure rules.
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary, InsetText } from "../components/govuk";
import { DisclosedTables } from "../components/disclosed-tables";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Satisfaction survey – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const result = await reportCall(() => context.api.satisfaction.report({ from: choice.from, to: choice.to }));
  return { choice, problem: result.ok ? null : result.message, data: result.ok ? { report: result.value.report, tables: result.value.tables, surveyEnabled: result.value.surveyEnabled } : null };
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
      {data && !data.surveyEnabled ? (
        <InsetText>This council does not send the satisfaction survey, so no new answers come in. An administrator turns it on in the council&apos;s profile (correspondence, satisfaction survey).</InsetText>
      ) : null}
      {data ? (
        <DisclosedTables
          heading={
            <>
              Cases closed {formatDate(data.report.period.from)} to {formatDate(data.report.period.to)}
            </>
          }
          summary={<>{data.report.responses} surveys answered.</>}
          csvHref={`/reports/satisfaction.csv?${csv}`}
          withheld={data.report.withheld}
          tables={data.tables}
          notes={data.report.notes}
        />
      ) : null}
    </Page>
  );
}
