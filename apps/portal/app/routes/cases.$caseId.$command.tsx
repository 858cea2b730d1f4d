import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BackLink, Button, Caption, InsetText, WarningText } from "../components/govuk";
import { FormErrorSummary, PostForm, useFormState } from "../components/form";
import { Fields } from "../components/fields";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { labelOr } from "../utils/labels";
import { loadCommandPage, runCommandAction } from "./cases.$caseId.$command.server";

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
    <>
      <BackLink to={`/cases/${c.id}`}>Back to {c.reference}</BackLink>
      <main className="govuk-main-wrapper" id="main-content">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <FormErrorSummary />
            <Caption>
              {c.reference} · {labelOr(CASE_KIND_LABELS, c.kind)}
              {c.stage ? ` · ${c.stage}` : ""}
            </Caption>
            <h1 className="govuk-heading-l">{form.title}</h1>
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
                <div className="govuk-button-group">
                  <Button>{form.button}</Button>
                  <Link className="govuk-link" to={`/cases/${c.id}`}>
                    Cancel
                  </Link>
                </div>
              </PostForm>
            )}
          </div>
        </div>
      </main>
    </>
  );
}
