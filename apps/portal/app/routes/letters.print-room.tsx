import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { Button, InsetText, NotificationBanner, Table, Tag } from "../components/govuk";
import { PostForm, useFormState } from "../components/form";
import { requireStaff } from "../utils/auth.server";
import { attempt, describeApiError, readForm, text } from "../utils/forms.server";
import { formatDateTime } from "../utils/labels";
import { BATCH_STATUS_LABELS } from "../utils/letters";
import { Page } from "../components/page";

export const meta: MetaFunction = () => [{ title: "Print room – Letters – Complaints case management" }];

export async function loader({ context, request }: LoaderFunctionArgs) {
  requireStaff(context, request);
  const url = new URL(request.url);
  try {
    const [waiting, batches] = await Promise.all([context.api.letters.printBatch.waiting({ limit: 200 }), context.api.letters.printBatch.list({ limit: 50 })]);
    const mayPrint = !context.principal || context.principal.kind !== "staff" ? false : context.principal.grants.some((g) => ["customer-services", "dcro", "complaints-manager"].includes(g.role));
    return { waiting, batches, mayPrint, built: url.searchParams.get("built"), done: url.searchParams.get("done"), nothing: url.searchParams.has("nothing") };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 403) throw data("The print room is for customer services, DCROs, the complaints manager and auditors.", { status: 403 });
    throw error;
  }
}

export async function action({ context, request }: ActionFunctionArgs) {
  requireStaff(context, request);
  const form = await readForm(request, context);
  const intent = text(form, "intent");
  const batchId = text(form, "batchId");
  if (intent === "build") {
    const result = await attempt(form, () => context.api.letters.printBatch.build({}));
    if (!result.ok) return result.response;
    if (!result.value.batch) return redirect("/letters/print-room?nothing", 303);
    return redirect(`/letters/print-room?built=${result.value.batch.batchId}`, 303);
  }
  if (intent === "confirm" || intent === "cancel") {
    const result = await attempt<unknown>(form, () => (intent === "confirm" ? context.api.letters.printBatch.confirm({ batchId }) : context.api.letters.printBatch.cancel({ batchId })));
    if (!result.ok) return result.response;
    return redirect(`/letters/print-room?done=${intent}`, 303);
  }
  throw data("There is no such action.", { status: 400 });
}

export default function PrintRoom() {
  const { waiting, batches, mayPrint, built, done, nothing } = useLoaderData<typeof loader>();
  const { errors } = useFormState();
  const printing = batches.filter((b) => b.status === "printing");
  const past = batches.filter((b) => b.status !== "printing");
  const builtBatch = built ? batches.find((b) => b.batchId === built) : undefined;
  return (
    <Page breadcrumbs={[{ to: "/letters", text: "Letters" }]} errors={errors}>
      {builtBatch ? (
        <NotificationBanner success heading={<>Print batch made: {builtBatch.letterCount} letter{builtBatch.letterCount === 1 ? "" : "s"}, {builtBatch.sheetCount ?? builtBatch.pageCount ?? 0} sheets. Download it, print it, then confirm it as posted.</>} />
      ) : null}
      {done === "confirm" ? (
        <NotificationBanner success heading="The batch is recorded as posted." />
      ) : null}
      {done === "cancel" ? (
        <NotificationBanner success heading="The batch is cancelled: its letters are waiting for the next batch." />
      ) : null}
      {nothing ? <InsetText>No letters were waiting, so no batch was made.</InsetText> : null}
      <h1 className="govuk-heading-l">Print room</h1>

      <h2 className="govuk-heading-m">Waiting for the post</h2>
      {waiting.letters.length === 0 ? (
        <p className="govuk-body">No issued letter is waiting for the post.</p>
      ) : (
        <>
          <Table
            caption={`${waiting.total} letter${waiting.total === 1 ? "" : "s"}, oldest first`}
            captionSize="s"
            head={["Case", "Letter", "To", "Issued", "Print"]}
            rows={waiting.letters.map((l) => [
              <Link key={l.letterId} className="govuk-link" to={`/cases/${l.caseId}`}>
                {l.reference}
              </Link>,
              <a key="pdf" className="govuk-link" href={l.downloadUrl}>
                {l.kindName.replace(/^./, (c) => c.toUpperCase())}
                <span className="govuk-visually-hidden"> for {l.reference} (PDF)</span>
              </a>,
              l.recipientName,
              formatDateTime(l.issuedAt),
              l.largePrint ? "Large print" : "Standard",
            ])}
          />
          {mayPrint ? (
            <PostForm>
              <Button name="intent" value="build">
                Make a print batch
              </Button>
            </PostForm>
          ) : null}
        </>
      )}

      <h2 className="govuk-heading-m">Printed, not yet posted</h2>
      {printing.length === 0 ? <p className="govuk-body">None.</p> : <Batches batches={printing} mayPrint={mayPrint} />}

      <h2 className="govuk-heading-m">Past batches</h2>
      {past.length === 0 ? <p className="govuk-body">None yet.</p> : <Batches batches={past} mayPrint={false} />}
    </Page>
  );
}

type Batch = Awaited<ReturnType<typeof loader>>["batches"][number];

function Batches({ batches, mayPrint }: { batches: readonly Batch[]; mayPrint: boolean }) {
  return (
    <Table
      head={["Made", "Letters", "Status", "Files", ...(mayPrint ? ["Then"] : [])]}
      rows={batches.map((b) => {
        const name = `batch made ${formatDateTime(b.builtAt)}`;
        return [
          <>
            {formatDateTime(b.builtAt)}
            {b.builtBy?.name ? <span className="govuk-body-s govuk-!-display-block govuk-!-font-weight-regular">by {b.builtBy.name}</span> : null}
          </>,
          `${b.letterCount} (${b.sheetCount ?? b.pageCount ?? "?"} sheets)`,
          <>
            <Tag colour={b.status === "posted" ? "green" : b.status === "cancelled" ? "grey" : "yellow"}>{BATCH_STATUS_LABELS[b.status] ?? b.status}</Tag>
            {b.confirmedAt ? <span className="govuk-body-s govuk-!-display-block">{formatDateTime(b.confirmedAt)}</span> : null}
          </>,
          b.status === "cancelled" ? (
            "—"
          ) : (
            <ul className="govuk-list">
              <li>
                <a className="govuk-link" href={b.pdfUrl}>
                  PDF to print<span className="govuk-visually-hidden">, {name}</span>
                </a>
              </li>
              <li>
                <a className="govuk-link" href={b.manifestUrl}>
                  Manifest (CSV)<span className="govuk-visually-hidden">, {name}</span>
                </a>
              </li>
            </ul>
          ),
          ...(mayPrint
            ? [
                <div key="actions">
                  <PostForm className="app-inline-form">
                    <input type="hidden" name="batchId" value={b.batchId} />
                    <button type="submit" name="intent" value="confirm" className="govuk-button govuk-!-margin-bottom-2" data-module="govuk-button">
                      Confirm posted<span className="govuk-visually-hidden">: {name}</span>
                    </button>
                  </PostForm>
                  <PostForm className="app-inline-form">
                    <input type="hidden" name="batchId" value={b.batchId} />
                    <button type="submit" name="intent" value="cancel" className="govuk-button govuk-button--warning govuk-!-margin-bottom-2" data-module="govuk-button">
                      Cancel<span className="govuk-visually-hidden"> {name}</span>
                    </button>
                  </PostForm>
                </div>,
              ]
            : []),
        ];
      })}
    />
  );
}
