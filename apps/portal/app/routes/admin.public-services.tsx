import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { profileEdit, publicServicesInput } from "@complaints/core";
import { Checkboxes, NotificationBanner, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Services on the online form – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  return {
    saved: new URL(request.url).searchParams.get("saved") === "1",
    directorates: profile.directorates.map((d) => ({ code: d.id, name: d.name, services: d.services.map((s) => ({ value: s.id, text: s.name })) })),
    offered: profile.directorates.flatMap((d) => d.services.filter((s) => s.offeredToPublic).map((s) => s.id)),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/public-services?saved=1",
    input: publicServicesInput,
    edit: (current, value) => profileEdit.setOfferedServices(current, value.offered),
  });
}

export default function PublicServices() {
  const { directorates, offered, saved } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Services on the online form" heading="Check the services residents can choose" />;
  const chosen = wasPosted(values) ? (values.offered ?? "").split("\n") : offered;
  return (
    <Page
      back={{ to: "/admin", text: "Back to administration" }}
      narrow
      errors={errors}
      caption="Administration"
      heading="Services on the online form"
      banner={saved ? <NotificationBanner success heading="Saved: the online form offers the services ticked." /> : null}
    >
      <p className="govuk-body">
        Residents choose the service their complaint, compliment or comment is about from these. Untick internal services: staff still log their cases, and their open cases carry on.
      </p>
      <ConfigForm>
        <Checkboxes
          name="offered"
          legend="Services residents can choose"
          legendSize="m"
          small
          error={errors.offered}
          items={directorates.flatMap((d) => d.services.map((s) => ({ ...s, hint: d.name })))}
          defaultValue={chosen}
        />
        <SubmitOrCancel cancelTo="/admin">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
