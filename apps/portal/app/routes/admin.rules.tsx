import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { RuleInWords } from "@complaints/core";
import { Button, InsetText, Select, SummaryList, Table, Tag } from "../components/govuk";
import { CASE_KIND_LABELS } from "@complaints/core/vocabulary";
import { labelOr } from "../utils/labels";
import { loadRules } from "./admin.server";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Rules – Administration" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  return loadRules(context, request);
}

/** A stage's (or the procedure's) values: what, the value, who set it with its rule, and what it replaced. */
function RulesTable({ caption, rules }: { caption: string; rules: readonly RuleInWords[] }) {
  return (
    <Table
      caption={caption}
      captionSize="s"
      head={["Rule", "Value", "Set by", "Replaces"]}
      rows={rules.map((r) => [
        r.what,
        r.value,
        <>
          {r.setBy}
          {r.rule ? <span className="govuk-body-s govuk-!-display-block">{r.rule}</span> : null}
        </>,
        r.overrides.length ? (
          <ul className="govuk-list govuk-body-s">
            {r.overrides.map((o, i) => (
              <li key={i}>
                {o.value} ({o.setBy})
              </li>
            ))}
          </ul>
        ) : (
          "Nothing: the first value set"
        ),
      ])}
    />
  );
}

export default function Rules() {
  const { services, service, kind, kinds, rules, problem } = useLoaderData<typeof loader>();
  const kindLabel = labelOr(CASE_KIND_LABELS, kind);
  return (
    <Page breadcrumbs={[{ to: "/admin", text: "Administration" }]} heading="Rules">
      <p className="govuk-body">
        Each value is set by the core default (the Ombudsmen&rsquo;s 2024 code), then the council&rsquo;s profile, a plugin, and a directorate or service setting, each replacing the one
        before. For each value you can see which one set it, the rule or document it comes from, and what it replaced.
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
        {kindLabel} cases of {service.name}
      </h2>
      {problem || !rules ? (
        <InsetText>
          {service.name} has no rules for {kindLabel.toLowerCase()} cases: {problem}
        </InsetText>
      ) : (
        <>
          <SummaryList
            rows={[
              { key: "Procedure", value: rules.regime },
              { key: "Plugins", value: rules.plugins.length ? rules.plugins.map((p) => <Tag key={p} colour="blue">{p}</Tag>) : "None: the council's own procedure" },
              { key: "Stages", value: [...rules.stages.filter((s) => !s.skipped).map((s) => s.label), rules.nextBody].join(" → ") },
            ]}
          />
          {rules.stages.map((stage) => (
            <section key={stage.id} aria-labelledby={`stage-${stage.id}`}>
              <h3 className="govuk-heading-s" id={`stage-${stage.id}`}>
                {stage.label}
              </h3>
              {stage.skipped ? (
                <p className="govuk-body">
                  Skipped: {stage.skipped.setBy}
                  {stage.skipped.rule ? ` (${stage.skipped.rule})` : ""}.
                </p>
              ) : (
                <RulesTable caption={`${stage.label}: timescales and who handles it`} rules={stage.rules} />
              )}
            </section>
          ))}
          {rules.general.length ? (
            <section aria-labelledby="whole-procedure">
              <h3 className="govuk-heading-s" id="whole-procedure">
                The whole procedure
              </h3>
              <RulesTable caption="Working days, time limits and what comes after the last stage" rules={rules.general} />
            </section>
          ) : null}
          {rules.constraints.length ? (
            <section aria-labelledby="limits-by-law">
              <h3 className="govuk-heading-s" id="limits-by-law">
                Set by law or regulation
              </h3>
              <ul className="govuk-list govuk-list--bullet">
                {rules.constraints.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </section>
          ) : null}
        </>
      )}
    </Page>
  );
}
