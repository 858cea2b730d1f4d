import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, InsetText, Radios, Select, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { formatDate } from "../utils/labels";
import { Page } from "../components/page";
import { ANSWER_LABELS } from "../utils/audits";
import { RiskRadios } from "../components/audits";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `Review ${d.reference} – Quality audits` : "Review" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const GROUPS = { content: "What the letters must contain", timeliness: "On time", quality: "Quality of the response" } as const;

function refOf(params: LoaderFunctionArgs["params"]) {
  const stageSequence = Number(params.stage);
  if (!UUID.test(params.sampleId ?? "") || !UUID.test(params.caseId ?? "") || !Number.isInteger(stageSequence) || stageSequence < 1) throw data("There is no such response in the sample.", { status: 404 });
  return { sampleId: params.sampleId!, caseId: params.caseId!, stageSequence };
}

/** Radio names cannot hold every character of a checklist id: number them. */
const fieldOf = (i: number) => `c${i}`;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const ref = refOf(params);
  try {
    const found = await context.api.quality.rubric(ref);
    if (found.reviewId) throw redirect(`/audits/reviews/${found.reviewId}`);
    return { ...ref, reference: found.reference, stageId: found.stageId, respondedOn: found.respondedOn, criteria: found.rubric.criteria };
  } catch (error) {
    if (error instanceof Response) throw error;
    const d = describeApiError(error);
    if (d.status === 404 || d.status === 403) throw data(d.message, { status: d.status });
    throw error;
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const ref = refOf(params);
  const form = await readForm(request, context);
  const { rubric } = await context.api.quality.rubric(ref);
  const errors: Record<string, string> = {};
  const answers: Record<string, { answer: "met" | "not-met" | "not-applicable" }> = {};
  rubric.criteria.forEach((c, i) => {
    const given = text(form, fieldOf(i));
    if (given === "met" || given === "not-met" || given === "not-applicable") answers[c.id] = { answer: given };
    else if (!c.auto) errors[fieldOf(i)] = `Answer "${c.description}"`;
  });
  const finding = text(form, "finding");
  const risk = text(form, "risk");
  const criterionIndex = text(form, "criterion");
  if (finding && !["high", "medium", "low"].includes(risk)) errors.risk = "Choose how serious the finding is";
  if (!finding && risk) errors.finding = "Describe the finding, or leave the risk unchosen";
  if (Object.keys(errors).length) return failure(errors, form);
  const criterion = criterionIndex ? (rubric.criteria[Number(criterionIndex)]?.id ?? null) : null;
  const result = await attempt(form, () =>
    context.api.quality.review({ ...ref, answers, ...(finding ? { findings: [{ finding, risk: risk as "high" | "medium" | "low", criterion }] } : {}) }),
  );
  if (!result.ok) return result.response;
  return redirect(`/audits/reviews/${result.value.reviewId}?done=reviewed`, 303);
}

export default function Review() {
  const { sampleId, caseId, reference, stageId, respondedOn, criteria } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page
      back={{ to: `/audits/${sampleId}`, text: "Back to the sample" }}
      narrow
      errors={errors}
      caption={<>Quality audit · {stageId === "stage-2" ? "Stage 2" : "Stage 1"} response{respondedOn ? ` of ${formatDate(respondedOn)}` : ""}</>}
      heading={<>Review {reference}</>}
    >
      <InsetText>
        Answers already chosen come from the record (the dates, and the letters as issued). Change them if the record is wrong. Read the case first:{" "}
        <Link className="govuk-link" to={`/cases/${caseId}`}>
          open {reference}
        </Link>
        .
      </InsetText>
      <PostForm>
        {(Object.keys(GROUPS) as Array<keyof typeof GROUPS>).map((group) => {
          const mine = criteria.map((c, i) => ({ c, i })).filter(({ c }) => c.group === group);
          if (mine.length === 0) return null;
          return (
            <div key={group}>
              <h2 className="govuk-heading-m">{GROUPS[group]}</h2>
              {mine.map(({ c, i }) => (
                <Radios
                  key={c.id}
                  name={fieldOf(i)}
                  legend={c.description}
                  legendSize="s"
                  inline
                  small
                  hint={
                    <>
                      {c.auto ? <>From the record: {c.auto.because}. </> : null}
                      <span className="govuk-body-s">Source: {c.source}. Weight {c.weight}.</span>
                    </>
                  }
                  items={Object.entries(ANSWER_LABELS).map(([value, text]) => ({ value, text }))}
                  error={errors[fieldOf(i)]}
                  defaultValue={values[fieldOf(i)] ?? c.auto?.answer ?? null}
                />
              ))}
            </div>
          );
        })}
        <h2 className="govuk-heading-m">Finding</h2>
        <p className="govuk-hint">Optional. A finding goes to the officer who answered and to the Head of Service.</p>
        <Textarea name="finding" label="What the check found" labelSize="s" rows={3} error={errors.finding} defaultValue={values.finding} />
        <Select name="criterion" label="Checklist item it is about" labelSize="s" placeholder="None in particular" items={criteria.map((c, i) => ({ value: String(i), text: c.description }))} defaultValue={values.criterion} />
        <RiskRadios error={errors.risk} defaultValue={values.risk} />
        <Button>Save the review</Button>
      </PostForm>
    </Page>
  );
}
