/**
 * The council's profile as a file (issue 14: "each change … can be exported back to a profile
 * file"): what the configuration pages changed, in the format a council keeps and installs from.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { currentProfile } from "./admin.config.server";

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const { profile } = await currentProfile(context, request);
  if (params.format !== "json") throw data("The profile can be downloaded as JSON.", { status: 404 });
  return new Response(`${JSON.stringify(profile, null, 2)}\n`, {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="${profile.id}-profile.json"`,
      "Cache-Control": "no-store",
    },
  });
}
