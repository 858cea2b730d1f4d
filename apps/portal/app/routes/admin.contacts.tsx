import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { contactsInput, profileEdit } from "@complaints/core";
import { Input, NotificationBanner, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "People the rules name – Administration" }];

/** Two empty rows after the council's own, for adding. */
const SPARE_ROWS = 2;

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const named = new Set(profile.contacts.map((c) => c.party));
  // The parties the council's rules name that nobody stands for yet, as a reminder.
  const wanted = [...new Set(profile.notifyBeforeAcknowledging.flatMap((n) => n.parties))].filter((p) => !named.has(p) && !["relevant-chief-officer", "head-of-service", "director", "legal", "complaints-manager", "dcro"].includes(p));
  const empty = { party: "", title: "", name: "", email: "" };
  return {
    saved: new URL(request.url).searchParams.get("saved") === "1",
    wanted,
    rows: [...profile.contacts, ...wanted.map((party) => ({ ...empty, party })), ...Array.from({ length: SPARE_ROWS }, () => empty)],
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/contacts?saved=1",
    input: contactsInput,
    edit: profileEdit.setContacts,
  });
}

export default function Contacts() {
  const { rows, saved, wanted } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="People the rules name" heading="Check the people the rules name" />;
  const posted = wasPosted(values);
  const v = (i: number, field: "party" | "title" | "name" | "email") => (posted ? values[`contacts[${i}].${field}`] : rows[i]![field]);
  return (
    <Page
      back={{ to: "/admin", text: "Back to administration" }}
      narrow
      errors={errors}
      caption="Administration"
      heading="People the rules name"
      banner={saved ? <NotificationBanner success heading="The people the rules name are saved. They are told by email from now on." /> : null}
    >
      <p className="govuk-body">
        Some of the council&rsquo;s rules name a post rather than a role in this system: Leeds&rsquo; policy (para 28) has the Chief Officer Legal and the Head of Equality told before a
        discrimination complaint is acknowledged, and a claim goes to Legal Services. Name who they are here; they are told by email. Leave a row empty to remove it.
      </p>
      {wanted.length ? <p className="govuk-body">The rules name these, and nobody stands for them yet: {wanted.join(", ")}.</p> : null}
      <ConfigForm>
        {rows.map((_, i) => (
          <fieldset key={i} className="govuk-fieldset govuk-!-margin-bottom-6">
            <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">Person {i + 1}</legend>
            <Input name={`contacts[${i}].party`} label="Told as" hint="As the rules name it, like head-of-equality or legal" labelSize="s" width="20" spellCheck={false} error={errors[`contacts[${i}].party`]} defaultValue={v(i, "party")} />
            <Input name={`contacts[${i}].title`} label="Post" labelSize="s" error={errors[`contacts[${i}].title`]} defaultValue={v(i, "title")} />
            <Input name={`contacts[${i}].name`} label="Name" labelSize="s" error={errors[`contacts[${i}].name`]} defaultValue={v(i, "name")} />
            <Input name={`contacts[${i}].email`} type="email" label="Email address" labelSize="s" spellCheck={false} error={errors[`contacts[${i}].email`]} defaultValue={v(i, "email")} />
          </fieldset>
        ))}
        <SubmitOrCancel cancelTo="/admin">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
