import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { directorateInput, profileEdit } from "@complaints/core";
import { Button, Input, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.directorate.name} – Administration` : "Directorate" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const directorate = profile.directorates.find((d) => d.id === params.code);
  if (!directorate) throw data("There is no such directorate.", { status: 404 });
  return { directorate: { code: directorate.id, name: directorate.name, services: directorate.services.map((s) => s.name) }, only: profile.directorates.length === 1 };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  return configAction(context, request, {
    done: "/admin/organisation?changed=structure",
    fields: ["name"],
    input: directorateInput,
    edit: (current, value) => profileEdit.renameDirectorate(current, code, value),
    retire: (current) => profileEdit.retireDirectorate(current, code),
  });
}

export default function Directorate() {
  const { directorate, only } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption={directorate.name} heading="Check the change" />;
  return (
    <Page back={{ to: "/admin/organisation", text: "Back to directorates, services and teams" }} narrow errors={errors} caption="Directorates, services and teams" heading={directorate.name}>
      <h2 className="govuk-heading-m">Rename it</h2>
      <ConfigForm>
        <Input name="name" label="Name" labelSize="s" hint="Staff roles, API keys and cases stay with it: only its name changes." error={errors.name} defaultValue={wasPosted(values) ? values.name : directorate.name} />
        <SubmitOrCancel cancelTo="/admin/organisation">Continue</SubmitOrCancel>
      </ConfigForm>
      {only ? null : (
        <>
          <h2 className="govuk-heading-m">Retire it</h2>
          <p className="govuk-body">
            Its services ({directorate.services.join(", ")}) are retired with it: this is refused while any of them has cases, open or closed. Move a service to another directorate first
            to keep it.
          </p>
          <ConfigForm>
            <Button name="intent" value="retire" variant="warning">
              Retire {directorate.name}
            </Button>
          </ConfigForm>
        </>
      )}
    </Page>
  );
}
