import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { NotificationBanner, SummaryList } from "../components/govuk";
import { Page } from "../components/page";
import { currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Ombudsman details – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  return {
    saved: new URL(request.url).searchParams.get("saved") === "1",
    ombudsmen: Object.entries(profile.ombudsmen).map(([key, c]) => ({ key, name: c.name, lines: [...c.addressLines, c.postcode, c.phone, c.email, c.website].filter((x): x is string => Boolean(x)) })),
  };
}

export default function Ombudsmen() {
  const { ombudsmen, saved } = useLoaderData<typeof loader>();
  return (
    <Page
      back={{ to: "/admin", text: "Back to administration" }}
      narrow
      caption="Administration"
      heading="Ombudsman details"
      banner={saved ? <NotificationBanner success heading="The Ombudsman's details are saved. Letters issued from now on use them." /> : null}
    >
      <p className="govuk-body">Final responses tell residents how to contact the Ombudsman who can look at their complaint next. Keep these details as the Ombudsmen publish them.</p>
      <SummaryList
        rows={ombudsmen.map((o) => ({
          key: o.name,
          value: (
            <ul className="govuk-list">
              {o.lines.map((l) => (
                <li key={l}>{l}</li>
              ))}
            </ul>
          ),
          action: { href: `/admin/ombudsmen/${o.key}`, text: "Change", hidden: `the details of the ${o.name}` },
        }))}
      />
    </Page>
  );
}
