/**
 * /complain, the address every link and the start button use: the form's first question, at
 * its own address (docs/decisions/0520-complaint-form-one-question-per-page.md).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { questionPath } from "../utils/complain";

export function loader({ request }: LoaderFunctionArgs) {
  return redirect(`${questionPath("kind")}${new URL(request.url).search}`);
}
