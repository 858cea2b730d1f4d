import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, DateInput, InsetText, NotificationBanner, Radios, SubmitOrCancel, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { todayOf } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Equality monitoring form – Complaints case management" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  if (!UUID.test(caseId)) throw data("There is no such case.", { status: 404 });
  try {
    const [questions, form] = await Promise.all([context.api.equality.questions(), context.api.equality.hasForm({ caseId })]);
    const done = new URL(request.url).searchParams.get("done");
    return { caseId, questions, held: form.held, today: todayOf(context), done: done === "recorded" ? "The form has been stored apart from the case" : done === "withdrawn" ? "The answers have been deleted" : null };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 403 || d.status === 404) throw data(d.message, { status: d.status });
    throw error;
  }
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const form = await readForm(request, context);
  if (text(form, "intent") === "withdraw") {
    const result = await attempt(form, () => context.api.equality.withdraw({ caseId }));
    return result.ok ? redirect(`/cases/${caseId}/equality?done=withdrawn`, 303) : result.response;
  }
  const errors: Record<string, string> = {};
  if (text(form, "consent") !== "yes") errors.consent = "The form can only be kept with the customer's consent: confirm they gave it";
  const consentGivenOn = readDate(form, "consentGivenOn", "the date the customer gave consent", errors, true);
  if (Object.keys(errors).length) return failure(errors, form);
  const questions = await context.api.equality.questions();
  const answers = Object.fromEntries(questions.map((q) => [q.characteristic, text(form, q.characteristic) || null]));
  const result = await attempt(form, () => context.api.equality.record({ caseId, consentGivenOn: consentGivenOn!, answers }), { consentGivenOn: "consentGivenOn" });
  return result.ok ? redirect(`/cases/${caseId}/equality?done=recorded`, 303) : result.response;
}

export default function EqualityForm() {
  const { caseId, questions, held, today, done } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page
      back={{ to: `/cases/${caseId}`, text: "Back to the case" }}
      narrow
      errors={errors}
      heading="Equality monitoring form"
      banner={done ? (
        <NotificationBanner success heading={done} />
      ) : null}
    >
      <InsetText>
        Filling this in is the customer&apos;s choice and does not affect how their complaint is handled. Their answers are kept apart from the case: nobody working on it can see them, and they are only ever counted with others in the equality report.
      </InsetText>
      {held ? (
        <>
          <p className="govuk-body">A form is held for this complaint. Filling it in again replaces it.</p>
          <PostForm>
            <input type="hidden" name="intent" value="withdraw" />
            <WarningText>If the customer withdraws their consent, delete their answers.</WarningText>
            <Button variant="warning">Delete the answers</Button>
          </PostForm>
        </>
      ) : null}
      <PostForm>
        <input type="hidden" name="intent" value="record" />
        <Checkboxes name="consent" legend="Consent" legendSize="m" items={[{ value: "yes", text: "The customer agreed to the council keeping these answers for equality monitoring" }]} error={errors.consent} defaultValue={values.consent ? [values.consent] : []} />
        <DateInput name="consentGivenOn" legend="When they agreed" legendSize="s" error={errors.consentGivenOn} defaultValue={today} values={values} />
        <p className="govuk-body">Ask each question; leave it unanswered if the customer would rather not answer it.</p>
        {questions.map((q) => (
          <Radios key={q.characteristic} name={q.characteristic} legend={q.question} legendSize="s" small items={q.answers.map((a) => ({ value: a.code, text: a.label }))} error={errors[q.characteristic]} defaultValue={values[q.characteristic]} />
        ))}
        <SubmitOrCancel cancelTo={`/cases/${caseId}`}>Store the form</SubmitOrCancel>
      </PostForm>
    </Page>
  );
}
