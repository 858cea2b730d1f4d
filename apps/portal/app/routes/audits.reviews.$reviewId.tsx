import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, DateInput, NotificationBanner, Radios, Select, SummaryCard, SummaryList, Table, Tag, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { formatDate } from "../utils/labels";
import { ANSWER_LABELS, criterionLabel, RISK_LABELS } from "../utils/audits";
import { Page } from "../components/page";
import { RiskRadios } from "../components/audits";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `Review of ${d.review.reference} – Quality audits` : "Review" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DONE: Record<string, string> = {
  reviewed: "Review saved. Any finding has gone to the officer and the Head of Service.",
  finding: "Finding added and sent to the officer and the Head of Service",
  remedial: "Remedial action added",
  completed: "Remedial action recorded as done",
  checked: "Improvement check recorded",
};

function reviewIdOf(params: LoaderFunctionArgs["params"]): string {
  if (!UUID.test(params.reviewId ?? "")) throw data("There is no such review.", { status: 404 });
  return params.reviewId!;
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const reviewId = reviewIdOf(params);
  try {
    const review = await context.api.quality.reviews.get({ reviewId });
    const owners = review.canReview ? await context.api.improvement.owners() : [];
    const done = new URL(request.url).searchParams.get("done");
    return { review, owners, done: done ? (DONE[done] ?? null) : null };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 404 || d.status === 403) throw data(d.message, { status: d.status });
    throw error;
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const reviewId = reviewIdOf(params);
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  const back = (done: string) => redirect(`/audits/reviews/${reviewId}?done=${done}`, 303);
  if (intent === "finding") {
    const finding = text(form, "finding");
    const risk = text(form, "risk");
    const errors: Record<string, string> = {};
    if (!finding) errors.finding = "Describe the finding";
    if (!["high", "medium", "low"].includes(risk)) errors.risk = "Choose how serious the finding is";
    if (Object.keys(errors).length) return failure(errors, form);
    const result = await attempt(form, () => context.api.quality.findings.add({ reviewId, finding, risk: risk as "high" | "medium" | "low" }), { finding: "finding", risk: "risk" });
    return result.ok ? back("finding") : result.response;
  }
  if (intent === "remedial") {
    const findingId = text(form, "findingId");
    const errors: Record<string, string> = {};
    if (!findingId) errors.findingId = "Choose the finding";
    const description = text(form, "description");
    if (!description) errors.description = "Enter what will be done";
    const ownerId = text(form, "ownerId");
    if (!ownerId) errors.ownerId = "Choose who will do it";
    const dueOn = readDate(form, "dueOn", "the date it is due", errors, true);
    if (Object.keys(errors).length) return failure(errors, form);
    const result = await attempt(form, () => context.api.quality.remedialActions.add({ findingId, description, ownerId, dueOn: dueOn! }), { description: "description", ownerId: "ownerId", dueOn: "dueOn" });
    return result.ok ? back("remedial") : result.response;
  }
  if (intent === "complete") {
    const result = await attempt(form, () => context.api.quality.remedialActions.complete({ remedialActionId: text(form, "remedialActionId") }));
    return result.ok ? back("completed") : result.response;
  }
  if (intent === "check") {
    const remedialActionId = text(form, "remedialActionId");
    const improved = text(form, `improved-${remedialActionId}`);
    if (improved !== "yes" && improved !== "no") return failure({ [`improved-${remedialActionId}`]: "Say whether the area improved" }, form);
    const result = await attempt(form, () => context.api.quality.remedialActions.checkImprovement({ remedialActionId, improved: improved === "yes" }));
    return result.ok ? back("checked") : result.response;
  }
  throw data("There is no such change.", { status: 400 });
}

export default function ReviewPage() {
  const { review, owners, done } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page
      breadcrumbs={[
        { to: "/audits", text: "Quality audits" },
        { to: `/audits/${review.sampleId}`, text: review.service.name },
      ]}
      errors={errors}
      caption="Quality audit"
      heading={<>Review of {review.reference}</>}
      banner={done ? (
        <NotificationBanner success heading={done} />
      ) : null}
    >
      <SummaryList
        rows={[
          { key: "Score", value: `${review.score} of ${review.maxScore} marks${review.percent === null ? "" : ` (${review.percent}%)`}` },
          { key: "Reviewed", value: `${formatDate(review.reviewedOn)} by ${review.names[review.reviewerId] ?? "a reviewer"}` },
          { key: "Officer who answered", value: review.handlerId ? (review.names[review.handlerId] ?? "Not known") : "Not recorded" },
          { key: "Case", value: <Link className="govuk-link" to={`/cases/${review.caseId}`}>{review.reference}</Link> },
        ]}
      />
      <Table caption="The checklist" captionSize="m" head={["Item", "Answer", "Weight", "Note"]} numeric={[2]} rows={review.answers.map((a) => [criterionLabel(a.criterion), a.answer === "not-met" ? <Tag colour="red">{ANSWER_LABELS[a.answer]}</Tag> : (ANSWER_LABELS[a.answer] ?? a.answer), a.weight, a.note ?? ""])} />

      <h2 className="govuk-heading-m">Findings</h2>
      {review.findings.length === 0 ? <p className="govuk-body">No findings.</p> : null}
      {review.findings.map((f, n) => (
        <SummaryCard key={f.id} title={`Finding ${n + 1}: ${RISK_LABELS[f.risk]} risk`}>
          <SummaryList
            rows={[
              { key: "Finding", value: f.finding },
              f.criterion ? { key: "Checklist item", value: criterionLabel(f.criterion) } : null,
              { key: "Sent", value: [f.sentToHandlerOn ? `to the officer on ${formatDate(f.sentToHandlerOn)}` : null, f.sentToHeadOfServiceOn ? `to the Head of Service on ${formatDate(f.sentToHeadOfServiceOn)}` : null].filter(Boolean).join("; ") || "Not sent (nobody to send it to)" },
            ]}
          />
          {f.remedialActions.length ? (
            <Table
              caption="Remedial actions"
              captionSize="s"
              head={["Action", "Owner", "Due", "Status"]}
              rows={f.remedialActions.map((a) => [
                a.description,
                review.names[a.ownerId] ?? "Not known",
                formatDate(a.dueOn),
                a.completedOn ? `Done ${formatDate(a.completedOn)}${a.improvementCheckedOn ? `; ${a.improved ? "improved" : "not improved"} (checked ${formatDate(a.improvementCheckedOn)})` : ""}` : a.overdue ? <Tag colour="red">Overdue</Tag> : "Open",
              ])}
            />
          ) : null}
          {f.remedialActions.map((a) =>
            a.canComplete ? (
              <PostForm key={`complete-${a.id}`}>
                <input type="hidden" name="intent" value="complete" />
                <input type="hidden" name="remedialActionId" value={a.id} />
                <Button variant="secondary">
                  Record as done<span className="govuk-visually-hidden">: {a.description}</span>
                </Button>
              </PostForm>
            ) : review.canReview && a.completedOn && !a.improvementCheckedOn ? (
              <PostForm key={`check-${a.id}`}>
                <input type="hidden" name="intent" value="check" />
                <input type="hidden" name="remedialActionId" value={a.id} />
                <Radios
                  name={`improved-${a.id}`}
                  legend={`A month on: has the area improved after "${a.description}"?`}
                  legendSize="s"
                  inline
                  items={[
                    { value: "yes", text: "Yes" },
                    { value: "no", text: "No" },
                  ]}
                  error={errors[`improved-${a.id}`]}
                />
                <Button variant="secondary">Record the check</Button>
              </PostForm>
            ) : null,
          )}
        </SummaryCard>
      ))}
      {review.canReview && review.findings.length ? (
        <PostForm>
          <input type="hidden" name="intent" value="remedial" />
          <h2 className="govuk-heading-m">Add a remedial action</h2>
          <Select name="findingId" label="For finding" labelSize="s" items={review.findings.map((f, n) => ({ value: f.id, text: `Finding ${n + 1}: ${f.finding.slice(0, 80)}` }))} error={errors.findingId} defaultValue={values.findingId} />
          <Textarea name="description" label="What will be done" labelSize="s" rows={2} error={errors.description} defaultValue={values.description} />
          <Select name="ownerId" label="Who will do it" labelSize="s" placeholder="Choose a person" items={owners.map((o) => ({ value: o.id, text: o.jobTitle ? `${o.name}, ${o.jobTitle}` : o.name }))} error={errors.ownerId} defaultValue={values.ownerId} />
          <DateInput name="dueOn" legend="By" legendSize="s" error={errors.dueOn} values={values} />
          <Button variant="secondary">Add the remedial action</Button>
        </PostForm>
      ) : null}
      {review.canReview ? (
        <PostForm>
          <input type="hidden" name="intent" value="finding" />
          <h2 className="govuk-heading-m">Add a finding</h2>
          <Textarea name="finding" label="What the check found" labelSize="s" rows={3} error={errors.finding} defaultValue={values.finding} />
          <RiskRadios error={errors.risk} defaultValue={values.risk} />
          <Button>Add the finding</Button>
        </PostForm>
      ) : null}
    </Page>
  );
}
