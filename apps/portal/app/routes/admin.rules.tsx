import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { Button, Select } from "../components/govuk";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { labelOr } from "../utils/labels";
import { loadRules } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Rules – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadRules(context, request);
}

export default function Rules() {
  const { services, service, kind, kinds, lines, problem } = useLoaderData<typeof loader>();
  return (
    <Page breadcrumbs={[{ to: "/admin", text: "Administration" }]} heading="Rules">
      <p className="govuk-body">
        Each value is set by the core default, the council&rsquo;s profile, a plugin, or a directorate or service setting, in that order. Each line says which set it and what it
        overrode.
      </p>
      <Form method="get" action="/admin/rules">
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-one-half">
            <Select name="service" label="Service" defaultValue={service.code} items={services.map((s) => ({ value: s.code, text: `${s.name} (${s.directorate})` }))} />
          </div>
          <div className="govuk-grid-column-one-half">
              <Select name="kind" label="Kind of case" defaultValue={kind} items={kinds.map((k) => ({ value: k, text: labelOr(CASE_KIND_LABELS, k) }))} />
          </div>
        </div>
        <Button variant="secondary">Show the rules</Button>
      </Form>
      <h2 className="govuk-heading-m">
          {labelOr(CASE_KIND_LABELS, kind)} cases of {service.name}
      </h2>
      {problem ? (
        <p className="govuk-body">{problem}</p>
      ) : (
        <ul className="govuk-list govuk-list--bullet">
          {lines.map((line, i) => (
            <li key={i}>{line}</li>
          ))}
        </ul>
      )}
    </Page>
  );
}
