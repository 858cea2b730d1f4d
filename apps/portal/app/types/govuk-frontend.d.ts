// The parts of GOV.UK Frontend's JavaScript the portal uses (the package ships JSDoc, not .d.ts).
declare module "govuk-frontend" {
  interface ComponentClass {
    readonly moduleName: string;
    new (root: HTMLElement, config?: unknown): unknown;
  }
  export const Button: ComponentClass;
  export const ErrorSummary: ComponentClass;
  export const NotificationBanner: ComponentClass;
  export const ServiceNavigation: ComponentClass;
  export const SkipLink: ComponentClass;
  export function isSupported(scope?: HTMLElement): boolean;
}
