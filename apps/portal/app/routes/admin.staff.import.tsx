import type { ActionFunctionArgs, AppLoadContext, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, ButtonGroup, Details, FileUpload, NotificationBanner, Table, Tag, WarningText } from "../components/govuk";
import { PostForm } from "../components/form";
import { attempt, failure, readForm } from "../utils/forms.server";
import { csvFrom, decodeCsv, encodeCsv, tooLarge } from "./admin.staff.import.server";
import type { ImportAction } from "./admin.staff.import.server";
import { adminRead, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Import staff from a spreadsheet – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const organisation = await adminRead(() => context.api.admin.organisation());
  const imported = new URL(request.url).searchParams.get("imported");
  const counts = imported && /^\d+(\.\d+){3}$/.test(imported) ? imported.split(".").map(Number) : null;
  return {
    directorates: organisation.tree.directorates.filter((d) => !d.archived).map((d) => ({ code: d.code, name: d.name })),
    imported: counts ? describeCounts({ create: counts[0]!, "add-roles": counts[1]!, "ask-approval": counts[2]!, unchanged: counts[3]! }) : null,
  };
}

type Checked = Awaited<ReturnType<AppLoadContext["api"]["admin"]["staff"]["import"]>>;

export async function action({ context, request }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  if (tooLarge(request)) return failure({ file: "The selected file must be smaller than 1 MB" }, null, 413);
  const form = await readForm(request, context);
  if (form.get("intent") === "confirm") {
    const csv = decodeCsv(form.get("csv"));
    const digest = form.get("digest");
    if (csv === null || typeof digest !== "string") throw data("There is no such action.", { status: 400 });
    const done = await attempt(form, () => context.api.admin.staff.import({ csv, dryRun: false, expectedDigest: digest }));
    if (done.ok) {
      const c = done.value.counts;
      return redirect(`/admin/staff/import?imported=${c.create}.${c["add-roles"]}.${c["ask-approval"]}.${c.unchanged}`, 303);
    }
    // The staff changed since the check (or the file no longer passes): check it again and say so.
    const again = await attempt(form, () => context.api.admin.staff.import({ csv, dryRun: true }));
    if (!again.ok) return again.response;
    return checked(again.value, csv, typeof form.get("fileName") === "string" ? String(form.get("fileName")) : "the file", done.response.data.errors._form ?? "Nothing was imported");
  }
  const file = await csvFrom(form.get("file"));
  if ("error" in file) return failure({ file: file.error }, form);
  const fileName = (form.get("file") as File).name;
  const result = await attempt(form, () => context.api.admin.staff.import({ csv: file.csv, dryRun: true }), { csv: "file" });
  if (!result.ok) return result.response;
  return checked(result.value, file.csv, fileName, null);
}

function checked(result: Checked, csv: string, fileName: string, refused: string | null) {
  const errors: Record<string, string> = {};
  if (refused) errors._form = refused;
  if (result.problems.length) errors.file = `${fileName} has ${result.problems.length === 1 ? "a problem" : `${result.problems.length} problems`}: correct ${result.problems.length === 1 ? "it" : "them"} and select the file again`;
  return data({ ok: !result.problems.length && !refused, checked: true as const, errors, values: {}, result, fileName, csv: result.problems.length ? "" : encodeCsv(csv) });
}

/** "3 new accounts, roles added for 1 person, 2 people unchanged". */
function describeCounts(counts: Record<ImportAction, number>): string {
  const people = (n: number) => (n === 1 ? "1 person" : `${n} people`);
  const parts = [
    counts.create ? (counts.create === 1 ? "1 new account" : `${counts.create} new accounts`) : null,
    counts["add-roles"] ? `roles added for ${people(counts["add-roles"])}` : null,
    counts["ask-approval"] ? `your own roles wait for another administrator` : null,
    counts.unchanged ? `${people(counts.unchanged)} unchanged` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(", ") : "nothing to change";
}

const ACTION_LABELS: Record<ImportAction, string> = {
  create: "New account",
  "add-roles": "Roles added",
  unchanged: "No change",
  "ask-approval": "Waits for another administrator",
};
const ACTION_COLOURS: Record<ImportAction, "green" | "blue" | "grey" | "yellow"> = { create: "green", "add-roles": "blue", unchanged: "grey", "ask-approval": "yellow" };

export default function ImportStaff() {
  const { directorates, imported } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>() as
    | { ok: boolean; checked?: true; errors: Record<string, string>; result?: Checked; fileName?: string; csv?: string }
    | undefined;
  const errors = posted?.errors ?? {};
  const result = posted?.checked ? posted.result! : null;
  const ready = result && result.problems.length === 0 && posted?.csv;
  const changes = result ? result.people.filter((p) => p.action !== "unchanged").length : 0;
  return (
    <Page
      breadcrumbs={[
        { to: "/admin", text: "Administration" },
        { to: "/admin/staff", text: "Staff and roles" },
      ]}
      errors={errors}
      heading="Import staff from a spreadsheet"
      banner={
        imported ? (
          <NotificationBanner success heading={`Imported: ${imported}.`}>
            <p className="govuk-body">
              <Link className="govuk-notification-banner__link" to="/admin/staff">
                See staff and roles
              </Link>
            </p>
          </NotificationBanner>
        ) : null
      }
    >
      {result ? (
        <section aria-labelledby="check-heading">
          <h2 className="govuk-heading-m" id="check-heading">
            {result.problems.length ? `Problems in ${posted!.fileName}` : `What importing ${posted!.fileName} would do`}
          </h2>
          {result.problems.length ? (
            <>
              <p className="govuk-body">Nothing has been imported. Correct these rows in the spreadsheet, save it as CSV again and select it below.</p>
              <Table
                caption={`${result.problems.length === 1 ? "1 problem" : `${result.problems.length} problems`} in ${result.rows === 1 ? "1 row" : `${result.rows} rows`}`}
                captionSize="s"
                head={["Row", "Column", "Problem"]}
                rows={result.problems.map((p) => [String(p.row), p.column ?? "Whole row", p.message])}
              />
            </>
          ) : (
            <>
              <p className="govuk-body">Nothing has been imported yet. Every row has been checked: {describeCounts(result.counts)}.</p>
              {!result.singleSignOn && result.counts.create > 0 ? (
                <WarningText>
                  Single sign-on is not set up here. New people get no password: give each of them a first password from their page in staff and roles, which they must change when they first sign in.
                </WarningText>
              ) : null}
              <Table
                caption={`${result.people.length === 1 ? "1 person" : `${result.people.length} people`}`}
                captionSize="s"
                head={["Name", "Email", "What happens", "Roles"]}
                rows={result.people.map((p) => [
                  p.name,
                  p.email,
                  <Tag key="action" colour={ACTION_COLOURS[p.action]}>
                    {ACTION_LABELS[p.action]}
                  </Tag>,
                  <ul key="roles" className="govuk-list govuk-body-s">
                    {p.adding.map((g) => (
                      <li key={`${g.role}|${g.directorateId ?? ""}`}>{p.action === "ask-approval" ? `Asks for: ${g.label}` : `Adds: ${g.label}`}</li>
                    ))}
                    {p.kept.map((g) => (
                      <li key={`kept-${g.role}|${g.directorateId ?? ""}`}>Already holds: {g.label}</li>
                    ))}
                    {p.notes.map((n) => (
                      <li key={n}>{n}</li>
                    ))}
                  </ul>,
                ])}
              />
              {ready && changes > 0 ? (
                <PostForm>
                  <input type="hidden" name="intent" value="confirm" />
                  <input type="hidden" name="csv" value={posted!.csv} />
                  <input type="hidden" name="digest" value={result.digest} />
                  <input type="hidden" name="fileName" value={posted!.fileName} />
                  <ButtonGroup>
                    <Button>{changes === 1 ? "Import 1 person" : `Import ${changes} people`}</Button>
                    <Link className="govuk-link" to="/admin/staff/import">
                      Cancel
                    </Link>
                  </ButtonGroup>
                </PostForm>
              ) : (
                <p className="govuk-body">Everyone in the file already has these roles: there is nothing to import.</p>
              )}
            </>
          )}
        </section>
      ) : (
        <>
          <p className="govuk-body">
            Add many people at once, with their roles in each directorate. Each row of the spreadsheet is one role of one person: a person with two roles has two rows.
          </p>
          <p className="govuk-body">
            <a className="govuk-link" href="/admin/staff/template.csv" download>
              Download the template (CSV)
            </a>
          </p>
          <ColumnGuide directorates={directorates} />
        </>
      )}
      {/* Keyed by what the page shows, so that a file chosen before is not still shown after the import. */}
      <PostForm key={imported ?? result?.digest ?? "start"} encType="multipart/form-data">
        <FileUpload
          name="file"
          label={result?.problems.length ? "Select the corrected file" : result ? "Select another file" : "Select the spreadsheet"}
          labelSize="m"
          hint="A CSV file (in Excel: Save As, “CSV UTF-8”), smaller than 1 MB. It is checked first: nothing is imported until you confirm."
          accept=".csv,text/csv"
          error={errors.file}
        />
        <Button variant={ready ? "secondary" : undefined}>Check the file</Button>
      </PostForm>
    </Page>
  );
}

function ColumnGuide({ directorates }: { directorates: ReadonlyArray<{ code: string; name: string }> }) {
  return (
    <Details summary="What each column holds">
      <Table
        head={["Column", "What to put in it"]}
        rows={[
          ["name", "Their full name, as it appears on letters they sign. Required."],
          ["email", "Their council email address: they sign in with it. Required."],
          ["job title", "Printed under their name on letters. Optional."],
          ["team", "A team's name or code, or service code/team code when two services have a team of that name. Optional."],
          ["role", "One role, by its name or code, such as investigating-officer or “Investigating officer”. Required."],
          ["directorate", `The directorate's code or name: ${directorates.map((d) => `${d.code} (${d.name})`).join(", ")}. Leave it empty for a council-wide role (customer services, complaints manager, quality assurance, legal, auditor, administrator).`],
        ]}
      />
      <p className="govuk-body">
        Someone who already has an account keeps it, with their name, job title and team; they gain the roles of the file they do not hold yet. No role is taken away and none is given twice.
      </p>
    </Details>
  );
}
