import { Radios } from "./govuk";
import { RISK_LABELS } from "../utils/audits";

/** How serious an audit finding is: asked the same way on the review form and when a finding is added later. */
export function RiskRadios({ error, defaultValue }: { error?: string | undefined; defaultValue?: string | undefined }) {
  return (
    <Radios
      name="risk"
      legend="How serious is it?"
      legendSize="s"
      inline
      items={Object.entries(RISK_LABELS).map(([value, label]) => ({ value, text: `${label} risk` }))}
      error={error}
      defaultValue={defaultValue}
    />
  );
}
