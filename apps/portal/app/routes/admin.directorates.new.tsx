import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { newDirectorateInput, profileEdit } from "@complaints/core";
import { Input, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Add a directorate – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  await currentProfile(context, request);
  return null;
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/organisation?changed=structure",
    input: newDirectorateInput,
    edit: profileEdit.addDirectorate,
  });
}

export default function NewDirectorate() {
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Directorates, services and teams" heading="Check the new directorate" />;
  return (
    <Page back={{ to: "/admin/organisation", text: "Back to directorates, services and teams" }} narrow errors={errors} caption="Directorates, services and teams" heading="Add a directorate">
      <ConfigForm>
        <Input name="name" label="Name of the directorate" labelSize="s" error={errors.name} defaultValue={values.name} />
        <Input name="firstService" label="Its first service" labelSize="s" hint="A directorate holds at least one service. You can add more, and teams, afterwards." error={errors.firstService} defaultValue={values.firstService} />
        <SubmitOrCancel cancelTo="/admin/organisation">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
