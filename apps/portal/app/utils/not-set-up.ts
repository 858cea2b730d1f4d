/**
 * The page of a server with no council for this address (the API's NOT_SET_UP, made a 503 by
 * server/portal.ts): what it carries, and what someone trying to sign in is told to do.
 * docs/decisions/0316-council-by-host.md.
 */
export interface NotSetUp {
  code: "NOT_SET_UP";
  message: string;
  /** apps/api/src/errors.ts, NotSetUpReason. */
  reason: "nothing-installed" | "unknown-address" | "council-not-chosen" | "public-council-missing" | null;
}

/** True for the 503 page's payload, or the error thrown with it. */
export function isNotSetUp(value: unknown): boolean {
  const payload = (value as { data?: unknown } | null)?.data ?? value;
  return (payload as { code?: unknown } | null)?.code === "NOT_SET_UP";
}

/** The command that installs a council (README, "Running it for your council"). */
export const INSTALL_COMMAND = "npm run council -- install --profile <id|file> --admin-email <email>";
