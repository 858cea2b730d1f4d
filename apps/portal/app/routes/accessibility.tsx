import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "../components/page";
import { ContactDetails, WebLink } from "../components/public-information";
import { formatDate } from "../utils/labels";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Accessibility statement – ${data?.council ?? "Council"}` }];

/**
 * The accessibility statement the Accessibility Regulations 2018 (reg 7) require, in the order
 * and words of GOV.UK's model statement, made from the council's profile by the API
 * (decision 0515). The site it covers is the one the request came to.
 */
export async function loader({ context, request }: LoaderFunctionArgs) {
  const statement = await context.api.public.accessibilityStatement();
  return { ...statement, site: new URL(request.url).origin };
}

const REGULATIONS = "Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018";

export default function AccessibilityStatement() {
  const s = useLoaderData<typeof loader>();
  const reportTo = { phone: s.contact.phone, email: s.contact.email };
  return (
    <Page narrow heading={`Accessibility statement for the ${s.council} complaints service`}>
      <p className="govuk-body">
        This accessibility statement applies to the online service for complaints, compliments and comments at <WebLink site={s.site} />.
      </p>
      <p className="govuk-body">This website is run by {s.council}. We want as many people as possible to be able to use this website. For example, that means you should be able to:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>change colours, contrast levels and fonts using your browser or device settings</li>
        <li>use every page with JavaScript switched off</li>
        <li>answer one question at a time, with a clear message if an answer is missing</li>
        <li>download our letters as tagged PDF documents that screen readers can read</li>
      </ul>
      <p className="govuk-body">We have also made the website text as simple as possible to understand.</p>
      <p className="govuk-body">
        <WebLink site="mcmw.abilitynet.org.uk">AbilityNet</WebLink> has advice on making your device easier to use if you have a disability.
      </p>

      <h2 className="govuk-heading-m">How accessible this website is</h2>
      {s.knownIssues.length > 0 ? (
        <>
          <p className="govuk-body">We know some parts of this website are not fully accessible:</p>
          <ul className="govuk-list govuk-list--bullet">
            {s.knownIssues.map((i) => (
              <li key={i.issue}>{i.issue}</li>
            ))}
          </ul>
        </>
      ) : (
        <p className="govuk-body">
          We do not know of any part of this website that is not accessible. {s.councilTest ? "" : "It has not yet had a full accessibility audit, so there may be problems we have not found. "}Please tell us about any problem you meet.
        </p>
      )}

      <h2 className="govuk-heading-m">Feedback and contact information</h2>
      <p className="govuk-body">If you need information on this website in a different format, or help to make a complaint, contact us. We can offer:</p>
      <ul className="govuk-list govuk-list--bullet">
        {s.otherFormats.map((f) => (
          <li key={f}>{f}</li>
        ))}
      </ul>
      <ContactDetails contact={s.contact} name={s.council} />

      <h2 className="govuk-heading-m">Reporting accessibility problems with this website</h2>
      <p className="govuk-body">We are always looking to improve the accessibility of this website. If you find any problems not listed on this page or think we are not meeting accessibility requirements, contact us:</p>
      <ContactDetails contact={reportTo} />

      <h2 className="govuk-heading-m">Enforcement procedure</h2>
      <p className="govuk-body">
        The {s.enforcement.body} is responsible for enforcing the {REGULATIONS} (the ‘accessibility regulations’). If you are not happy with how we respond to your complaint, contact the{" "}
        <WebLink site={s.enforcement.website}>{s.enforcement.adviser}</WebLink>.
      </p>

      <h2 className="govuk-heading-m">Technical information about this website’s accessibility</h2>
      <p className="govuk-body">
        {s.council} is committed to making its website accessible, in accordance with the {REGULATIONS}.
      </p>
      <h3 className="govuk-heading-s">Compliance status</h3>
      {s.compliance === "full" ? (
        <p className="govuk-body">This website is fully compliant with the Web Content Accessibility Guidelines version 2.2 AA standard.</p>
      ) : s.compliance === "partial" ? (
        <p className="govuk-body">
          This website is partially compliant with the Web Content Accessibility Guidelines version 2.2 AA standard
          {s.knownIssues.length > 0 ? ", due to the non-compliances listed below." : ". We know of no failures, but until the website has had a full audit we do not claim that it is fully compliant."}
        </p>
      ) : (
        <p className="govuk-body">This website is not compliant with the Web Content Accessibility Guidelines version 2.2 AA standard. The non-compliances are listed below.</p>
      )}
      {s.knownIssues.length > 0 ? (
        <>
          <h3 className="govuk-heading-s">Non-accessible content</h3>
          <p className="govuk-body">The content listed below is non-accessible for the following reasons.</p>
          <h4 className="govuk-heading-s">Non-compliance with the accessibility regulations</h4>
          <ul className="govuk-list govuk-list--bullet">
            {s.knownIssues.map((i) => (
              <li key={i.issue}>
                {i.issue}.{i.criterion ? ` This fails WCAG 2.2 success criterion ${i.criterion}.` : ""}
                {i.fixBy ? ` We plan to fix this by ${formatDate(i.fixBy)}.` : ""}
              </li>
            ))}
          </ul>
        </>
      ) : null}

      <h2 className="govuk-heading-m">How we tested this website</h2>
      <p className="govuk-body">
        Every page of this service is checked automatically with axe-core against the WCAG 2.2 A and AA rules it can test, with JavaScript switched on and off, each time its software changes. Automated checks find only some kinds of accessibility problem.
      </p>
      <p className="govuk-body">
        {s.councilTest
          ? `This website was last tested on ${formatDate(s.councilTest.on)}${s.councilTest.by ? `. The test was carried out by ${s.councilTest.by}.` : "."}`
          : "We have not yet tested this website ourselves, for example with disabled people or with assistive technology such as screen readers."}
      </p>

      <h2 className="govuk-heading-m">Preparation of this accessibility statement</h2>
      <p className="govuk-body">
        {s.preparedOnSet
          ? `This statement was prepared on ${formatDate(s.preparedOn)}.`
          : `This statement is made from our complaints service’s settings, which were last changed on ${formatDate(s.preparedOn)}.`}
        {s.reviewedOn ? ` It was last reviewed on ${formatDate(s.reviewedOn)}.` : ""}
      </p>
    </Page>
  );
}
