/**
 * A message to the resident that was not delivered, or may not have been sent (decision 0318):
 * staff send it again, or say what they did instead (posted it, rang the resident) and mark it
 * resolved. Until then the case stays at the top of its work queue.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Button, SummaryList, Textarea, WarningText } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { Page } from "../components/page";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, readForm, text } from "../utils/forms.server";
import { formatDateTime } from "../utils/labels";

export const meta: MetaFunction = () => [{ title: "A message that did not reach the resident – Complaints case management" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function idsOf(params: { caseId?: string; outboxId?: string }): { caseId: string; outboxId: number } {
  const caseId = params.caseId ?? "";
  const outboxId = Number(params.outboxId);
  if (!UUID.test(caseId) || !Number.isSafeInteger(outboxId) || outboxId < 1) throw data("There is no such message.", { status: 404 });
  return { caseId, outboxId };
}

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const { caseId, outboxId } = idsOf(params);
  let listed;
  try {
    listed = await context.api.correspondence.list({ caseId });
  } catch (error) {
    const d = describeApiError(error);
    if (d.status < 500) throw data(d.message, { status: d.status });
    throw error;
  }
  const message = listed.messages.find((m) => m.outboxId === outboxId);
  if (!message) throw data("There is no such message on this case.", { status: 404 });
  return { caseId, message };
}

export async function action({ context, request, params }: ActionFunctionArgs) {
  requireStaff(context, request);
  const { caseId, outboxId } = idsOf(params);
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  const result =
    intent === "resend"
      ? await attempt(form, () => context.api.correspondence.resend({ caseId, outboxId }))
      : await attempt(form, () => context.api.correspondence.resolve({ caseId, outboxId, resolution: text(form, "resolution") }), { resolution: "resolution" });
  return result.ok ? redirect(`/cases/${caseId}?correspondence=${intent === "resend" ? "resent" : "resolved"}`, 303) : result.response;
}

export default function CorrespondenceProblem() {
  const { caseId, message } = useLoaderData<typeof loader>();
  const { errors, values } = useFormState();
  const how = message.channel === "email" ? `Email to ${message.recipient.email ?? message.recipient.name ?? "the resident"}` : message.channel === "sms" ? `Text message to ${message.recipient.phone ?? "the resident"}` : `Letter by post to ${message.recipient.name ?? "the resident"}`;
  return (
    <Page back={{ to: `/cases/${caseId}`, text: "Back to the case" }} narrow errors={errors} caption={message.subject} heading="A message that did not reach the resident">
      <SummaryList
        rows={[
          { key: "Message", value: how },
          { key: "Where it stands", value: message.statusLabel },
          { key: "Why", value: message.reason ?? "Not known" },
          { key: "Tries", value: String(message.attempts) },
          { key: "Queued", value: formatDateTime(message.queuedAt) },
        ]}
      />
      {message.needsAction ? null : <WarningText>Nothing needs doing: this message is not waiting for anyone.</WarningText>}
      {message.needsAction ? (
        <>
          <h2 className="govuk-heading-m">Send it again</h2>
          <p className="govuk-body">If the address was wrong, change how we contact the resident on the case first: it is sent to the details on the message.</p>
          <PostForm>
            <input type="hidden" name="intent" value="resend" />
            <Button>Send it again</Button>
          </PostForm>
          <h2 className="govuk-heading-m">Or say what you did instead</h2>
          <PostForm>
            <input type="hidden" name="intent" value="resolve" />
            <Textarea name="resolution" label="What did you do instead?" hint="For example: posted the letter, or the resident confirmed by phone that it arrived." rows={3} error={errors.resolution} defaultValue={values.resolution} />
            <Button variant="secondary">Mark it resolved</Button>
          </PostForm>
        </>
      ) : null}
    </Page>
  );
}
