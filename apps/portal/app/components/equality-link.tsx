import { Link } from "@remix-run/react";
import { useRootData } from "../root";

/**
 * For the few who may record equality monitoring on a customer's behalf: a link to the form.
 * It says nothing about whether a form is held (that is not part of the case).
 */
export function EqualityMonitoringLink({ caseId }: { caseId: string }) {
  const root = useRootData();
  const roles = root?.staff?.roles ?? [];
  if (!roles.some((r) => r === "customer-services" || r === "complaints-manager")) return null;
  return (
    <p className="govuk-body">
      <Link className="govuk-link" to={`/cases/${caseId}/equality`}>
        Equality monitoring form
      </Link>
    </p>
  );
}
