import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { NotificationBanner, SummaryList, Table, Tag } from "../components/govuk";
import { requireStaff } from "../utils/auth.server";
import { describeApiError } from "../utils/forms.server";
import { formatDate } from "../utils/labels";
import { monthName } from "../utils/audits";
import { Page } from "../components/page";

export const meta: MetaFunction<typeof loader> = ({ data: d }) => [{ title: d ? `${d.sample.service.name}, ${monthName(d.sample.month)} – Quality audits` : "Quality audit" }];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export async function loader({ context, request, params }: LoaderFunctionArgs) {
  requireStaff(context, request);
  if (!UUID.test(params.sampleId ?? "")) throw data("There is no such sample.", { status: 404 });
  try {
    const sample = await context.api.quality.samples.get({ sampleId: params.sampleId! });
    return { sample, drawn: new URL(request.url).searchParams.has("drawn") };
  } catch (error) {
    const d = describeApiError(error);
    if (d.status === 404 || d.status === 403) throw data(d.message, { status: d.status });
    throw error;
  }
}

export default function Sample() {
  const { sample, drawn } = useLoaderData<typeof loader>();
  const reviewed = sample.items.filter((i) => i.review).length;
  return (
    <Page
      breadcrumbs={[{ to: "/audits", text: "Quality audits" }]}
      caption="Quality audit"
      heading={<>{sample.service.name}, {monthName(sample.month)}</>}
      banner={drawn ? (
        <NotificationBanner success heading={<>Sample drawn: {sample.items.length} of {sample.population} responses</>} />
      ) : null}
    >
      <SummaryList
        rows={[
          { key: "Responses sent in the month", value: String(sample.population) },
          { key: "Share checked", value: `${Math.round(sample.share * 100)}%: ${sample.items.length} responses, chosen at random` },
          { key: "Reviewed", value: `${reviewed} of ${sample.items.length}` },
          { key: "Draw", value: `Repeatable with the seed "${sample.seed}"` },
        ]}
      />
      {sample.items.length ? (
        <Table
          caption="Responses in the sample"
          captionSize="m"
          head={["Case", "Stage", "Answered", "Officer", "Review"]}
          rows={sample.items.map((i) => [
            i.reference,
            i.stageId === "stage-2" ? "Stage 2" : i.stageId === "stage-1" ? "Stage 1" : (i.stageId ?? ""),
            i.respondedOn ? formatDate(i.respondedOn) : "",
            i.handlerName ?? "Not recorded",
            i.review ? (
              <Link key={i.caseId} className="govuk-link" to={`/audits/reviews/${i.review.id}`}>
                Scored {i.review.percent ?? 0}%<span className="govuk-visually-hidden"> for {i.reference}</span>
              </Link>
            ) : sample.canReview ? (
              <Link key={i.caseId} className="govuk-link" to={`/audits/${sample.id}/review/${i.caseId}/${i.stageSequence}`}>
                Review<span className="govuk-visually-hidden"> {i.reference}</span>
              </Link>
            ) : (
              <Tag colour="grey">Not reviewed</Tag>
            ),
          ])}
        />
      ) : (
        <p className="govuk-body">No responses were sent in this month, so there is nothing to check.</p>
      )}
    </Page>
  );
}
