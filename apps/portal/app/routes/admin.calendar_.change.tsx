import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { closureInput, NATION_LABELS, profileEdit } from "@complaints/core";
import { Checkboxes, DateInput, Input, SubmitOrCancel } from "../components/govuk";
import { useFormState } from "../components/form";
import { CheckChange, ConfigForm, useCheck, wasPosted } from "../components/check-change";
import { Page } from "../components/page";
import { formatDate } from "../utils/labels";
import { configAction, currentProfile } from "./admin.config.server";

export const meta: MetaFunction = () => [{ title: "Change closure days and the cut-off – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  return {
    closures: profile.calendar.closures.map((c) => ("date" in c ? `${formatDate(c.date)}: ${c.label}` : `Every ${formatDate(`2000-${c.everyYear}`).replace(/ 2000$/, "")}: ${c.label}`)),
    cutOffTime: profile.calendar.cutOffTime,
    nations: profile.calendar.nations ?? ["england-and-wales"],
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  return configAction(context, request, {
    done: "/admin/calendar?saved=1",
    input: closureInput,
    shape: { dates: { newDate: "the date of the closure day" }, checkboxes: ["everyYear"] },
    edit: profileEdit.setCalendar,
  });
}

export default function ChangeCalendar() {
  const { closures, cutOffTime, nations } = useLoaderData<typeof loader>();
  const check = useCheck();
  const { errors, values } = useFormState();
  if (check) return <CheckChange check={check} caption="Calendar and closure days" heading="Check the change to the calendar" />;
  const posted = wasPosted(values);
  return (
    <Page back={{ to: "/admin/calendar", text: "Back to the calendar" }} narrow errors={errors} caption="Calendar and closure days" heading="Change closure days and the cut-off">
      <ConfigForm>
        {closures.length ? (
          <Checkboxes
            name="keep"
            legend="Closure days"
            legendSize="m"
            small
            hint="Untick a day to remove it. Closure days are not working days: deadlines move past them."
            items={closures.map((c, i) => ({ value: String(i), text: c }))}
            defaultValue={posted ? (values.keep ?? "").split("\n") : closures.map((_, i) => String(i))}
          />
        ) : (
          <p className="govuk-body">The council has no closure days of its own.</p>
        )}
        <h2 className="govuk-heading-m">Add a closure day</h2>
        <DateInput name="newDate" legend="Date" legendSize="s" hint="For example, 29 12 2026" error={errors.newDate} values={values} />
        <Input name="newLabel" label="What it is" labelSize="s" hint="For example, Christmas shutdown" error={errors.newLabel} defaultValue={values.newLabel} width="two-thirds" />
        <Checkboxes name="everyYear" legend="Every year?" legendSize="s" small items={[{ value: "yes", text: "The council closes on this day every year" }]} defaultValue={values.everyYear ? ["yes"] : []} />
        <h2 className="govuk-heading-m">Working days</h2>
        <Input
          name="cutOffTime"
          label="Cut-off time"
          labelSize="s"
          hint="A complaint that arrives after this time counts from the next working day. 24-hour, like 17:00; leave empty for none."
          error={errors.cutOffTime}
          defaultValue={posted ? values.cutOffTime : cutOffTime}
          width="5"
        />
        <Checkboxes
          name="nations"
          legend="Bank holidays of"
          legendSize="s"
          small
          error={errors.nations}
          items={Object.entries(NATION_LABELS).map(([value, text]) => ({ value, text }))}
          defaultValue={posted ? (values.nations ?? "").split("\n") : nations}
        />
        <SubmitOrCancel cancelTo="/admin/calendar">Continue</SubmitOrCancel>
      </ConfigForm>
    </Page>
  );
}
