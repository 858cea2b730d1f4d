/**
 * GOV.UK Frontend's JavaScript, run after React has hydrated or re-rendered a page. Only the
 * components the portal uses are imported (tree-shaken: govuk-frontend has no side effects),
 * and each element is enhanced once (GOV.UK Frontend marks it `data-<module>-init`).
 *
 * Radios and checkboxes reveal their conditional questions with CSS (`:has(:checked)`, in
 * govuk.scss) rather than GOV.UK Frontend's script, which sets `aria-expanded` on the inputs
 * (axe: aria-allowed-attr) and needs JavaScript.
 */
import { Button, ErrorSummary, NotificationBanner, ServiceNavigation, SkipLink, isSupported } from "govuk-frontend";

const components = [Button, ErrorSummary, NotificationBanner, ServiceNavigation, SkipLink] as const;

export function enhanceGovukComponents(): void {
  if (!isSupported()) return;
  for (const Component of components) {
    const name = Component.moduleName;
    for (const element of document.querySelectorAll(`[data-module="${name}"]:not([data-${name}-init])`)) {
      new Component(element as HTMLElement);
    }
  }
}
