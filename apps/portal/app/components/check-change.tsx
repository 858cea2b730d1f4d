import { useActionData } from "@remix-run/react";
import { Fragment, type ReactNode } from "react";
import { Button, ButtonGroup, Details, InsetText, Textarea, WarningText } from "./govuk";
import { PostForm } from "./form";
import { Page } from "./page";

/** The check step's data (routes/admin.config.server.ts `CheckView`), as the page receives it. */
export interface CheckData {
  ok: true;
  view: "check";
  profile: string;
  basedOn: string;
  values: string;
  preview: { changes: string[]; access: string[]; services: Array<{ name: string; changes: string[] }>; recalculated: number; datesMove: number; moves: string[] };
  errors: Record<string, string>;
}

/** The check step when the action answered with one, else null (the page shows its form). */
export function useCheck(): CheckData | null {
  const data = useActionData() as { view?: string } | undefined;
  return data && data.view === "check" ? (data as CheckData) : null;
}

/**
 * A configuration page's form: posts to its action, which answers with the check step. Its
 * `step` field tells the page, shown again, that the values are the user's (even none ticked).
 */
export function ConfigForm({ children }: { children: ReactNode }) {
  return (
    <PostForm>
      <input type="hidden" name="step" value="form" />
      {children}
    </PostForm>
  );
}

/** Whether the form is shown again with what the user sent (else with the profile's values). */
export function wasPosted(values: Record<string, string>): boolean {
  return values.step === "form";
}

const cases = (n: number) => (n === 1 ? "1 open case" : `${n} open cases`);

/**
 * "Check your change": what the new profile changes, in words, who will see which cases,
 * whose rules change and how many open cases' due dates move, then the reason and the button
 * that saves it. Nothing is saved before that button.
 */
export function CheckChange({ check, caption, heading }: { check: CheckData; caption: ReactNode; heading: ReactNode }) {
  const { preview } = check;
  return (
    <Page narrow errors={check.errors} caption={caption} heading={heading}>
      {preview.changes.length ? (
        <>
          <h2 className="govuk-heading-m">This will change</h2>
          <ul className="govuk-list govuk-list--bullet" data-testid="changes">
            {preview.changes.map((c) => (
              <li key={c}>{c}</li>
            ))}
          </ul>
        </>
      ) : (
        <InsetText>This changes nothing in the configuration.</InsetText>
      )}
      {preview.access.length ? (
        <>
          <h2 className="govuk-heading-m">Who sees the cases</h2>
          <ul className="govuk-list govuk-list--bullet" data-testid="access">
            {preview.access.map((a) => (
              <li key={a}>{a}</li>
            ))}
          </ul>
        </>
      ) : null}
      <h2 className="govuk-heading-m">Open cases</h2>
      <p className="govuk-body" data-testid="moving-cases">
        {preview.datesMove === 0
          ? preview.recalculated === 0
            ? "No open case follows rules that change: no due date moves."
            : preview.recalculated === 1
              ? "1 open case follows rules that change, but none of its due dates move."
              : `${cases(preview.recalculated)} follow rules that change, but none of their due dates move.`
          : `${preview.datesMove === 1 ? "1 open case's" : `${preview.datesMove} open cases'`} due dates move${preview.moves.length ? ` (${preview.moves.join(", ")}${preview.datesMove > preview.moves.length ? " and others" : ""})` : ""}: each is recalculated under the new rules, with an entry in its timeline.`}
      </p>
      {preview.services.length ? (
        <Details summary={`The rules change for ${preview.services.map((s) => s.name).join(", ")}`}>
          {preview.services.map((s) => (
            <Fragment key={s.name}>
              <h3 className="govuk-heading-s">{s.name}</h3>
              <ul className="govuk-list govuk-list--bullet govuk-body-s">
                {s.changes.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </Fragment>
          ))}
        </Details>
      ) : null}
      <WarningText>Nothing is saved until you save the change. It is recorded in the audit log with your reason.</WarningText>
      <PostForm>
        <input type="hidden" name="profile" value={check.profile} />
        <input type="hidden" name="basedOn" value={check.basedOn} />
        <input type="hidden" name="values" value={check.values} />
        <Textarea name="reason" label="Why it changes" labelSize="s" hint="For example, the decision or policy it comes from" rows={3} error={check.errors.reason} />
        <ButtonGroup>
          <Button name="intent" value="confirm">
            Save the change
          </Button>
          <Button name="intent" value="edit" variant="secondary">
            Change it
          </Button>
        </ButtonGroup>
      </PostForm>
    </Page>
  );
}
