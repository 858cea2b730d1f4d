/**
 * Ask for the next stage: reference and tracking code, then, if core allows it now, a
 * confirmation with an optional reason (Housing Ombudsman code 6.12: the resident need not
 * give one). Core's refusal is put in plain words; after the time to ask, where the rules
 * let the council use its discretion, the resident can send a late request with their reason
 * for the complaints team to decide. The page carries the case's version: if the case changed
 * meanwhile, the resident is shown it again rather than acting on an old page.
 */
import { randomUUID } from "node:crypto";
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, InsetText, Panel, Textarea } from "../components/govuk";
import { PostForm } from "../components/form";
import { HiddenProof, ProofFields } from "../components/proof";
import { escalateInput } from "@complaints/core";
import { parseForm } from "../utils/form-schema.server";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { findCase, proofFrom, type CasePage, type Proof } from "../utils/public.server";
import { formatDate } from "../utils/labels";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";

export const meta: MetaFunction = () => [{ title: "Ask for the next stage of your complaint – Complaints, compliments and comments" }];

export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

type Result = Awaited<ReturnType<ActionFunctionArgs["context"]["api"]["public"]["escalate"]>>;
type View =
  | { view: "find"; errors: Record<string, string>; values: Partial<Proof> }
  | { view: "confirm"; page: CasePage; proof: Proof; idempotencyKey: string; errors: Record<string, string>; reason: string; notice: string | null }
  | { view: "done"; result: Result };

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const proof = proofFrom(form);
  const step = text(form, "_action");
  const show = async (errors: Record<string, string>, status: number, notice: string | null = null) => {
    const found = await findCase(context, form);
    if (!found.ok) return data<View>({ view: "find", errors: found.errors, values: proof }, { status: 200, headers: { "X-Form-Status": String(found.status) } });
    const view: View = { view: "confirm", page: found.page, proof, idempotencyKey: text(form, "idempotencyKey") || randomUUID(), errors, reason: text(form, "reason"), notice };
    return data<View>(view, status === 200 ? { status: 200 } : { status: 200, headers: { "X-Form-Status": String(status) } });
  };
  if (step !== "confirm" && step !== "late") return show({}, 200);

  const parsed = parseForm(form, escalateInput, {
    values: { reference: proof.reference, expectedVersion: Number(text(form, "version")) || 1, lateRequest: step === "late", idempotencyKey: text(form, "idempotencyKey") || randomUUID() },
  });
  if (!parsed.ok) return show(parsed.errors, 400);
  // A late request is for the complaints team to decide: this form asks why it is late.
  if (step === "late" && !parsed.value.reason) return show({ reason: "Tell us why you could not ask sooner" }, 400);
  try {
    const result = await context.api.public.escalate(parsed.value);
    return data<View>({ view: "done", result });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    // Someone (the complaints team) changed the case while this page was open: show it again.
    if (d.status === 409) return show({}, 409, "Your complaint has changed since you opened this page. Check it below, then ask again if you still want to.");
    return show(d.fields.reason ? { reason: d.fields.reason } : { _form: d.message }, d.status);
  }
}

function Confirm({ view }: { view: Extract<View, { view: "confirm" }> }) {
  const { page, proof } = view;
  const escalation = page.escalation;
  const carry = (
    <>
      <HiddenProof proof={proof} />
      <input type="hidden" name="version" value={page.version} />
      <input type="hidden" name="idempotencyKey" value={view.idempotencyKey} />
    </>
  );
  return (
    <>
      <ErrorSummary errors={view.errors} />
      {view.notice ? <InsetText>{view.notice}</InsetText> : null}
      <span className="govuk-caption-l">{page.reference}</span>
      {escalation.possible ? (
        <>
          <h1 className="govuk-heading-l">Ask for {escalation.toStage}</h1>
          <p className="govuk-body">
            {page.stage ? `We sent our ${page.stage.label} response${page.stage.respondedOn ? ` on ${formatDate(page.stage.respondedOn)}` : ""}. ` : ""}If you are unhappy with it, we will look at your complaint again at {escalation.toStage}.
          </p>
          <PostForm>
            {carry}
            <Textarea name="reason" label="Why are you still unhappy? (optional)" labelSize="m" hint="You do not have to give a reason. If you do, it helps us to look at what matters to you." rows={6} error={view.errors.reason} defaultValue={view.reason} />
            <Button name="_action" value="confirm">
              Ask for {escalation.toStage}
            </Button>
          </PostForm>
        </>
      ) : escalation.lateRequest ? (
        <>
          <h1 className="govuk-heading-l">Ask for {escalation.lateRequest.toStage} after the time to ask</h1>
          <p className="govuk-body">{escalation.why}</p>
          <PostForm>
            {carry}
            <Textarea name="reason" label="Why could you not ask sooner?" labelSize="m" rows={6} error={view.errors.reason} defaultValue={view.reason} />
            <Button name="_action" value="late">
              Send your request
            </Button>
          </PostForm>
        </>
      ) : (
        <>
          <h1 className="govuk-heading-l">You cannot ask for the next stage online</h1>
          <p className="govuk-body" id="escalation-why">
            {escalation.why}
          </p>
          {phoneOrEmail(page.council) ? <p className="govuk-body">If you need help, {phoneOrEmail(page.council)}.</p> : null}
        </>
      )}
    </>
  );
}

function Done({ result }: { result: Result }) {
  if (result.outcome === "late-request-recorded") {
    return (
      <>
        <Panel title="Request sent">
          Your reference
          <br />
          <strong>{result.reference}</strong>
        </Panel>
        <h2 className="govuk-heading-m">What happens next</h2>
        <p className="govuk-body">The complaints team will decide whether to look at your complaint again, and will tell you. If you need to talk to them, phone {result.council.phone}.</p>
      </>
    );
  }
  return (
    <>
      <Panel title={`Your complaint has gone to ${result.stage?.label ?? "the next stage"}`}>
        Your reference
        <br />
        <strong>{result.reference}</strong>
      </Panel>
      <h2 className="govuk-heading-m">What happens next</h2>
      <ul className="govuk-list govuk-list--bullet" id="next-dates">
        {result.dates.map((d) => (
          <li key={`${d.kind}-${d.date}`}>
            {d.what} <strong>{formatDate(d.date, true)}</strong>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to="/track">
          Check how your complaint is going
        </Link>
      </p>
    </>
  );
}

export default function Escalate() {
  const view = useActionData<typeof action>() as View | undefined;
  return (
    <Page narrow>
      {view?.view === "confirm" ? (
        <Confirm view={view} />
      ) : view?.view === "done" ? (
        <Done result={view.result} />
      ) : (
        <>
          <ErrorSummary errors={view?.errors} />
          <h1 className="govuk-heading-l">Ask for the next stage of your complaint</h1>
          <p className="govuk-body">If you are unhappy with our response to your complaint, you can ask us to look at it again at the next stage. You do not have to give a reason.</p>
          <PostForm>
            <ProofFields errors={view?.errors ?? {}} values={view?.values ?? {}} />
            <Button name="_action" value="find">
              Continue
            </Button>
          </PostForm>
        </>
      )}
    </Page>
  );
}
