import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { AppLoadContext } from "@remix-run/node";
import { defaultRegime, describeTimescale, profileEdit, timescalesInput, type CouncilProfile, type StageRules } from "@complaints/core";
import { Button, Input, InsetText, NotificationBanner, Select, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { configAction, currentProfile } from "./admin.config.server";
import { requireAdministrator } from "./admin.staff.server";

export const meta: MetaFunction = () => [{ title: "Timescales – Administration" }];

const workingDays = (t: StageRules["respond"] | null) => (t && "workingDays" in t.period ? t.period.workingDays : null);

/**
 * The stages whose timescales the page sets: the council's corporate ones (the code's stages
 * with the profile's timescales over them), or one service's as its rules resolve now.
 */
async function stagesOf(context: AppLoadContext, profile: CouncilProfile, councilId: string, serviceId: string | null) {
  if (serviceId) {
    const runtime = await context.deps.councils.get(councilId);
    return runtime.book.rulesFor(serviceId, "complaint").regime.stages;
  }
  const own = profile.timescales?.stages ?? {};
  return defaultRegime.stages.map((s) => ({ ...s, ...(own[s.id]?.acknowledge !== undefined ? { acknowledge: own[s.id]!.acknowledge! } : {}), ...(own[s.id]?.respond ? { respond: own[s.id]!.respond! } : {}) }));
}

function scopeOf(profile: CouncilProfile, url: URL) {
  const wanted = url.searchParams.get("service");
  const service = profile.directorates.flatMap((d) => d.services).find((s) => s.id === wanted);
  return service ? { id: service.id, name: service.name } : null;
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  const staff = requireAdministrator(context, request);
  const url = new URL(request.url);
  const service = scopeOf(profile, url);
  const stages = await stagesOf(context, profile, staff.councilId, service?.id ?? null);
  return {
    service,
    saved: url.searchParams.get("saved") === "1",
    services: profile.directorates.flatMap((d) => d.services.map((s) => ({ value: s.id, text: `${s.name} (${d.name})` }))),
    stages: stages.map((s) => ({
      id: s.id,
      label: s.label,
      acknowledge: s.acknowledge ? { days: workingDays(s.acknowledge), now: describeTimescale(s.acknowledge) } : null,
      respond: { days: workingDays(s.respond), now: describeTimescale(s.respond) },
    })),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const staff = requireAdministrator(context, request);
  const { profile } = await currentProfile(context, request);
  const url = new URL(request.url);
  const service = scopeOf(profile, url);
  const stages = await stagesOf(context, profile, staff.councilId, service?.id ?? null);
  return configAction(context, request, {
    done: `/admin/timescales?saved=1${service ? `&service=${service.id}` : ""}`,
    // A statutory maximum names the stage and what it limits: the message goes against that field.
    fieldFor: (message) => {
      const i = stages.findIndex((s) => message.includes(`${s.label} acknowledgement`) || message.includes(`${s.label} response`));
      if (i < 0) return "_form";
      return message.includes(`${stages[i]!.label} acknowledgement`) ? `stages[${i}].acknowledgeDays` : `stages[${i}].respondDays`;
    },
    input: timescalesInput,
    edit: (current, value) => {
      const from = Object.fromEntries(stages.map((s) => [s.id, { acknowledgeFrom: s.acknowledge?.from ?? null, respondFrom: s.respond.from }]));
      return profileEdit.setTimescales(current, value, from, service?.id);
    },
  });
}

export default function Timescales() {
  const { service, services, stages, saved } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption={service ? service.name : "Corporate timescales"} heading="Check the new timescales" />;
  const posted = wasPosted(values);
  const value = (name: string, now: number | null) => (posted ? values[name] : now === null ? "" : String(now));
  return (
    <Page
      breadcrumbs={[{ to: "/admin", text: "Administration" }]}
      errors={errors}
      caption={service ? service.name : "Every service"}
      heading={service ? `Timescales of ${service.name}` : "Corporate timescales"}
      banner={saved ? <NotificationBanner success heading="The timescales are saved, and the due dates of the open cases they move are recalculated." /> : null}
    >
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <p className="govuk-body">
            The council&rsquo;s corporate timescales apply to every service over the complaint handling code. A service that follows a plugin (housing, social care, FOI) keeps the
            plugin&rsquo;s timescales; set that service&rsquo;s own here instead, within what the law allows.
          </p>
          <Form method="get" action="/admin/timescales">
            <Select name="service" label="Timescales of" placeholder="Every service (corporate timescales)" defaultValue={service?.id ?? ""} items={services} />
            <Button variant="secondary">Show</Button>
          </Form>
          <ConfigForm>
            {stages.map((s, i) => (
              <fieldset key={s.id} className="govuk-fieldset govuk-!-margin-bottom-6">
                <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">{s.label}</legend>
                <input type="hidden" name={`stages[${i}].id`} value={s.id} />
                {s.acknowledge ? (
                  s.acknowledge.days !== null ? (
                    <Input name={`stages[${i}].acknowledgeDays`} label="Working days to acknowledge" labelSize="s" hint={`Now ${s.acknowledge.now}`} inputMode="numeric" width="3" error={errors[`stages[${i}].acknowledgeDays`]} defaultValue={value(`stages[${i}].acknowledgeDays`, s.acknowledge.days)} />
                  ) : (
                    <InsetText>Acknowledge: {s.acknowledge.now} (not in working days: set by its rules)</InsetText>
                  )
                ) : null}
                {s.respond.days !== null ? (
                  <Input name={`stages[${i}].respondDays`} label="Working days to respond" labelSize="s" hint={`Now ${s.respond.now}`} inputMode="numeric" width="3" error={errors[`stages[${i}].respondDays`]} defaultValue={value(`stages[${i}].respondDays`, s.respond.days)} />
                ) : (
                  <InsetText>Respond: {s.respond.now} (not in working days: set by its rules)</InsetText>
                )}
              </fieldset>
            ))}
            <Input name="source" label="Where these timescales come from" labelSize="s" hint="The policy and paragraph, or the decision, for example Complaints policy 2026 para 4. The rules page shows it beside each value." error={errors.source} defaultValue={values.source} />
            <SubmitOrCancel cancelTo="/admin">Continue</SubmitOrCancel>
          </ConfigForm>
        </div>
      </div>
    </Page>
  );
}
