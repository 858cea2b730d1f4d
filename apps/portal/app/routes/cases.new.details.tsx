import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { Button, Checkboxes, DateInput, Input, Radios, Select, SummaryCard, SummaryList, Table, Textarea, WarningText } from "../components/govuk";
import { PostForm } from "../components/form";
import { RestrictionsWarning } from "../components/restrictions";
import { CASE_KIND_LABELS, CHANNEL_LABELS, FLAG_LABELS, REPRESENTATIVE_ROLE_LABELS } from "@complaints/core/vocabulary";
import { formatDateTime, labelOr } from "../utils/labels";
import { loadLogDetails, logCaseAction } from "./cases.new.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Log a case: details – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadLogDetails(context, request);
}

export async function action({ context, request }: ActionFunctionArgs) {
  return logCaseAction(context, request);
}

type Duplicate = { id: string; reference: string; kind: string; status: string; excerpt: string; receivedAt: string; service: { name: string | null }; reasons?: string[] };

function DuplicateTable({ duplicates, caption }: { duplicates: readonly Duplicate[]; caption: string }) {
  return (
    <Table
      caption={caption}
      captionSize="s"
      head={["Case", "Received", "Service", "Why it may be the same"]}
      rows={duplicates.map((d) => [
        <Link key={d.id} className="govuk-link" to={`/cases/${d.id}`}>
          {d.reference}
        </Link>,
        formatDateTime(d.receivedAt),
        d.service.name ?? "",
        <>
          {(d.reasons ?? []).map((r) => r.replace(/-/g, " ")).join(", ")}
          <span className="govuk-body-s govuk-!-display-block">{d.excerpt}</span>
        </>,
      ])}
    />
  );
}

export default function LogCaseDetails() {
  const d = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failed = result && "ok" in result && result.ok === false ? result : null;
  const errors: Record<string, string> = failed?.errors ?? {};
  const values: Record<string, string> = failed?.values ?? {};
  const v = (name: string, fallback = "") => values[name] ?? fallback;
  const repeatDuplicates = failed && "duplicates" in failed ? (failed.duplicates as Duplicate[]) : [];
  const startUrl = `/cases/new?${new URLSearchParams(Object.entries(d.find).filter(([, x]) => x))}`;

  return (
    <Page back={{ to: startUrl, text: "Back" }} narrow errors={errors}>
      <span className="govuk-caption-l">
              Log a case · {labelOr(CASE_KIND_LABELS, d.kind)} by {labelOr(CHANNEL_LABELS, d.channel).toLowerCase()}
      </span>
            <h1 className="govuk-heading-l">Details of the {labelOr(CASE_KIND_LABELS, d.kind).toLowerCase()}</h1>

      {d.customer ? (
        <SummaryCard title={`Customer: ${d.customer.customer.name}`} actions={<Link className="govuk-link" to={`/customers/${d.customer.customer.id}`}>Full history</Link>}>
          <RestrictionsWarning restrictions={d.customer.restrictions} customerId={d.customer.customer.id} />
          <SummaryList
            rows={[
              d.customer.customer.email ? { key: "Email", value: d.customer.customer.email } : null,
              d.customer.customer.phone ? { key: "Phone", value: d.customer.customer.phone } : null,
              d.customer.customer.postcode ? { key: "Postcode", value: d.customer.customer.postcode } : null,
              { key: "Cases", value: `${d.customer.cases.length} (${d.customer.cases.filter((c) => c.status !== "closed").length} open)` },
            ]}
          />
          {d.customer.cases.length ? (
            <Table
              caption="Their cases"
              captionSize="s"
              head={["Case", "Received", "Service", "Status"]}
              rows={d.customer.cases.slice(0, 10).map((c) => [
                <Link key={c.id} className="govuk-link" to={`/cases/${c.id}`}>
                  {c.reference}
                </Link>,
                formatDateTime(c.receivedAt),
                c.service.name ?? "",
                c.status,
              ])}
            />
          ) : null}
        </SummaryCard>
      ) : null}

      {d.duplicates.length ? (
        <>
          <WarningText>These open cases may be the same complaint. Check them before logging a new one.</WarningText>
          <DuplicateTable duplicates={d.duplicates} caption="Possible duplicates" />
        </>
      ) : null}

      <PostForm>
        <input type="hidden" name="kind" value={d.kind} />
        <input type="hidden" name="channel" value={d.channel} />
        <input type="hidden" name="loadedService" value={d.service} />
        <input type="hidden" name="customerChoice" value={d.customerChoice} />
        {d.customer ? <input type="hidden" name="customerId" value={d.customer.customer.id} /> : null}
        <input type="hidden" name="idempotencyKey" value={v("idempotencyKey", d.idempotencyKey)} />

        {repeatDuplicates.length ? (
          <>
            <DuplicateTable duplicates={repeatDuplicates} caption="Open cases that may be the same complaint" />
            <Checkboxes
              name="notDuplicate"
              legend="Is it a new complaint?"
              legendSize="s"
              error={errors.notDuplicate}
              items={[{ value: "yes", text: "I have checked these cases: none of them is the same complaint" }]}
            />
          </>
        ) : null}

        {d.customerChoice === "new" ? (
          <>
            <h2 className="govuk-heading-m">The customer</h2>
            <Input name="title" label="Title (optional)" width="5" defaultValue={v("title")} />
            <Input name="fullName" label="Full name" error={errors.fullName} defaultValue={v("fullName", d.find.name)} spellCheck={false} />
            <Input name="email" type="email" label="Email (optional)" error={errors.email} defaultValue={v("email", d.find.email)} spellCheck={false} />
            <Input name="phone" type="tel" label="Phone (optional)" width="20" error={errors.phone} defaultValue={v("phone", d.find.phone)} />
            <Input name="address" label="Address (optional)" error={errors.address} defaultValue={v("address")} />
            <Input name="postcode" label="Postcode (optional)" width="10" error={errors.postcode} defaultValue={v("postcode", d.find.postcode)} />
            <Select
              name="preferredContact"
              label="Prefers contact by"
              placeholder="No preference"
              defaultValue={v("preferredContact")}
              items={[
                { value: "email", text: "Email" },
                { value: "phone", text: "Phone" },
                { value: "post", text: "Post" },
                { value: "text", text: "Text message" },
              ]}
            />
            <Textarea name="reasonableAdjustments" label="Reasonable adjustments (optional)" rows={2} defaultValue={v("reasonableAdjustments")} />
            <Checkboxes name="largePrint" legend={<span className="govuk-visually-hidden">Letters</span>} small defaultValue={v("largePrint") ? ["yes"] : []} items={[{ value: "yes", text: "Send letters in large print" }]} />
          </>
        ) : null}

        <Radios
          name="hasRepresentative"
          legend="Is someone acting for the customer?"
          legendSize="m"
          hint="For example an MP, a councillor, an advocate or a relative."
          inline
          defaultValue={v("hasRepresentative", "no")}
          items={[
            {
              value: "yes",
              text: "Yes",
              conditional: (
                <>
                  <Input name="repName" label="Their name" error={errors.repName} defaultValue={v("repName")} />
                        <Select name="repRole" label="Who they are" placeholder="Choose" error={errors.repRole} defaultValue={v("repRole")} items={Object.entries(REPRESENTATIVE_ROLE_LABELS).map(([value, text]) => ({ value, text }))} />
                  <Radios
                    name="consentBasis"
                    legend="The customer's consent"
                    legendSize="s"
                    hint="An MP, councillor or mayor may act without separate written consent."
                    error={errors.consentBasis}
                    defaultValue={v("consentBasis")}
                    items={[
                      { value: "written", text: "Written consent" },
                      { value: "verbal", text: "Verbal consent" },
                      { value: "elected-member", text: "Elected member acting for a constituent" },
                      { value: "none", text: "Not yet given" },
                    ]}
                  />
                  <DateInput name="consentOn" legend="Consent given on" legendSize="s" error={errors.consentOn} values={values} />
                  <Radios
                    name="replyTo"
                    legend="Who should we reply to?"
                    legendSize="s"
                    inline
                    defaultValue={v("replyTo", "representative")}
                    items={[
                      { value: "representative", text: "The representative" },
                      { value: "customer", text: "The customer" },
                    ]}
                  />
                </>
              ),
            },
            { value: "no", text: "No" },
          ]}
        />

              <h2 className="govuk-heading-m">The {labelOr(CASE_KIND_LABELS, d.kind).toLowerCase()}</h2>
        <Select name="service" label="Service" error={errors.service} defaultValue={v("service", d.service)} placeholder="Choose a service" items={d.services.map((s) => ({ value: s.code, text: `${s.name} (${s.directorate})` }))} />
        <Textarea name="description" label="What is it about?" hint="In the customer's words where you can." rows={8} error={errors.description} defaultValue={v("description")} />
        <Textarea name="desiredOutcome" label="What does the customer want us to do?" rows={3} error={errors.desiredOutcome} defaultValue={v("desiredOutcome")} />
        <DateInput name="matterArose" legend="When did it happen, or when did they find out? (optional)" legendSize="s" hint="Complaints more than 12 months later may be out of time." error={errors.matterArose} values={values} />
        <Input name="category" label="Category (optional)" width="two-thirds" defaultValue={v("category")} />
        <Input name="subCategory" label="Sub-category (optional)" width="two-thirds" defaultValue={v("subCategory")} />
        <Radios
          name="priority"
          legend="Priority"
          legendSize="s"
          defaultValue={v("priority", "normal")}
          items={[
            { value: "normal", text: "Normal" },
            {
              value: "high",
              text: "High",
              hint: "For example a risk to health or safety, or a vulnerable customer.",
              conditional: <Textarea name="priorityReason" label="Why is it high priority?" rows={2} error={errors.priorityReason} defaultValue={v("priorityReason")} />,
            },
          ]}
        />
        <Checkboxes
          name="flags"
          legend="Flags"
          legendSize="s"
          hint="Complaints about named staff, discrimination, harassment or safeguarding are seen only by managers and the handler."
          small
          defaultValue={(v("flags") || "").split("\n").filter(Boolean)}
          items={d.flags.map((f) => ({ value: f, text: labelOr(FLAG_LABELS, f) }))}
        />

        {d.intakeFields.length ? (
          <>
            <h2 className="govuk-heading-m">Questions for this service</h2>
            {d.intakeFields.map((f) =>
              f.type === "enum" ? (
                <Select key={f.name} name={`intake-${f.name}`} label={f.required ? f.label : `${f.label} (optional)`} hint={f.description ?? undefined} placeholder="Choose" error={errors[`intake-${f.name}`]} defaultValue={v(`intake-${f.name}`)} items={f.options.map((o) => ({ value: o, text: o.replace(/-/g, " ") }))} />
              ) : f.type === "boolean" ? (
                      <Checkboxes key={f.name} name={`intake-${f.name}`} legend={<span className="govuk-visually-hidden">{f.label}</span>} small error={errors[`intake-${f.name}`]} defaultValue={v(`intake-${f.name}`) ? ["on"] : []} items={[{ value: "on", text: f.label, hint: f.description ?? undefined }]} />
              ) : (
                <Input key={f.name} name={`intake-${f.name}`} label={f.required ? f.label : `${f.label} (optional)`} hint={f.description ?? undefined} width={f.type === "number" ? "5" : "two-thirds"} error={errors[`intake-${f.name}`]} defaultValue={v(`intake-${f.name}`)} />
              ),
            )}
          </>
        ) : null}

        <Button>Log the case</Button>
      </PostForm>
    </Page>
  );
}
