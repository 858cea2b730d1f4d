import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, NotificationBanner, SummaryList, Table, Tag } from "../components/govuk";
import { NATION_LABELS } from "@complaints/core";
import { formatDate } from "../utils/labels";
import { loadCalendar } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Calendar and closure days – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const calendar = await loadCalendar(context, request);
  const isAdministrator = context.principal?.kind === "staff" && context.principal.grants.some((g) => g.role === "administrator");
  return { ...calendar, isAdministrator, saved: new URL(request.url).searchParams.get("saved") === "1" };
}

export default function Calendar() {
  const { year, nations, cutOffTime, closures, days, isAdministrator, saved } = useLoaderData<typeof loader>();
  return (
    <Page
      breadcrumbs={[{ to: "/admin", text: "Administration" }]}
      heading="Calendar and closure days"
      banner={saved ? <NotificationBanner success heading="The calendar is saved, and the due dates of the open cases it moves are recalculated." /> : null}
    >
      <SummaryList
        rows={[
          { key: "Working days", value: "Monday to Friday, except the bank holidays and closure days below" },
          { key: "Bank holidays of", value: nations ? nations.map((n) => NATION_LABELS[n]).join(", ") : "The rules' default (England and Wales)" },
          { key: "Cut-off time", value: cutOffTime ? `${cutOffTime}: later arrivals count from the next working day` : "None" },
          { key: "Closure days", value: closures.length ? closures.map((c) => `${c.every ? `every ${c.when}` : formatDate(c.when)} (${c.label})`).join("; ") : "None" },
        ]}
      />
      {isAdministrator ? (
        <ButtonLink to="/admin/calendar/change" variant="secondary">
          Change closure days and the cut-off
        </ButtonLink>
      ) : null}
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
