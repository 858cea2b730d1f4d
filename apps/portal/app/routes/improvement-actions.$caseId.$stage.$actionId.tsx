import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, DateInput, Input, NotificationBanner, Radios, SummaryList, Table, Tag, Textarea, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { formatDate } from "../utils/labels";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.action.description} – Improvement action` : "Improvement action" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function keyOf(params: LoaderFunctionArgs["params"]) {
  const stageSequence = Number(params.stage);
  if (!UUID.test(params.caseId ?? "") || !Number.isInteger(stageSequence) || stageSequence < 1 || !params.actionId) throw data("There is no such improvement action.", { status: 404 });
  return { caseId: params.caseId!, stageSequence, actionId: params.actionId };
}

const DONE: Record<string, string> = { created: "Improvement action agreed", milestone: "Milestone added", progress: "Progress recorded", complete: "Improvement action recorded as done" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const key = keyOf(params);
  let action;
  try {
    action = await context.api.improvement.get(key);
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 404 || d.status === 403) throw data(d.message, { status: d.status });
    throw error;
  }
  const done = new URL(request.url).searchParams.get("done");
  return { action, done: done ? (DONE[done] ?? null) : null };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const key = keyOf(params);
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  const errors: Record<string, string> = {};
  const back = (done: string) => redirect(`/improvement-actions/${key.caseId}/${key.stageSequence}/${encodeURIComponent(key.actionId)}?done=${done}`, 303);
  if (intent === "milestone") {
    const description = text(form, "milestoneDescription");
    if (!description) errors.milestoneDescription = "Enter what the milestone is";
    const dueOn = readDate(form, "milestoneDue", "the milestone's date", errors, true);
    if (Object.keys(errors).length) return failure(errors, form);
    const result = await attempt(form, () => context.api.improvement.addMilestone({ ...key, description, dueOn: dueOn! }), { description: "milestoneDescription", dueOn: "milestoneDue" });
    return result.ok ? back("milestone") : result.response;
  }
  if (intent === "progress") {
    const milestoneId = text(form, "milestoneId");
    if (!milestoneId) return failure({ milestoneId: "Choose the milestone reached" }, form);
    const result = await attempt(form, () => context.api.improvement.completeMilestone({ ...key, milestoneId }));
    return result.ok ? back("progress") : result.response;
  }
  if (intent === "complete") {
    const note = text(form, "note");
    if (!note) return failure({ note: "Say what was done, for the lessons-learned report" }, form);
    const result = await attempt(form, () => context.api.improvement.complete({ ...key, note }), { note: "note" });
    return result.ok ? back("complete") : result.response;
  }
  throw data("There is no such change.", { status: 400 });
}

export default function ImprovementAction() {
  const { action: a, done } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const open = a.milestones.filter((m) => !m.completedOn);
  return (
    <Page
      breadcrumbs={[{ to: "/improvement-actions", text: "Improvement actions" }]}
      narrow
      errors={errors}
      caption={<>Improvement action · <Link className="govuk-link" to={`/cases/${a.caseId}`}>{a.reference}</Link></>}
      heading={a.description}
      banner={done ? (
        <NotificationBanner success heading={done} />
      ) : null}
    >
      {a.status === "overdue" ? <WarningText>Overdue since {formatDate(a.overdueSince)}.{a.escalatedOn ? ` It went to the Head of Service on ${formatDate(a.escalatedOn)}.` : ""}</WarningText> : null}
      <SummaryList
        rows={[
          { key: "Status", value: a.status === "done" ? <Tag colour="green">Done</Tag> : a.status === "overdue" ? <Tag colour="red">Overdue</Tag> : <Tag colour="blue">Open</Tag> },
          { key: "Owner", value: a.ownerName ?? "Not known" },
          { key: "Due", value: a.dueOn ? formatDate(a.dueOn, true) : "No date" },
          { key: "Directorate", value: a.directorateName ?? "None" },
          { key: "Root cause", value: a.rootCause ?? "Not recorded" },
          a.lessons ? { key: "Lessons learned", value: a.lessons } : null,
          a.completedOn ? { key: "Done on", value: formatDate(a.completedOn, true) } : null,
          a.note ? { key: "What was done", value: a.note } : null,
        ]}
      />
      <h2 className="govuk-heading-m">Milestones</h2>
      {a.milestones.length ? (
        <Table
          caption="Milestones towards the change"
          captionSize="s"
          head={["Milestone", "By", "Reached"]}
          rows={a.milestones.map((m) => [m.description, formatDate(m.dueOn), m.completedOn ? formatDate(m.completedOn) : m.overdue ? <Tag colour="red">Overdue</Tag> : "Not yet"])}
        />
      ) : (
        <p className="govuk-body">No milestones yet.</p>
      )}
      {a.canManage && a.status !== "done" ? (
        <>
          {open.length ? (
            <PostForm>
              <input type="hidden" name="intent" value="progress" />
              <Radios name="milestoneId" legend="Record progress: which milestone has been reached?" legendSize="m" items={open.map((m) => ({ value: m.id, text: m.description, hint: `By ${formatDate(m.dueOn)}` }))} error={errors.milestoneId} defaultValue={values.milestoneId} />
              <Button>Record progress</Button>
            </PostForm>
          ) : null}
          <PostForm>
            <input type="hidden" name="intent" value="milestone" />
            <h2 className="govuk-heading-m">Add a milestone</h2>
            <Input name="milestoneDescription" label="What the milestone is" labelSize="s" error={errors.milestoneDescription} defaultValue={values.milestoneDescription} />
            <DateInput name="milestoneDue" legend="By" legendSize="s" error={errors.milestoneDue} values={values} />
            <Button variant="secondary">Add the milestone</Button>
          </PostForm>
          <PostForm>
            <input type="hidden" name="intent" value="complete" />
            <h2 className="govuk-heading-m">Record the action as done</h2>
            <Textarea name="note" label="What was done" labelSize="s" hint="This goes into the lessons-learned report." rows={3} error={errors.note} defaultValue={values.note} />
            <Button>Record as done</Button>
          </PostForm>
        </>
      ) : null}
    </Page>
  );
}
