/**
 * GOV.UK Frontend's JavaScript, run after React has hydrated or re-rendered a page. Only the
 * components the portal uses are imported (tree-shaken: govuk-frontend has no side effects),
 * and each element is enhanced once (GOV.UK Frontend marks it `data-<module>-init`).
 */
import { Button, Checkboxes, ErrorSummary, NotificationBanner, Radios, ServiceNavigation, SkipLink, isSupported } from "govuk-frontend";

const components = [Button, Checkboxes, ErrorSummary, NotificationBanner, Radios, ServiceNavigation, SkipLink] as const;

export function enhanceGovukComponents(): void {
  if (!isSupported()) return;
  for (const Component of components) {
    const name = Component.moduleName;
    for (const element of document.querySelectorAll(`[data-module="${name}"]:not([data-${name}-init])`)) {
      new Component(element as HTMLElement);
    }
  }
}
