import { Link } from "@remix-run/react";
import type { Restriction } from "@complaints/core";
import { WarningText } from "./govuk";

export function describeRestriction(r: Restriction): string {
  switch (r.kind) {
    case "single-point-of-contact":
      return `Contact only through ${r.contact}`;
    case "written-contact-only":
      return `Written contact only${r.adjustments ? ` (${r.adjustments})` : ""}`;
    case "call-limit":
      return `No more than ${r.callsPerWeek} ${r.callsPerWeek === 1 ? "call" : "calls"} a week`;
    case "premises-limit":
      return `Visits limited: ${r.detail}`;
    case "correspondence-filed":
      return `Correspondence read and filed: ${r.detail}`;
    case "other":
      return r.detail;
  }
}

/** Persistent-complainant restrictions in force: shown on every case of the customer. */
export function RestrictionsWarning({ restrictions, customerId }: { restrictions: readonly Restriction[]; customerId: string | null }) {
  if (restrictions.length === 0) return null;
  return (
    <WarningText>
      This customer is designated a persistent complainant. Restrictions in force:{" "}
      {restrictions.map(describeRestriction).join("; ")}. Genuine new complaints are still logged.{" "}
      {customerId ? (
        <Link className="govuk-link" to={`/customers/${customerId}`}>
          See the process
        </Link>
      ) : null}
    </WarningText>
  );
}
