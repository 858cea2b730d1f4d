import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink } from "../components/govuk";
import { Page } from "../components/page";
import { AlreadyComplainedLinks } from "../components/public-information";
import { languageOfMatches, translator, useT } from "../i18n";

/** Every word of the page is in the message files (decision 0517). */
export const handle = { welsh: true };

export const meta: MetaFunction = ({ matches }) => [{ title: translator(languageOfMatches(matches))("layout.serviceName") }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { signedIn: context.principal?.kind === "staff" };
}

export default function Start() {
  const { signedIn } = useLoaderData<typeof loader>();
  const t = useT();
  return (
    <Page>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">{t("start.title")}</h1>
          <p className="govuk-body">{t("start.intro")}</p>
          <p className="govuk-body">{t("start.use")}</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>{t("start.use.complain")}</li>
            <li>{t("start.use.compliment")}</li>
            <li>{t("start.use.escalate")}</li>
            <li>{t("start.use.track")}</li>
          </ul>
          <p className="govuk-body">{t("start.time")}</p>
          <p className="govuk-body">
            {t("start.read")}{" "}
            <Link className="govuk-link" to="/how-we-handle-complaints">
              {t("start.read.link")}
            </Link>
            {t("start.read.after")}
          </p>
          <ButtonLink to="/complain" variant="start">
            {t("start.button")}
          </ButtonLink>
          <h2 className="govuk-heading-m">{t("start.already")}</h2>
          <AlreadyComplainedLinks />
          <h2 className="govuk-heading-m">{t("start.otherWays")}</h2>
          <p className="govuk-body">{t("start.otherWays.text")}</p>
        </div>
        <div className="govuk-grid-column-one-third">
          <aside className="govuk-!-margin-top-6" role="complementary" aria-labelledby="staff-heading">
            <h2 className="govuk-heading-s" id="staff-heading">
              {t("start.staff")}
            </h2>
            <p className="govuk-body-s">
              <Link className="govuk-link" to={signedIn ? "/cases" : "/sign-in"}>
                {signedIn ? t("start.staff.queue") : t("start.staff.signIn")}
              </Link>
            </p>
          </aside>
        </div>
      </div>
    </Page>
  );
}
