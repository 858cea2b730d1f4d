/**
 * The case page's resolution plans (issue 7; Southwark procedure "Resolution Plan"): each plan
 * with its tasks, checkpoints and the satisfaction check, and links to make or update one.
 */
import { Link } from "@remix-run/react";
import { SummaryCard, SummaryList, Table, Tag } from "./govuk";
import { formatDate } from "../utils/labels";
import type { ResolutionPlansView } from "../utils/api-types";

const SATISFACTION: Record<string, string> = { satisfied: "Satisfied", "partly-satisfied": "Partly satisfied", dissatisfied: "Not satisfied", "no-reply": "No reply" };

export function ResolutionPlans({ caseId, data }: { caseId: string; data: ResolutionPlansView | null }) {
  if (!data) return null;
  return (
    <section aria-labelledby="resolution-plans-heading">
      <h2 className="govuk-heading-m" id="resolution-plans-heading">
        Resolution plans
      </h2>
      {data.plans.length === 0 ? <p className="govuk-body">No resolution plan. Make one when putting things right needs several steps, owners and dates.</p> : null}
      {data.plans.map((p) => (
        <SummaryCard
          key={p.id}
          title={p.summary}
          actions={
            <Link className="govuk-link" to={`/cases/${caseId}/plans/${p.id}`}>
              {p.status === "active" && data.canPlan ? "Update" : "View"}
              <span className="govuk-visually-hidden"> the plan: {p.summary}</span>
            </Link>
          }
        >
          <SummaryList
            rows={[
              { key: "Status", value: p.status === "active" ? <Tag colour="blue">Active</Tag> : p.status === "completed" ? <Tag colour="green">Completed</Tag> : <Tag colour="grey">Abandoned</Tag> },
              { key: "Owner", value: p.names[p.ownerId] ?? "Not known" },
              { key: "Tasks", value: `${p.tasks.filter((t) => t.completedOn).length} of ${p.tasks.length} done` },
              p.satisfaction ? { key: "Customer's satisfaction", value: `${SATISFACTION[p.satisfaction.value] ?? p.satisfaction.value}, checked ${formatDate(p.satisfaction.checkedOn)}` } : null,
            ]}
          />
          <Table caption="Tasks" captionSize="s" head={["Task", "Owner", "Due", "Done"]} rows={p.tasks.map((t) => [t.description, p.names[t.ownerId] ?? "Not known", formatDate(t.dueOn), t.completedOn ? formatDate(t.completedOn) : "Not yet"])} />
        </SummaryCard>
      ))}
      {data.canPlan ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${caseId}/plans/new`}>
            Make a resolution plan
          </Link>
        </p>
      ) : null}
    </section>
  );
}

