/**
 * The results of a report kept apart from cases and shown only in aggregate (equality
 * monitoring, decision 0710; the satisfaction survey, 0516): the tables with a CSV download, or
 * why there are none for the period, and the report's notes.
 */
import type { ReactNode } from "react";
import { InsetText } from "./govuk";
import { ReportTable } from "./report-table";

type Table = Parameters<typeof ReportTable>[0]["table"];

export function DisclosedTables({ heading, summary, csvHref, withheld, tables, notes }: { heading: ReactNode; summary: ReactNode; csvHref: string; withheld: string | null; tables: readonly Table[]; notes: readonly string[] }) {
  return (
    <>
      <h2 className="govuk-heading-m">{heading}</h2>
      {withheld === null ? (
        <>
          <p className="govuk-body">
            {summary}{" "}
            <a className="govuk-link" href={csvHref} download>
              Download these tables (CSV)
            </a>
          </p>
          {tables.map((table) => (
            <ReportTable key={table.id} table={table} captionSize="s" />
          ))}
        </>
      ) : (
        <InsetText>
          <h3 className="govuk-heading-s">No tables for this period</h3>
          <p className="govuk-body">{withheld}</p>
        </InsetText>
      )}
      <ul className="govuk-list govuk-list--bullet govuk-body-s">
        {notes.map((n, i) => (
          <li key={i}>{n}</li>
        ))}
      </ul>
    </>
  );
}
