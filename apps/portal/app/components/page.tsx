import type { ReactNode } from "react";
import { BackLink, Breadcrumbs, Caption, ErrorSummary, type FieldErrors } from "./govuk";

export interface PageProps {
  /** A back link above the page (a step of a task): GOV.UK's back link component. */
  back?: { to: string; text: string };
  /** Breadcrumbs above the page (a page within a section); the page starts closer under them. */
  breadcrumbs?: Array<{ to: string; text: string }>;
  /** Two thirds of the width, GOV.UK's measure for forms and reading. */
  narrow?: boolean;
  /** The "There is a problem" summary: first on the page, as GOV.UK's error summary asks. */
  errors?: FieldErrors | null | undefined;
  /** Notification banners (and warnings) that stand above the heading. */
  banner?: ReactNode;
  caption?: ReactNode;
  heading?: ReactNode;
  children?: ReactNode;
}

/**
 * A staff or public page's GOV.UK frame, one definition for every route: the back link or
 * breadcrumbs, the `main` landmark the skip link targets, the grid, then the error summary,
 * banners, caption and heading in the order GOV.UK's patterns put them.
 */
export function Page({ back, breadcrumbs, narrow, errors, banner, caption, heading, children }: PageProps) {
  const content = (
    <>
      <ErrorSummary errors={errors} />
      {banner}
      {caption ? <Caption>{caption}</Caption> : null}
      {heading ? <h1 className="govuk-heading-l">{heading}</h1> : null}
      {children}
    </>
  );
  return (
    <>
      {back ? <BackLink to={back.to}>{back.text}</BackLink> : null}
      {breadcrumbs ? <Breadcrumbs items={breadcrumbs} /> : null}
      <main className={breadcrumbs ? "govuk-main-wrapper govuk-!-padding-top-4" : "govuk-main-wrapper"} id="main-content">
        {narrow ? (
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-two-thirds">{content}</div>
          </div>
        ) : (
          content
        )}
      </main>
    </>
  );
}
