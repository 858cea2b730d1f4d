import { Form, Link, useLocation } from "@remix-run/react";
import type { RootData } from "../root";
import { translator, type MessageKey } from "../i18n";

/** The public links' words in the page's language (utils/navigation.ts gives them in English). */
const PUBLIC_NAV: Record<string, MessageKey> = { "/complain": "layout.nav.complain", "/track": "layout.nav.track", "/escalate": "layout.nav.escalate" };

export function SkipLink({ data }: { data: RootData | undefined }) {
  return (
    <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
      {translator(data?.language ?? "en")("layout.skipLink")}
    </a>
  );
}

/**
 * "English | Cymraeg" where the council offers Welsh (decision 0517): the page's language as
 * text, the other as a link that stores the choice and comes back here. Each name is in its
 * own language, marked with `lang` so screen readers say it right.
 */
function LanguageSwitch({ data }: { data: RootData | undefined }) {
  const { pathname, search } = useLocation();
  if (!data?.council?.welsh || data.staff) return null;
  const current = data.chosenLanguage;
  // Back to this page without the choice just made, nor Remix's "?index" of a form's answer.
  const query = new URLSearchParams(search);
  query.delete("lang");
  query.delete("index");
  const rest = query.toString();
  const back = encodeURIComponent(`${pathname}${rest ? `?${rest}` : ""}`);
  const names = { en: "English", cy: "Cymraeg" } as const;
  return (
    <nav className="govuk-width-container app-language-switch" aria-label={translator(current)("layout.chooseLanguage")}>
      <ul className="govuk-list app-language-switch__list">
        {(["en", "cy"] as const).map((code) =>
          code === current ? (
            <li key={code} className="app-language-switch__item" aria-current="true" lang={code}>
              {names[code]}
            </li>
          ) : (
            <li key={code} className="app-language-switch__item">
              <a className="govuk-link" href={`/language/${code}?back=${back}`} lang={code} hrefLang={code}>
                {names[code]}
              </a>
            </li>
          ),
        )}
      </ul>
      {current !== data.language ? (
        <p className="govuk-body-s govuk-!-margin-bottom-0" lang={current}>
          {translator(current)("layout.notTranslated")}
        </p>
      ) : null}
    </nav>
  );
}

/**
 * The council's own header (GOV.UK Frontend's generic header: councils are not GOV.UK, so no
 * crown) and the service navigation: the public links, or the staff sections the role opens.
 */
export function Header({ data }: { data: RootData | undefined }) {
  const councilName = data?.council?.name ?? "Council";
  const staff = data?.staff ?? null;
  const t = translator(data?.language ?? "en");
  const nav = (data?.nav ?? []).map((item) => (staff || !PUBLIC_NAV[item.href] ? item : { ...item, text: t(PUBLIC_NAV[item.href]!) }));
  const { pathname } = useLocation();
  // The most specific section the page is in ("/cases/new" is Log a case, not Work queue).
  const activeHref = nav
    .filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`))
    .sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <header className="govuk-template__header">
      <div className="govuk-generic-header">
        <div className="govuk-generic-header__container govuk-width-container">
          <div className="govuk-generic-header__logo">
            <a href={staff ? "/cases" : "/"} className="govuk-generic-header__homepage-link">
              {councilName}
            </a>
          </div>
        </div>
      </div>
      <LanguageSwitch data={data} />
      <section aria-label={t("layout.serviceInformation")} className="govuk-service-navigation" data-module="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <a href={staff ? "/cases" : "/"} className="govuk-service-navigation__link">
                {staff ? "Complaints case management" : t("layout.serviceName")}
              </a>
            </span>
            {nav.length > 0 ? (
              <nav aria-label="Menu" className="govuk-service-navigation__wrapper">
                <button
                  type="button"
                  className="govuk-service-navigation__toggle govuk-js-service-navigation-toggle"
                  aria-controls="navigation"
                  hidden
                  aria-hidden="true"
                >
                  {t("layout.menu")}
                </button>
                <ul className="govuk-service-navigation__list" id="navigation">
                  {nav.map((item) => {
                    const active = item.href === activeHref;
                    return (
                      <li key={item.href} className={active ? "govuk-service-navigation__item govuk-service-navigation__item--active" : "govuk-service-navigation__item"}>
                        <Link className="govuk-service-navigation__link" to={item.href} aria-current={active ? "true" : undefined}>
                          {active ? <strong className="govuk-service-navigation__active-fallback">{item.text}</strong> : item.text}
                        </Link>
                      </li>
                    );
                  })}
                </ul>
              </nav>
            ) : null}
          </div>
        </div>
      </section>
      {staff ? (
        <div className="govuk-width-container">
          <p className="app-header-user govuk-!-margin-top-2 govuk-!-margin-bottom-0">
            Signed in as <strong>{staff.name}</strong> ({staff.roleLabels.join(", ")})
          </p>
          <Form method="post" action="/sign-out" className="govuk-!-display-inline">
            <input type="hidden" name="_csrf" value={data?.csrfToken ?? ""} />
            <button type="submit" className="govuk-link app-link-button govuk-body-s">
              Sign out
            </button>
          </Form>
        </div>
      ) : null}
    </header>
  );
}

export function Footer({ data }: { data: RootData | undefined }) {
  const t = translator(data?.language ?? "en");
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">{t("layout.footer.supportLinks")}</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/accessibility">
                  {t("layout.footer.accessibility")}
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/privacy">
                  {t("layout.footer.privacy")}
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/how-we-handle-complaints">
                  {t("layout.footer.howWeHandle")}
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={data?.staff ? "/cases" : "/sign-in"}>
                  {data?.staff ? "Work queue" : t("layout.footer.staffSignIn")}
                </a>
              </li>
            </ul>
            <span className="govuk-footer__licence-description">{t("layout.footer.licence", { council: data?.council?.name ?? "Council" })}</span>
          </div>
        </div>
      </div>
    </footer>
  );
}
