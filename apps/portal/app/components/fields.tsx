/**
 * Renders a command form's questions (utils/commands.ts) as GOV.UK components, with the
 * errors and typed values of the last failed post.
 */
import type { FieldDef, OptionSource } from "../utils/commands";
import { Checkboxes, DateInput, Input, Radios, Select, Textarea } from "./govuk";

export interface FieldState {
  errors: Record<string, string>;
  values: Record<string, string>;
  options: Partial<Record<OptionSource, Array<{ value: string; text: string }>>>;
}

/** A select with nothing to choose that says to hide then (triage's later stages, where the rules have none). */
const shown = (state: FieldState) => (field: FieldDef) => !(field.kind === "select" && field.hideWhenEmpty && !state.options[field.source]?.length);

export function Fields({ fields, state }: { fields: readonly FieldDef[]; state: FieldState }) {
  return (
    <>
      {fields.filter(shown(state)).map((field, i) => (
        <Field key={field.kind === "heading" ? `h${i}` : field.name} field={field} state={state} />
      ))}
    </>
  );
}

function Field({ field, state }: { field: FieldDef; state: FieldState }) {
  const { errors, values } = state;
  switch (field.kind) {
    case "heading":
      return (
        <>
          <h2 className="govuk-heading-m govuk-!-margin-top-6">{field.text}</h2>
          {field.hint ? <p className="govuk-hint">{field.hint}</p> : null}
        </>
      );
    case "text":
      return <Input name={field.name} label={field.label} labelSize="s" hint={field.hint} width={field.width} error={errors[field.name]} defaultValue={values[field.name]} />;
    case "number":
      return <Input name={field.name} label={field.label} labelSize="s" hint={field.hint} width="3" inputMode="numeric" error={errors[field.name]} defaultValue={values[field.name]} />;
    case "money":
      return <Input name={field.name} label={field.label} labelSize="s" hint={field.hint} width="10" prefix="£" inputMode="decimal" error={errors[field.name]} defaultValue={values[field.name]} />;
    case "textarea":
      return <Textarea name={field.name} label={field.label} labelSize="s" hint={field.hint} rows={field.rows} error={errors[field.name]} defaultValue={values[field.name]} />;
    case "checkbox":
      return (
        <Checkboxes
          name={field.name}
          legend={<span className="govuk-visually-hidden">{field.label}</span>}
          small
          error={errors[field.name]}
          defaultValue={values[field.name] ? [values[field.name]!] : []}
          items={[{ value: "yes", text: field.label, hint: field.hint }]}
        />
      );
    case "date":
      return (
        <DateInput
          name={field.name}
          legend={field.legend}
          legendSize="s"
          hint={field.hint ?? "For example, 27 3 2026"}
          error={errors[field.name]}
          values={values}
        />
      );
    case "select":
      return (
        <Select
          name={field.name}
          label={field.label}
          labelSize="s"
          hint={field.hint}
          placeholder={field.placeholder}
          error={errors[field.name]}
          defaultValue={values[field.name]}
          items={state.options[field.source] ?? []}
        />
      );
    case "radios":
      return (
        <Radios
          name={field.name}
          legend={field.legend}
          legendSize="s"
          hint={field.hint}
          inline={field.inline}
          error={errors[field.name]}
          defaultValue={values[field.name]}
          items={field.options.map((o) => ({
            value: o.value,
            text: o.text,
            hint: o.hint,
            conditional: o.fields?.filter(shown(state)).length ? <Fields fields={o.fields} state={state} /> : undefined,
          }))}
        />
      );
  }
}
