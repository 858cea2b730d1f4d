/** Plain-English labels for the codes reports group by; the codes' own labels are core's vocabulary. */
import { EXCLUSION_REASON_LABELS, OUT_OF_TIME_DECISION_LABELS } from "@complaints/core";

const STAGE = /^stage-(\d+)$/;

/** "Stage 1", "MP", "Mayor", "Cllrs" (Lewisham's column heads), or the code itself. */
export function columnLabel(column: string): string {
  const stage = STAGE.exec(column);
  if (stage) return `Stage ${stage[1]}`;
  switch (column) {
    case "member:mp":
      return "MP";
    case "member:mayor":
      return "Mayor";
    case "member:councillor":
      return "Cllrs";
    case "member:other":
      return "Other members";
    default:
      return column;
  }
}

/** Stage columns in stage order, then MP, Mayor, councillors (Lewisham 5.2), then anything else. */
export function compareColumns(a: string, b: string): number {
  const rank = (c: string): [number, number, string] => {
    const stage = STAGE.exec(c);
    if (stage) return [0, Number(stage[1]), c];
    const members = ["member:mp", "member:mayor", "member:councillor", "member:other"];
    const m = members.indexOf(c);
    if (m >= 0) return [1, m, c];
    return [2, 0, c];
  };
  const [x, y] = [rank(a), rank(b)];
  return x[0] - y[0] || x[1] - y[1] || x[2].localeCompare(y[2]);
}

/** What the reason column of a refused complaint holds: an exclusion's reason, or an out-of-time decision. */
export const REFUSAL_REASON_LABELS: Readonly<Record<string, string>> = { ...EXCLUSION_REASON_LABELS, ...OUT_OF_TIME_DECISION_LABELS };

export const label = (
  labels: Readonly<Record<string, string>>,
  code: string | null,
  fallback = "Not recorded",
) => (code === null ? fallback : (labels[code] ?? code));

/**
 * Which date a report counts as "in time" (docs/decisions/0322-deadlines-met-when-sent.md): the
 * day the acknowledgement or response was sent, as the Housing Ombudsman's and the LGSCO's codes
 * measure it; one written but not yet sent is not met.
 */
export const SENT_DATE_NOTE =
  "Measured from the date the response was sent to the resident (and the acknowledgement from the date it was sent), as the Housing Ombudsman's and the LGSCO's complaint handling codes measure it; one written but not yet sent is not counted as in time. Cases recorded before sending dates were kept count the date the step was recorded.";
