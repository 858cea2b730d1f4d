/**
 * "Related cases" on the case page (issue 16; docs/decisions/0106-merge-link-split.md): the
 * cases this one is linked to, merged with or split from, each with its status; a duplicate
 * merged into this case with its timeline, letters and files, kept where they were and linked.
 */
import { Link } from "@remix-run/react";
import { Details, InsetText, Table } from "./govuk";
import { formatDate, formatDateTime } from "../utils/labels";

export interface RelatedCaseView {
  caseId: string;
  reference: string;
  kind: string;
  kindLabel: string;
  on: string;
  readable: boolean;
  status: string | null;
  merged: {
    timeline: Array<{ seq: number; title: string; on: string | null; at: string }>;
    letters: Array<{ letterId: string; kindName: string; issuedAt: string; downloadUrl: string }>;
    files: Array<{ attachmentId: string; fileName: string; downloadUrl: string }>;
  } | null;
}

function CaseLink({ c }: { c: RelatedCaseView }) {
  return c.readable ? (
    <Link className="govuk-link" to={`/cases/${c.caseId}`}>
      {c.reference}
    </Link>
  ) : (
    <>{c.reference}</>
  );
}

export function RelatedCases({ caseId, related, canChange }: { caseId: string; related: RelatedCaseView[]; canChange: boolean }) {
  const mergedInto = related.find((c) => c.kind === "merged-into");
  const merged = related.filter((c) => c.kind === "merged-in" && c.merged);
  if (!related.length && !canChange) return null;
  return (
    <section aria-labelledby="related-cases">
      <h2 className="govuk-heading-m" id="related-cases">
        Related cases
      </h2>
      {mergedInto ? (
        <InsetText>
          This case was merged into <CaseLink c={mergedInto} /> on {formatDate(mergedInto.on)}. Its timeline, letters and files stay here and are listed on that case.
        </InsetText>
      ) : null}
      {related.length ? (
        <Table
          caption="Cases this one knows"
          captionSize="s"
          head={["Case", "How it is related", "Status"]}
          rows={related.map((c) => [<CaseLink key="ref" c={c} />, c.kindLabel, c.readable ? (c.status ?? "") : "You cannot see this case"])}
        />
      ) : (
        <p className="govuk-body">No related cases.</p>
      )}
      {merged.map((c) => (
        <Details key={c.caseId} summary={`What was recorded on ${c.reference} before it was merged`}>
          <h3 className="govuk-heading-s">Timeline of {c.reference}</h3>
          <ul className="govuk-list">
            {c.merged!.timeline.map((e) => (
              <li key={e.seq}>
                {e.title}, {e.on ? formatDate(e.on) : formatDateTime(e.at)}
              </li>
            ))}
          </ul>
          <h3 className="govuk-heading-s">Letters on {c.reference}</h3>
          {c.merged!.letters.length ? (
            <ul className="govuk-list">
              {c.merged!.letters.map((l) => (
                <li key={l.letterId}>
                  <a className="govuk-link" href={l.downloadUrl}>
                    {l.kindName} (PDF)
                  </a>
                  , issued {formatDateTime(l.issuedAt)}
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No letters.</p>
          )}
          <h3 className="govuk-heading-s">Files on {c.reference}</h3>
          {c.merged!.files.length ? (
            <ul className="govuk-list">
              {c.merged!.files.map((f) => (
                <li key={f.attachmentId}>
                  <a className="govuk-link" href={f.downloadUrl}>
                    {f.fileName}
                  </a>
                </li>
              ))}
            </ul>
          ) : (
            <p className="govuk-body">No files.</p>
          )}
        </Details>
      ))}
      {canChange ? (
        <p className="govuk-body">
          <Link className="govuk-link" to={`/cases/${caseId}/related`}>
            Link, merge or split cases
          </Link>
        </p>
      ) : null}
    </section>
  );
}
