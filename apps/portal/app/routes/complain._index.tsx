import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { Button, Checkboxes, Input, InsetText, Panel, Radios, Select, Textarea } from "../components/govuk";
import { PostForm } from "../components/form";
import { formatDate } from "../utils/labels";
import { ANSWER_FIELDS, STEP_FIELDS, contactWays, stepsFor, type Answers, type Step } from "../utils/complain";
import { complainAction, loadComplain, type ComplainView, type Receipt } from "./complain.server";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";
import { EqualityOffer } from "../components/public-case";
import { formatDateIn, languageOfMatches, translator, useLanguage, useT, type MessageKey, type Translate } from "../i18n";

/** Every word of this page is in the message files: shown in Welsh when chosen (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction = ({ matches }) => [{ title: `${translator(languageOfMatches(matches))("complain.title")} – Council` }];

export async function loader({ context }: LoaderFunctionArgs) {
  return loadComplain(context);
}

export async function action({ context, request }: ActionFunctionArgs) {
  return complainAction(context, request);
}

type Services = Awaited<ReturnType<typeof loader>>["services"];

type Kind = "complaint" | "compliment" | "comment";
const kindOf = (kind: string | undefined): Kind => (kind === "compliment" || kind === "comment" ? kind : "complaint");
/** "complaint" / "cwyn": what the resident is sending, in the page's language. */
const nounOf = (t: Translate, kind: string | undefined) => t(`complain.noun.${kindOf(kind)}`);

/** The question each step asks: its heading and the page's title. */
function question(t: Translate, step: Step, a: Answers): string {
  const noun = nounOf(t, a.kind);
  const other = a.kind === "complaint" ? "complaint" : "other";
  switch (step) {
    case "kind":
      return t("complain.q.kind");
    case "service":
      return t("complain.q.service", { noun });
    case "description":
      return t(`complain.q.description.${other}`);
    case "outcome":
      return t("complain.q.outcome");
    case "name":
      return t(`complain.q.name.${other}`);
    case "contact":
      return t("complain.q.contact");
    case "check":
      return t("complain.q.check", { noun });
  }
}

/**
 * The form's messages in the page's language: in Welsh, each field's own Welsh message (the
 * checks and the API answer in English: decision 0517).
 */
function translateErrors(t: Translate, welsh: boolean, errors: Record<string, string>): Record<string, string> {
  if (!welsh) return errors;
  return Object.fromEntries(Object.keys(errors).map((field) => [field, field === "_form" ? t("complain.error.form") : t((`complain.error.${field}` in WELSH_FIELD_ERRORS ? `complain.error.${field}` : "complain.error.form") as MessageKey)]));
}
const WELSH_FIELD_ERRORS = Object.fromEntries(["kind", "service", "description", "desiredOutcome", "replyWanted", "fullName", "contact", "email", "phone", "addressLine1", "town", "postcode"].map((f) => [`complain.error.${f}`, true]));

/** Every answer so far, except those this page asks, carried along unseen. */
function Hidden({ answers, except }: { answers: Answers; except: readonly string[] }) {
  return (
    <>
      {ANSWER_FIELDS.filter((f) => !except.includes(f) && answers[f] !== undefined).map((f) => (
        <input key={f} type="hidden" name={f} value={answers[f]} />
      ))}
    </>
  );
}

function StepFields({ step, a, errors, services }: { step: Step; a: Answers; errors: Record<string, string>; services: Services }) {
  const t = useT();
  const title = question(t, step, a);
  switch (step) {
    case "kind":
      return (
        <Radios
          name="kind"
          legend={title}
          isPageHeading
          error={errors.kind}
          defaultValue={a.kind}
          items={[
            { value: "complaint", text: t("complain.kind.complaint"), hint: t("complain.kind.complaint.hint") },
            { value: "compliment", text: t("complain.kind.compliment"), hint: t("complain.kind.compliment.hint") },
            { value: "comment", text: t("complain.kind.comment") },
          ]}
        />
      );
    case "service":
      return services.length <= 12 ? (
        <Radios name="service" legend={title} isPageHeading hint={t("complain.service.hint")} error={errors.service} defaultValue={a.service} items={services.map((s) => ({ value: s.id, text: s.name, hint: s.directorate }))} />
      ) : (
        <>
          <h1 className="govuk-heading-l">{title}</h1>
          <Select name="service" label={t("complain.service.label")} hint={t("complain.service.hint")} placeholder={t("complain.service.placeholder")} error={errors.service} defaultValue={a.service} items={services.map((s) => ({ value: s.id, text: `${s.name} (${s.directorate})` }))} />
        </>
      );
    case "description":
      return (
        <Textarea
          name="description"
          label={title}
          isPageHeading
          hint={t(a.kind === "complaint" ? "complain.description.hint.complaint" : "complain.description.hint.other")}
          rows={10}
          error={errors.description}
          defaultValue={a.description}
        />
      );
    case "outcome":
      return <Textarea name="desiredOutcome" label={title} isPageHeading hint={t("complain.outcome.hint")} rows={5} error={errors.desiredOutcome} defaultValue={a.desiredOutcome} />;
    case "name":
      return a.kind === "complaint" ? (
        <Input name="fullName" label={title} isPageHeading autoComplete="name" spellCheck={false} error={errors.fullName} defaultValue={a.fullName} />
      ) : (
        <Radios
          name="replyWanted"
          legend={title}
          isPageHeading
          error={errors.replyWanted}
          defaultValue={a.replyWanted}
          items={[
            { value: "yes", text: t("complain.name.replyYes"), conditional: <Input name="fullName" label={t("complain.name.fullName")} autoComplete="name" spellCheck={false} error={errors.fullName} defaultValue={a.fullName} /> },
            { value: "no", text: t("complain.name.replyNo"), hint: t("complain.name.replyNo.hint") },
          ]}
        />
      );
    case "contact":
      return (
        <Checkboxes
          name="contact"
          legend={title}
          isPageHeading
          hint={t("complain.contact.hint")}
          error={errors.contact}
          defaultValue={contactWays(a)}
          items={[
            { value: "email", text: t("complain.contact.email"), conditional: <Input name="email" type="email" label={t("complain.contact.emailAddress")} autoComplete="email" spellCheck={false} error={errors.email} defaultValue={a.email} /> },
            {
              value: "post",
              text: t("complain.contact.post"),
              conditional: (
                <>
                  <Input name="addressLine1" label={t("complain.contact.addressLine1")} autoComplete="address-line1" error={errors.addressLine1} defaultValue={a.addressLine1} />
                  <Input name="addressLine2" label={t("complain.contact.addressLine2")} autoComplete="address-line2" defaultValue={a.addressLine2} />
                  <Input name="town" label={t("complain.contact.town")} autoComplete="address-level2" width="two-thirds" error={errors.town} defaultValue={a.town} />
                  <Input name="postcode" label={t("complain.contact.postcode")} autoComplete="postal-code" width="10" error={errors.postcode} defaultValue={a.postcode} />
                </>
              ),
            },
            {
              value: "text",
              text: t("complain.contact.text"),
              hint: t("complain.contact.text.hint"),
              conditional: <Input name="phone" type="tel" label={t("complain.contact.mobile")} hint={t("complain.contact.mobile.hint")} autoComplete="tel" width="20" error={errors.phone} defaultValue={a.phone} />,
            },
          ]}
        />
      );
    case "check":
      return null;
  }
}

function CheckAnswers({ a, services }: { a: Answers; services: Services }) {
  const t = useT();
  const service = services.find((s) => s.id === a.service);
  const ways = contactWays(a);
  const contact = [
    ways.includes("email") ? t("complain.check.emailValue", { email: a.email ?? "" }) : null,
    ways.includes("post") ? t("complain.check.postValue", { address: [a.addressLine1, a.addressLine2, a.town, a.postcode].filter(Boolean).join(", ") }) : null,
    ways.includes("text") ? t("complain.check.textValue", { phone: a.phone ?? "" }) : null,
  ]
    .filter(Boolean)
    .join("\n");
  const rows: Array<{ step: Step; key: string; value: string } | false> = [
    { step: "kind", key: t("complain.check.kind"), value: a.kind ? t(`complain.kindValue.${kindOf(a.kind)}`) : "" },
    { step: "service", key: t("complain.check.service"), value: service ? service.name : "" },
    { step: "description", key: t(a.kind === "complaint" ? "complain.check.description.complaint" : "complain.check.description.other"), value: a.description ?? "" },
    a.kind === "complaint" && { step: "outcome", key: t("complain.check.outcome"), value: a.desiredOutcome ?? "" },
    { step: "name", key: t("complain.check.name"), value: a.kind !== "complaint" && a.replyWanted === "no" ? t("complain.check.anonymous") : (a.fullName ?? "") },
    stepsFor(a).includes("contact") && { step: "contact", key: t("complain.check.contact"), value: contact },
  ];
  return (
    <dl className="govuk-summary-list govuk-!-margin-bottom-9">
      {rows
        .filter((r): r is { step: Step; key: string; value: string } => Boolean(r))
        .map((r) => (
          <div key={r.step} className="govuk-summary-list__row">
            <dt className="govuk-summary-list__key">{r.key}</dt>
            <dd className="govuk-summary-list__value app-prewrap">{r.value}</dd>
            <dd className="govuk-summary-list__actions">
              <button type="submit" name="_action" value={`change-${r.step}`} className="govuk-link app-link-button govuk-body">
                {t("common.change")}<span className="govuk-visually-hidden"> {r.key.toLowerCase()}</span>
              </button>
            </dd>
          </div>
        ))}
    </dl>
  );
}

function Sent({ receipt }: { receipt: Receipt }) {
  const t = useT();
  const language = useLanguage();
  const kind = kindOf(receipt.kind);
  const noun = nounOf(t, kind);
  const help = language === "en" ? phoneOrEmail(receipt.council) : [receipt.council.phone, receipt.council.email].filter(Boolean).join(" / ");
  return (
    <Page narrow>
      <Panel title={t(`complain.sent.${kind}`)}>
        {t("complain.sent.reference")}
        <br />
        <strong>{receipt.reference}</strong>
      </Panel>
      <h2 className="govuk-heading-m">{t("complain.sent.trackingCode")}</h2>
      <p className="govuk-body">
        <span className="app-tracking-code" id="tracking-code">
          {receipt.trackingCode}
        </span>
      </p>
      <InsetText>{kind === "complaint" ? t("complain.sent.keepSafe.complaint") : t("complain.sent.keepSafe", { noun })}</InsetText>
      <h2 className="govuk-heading-m">{t("complain.sent.next")}</h2>
      {receipt.anonymous ? (
        <p className="govuk-body">{t("complain.sent.anonymous", { noun })}</p>
      ) : receipt.dates.length > 0 ? (
        <>
          {receipt.datesExpected ? <p className="govuk-body">{t("complain.sent.checkFirst", { noun })}</p> : null}
          <ul className="govuk-list govuk-list--bullet" id="next-dates">
            {receipt.dates.map((d) => (
              <li key={`${d.kind}-${d.date}`}>
                {language === "en" || !(`complain.date.${d.kind}` in WELSH_DATES) ? d.what : t(`complain.date.${d.kind}` as MessageKey)} <strong>{language === "en" ? formatDate(d.date, true) : formatDateIn(language, d.date, true)}</strong>
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">{t("complain.sent.inTouch")}</p>
      )}
      <p className="govuk-body">
        {t("complain.sent.trackBefore")}{" "}
        <Link className="govuk-link" to="/track">
          {t("complain.sent.trackLink", { noun })}
        </Link>{" "}
        {t("complain.sent.trackAfter")}
        {help ? <> {language === "en" ? <>If you need help, {help}.</> : t("complain.sent.help", { contact: help as string })}</> : null}
      </p>
      {receipt.kind === "complaint" ? <EqualityOffer proof={receipt} /> : null}
    </Page>
  );
}

/** The due dates the receipt may list that have Welsh words (the API says them in English). */
const WELSH_DATES = Object.fromEntries(["acknowledge", "respond", "feedback-acknowledge", "escalation-window", "next-body-window"].map((k) => [`complain.date.${k}`, true]));

export default function Complain() {
  const loaded = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ComplainView | undefined;
  const t = useT();
  const language = useLanguage();
  const view: ComplainView = result ?? { view: "step", step: "kind", answers: { idempotencyKey: loaded.idempotencyKey }, errors: {}, returnToCheck: false };
  const title = view.view === "sent" ? t(`complain.sent.${kindOf(view.receipt.kind)}`) : question(t, view.step, view.answers);
  const failed = view.view === "step" && Object.keys(view.errors).length > 0;

  // Without JavaScript every step shares the form's title; with it, each step gets its own.
  useEffect(() => {
    document.title = `${failed ? `${t("govuk.errorPrefix")} ` : ""}${title} – ${t("complain.title")} – ${loaded.council.name}`;
  }, [title, failed, loaded.council.name, t]);

  if (view.view === "sent") return <Sent receipt={view.receipt} />;
  const { step, answers, returnToCheck } = view;
  const errors = translateErrors(t, language === "cy", view.errors);
  const state = (
    <>
      <input type="hidden" name="_step" value={step} />
      {returnToCheck ? <input type="hidden" name="_return" value="check" /> : null}
    </>
  );
  return (
    <>
      {step !== "kind" ? (
        <PostForm className="app-back-form">
          {state}
          <Hidden answers={answers} except={[]} />
          <button type="submit" name="_action" value="back" className="govuk-back-link app-back-button">
            {t("common.back")}
          </button>
        </PostForm>
      ) : (
        <Link to="/" className="govuk-back-link">
          {t("common.back")}
        </Link>
      )}
      <Page narrow errors={errors}>
        <PostForm>
          {state}
          <Hidden answers={answers} except={STEP_FIELDS[step]} />
          {step === "check" ? (
            <>
              <h1 className="govuk-heading-l">{title}</h1>
              <CheckAnswers a={answers} services={loaded.services} />
              <h2 className="govuk-heading-m">{t("complain.check.sendHeading", { noun: nounOf(t, answers.kind) })}</h2>
              <p className="govuk-body">{t("complain.check.declaration")}</p>
              <Button name="_action" value="send">
                {t("common.send")}
              </Button>
            </>
          ) : (
            <>
              <StepFields step={step} a={answers} errors={errors} services={loaded.services} />
              <Button name="_action" value="continue">
                {t("common.continue")}
              </Button>
            </>
          )}
        </PostForm>
      </Page>
    </>
  );
}
