import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Checkboxes, InsetText, SubmitOrCancel, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { all, attempt, failure, readForm, text } from "../utils/forms.server";
import { adminRead, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Plugins for ${data.service.name} – Administration` : "Plugins" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const organisation = await adminRead(() => context.api.admin.organisation());
  for (const d of organisation.tree.directorates) {
    const service = d.services.find((s) => s.code === params.serviceCode);
    if (service) return { service: { code: service.code, name: service.name, plugins: service.plugins }, directorate: { name: d.name }, installed: organisation.plugins };
  }
  throw data("There is no such service.", { status: 404 });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  const form = await readForm(request, context);
  const reason = text(form, "reason");
  if (!reason) return failure({ reason: "Say why the service's plugins change (it is recorded with the change)" }, form);
  const result = await attempt(form, () => context.api.admin.plugins.setForService({ serviceId: params.serviceCode ?? "", plugins: all(form, "plugins"), reason }));
  if (!result.ok) return result.response;
  return redirect("/admin/organisation?changed=plugins", 303);
}

export default function ServicePlugins() {
  const { service, directorate, installed } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page back={{ to: "/admin/organisation", text: "Back to directorates, services and teams" }} narrow errors={errors} caption={directorate.name} heading={<>Plugins for {service.name}</>}>
      <InsetText>A plugin brings a service&rsquo;s own rules (the Housing Ombudsman code, FOI/EIR reviews, social care regulations). Open cases&rsquo; deadlines are recalculated when the rules change.</InsetText>
      <PostForm>
        <Checkboxes
          name="plugins"
          legend="Plugins this service follows"
          legendSize="m"
          error={errors.plugins ?? errors["profile"]}
          items={installed.map((p) => ({ value: p.id, text: p.name, hint: `${p.id} ${p.version}` }))}
          defaultValue={values.plugins !== undefined ? values.plugins.split("\n") : service.plugins}
        />
        <Textarea name="reason" label="Why it changes" labelSize="s" rows={3} error={errors.reason} defaultValue={values.reason} />
        <SubmitOrCancel cancelTo="/admin/organisation">Save the plugins</SubmitOrCancel>
      </PostForm>
    </Page>
  );
}
