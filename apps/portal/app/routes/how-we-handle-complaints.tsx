import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ButtonLink, Details } from "../components/govuk";
import { Page } from "../components/page";
import { AlreadyComplainedLinks, ContactDetails, Flow } from "../components/public-information";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `How we handle complaints – ${data?.council ?? "Council"}` }];

/** The council's complaint flows, made from its own rules by the API (decision 0515). */
export async function loader({ context }: LoaderFunctionArgs) {
  return context.api.public.howWeHandleComplaints();
}

type Process = Awaited<ReturnType<typeof loader>>["processes"][number];

function headingOf(process: Process, index: number, complaintGroups: number): string {
  if (process.kind === "foi-eir-review") return "Complaints about how we answered a request for information";
  if (complaintGroups === 1) return "The stages of a complaint";
  // The largest group comes first: the services that follow the council's usual procedure.
  if (index === 0 && process.services.length > 3) return "Complaints about most of our services";
  return `Complaints about ${process.services.join(", ").replace(/, ([^,]*)$/, " and $1")}`;
}

export default function HowWeHandleComplaints() {
  const { council, processes, feedback, contact } = useLoaderData<typeof loader>();
  const complaintGroups = processes.filter((p) => p.kind === "complaint").length;
  const sections = processes.map((p, i) => ({ process: p, id: `flow-${i + 1}`, heading: headingOf(p, i, complaintGroups) }));
  const timeLimit = processes.find((p) => p.timeLimit)?.timeLimit;
  return (
    <Page narrow heading="How we handle complaints">
      <p className="govuk-body-l">
        {council} deals with complaints in stages. Each stage below says what we do, how long it takes and what you can do next if you are unhappy with our answer.
      </p>
      <p className="govuk-body">Working days are Monday to Friday, not counting bank holidays.{timeLimit ? ` ${timeLimit}` : ""}</p>
      <ButtonLink to="/complain" variant="start">
        Make a complaint
      </ButtonLink>
      {sections.length > 1 ? (
        <nav aria-labelledby="contents-heading" className="govuk-!-margin-bottom-8">
          <h2 className="govuk-heading-s" id="contents-heading">
            Contents
          </h2>
          <ul className="govuk-list">
            {sections.map((s) => (
              <li key={s.id}>
                <a className="govuk-link" href={`#${s.id}-heading`}>
                  {s.heading}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      {sections.map(({ process, id, heading }) => (
        <section key={id} aria-labelledby={`${id}-heading`} className="govuk-!-margin-bottom-9">
          <h2 className="govuk-heading-m" id={`${id}-heading`}>
            {heading}
          </h2>
          {process.kind === "foi-eir-review" ? (
            <p className="govuk-body">If you are unhappy with how we answered a Freedom of Information or Environmental Information request, we look at it again in an internal review. It does not go through the usual complaint stages.</p>
          ) : heading.startsWith("Complaints about most") ? (
            <Details summary="Which services this covers">
              <ul className="govuk-list govuk-list--bullet">
                {process.services.map((s) => (
                  <li key={s}>{s}</li>
                ))}
              </ul>
            </Details>
          ) : null}
          <Flow id={id} steps={process.steps} end={process.finalBody} />
        </section>
      ))}
      {feedback ? (
        <>
          <h2 className="govuk-heading-m">Compliments and comments</h2>
          <p className="govuk-body">{feedback} They do not go through these stages.</p>
        </>
      ) : null}
      <h2 className="govuk-heading-m">If you have already complained</h2>
      <AlreadyComplainedLinks />
      <h2 className="govuk-heading-m">Contact us</h2>
      <p className="govuk-body">You can also complain, or ask for help to complain, by phone, by post or in person.</p>
      <ContactDetails contact={contact} name={council} />
    </Page>
  );
}
