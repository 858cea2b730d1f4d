import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary } from "../components/govuk";
import { Chart, ReportTable } from "../components/report-table";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Complaints report – Complaints case management" }];

/** Tables shown on the page; the spreadsheet version of Lewisham's table is in the CSV only. */
const ON_PAGE_SKIP = new Set(["complaints-by-directorate-figures"]);

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const result = await reportCall(() => context.api.reports.annual({ from: choice.from, to: choice.to, ...(choice.directorateId ? { directorateIds: [choice.directorateId] } : {}) }));
  const roles = context.principal?.kind === "staff" ? context.principal.grants.map((g) => g.role) : [];
  return {
    choice,
    problem: result.ok ? null : result.message,
    report: result.ok
      ? {
          period: result.value.report.period,
          previousPeriod: result.value.report.previousPeriod,
          council: result.value.report.council.name,
          notes: result.value.report.notes,
          tables: result.value.tables.filter((t) => !ON_PAGE_SKIP.has(t.id)),
          charts: result.value.charts,
          scope: result.value.scope,
        }
      : null,
    equality: roles.some((r) => ["complaints-manager", "quality-assurance", "auditor"].includes(r)),
  };
}

export default function Reports() {
  const { choice, problem, report, equality } = useLoaderData<typeof loader>();
  const [lewisham, ...others] = report?.tables ?? [];
  const scopeName = choice.directorateId ? choice.options.directorates.find((d) => d.id === choice.directorateId)?.name : choice.options.councilWide ? "All directorates" : choice.options.directorates.map((d) => d.name).join(", ");
  return (
    <Page heading="Complaints report">
      <p className="govuk-body">
        The figures councils publish each year: complaints per directorate and stage and the share answered in time, with the previous period in brackets, and what sits around them. Also:{" "}
        <Link className="govuk-link" to={`/reports/housing?${choice.query}`}>
          housing measures
        </Link>
        ,{" "}
        <Link className="govuk-link" to={`/reports/lessons?${choice.query}`}>
          lessons learned
        </Link>
        ,{" "}
        <Link className="govuk-link" to={`/reports/social-care?${choice.query}`}>
          social care
        </Link>
        {equality ? (
          <>
            ,{" "}
            <Link className="govuk-link" to={`/reports/equality?${choice.query}`}>
              equality monitoring
            </Link>
            ,{" "}
            <Link className="govuk-link" to={`/reports/satisfaction?${choice.query}`}>
              satisfaction survey
            </Link>
          </>
        ) : null}{" "}
        and{" "}
        <Link className="govuk-link" to="/audits">
          quality checks
        </Link>
        .
      </p>
      <ReportFilter choice={choice} action="/reports" />
      <ErrorSummary errors={problem ? { _form: problem } : null} />
      {report ? (
        <>
          <h2 className="govuk-heading-m">
            {formatDate(report.period.from)} to {formatDate(report.period.to)}: {scopeName}
          </h2>
          {report.previousPeriod ? (
            <p className="govuk-body">
              Figures in brackets are for {formatDate(report.previousPeriod.from)} to {formatDate(report.previousPeriod.to)}.
            </p>
          ) : null}
          <p className="govuk-body">
            <a className="govuk-link" href={`/reports/annual.csv?${choice.query}`} download>
              Download every table of this report (CSV)
            </a>
          </p>
          {lewisham ? <ReportTable table={lewisham} captionSize="m" /> : null}
          <h2 className="govuk-heading-m">In charts</h2>
          {report.charts.map((chart) => (
            <Chart key={chart.id} chart={chart} />
          ))}
          <h2 className="govuk-heading-m">Around the figures</h2>
          {others.map((table) => (
            <ReportTable key={table.id} table={table} captionSize="s" />
          ))}
          <h2 className="govuk-heading-s">How the figures are counted</h2>
          <ul className="govuk-list govuk-list--bullet govuk-body-s">
            {report.notes.map((n, i) => (
              <li key={i}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
    </Page>
  );
}
