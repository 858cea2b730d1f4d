/**
 * The optional equality monitoring form, offered after a complaint is sent: consent first,
 * then the nine protected characteristics (Equality Act 2010 s4), each of which may be
 * declined or left out. The answers go to the API with the case's reference and tracking
 * code, are kept apart from the case and are never shown back (not even here).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, Panel, Radios } from "../components/govuk";
import { PostForm } from "../components/form";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { HiddenProof, useFormErrors } from "../components/proof";
import { Page } from "../components/page";
import { languageOf } from "../utils/root.server";
import type { FormErrors } from "../utils/public.server";
import { languageOfMatches, translator, useT, type MessageKey, type Translate } from "../i18n";
import { en } from "../i18n/en";

/** Every word of the page is in the message files, the questions too (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction = ({ matches }) => {
  const t = translator(languageOfMatches(matches));
  return [{ title: `${t("equality.title")} (${t("equality.optional").toLowerCase()}) – ${t("complain.title")}` }];
};

/** The form is reached from the confirmation page, which posts the reference and code to it. */
export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

type Question = Awaited<ReturnType<ActionFunctionArgs["context"]["api"]["public"]["equalityQuestions"]>>[number];
type View =
  | ({ view: "consent"; proof: { reference: string; trackingCode: string } } & FormErrors)
  | ({ view: "questions"; proof: { reference: string; trackingCode: string }; questions: Question[] } & FormErrors)
  | { view: "done"; answered: boolean };

function failed(view: View, status: number) {
  return data(view, { status: 200, headers: { "X-Form-Status": String(status) } });
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const proof = { reference: text(form, "reference"), trackingCode: text(form, "trackingCode") };
  const step = text(form, "_action");
  const none = { errors: {}, keys: {} };
  if (step === "start") return data<View>({ view: "consent", proof, ...none });
  if (step === "consent") {
    const consent = text(form, "consent");
    if (consent !== "yes" && consent !== "no") return failed({ view: "consent", proof, errors: { consent: "Select yes if you agree to answer the equality questions" }, keys: { consent: "equality.error.consent" } }, 400);
    if (consent === "no") return data<View>({ view: "done", answered: false });
    return data<View>({ view: "questions", proof, questions: await context.api.public.equalityQuestions(), ...none });
  }
  // The answers: anything not chosen is left unanswered.
  const questions = await context.api.public.equalityQuestions();
  const answers = Object.fromEntries(questions.map((q) => [q.characteristic, text(form, q.characteristic) || null]));
  try {
    // The page's language is kept on the customer (decision 0517); the API keeps English where the council does not offer Welsh.
    await context.api.public.equality({ ...proof, consent: true, answers, language: languageOf(request, true) });
    return data<View>({ view: "done", answered: true });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return failed({ view: "questions", proof, questions, errors: { _form: d.message }, keys: { _form: "equality.error.form" } }, d.status);
  }
}

/** The message file's words for a question or answer code; the API's (English) for one added since. */
function say(t: Translate, keys: readonly string[], fallback: string): string {
  const key = keys.find((k) => k in en);
  return key ? t(key as MessageKey) : fallback;
}

export default function Equality() {
  const view = useActionData<typeof action>() as View | undefined;
  const t = useT();
  const errors = useFormErrors(view && view.view !== "done" ? view : undefined);
  return (
    <Page narrow>
      {!view ? (
        <>
          <h1 className="govuk-heading-l">{t("equality.title")}</h1>
          <p className="govuk-body">{t("equality.landing")}</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/complain">
              {t("layout.nav.complain")}
            </Link>
          </p>
        </>
      ) : view.view === "done" ? (
        <>
          <Panel title={view.answered ? t("equality.done.answered") : t("equality.done.declined")} />
          <p className="govuk-body">{t("equality.done.text")}</p>
          <p className="govuk-body">
            <Link className="govuk-link" to="/track">
              {t("escalate.done.track")}
            </Link>
          </p>
        </>
      ) : view.view === "consent" ? (
        <>
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{t("equality.optional")}</span>
          <PostForm>
            <HiddenProof proof={view.proof} />
            <Radios
              name="consent"
              legend={t("equality.consent.legend")}
              isPageHeading
              hint={t("equality.consent.hint")}
              error={errors.consent}
              items={[
                { value: "yes", text: t("equality.consent.yes") },
                { value: "no", text: t("equality.consent.no") },
              ]}
            />
            <Button name="_action" value="consent">
              {t("common.continue")}
            </Button>
          </PostForm>
        </>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <span className="govuk-caption-l">{t("equality.optional")}</span>
          <h1 className="govuk-heading-l">{t("equality.about")}</h1>
          <p className="govuk-body">{t("equality.about.intro")}</p>
          <PostForm>
            <HiddenProof proof={view.proof} />
            {view.questions.map((q) => (
              <Radios
                key={q.characteristic}
                name={q.characteristic}
                legend={say(t, [`equality.q.${q.characteristic}`], q.question)}
                legendSize="m"
                small
                items={q.answers.map((a) => ({ value: a.code, text: say(t, [`equality.a.${q.characteristic}.${a.code}`, `equality.a.${a.code}`], a.label) }))}
              />
            ))}
            <Button name="_action" value="answers">
              {t("equality.send")}
            </Button>
          </PostForm>
        </>
      )}
    </Page>
  );
}
