import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink } from "../components/govuk";
import { Page } from "../components/page";
import { AlreadyComplainedLinks } from "../components/public-information";

export const meta: MetaFunction = () => [{ title: "Complaints, compliments and comments" }];

export async function loader({ context }: LoaderFunctionArgs) {
  return { signedIn: context.principal?.kind === "staff" };
}

export default function Start() {
  const { signedIn } = useLoaderData<typeof loader>();
  return (
    <Page>
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h1 className="govuk-heading-xl">Make a complaint, compliment or comment</h1>
          <p className="govuk-body">Tell us what went wrong, or what went well, with any of our services.</p>
          <p className="govuk-body">Use this service to:</p>
          <ul className="govuk-list govuk-list--bullet">
            <li>make a complaint and say what you would like us to do to put things right</li>
            <li>pay us a compliment or make a comment</li>
            <li>ask for your complaint to go to the next stage if you are unhappy with our answer</li>
            <li>check how your complaint is going</li>
          </ul>
          <p className="govuk-body">It takes about 10 minutes. You do not need an account.</p>
          <p className="govuk-body">
            Read <Link className="govuk-link" to="/how-we-handle-complaints">how we handle complaints</Link>: the stages, how long each takes and what you can do if you are unhappy with our answer.
          </p>
          <ButtonLink to="/complain" variant="start">
            Start now
          </ButtonLink>
          <h2 className="govuk-heading-m">Already made a complaint?</h2>
          <AlreadyComplainedLinks />
          <h2 className="govuk-heading-m">Other ways to complain</h2>
          <p className="govuk-body">You can also complain by phone, by post, or in person at any council office. We will help you if you need it.</p>
        </div>
        <div className="govuk-grid-column-one-third">
          <aside className="govuk-!-margin-top-6" role="complementary" aria-labelledby="staff-heading">
            <h2 className="govuk-heading-s" id="staff-heading">
              Council staff
            </h2>
            <p className="govuk-body-s">
              <Link className="govuk-link" to={signedIn ? "/cases" : "/sign-in"}>
                {signedIn ? "Go to your work queue" : "Sign in to case management"}
              </Link>
            </p>
          </aside>
        </div>
      </div>
    </Page>
  );
}
