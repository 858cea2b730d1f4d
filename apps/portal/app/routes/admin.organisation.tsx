import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NotificationBanner, SummaryCard, Table, Tag } from "../components/govuk";
import { loadOrganisation } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Directorates, services and teams – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const organisation = await loadOrganisation(context, request);
  const isAdministrator = context.principal?.kind === "staff" && context.principal.grants.some((g) => g.role === "administrator");
  return { ...organisation, isAdministrator, changed: new URL(request.url).searchParams.get("changed") === "plugins" };
}

export default function Organisation() {
  const { councilName, directorates, installed, isAdministrator, changed } = useLoaderData<typeof loader>();
  return (
    <Page
      breadcrumbs={[{ to: "/admin", text: "Administration" }]}
      caption={councilName}
      heading="Directorates, services and teams"
      banner={changed ? (
        <NotificationBanner success heading={<>The service&rsquo;s plugins are saved and its open cases&rsquo; deadlines recalculated.</>} />
      ) : null}
    >
      <p className="govuk-body">
        Installed service plugins: {installed.length ? installed.map((p) => p.id).join(", ") : "none"}. A service follows the rules of the plugins it enables, over the council&rsquo;s
        profile.
      </p>
      {directorates.map((d) => (
        <SummaryCard key={d.code} title={d.name}>
          <Table
            caption={`Services of ${d.name}`}
            captionSize="s"
            head={["Service", "Plugins", "Rules", "Stages", "Teams"]}
            rows={d.services.map((s) => [
              s.name,
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
