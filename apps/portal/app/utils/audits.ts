/** Words for the quality-audit pages (client-safe). */
const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** "2026-03" → "March 2026". */
export const monthName = (month: string) => `${MONTHS[Number(month.slice(5, 7)) - 1]} ${month.slice(0, 4)}`;

/** A checklist item's id as words, where the rubric's own description is not at hand. */
export function criterionLabel(id: string): string {
  const [group, ...rest] = id.split(":");
  const words = rest.join(": ").replace(/-/g, " ");
  return `${(group ?? "").replace(/^./, (c) => c.toUpperCase())}: ${words}`;
}

export const ANSWER_LABELS: Record<string, string> = { met: "Met", "not-met": "Not met", "not-applicable": "Does not apply" };
export const RISK_LABELS: Record<string, string> = { high: "High", medium: "Medium", low: "Low" };
