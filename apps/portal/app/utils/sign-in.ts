/**
 * The single sign-on button of the sign-in page: shown only when the API says single sign-on
 * is set up (`auth.methods`), labelled as the council configured it ("Sign in with your
 * council account" by default), and bringing the person back to where they were going.
 */
export interface SignInMethods {
  password: boolean;
  sso: { label: string; startUrl: string } | null;
}

export function ssoButton(methods: SignInMethods, returnTo: string): { label: string; href: string } | null {
  if (!methods.sso) return null;
  return { label: methods.sso.label, href: `${methods.sso.startUrl}?returnTo=${encodeURIComponent(returnTo)}` };
}
