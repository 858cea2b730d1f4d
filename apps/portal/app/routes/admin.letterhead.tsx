import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { letterheadInput, profileEdit } from "@complaints/core";
import { Input, NotificationBanner, SubmitOrCancel, Textarea } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Letterhead and contact details – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const l = profile.letterhead;
  return {
    saved: new URL(request.url).searchParams.get("saved") === "1",
    current: { name: profile.name, addressLines: l.addressLines.join("\n"), postcode: l.postcode, phone: l.phone, email: l.email, website: l.website, otherFormats: l.otherFormats },
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/letterhead?saved=1",
    input: letterheadInput,
    edit: profileEdit.setLetterhead,
  });
}

export default function Letterhead() {
  const { current, saved } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Letterhead and contact details" heading="Check the new letterhead" />;
  const v = (name: keyof typeof current) => (wasPosted(values) ? values[name] : current[name]);
  return (
    <Page
      back={{ to: "/admin", text: "Back to administration" }}
      narrow
      errors={errors}
      caption="Administration"
      heading="Letterhead and contact details"
      banner={saved ? <NotificationBanner success heading="The letterhead and contact details are saved. Letters issued from now on use them." /> : null}
    >
      <p className="govuk-body">Printed at the top of every letter, and shown to residents on the online forms as the way to contact the complaints team.</p>
      <ConfigForm>
        <Input name="name" label="Council's name" labelSize="s" error={errors.name} defaultValue={v("name")} />
        <Textarea name="addressLines" label="Address" labelSize="s" hint="One line each, without the postcode" rows={4} error={errors.addressLines} defaultValue={v("addressLines")} />
        <Input name="postcode" label="Postcode" labelSize="s" width="10" autoComplete="off" error={errors.postcode} defaultValue={v("postcode")} />
        <Input name="phone" type="tel" label="Phone number" labelSize="s" width="20" error={errors.phone} defaultValue={v("phone")} />
        <Input name="email" type="email" label="Email address" labelSize="s" spellCheck={false} error={errors.email} defaultValue={v("email")} />
        <Input name="website" label="Website" labelSize="s" spellCheck={false} error={errors.website} defaultValue={v("website")} />
        <Textarea name="otherFormats" label="Other formats" labelSize="s" hint="What letters say about large print, braille, audio and other languages" rows={3} error={errors.otherFormats} defaultValue={v("otherFormats")} />
        <SubmitOrCancel cancelTo="/admin">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
