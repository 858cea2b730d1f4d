export declare const REPORT_DIR: string;

/** Records that a suite did not run: `reason` says why, `install` how to get what it needs. */
export declare function recordSkippedSuite(skip: {
  root?: string;
  project: string;
  reason: string;
  install?: string;
}): void;

/** The vitest reporter that writes `<package>/.test-report/<project>.json`. */
export default class SuiteReporter {
  onInit(vitest: unknown): void;
  onTestRunEnd(testModules: ReadonlyArray<unknown>, unhandledErrors: ReadonlyArray<unknown>, reason: string): void;
}
