import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useEffect, useState } from "react";
import { Button, Input, Radios, Select, Table, Tag } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { RagTag } from "../components/case";
import { CASE_KIND_LABELS, DUE_KIND_LABELS, FLAG_LABELS, FLAGS } from "@complaints/core/vocabulary";
import { formatDate, labelOr } from "../utils/labels";
import { loadQueue, queueAction } from "./cases._index.server";
import { QUEUES } from "../utils/queues";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Work queue – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadQueue(context, request);
}

export async function action({ context, request }: ActionFunctionArgs) {
  return queueAction(context, request);
}

/** Ticks every case on the page: only with JavaScript (without it, each box is ticked by hand). */
function SelectAllOnPage() {
  const [scripted, setScripted] = useState(false);
  useEffect(() => setScripted(true), []);
  if (!scripted) return null;
  return (
    <div className="govuk-checkboxes govuk-checkboxes--small govuk-!-margin-bottom-2">
      <div className="govuk-checkboxes__item">
        <input
          className="govuk-checkboxes__input"
          id="select-all"
          type="checkbox"
          onChange={(e) => {
            for (const box of document.querySelectorAll<HTMLInputElement>('input[name="case"]')) box.checked = e.currentTarget.checked;
          }}
        />
        <label className="govuk-label govuk-checkboxes__label" htmlFor="select-all">
          Select all on this page
        </label>
      </div>
    </div>
  );
}

export default function WorkQueue() {
  const data = useLoaderData<typeof loader>();
  const state = useFormState();
  const { queue, filters, counts, items, total, page, organisation } = data;
  const query = (extra: Record<string, string>) => {
    const params = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...filters, queue, ...extra })) if (v) params.set(k, String(v));
    return `/cases?${params}`;
  };
  const current = QUEUES.find((q) => q.id === queue)!;
  return (
    <Page errors={state.errors}>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-l">Work queue</h1>
        </div>
        <div className="govuk-grid-column-one-third">
          <Form method="get" action="/search" role="search" className="govuk-!-margin-top-2">
            <div className="govuk-form-group">
              <label className="govuk-label govuk-label--s" htmlFor="quick">
                Find a case
              </label>
              <div className="govuk-hint" id="quick-hint">
                Reference, name, email, phone, postcode or words
              </div>
              <input className="govuk-input" id="quick" name="quick" type="search" aria-describedby="quick-hint" />
            </div>
            <Button variant="secondary">Search</Button>
          </Form>
        </div>
      </div>

      {data.approvalsWaiting ? (
        <p className="govuk-body govuk-!-font-weight-bold">
          <Link className="govuk-link" to="/approvals">
            {data.approvalsWaiting === 1 ? "1 approval is" : `${data.approvalsWaiting} approvals are`} waiting for you
          </Link>
        </p>
      ) : null}
      <div className="govuk-tabs">
        <nav aria-label="Queues">
        <ul className="govuk-tabs__list">
          {data.queues.map((q) => (
            <li key={q.id} className={q.id === queue ? "govuk-tabs__list-item govuk-tabs__list-item--selected" : "govuk-tabs__list-item"}>
              <Link className="govuk-tabs__tab" to={`/cases?queue=${q.id}`} aria-current={q.id === queue ? "page" : undefined}>
                {q.label} <span className="govuk-visually-hidden">(</span>
                {q.total}
                <span className="govuk-visually-hidden"> cases)</span>
              </Link>
            </li>
          ))}
        </ul>
        </nav>
        <section className="govuk-tabs__panel" aria-labelledby="queue-heading">
          <h2 className="govuk-heading-m" id="queue-heading">
            {current.title}
          </h2>
          <ul className="app-counts" aria-label="Counts">
            <li className="app-counts__item">
              <span className="app-counts__number">{counts.all}</span>
              <span className="app-counts__label">open cases</span>
            </li>
            <li className="app-counts__item app-counts__item--red">
              <span className="app-counts__number">{counts.red}</span>
              <span className="app-counts__label">overdue</span>
            </li>
            <li className="app-counts__item">
              <span className="app-counts__number">{counts.amber}</span>
              <span className="app-counts__label">due within 2 working days</span>
            </li>
            <li className="app-counts__item">
              <span className="app-counts__number">{counts.green}</span>
              <span className="app-counts__label">on track</span>
            </li>
          </ul>

          <details className="govuk-details" open={data.filtered}>
            <summary className="govuk-details__summary">
              <span className="govuk-details__summary-text">Filter the queue</span>
            </summary>
            <div className="govuk-details__text">
              <Form method="get" action="/cases">
                <input type="hidden" name="queue" value={queue} />
                <div className="govuk-grid-row">
                  <div className="govuk-grid-column-one-third">
                    <Select name="stage" label="Stage" placeholder="Any stage" defaultValue={filters.stage} items={organisation.stages.map((s) => ({ value: s.id, text: s.label }))} />
                    <Select name="kind" label="Kind" placeholder="Any kind" defaultValue={filters.kind} items={Object.entries(CASE_KIND_LABELS).map(([value, text]) => ({ value, text }))} />
                  </div>
                  <div className="govuk-grid-column-one-third">
                    <Select name="service" label="Service" placeholder="Any service" defaultValue={filters.service} items={organisation.services.map((s) => ({ value: s.code, text: s.name }))} />
                    <Select
                      name="priority"
                      label="Priority"
                      placeholder="Any priority"
                      defaultValue={filters.priority}
                      items={[
                        { value: "high", text: "High" },
                        { value: "normal", text: "Normal" },
                      ]}
                    />
                  </div>
                  <div className="govuk-grid-column-one-third">
                    <Select
                      name="due"
                      label="Due"
                      placeholder="Any"
                      defaultValue={filters.due}
                      items={[
                        { value: "red", text: "Overdue" },
                        { value: "amber", text: "Due within 2 working days" },
                        { value: "green", text: "On track" },
                        { value: "none", text: "No date yet" },
                      ]}
                    />
                    <Select
                      name="status"
                      label="Status"
                      placeholder="New or open"
                      defaultValue={filters.status}
                      items={[
                        { value: "new", text: "New (waiting for triage)" },
                        { value: "open", text: "Open" },
                      ]}
                    />
                  </div>
                </div>
                <div className="govuk-button-group">
                  <Button variant="secondary">Apply filters</Button>
                  <Link className="govuk-link" to={`/cases?queue=${queue}`}>
                    Clear filters
                  </Link>
                </div>
              </Form>
            </div>
          </details>

          <SavedViews views={data.views} view={data.view} values={state.values} errors={state.errors} />

          {data.problem ? (
            <p className="govuk-body">{data.problem}</p>
          ) : items.length === 0 ? (
            <p className="govuk-body">There are no cases here{data.filtered ? " that match the filters" : ""}.</p>
          ) : (
            <>
            <p className="govuk-body">
              <a className="govuk-link" href={`/queues/export.csv?${data.view}`} download>
                Download this queue as a spreadsheet (CSV)
              </a>
            </p>
            <SelectAllOnPage />
            <Table
              caption={<>{total} {total === 1 ? "case" : "cases"}, nearest due date first</>}
              captionSize="s"
              head={[<span key="choose" className="govuk-visually-hidden">Choose</span>, "Reference", "Customer", "Service", "Stage", "Handler", "Next due"]}
              rows={items.map((item) => [
                <div key="choose" className="govuk-checkboxes govuk-checkboxes--small">
                  <div className="govuk-checkboxes__item">
                    <input className="govuk-checkboxes__input" id={`case-${item.id}`} name="case" type="checkbox" value={`${item.id}:${item.version}`} form="bulk" />
                    <label className="govuk-label govuk-checkboxes__label" htmlFor={`case-${item.id}`}>
                      <span className="govuk-visually-hidden">Choose {item.reference}</span>
                    </label>
                  </div>
                </div>,
                <>
                  <Link className="govuk-link" to={`/cases/${item.id}`}>
                    {item.reference}
                  </Link>
                  <br />
                  <span className="govuk-body-s govuk-!-font-weight-regular">{labelOr(CASE_KIND_LABELS, item.kind)}</span>
                  {item.priority === "high" ? (
                    <>
                      {" "}
                      <Tag colour="red">High priority</Tag>
                    </>
                  ) : null}
                  {item.correspondenceProblem ? (
                    <span className="govuk-body-s govuk-!-display-block">
                      <Tag colour="red">{item.correspondenceProblem.status === "uncertain" ? "May not have been sent" : "Not delivered"}</Tag> {item.correspondenceProblem.reason}
                    </span>
                  ) : null}
                </>,
                item.customerName ?? "Anonymous",
                item.service.name ?? item.service.code,
                item.status === "new" ? "Triage" : (organisation.stages.find((s) => s.id === item.currentStageId)?.label ?? item.currentStageId ?? ""),
                item.assignedStaff?.name ?? "Not assigned",
                <>
                  <RagTag rag={item.rag} />
                  {item.letterTasks.map((task) => (
                    <span key={task.outboxId} className="govuk-body-s govuk-!-display-block">
                      <Link className="govuk-link" to={task.href}>
                        {task.text}
                      </Link>
                    </span>
                  ))}
                  {item.nextDue ? (
                    <span className="govuk-body-s govuk-!-display-block">
                      {labelOr(DUE_KIND_LABELS, item.nextDue.kind)} by {formatDate(item.nextDue.date)}
                    </span>
                  ) : null}
                </>,
              ])}
            />
            <BulkForm handlers={data.handlers} services={organisation.services} bulkKey={data.bulkKey} view={data.view} />
            </>
          )}
          {page.previous !== null || page.next !== null ? (
            <nav className="govuk-pagination" aria-label="Pages of the queue">
              {page.previous !== null ? (
                <div className="govuk-pagination__prev">
                  <Link className="govuk-link govuk-pagination__link" to={query({ offset: String(page.previous) })} rel="prev">
                    <span className="govuk-pagination__link-title">Previous page</span>
                  </Link>
                </div>
              ) : null}
              {page.next !== null ? (
                <div className="govuk-pagination__next">
                  <Link className="govuk-link govuk-pagination__link" to={query({ offset: String(page.next) })} rel="next">
                    <span className="govuk-pagination__link-title">Next page</span>
                  </Link>
                </div>
              ) : null}
            </nav>
          ) : null}
        </section>
      </div>
    </Page>
  );
}

/**
 * Work in bulk (issue 16): the boxes ticked in the table (their `form` is this one) with one
 * action; each case is done or refused on its own, and the next page says which.
 */
function BulkForm({ handlers, services, bulkKey, view }: { handlers: Array<{ id: string; name: string; openCases: number }>; services: Array<{ code: string; name: string }>; bulkKey: string; view: string }) {
  return (
    <PostForm id="bulk" action="/cases/bulk" className="app-bulk">
      <input type="hidden" name="bulkKey" value={bulkKey} />
      <input type="hidden" name="view" value={view} />
      <h3 className="govuk-heading-s">Do the same to the cases you have ticked</h3>
      <Radios
        name="action"
        legend="What to do"
        legendSize="s"
        small
        items={[
          {
            value: "assign",
            text: "Assign them",
            conditional: <Select name="handlerId" label="Assign to" placeholder="Choose a person" items={handlers.map((h) => ({ value: h.id, text: `${h.name} — ${h.openCases} open ${h.openCases === 1 ? "case" : "cases"}` }))} />,
          },
          {
            value: "transfer",
            text: "Transfer them to another service",
            conditional: (
              <>
                <Select name="serviceId" label="Transfer to" placeholder="Choose a service" items={services.map((s) => ({ value: s.code, text: s.name }))} />
                <Input name="reason" label="Why they are transferred" />
              </>
            ),
          },
          {
            value: "add-flag",
            text: "Add a flag",
            conditional: <Select name="flag" label="Flag" placeholder="Choose a flag" items={FLAGS.map((f) => ({ value: f, text: FLAG_LABELS[f] }))} />,
          },
          { value: "issue-letters", text: "Issue their waiting letters" },
        ]}
      />
      <Button variant="secondary">Apply to the ticked cases</Button>
    </PostForm>
  );
}

/** Saved views: this person's and those shared with their team or directorate, and "Save this view". */
function SavedViews({ views, view, values, errors }: { views: Array<{ id: string; name: string; href: string; sharedWith: string; owner: string; mine: boolean }>; view: string; values: Record<string, string>; errors: Record<string, string> }) {
  return (
    <details className="govuk-details" open={Boolean(values.viewName || errors.viewName || errors._form)}>
      <summary className="govuk-details__summary">
        <span className="govuk-details__summary-text">Saved views{views.length ? ` (${views.length})` : ""}</span>
      </summary>
      <div className="govuk-details__text">
        {views.length ? (
          <ul className="govuk-list">
            {views.map((v) => (
              <li key={v.id}>
                <Link className="govuk-link" to={v.href}>
                  {v.name}
                </Link>{" "}
                <span className="govuk-body-s">
                  ({v.sharedWith}
                  {v.mine ? "" : `, saved by ${v.owner}`})
                </span>
                {v.mine ? (
                  <PostForm>
                    <input type="hidden" name="intent" value="delete-view" />
                    <input type="hidden" name="viewId" value={v.id} />
                    <input type="hidden" name="view" value={view} />
                    <button type="submit" className="govuk-button govuk-button--warning govuk-!-margin-bottom-2">
                      Delete<span className="govuk-visually-hidden"> the view {v.name}</span>
                    </button>
                  </PostForm>
                ) : null}
              </li>
            ))}
          </ul>
        ) : (
          <p className="govuk-body">You have no saved views yet.</p>
        )}
        <PostForm>
          <input type="hidden" name="intent" value="save-view" />
          <input type="hidden" name="view" value={view} />
          <Input name="viewName" label="Save this view as" labelSize="s" hint="The queue and the filters you have chosen, for example “Untriaged web complaints”" defaultValue={values.viewName} error={errors.viewName} width="20" />
          <Radios
            name="share"
            legend="Who can use it"
            legendSize="s"
            small
            inline
            defaultValue={values.share ?? "nobody"}
            items={[
              { value: "nobody", text: "Only me" },
              { value: "team", text: "My team" },
              { value: "directorate", text: "My directorate" },
            ]}
          />
          <Button variant="secondary">Save this view</Button>
        </PostForm>
      </div>
    </details>
  );
}
