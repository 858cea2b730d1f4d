import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, NotificationBanner, SummaryList, Table, Tag, WarningText } from "../components/govuk";
import { formatDateTime } from "../utils/labels";
import { loadAuditLog } from "./audit-log.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Audit log – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadAuditLog(context, request);
}

export default function AuditLog() {
  const { verification: v, events, limit, more } = useLoaderData<typeof loader>();
  const broken = v.failures.length;
  return (
    <Page heading="Audit log">
      <p className="govuk-body">
        Everything done to a case, a customer's conduct record or the system's settings is recorded as a chain of events sealed with the council's audit key. Checking the chain shows whether anyone has
        changed or removed a record since it was written.
      </p>

      <h2 className="govuk-heading-m" id="verification">
        Is the log intact?
      </h2>
      {v.ok ? (
        <NotificationBanner success heading="The log is intact: no record has been changed or removed." />
      ) : (
        <WarningText>
          The log does not verify: {broken} record{broken === 1 ? " has" : "s have"} been changed or removed outside the system. Keep a copy of the database as it is now and tell the people responsible
          for the council's information security.
        </WarningText>
      )}
      <SummaryList
        rows={[
          { key: "Checked", value: formatDateTime(v.checkedAt) },
          { key: "Records checked", value: `${v.streams.toLocaleString("en-GB")} (cases, customers' conduct records and the administration log)` },
          { key: "Events checked", value: v.events.toLocaleString("en-GB") },
          { key: "Result", value: v.ok ? <Tag colour="green">Intact</Tag> : <Tag colour="red">{`${broken} broken`}</Tag> },
        ]}
      />
      {broken > 0 ? (
        <Table
          caption="Records that do not verify"
          captionSize="s"
          head={["Record", "What is wrong", "From event"]}
          numeric={[2]}
          rows={v.failures.map((f) => [
            <>
              {f.what}
              {f.id ? <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular app-break-anywhere">{f.id}</span> : null}
            </>,
            <>
              {f.problem}
              <span className="govuk-body-s govuk-!-display-block">{f.message.replace(/^./, (c) => c.toUpperCase())}.</span>
            </>,
            String(f.seq),
          ])}
        />
      ) : null}
      {/* A read, so a plain GET form: it works the same with JavaScript off. */}
      <Form method="get" action="/audit-log">
        {limit !== 50 ? <input type="hidden" name="show" value={limit} /> : null}
        <Button variant="secondary">Check the log again</Button>
      </Form>

      <h2 className="govuk-heading-m" id="administration">
        What administrators did
      </h2>
      {events.length === 0 ? (
        <p className="govuk-body">No administrator has changed anything yet.</p>
      ) : (
        <>
          <Table
            caption={events.length < limit ? `All ${events.length} actions, newest first` : `The latest ${events.length} actions, newest first`}
            captionSize="s"
            head={["When", "Who", "What they did"]}
            rows={events.map((e) => [
              <span key={e.seq} className="govuk-!-font-weight-regular">
                {formatDateTime(e.at)}
              </span>,
              e.who,
              <>
                {e.action}
                {e.details.length ? (
                  <ul className="govuk-list govuk-body-s govuk-!-margin-top-1 govuk-!-margin-bottom-0">
                    {e.details.map((line) => (
                      <li key={line}>{line}</li>
                    ))}
                  </ul>
                ) : null}
              </>,
            ])}
          />
          {more ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/audit-log?show=${more}#administration`}>
                Show the latest {more} actions
              </Link>
            </p>
          ) : null}
        </>
      )}
    </Page>
  );
}
