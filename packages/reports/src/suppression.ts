/**
 * Small-number suppression for equality monitoring (issue 7; Leeds policy paras 31–32 and 81:
 * reported only in aggregate). A count from 1 to 4 is shown as "<5", so nobody can be picked out
 * of a small group. Zero is shown: it says nobody from that group complained, which identifies no
 * one (decision 0707).
 *
 * Primary suppression alone is not enough when a total is shown beside the groups: one hidden
 * cell could be worked out by subtraction. So within a set of cells that add up to a published
 * total, if exactly one non-zero cell is hidden, the next smallest is hidden too (complementary
 * suppression).
 */

export const SUPPRESSED = "<5" as const;
export type Shown = number | typeof SUPPRESSED;

export interface SuppressionOptions {
  /** Counts below this (and above zero) are hidden. Default 5. */
  threshold?: number;
}

export function isSmall(count: number, options: SuppressionOptions = {}): boolean {
  const threshold = options.threshold ?? 5;
  return count > 0 && count < threshold;
}

/** One count on its own: "<5" when small. */
export function suppress(count: number, options: SuppressionOptions = {}): Shown {
  return isSmall(count, options) ? SUPPRESSED : count;
}

/**
 * Counts that add up to a total that is also shown: small ones hidden, and if that leaves
 * exactly one hidden, the smallest other non-zero count hidden as well.
 */
export function suppressGroup(
  counts: readonly number[],
  options: SuppressionOptions = {},
): Shown[] {
  const hidden = counts.map((c) => isSmall(c, options));
  if (hidden.filter(Boolean).length === 1) {
    let pick = -1;
    counts.forEach((c, i) => {
      if (!hidden[i] && c > 0 && (pick < 0 || c < counts[pick]!)) pick = i;
    });
    if (pick >= 0) hidden[pick] = true;
  }
  return counts.map((c, i) => (hidden[i] ? SUPPRESSED : c));
}
