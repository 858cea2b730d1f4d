import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/govuk";
import { ReportTable } from "../components/report-table";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Social care complaints – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const result = await reportCall(() => context.api.reports.socialCare({ from: choice.from, to: choice.to, ...(choice.directorateId ? { directorateIds: [choice.directorateId] } : {}) }));
  return { choice, problem: result.ok ? null : result.message, data: result.ok ? { period: result.value.report.period, tables: result.value.tables } : null };
}

export default function SocialCare() {
  const { choice, problem, data } = useLoaderData<typeof loader>();
  return (
    <Page breadcrumbs={[{ to: `/reports?${choice.query}`, text: "Complaints report" }]} heading="Social care complaints">
      <p className="govuk-body">
        The statutory annual figures: complaints received, how many were well-founded, how many went to the Ombudsman, and what was learnt (adults: the Local Authority Social Services and National Health Service Complaints (England) Regulations 2009, regulation 18; children: the Children Act 1989 Representations Procedure (England) Regulations 2006).
      </p>
      <ReportFilter choice={choice} action="/reports/social-care" />
      <ErrorSummary errors={problem ? { _form: problem } : null} />
      {data ? (
        <>
          <h2 className="govuk-heading-m">
            {formatDate(data.period.from)} to {formatDate(data.period.to)}
          </h2>
          <p className="govuk-body">
            <a className="govuk-link" href={`/reports/social-care.csv?${choice.query}`} download>
              Download these tables (CSV)
            </a>
          </p>
          {data.tables.map((table) => (
            <ReportTable key={table.id} table={table} captionSize="s" />
          ))}
        </>
      ) : null}
    </Page>
  );
}
