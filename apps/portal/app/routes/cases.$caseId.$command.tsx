import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText, SubmitOrCancel, Textarea, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { Fields } from "../components/fields";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { labelOr } from "../utils/labels";
import { loadCommandPage, runCommandAction } from "./cases.$caseId.$command.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.form.title} – ${data.case.reference}` : "Case action" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return loadCommandPage(context, request, params.caseId ?? "", params.command);
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return runCommandAction(context, request, params.caseId ?? "", params.command);
}

type LetterPlan = ReturnType<typeof useLoaderData<typeof loader>>["letters"]["plans"][number];

/** "We will email the acknowledgement to Jane Smith (jane@example.com), with the letter attached." */
function planSentence(plan: LetterPlan): string {
  const when = plan.when ? `${plan.when.replace(/^./, (ch) => ch.toUpperCase())}, we` : "We";
  const ways = plan.recipients.map((r) => (r.channel === "email" ? `email the ${plan.kindName} to ${r.name} (${r.email}), with the letter attached` : `post the ${plan.kindName} to ${r.name}`));
  if (plan.waitsFor.length) return `${when} will write the ${plan.kindName}, but it cannot go yet: it lacks ${plan.waitsFor.join("; ")}.`;
  const sentence = `${when} will ${ways.join(" and ")}.`;
  return plan.addressMissing ? `${sentence} There is no postal address on record, so the letter will wait until someone adds one.` : sentence;
}

export default function CommandPage() {
  const { case: c, form, allowed, options, idempotencyKey, letters, initial } = useLoaderData<typeof loader>();
  const state = useFormState();
  return (
    <Page
      back={{ to: `/cases/${c.id}`, text: `Back to ${c.reference}` }}
      narrow
      errors={state.errors}
      caption={<>{c.reference} · {labelOr(CASE_KIND_LABELS, c.kind)}{c.stage ? ` · ${c.stage}` : ""}</>}
      heading={form.title}
    >
      {!allowed ? (
        <>
          <InsetText>The rules for this case, or your role, do not allow this now.</InsetText>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/cases/${c.id}`}>
              See what you can do on {c.reference}
            </Link>
          </p>
        </>
      ) : (
        <PostForm>
          <input type="hidden" name="expectedVersion" value={c.version} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {form.intro ? <p className="govuk-body">{form.intro}</p> : null}
          <Fields fields={form.fields} state={{ ...state, values: { ...initial, ...state.values }, options }} />
          {letters.plans.length ? (
            <>
              <h2 className="govuk-heading-m">What we will send</h2>
              <ul className="govuk-list govuk-list--bullet">
                {letters.plans.map((plan) => (
                  <li key={plan.kind}>{planSentence(plan)}</li>
                ))}
              </ul>
              {letters.words.map((w) => (
                <Textarea key={w.name} name={w.name} label={w.label} labelSize="s" hint={w.hint} rows={4} error={state.errors[w.name]} defaultValue={state.values[w.name]} />
              ))}
            </>
          ) : null}
          {form.warning ? <WarningText>{form.warning}</WarningText> : null}
          <SubmitOrCancel cancelTo={`/cases/${c.id}`}>{form.button}</SubmitOrCancel>
        </PostForm>
      )}
    </Page>
  );
}
