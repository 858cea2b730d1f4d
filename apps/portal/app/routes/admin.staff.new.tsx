import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Input, SubmitOrCancel } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { GrantPicker } from "../components/grants";
import { attempt, failure, readForm, text } from "../utils/forms.server";
import { grantChoices, grantsFrom, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Add a member of staff – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  return { choices: await grantChoices(context) };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  const form = await readForm(request, context);
  const name = text(form, "name");
  const email = text(form, "email");
  const password = typeof form.get("password") === "string" ? (form.get("password") as string) : "";
  const roles = grantsFrom(form);
  const errors: Record<string, string> = {};
  if (!name) errors.name = "Enter the person's name";
  if (!email) errors.email = "Enter their email address";
  if (roles.length === 0) errors.grant = "Choose at least one role";
  if (Object.keys(errors).length) return failure(errors, form);
  const jobTitle = text(form, "jobTitle");
  const result = await attempt(form, () => context.api.admin.staff.create({ name, email, roles, ...(jobTitle ? { jobTitle } : {}), ...(password ? { password } : {}) }), { roles: "grant" });
  if (!result.ok) return result.response;
  return redirect(`/admin/staff?added=${result.value.id}`, 303);
}

export default function NewStaff() {
  const { choices } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const chosen = (values.grant ?? "").split("\n").filter(Boolean);
  return (
    <Page back={{ to: "/admin/staff", text: "Back to staff and roles" }} narrow errors={errors} heading="Add a member of staff">
      <PostForm>
        <Input name="name" label="Full name" autoComplete="off" error={errors.name} defaultValue={values.name} />
        <Input name="email" type="email" label="Email address" hint="Their council email address: they sign in with it" spellCheck={false} error={errors.email} defaultValue={values.email} />
        <Input name="jobTitle" label="Job title (optional)" hint="Printed under their name when they sign letters" error={errors.jobTitle} defaultValue={values.jobTitle} />
        <Input
          name="password"
          type="password"
          label="First password (optional)"
          hint="Give it to them in person; leave it empty if they sign in with their council account. At least 12 characters."
          autoComplete="new-password"
          error={errors.password}
        />
        <GrantPicker choices={choices} chosen={chosen} error={errors.grant} />
        <SubmitOrCancel cancelTo="/admin/staff">Add the member of staff</SubmitOrCancel>
      </PostForm>
    </Page>
  );
}
