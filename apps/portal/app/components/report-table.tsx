/**
 * A report table as the API gives it (@complaints/reports' `ReportTable`: the same tables the CSV
 * downloads hold) in GOV.UK table markup: a caption saying what the figures are, column headers,
 * the first column as row headers, numbers right-aligned, and a totals row marked as such.
 * Charts come as accessible SVG from the API and always sit beside their figures as a table.
 */
import type { ReportTableView, ChartView } from "../utils/api-types";

const cell = (value: string | number | null | undefined) => (value === null || value === undefined || value === "" ? "–" : String(value));

export function ReportTable({ table, captionSize = "m" }: { table: ReportTableView; captionSize?: "s" | "m" | "l" }) {
  if (table.rows.length === 0) {
    return (
      <>
        <h3 className={`govuk-heading-${captionSize === "l" ? "m" : "s"}`}>{table.title}</h3>
        <p className="govuk-body">No figures for this period.</p>
      </>
    );
  }
  const row = (values: Record<string, string | number | null>, total: boolean, key: string | number) => (
    <tr key={key} className="govuk-table__row">
      {table.columns.map((c, i) => {
        // The totals row says so in its first cell (a report leaves it blank or names a key).
        const value = total && i === 0 ? "Total" : cell(values[c.key]);
        const text = total ? <strong>{value}</strong> : value;
        return i === 0 ? (
          <th key={c.key} scope="row" className="govuk-table__header">
            {text}
          </th>
        ) : (
          <td key={c.key} className={`govuk-table__cell${c.numeric ? " govuk-table__cell--numeric" : ""}`}>
            {text}
          </td>
        );
      })}
    </tr>
  );
  return (
    <div className="app-table-scroll" role="region" aria-label={table.title} tabIndex={0}>
      <table className="govuk-table govuk-table--small-text-until-tablet" id={table.id}>
        <caption className={`govuk-table__caption govuk-table__caption--${captionSize}`}>
          {table.title}
          {table.caption ? <span className="govuk-body-s govuk-!-display-block govuk-!-margin-top-1">{table.caption}</span> : null}
        </caption>
        <thead className="govuk-table__head">
          <tr className="govuk-table__row">
            {table.columns.map((c) => (
              <th key={c.key} scope="col" className={`govuk-table__header${c.numeric ? " govuk-table__header--numeric" : ""}`}>
                {c.label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody className="govuk-table__body">
          {table.rows.map((r, i) => row(r, false, i))}
          {table.totals ? row(table.totals, true, "totals") : null}
        </tbody>
      </table>
    </div>
  );
}

/** A chart (SVG with its own title and description) followed by the same figures as a table. */
export function Chart({ chart }: { chart: ChartView }) {
  return (
    <figure className="app-chart govuk-!-margin-0 govuk-!-margin-bottom-6">
      {/* The SVG is made by @complaints/reports from numbers and escaped labels only. */}
      <div className="app-chart__image" dangerouslySetInnerHTML={{ __html: chart.svg }} />
      <details className="govuk-details govuk-!-margin-top-2">
        <summary className="govuk-details__summary">
          <span className="govuk-details__summary-text">The figures in this chart</span>
        </summary>
        <div className="govuk-details__text">
          <ReportTable table={chart.table} captionSize="s" />
        </div>
      </details>
    </figure>
  );
}
