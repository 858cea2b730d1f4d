import { Input } from "./govuk";
import { useRootData } from "../root";
import { useLanguage, useT } from "../i18n";
import type { FormErrors } from "../utils/public.server";

/** An example reference of this council's ("LDS-2026-000123"), for the forms' hints. */
export function useExampleReference(): string {
  return `${useRootData()?.council?.referencePrefix ?? "EXB"}-2026-000123`;
}

/**
 * A form's errors in the page's language: the English messages as the checks and the API gave
 * them, or each field's own Welsh message (decision 0517).
 */
export function useFormErrors(given: Partial<FormErrors> | undefined): Record<string, string> {
  const t = useT();
  const language = useLanguage();
  const example = useExampleReference();
  const errors = given?.errors ?? {};
  if (language === "en") return errors;
  return Object.fromEntries(Object.keys(errors).map((field) => [field, t(given?.keys?.[field] ?? "proof.error.form", { example })]));
}

/** The reference and tracking code fields, and the same two as hidden fields once proved. */
export function ProofFields({ errors, values }: { errors: Record<string, string>; values: { reference?: string; trackingCode?: string } }) {
  const example = useExampleReference();
  const t = useT();
  return (
    <>
      <Input name="reference" label={t("proof.reference")} hint={t("proof.reference.hint", { example })} width="20" spellCheck={false} error={errors.reference} defaultValue={values.reference} />
      <Input name="trackingCode" label={t("proof.trackingCode")} hint={t("proof.trackingCode.hint")} width="20" autoComplete="off" spellCheck={false} error={errors.trackingCode} defaultValue={values.trackingCode} />
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
