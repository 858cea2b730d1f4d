import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateInput, Input, InsetText, Select, SubmitOrCancel, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { plansOrNotFound } from "./resolution-plans.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Make a resolution plan – ${data.reference}` : "Resolution plan" }];

const TASKS = [1, 2, 3] as const;
const CHECKPOINTS = [1, 2] as const;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const plans = await plansOrNotFound(context, params.caseId ?? "");
  const owners = plans.canPlan ? await context.api.improvement.owners() : [];
  return { caseId: plans.caseId, reference: plans.reference, canPlan: plans.canPlan, stages: plans.stages, owners };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const form = await readForm(request, context);
  const errors: Record<string, string> = {};
  const summary = text(form, "summary");
  if (!summary) errors.summary = "Say what the plan will put right";
  const ownerId = text(form, "ownerId");
  if (!ownerId) errors.ownerId = "Choose who owns the plan";
  const tasks: Array<{ description: string; ownerId: string; dueOn: string }> = [];
  for (const n of TASKS) {
    const description = text(form, `task${n}`);
    const owner = text(form, `task${n}Owner`);
    const dueOn = readDate(form, `task${n}Due`, `the date task ${n} is due`, errors, Boolean(description));
    if (description && !owner) errors[`task${n}Owner`] = `Choose who does task ${n}`;
    if (description && owner && dueOn) tasks.push({ description, ownerId: owner, dueOn });
  }
  if (tasks.length === 0 && !errors.task1Due && !errors.task1Owner) errors.task1 = "Give at least one task, with its owner and date";
  const checkpoints: Array<{ dueOn: string }> = [];
  for (const n of CHECKPOINTS) {
    const dueOn = readDate(form, `checkpoint${n}`, `the date of checkpoint ${n}`, errors, false);
    if (dueOn) checkpoints.push({ dueOn });
  }
  const stage = text(form, "stageSequence");
  if (Object.keys(errors).length) return failure(errors, form);
  const result = await attempt(form, () => context.api.resolutionPlans.create({ caseId, summary, ownerId, tasks, checkpoints, ...(stage ? { stageSequence: Number(stage) } : {}) }), { summary: "summary", ownerId: "ownerId", tasks: "task1" });
  if (!result.ok) return result.response;
  return redirect(`/cases/${caseId}/plans/${result.value.id}?done=created`, 303);
}

export default function NewPlan() {
  const { caseId, reference, canPlan, stages, owners } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const people = owners.map((o) => ({ value: o.id, text: o.jobTitle ? `${o.name}, ${o.jobTitle}` : o.name }));
  return (
    <Page back={{ to: `/cases/${caseId}`, text: `Back to ${reference}` }} narrow errors={errors} caption={reference} heading="Make a resolution plan">
      {!canPlan ? (
        <InsetText>Your role cannot make resolution plans on this case.</InsetText>
      ) : (
        <PostForm>
          <p className="govuk-body">For a complaint that needs several steps to put right: each task has an owner and a date, checkpoints catch drift, and once every task is done you ask the customer whether they are satisfied.</p>
          <Textarea name="summary" label="What the plan will put right" labelSize="s" rows={3} error={errors.summary} defaultValue={values.summary} />
          <Select name="ownerId" label="Who owns the plan" labelSize="s" placeholder="Choose a person" items={people} error={errors.ownerId} defaultValue={values.ownerId} />
          {stages.length > 1 ? <Select name="stageSequence" label="Stage" labelSize="s" items={stages.map((s) => ({ value: String(s.sequence), text: s.label }))} defaultValue={values.stageSequence ?? String(stages.at(-1)!.sequence)} /> : null}
          {TASKS.map((n) => (
            <fieldset key={n} className="govuk-fieldset govuk-!-margin-bottom-4">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Task {n}{n > 1 ? " (optional)" : ""}</legend>
              <Input name={`task${n}`} label="What will be done" error={errors[`task${n}`]} defaultValue={values[`task${n}`]} />
              <Select name={`task${n}Owner`} label="Who does it" placeholder="Choose a person" items={people} error={errors[`task${n}Owner`]} defaultValue={values[`task${n}Owner`]} />
              <DateInput name={`task${n}Due`} legend="By" error={errors[`task${n}Due`]} values={values} />
            </fieldset>
          ))}
          {CHECKPOINTS.map((n) => (
            <DateInput key={n} name={`checkpoint${n}`} legend={`Checkpoint ${n} (optional)`} legendSize="s" hint="A date to check the plan is on track" error={errors[`checkpoint${n}`]} values={values} />
          ))}
          <SubmitOrCancel cancelTo={`/cases/${caseId}`}>Make the plan</SubmitOrCancel>
        </PostForm>
      )}
    </Page>
  );
}
