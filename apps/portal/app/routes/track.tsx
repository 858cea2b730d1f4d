/**
 * Check how a case is going: reference and tracking code in, then the stage, the status in
 * plain words, the next date and what it is for, and the letters sent (each downloadable by
 * posting the same proof). No staff names, no internal notes: only what the API's public
 * procedures give.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Button, ErrorSummary, SummaryList, Table } from "../components/govuk";
import { PostForm } from "../components/form";
import { HiddenProof, ProofFields, useFormErrors } from "../components/proof";
import { readForm } from "../utils/forms.server";
import { findCase, proofFrom, type CasePage, type FormErrors, type Proof } from "../utils/public.server";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";
import { dateIn, dueWords, letterName, progressWords, stageName, whyNot } from "../components/public-case";
import { languageOfMatches, translator, useLanguage, useT, type MessageKey } from "../i18n";

/** Every word of the page is in the message files (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction = ({ matches }) => [{ title: `${translator(languageOfMatches(matches))("track.title")} – ${translator(languageOfMatches(matches))("layout.serviceName")}` }];

export async function loader(_args: LoaderFunctionArgs) {
  return null;
}

type View = ({ view: "find"; values: Partial<Proof> } & FormErrors) | { view: "case"; page: CasePage; proof: Proof };

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const proof = proofFrom(form);
  const found = await findCase(context, form);
  if (!found.ok) return data<View>({ view: "find", errors: found.errors, keys: found.keys, values: proof }, { status: 200, headers: { "X-Form-Status": String(found.status) } });
  return data<View>({ view: "case", page: found.page, proof });
}

const CAPTION: Record<string, MessageKey> = { complaint: "track.caption.complaint", compliment: "track.caption.compliment", comment: "track.caption.comment" };

export function CaseProgress({ page, proof }: { page: CasePage; proof: Proof }) {
  const t = useT();
  const language = useLanguage();
  const date = (iso: string, withDay = false) => dateIn(language, iso, withDay);
  const help = phoneOrEmail(page.council, true, t);
  return (
    <>
      <span className="govuk-caption-l">{t(CAPTION[page.kind] ?? "track.caption.case")}</span>
      <h1 className="govuk-heading-l">{page.reference}</h1>
      <SummaryList
        rows={[
          { key: t("track.row.status"), value: <span id="case-status">{progressWords(language, t, page.progress)}</span> },
          { key: t("track.row.about"), value: page.service },
          { key: t("track.row.received"), value: date(page.receivedOn, true) },
          page.next ? { key: t("track.row.next"), value: <span id="case-next">{dueWords(language, t, page.next)} {date(page.next.date, true)}</span> } : null,
        ]}
      />
      {page.dates.length > 0 ? (
        <Table
          caption={page.datesExpected ? t("track.dates.expected") : t("track.dates")}
          captionSize="m"
          head={[t("track.dates.what"), t("track.dates.when"), t("track.dates.done")]}
          // The "by"/"until" the sentence ends with is the When column's.
          rows={page.dates.map((d) => [dueWords(language, t, d).replace(/ (by|until|erbyn|tan)$/, ""), date(d.date, true), d.doneOn ? t("track.dates.doneOn", { date: date(d.doneOn) }) : t("track.dates.notYet")])}
        />
      ) : null}
      <h2 className="govuk-heading-m">{t("track.letters")}</h2>
      {page.letters.length === 0 ? (
        <p className="govuk-body">{t("track.letters.none")}</p>
      ) : (
        <Table
          caption={t("track.letters.caption")}
          captionSize="s"
          head={[t("track.letters.letter"), t("track.letters.sent"), ""]}
          rows={page.letters.map((l) => [
            letterName(t, l.kind),
            date(l.sentOn, true),
            l.downloadable ? (
              <PostForm key={l.letterId} action="/track/letter" reloadDocument>
                <HiddenProof proof={proof} />
                <input type="hidden" name="letterId" value={l.letterId} />
                <button type="submit" className="govuk-link app-link-button govuk-body-s">
                  {t("track.letters.download")}
                  <span className="govuk-visually-hidden"> {t("track.letters.downloadWhich", { letter: letterName(t, l.kind).toLowerCase(), date: date(l.sentOn) })}</span> (PDF)
                </button>
              </PostForm>
            ) : (
              t("track.letters.toRepresentative")
            ),
          ])}
        />
      )}
      {page.kind === "complaint" ? (
        <>
          <h2 className="govuk-heading-m">{t("track.unhappy")}</h2>
          {page.escalation.possible ? (
            <PostForm action="/escalate">
              <HiddenProof proof={proof} />
              <p className="govuk-body">{t("track.escalate.text", { stage: stageName(language, t, page.escalation.to) })}</p>
              <Button name="_action" value="find" variant="secondary">
                {t("track.escalate.button", { stage: stageName(language, t, page.escalation.to) })}
              </Button>
            </PostForm>
          ) : (
            <>
              <p className="govuk-body" id="escalation-why">
                {whyNot(language, t, page.escalation, page.council)}
              </p>
              {page.escalation.lateRequest ? (
                <PostForm action="/escalate">
                  <HiddenProof proof={proof} />
                  <Button name="_action" value="find" variant="secondary">
                    {t("track.escalate.late", { stage: stageName(language, t, page.escalation.to) })}
                  </Button>
                </PostForm>
              ) : null}
            </>
          )}
        </>
      ) : null}
      {help ? (
        <p className="govuk-body">
          {t("track.questions").split("{contact}")[0]}
          {help}
          {t("track.questions").split("{contact}")[1]}
        </p>
      ) : null}
    </>
  );
}

export default function Track() {
  const view = useActionData<typeof action>() as View | undefined;
  const t = useT();
  const errors = useFormErrors(view?.view === "find" ? view : undefined);
  return (
    <Page narrow>
      {view?.view === "case" ? (
        <>
          <CaseProgress page={view.page} proof={view.proof} />
          <p className="govuk-body">
            <Link className="govuk-link" to="/track">
              {t("track.another")}
            </Link>
          </p>
        </>
      ) : (
        <>
          <ErrorSummary errors={errors} />
          <h1 className="govuk-heading-l">{t("track.title")}</h1>
          <p className="govuk-body">{t("track.intro")}</p>
          <PostForm>
            <ProofFields errors={errors} values={view?.values ?? {}} />
            <Button name="_action" value="find">
              {t("track.check")}
            </Button>
          </PostForm>
          <p className="govuk-body">{t("track.lost")}</p>
        </>
      )}
    </Page>
  );
}
