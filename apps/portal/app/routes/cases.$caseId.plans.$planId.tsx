import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, DateInput, Input, NotificationBanner, Radios, Select, SummaryList, Table, Tag, Textarea } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, failure, readForm, text } from "../utils/forms.server";
import { readDate } from "../utils/form-schema.server";
import { formatDate } from "../utils/labels";
import { plansOrNotFound } from "./resolution-plans.server";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `Resolution plan – ${d.reference}` : "Resolution plan" }];

const SATISFACTION = [
  { value: "satisfied", text: "Satisfied" },
  { value: "partly-satisfied", text: "Partly satisfied" },
  { value: "dissatisfied", text: "Not satisfied" },
  { value: "no-reply", text: "No reply after we tried to contact them" },
] as const;
const DONE: Record<string, string> = { created: "Resolution plan made", task: "Task added", checkpoint: "Checkpoint added", done: "Task recorded as done", held: "Checkpoint recorded", satisfaction: "Satisfaction check recorded: the plan is complete", abandoned: "Plan stopped" };

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const plans = await plansOrNotFound(context, params.caseId ?? "");
  const plan = plans.plans.find((p) => p.id === params.planId);
  if (!plan) throw data("There is no such resolution plan on this case.", { status: 404 });
  const owners = plans.canPlan && plan.status === "active" ? await context.api.improvement.owners() : [];
  const done = new URL(request.url).searchParams.get("done");
  return { caseId: plans.caseId, reference: plans.reference, canPlan: plans.canPlan, plan, owners, done: done ? (DONE[done] ?? null) : null };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const caseId = params.caseId ?? "";
  const planId = params.planId ?? "";
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  const ref = { planId, expectedVersion: Number(text(form, "version")) };
  const errors: Record<string, string> = {};
  const back = (done: string) => redirect(`/cases/${caseId}/plans/${planId}?done=${done}`, 303);
  const run = async (done: string, call: () => Promise<unknown>, fields: Record<string, string> = {}) => {
    if (Object.keys(errors).length) return failure(errors, form);
    const result = await attempt(form, call, fields);
    return result.ok ? back(done) : result.response;
  };
  switch (intent) {
    case "task": {
      const description = text(form, "taskDescription");
      if (!description) errors.taskDescription = "Enter what will be done";
      const ownerId = text(form, "taskOwner");
      if (!ownerId) errors.taskOwner = "Choose who does it";
      const dueOn = readDate(form, "taskDue", "the date it is due", errors, true);
      return run("task", () => context.api.resolutionPlans.addTask({ ...ref, description, ownerId, dueOn: dueOn! }), { description: "taskDescription", ownerId: "taskOwner", dueOn: "taskDue" });
    }
    case "checkpoint": {
      const dueOn = readDate(form, "checkpointDue", "the checkpoint's date", errors, true);
      return run("checkpoint", () => context.api.resolutionPlans.addCheckpoint({ ...ref, dueOn: dueOn! }), { dueOn: "checkpointDue" });
    }
    case "done": {
      const taskId = text(form, "taskId");
      if (!taskId) errors.taskId = "Choose the task that is done";
      return run("done", () => context.api.resolutionPlans.completeTask({ ...ref, taskId }));
    }
    case "held": {
      const checkpointId = text(form, "checkpointId");
      if (!checkpointId) errors.checkpointId = "Choose the checkpoint";
      const onTrack = text(form, "onTrack");
      if (onTrack !== "yes" && onTrack !== "no") errors.onTrack = "Say whether the plan is on track";
      return run("held", () => context.api.resolutionPlans.recordCheckpoint({ ...ref, checkpointId, onTrack: onTrack === "yes", note: text(form, "checkpointNote") || null }));
    }
    case "satisfaction": {
      const satisfaction = text(form, "satisfaction");
      if (!SATISFACTION.some((s) => s.value === satisfaction)) errors.satisfaction = "Choose what the customer said";
      return run("satisfaction", () => context.api.resolutionPlans.recordSatisfaction({ ...ref, satisfaction: satisfaction as (typeof SATISFACTION)[number]["value"], note: text(form, "satisfactionNote") || null }), { note: "satisfactionNote" });
    }
    case "abandon": {
      const reason = text(form, "reason");
      if (!reason) errors.reason = "Say why the plan stops";
      return run("abandoned", () => context.api.resolutionPlans.abandon({ ...ref, reason }), { reason: "reason" });
    }
    default:
      throw data("There is no such change.", { status: 400 });
  }
}

export default function Plan() {
  const { caseId, reference, canPlan, plan, owners, done } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const openTasks = plan.tasks.filter((t) => !t.completedOn);
  const openCheckpoints = plan.checkpoints.filter((c) => !c.heldOn);
  const active = canPlan && plan.status === "active";
  const people = owners.map((o) => ({ value: o.id, text: o.jobTitle ? `${o.name}, ${o.jobTitle}` : o.name }));
  const version = <input type="hidden" name="version" value={plan.version} />;
  return (
    <Page
      back={{ to: `/cases/${caseId}`, text: `Back to ${reference}` }}
      narrow
      errors={errors}
      caption={<>{reference} · Resolution plan</>}
      heading={plan.summary}
      banner={done ? (
        <NotificationBanner success heading={done} />
      ) : null}
    >
      <SummaryList
        rows={[
          { key: "Status", value: plan.status === "active" ? <Tag colour="blue">Active</Tag> : plan.status === "completed" ? <Tag colour="green">Completed</Tag> : <Tag colour="grey">Abandoned</Tag> },
          { key: "Owner", value: plan.names[plan.ownerId] ?? "Not known" },
          { key: "Made", value: formatDate(plan.createdOn) },
          plan.satisfaction ? { key: "Customer's satisfaction", value: `${SATISFACTION.find((s) => s.value === plan.satisfaction!.value)?.text ?? plan.satisfaction.value} (checked ${formatDate(plan.satisfaction.checkedOn)})${plan.satisfaction.note ? `: ${plan.satisfaction.note}` : ""}` } : null,
        ]}
      />
      <Table caption="Tasks" captionSize="m" head={["Task", "Owner", "Due", "Done"]} rows={plan.tasks.map((t) => [t.description, plan.names[t.ownerId] ?? "Not known", formatDate(t.dueOn), t.completedOn ? formatDate(t.completedOn) : "Not yet"])} />
      {plan.checkpoints.length ? (
        <Table caption="Checkpoints" captionSize="m" head={["Date", "Held", "On track", "Note"]} rows={plan.checkpoints.map((c) => [formatDate(c.dueOn), c.heldOn ? formatDate(c.heldOn) : "Not yet", c.onTrack === null ? "" : c.onTrack ? "Yes" : "No", c.note ?? ""])} />
      ) : null}

      {active && openTasks.length ? (
        <PostForm>
          <input type="hidden" name="intent" value="done" />
          {version}
          <Radios name="taskId" legend="Which task is done?" legendSize="m" items={openTasks.map((t) => ({ value: t.id, text: t.description }))} error={errors.taskId} defaultValue={values.taskId} />
          <Button>Record the task as done</Button>
        </PostForm>
      ) : null}
      {active && openCheckpoints.length ? (
        <PostForm>
          <input type="hidden" name="intent" value="held" />
          {version}
          <h2 className="govuk-heading-m">Record a checkpoint</h2>
          <Radios name="checkpointId" legend="Which checkpoint" legendSize="s" items={openCheckpoints.map((c) => ({ value: c.id, text: formatDate(c.dueOn) }))} error={errors.checkpointId} defaultValue={values.checkpointId} />
          <Radios name="onTrack" legend="Is the plan on track?" legendSize="s" inline items={[{ value: "yes", text: "Yes" }, { value: "no", text: "No" }]} error={errors.onTrack} defaultValue={values.onTrack} />
          <Input name="checkpointNote" label="Note (optional)" labelSize="s" defaultValue={values.checkpointNote} />
          <Button variant="secondary">Record the checkpoint</Button>
        </PostForm>
      ) : null}
      {active && openTasks.length === 0 ? (
        <PostForm>
          <input type="hidden" name="intent" value="satisfaction" />
          {version}
          <Radios name="satisfaction" legend="Every task is done: what did the customer say when you asked if they are satisfied?" legendSize="m" items={SATISFACTION.map((s) => ({ ...s }))} error={errors.satisfaction} defaultValue={values.satisfaction} />
          <Textarea name="satisfactionNote" label="What they said (optional)" labelSize="s" rows={2} error={errors.satisfactionNote} defaultValue={values.satisfactionNote} />
          <Button>Record the satisfaction check</Button>
        </PostForm>
      ) : null}
      {active ? (
        <>
          <PostForm>
            <input type="hidden" name="intent" value="task" />
            {version}
            <h2 className="govuk-heading-m">Add a task</h2>
            <Input name="taskDescription" label="What will be done" labelSize="s" error={errors.taskDescription} defaultValue={values.taskDescription} />
            <Select name="taskOwner" label="Who does it" labelSize="s" placeholder="Choose a person" items={people} error={errors.taskOwner} defaultValue={values.taskOwner} />
            <DateInput name="taskDue" legend="By" legendSize="s" error={errors.taskDue} values={values} />
            <Button variant="secondary">Add the task</Button>
          </PostForm>
          <PostForm>
            <input type="hidden" name="intent" value="checkpoint" />
            {version}
            <DateInput name="checkpointDue" legend="Add a checkpoint on" legendSize="m" error={errors.checkpointDue} values={values} />
            <Button variant="secondary">Add the checkpoint</Button>
          </PostForm>
          <PostForm>
            <input type="hidden" name="intent" value="abandon" />
            {version}
            <h2 className="govuk-heading-m">Stop the plan</h2>
            <Textarea name="reason" label="Why it stops" labelSize="s" rows={2} error={errors.reason} defaultValue={values.reason} />
            <Button variant="warning">Stop the plan</Button>
          </PostForm>
        </>
      ) : null}
    </Page>
  );
}
