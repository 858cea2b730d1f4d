import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData } from "@remix-run/react";
import { Table, Tag } from "../components/govuk";
import { Page } from "../components/page";
import { bulkAction, bulkLoader } from "./cases.bulk.server";

export const meta: MetaFunction = () => [{ title: "What happened to the ticked cases – Complaints case management" }];

export function loader({ context, request }: LoaderFunctionArgs) {
  return bulkLoader(context, request);
}

export async function action({ context, request }: ActionFunctionArgs) {
  return bulkAction(context, request);
}

type Result = { position: number; caseId: string | null; reference: string | null; outcome: "done" | "partly" | "refused"; message: string };

const OUTCOME: Record<Result["outcome"], { text: string; colour: "green" | "yellow" | "red" }> = {
  done: { text: "Done", colour: "green" },
  partly: { text: "Partly done", colour: "yellow" },
  refused: { text: "Not done", colour: "red" },
};

/** The results of a bulk action, case by case: done, or not done and why (core's own words). */
export default function BulkResults() {
  const data = useActionData<typeof action>() as { errors?: Record<string, string>; back?: string; action?: string; results?: Result[] | null } | undefined;
  const back = data?.back ?? "/cases";
  const results = data?.results ?? null;
  if (!results) {
    return (
      <Page back={{ to: back, text: "Back to the work queue" }} narrow errors={data?.errors} heading={data ? "Nothing was changed" : "Work on several cases at once"}>
        <p className="govuk-body">
          <Link className="govuk-link" to={back}>
            Go back to the work queue
          </Link>{" "}
          to tick cases and choose what to do with them.
        </p>
      </Page>
    );
  }
  const done = results.filter((r) => r.outcome === "done").length;
  const notDone = results.length - done;
  return (
    <Page back={{ to: back, text: "Back to the work queue" }} heading={`${data?.action ?? "Done"}: ${done} of ${results.length} ${results.length === 1 ? "case" : "cases"} done`}>
      <p className="govuk-body">
        Each case was done on its own.{" "}
        {notDone ? `${notDone} ${notDone === 1 ? "was" : "were"} not done, or only partly: the reason is beside each; nothing else on ${notDone === 1 ? "it" : "them"} changed.` : "Every case was done."}
      </p>
      <Table
        caption="What happened to each case"
        captionSize="s"
        head={["Case", "Result", "Details"]}
        rows={results.map((r) => [
          r.caseId && r.reference ? (
            <Link key="case" className="govuk-link" to={`/cases/${r.caseId}`}>
              {r.reference}
            </Link>
          ) : (
            `Case ${r.position + 1} (not found, or you cannot see it)`
          ),
          <Tag key="tag" colour={OUTCOME[r.outcome].colour}>
            {OUTCOME[r.outcome].text}
          </Tag>,
          r.message,
        ])}
      />
      <p className="govuk-body">
        <Link className="govuk-link" to={back}>
          Back to the work queue
        </Link>
      </p>
    </Page>
  );
}
