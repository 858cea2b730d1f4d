/**
 * The council's profile as a file (issue 14: "each change … can be exported back to a profile
 * file"): what the configuration pages changed, written by the same serialiser as the council
 * command's `export` (@complaints/profiles `profileToText`), so the file installs or updates
 * with `npm run council` as it is.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { data } from "@remix-run/node";
import { profileFile } from "./admin.config.server";

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const format = params.format;
  if (format !== "json" && format !== "yaml") throw data("The profile can be downloaded as YAML or JSON.", { status: 404 });
  const { name, text } = await profileFile(context, request, format);
  return new Response(text, {
    headers: {
      "Content-Type": format === "json" ? "application/json; charset=utf-8" : "application/yaml; charset=utf-8",
      "Content-Disposition": `attachment; filename="${name}"`,
      "Cache-Control": "no-store",
    },
  });
}
