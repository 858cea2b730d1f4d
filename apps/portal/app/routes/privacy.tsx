import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Page } from "../components/page";
import { ContactDetails } from "../components/public-information";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Privacy notice: complaints, compliments and comments – ${data?.council ?? "Council"}` }];

/**
 * The privacy notice for complaints data, made from the council's profile and rules by the
 * API (decision 0515). What it says is collected is what the public forms ask; equality
 * answers are kept apart from the case (decision 0707).
 */
export async function loader({ context }: LoaderFunctionArgs) {
  return context.api.public.privacyNotice();
}

export default function PrivacyNotice() {
  const n = useLoaderData<typeof loader>();
  const years = `${n.retentionYearsAfterClosure} year${n.retentionYearsAfterClosure === 1 ? "" : "s"}`;
  return (
    <Page narrow heading="Privacy notice: complaints, compliments and comments">
      <p className="govuk-body-l">This notice explains what we do with the information you give us when you make a complaint, compliment or comment, and your rights.</p>

      <h2 className="govuk-heading-m">Who we are</h2>
      <p className="govuk-body">
        {n.council} is the data controller for this information.
        {n.controller.icoRegistration ? ` We are registered with the Information Commissioner's Office, number ${n.controller.icoRegistration}.` : ""}
      </p>
      <ContactDetails contact={n.controller} name={n.council} />

      <h2 className="govuk-heading-m">Our data protection officer</h2>
      <p className="govuk-body">You can contact our {n.dataProtectionOfficer.name} about how we use your information:</p>
      <ContactDetails contact={n.dataProtectionOfficer} name={`${n.dataProtectionOfficer.name}, ${n.council}`} />

      <h2 className="govuk-heading-m">What we collect</h2>
      <ul className="govuk-list govuk-list--bullet">
        <li>your name, unless you send a compliment or comment without it</li>
        <li>your contact details (email address, telephone number or postal address) and how you would like us to contact you</li>
        <li>what happened, and what you would like us to do to put things right</li>
        <li>what we and others write and record while we deal with it, such as letters, notes of phone calls and documents</li>
        <li>the details of anyone who complains for you, such as a relative, an advocate, a councillor or an MP</li>
      </ul>
      <h3 className="govuk-heading-s">Equality monitoring</h3>
      <p className="govuk-body">
        After you complain, we may ask you questions about yourself, such as your age, disability and ethnic group, to check that our services are fair to everyone. Answering is up to you, and you can skip any question. We only keep your answers if you agree. They are kept apart from your complaint: the people dealing with it cannot see them, and we only report them as totals, never showing groups of fewer than 5 people.
      </p>

      <h2 className="govuk-heading-m">Why we use it, and our lawful basis</h2>
      <p className="govuk-body">We use your information to deal with your complaint and reply to you, to put things right, to learn from complaints and to report on how we handle them.</p>
      <p className="govuk-body">
        Handling complaints is part of our public task, so our lawful basis is UK GDPR Article 6(1)(e). Your equality monitoring answers are special category data: we use them for reasons of substantial public interest, to check equality of opportunity and treatment (UK GDPR Article 9(2)(g) and Data Protection Act 2018 Schedule 1, paragraph 8).
      </p>

      <h2 className="govuk-heading-m">Who we share it with</h2>
      <p className="govuk-body">Council staff see it only as far as their work needs: those who deal with your complaint, the service it is about, and those who check how we handle complaints. We do not sell your information or use it for marketing.</p>
      <p className="govuk-body">If you ask one of these independent bodies to look at your case, or they ask us about it, we share its records with them:</p>
      <ul className="govuk-list govuk-list--bullet">
        {n.sharedWith.map((b) => (
          <li key={b.name}>
            the {b.name}
            {b.complaints && b.informationRequests ? ", for complaints and for how we answered a request for information" : b.informationRequests ? ", if you are unhappy with how we answered a request for information" : ", if you are unhappy with our final response to a complaint"}
          </li>
        ))}
      </ul>
      <p className="govuk-body">We may also have to share information when the law requires it, for example to protect someone from harm.</p>

      <h2 className="govuk-heading-m">How long we keep it</h2>
      <p className="govuk-body">
        We keep the records of a complaint, compliment or comment for {years} after we close it, then delete them. Equality monitoring answers are kept for the same time, unless you ask us to delete them sooner.
      </p>
      <p className="govuk-body">
        While you fill in the online form, we keep your answers so that you can go back and change them. If you do not send the form, we delete your answers a day after your last answer; once you send it, we delete them within an hour (they are then part of your complaint, compliment or comment).
      </p>

      <h2 className="govuk-heading-m">Your rights</h2>
      <p className="govuk-body">You have the right to:</p>
      <ul className="govuk-list govuk-list--bullet">
        <li>ask for a copy of the information we hold about you</li>
        <li>ask us to correct information that is wrong</li>
        <li>ask us to delete information, or to limit how we use it, in some circumstances</li>
        <li>object to how we use your information</li>
        <li>withdraw your agreement to us keeping your equality monitoring answers at any time</li>
      </ul>
      <p className="govuk-body">To use any of these rights, contact our {n.dataProtectionOfficer.name}.</p>

      <h2 className="govuk-heading-m">If you are unhappy with how we use your information</h2>
      <p className="govuk-body">Contact our {n.dataProtectionOfficer.name} first. You can also complain to the {n.ico.name}:</p>
      <ContactDetails contact={{ phone: n.ico.phone, website: n.ico.website }} />
    </Page>
  );
}
