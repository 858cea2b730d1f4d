import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { SummaryList } from "../components/govuk";
import { Page } from "../components/page";
import { formatDateTime } from "../utils/labels";
import { currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "The profile as a file – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile, basedOn } = await currentProfile(context, request);
  return { id: profile.id, name: profile.name, updatedAt: basedOn, services: profile.directorates.reduce((n, d) => n + d.services.length, 0), directorates: profile.directorates.length };
}

export default function ProfileFile() {
  const { id, name, updatedAt, services, directorates } = useLoaderData<typeof loader>();
  return (
    <Page back={{ to: "/admin", text: "Back to administration" }} narrow caption="Administration" heading="The profile as a file">
      <p className="govuk-body">
        Everything these pages configure is the council&rsquo;s profile. Download it to keep a copy, to review it with colleagues, or to install the same configuration on another
        server.
      </p>
      <SummaryList
        rows={[
          { key: "Council", value: `${name} (profile "${id}")` },
          { key: "Structure", value: `${directorates} directorates, ${services} services` },
          { key: "Last changed", value: formatDateTime(updatedAt) },
        ]}
      />
      <ul className="govuk-list">
        <li>
          <a className="govuk-link" href="/admin/profile-file/yaml" download>
            Download the profile as YAML
          </a>
        </li>
        <li>
          <a className="govuk-link" href="/admin/profile-file/json" download>
            Download the profile as JSON
          </a>
        </li>
      </ul>
      <p className="govuk-body">
        The same file as <code>npm run council -- export</code> writes: after editing it, <code>npm run council -- update --profile &lt;file&gt; --dry-run</code> says what would
        change.
      </p>
    </Page>
  );
}
