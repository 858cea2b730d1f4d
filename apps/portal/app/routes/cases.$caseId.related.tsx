/**
 * Link, merge or split (issue 16; docs/decisions/0106-merge-link-split.md): each form runs one
 * of the API's caseLinks procedures, which change both cases in one transaction. The forms are
 * parsed with the commands' own schemas (decision 0512).
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { COMMANDS } from "@complaints/core";
import { Button, Input, Radios, Textarea, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, failure, readForm, text } from "../utils/forms.server";
import { parseForm } from "../utils/form-schema.server";
import { loadCase } from "./cases.$caseId._index.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `Link, merge or split – ${data.reference} – Complaints case management` : "Related cases" }];

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  const staff = requireStaff(context, request);
  const detail = await loadCase(context, params.caseId ?? "");
  const related = await context.api.caseLinks.list({ caseId: detail.id });
  const runtime = await context.deps.councils.get(staff.councilId);
  const serviceName = (code: string) => runtime.names.services.get(runtime.serviceIdByCode.get(code) ?? "") ?? code;
  return {
    caseId: detail.id,
    reference: detail.reference,
    version: detail.version,
    leadService: detail.service.name,
    may: { link: detail.available.includes("link-case"), merge: detail.available.includes("merge-into"), split: detail.available.includes("split") },
    otherServices: detail.otherServiceIds.map((code) => ({ value: code, text: serviceName(code) })),
    unlinkable: related.filter((r) => r.kind === "related").map((r) => r.reference),
  };
}

const FORMS = {
  link: { schema: COMMANDS["link-case"].payload },
  unlink: { schema: COMMANDS["unlink-case"].payload },
  merge: { schema: COMMANDS["merge-into"].payload },
  split: { schema: COMMANDS.split.payload },
} as const;

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  if (!(intent in FORMS)) return failure({ _form: "Choose what to do" }, form);
  const expectedVersion = Number(text(form, "version"));
  const parsed = parseForm(form, FORMS[intent as keyof typeof FORMS].schema);
  if (!parsed.ok) return failure(parsed.errors, form);
  const ref = { caseId, expectedVersion };
  const value = parsed.value as Record<string, unknown>;
  const result = await attempt(form, async () => {
    if (intent === "link") return context.api.caseLinks.link({ ...ref, reference: String(value.reference) });
    if (intent === "unlink") return context.api.caseLinks.unlink({ ...ref, reference: String(value.reference) });
    if (intent === "merge") return context.api.caseLinks.merge({ ...ref, reference: String(value.reference), note: (value.note as string | null | undefined) ?? null });
    return context.api.caseLinks.split({ ...ref, serviceId: String(value.serviceId), description: String(value.description) });
  });
  if (!result.ok) return result.response;
  return redirect(`/cases/${caseId}#related-cases`, 303);
}

export default function RelatedCasesPage() {
  const { caseId, reference, version, leadService, may, otherServices, unlinkable } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const hidden = (intent: string) => (
    <>
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name="version" value={version} />
    </>
  );
  const posted = values.intent;
  const errorOf = (intent: string, name: string) => (posted === intent ? errors[name] : undefined);
  return (
    <Page back={{ to: `/cases/${caseId}`, text: `Back to ${reference}` }} narrow errors={errors} caption={reference} heading="Link, merge or split">
      {may.link ? (
        <PostForm>
          {hidden("link")}
          <h2 className="govuk-heading-m">Link a related case</h2>
          <Input name="reference" id="link-reference" label="Reference of the related case" hint="Both cases will list each other, with their status" width="20" error={errorOf("link", "reference")} defaultValue={posted === "link" ? values.reference : undefined} />
          <Button>Link the cases</Button>
        </PostForm>
      ) : null}
      {unlinkable.map((other) => (
        <PostForm key={other}>
          {hidden("unlink")}
          <input type="hidden" name="reference" value={other} />
          <Button variant="secondary">Unlink {other}</Button>
        </PostForm>
      ))}
      {may.merge ? (
        <PostForm>
          {hidden("merge")}
          <h2 className="govuk-heading-m">Merge this case into another</h2>
          <p className="govuk-body">For a duplicate found after triage: the same resident&rsquo;s same complaint, logged twice.</p>
          <Input name="reference" id="merge-reference" label="Reference of the case to keep" width="20" error={errorOf("merge", "reference")} defaultValue={posted === "merge" ? values.reference : undefined} />
          <Textarea name="note" label="Note (optional)" rows={2} error={errorOf("merge", "note")} defaultValue={posted === "merge" ? values.note : undefined} />
          <WarningText>{reference} will close as merged. Its timeline, letters and files stay on it and are listed on the case you keep.</WarningText>
          <Button variant="warning">Merge into that case</Button>
        </PostForm>
      ) : null}
      {may.split && otherServices.length ? (
        <PostForm>
          {hidden("split")}
          <h2 className="govuk-heading-m">Split off another service&rsquo;s part</h2>
          <p className="govuk-body">
            {leadService} leads this complaint. Where another service&rsquo;s part is a separate complaint, it becomes a case of its own for the same customer, counted from the day this one was received.
          </p>
          <Radios name="serviceId" legend="Which service's part" legendSize="s" items={otherServices} error={errorOf("split", "serviceId")} defaultValue={posted === "split" ? values.serviceId : undefined} />
          <Textarea name="description" label="The part of the complaint that service answers" rows={4} error={errorOf("split", "description")} defaultValue={posted === "split" ? values.description : undefined} />
          <Button>Split into a new case</Button>
        </PostForm>
      ) : null}
      {!may.link && !may.merge && !may.split && !unlinkable.length ? <p className="govuk-body">Your role cannot link, merge or split this case.</p> : null}
    </Page>
  );
}
