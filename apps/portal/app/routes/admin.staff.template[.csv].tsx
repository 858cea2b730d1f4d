import type { LoaderFunctionArgs } from "@remix-run/node";
import { adminRead, requireAdministrator } from "./admin.staff.server";

/** The staff import's template (docs/staff-import.md), with this council's directorate codes. */
export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const csv = await adminRead(() => context.api.admin.staff.importTemplate());
  return new Response(csv, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": 'attachment; filename="staff-import-template.csv"',
      "cache-control": "no-store",
    },
  });
}
