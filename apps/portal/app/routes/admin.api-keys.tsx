import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, DateInput, Input, NotificationBanner, Table, Tag, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { readDate } from "../utils/form-schema.server";
import { all, attempt, failure, readForm, text } from "../utils/forms.server";
import { formatDateTime } from "../utils/labels";
import { adminRead, grantChoices, requireAdministrator } from "./admin.staff.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "API keys – Administration" }];

const SCOPES = [
  { value: "cases:create", text: "Log new cases", hint: "A web form or CRM sends complaints in" },
  { value: "cases:read", text: "Read a case's progress", hint: "Where a case has got to, by its reference" },
];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireAdministrator(context, request);
  const [keys, choices] = await Promise.all([adminRead(() => context.api.admin.apiKeys.list()), grantChoices(context)]);
  return { keys, directorates: choices.directorates };
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireAdministrator(context, request);
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  if (intent === "revoke") {
    const result = await attempt(form, () => context.api.admin.apiKeys.revoke({ keyId: text(form, "keyId") }));
    return result.ok ? { ok: true as const, revoked: true, created: null } : result.response;
  }
  if (intent !== "create") throw data("There is no such action.", { status: 400 });
  const errors: Record<string, string> = {};
  const name = text(form, "name");
  const directorateIds = all(form, "directorateIds");
  const scopes = all(form, "scopes").filter((s): s is "cases:create" | "cases:read" => s === "cases:create" || s === "cases:read");
  const expiresOn = readDate(form, "expiresOn", "the date the key stops working", errors, false);
  if (!name) errors.name = "Enter a name for the key, such as the system that will use it";
  if (directorateIds.length === 0) errors.directorateIds = "Choose at least one directorate";
  if (scopes.length === 0) errors.scopes = "Choose what the key may do";
  if (Object.keys(errors).length) return failure(errors, form);
  const result = await attempt(form, () => context.api.admin.apiKeys.create({ name, directorateIds, scopes, ...(expiresOn ? { expiresOn } : {}) }), { expiresOn: "expiresOn" });
  if (!result.ok) return result.response;
  // Shown this once: the API keeps only its hash.
  return { ok: true as const, revoked: false, created: { name: result.value.name, key: result.value.key } };
}

export default function ApiKeys() {
  const { keys, directorates } = useLoaderData<typeof loader>();
  const posted = useActionData<typeof action>();
  const { errors, values } = useFormState();
  const created = posted && posted.ok === true ? posted.created : null;
  const nameOf = (id: string) => directorates.find((d) => d.id === id)?.name ?? "a directorate";
  return (
    <Page
      breadcrumbs={[{ to: "/admin", text: "Administration" }]}
      errors={errors}
      heading="API keys"
      banner={
        <>
          {created ? (
            <NotificationBanner success heading={<>API key created for {created.name}</>}>
              <p className="govuk-body">
                <code className="app-key" data-testid="new-api-key">
                  {created.key}
                </code>
              </p>
            </NotificationBanner>
          ) : null}
          {created ? <WarningText>Copy the key now and give it to the system that uses it. It is not shown again: only its fingerprint is kept.</WarningText> : null}
        </>
      }
    >
      <p className="govuk-body">Keys let the council&rsquo;s other systems (web forms, CRM) log cases and read their progress through the API, for the directorates you choose.</p>
      {keys.length === 0 ? (
        <p className="govuk-body">No keys yet.</p>
      ) : (
        <Table
          caption="Keys"
          captionSize="s"
          head={["Name", "Starts", "Directorates", "May", "Last used", "Status"]}
          rows={keys.map((k) => [
            k.name,
            <code key="prefix">cmk_{k.prefix}_…</code>,
            k.directorates.map((d) => d.name ?? nameOf(d.id)).join(", "),
            k.scopes.map((s) => SCOPES.find((x) => x.value === s)?.text ?? s).join("; "),
            k.lastUsedAt ? formatDateTime(k.lastUsedAt) : "Never",
            k.revoked ? (
              <Tag colour="grey">Revoked</Tag>
            ) : (
              <PostForm key="revoke">
                <input type="hidden" name="keyId" value={k.id} />
                <Tag colour="green">Live</Tag>
                {k.expiresAt ? <span className="govuk-body-s govuk-!-display-block">until {formatDateTime(k.expiresAt)}</span> : null}
                <button type="submit" name="intent" value="revoke" className="govuk-button govuk-button--warning govuk-!-margin-top-2 govuk-!-margin-bottom-0" data-module="govuk-button">
                  Revoke<span className="govuk-visually-hidden"> the key {k.name}</span>
                </button>
              </PostForm>
            ),
          ])}
        />
      )}
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <h2 className="govuk-heading-m">Create a key</h2>
          <PostForm>
            <Input name="name" label="Name" hint="The system that will use it, such as &lsquo;Website complaint form&rsquo;" error={errors.name} defaultValue={created ? "" : values.name} />
            <Checkboxes name="directorateIds" legend="Directorates" legendSize="s" hint="It logs and reads cases only in these" small error={errors.directorateIds} items={directorates.map((d) => ({ value: d.id, text: d.name }))} defaultValue={(values.directorateIds ?? "").split("\n")} />
            <Checkboxes name="scopes" legend="What it may do" legendSize="s" small error={errors.scopes} items={SCOPES} defaultValue={(values.scopes ?? "").split("\n")} />
            <DateInput name="expiresOn" legend="Stops working on (optional)" legendSize="s" hint="For example, 31 3 2027" error={errors.expiresOn} values={values} />
            <Button name="intent" value="create">
              Create the key
            </Button>
          </PostForm>
        </div>
      </div>
    </Page>
  );
}
