import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { ombudsmanInput, profileEdit } from "@complaints/core";
import { Input, SubmitOrCancel, Textarea } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.current.name} – Administration` : "Ombudsman" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const contact = profile.ombudsmen[params.key ?? ""];
  if (!contact) throw data("There is no such Ombudsman in the profile.", { status: 404 });
  return { current: { name: contact.name, addressLines: contact.addressLines.join("\n"), postcode: contact.postcode ?? "", phone: contact.phone ?? "", email: contact.email ?? "", website: contact.website ?? "" } };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/ombudsmen?saved=1",
    input: ombudsmanInput,
    edit: (current, value) => profileEdit.setOmbudsman(current, params.key ?? "", value),
  });
}

export default function Ombudsman() {
  const { current } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Ombudsman details" heading={<>Check the details of the {current.name}</>} />;
  const v = (name: keyof typeof current) => (wasPosted(values) ? values[name] : current[name]);
  return (
    <Page back={{ to: "/admin/ombudsmen", text: "Back to the Ombudsman details" }} narrow errors={errors} caption="Ombudsman details" heading={current.name}>
      <ConfigForm>
        <Input name="name" label="Name" labelSize="s" error={errors.name} defaultValue={v("name")} />
        <Textarea name="addressLines" label="Address" labelSize="s" hint="One line each, without the postcode" rows={4} error={errors.addressLines} defaultValue={v("addressLines")} />
        <Input name="postcode" label="Postcode (optional)" labelSize="s" width="10" error={errors.postcode} defaultValue={v("postcode")} />
        <Input name="phone" type="tel" label="Phone number (optional)" labelSize="s" width="20" error={errors.phone} defaultValue={v("phone")} />
        <Input name="email" type="email" label="Email address (optional)" labelSize="s" spellCheck={false} error={errors.email} defaultValue={v("email")} />
        <Input name="website" label="Website (optional)" labelSize="s" spellCheck={false} error={errors.website} defaultValue={v("website")} />
        <SubmitOrCancel cancelTo="/admin/ombudsmen">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
