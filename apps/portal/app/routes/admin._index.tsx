import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { InsetText } from "../components/govuk";
import { requireAdministration } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Administration – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { runtime, staff } = await requireAdministration(context, request);
  const isAdministrator = staff.grants.some((g) => g.role === "administrator");
  // Role changes another administrator must decide (issue 20): said here so they are not missed.
  const waiting = isAdministrator ? (await context.api.admin.roleRequests.list()).filter((r) => !r.mine).length : 0;
  return { councilName: runtime.profile.name, isAdministrator, waiting };
}

const SECTIONS = [
  { to: "/admin/staff", title: "Staff and roles", text: "Add people, give them roles in each directorate, deactivate, unlock and reset passwords.", adminOnly: true },
  { to: "/admin/single-sign-on", title: "Single sign-on groups", text: "Groups at the council's identity provider that give staff their roles, so nobody needs setting up by hand.", adminOnly: true },
  { to: "/admin/organisation", title: "Directorates, services and teams", text: "The council's structure and the service plugins each service enables." },
  { to: "/admin/calendar", title: "Calendar and closure days", text: "Bank holidays of the nations the council follows, its own closure days and the cut-off time." },
  { to: "/admin/timescales", title: "Timescales", text: "The council's corporate timescales, and a service's own within what the law allows.", adminOnly: true },
  { to: "/admin/public-services", title: "Services on the online form", text: "Which services residents can choose when they complain online.", adminOnly: true },
  { to: "/admin/limits", title: "Delegated financial limits", text: "The most each role may approve as a financial remedy.", adminOnly: true },
  { to: "/admin/letterhead", title: "Letterhead and contact details", text: "The council's name, address and contact details on letters and the online forms.", adminOnly: true },
  { to: "/admin/contacts", title: "People the rules name", text: "Who the Chief Officer Legal, the Head of Equality and Legal Services are, told by email when the rules say so.", adminOnly: true },
  { to: "/admin/ombudsmen", title: "Ombudsman details", text: "How final responses tell residents to contact the Ombudsman.", adminOnly: true },
  { to: "/admin/rules", title: "Rules", text: "The resolved rules of each service and stage: every timescale, who set it, the rule it comes from and what it replaced." },
  { to: "/admin/profile-file", title: "The profile as a file", text: "Download the council's configuration as a profile file.", adminOnly: true },
  { to: "/admin/api-keys", title: "API keys", text: "Keys for the council's other systems to log cases and read their progress.", adminOnly: true },
  { to: "/audit-log", title: "Audit log", text: "Check that no record has been changed or removed, and read what administrators did.", adminOnly: true },
];

export default function Admin() {
  const { councilName, isAdministrator, waiting } = useLoaderData<typeof loader>();
  return (
    <Page caption={councilName} heading="Administration">
      {waiting > 0 ? (
        <InsetText>
          <Link className="govuk-link" to="/admin/staff#role-requests">
            {waiting === 1 ? "1 role change waits" : `${waiting} role changes wait`} for your approval
          </Link>
        </InsetText>
      ) : null}
      <ul className="govuk-list">
        {SECTIONS.filter((s) => isAdministrator || !("adminOnly" in s)).map((s) => (
          <li key={s.to} className="govuk-!-margin-bottom-6">
            <h2 className="govuk-heading-m govuk-!-margin-bottom-1">
              <Link className="govuk-link" to={s.to}>
                {s.title}
              </Link>
            </h2>
            <p className="govuk-body">{s.text}</p>
          </li>
        ))}
      </ul>
    </Page>
  );
}
