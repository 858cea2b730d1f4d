import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Button, ButtonLink, Checkboxes, NotificationBanner, Select, Tag } from "../components/govuk";
import { requireStaff } from "../utils/auth.server";
import { formatDate } from "../utils/labels";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Improvement actions – Complaints case management" }];

const STATUSES = [
  { value: "not-done", text: "Not done yet" },
  { value: "overdue", text: "Overdue" },
  { value: "open", text: "Open and on time" },
  { value: "done", text: "Done" },
  { value: "all", text: "All" },
] as const;
type StatusFilter = (typeof STATUSES)[number]["value"];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const url = new URL(request.url);
  const status = (STATUSES.find((s) => s.value === url.searchParams.get("status"))?.value ?? "not-done") as StatusFilter;
  const mine = url.searchParams.get("mine") === "yes";
  const list = await context.api.improvement.list({ ...(status === "all" ? {} : { status }), ...(mine ? { mine: true } : {}), limit: 500 });
  const roles = context.principal?.kind === "staff" ? context.principal.grants.map((g) => g.role) : [];
  return {
    status,
    mine,
    overdue: list.overdue,
    items: list.items,
    canAgree: roles.some((r) => ["investigating-officer", "dcro", "complaints-manager", "head-of-service", "director"].includes(r)),
  };
}

export default function ImprovementActions() {
  const { status, mine, overdue, items, canAgree } = useLoaderData<typeof loader>();
  return (
    <Page heading="Improvement actions">
      <p className="govuk-body">
        What the council agreed to change after complaints, who owns each change and by when. Actions and their milestones that pass their date go to the owner and the Head of Service.
      </p>
      {overdue > 0 && status !== "done" ? (
        <NotificationBanner title="Overdue" heading={<>{overdue} {overdue === 1 ? "action is" : "actions are"} overdue.</>} />
      ) : null}
      {canAgree ? <ButtonLink to="/improvement-actions/new">Agree an improvement action</ButtonLink> : null}
      <Form method="get" action="/improvement-actions" aria-label="Filter the improvement actions">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-third">
            <Select name="status" label="Show" labelSize="s" items={STATUSES.map((s) => ({ value: s.value, text: s.text }))} defaultValue={status} />
          </div>
          <div className="govuk-grid-column-one-third">
            <Checkboxes name="mine" legend="Owner" legendSize="s" small items={[{ value: "yes", text: "Only actions I own" }]} defaultValue={mine ? ["yes"] : []} />
          </div>
        </div>
        <Button variant="secondary">Filter</Button>
      </Form>
      {items.length === 0 ? (
        <p className="govuk-body">There are no improvement actions to show.</p>
      ) : (
        <div className="app-table-scroll" role="region" aria-label="Improvement actions" tabIndex={0}>
          <table className="govuk-table govuk-table--small-text-until-tablet">
            <caption className="govuk-table__caption govuk-table__caption--s">
              {items.length} {items.length === 1 ? "action" : "actions"}
              {overdue ? `, ${overdue} overdue` : ""}
            </caption>
            <thead className="govuk-table__head">
              <tr className="govuk-table__row">
                {["Action", "Case", "Directorate", "Owner", "Due", "Milestones", "Status"].map((h) => (
                  <th key={h} scope="col" className="govuk-table__header">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="govuk-table__body">
              {items.map((a) => (
                <tr key={`${a.caseId}/${a.stageSequence}/${a.actionId}`} className={`govuk-table__row${a.status === "overdue" ? " app-overdue" : ""}`}>
                  <th scope="row" className="govuk-table__header">
                    <Link className="govuk-link" to={`/improvement-actions/${a.caseId}/${a.stageSequence}/${encodeURIComponent(a.actionId)}`}>
                      {a.description}
                    </Link>
                  </th>
                  <td className="govuk-table__cell">
                    <Link className="govuk-link" to={`/cases/${a.caseId}`}>
                      {a.reference}
                    </Link>
                  </td>
                  <td className="govuk-table__cell">{a.directorateName ?? ""}</td>
                  <td className="govuk-table__cell">{a.ownerName ?? "Not known"}</td>
                  <td className="govuk-table__cell">{a.dueOn ? formatDate(a.dueOn) : ""}</td>
                  <td className="govuk-table__cell">
                    {a.milestones.filter((m) => m.completedOn).length} of {a.milestones.length} reached
                  </td>
                  <td className="govuk-table__cell">
                    {a.status === "overdue" ? (
                      <>
                        <Tag colour="red">Overdue</Tag> <span className="govuk-body-s">since {formatDate(a.overdueSince)}</span>
                      </>
                    ) : a.status === "done" ? (
                      <Tag colour="green">Done</Tag>
                    ) : (
                      <Tag colour="blue">Open</Tag>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </Page>
  );
}
