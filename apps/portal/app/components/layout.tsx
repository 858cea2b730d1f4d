import { Form, Link, useLocation } from "@remix-run/react";
import type { RootData } from "../root";

export function SkipLink() {
  return (
    <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
      Skip to main content
    </a>
  );
}

/**
 * The council's own header (GOV.UK Frontend's generic header: councils are not GOV.UK, so no
 * crown) and the service navigation: the public links, or the staff sections the role opens.
 */
export function Header({ data }: { data: RootData | undefined }) {
  const councilName = data?.council?.name ?? "Council";
  const staff = data?.staff ?? null;
  const nav = data?.nav ?? [];
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
      <section aria-label="Service information" className="govuk-service-navigation" data-module="govuk-service-navigation">
        <div className="govuk-width-container">
          <div className="govuk-service-navigation__container">
            <span className="govuk-service-navigation__service-name">
              <a href={staff ? "/cases" : "/"} className="govuk-service-navigation__link">
                {staff ? "Complaints case management" : "Complaints, compliments and comments"}
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
                  Menu
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
  return (
    <footer className="govuk-footer">
      <div className="govuk-width-container">
        <div className="govuk-footer__meta">
          <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
            <h2 className="govuk-visually-hidden">Support links</h2>
            <ul className="govuk-footer__inline-list">
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/accessibility">
                  Accessibility statement
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/privacy">
                  Privacy
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href="/how-we-handle-complaints">
                  How we handle complaints
                </a>
              </li>
              <li className="govuk-footer__inline-list-item">
                <a className="govuk-footer__link" href={data?.staff ? "/cases" : "/sign-in"}>
                  {data?.staff ? "Work queue" : "Staff sign in"}
                </a>
              </li>
            </ul>
            <span className="govuk-footer__licence-description">{data?.council?.name ?? "Council"} complaints service. Open source under the MIT licence.</span>
          </div>
        </div>
      </div>
    </footer>
  );
}
