import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Breadcrumbs, ButtonLink, NotificationBanner, Table, Tag } from "../components/govuk";
import { adminRead, describeGrants, grantChoices, requireAdministrator } from "./admin.staff.server";

export const meta: MetaFunction = () => [{ title: "Staff and roles – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const [staff, choices] = await Promise.all([adminRead(() => context.api.admin.staff.list()), grantChoices(context)]);
  const added = new URL(request.url).searchParams.get("added");
  return {
    added: added ? (staff.find((s) => s.id === added)?.name ?? null) : null,
    staff: staff
      .map((s) => ({ id: s.id, name: s.name, email: s.email, active: s.active, sso: s.sso, hasPassword: s.hasPassword, roles: describeGrants(s.roles, choices.directorates) }))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)),
  };
}

export default function StaffList() {
  const { staff, added } = useLoaderData<typeof loader>();
  return (
    <>
      <Breadcrumbs items={[{ to: "/admin", text: "Administration" }]} />
      <main className="govuk-main-wrapper govuk-!-padding-top-4" id="main-content">
        {added ? (
          <NotificationBanner success>
            <p className="govuk-notification-banner__heading">{added} has been added.</p>
          </NotificationBanner>
        ) : null}
        <h1 className="govuk-heading-l">Staff and roles</h1>
        <ButtonLink to="/admin/staff/new">Add a member of staff</ButtonLink>
        <Table
          caption={`${staff.length} people`}
          captionSize="s"
          head={["Name", "Email", "Roles", "Account"]}
          rows={staff.map((s) => [
            <Link key={s.id} className="govuk-link" to={`/admin/staff/${s.id}`}>
              {s.name}
            </Link>,
            s.email,
            s.roles.length ? (
              <ul className="govuk-list govuk-body-s">
                {s.roles.map((r) => (
                  <li key={r}>{r}</li>
                ))}
              </ul>
            ) : (
              "No roles"
            ),
            <>
              {s.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag>}
              <span className="govuk-body-s govuk-!-display-block">{s.sso ? "Council account (single sign-on)" : s.hasPassword ? "Password" : "No way to sign in yet"}</span>
            </>,
          ])}
        />
      </main>
    </>
  );
}
