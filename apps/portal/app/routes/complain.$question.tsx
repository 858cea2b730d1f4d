/**
 * One question of the public complaint form, at its own address (/complain/<question>), or
 * "Check your answers" (/complain/check): GOV.UK's question pages and check answers pattern
 * (docs/decisions/0520-complaint-form-one-question-per-page.md). The answers are kept by the
 * API between pages (routes/complain.server.ts), so Back and a refresh show them again.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import type { ShouldRevalidateFunction } from "@remix-run/react";
import { Link, useActionData, useLoaderData, useLocation } from "@remix-run/react";
import { useEffect, useRef } from "react";
import { BackLink, Button, Checkboxes, Input, Radios, Select, Textarea } from "../components/govuk";
import { PostForm } from "../components/form";
import { contactWays, questionPath, stepsFor, type Answers, type Step } from "../utils/complain";
import { loadQuestion, questionAction, type QuestionView } from "./complain.server";
import { Page } from "../components/page";
import { languageOfMatches, translator, useLanguage, useT, type MessageKey, type Translate } from "../i18n";

/** Every word of this page is in the message files: shown in Welsh when chosen (decision 0517). */
export const handle = { welsh: true };

/** The page's title names its question, and starts "Error:" when the answer needs correcting (GOV.UK's question pages). */
export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = translator(languageOfMatches(matches));
  if (!data) return [{ title: `${t("complain.title")} – Council` }];
  return [{ title: pageTitle(t, data.step, data.answers, data.failed, data.council.name) }];
};

const pageTitle = (t: Translate, step: Step, a: Answers, failed: boolean, council: string) =>
  `${failed ? `${t("govuk.errorPrefix")} ` : ""}${question(t, step, a)} – ${t("complain.title")} – ${council}`;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  return loadQuestion(context, request, params.question);
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return questionAction(context, request, params.question);
}

/** A page the resident must correct keeps what they typed: the loader's answers would undo it. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, defaultShouldRevalidate }) =>
  actionResult && typeof actionResult === "object" && "errors" in actionResult ? false : defaultShouldRevalidate;

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
              <Link className="govuk-link" to={questionPath(r.step, true)}>
                {t("common.change")}<span className="govuk-visually-hidden"> {r.key.toLowerCase()}</span>
              </Link>
            </dd>
          </div>
        ))}
    </dl>
  );
}

export default function Question() {
  const loaded = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as QuestionView | undefined;
  const t = useT();
  const language = useLanguage();
  // The answers typed on a page that must be corrected, else the answers kept.
  const view: QuestionView = posted && posted.step === loaded.step ? posted : { step: loaded.step, answers: loaded.answers, errors: {}, returnToCheck: loaded.returnToCheck };
  const { step, answers, returnToCheck } = view;
  const errors = translateErrors(t, language === "cy", view.errors);
  const failed = Object.keys(errors).length > 0;
  const title = question(t, step, answers);
  const main = useRef<HTMLDivElement>(null);
  // Each page shown (Back, Forward, the next question) gets fresh fields holding its answers.
  const { key } = useLocation();

  // With JavaScript, pages change without loading: say the new question's title, and move focus
  // to the error summary (GOV.UK Frontend's ErrorSummary does so only when it first appears) or
  // to the new question's first field, so a screen reader starts at the new question.
  useEffect(() => {
    document.title = pageTitle(t, step, answers, failed, loaded.council.name);
    // A page the browser loaded itself (before hydration is marked, in root.tsx) leaves focus where browsers do.
    if (document.documentElement.dataset.hydrated !== "true") return;
    const target = failed
      ? main.current?.querySelector<HTMLElement>(".govuk-error-summary")
      : (main.current?.querySelector<HTMLElement>("input:not([type=hidden]), textarea, select") ?? main.current?.querySelector<HTMLElement>("h1"));
    if (!target || document.activeElement === target) return;
    if (!target.matches("input, textarea, select")) target.tabIndex = -1;
    target.focus();
    // Once per page shown or post answered (`posted` is a new object for each answer).
  }, [posted, key, step, failed, title, loaded.council.name, t]);

  return (
    <>
      <BackLink to={loaded.back}>{t("common.back")}</BackLink>
      <div ref={main}>
        <Page narrow errors={errors}>
          <PostForm key={`${step}-${key}`} action={questionPath(step, returnToCheck)}>
            {step === "check" ? (
              <>
                <h1 className="govuk-heading-l">{title}</h1>
                <CheckAnswers a={answers} services={loaded.services} />
                <h2 className="govuk-heading-m">{t("complain.check.sendHeading", { noun: nounOf(t, answers.kind) })}</h2>
                <p className="govuk-body">{t("complain.check.declaration")}</p>
                <Button>{t("common.send")}</Button>
              </>
            ) : (
              <>
                <StepFields step={step} a={answers} errors={errors} services={loaded.services} />
                <Button>{t("common.continue")}</Button>
              </>
            )}
          </PostForm>
        </Page>
      </div>
    </>
  );
}
