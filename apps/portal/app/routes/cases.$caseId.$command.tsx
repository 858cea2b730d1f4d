import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ButtonGroup, InsetText, SubmitOrCancel, SummaryList, Textarea, WarningText } from "../components/govuk";
import { formatDate } from "../utils/labels";
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

type ExtensionPreview = { stage: string; dueBefore: string | null; dueAfter: string; maxWorkingDays: number; usedAfter: number; leftAfter: number };

/**
 * Check before extending (issue 16): the new date and the days left are core's (the API ran the
 * step on a copy of the case), with what will be sent. The answers go again, hidden, with
 * `confirm`; "Change" posts them back to the form.
 */
function CheckExtension({ preview, values, letters, cancelTo }: { preview: ExtensionPreview; values: Record<string, string>; letters: LetterPlan[]; cancelTo: string }) {
  const days = Number(values.workingDays);
  return (
    <PostForm>
      {Object.entries(values).map(([name, value]) => (name === "confirm" || name === "change" ? null : <input key={name} type="hidden" name={name} value={value} />))}
      <SummaryList
        rows={[
          { key: "Stage", value: preview.stage },
          { key: "Response due now", value: preview.dueBefore ? formatDate(preview.dueBefore, true) : "No date" },
          { key: "New response date", value: <strong>{formatDate(preview.dueAfter, true)}</strong> },
          { key: "Working days added", value: `${days} ${days === 1 ? "working day" : "working days"}` },
          { key: "Extension left after this", value: `${preview.leftAfter} of ${preview.maxWorkingDays} working days` },
          { key: "Reason (the customer is told it)", value: values.reason ?? "" },
        ]}
      />
      <h2 className="govuk-heading-m">What we will send</h2>
      {letters.length ? (
        <ul className="govuk-list govuk-list--bullet">
          {letters.map((plan) => (
            <li key={plan.kind}>{planSentence(plan)}</li>
          ))}
        </ul>
      ) : (
        <p className="govuk-body">Nothing: the customer has no address to write to.</p>
      )}
      <ButtonGroup>
        <Button name="confirm" value="yes">
          Extend the deadline
        </Button>
        <Button name="change" value="yes" variant="secondary">
          Change the extension
        </Button>
        <Link className="govuk-link" to={cancelTo}>
          Cancel
        </Link>
      </ButtonGroup>
    </PostForm>
  );
}

export default function CommandPage() {
  const { case: c, form, allowed, options, idempotencyKey, letters, initial, approvals, defaults, command } = useLoaderData<typeof loader>();
  const state = useFormState();
  const action = useActionData() as { ok?: unknown; preview?: ExtensionPreview; values?: Record<string, string> } | undefined;
  const preview = action?.ok === "preview" && action.preview ? { preview: action.preview, values: action.values ?? {} } : null;
  if (preview) {
    return (
      <Page back={{ to: `/cases/${c.id}`, text: `Back to ${c.reference}` }} narrow caption={<>{c.reference} · {labelOr(CASE_KIND_LABELS, c.kind)}{c.stage ? ` · ${c.stage}` : ""}</>} heading="Check the extension before you make it">
        <CheckExtension preview={preview.preview} values={preview.values} letters={letters.plans} cancelTo={`/cases/${c.id}`} />
      </Page>
    );
  }
  // A correction starts from the record, a refused proposal fills the form again to change; after a failed post, what was typed.
  const values = Object.keys(state.values).length ? state.values : { ...initial, ...(defaults as Record<string, string>) };
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
