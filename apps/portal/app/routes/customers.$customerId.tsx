import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, DateInput, Details, Input, NotificationBanner, Radios, Select, SummaryList, Table, Tag, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { RestrictionsWarning, describeRestriction } from "../components/restrictions";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { formatDate, formatDateTime, labelOr } from "../utils/labels";
import { ContactChangeList, ContactSummary } from "../components/contact-details";
import { conductAction, loadCustomer } from "./customers.$customerId.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.history.customer.name} – Customers` : "Customer" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return loadCustomer(context, request, params.customerId ?? "");
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return conductAction(context, request, params.customerId ?? "");
}

const STATUS: Record<string, { text: string; colour: "grey" | "yellow" | "orange" | "red" | "green" }> = {
  none: { text: "No process", colour: "grey" },
  referred: { text: "Referred", colour: "yellow" },
  warned: { text: "Warned", colour: "orange" },
  designated: { text: "Designated", colour: "red" },
  lifted: { text: "Lifted", colour: "green" },
};

const RESTRICTION_KINDS = [
  { value: "single-point-of-contact", text: "Single point of contact" },
  { value: "written-contact-only", text: "Written contact only" },
  { value: "call-limit", text: "Limit on phone calls" },
  { value: "premises-limit", text: "Limit on visits" },
  { value: "correspondence-filed", text: "Correspondence read and filed" },
  { value: "other", text: "Other" },
];

export default function Customer() {
  const { history, conduct, contact, canWorkProcess, done } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const v = (n: string) => values[n] ?? "";
  const state = conduct.state;
  const status = state?.status ?? "none";
  const s = STATUS[status] ?? STATUS.none!;
  return (
    <Page
      breadcrumbs={[{ to: "/customers", text: "Customers" }]}
      errors={errors}
      caption="Customer"
      heading={history.customer.name}
      banner={done ? (
        <NotificationBanner success heading={done} />
      ) : null}
    >
      <RestrictionsWarning restrictions={history.restrictions} customerId={null} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <SummaryList
            rows={[
              history.customer.email ? { key: "Email", value: history.customer.email } : null,
              history.customer.phone ? { key: "Phone", value: history.customer.phone } : null,
              history.customer.postcode ? { key: "Postcode", value: history.customer.postcode } : null,
              { key: "Persistent-complainant process", value: <Tag colour={s.colour}>{s.text}</Tag> },
              history.conduct.reviewBy ? { key: "Review by", value: formatDate(history.conduct.reviewBy, true) } : null,
            ]}
          />
          <h2 className="govuk-heading-m">How we contact them</h2>
          <ContactSummary details={contact.details} />
          {contact.canChange ? (
            <p className="govuk-body">
              <Link className="govuk-link" to={`/customers/${history.customer.id}/contact`}>
                Change how we contact them
              </Link>
            </p>
          ) : null}
          {contact.changes.length ? (
            <Table
              caption="Changes to their contact details, newest first"
              captionSize="s"
              head={["When", "By", "What changed"]}
              rows={contact.changes.map((c) => [formatDateTime(c.at), c.by, <ContactChangeList key={c.at} changes={c.changes} note={c.note} />])}
            />
          ) : null}
          <h2 className="govuk-heading-m">Cases</h2>
          {history.cases.length === 0 ? (
            <p className="govuk-body">No cases you can see.</p>
          ) : (
            <Table
              caption={`${history.cases.length} ${history.cases.length === 1 ? "case" : "cases"} across services, newest first`}
              captionSize="s"
              head={["Case", "Received", "Service", "Status"]}
              rows={history.cases.map((c) => [
                <>
                  <Link className="govuk-link" to={`/cases/${c.id}`}>
                    {c.reference}
                  </Link>
                    <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">{labelOr(CASE_KIND_LABELS, c.kind)}</span>
                </>,
                formatDateTime(c.receivedAt),
                c.service.name ?? "",
                c.status === "closed" && c.closedOn ? `Closed ${formatDate(c.closedOn)}` : c.status,
              ])}
            />
          )}

          <h2 className="govuk-heading-m">Persistent or unreasonable complainant process</h2>
          <p className="govuk-body">Referral with evidence, then a warning with the behaviour expected, the customer's comments, designation with proportionate restrictions, and a review within 6 months.</p>
          {state ? (
            <SummaryList
              rows={[
                state.referral ? { key: "Referred", value: `${formatDate(state.referral.on)}: ${state.referral.evidence}` } : null,
                state.warning ? { key: "Warned", value: `${formatDate(state.warning.on)}: ${state.warning.behaviourExpected} (until ${formatDate(state.warning.until)})` } : null,
                ...state.comments.map((c, i) => ({ key: i === 0 ? "Customer's comments" : "", value: `${formatDate(c.on)}: ${c.comment}` })),
                state.designation
                  ? {
                      key: "Designated",
                      value: (
                        <>
                          {formatDate(state.designation.on)}: {state.designation.reason}
                          <ul className="govuk-list govuk-list--bullet">
                            {state.designation.restrictions.map((r, i) => (
                              <li key={i}>{describeRestriction(r)}</li>
                            ))}
                          </ul>
                          Review by {formatDate(state.designation.reviewBy)}
                        </>
                      ),
                    }
                  : null,
                ...state.reviews.map((r) => ({ key: "Reviewed", value: `${formatDate(r.on)}: ${r.decision === "lift" ? "lifted" : "renewed"}. ${r.reason}` })),
              ]}
            />
          ) : null}

          {conduct.letters.length > 0 ? (
            <>
              <h3 className="govuk-heading-s">Letters to the customer about this</h3>
              <ul className="govuk-list">
                {conduct.letters.map((l) => (
                  <li key={l.outboxId ?? l.letterId}>
                    {l.status === "waiting" ? (
                      <>
                        <Link className="govuk-link" to={`/cases/${l.caseId}/letters/${l.outboxId}`}>
                          Write the {l.kindName} letter
                        </Link>{" "}
                        (on {l.reference}){l.missing.length ? `: missing ${l.missing.join("; ")}` : ""}
                      </>
                    ) : (
                      <>
                        <a className="govuk-link" href={l.downloadUrl ?? undefined}>
                          {l.kindName[0]!.toUpperCase() + l.kindName.slice(1)}
                        </a>
                        , issued {formatDate(l.at)} (on {l.reference})
                      </>
                    )}
                  </li>
                ))}
              </ul>
            </>
          ) : null}

          {canWorkProcess ? (
            <PostForm>
              <input type="hidden" name="expectedVersion" value={conduct.version} />
              {status === "none" || status === "lifted" ? (
                <>
                  <input type="hidden" name="step" value="refer" />
                  <Textarea name="evidence" label="Refer the customer: the evidence" labelSize="s" hint="What the customer has done, when, and its effect." error={errors.evidence} defaultValue={v("evidence")} />
                  <Button variant="secondary">Refer</Button>
                </>
              ) : status === "referred" ? (
                <>
                  <input type="hidden" name="step" value="warn" />
                  <Textarea
                    name="behaviourConcerns"
                    label="What the customer has done that is not acceptable"
                    labelSize="s"
                    hint="Written to the customer in the warning letter, in your words (Leeds policy para 54). Left empty, the letter waits for it."
                    error={errors.behaviourConcerns}
                    defaultValue={v("behaviourConcerns")}
                  />
                  <Textarea name="behaviourExpected" label="Warn the customer: the behaviour we expect" labelSize="s" error={errors.behaviourExpected} defaultValue={v("behaviourExpected")} />
                  <DateInput name="until" legend="The warning lasts until" legendSize="s" error={errors.until} values={values} />
                  <Button variant="secondary">Send the warning</Button>
                </>
              ) : status === "warned" ? (
                <>
                  <Radios
                    name="step"
                    legend="Next step"
                    legendSize="s"
                    error={errors.step}
                    defaultValue={v("step")}
                    items={[
                      { value: "record-comment", text: "Record the customer's comments", conditional: <Textarea name="comment" label="What the customer said" error={errors.comment} defaultValue={v("comment")} /> },
                      {
                        value: "designate",
                        text: "Designate, with restrictions",
                        conditional: (
                          <>
                            <Select name="restriction1Kind" label="Restriction" placeholder="Choose" items={RESTRICTION_KINDS} error={errors.restriction1Kind} defaultValue={v("restriction1Kind")} />
                            <Input name="restriction1Detail" label="Detail" hint="The contact's name, the number of calls a week, or the limit." error={errors.restriction1Detail} defaultValue={v("restriction1Detail")} />
                            <Select name="restriction2Kind" label="Second restriction (optional)" placeholder="None" items={RESTRICTION_KINDS} defaultValue={v("restriction2Kind")} />
                            <Input name="restriction2Detail" label="Detail" error={errors.restriction2Detail} defaultValue={v("restriction2Detail")} />
                            <Textarea name="reason" label="Why these restrictions are needed and proportionate" error={errors.reason} defaultValue={v("reason")} />
                            <DateInput name="reviewBy" legend="Review by (at most 6 months)" legendSize="s" error={errors.reviewBy} values={values} />
                          </>
                        ),
                      },
                    ]}
                  />
                  <Button variant="secondary">Continue</Button>
                </>
              ) : status === "designated" ? (
                <>
                  <input type="hidden" name="step" value="review" />
                  <Radios
                    name="decision"
                    legend="Review the designation"
                    legendSize="s"
                    error={errors.decision}
                    defaultValue={v("decision")}
                    items={[
                      { value: "lift", text: "Lift the restrictions" },
                      {
                        value: "renew",
                        text: "Renew them",
                        conditional: <DateInput name="nextReviewBy" legend="Next review by" legendSize="s" error={errors.nextReviewBy} values={values} />,
                      },
                    ]}
                  />
                  <Textarea name="reason" label="Reasons" error={errors.reason} defaultValue={v("reason")} />
                  <Button variant="secondary">Record the review</Button>
                </>
              ) : null}
            </PostForm>
          ) : (
            <Details summary="Who can work this process">
              <p className="govuk-body">The complaints manager, departmental customer relations officers, heads of service and directors.</p>
            </Details>
          )}
        </div>
      </div>
    </Page>
  );
}
