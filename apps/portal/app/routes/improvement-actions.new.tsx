import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { DateInput, Input, Select, SubmitOrCancel, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { Page } from "../components/page";
import { useExampleReference } from "../components/proof";

export const meta: MetaFunction = () => [{ title: "Agree an improvement action – Complaints case management" }];

const MILESTONES = [1, 2, 3] as const;

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const owners = await context.api.improvement.owners();
  return { owners, reference: new URL(request.url).searchParams.get("case") ?? "" };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireStaff(context, request);
  const form = await readForm(request, context);
  const errors: Record<string, string> = {};
  const reference = text(form, "reference");
  if (!reference) errors.reference = "Enter the reference of the case the lesson came from";
  const description = text(form, "description");
  if (!description) errors.description = "Enter what will be improved";
  else if (description.length > 2000) errors.description = "Keep it under 2,000 characters";
  const ownerId = text(form, "ownerId");
  if (!ownerId) errors.ownerId = "Choose who owns the action";
  const dueOn = readDate(form, "dueOn", "the date it is due", errors, true);
  const milestones: Array<{ description: string; dueOn: string }> = [];
  for (const n of MILESTONES) {
    const what = text(form, `milestone${n}`);
    const when = readDate(form, `milestone${n}Due`, `the date of milestone ${n}`, errors, Boolean(what));
    if (when && !what) errors[`milestone${n}`] = `Enter what milestone ${n} is`;
    if (what && when) milestones.push({ description: what, dueOn: when });
  }
  if (Object.keys(errors).length) return failure(errors, form);

  const hits = await context.api.search.cases({ reference, status: "any", limit: 5 });
  const hit = hits.find((h) => h.reference.toLowerCase() === reference.toLowerCase());
  if (!hit) return failure({ reference: `There is no case ${reference} that you can see` }, form);
  const result = await attempt(form, () => context.api.improvement.create({ caseId: hit.id, description, ownerId, dueOn: dueOn!, milestones }), { caseId: "reference", "milestones.0.dueOn": "milestone1Due" });
  if (!result.ok) return result.response;
  const { caseId, stageSequence, actionId } = result.value;
  return redirect(`/improvement-actions/${caseId}/${stageSequence}/${encodeURIComponent(actionId)}?done=created`, 303);
}

export default function NewImprovementAction() {
  const { owners, reference } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const example = useExampleReference();
  return (
    <Page back={{ to: "/improvement-actions", text: "Back to improvement actions" }} narrow errors={errors} heading="Agree an improvement action">
      <p className="govuk-body">An improvement action follows from a complaint that has been answered: it belongs to that complaint&apos;s lesson, and shows on its timeline.</p>
      <PostForm>
        <Input name="reference" label="Case reference" labelSize="s" hint={`For example, ${example}`} width="20" spellCheck={false} error={errors.reference} defaultValue={values.reference ?? reference} />
        <Textarea name="description" label="What will be improved" labelSize="s" rows={3} error={errors.description} defaultValue={values.description} />
        <Select name="ownerId" label="Owner" labelSize="s" placeholder="Choose a person" items={owners.map((o) => ({ value: o.id, text: o.jobTitle ? `${o.name}, ${o.jobTitle}` : o.name }))} error={errors.ownerId} defaultValue={values.ownerId} />
        <DateInput name="dueOn" legend="Due by" legendSize="s" hint="For example, 31 7 2026" error={errors.dueOn} values={values} />
        <h2 className="govuk-heading-m govuk-!-margin-top-6">Milestones</h2>
        <p className="govuk-hint">Optional: the steps on the way, so progress can be tracked.</p>
        {MILESTONES.map((n) => (
          <fieldset key={n} className="govuk-fieldset govuk-!-margin-bottom-4">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Milestone {n}</legend>
            <Input name={`milestone${n}`} label="What it is" width="two-thirds" error={errors[`milestone${n}`]} defaultValue={values[`milestone${n}`]} />
            <DateInput name={`milestone${n}Due`} legend="By" error={errors[`milestone${n}Due`]} values={values} />
          </fieldset>
        ))}
        <SubmitOrCancel cancelTo="/improvement-actions">Agree the action</SubmitOrCancel>
      </PostForm>
    </Page>
  );
}
