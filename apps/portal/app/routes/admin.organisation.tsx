import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Breadcrumbs, SummaryCard, Table, Tag } from "../components/govuk";
import { loadOrganisation } from "./admin.server";

export const meta: MetaFunction = () => [{ title: "Directorates, services and teams – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadOrganisation(context, request);
}

export default function Organisation() {
  const { councilName, directorates, installed } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/admin", text: "Administration" }]} />
      <main className="govuk-main-wrapper govuk-!-padding-top-4" id="main-content">
        <span className="govuk-caption-l">{councilName}</span>
        <h1 className="govuk-heading-l">Directorates, services and teams</h1>
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
                s.plugins.length ? s.plugins.map((p) => <Tag key={p} colour="blue">{p}</Tag>) : "None",
                s.regime,
                s.stages.join(" → "),
                s.teams.join(", ") || "None",
              ])}
            />
          </SummaryCard>
        ))}
      </main>
    </>
  );
}
