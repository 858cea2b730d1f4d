import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { SummaryList, Table, Tag } from "../components/govuk";
import { formatDate } from "../utils/labels";
import { loadCalendar } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Calendar and closure days – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadCalendar(context, request);
}

export default function Calendar() {
  const { year, label, nations, cutOffTime, closures, days } = useLoaderData<typeof loader>();
  return (
    <Page breadcrumbs={[{ to: "/admin", text: "Administration" }]} heading="Calendar and closure days">
      <SummaryList
        rows={[
          { key: "Working days", value: label },
          { key: "Bank holidays of", value: nations ? nations.join(", ") : "The rules' default (England and Wales)" },
          { key: "Cut-off time", value: cutOffTime ? `${cutOffTime}: later arrivals count from the next working day` : "None" },
          { key: "Closure days", value: closures.length ? closures.map((c) => `${c.every ? `every ${c.when}` : formatDate(c.when)} (${c.label})`).join("; ") : "None" },
        ]}
      />
      <h2 className="govuk-heading-m">Days that are not working days in {year}, besides weekends</h2>
      <Table
        head={["Date", "Why"]}
        rows={days.map((d) => [formatDate(d.date, true), <>{d.title} <Tag colour={d.kind === "closure" ? "orange" : "grey"}>{d.kind === "closure" ? "Closure day" : "Bank holiday"}</Tag></>])}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={`/admin/calendar?year=${year - 1}`}>
          {year - 1}
        </Link>{" "}
        ·{" "}
        <Link className="govuk-link" to={`/admin/calendar?year=${year + 1}`}>
          {year + 1}
        </Link>
      </p>
    </Page>
  );
}
