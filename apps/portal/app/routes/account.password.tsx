import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, Input, NotificationBanner } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { describeApiError, failure, readForm, safeReturnTo, text } from "../utils/forms.server";
import { requireStaff } from "../utils/auth.server";
import { PASSWORD_FIELDS, passwordFieldFor, readPasswordForm } from "../utils/password";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Choose a new password – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  const staff = requireStaff(context, request, { temporaryPassword: true });
  const returnTo = safeReturnTo(new URL(request.url).searchParams.get("returnTo"));
  return { mustChange: staff.passwordMustChange, returnTo };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireStaff(context, request, { temporaryPassword: true });
  const form = await readForm(request, context);
  const { current, next, errors } = readPasswordForm(form);
  if (Object.keys(errors).length) return failure(errors, form);
  try {
    await context.api.auth.changePassword({ current, next });
  } catch (error) {
    const described = describeApiError(error);
    if (described.status >= 500) throw error;
    return failure({ [passwordFieldFor(described.message)]: described.message }, form, described.status);
  }
  // Every session of the account has ended, this one included: sign in with the new password.
  const params = new URLSearchParams({ passwordChanged: "1", returnTo: safeReturnTo(text(form, "returnTo")) });
  return redirect(`/sign-in?${params}`, 303);
}

export default function ChoosePassword() {
  const { mustChange, returnTo } = useLoaderData<typeof loader>();
  const { errors } = useFormState();
  return (
    <Page
      narrow
      errors={errors}
      heading={mustChange ? "Choose a new password" : "Change your password"}
      banner={mustChange ? (
        <NotificationBanner heading="Your password was set by an administrator. Choose your own password before you carry on." />
      ) : null}
    >
      <p className="govuk-body">Use at least 12 characters. Three or four random words together work well. Common passwords, and ones made of your name or email address, are not accepted.</p>
      <PostForm>
        <input type="hidden" name="returnTo" value={returnTo} />
        <Input name={PASSWORD_FIELDS.current} type="password" label={mustChange ? "Password you were given" : "Current password"} autoComplete="current-password" error={errors[PASSWORD_FIELDS.current]} />
        <Input name={PASSWORD_FIELDS.next} type="password" label="New password" autoComplete="new-password" error={errors[PASSWORD_FIELDS.next]} />
        <Input name={PASSWORD_FIELDS.confirm} type="password" label="Confirm new password" autoComplete="new-password" error={errors[PASSWORD_FIELDS.confirm]} />
        <Button>Save new password</Button>
      </PostForm>
      <p className="govuk-body">You will be asked to sign in again with your new password.</p>
    </Page>
  );
}
