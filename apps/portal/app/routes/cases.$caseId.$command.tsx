import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText, SubmitOrCancel, WarningText } from "../components/govuk";
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

export default function CommandPage() {
  const { case: c, form, allowed, options, idempotencyKey } = useLoaderData<typeof loader>();
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
          <Fields fields={form.fields} state={{ ...state, options }} />
          {form.warning ? <WarningText>{form.warning}</WarningText> : null}
          <SubmitOrCancel cancelTo={`/cases/${c.id}`}>{form.button}</SubmitOrCancel>
        </PostForm>
      )}
    </Page>
  );
}
