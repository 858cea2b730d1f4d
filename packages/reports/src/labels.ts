/** Plain-English labels for the codes reports group by. */

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

export const OUTCOME_LABELS: Record<string, string> = {
  upheld: "Upheld",
  "partly-upheld": "Partly upheld",
  "not-upheld": "Not upheld",
};

export const REFUSAL_LABELS: Record<string, string> = {
  "not-a-complaint": "Not a complaint",
  excluded: "Excluded",
  "out-of-time": "Out of time",
  "wrongly-addressed": "Wrongly addressed",
  duplicate: "Duplicate",
};

export const EXCLUSION_LABELS: Record<string, string> = {
  "legal-proceedings": "Legal proceedings",
  employment: "Employment matter",
  "elected-member-conduct": "Conduct of an elected member",
  "right-of-appeal": "A right of appeal exists",
  "already-considered": "Already considered",
  "insurance-claim": "Insurance claim",
  other: "Other",
  refuse: "Refused",
};

export const BODY_LABELS: Record<string, string> = {
  lgsco: "Local Government and Social Care Ombudsman",
  "housing-ombudsman": "Housing Ombudsman",
  ico: "Information Commissioner's Office",
  "first-tier-tribunal": "First-tier Tribunal",
};

export const FINDING_LABELS: Record<string, string> = {
  "no-fault": "No fault",
  "fault-no-injustice": "Fault, no injustice",
  "fault-injustice": "Fault causing injustice",
  "no-maladministration": "No maladministration",
  "service-failure": "Service failure",
  maladministration: "Maladministration",
  "severe-maladministration": "Severe maladministration",
  "not-investigated": "Not investigated",
  premature: "Premature",
  "complaint-upheld": "Complaint upheld",
  "complaint-not-upheld": "Complaint not upheld",
};

/** Findings that say the council got something wrong (LGSCO fault, HOS failure or maladministration, ICO upheld). */
export const FAULT_FINDINGS: ReadonlySet<string> = new Set([
  "fault-no-injustice",
  "fault-injustice",
  "service-failure",
  "maladministration",
  "severe-maladministration",
  "complaint-upheld",
]);

export const label = (
  labels: Record<string, string>,
  code: string | null,
  fallback = "Not recorded",
) => (code === null ? fallback : (labels[code] ?? code));
