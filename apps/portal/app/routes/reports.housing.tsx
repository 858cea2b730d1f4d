import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ErrorSummary, SummaryList } from "../components/govuk";
import { ReportTable } from "../components/report-table";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Housing complaints: Tenant Satisfaction Measures – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const result = await reportCall(() => context.api.reports.housing({ from: choice.from, to: choice.to, ...(choice.directorateId ? { directorateIds: [choice.directorateId] } : {}) }));
  return {
    choice,
    problem: result.ok ? null : result.message,
    housing: result.ok ? { year: result.value.year, tsm: result.value.tsm, ordersDue: result.value.ordersDue, ordersCompliedInTime: result.value.ordersCompliedInTime, tables: result.value.tables } : null,
  };
}

const figure = (value: number | null, suffix = "") => (value === null ? "No figure" : `${value}${suffix}`);

export default function HousingReport() {
  const { choice, problem, housing } = useLoaderData<typeof loader>();
  return (
    <Page breadcrumbs={[{ to: `/reports?${choice.query}`, text: "Complaints report" }]} heading="Housing complaints">
      <p className="govuk-body">
        The Tenant Satisfaction Measures the Regulator of Social Housing asks for (CH01 and CH02), and the figures for the annual self-assessment against the Housing Ombudsman&apos;s Complaint Handling Code.
      </p>
      <ReportFilter choice={choice} action="/reports/housing" />
      <ErrorSummary errors={problem ? { _form: problem } : null} />
      {housing ? (
        <>
          <h2 className="govuk-heading-m">
            {formatDate(housing.year.from)} to {formatDate(housing.year.to)}
          </h2>
          <p className="govuk-body">
            <a className="govuk-link" href={`/reports/housing.csv?${choice.query}`} download>
              Download these tables (CSV)
            </a>
          </p>
          <SummaryList
            rows={[
              { key: "Homes", value: housing.tsm.homes === null ? "Not set in the council profile" : housing.tsm.homes.toLocaleString("en-GB") },
              { key: "CH01 (1) Stage 1 complaints per 1,000 homes", value: `${figure(housing.tsm.ch01.stage1.perThousandHomes)} (${housing.tsm.ch01.stage1.received} complaints)` },
              { key: "CH01 (2) Stage 2 complaints per 1,000 homes", value: `${figure(housing.tsm.ch01.stage2.perThousandHomes)} (${housing.tsm.ch01.stage2.received} complaints)` },
              { key: "CH02 (1) Stage 1 responses within the Code's timescales", value: `${figure(housing.tsm.ch02.stage1.percent, "%")} (${housing.tsm.ch02.stage1.inTime} of ${housing.tsm.ch02.stage1.responses - housing.tsm.ch02.stage1.unmeasured})` },
              { key: "CH02 (2) Stage 2 responses within the Code's timescales", value: `${figure(housing.tsm.ch02.stage2.percent, "%")} (${housing.tsm.ch02.stage2.inTime} of ${housing.tsm.ch02.stage2.responses - housing.tsm.ch02.stage2.unmeasured})` },
              { key: "Housing Ombudsman orders due", value: `${housing.ordersDue}, of which ${housing.ordersCompliedInTime} complied with by their date` },
            ]}
          />
          <h2 className="govuk-heading-m">For the self-assessment</h2>
          {housing.tables.map((table) => (
            <ReportTable key={table.id} table={table} captionSize="s" />
          ))}
          <h2 className="govuk-heading-s">How the measures are counted</h2>
          <ul className="govuk-list govuk-list--bullet govuk-body-s">
            {housing.tsm.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
