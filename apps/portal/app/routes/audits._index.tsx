import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, Input, Select, Table, Tag } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { Chart, ReportTable } from "../components/report-table";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { formatDate } from "../utils/labels";
import { monthName } from "../utils/audits";
import { todayOf } from "./reports.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Quality audits – Complaints case management" }];


/** This month and the five before it ("YYYY-MM"), newest first. */
function recentMonths(today: string): string[] {
  let [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const out: string[] = [];
  for (let i = 0; i < 6; i++) {
    out.push(`${y}-${String(m).padStart(2, "0")}`);
    m -= 1;
    if (m === 0) [y, m] = [y - 1, 12];
  }
  return out;
}

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  let samples;
  try {
    samples = await context.api.quality.samples.list({});
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 403) throw data(d.message, { status: 403 });
    throw error;
  }
  const today = todayOf(context);
  const year = { from: `${Number(today.slice(0, 4)) - 1}-${today.slice(5, 7)}-01`, to: today };
  const [remedial, scores] = await Promise.all([context.api.quality.remedialActions.list({ openOnly: true }), context.api.quality.scores(year)]);
  return { ...samples, months: recentMonths(today), remedial, scores: { period: year, tables: scores.tables, charts: scores.charts } };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireStaff(context, request);
  const form = await readForm(request, context);
  const errors: Record<string, string> = {};
  const serviceCode = text(form, "serviceCode");
  if (!serviceCode) errors.serviceCode = "Choose the service";
  const month = text(form, "month");
  if (!/^\d{4}-\d{2}$/.test(month)) errors.month = "Choose the month";
  const percent = Number(text(form, "share"));
  if (!text(form, "share") || !Number.isFinite(percent) || percent <= 0 || percent > 100) errors.share = "Enter a share from 1 to 100";
  if (Object.keys(errors).length) return failure(errors, form);
  const result = await attempt(form, () => context.api.quality.samples.draw({ serviceCode, month, share: percent / 100 }), { serviceCode: "serviceCode", month: "month", share: "share" });
  if (!result.ok) return result.response;
  return redirect(`/audits/${result.value.sampleId}?drawn=1`, 303);
}

export default function Audits() {
  const { canReview, services, samples, months, remedial, scores } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page errors={errors} heading="Quality audits">
      <p className="govuk-body">
        Each month a share of every service&apos;s written responses is checked against a checklist built from what each letter must contain and whether it was on time. Findings go to the officer and the Head of Service; remedial actions are tracked to done.
      </p>
      {canReview ? (
        <PostForm aria-label="Draw a sample">
          <h2 className="govuk-heading-m">Draw a month&apos;s sample</h2>
          <div className="govuk-grid-row">
            <div className="govuk-grid-column-one-third">
              <Select name="serviceCode" label="Service" labelSize="s" placeholder="Choose a service" items={services.filter((s) => s.code).map((s) => ({ value: s.code!, text: s.name }))} error={errors.serviceCode} defaultValue={values.serviceCode} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Select name="month" label="Responses sent in" labelSize="s" items={months.map((m) => ({ value: m, text: monthName(m) }))} error={errors.month} defaultValue={values.month ?? months[1]} />
            </div>
            <div className="govuk-grid-column-one-third">
              <Input name="share" label="Share to check (%)" labelSize="s" hint="Lewisham Homes checked half" width="3" inputMode="numeric" error={errors.share} defaultValue={values.share ?? "50"} />
            </div>
          </div>
          <Button>Draw the sample</Button>
        </PostForm>
      ) : null}

      <h2 className="govuk-heading-m">Samples</h2>
      {samples.length ? (
        <Table
          caption="Samples drawn, newest first"
          captionSize="s"
          head={["Month", "Service", "Share", "Responses sent", "Sampled", "Reviewed", "Score"]}
          numeric={[2, 3, 4, 5, 6]}
          rows={samples.map((s) => [
            <Link key={s.id} className="govuk-link" to={`/audits/${s.id}`}>
              {monthName(s.month)}
              <span className="govuk-visually-hidden">, {s.service.name}</span>
            </Link>,
            s.service.name,
            `${Math.round(s.share * 100)}%`,
            s.population,
            s.sampled,
            s.reviewed,
            s.percent === null ? "–" : `${s.percent}%`,
          ])}
        />
      ) : (
        <p className="govuk-body">No samples have been drawn yet.</p>
      )}

      <h2 className="govuk-heading-m">Remedial actions not done</h2>
      {remedial.length ? (
        <Table
          caption="Overdue first"
          captionSize="s"
          head={["Action", "Case", "Service", "Owner", "Due", "Status"]}
          rows={remedial.map((r) => [
            <Link key={r.id} className="govuk-link" to={`/audits/reviews/${r.reviewId}`}>
              {r.description}
            </Link>,
            r.reference,
            r.service.name,
            r.ownerName ?? "",
            formatDate(r.dueOn),
            r.overdue ? <Tag colour="red">Overdue</Tag> : <Tag colour="blue">Open</Tag>,
          ])}
        />
      ) : (
        <p className="govuk-body">None: every remedial action is done.</p>
      )}

      <h2 className="govuk-heading-m">Scores over time</h2>
      <p className="govuk-body">
        <a className="govuk-link" href={`/reports/quality.csv?from=${scores.period.from}&to=${scores.period.to}`} download>
          Download the scores (CSV)
        </a>
      </p>
      {scores.charts.map((chart) => (
        <Chart key={chart.id} chart={chart} />
      ))}
      {scores.tables.map((table) => (
        <ReportTable key={table.id} table={table} captionSize="s" />
      ))}
    </Page>
  );
}

