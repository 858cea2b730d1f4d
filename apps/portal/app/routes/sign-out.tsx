import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { readForm } from "../utils/forms.server";

export async function loader() {
  return redirect("/sign-in");
}

export async function action({ context, request }: ActionFunctionArgs) {
  await readForm(request, context);
  if (context.principal?.kind === "staff") await context.api.auth.logout();
  return redirect("/sign-in?signedOut=1", 303);
}
