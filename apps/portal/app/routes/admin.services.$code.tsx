import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { profileEdit, serviceInput } from "@complaints/core";
import { Button, Checkboxes, Input, Radios, Select, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.service.name} – Administration` : "Service" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  for (const d of profile.directorates) {
    const s = d.services.find((x) => x.id === params.code);
    if (s) {
      return {
        service: { code: s.id, name: s.name, offeredToPublic: s.offeredToPublic, teams: s.teams, plugins: s.plugins },
        directorate: { code: d.id, name: d.name, only: d.services.length === 1 },
        directorates: profile.directorates.map((x) => ({ value: x.id, text: x.name })),
      };
    }
  }
  throw data("There is no such service.", { status: 404 });
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  const code = params.code ?? "";
  return configAction(context, request, {
    done: "/admin/organisation?changed=structure",
    fields: ["name", "directorateId", "offeredToPublic", "newTeam"],
    input: serviceInput,
    edit: (current, value) => profileEdit.updateService(current, code, value),
    retire: (current) => profileEdit.retireService(current, code),
  });
}

export default function Service() {
  const { service, directorate, directorates } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption={service.name} heading="Check the change" />;
  const posted = wasPosted(values);
  return (
    <Page back={{ to: "/admin/organisation", text: "Back to directorates, services and teams" }} narrow errors={errors} caption={directorate.name} heading={service.name}>
      <p className="govuk-body">
        Its plugins: {service.plugins.length ? service.plugins.join(", ") : "none"} (<Link className="govuk-link" to={`/admin/plugins/${service.code}`}>change the plugins<span className="govuk-visually-hidden"> of {service.name}</span></Link>). Its rules:{" "}
        <Link className="govuk-link" to={`/admin/rules?service=${service.code}`}>
          the rules of {service.name}
        </Link>
        .
      </p>
      <ConfigForm>
        <Input name="name" label="Name" labelSize="s" hint="Its cases, teams and staff stay with it: only its name changes." error={errors.name} defaultValue={posted ? values.name : service.name} />
        <Select
          name="directorateId"
          label="Directorate"
          labelSize="s"
          hint={`Moving it moves its cases: staff with roles in the new directorate see them, those only in ${directorate.name} no longer do.${directorate.only ? ` It is the only service of ${directorate.name}, which is retired if it moves.` : ""}`}
          error={errors.directorateId}
          defaultValue={posted ? values.directorateId : directorate.code}
          items={directorates}
        />
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
          defaultValue={posted ? values.offeredToPublic : service.offeredToPublic ? "yes" : "no"}
        />
        <fieldset className="govuk-fieldset">
          <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Teams</legend>
          {service.teams.map((t, i) => (
            <div key={t.id}>
              <input type="hidden" name={`teams[${i}].id`} value={t.id} />
              <Input name={`teams[${i}].name`} label={<>Name of the team now called {t.name}</>} error={errors[`teams[${i}].name`]} defaultValue={posted ? values[`teams[${i}].name`] : t.name} width="two-thirds" />
            </div>
          ))}
          {service.teams.length ? (
            <Checkboxes
              name="retireTeams"
              legend="Teams to retire"
              legendSize="s"
              hint="Cases keep the team they had"
              small
              items={service.teams.map((t) => ({ value: t.id, text: t.name }))}
              defaultValue={posted ? (values.retireTeams ?? "").split("\n") : []}
            />
          ) : (
            <p className="govuk-body">No teams yet.</p>
          )}
          <Input name="newTeam" label="Add a team (optional)" labelSize="s" error={errors.newTeam} defaultValue={values.newTeam} width="two-thirds" />
        </fieldset>
        <SubmitOrCancel cancelTo="/admin/organisation">Continue</SubmitOrCancel>
      </ConfigForm>
      {directorate.only ? null : (
        <>
          <h2 className="govuk-heading-m">Retire the service</h2>
          <p className="govuk-body">
            This is refused while it has cases, open or closed: their deadlines, letters and pages follow its rules. To stop new complaints, choose no above so residents can no longer choose it.
          </p>
          <ConfigForm>
            <Button name="intent" value="retire" variant="warning">
              Retire {service.name}
            </Button>
          </ConfigForm>
        </>
      )}
    </Page>
  );
}
