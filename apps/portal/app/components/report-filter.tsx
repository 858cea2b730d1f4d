/**
 * The period and directorate a report covers: a GET form, so the page is a plain link that
 * works without JavaScript and can be bookmarked or shared.
 */
import { Form } from "@remix-run/react";
import { Button, DateInput, ErrorSummary, Radios, Select } from "./govuk";
import type { ReportChoice } from "../routes/reports.server";

export function ReportFilter({ choice, action, directorates = true }: { choice: Pick<ReportChoice, "from" | "to" | "year" | "directorateId" | "errors" | "options">; action: string; directorates?: boolean }) {
  const { options } = choice;
  const custom = choice.year === "custom";
  const items = [
    ...options.financialYears.map((y) => ({ value: y.from.slice(0, 4), text: `${y.label} (1 April to 31 March)` })),
    {
      value: "custom",
      text: "Other dates",
      conditional: (
        <>
          <DateInput name="from" legend="First day" legendSize="s" hint="For example, 1 4 2025" defaultValue={custom ? choice.from : null} error={choice.errors.from} />
          <DateInput name="to" legend="Last day" legendSize="s" defaultValue={custom ? choice.to : null} error={choice.errors.to} />
        </>
      ),
    },
  ];
  const showDirectorates = directorates && (options.councilWide || options.directorates.length > 1);
  return (
    <Form method="get" action={action} className="govuk-!-margin-bottom-6" aria-label="Choose what the report covers">
      <ErrorSummary errors={choice.errors} />
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-one-half">
          <Radios name="year" legend="Period" legendSize="s" small items={items} defaultValue={choice.year} />
        </div>
        {showDirectorates ? (
          <div className="govuk-grid-column-one-half">
            <Select
              name="directorate"
              label="Directorate"
              labelSize="s"
              placeholder={options.councilWide ? "All directorates" : "All your directorates"}
              items={options.directorates.map((d) => ({ value: d.id, text: d.name }))}
              defaultValue={choice.directorateId}
            />
          </div>
        ) : null}
      </div>
      <Button variant="secondary">Show the report</Button>
    </Form>
  );
}
