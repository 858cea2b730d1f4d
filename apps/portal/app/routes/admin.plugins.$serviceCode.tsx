import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { pluginsInput, profileEdit } from "@complaints/core";
import { Checkboxes, InsetText, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { configAction, currentProfile } from "./admin.config.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Plugins for ${data.service.name} – Administration` : "Plugins" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const installed = context.deps.councils.plugins.map((p) => ({ id: p.id, name: p.name, version: p.version }));
  for (const d of profile.directorates) {
    const service = d.services.find((s) => s.id === params.serviceCode);
    if (service) return { service: { code: service.id, name: service.name, plugins: service.plugins }, directorate: { name: d.name, plugins: d.plugins }, installed };
  }
  throw data("There is no such service.", { status: 404 });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/organisation?changed=plugins",
    fieldFor: () => "plugins",
    input: pluginsInput,
    edit: (current, value) => profileEdit.setServicePlugins(current, params.serviceCode ?? "", value.plugins),
  });
}

export default function ServicePlugins() {
  const { service, directorate, installed } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption={directorate.name} heading={<>Check the plugins for {service.name}</>} />;
  const posted = wasPosted(values);
  return (
    <Page back={{ to: "/admin/organisation", text: "Back to directorates, services and teams" }} narrow errors={errors} caption={directorate.name} heading={<>Plugins for {service.name}</>}>
      <InsetText>
        A plugin brings a service&rsquo;s own rules (the Housing Ombudsman code, FOI/EIR reviews, social care regulations). You will see what changes, and how many open cases&rsquo;
        deadlines move, before anything is saved.
      </InsetText>
      {directorate.plugins.length ? <p className="govuk-body">Every service of {directorate.name} also follows: {directorate.plugins.join(", ")}.</p> : null}
      <ConfigForm>
        <Checkboxes
          name="plugins"
          legend="Plugins this service follows"
          legendSize="m"
          error={errors.plugins}
          items={installed.map((p) => ({ value: p.id, text: p.name, hint: `${p.id} ${p.version}` }))}
          defaultValue={posted ? (values.plugins ?? "").split("\n") : service.plugins}
        />
        <SubmitOrCancel cancelTo="/admin/organisation">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
