import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Input, NotificationBanner, SummaryList, Tag } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { GrantPicker } from "../components/grants";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { formatDateTime } from "../utils/labels";
import { adminRead, describeGrants, describeRoleRequests, grantChoices, grantValue, grantsFrom, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.person.name} – Staff and roles` : "Staff" }];

const DONE: Record<string, string> = {
  roles: "Their roles are saved.",
  // setRoles answered a pendingRequestId: nothing changed yet (issue 20).
  requested: "Your roles are not changed yet: giving yourself a role that reads cases needs a second administrator's approval. Another administrator can approve it under Staff and roles.",
  deactivated: "The account is deactivated: they are signed out and cannot sign in.",
  reactivated: "The account is active again.",
  unlocked: "The account is unlocked: they can try to sign in again now.",
  password: "The new password is set and their sessions have ended. Give it to them in person.",
};

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const me = requireAdministrator(context, request);
  const [staff, choices, requests] = await Promise.all([adminRead(() => context.api.admin.staff.list()), grantChoices(context), adminRead(() => context.api.admin.roleRequests.list())]);
  const person = staff.find((s) => s.id === params.staffId);
  if (!person) throw data("There is no such member of staff.", { status: 404 });
  const done = new URL(request.url).searchParams.get("done") ?? "";
  const pending = describeRoleRequests(requests, staff, choices.directorates).find((r) => r.staffId === person.id) ?? null;
  return {
    person: { ...person, roleNames: describeGrants(person.roles, choices.directorates), grants: person.roles.map(grantValue) },
    choices,
    isMe: person.id === me.id,
    done: DONE[done] ?? null,
    pending,
  };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  const staffId = params.staffId ?? "";
  const form = await readForm(request, context);
  const back = (done: string) => redirect(`/admin/staff/${staffId}?done=${done}`, 303);
  switch (text(form, "intent")) {
    case "roles": {
      const roles = grantsFrom(form);
      const result = await attempt(form, () => context.api.admin.staff.setRoles({ staffId, roles }));
      if (!result.ok) return result.response;
      return back(result.value.pendingRequestId ? "requested" : "roles");
    }
    case "deactivate":
    case "reactivate": {
      const active = text(form, "intent") === "reactivate";
      const result = await attempt(form, () => context.api.admin.staff.update({ staffId, active }));
      return result.ok ? back(active ? "reactivated" : "deactivated") : result.response;
    }
    case "unlock": {
      const result = await attempt(form, () => context.api.admin.staff.unlock({ staffId }));
      return result.ok ? back("unlocked") : result.response;
    }
    case "password": {
      const password = typeof form.get("password") === "string" ? (form.get("password") as string) : "";
      if (!password) return failure({ password: "Enter a new password" }, form);
      try {
        await context.api.admin.staff.resetPassword({ staffId, password });
      } catch (error) {
        const d = describeApiError(error);
        if (d.status >= 500) throw error;
        return failure({ password: d.fields.password ?? d.message }, form, d.status);
      }
      return back("password");
    }
    default:
      throw data("There is no such action.", { status: 400 });
  }
}

export default function StaffMember() {
  const { person, choices, isMe, done, pending } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const chosen = values.grant !== undefined ? values.grant.split("\n").filter(Boolean) : person.grants;
  return (
    <Page
      back={{ to: "/admin/staff", text: "Back to staff and roles" }}
      narrow
      errors={errors}
      caption="Staff and roles"
      heading={person.name}
      banner={done ? (
        <NotificationBanner success={done !== DONE.requested} heading={done} />
      ) : null}
    >
      <SummaryList
        rows={[
          { key: "Email", value: person.email },
          person.jobTitle ? { key: "Job title", value: person.jobTitle } : null,
          { key: "Account", value: person.active ? <Tag colour="green">Active</Tag> : <Tag colour="grey">Deactivated</Tag> },
          { key: "Signs in with", value: person.sso ? "Their council account (single sign-on)" : person.hasPassword ? "A password" : "Nothing yet: set a password below" },
          { key: "Roles", value: person.roleNames.length ? <ul className="govuk-list">{person.roleNames.map((r) => <li key={r}>{r}</li>)}</ul> : "None" },
          pending
            ? {
                key: "Waiting for approval",
                value: (
                  <>
                    <ul className="govuk-list">
                      {pending.roles.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                    <p className="govuk-body-s govuk-!-margin-bottom-0">
                      Asked by {pending.mine ? "you" : pending.requestedByName} on {formatDateTime(pending.requestedAt)}.{" "}
                      {pending.mine ? (
                        "Another administrator must approve it."
                      ) : (
                        <Link className="govuk-link" to="/admin/staff#role-requests">
                          Approve or refuse it
                        </Link>
                      )}
                    </p>
                  </>
                ),
              }
            : null,
        ]}
      />

      <h2 className="govuk-heading-m">Change roles</h2>
      <PostForm>
        <GrantPicker choices={choices} chosen={chosen} error={errors.grant} />
        <Button name="intent" value="roles">
          Save roles
        </Button>
      </PostForm>

      <h2 className="govuk-heading-m">Reset password</h2>
      <PostForm>
        <Input name="password" type="password" label="New password" labelSize="s" hint="At least 12 characters. Their sessions end; give it to them in person." autoComplete="new-password" error={errors.password} />
        <Button name="intent" value="password" variant="secondary">
          Set the new password
        </Button>
      </PostForm>

      <h2 className="govuk-heading-m">Locked out?</h2>
      <p className="govuk-body">After 5 wrong passwords an account is locked for a while. Unlock it once you know it is really them.</p>
      <PostForm>
        <Button name="intent" value="unlock" variant="secondary">
          Unlock the account
        </Button>
      </PostForm>

      {!isMe ? (
        <>
          <h2 className="govuk-heading-m">{person.active ? "Deactivate the account" : "Reactivate the account"}</h2>
          <p className="govuk-body">{person.active ? "They are signed out at once and cannot sign in. Their cases and history stay." : "They can sign in again with their roles."}</p>
          <PostForm>
            {person.active ? (
              <Button name="intent" value="deactivate" variant="warning">
                Deactivate {person.name}
              </Button>
            ) : (
              <Button name="intent" value="reactivate" variant="secondary">
                Reactivate {person.name}
              </Button>
            )}
          </PostForm>
        </>
      ) : null}
    </Page>
  );
}
