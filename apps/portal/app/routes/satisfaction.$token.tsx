/**
 * The satisfaction survey (issue 15; docs/decisions/0516-satisfaction-survey.md), reached from
 * the link in the email sent after a complaint closes. Four optional questions on the Tenant
 * Satisfaction Measures' scale, GOV.UK radios, no JavaScript needed; in English or Welsh. The
 * link works once: its answers are stored apart from the case and the page then says so.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { SATISFACTION_QUESTIONS, SATISFACTION_SCALE, type SatisfactionQuestion } from "@complaints/core/vocabulary";
import { satisfactionInput, surveyToken } from "@complaints/core";
import { Button, Panel, Radios } from "../components/govuk";
import { PostForm } from "../components/form";
import { Page } from "../components/page";
import { describeApiError, readForm, text } from "../utils/forms.server";
import { languageOfMatches, translator, useT, type MessageKey } from "../i18n";

/** Every word of this page is in the message files: shown in Welsh when chosen (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction = ({ matches }) => [{ title: translator(languageOfMatches(matches))("survey.title") }];

export async function loader({ context, params }: LoaderFunctionArgs) {
  const token = params.token ?? "";
  if (!surveyToken.safeParse(token).success) return { token, open: false };
  try {
    const { open } = await context.api.public.survey({ token });
    return { token, open };
  } catch (error) {
    if (describeApiError(error).status >= 500) throw error;
    return { token, open: false };
  }
}

type View = { view: "done" } | { view: "closed" } | { view: "form"; chosen: Partial<Record<SatisfactionQuestion, string>>; errors: Partial<Record<string, MessageKey>> };

export async function action({ context, request, params }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const chosen = Object.fromEntries(SATISFACTION_QUESTIONS.map((q) => [q, text(form, q)]).filter(([, v]) => v)) as Partial<Record<SatisfactionQuestion, string>>;
  const parsed = satisfactionInput.safeParse({ token: params.token, answers: chosen });
  if (!parsed.success) {
    // Nothing chosen, or an answer not on the form: the same page with the GOV.UK message.
    const key: MessageKey = Object.keys(chosen).length === 0 ? "survey.error.none" : "survey.error.form";
    return data<View>({ view: "form", chosen, errors: { [SATISFACTION_QUESTIONS[0]]: key } }, { headers: { "X-Form-Status": "400" } });
  }
  try {
    const { recorded } = await context.api.public.answerSurvey(parsed.data);
    return data<View>(recorded ? { view: "done" } : { view: "closed" });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status >= 500) throw error;
    return data<View>({ view: "form", chosen, errors: { _form: "survey.error.form" } }, { headers: { "X-Form-Status": String(d.status) } });
  }
}

export default function Survey() {
  const { open } = useLoaderData<typeof loader>();
  const view = useActionData<typeof action>() as View | undefined;
  const t = useT();
  if (view?.view === "done") {
    return (
      <Page narrow>
        <Panel title={t("survey.thanks")} />
        <p className="govuk-body">{t("survey.thanks.text")}</p>
      </Page>
    );
  }
  if (view?.view === "closed" || (!view && !open)) {
    return (
      <Page narrow heading={t("survey.closed.title")}>
        <p className="govuk-body">{t("survey.closed.text")}</p>
      </Page>
    );
  }
  const chosen = view?.view === "form" ? view.chosen : {};
  const errors = Object.fromEntries(Object.entries(view?.view === "form" ? view.errors : {}).map(([field, key]) => [field, t(key!)]));
  return (
    <Page narrow errors={errors} heading={t("survey.title")}>
      <p className="govuk-body">{t("survey.intro")}</p>
      <p className="govuk-body">{t("survey.private")}</p>
      <PostForm>
        {SATISFACTION_QUESTIONS.map((q) => (
          <Radios
            key={q}
            name={q}
            legend={t(`survey.q.${q}`)}
            legendSize="m"
            error={errors[q]}
            defaultValue={chosen[q]}
            items={SATISFACTION_SCALE.map((a) => ({ value: a, text: t(`survey.a.${a}`) }))}
          />
        ))}
        <Button>{t("survey.send")}</Button>
      </PostForm>
      <p className="govuk-body">
        {t("survey.notComplaint")}{" "}
        <Link className="govuk-link" to="/escalate">
          {t("survey.notComplaint.link")}
        </Link>
        .
      </p>
    </Page>
  );
}
