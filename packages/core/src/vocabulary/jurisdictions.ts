/**
 * The UK jurisdictions a complaints regime belongs to (issue 17). Core's defaults are the English
 * complaint handling code's; a regime of another jurisdiction says so, and every value it
 * inherits from the English defaults is named at start-up (docs/decisions/0107-every-regime-field-settable.md).
 */
export const JURISDICTIONS = ["england", "wales", "scotland", "northern-ireland"] as const;
export type Jurisdiction = (typeof JURISDICTIONS)[number];

export const JURISDICTION_LABELS: Record<Jurisdiction, string> = {
  england: "England",
  wales: "Wales",
  scotland: "Scotland",
  "northern-ireland": "Northern Ireland",
};
