/**
 * Closed-loop load: `concurrency` clients, each running the operation again as soon as the
 * last one finished, until `count` operations are done or `maxSeconds` have passed (both
 * bounds always apply). Latencies are kept whole, so percentiles are exact.
 */
export interface LoadResult {
  /** Operations that finished (successfully or not). */
  done: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  /** Successful operations per second. */
  throughput: number;
  latencies: Float64Array;
}

export async function closedLoop(options: {
  concurrency: number;
  count: number;
  maxSeconds: number;
  /** Runs once per operation; `n` is the operation's number (0-based), `client` the client's. */
  op: (n: number, client: number) => Promise<void>;
}): Promise<LoadResult> {
  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  let firstError: string | null = null;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;
  const client = async (id: number) => {
    while (next < options.count && performance.now() < deadline) {
      const n = next++;
      const t0 = performance.now();
      try {
        await options.op(n, id);
        latencies.push(performance.now() - t0);
      } catch (error) {
        errors++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, (_, i) => client(i)));
  const seconds = (performance.now() - started) / 1000;
  const sorted = Float64Array.from(latencies).sort();
  return { done: latencies.length + errors, errors, firstError, seconds, throughput: latencies.length / seconds, latencies: sorted };
}

/** The p-th percentile (0–100) of sorted latencies, nearest-rank. */
export function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}
