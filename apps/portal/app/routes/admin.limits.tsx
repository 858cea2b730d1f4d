import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { limitsInput, profileEdit, ROLE_LABELS, STAFF_ROLES } from "@complaints/core";
import { Input, NotificationBanner, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Delegated financial limits – Administration" }];

/** The roles that may approve a financial remedy: those who decide complaints, not support roles. */
const APPROVERS = STAFF_ROLES.filter((r) => !["customer-services", "administrator", "auditor", "quality-assurance"].includes(r));

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const limit = new Map(profile.delegatedLimits.map((l) => [l.role as string, l.maxPounds]));
  return {
    saved: new URL(request.url).searchParams.get("saved") === "1",
    roles: APPROVERS.map((role) => ({ role, label: ROLE_LABELS[role], maxPounds: limit.get(role) ?? null })),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/limits?saved=1",
    input: limitsInput,
    edit: profileEdit.setDelegatedLimits,
  });
}

export default function Limits() {
  const { roles, saved } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Delegated financial limits" heading="Check the new limits" />;
  const posted = wasPosted(values);
  return (
    <Page
      back={{ to: "/admin", text: "Back to administration" }}
      narrow
      errors={errors}
      caption="Administration"
      heading="Delegated financial limits"
      banner={saved ? <NotificationBanner success heading="The delegated limits are saved." /> : null}
    >
      <p className="govuk-body">The most each role may approve as a financial remedy on a complaint. Leave a role empty if it may not approve payments; a larger remedy goes to a role with a higher limit.</p>
      <ConfigForm>
        {roles.map((r, i) => (
          <div key={r.role}>
            <input type="hidden" name={`limits[${i}].role`} value={r.role} />
            <Input name={`limits[${i}].maxPounds`} label={r.label} labelSize="s" prefix="£" inputMode="decimal" width="10" error={errors[`limits[${i}].maxPounds`]} defaultValue={posted ? values[`limits[${i}].maxPounds`] : r.maxPounds === null ? "" : String(r.maxPounds)} />
          </div>
        ))}
        <SubmitOrCancel cancelTo="/admin">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
