import { Input } from "./govuk";
import { useRootData } from "../root";

/** An example reference of this council's ("LDS-2026-000123"), for the forms' hints. */
export function useExampleReference(): string {
  return `${useRootData()?.council?.referencePrefix ?? "EXB"}-2026-000123`;
}

/** The reference and tracking code fields, and the same two as hidden fields once proved. */
export function ProofFields({ errors, values }: { errors: Record<string, string>; values: { reference?: string; trackingCode?: string } }) {
  const example = useExampleReference();
  return (
    <>
      <Input name="reference" label="Reference" hint={`For example, ${example}. It is on your confirmation page and our letters.`} width="20" spellCheck={false} error={errors.reference} defaultValue={values.reference} />
      <Input name="trackingCode" label="Tracking code" hint="12 letters and numbers, for example 7KQ2-M9XD-4RTA. It is under the reference on your confirmation page and our first letter." width="20" autoComplete="off" spellCheck={false} error={errors.trackingCode} defaultValue={values.trackingCode} />
    </>
  );
}

export function HiddenProof({ proof }: { proof: { reference: string; trackingCode: string } }) {
  return (
    <>
      <input type="hidden" name="reference" value={proof.reference} />
      <input type="hidden" name="trackingCode" value={proof.trackingCode} />
    </>
  );
}
