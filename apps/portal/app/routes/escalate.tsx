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
import { HiddenProof, ProofFields, useFormErrors } from "../components/proof";
import { escalateInput } from "@complaints/core";
import { parseForm } from "../utils/form-schema.server";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { findCase, proofFrom, type CasePage, type FormErrors, type Proof } from "../utils/public.server";
import { languageOf } from "../utils/root.server";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";
import { dateIn, dueWords, EqualityOffer, stageName, whyNot } from "../components/public-case";
import { languageOfMatches, translator, useLanguage, useT, type MessageKey } from "../i18n";

/** Every word of the page is in the message files (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction = ({ matches }) => [{ title: `${translator(languageOfMatches(matches))("escalate.title")} – ${translator(languageOfMatches(matches))("layout.serviceName")}` }];

export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

type Result = Awaited<ReturnType<ActionFunctionArgs["context"]["api"]["public"]["escalate"]>>;
type View =
  | ({ view: "find"; values: Partial<Proof> } & FormErrors)
  | ({ view: "confirm"; page: CasePage; proof: Proof; idempotencyKey: string; reason: string; notice: MessageKey | null } & FormErrors)
  | { view: "done"; result: Result; proof: Proof };

const noErrors: FormErrors = { errors: {}, keys: {} };
/** The reason's own message, which a Welsh page shows for it (the checks' and the API's are English). */
const reasonKey = (late: boolean, given: string): MessageKey => (late && !given.trim() ? "escalate.error.lateReason" : "escalate.error.reason");

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const proof = proofFrom(form);
  const step = text(form, "_action");
  const late = step === "late";
  const show = async (errors: FormErrors, status: number, notice: MessageKey | null = null) => {
    const found = await findCase(context, form);
    if (!found.ok) return data<View>({ view: "find", errors: found.errors, keys: found.keys, values: proof }, { status: 200, headers: { "X-Form-Status": String(found.status) } });
    const view: View = { view: "confirm", page: found.page, proof, idempotencyKey: text(form, "idempotencyKey") || randomUUID(), ...errors, reason: text(form, "reason"), notice };
    return data<View>(view, status === 200 ? { status: 200 } : { status: 200, headers: { "X-Form-Status": String(status) } });
  };
  if (step !== "confirm" && !late) return show(noErrors, 200);

  const reasonError = (message: string): FormErrors => ({ errors: { reason: message }, keys: { reason: reasonKey(late, text(form, "reason")) } });
  const parsed = parseForm(form, escalateInput, {
    values: {
      reference: proof.reference,
      expectedVersion: Number(text(form, "version")) || 1,
      lateRequest: late,
      // The page's language, kept on the customer so our letters follow it (decision 0517); the
      // API keeps English where the council does not offer Welsh.
      language: languageOf(request, true),
      idempotencyKey: text(form, "idempotencyKey") || randomUUID(),
    },
  });
  if (!parsed.ok) return show({ errors: parsed.errors, keys: Object.fromEntries(Object.keys(parsed.errors).map((f) => [f, f === "reason" ? reasonKey(late, text(form, "reason")) : "escalate.error.form"])) }, 400);
  // A late request is for the complaints team to decide: this form asks why it is late.
  if (late && !parsed.value.reason) return show(reasonError("Tell us why you could not ask sooner"), 400);
  try {
    const result = await context.api.public.escalate(parsed.value);
    return data<View>({ view: "done", result, proof });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    // Someone (the complaints team) changed the case while this page was open: show it again.
    if (d.status === 409) return show(noErrors, 409, "escalate.changed");
    return show(d.fields.reason ? reasonError(d.fields.reason) : { errors: { _form: d.message }, keys: { _form: "escalate.error.form" } }, d.status);
  }
}

function Confirm({ view }: { view: Extract<View, { view: "confirm" }> }) {
  const t = useT();
  const language = useLanguage();
  const errors = useFormErrors(view);
  const { page, proof } = view;
  const escalation = page.escalation;
  const to = stageName(language, t, escalation.to);
  const help = phoneOrEmail(page.council, false, t);
  const carry = (
    <>
      <HiddenProof proof={proof} />
      <input type="hidden" name="version" value={page.version} />
      <input type="hidden" name="idempotencyKey" value={view.idempotencyKey} />
    </>
  );
  const current = page.stage ? stageName(language, t, page.stage) : null;
  return (
    <>
      <ErrorSummary errors={errors} />
      {view.notice ? <InsetText>{t(view.notice)}</InsetText> : null}
      <span className="govuk-caption-l">{page.reference}</span>
      {escalation.possible ? (
        <>
          <h1 className="govuk-heading-l">{t("escalate.heading", { stage: to })}</h1>
          <p className="govuk-body">
            {current ? `${page.stage?.respondedOn ? t("escalate.sent.on", { stage: current, date: dateIn(language, page.stage.respondedOn) }) : t("escalate.sent", { stage: current })} ` : ""}
            {t("escalate.again", { stage: to })}
          </p>
          <PostForm>
            {carry}
            <Textarea name="reason" label={t("escalate.reason")} labelSize="m" hint={t("escalate.reason.hint")} rows={6} error={errors.reason} defaultValue={view.reason} />
            <Button name="_action" value="confirm">
              {t("escalate.heading", { stage: to })}
            </Button>
          </PostForm>
        </>
      ) : escalation.lateRequest ? (
        <>
          <h1 className="govuk-heading-l">{t("escalate.late.heading", { stage: to })}</h1>
          <p className="govuk-body">{whyNot(language, t, escalation, page.council)}</p>
          <PostForm>
            {carry}
            <Textarea name="reason" label={t("escalate.late.reason")} labelSize="m" rows={6} error={errors.reason} defaultValue={view.reason} />
            <Button name="_action" value="late">
              {t("escalate.late.send")}
            </Button>
          </PostForm>
        </>
      ) : (
        <>
          <h1 className="govuk-heading-l">{t("escalate.cannot.heading")}</h1>
          <p className="govuk-body" id="escalation-why">
            {whyNot(language, t, escalation, page.council)}
          </p>
          {help ? (
            <p className="govuk-body">
              {t("complain.sent.help").split("{contact}")[0]}
              {help}
              {t("complain.sent.help").split("{contact}")[1]}
            </p>
          ) : null}
        </>
      )}
    </>
  );
}

function Done({ result, proof }: { result: Result; proof: Proof }) {
  const t = useT();
  const language = useLanguage();
  if (result.outcome === "late-request-recorded") {
    return (
      <>
        <Panel title={t("escalate.done.lateTitle")}>
          {t("complain.sent.reference")}
          <br />
          <strong>{result.reference}</strong>
        </Panel>
        <h2 className="govuk-heading-m">{t("complain.sent.next")}</h2>
        <p className="govuk-body">{t("escalate.done.late", { phone: result.council.phone })}</p>
      </>
    );
  }
  return (
    <>
      <Panel title={t("escalate.done.title", { stage: stageName(language, t, result.stage) })}>
        {t("complain.sent.reference")}
        <br />
        <strong>{result.reference}</strong>
      </Panel>
      <h2 className="govuk-heading-m">{t("complain.sent.next")}</h2>
      <ul className="govuk-list govuk-list--bullet" id="next-dates">
        {result.dates.map((d) => (
          <li key={`${d.kind}-${d.date}`}>
            {dueWords(language, t, d)} <strong>{dateIn(language, d.date, true)}</strong>
          </li>
        ))}
      </ul>
      <p className="govuk-body">
        <Link className="govuk-link" to="/track">
          {t("escalate.done.track")}
        </Link>
      </p>
      <EqualityOffer proof={proof} />
    </>
  );
}

export default function Escalate() {
  const view = useActionData<typeof action>() as View | undefined;
  const t = useT();
  const errors = useFormErrors(view?.view === "find" ? view : undefined);
  return (
    <Page narrow>
      {view?.view === "confirm" ? (
        <Confirm view={view} />
      ) : view?.view === "done" ? (
        <Done result={view.result} proof={view.proof} />
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">{t("escalate.title")}</h1>
          <p className="govuk-body">{t("escalate.intro")}</p>
          <PostForm>
            <ProofFields errors={errors} values={view?.view === "find" ? view.values : {}} />
            <Button name="_action" value="find">
              {t("common.continue")}
            </Button>
          </PostForm>
        </>
      )}
    </Page>
  );
}
