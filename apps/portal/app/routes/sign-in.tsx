import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, Input, InsetText, NotificationBanner } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { attempt, failure, readForm, safeReturnTo, text } from "../utils/forms.server";
import { ssoButton } from "../utils/sign-in";
import { CHOOSE_PASSWORD_PATH } from "../utils/auth.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Sign in – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const returnTo = safeReturnTo(url.searchParams.get("returnTo"));
  if (context.principal?.kind === "staff") throw redirect(returnTo);
  const methods = await context.api.auth.methods();
  return {
    returnTo,
    sso: ssoButton(methods, returnTo),
    sessionEnded: context.sessionEnded || url.searchParams.has("expired"),
    signedOut: url.searchParams.has("signedOut"),
    passwordChanged: url.searchParams.has("passwordChanged"),
  };
}

export async function action({ context, request }: ActionFunctionArgs) {
  const form = await readForm(request, context);
  const email = text(form, "email");
  const password = typeof form.get("password") === "string" ? (form.get("password") as string) : "";
  const errors: Record<string, string> = {};
  if (!email) errors.email = "Enter your email address";
  if (!password) errors.password = "Enter your password";
  if (Object.keys(errors).length) return failure(errors, form);
  const result = await attempt(form, () => context.api.auth.login({ email, password }));
  if (!result.ok) return result.response;
  const returnTo = text(form, "returnTo");
  // A password an administrator set is temporary: choose one's own before anything else (issue 20).
  if (result.value.passwordMustChange) return redirect(`${CHOOSE_PASSWORD_PATH}?${new URLSearchParams({ returnTo: safeReturnTo(returnTo) })}`, 303);
  // Administrators manage the system, not cases: their home is the administration page.
  const home = result.value.roles.every((r) => r.role === "administrator") ? "/admin" : "/cases";
  return redirect(safeReturnTo(returnTo && returnTo !== "/cases" ? returnTo : home, home), 303);
}

export default function SignIn() {
  const { returnTo, sso, sessionEnded, signedOut, passwordChanged } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  return (
    <Page
      narrow
      errors={errors}
      heading="Sign in"
      banner={
        <>
          {sessionEnded ? (
            <NotificationBanner heading="Your session has ended. Sign in again to carry on." />
          ) : null}
          {signedOut ? (
            <NotificationBanner success heading="You have signed out." />
          ) : null}
          {passwordChanged ? (
            <NotificationBanner success heading="Your password has been changed. Sign in with your new password." />
          ) : null}
        </>
      }
    >
      <p className="govuk-body">Sign in to the complaints case management service with your council account.</p>
      {sso ? (
        <>
          <a href={sso.href} className="govuk-button" data-module="govuk-button" role="button" draggable="false">
            {sso.label}
          </a>
          <p className="govuk-body">Or sign in with your email address and password.</p>
        </>
      ) : null}
      <PostForm>
        <input type="hidden" name="returnTo" value={returnTo} />
        <Input name="email" type="email" label="Email address" autoComplete="username" spellCheck={false} error={errors.email} defaultValue={values.email} />
        <Input name="password" type="password" label="Password" autoComplete="current-password" error={errors.password} />
        <Button>Sign in</Button>
      </PostForm>
      <InsetText>If you have forgotten your password, ask your administrator to reset it.</InsetText>
    </Page>
  );
}
