import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { ButtonGroup, ButtonLink, NotificationBanner, Table, Tag } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { attempt, readForm } from "../utils/forms.server";
import { formatDateTime } from "../utils/labels";
import { adminRead, decisionFrom, describeGrants, describeRoleRequests, grantChoices, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Staff and roles – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const [staff, choices, requests] = await Promise.all([adminRead(() => context.api.admin.staff.list()), grantChoices(context), adminRead(() => context.api.admin.roleRequests.list())]);
  const url = new URL(request.url);
  const added = url.searchParams.get("added");
  const decided = url.searchParams.get("decided");
  const decidedFor = url.searchParams.get("for");
  return {
    added: added ? (staff.find((s) => s.id === added)?.name ?? null) : null,
    decided: decided === "approved" || decided === "refused" ? { decision: decided, name: staff.find((s) => s.id === decidedFor)?.name ?? "the member of staff" } : null,
    requests: describeRoleRequests(requests, staff, choices.directorates),
    staff: staff
      .map((s) => ({ id: s.id, name: s.name, email: s.email, active: s.active, sso: s.sso, hasPassword: s.hasPassword, roles: describeGrants(s.roles, choices.directorates) }))
      .sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name)),
  };
}

/** Another administrator approves or refuses a role change waiting for them (issue 20). */
export async function action({ context, request }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  const form = await readForm(request, context);
  const decision = decisionFrom(form);
  if (!decision) throw data("There is no such action.", { status: 400 });
  const waiting = await adminRead(() => context.api.admin.roleRequests.list());
  const staffId = waiting.find((r) => r.id === decision.requestId)?.staffId ?? "";
  const result = await attempt(form, () => context.api.admin.roleRequests.decide(decision));
  return result.ok ? redirect(`/admin/staff?decided=${decision.decision}&for=${staffId}#role-requests`, 303) : result.response;
}

export default function StaffList() {
  const { staff, added, decided, requests } = useLoaderData<typeof loader>();
  const { errors } = useFormState();
  return (
    <Page
      breadcrumbs={[{ to: "/admin", text: "Administration" }]}
      errors={errors}
      heading="Staff and roles"
      banner={
        <>
          {added ? (
            <NotificationBanner success heading={<>{added} has been added.</>} />
          ) : null}
          {decided ? (
            <NotificationBanner success heading={decided.decision === "approved" ? `Approved: ${decided.name} has the roles asked for.` : `Refused: ${decided.name} keeps the roles they had.`} />
          ) : null}
        </>
      }
    >
      {requests.length > 0 ? <RoleRequests requests={requests} /> : null}
      <ButtonGroup>
        <ButtonLink to="/admin/staff/new">Add a member of staff</ButtonLink>
        <ButtonLink to="/admin/staff/import" variant="secondary">
          Import staff from a spreadsheet
        </ButtonLink>
      </ButtonGroup>
      <Table
        caption={staff.length === 1 ? "1 person" : `${staff.length} people`}
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
    </Page>
  );
}

type Request = Awaited<ReturnType<typeof loader>>["requests"][number];

/**
 * Role changes an administrator asked for themselves: another administrator approves or
 * refuses each; the one who asked sees theirs waiting, without buttons.
 */
function RoleRequests({ requests }: { requests: readonly Request[] }) {
  return (
    <section aria-labelledby="role-requests" className="govuk-!-margin-bottom-8">
      <h2 className="govuk-heading-m" id="role-requests">
        Role changes waiting for approval
      </h2>
      <p className="govuk-body">An administrator who gives themselves a role that reads cases only asks for it: another administrator must approve it.</p>
      <Table
        head={["For", "Roles asked for", "Asked", "Decision"]}
        rows={requests.map((r) => [
          <Link key={r.id} className="govuk-link" to={`/admin/staff/${r.staffId}`}>
            {r.staffName}
          </Link>,
          <ul key="roles" className="govuk-list govuk-body-s">
            {r.roles.map((role) => (
              <li key={role}>{role}</li>
            ))}
          </ul>,
          <>
            {formatDateTime(r.requestedAt)}
            <span className="govuk-body-s govuk-!-display-block">by {r.mine ? "you" : r.requestedByName}</span>
          </>,
          r.mine ? (
            <>
              <Tag colour="yellow">Waiting</Tag>
              <span className="govuk-body-s govuk-!-display-block">Another administrator must decide on a change you asked for.</span>
            </>
          ) : (
            <div key="decide">
              <PostForm className="app-inline-form">
                <input type="hidden" name="requestId" value={r.id} />
                <button type="submit" name="intent" value="approve" className="govuk-button govuk-!-margin-bottom-2" data-module="govuk-button">
                  Approve<span className="govuk-visually-hidden"> the roles asked for {r.staffName}</span>
                </button>
              </PostForm>
              <PostForm className="app-inline-form">
                <input type="hidden" name="requestId" value={r.id} />
                <button type="submit" name="intent" value="refuse" className="govuk-button govuk-button--warning govuk-!-margin-bottom-2" data-module="govuk-button">
                  Refuse<span className="govuk-visually-hidden"> the roles asked for {r.staffName}</span>
                </button>
              </PostForm>
            </div>
          ),
        ])}
      />
    </section>
  );
}
