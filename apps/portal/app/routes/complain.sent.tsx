/**
 * The confirmation page (GOV.UK's pattern): the reference and tracking code of the answers this
 * browser sent, given back by the API for the draft's idempotency key, so a refresh shows the
 * same case (routes/complain.server.ts; decision 0520).
 */
import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useEffect } from "react";
import { InsetText, Panel } from "../components/govuk";
import { formatDate } from "../utils/labels";
import { loadSent, type Receipt } from "./complain.server";
import { Page } from "../components/page";
import { phoneOrEmail } from "../components/public-information";
import { EqualityOffer } from "../components/public-case";
import { formatDateIn, languageOfMatches, translator, useLanguage, useT, type MessageKey, type Translate } from "../i18n";

/** Every word of this page is in the message files: shown in Welsh when chosen (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = translator(languageOfMatches(matches));
  return [{ title: data ? sentTitle(t, data.receipt) : `${t("complain.title")} – Council` }];
};

const sentTitle = (t: Translate, receipt: Receipt) => `${t(`complain.sent.${kindOf(receipt.kind)}`)} – ${t("complain.title")} – ${receipt.council.name}`;

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadSent(context, request);
}

type Kind = "complaint" | "compliment" | "comment";
const kindOf = (kind: string | undefined): Kind => (kind === "compliment" || kind === "comment" ? kind : "complaint");
/** "complaint" / "cwyn": what the resident sent, in the page's language. */
const nounOf = (t: Translate, kind: string | undefined) => t(`complain.noun.${kindOf(kind)}`);

export default function Sent() {
  const { receipt } = useLoaderData<typeof loader>();
  const t = useT();
  // With JavaScript the page changes without loading: its title too.
  useEffect(() => {
    document.title = sentTitle(t, receipt as Receipt);
  }, [receipt, t]);
  return <Confirmation receipt={receipt as Receipt} />;
}

function Confirmation({ receipt }: { receipt: Receipt }) {
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

