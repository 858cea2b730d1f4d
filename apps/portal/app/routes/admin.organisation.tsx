import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonLink, NotificationBanner, SummaryCard, Table, Tag } from "../components/govuk";
import { loadOrganisation } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Directorates, services and teams – Administration" }];

const SAVED: Record<string, string> = {
  plugins: "The service's plugins are saved, and the due dates of the open cases they move are recalculated.",
  structure: "The change is saved.",
};

export async function loader({ context, request }: LoaderFunctionArgs) {
  const organisation = await loadOrganisation(context, request);
  const isAdministrator = context.principal?.kind === "staff" && context.principal.grants.some((g) => g.role === "administrator");
  const changed = new URL(request.url).searchParams.get("changed") ?? "";
  return { ...organisation, isAdministrator, saved: SAVED[changed] ?? null };
}

export default function Organisation() {
  const { councilName, contacts, directorates, installed, isAdministrator, saved } = useLoaderData<typeof loader>();
  return (
    <Page
      breadcrumbs={[{ to: "/admin", text: "Administration" }]}
      caption={councilName}
      heading="Directorates, services and teams"
      banner={saved ? <NotificationBanner success heading={saved} /> : null}
    >
      <p className="govuk-body">
        Installed service plugins: {installed.length ? installed.map((p) => p.id).join(", ") : "none"}. A service follows the rules of the plugins it enables, over the council&rsquo;s
        profile. Staff see the cases of the directorates their roles are in.
      </p>
      <h2 className="govuk-heading-m">People the rules name</h2>
      {contacts.length ? (
        <Table caption="Told by email when the council's rules name them" captionSize="s" head={["Told as", "Post", "Name", "Email"]} rows={contacts.map((c) => [c.party, c.title, c.name, c.email])} />
      ) : (
        <p className="govuk-body">Nobody yet: a rule that names a post (the Head of Equality, the Chief Officer Legal) cannot tell them until they are named here.</p>
      )}
      {isAdministrator ? (
        <p className="govuk-body">
          <Link className="govuk-link" to="/admin/contacts">
            Change the people the rules name
          </Link>
        </p>
      ) : null}
      <h2 className="govuk-heading-m">Directorates</h2>
      {isAdministrator ? (
        <ButtonLink to="/admin/directorates/new" variant="secondary">
          Add a directorate
        </ButtonLink>
      ) : null}
      {directorates.map((d) => (
        <SummaryCard
          key={d.code}
          title={d.name}
          actions={
            isAdministrator ? (
              <>
                <Link className="govuk-link" to={`/admin/services/new?directorate=${d.code}`}>
                  Add a service<span className="govuk-visually-hidden"> to {d.name}</span>
                </Link>
                <Link className="govuk-link govuk-!-margin-left-4" to={`/admin/directorates/${d.code}`}>
                  Rename or retire<span className="govuk-visually-hidden"> {d.name}</span>
                </Link>
              </>
            ) : null
          }
        >
          <Table
            caption={`Services of ${d.name}`}
            captionSize="s"
            head={["Service", "Plugins", "Rules", "Stages", "Teams"]}
            rows={d.services.map((s) => [
              <>
                {isAdministrator ? (
                  <Link className="govuk-link" to={`/admin/services/${s.code}`}>
                    {s.name}
                  </Link>
                ) : (
                  s.name
                )}
                {s.offeredToPublic ? null : (
                  <span className="govuk-!-display-block govuk-!-margin-top-1">
                    <Tag colour="grey">Staff only</Tag>
                  </span>
                )}
              </>,
              <>
                {s.plugins.length ? s.plugins.map((p) => <Tag key={p} colour="blue">{p}</Tag>) : "None"}
                {isAdministrator ? (
                  <Link className="govuk-link govuk-!-display-block govuk-body-s" to={`/admin/plugins/${s.code}`}>
                    Change<span className="govuk-visually-hidden"> the plugins of {s.name}</span>
                  </Link>
                ) : null}
              </>,
              s.regime,
              s.stages.join(" → "),
              s.teams.join(", ") || "None",
            ])}
          />
        </SummaryCard>
      ))}
    </Page>
  );
}
