/**
 * Small-number suppression for equality monitoring (issue 7; Leeds policy paras 31–32 and 81:
 * reported only in aggregate; issue 20 finding 3; decision 0710, which follows the ONS
 * statistical disclosure control policy). A count from 1 to 4 is shown as "<5", so nobody can be
 * picked out of a small group. Zero is shown unless it must be hidden to protect another cell.
 *
 * Primary suppression alone is not enough: a reader who knows a line's total (the forms returned,
 * shown on the report; or the same answer's count over the whole council, shown in the report
 * without a breakdown) can work one hidden cell out by subtraction. So in every line of a table
 * (each column, and each row across the groups of a breakdown) that holds exactly one hidden
 * cell, the next smallest cell is hidden too (complementary suppression), repeated until no line
 * holds a lone hidden cell. And nothing is tabulated at all for too few forms or too short a
 * period (`EQUALITY_DISCLOSURE`), where every table would be one person's answers.
 */

export const SUPPRESSED = "<5" as const;
export type Shown = number | typeof SUPPRESSED;

export interface SuppressionOptions {
  /** Counts below this (and above zero) are hidden. Default 5. */
  threshold?: number;
}

/**
 * The rules the equality monitoring report keeps (decision 0710): counts of 1 to 4 hidden; no
 * table (nor a group of a breakdown) for fewer than 10 forms; no period shorter than three months.
 */
export const EQUALITY_DISCLOSURE = Object.freeze({
  threshold: 5,
  minimumForms: 10,
  minimumMonths: 3,
});

export function isSmall(count: number, options: SuppressionOptions = {}): boolean {
  const threshold = options.threshold ?? 5;
  return count > 0 && count < threshold;
}

/** One count on its own: "<5" when small. */
export function suppress(count: number, options: SuppressionOptions = {}): Shown {
  return isSmall(count, options) ? SUPPRESSED : count;
}

/**
 * Which cells of a table of counts to hide, when every row total and every column total may be
 * known to the reader: the small ones (and any the caller must hide, `alsoHide`), then, while any
 * row or column holds exactly one hidden cell, the smallest other cell of that line: a non-zero
 * one where there is one, else a zero (so "<5" beside a known total never gives the count away).
 */
export function suppressTable(
  counts: readonly (readonly number[])[],
  options: SuppressionOptions & { alsoHide?: readonly (readonly boolean[])[] } = {},
): boolean[][] {
  const hidden = counts.map((row, r) =>
    row.map((c, k) => isSmall(c, options) || (options.alsoHide?.[r]?.[k] ?? false)),
  );
  const width = Math.max(0, ...counts.map((row) => row.length));
  const lines: Array<Array<[number, number]>> = [
    ...counts.map((row, r) => row.map((_, k) => [r, k] as [number, number])),
    ...Array.from({ length: width }, (_, k) =>
      counts.flatMap((row, r) => (k < row.length ? [[r, k] as [number, number]] : [])),
    ),
  ];
  for (let changed = true; changed; ) {
    changed = false;
    for (const line of lines) {
      if (line.filter(([r, k]) => hidden[r]![k]).length !== 1) continue;
      let pick: [number, number] | null = null;
      const rank = ([r, k]: [number, number]) => {
        const c = counts[r]![k]!;
        return c > 0 ? c : Number.MAX_SAFE_INTEGER; // a zero only when no non-zero cell is left
      };
      for (const cell of line) {
        if (hidden[cell[0]]![cell[1]]) continue;
        if (!pick || rank(cell) < rank(pick)) pick = cell;
      }
      if (pick) {
        hidden[pick[0]]![pick[1]] = true;
        changed = true;
      }
    }
  }
  return hidden;
}

/**
 * Counts that add up to a total that is also shown: small ones hidden, and if that leaves
 * exactly one hidden, the smallest other count hidden as well (a zero only if nothing else is left).
 */
export function suppressGroup(
  counts: readonly number[],
  options: SuppressionOptions = {},
): Shown[] {
  const hidden = suppressTable(
    counts.map((c) => [c]),
    options,
  );
  return counts.map((c, i) => (hidden[i]![0] ? SUPPRESSED : c));
}

/** The last day of a period of whole months from `from` (e.g. 2025-04-01 + 3 → 2025-06-30). */
export function monthsOnFrom(from: string, months: number): string {
  const [y, m, d] = from.split("-").map(Number) as [number, number, number];
  const end = new Date(Date.UTC(y, m - 1 + months, d) - 86_400_000);
  return end.toISOString().slice(0, 10);
}
