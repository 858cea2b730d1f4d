import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ErrorSummary, SummaryCard, SummaryList, Table, Tag } from "../components/govuk";
import { ReportFilter } from "../components/report-filter";
import { formatDate } from "../utils/labels";
import { reportCall, reportChoice } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Lessons learned – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const choice = await reportChoice(context, request);
  const result = await reportCall(() => context.api.reports.lessons({ from: choice.from, to: choice.to, ...(choice.directorateId ? { directorateIds: [choice.directorateId] } : {}) }));
  return { choice, problem: result.ok ? null : result.message, report: result.ok ? result.value.report : null };
}

const STATUS = { done: <Tag colour="green">Done</Tag>, overdue: <Tag colour="red">Overdue</Tag>, open: <Tag colour="blue">Open</Tag> } as const;

export default function Lessons() {
  const { choice, problem, report } = useLoaderData<typeof loader>();
  return (
    <Page breadcrumbs={[{ to: `/reports?${choice.query}`, text: "Complaints report" }]} heading="Lessons learned">
      <p className="govuk-body">What each directorate learnt from the complaints it answered, and where each improvement action stands: what councils tell tenants and members.</p>
      <ReportFilter choice={choice} action="/reports/lessons" />
      <ErrorSummary errors={problem ? { _form: problem } : null} />
      {report ? (
        <>
          <h2 className="govuk-heading-m">
            Responses sent {formatDate(report.period.from)} to {formatDate(report.period.to)}
          </h2>
          <p className="govuk-body">
            <a className="govuk-link" href={`/reports/lessons.csv?${choice.query}`} download>
              Download as a spreadsheet (CSV)
            </a>
          </p>
          {report.directorates.length === 0 ? <p className="govuk-body">No responses were sent in this period.</p> : null}
          {report.directorates.map((d) => (
            <SummaryCard key={d.directorateId ?? "none"} title={d.name}>
              <SummaryList
                rows={[
                  { key: "Responses", value: `${d.responses}, of which ${d.upheld + d.partlyUpheld} upheld in full or in part${d.upheldRate === null ? "" : ` (${d.upheldRate}%)`}` },
                  { key: "Root causes", value: d.rootCauses.length ? <ul className="govuk-list">{d.rootCauses.map((c) => <li key={c.rootCause}>{c.rootCause} ({c.count})</li>)}</ul> : "None recorded" },
                  { key: "Lessons learned", value: d.lessons.length ? <ul className="govuk-list">{d.lessons.map((l) => <li key={l.lesson}>{l.lesson} ({l.count})</li>)}</ul> : "None recorded" },
                  { key: "Improvement actions", value: `${d.actions.length}: ${d.actionsDone} done, ${d.actionsOverdue} overdue` },
                ]}
              />
              {d.actions.length ? (
                <Table
                  caption={`Improvement actions in ${d.name}`}
                  captionSize="s"
                  head={["Action", "Case", "Due", "Status"]}
                  rows={d.actions.map((a) => [
                    <Link key={a.actionId} className="govuk-link" to={`/improvement-actions/${a.caseId}/${a.stageSequence}/${encodeURIComponent(a.actionId)}`}>
                      {a.description}
                    </Link>,
                    a.reference,
                    a.dueOn ? formatDate(a.dueOn) : "",
                    STATUS[a.status],
                  ])}
                />
              ) : null}
            </SummaryCard>
          ))}
        </>
      ) : null}
    </Page>
  );
}
