import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { profileEdit, serviceInput } from "@complaints/core";
import { Input, Radios, Select, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Add a service – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  return { directorates: profile.directorates.map((d) => ({ value: d.id, text: d.name })), directorate: new URL(request.url).searchParams.get("directorate") };
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/organisation?changed=structure",
    input: serviceInput,
    edit: profileEdit.addService,
  });
}

export default function NewService() {
  const { directorates, directorate } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Directorates, services and teams" heading="Check the new service" />;
  const posted = wasPosted(values);
  return (
    <Page back={{ to: "/admin/organisation", text: "Back to directorates, services and teams" }} narrow errors={errors} caption="Directorates, services and teams" heading="Add a service">
      <ConfigForm>
        <Input name="name" label="Name of the service" labelSize="s" error={errors.name} defaultValue={values.name} />
        <Select name="directorateId" label="Directorate" labelSize="s" hint="Staff with roles in this directorate see its cases" error={errors.directorateId} defaultValue={posted ? values.directorateId : directorate} items={directorates} />
        <Radios
          name="offeredToPublic"
          legend="Can residents choose it on the online complaint form?"
          legendSize="s"
          hint="Choose no for an internal service: staff can still log its cases"
          inline
          error={errors.offeredToPublic}
          items={[
            { value: "yes", text: "Yes" },
            { value: "no", text: "No" },
          ]}
          defaultValue={posted ? values.offeredToPublic : "yes"}
        />
        <Input name="newTeam" label="Its first team (optional)" labelSize="s" error={errors.newTeam} defaultValue={values.newTeam} />
        <SubmitOrCancel cancelTo="/admin/organisation">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
