import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, ButtonGroup, InsetText, SubmitOrCancel, SummaryList, Textarea, WarningText } from "../components/govuk";
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

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
type LetterPlan = LoaderData["letters"]["plans"][number];
type ApprovalView = LoaderData["approvals"][number];

/** A request for approval where it stands, in words (decision 0324). */
function ApprovalStatus({ a }: { a: ApprovalView }) {
  if (a.status === "waiting") {
    return (
      <InsetText>
        <strong>Waiting for approval:</strong> {a.summary}. {a.asked}. It goes as proposed once it is approved; you will be told of the decision.
      </InsetText>
    );
  }
  if (a.status === "refused") {
    return (
      <WarningText>
        Not approved: {a.summary}. {a.decided}: {a.reason}
      </WarningText>
    );
  }
  return (
    <InsetText>
      <strong>Approved:</strong> {a.summary}. {a.decided}.
    </InsetText>
  );
}

/** What the approver decides on: what was asked for, by whom, and the response proposed. */
function ApprovalRequestSummary({ a }: { a: ApprovalView }) {
  return (
    <SummaryList
      rows={[
        { key: "Asked for", value: a.summary },
        { key: "By", value: a.asked },
        a.note ? { key: "Note", value: a.note } : null,
        a.proposal ? { key: "Outcome", value: a.proposal.outcome } : null,
        a.proposal ? { key: "Reasons", value: a.proposal.reasons } : null,
      ]}
    />
  );
}

/** "We will email the acknowledgement to Jane Smith (jane@example.com), with the letter attached." */
function planSentence(plan: LetterPlan): string {
  const when = plan.when ? `${plan.when.replace(/^./, (ch) => ch.toUpperCase())}, we` : "We";
  const ways = plan.recipients.map((r) => (r.channel === "email" ? `email the ${plan.kindName} to ${r.name} (${r.email}), with the letter attached` : `post the ${plan.kindName} to ${r.name}`));
  if (plan.waitsFor.length) return `${when} will write the ${plan.kindName}, but it cannot go yet: it lacks ${plan.waitsFor.join("; ")}.`;
  const sentence = `${when} will ${ways.join(" and ")}.`;
  return plan.addressMissing ? `${sentence} There is no postal address on record, so the letter will wait until someone adds one.` : sentence;
}

export default function CommandPage() {
  const { case: c, form, allowed, options, idempotencyKey, letters, approvals, defaults, command } = useLoaderData<typeof loader>();
  const state = useFormState();
  // A refused proposal fills the form again, to change; after a failed post, what was typed.
  const values = Object.keys(state.values).length ? state.values : (defaults as Record<string, string>);
  const waiting = command === "respond" ? approvals.find((a) => a.status === "waiting") : undefined;
  const approved = command === "respond" ? approvals.find((a) => a.status === "approved") : undefined;
  const letterWords = letters.words.map((w) => <Textarea key={w.name} name={w.name} label={w.label} labelSize="s" hint={w.hint} rows={4} error={state.errors[w.name]} defaultValue={state.values[w.name]} />);
  const letterPlan = letters.plans.length ? (
    <>
      <h2 className="govuk-heading-m">What we will send</h2>
      <ul className="govuk-list govuk-list--bullet">
        {letters.plans.map((plan) => (
          <li key={plan.kind}>{planSentence(plan)}</li>
        ))}
      </ul>
      {letterWords}
    </>
  ) : null;
  return (
    <Page
      back={{ to: `/cases/${c.id}`, text: `Back to ${c.reference}` }}
      narrow
      errors={state.errors}
      caption={<>{c.reference} · {labelOr(CASE_KIND_LABELS, c.kind)}{c.stage ? ` · ${c.stage}` : ""}</>}
      heading={form.title}
    >
      {command !== "decide-approval" ? approvals.map((a) => <ApprovalStatus key={a.id} a={a} />) : null}
      {!allowed ? (
        <>
          <InsetText>The rules for this case, or your role, do not allow this now.</InsetText>
          <p className="govuk-body">
            <Link className="govuk-link" to={`/cases/${c.id}`}>
              See what you can do on {c.reference}
            </Link>
          </p>
        </>
      ) : waiting ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${c.id}`}>
            Back to {c.reference}
          </Link>
        </p>
      ) : approved ? (
        <PostForm>
          <input type="hidden" name="expectedVersion" value={c.version} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          <input type="hidden" name="intent" value="send-approved" />
          <input type="hidden" name="approvalId" value={approved.id} />
          {approved.proposal ? (
            <SummaryList
              rows={[
                { key: "Outcome", value: approved.proposal.outcome },
                { key: "Reasons", value: approved.proposal.reasons },
                { key: "Remedies", value: approved.summary },
              ]}
            />
          ) : null}
          {letterPlan}
          <SubmitOrCancel cancelTo={`/cases/${c.id}`}>Send the approved response</SubmitOrCancel>
        </PostForm>
      ) : (
        <PostForm>
          <input type="hidden" name="expectedVersion" value={c.version} />
          <input type="hidden" name="idempotencyKey" value={idempotencyKey} />
          {form.intro ? <p className="govuk-body">{form.intro}</p> : null}
          {command === "decide-approval" ? approvals.map((a) => <ApprovalRequestSummary key={a.id} a={a} />) : null}
          <Fields fields={form.fields} state={{ ...state, values, options }} />
          {letterPlan}
          {form.warning ? <WarningText>{form.warning}</WarningText> : null}
          {form.alternative ? (
            <>
              <p className="govuk-body">{form.alternative.hint}</p>
              <ButtonGroup>
                <Button>{form.button}</Button>
                <Button variant="secondary" name="intent" value={form.alternative.intent}>
                  {form.alternative.button}
                </Button>
                <Link className="govuk-link" to={`/cases/${c.id}`}>
                  Cancel
                </Link>
              </ButtonGroup>
            </>
          ) : (
            <SubmitOrCancel cancelTo={`/cases/${c.id}`}>{form.button}</SubmitOrCancel>
          )}
        </PostForm>
      )}
    </Page>
  );
}
