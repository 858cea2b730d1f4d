/**
 * Roles per directorate as checkboxes, one group per role: the central roles may be held
 * council-wide, every role within a directorate. Values read "<role>|<directorate id or all>".
 */
interface Choices {
  roles: ReadonlyArray<{ role: string; label: string; central: boolean }>;
  directorates: ReadonlyArray<{ id: string; name: string }>;
}

export function GrantPicker({ choices, chosen, error }: { choices: Choices; chosen: readonly string[]; error?: string | undefined }) {
  return (
    <div className={`govuk-form-group${error ? " govuk-form-group--error" : ""}`} id="grant">
      <fieldset className="govuk-fieldset" aria-describedby={error ? "grant-hint grant-error" : "grant-hint"}>
        <legend className="govuk-fieldset__legend govuk-fieldset__legend--m">Roles</legend>
        <div id="grant-hint" className="govuk-hint">
          Choose each role and where it applies. Only the central roles can be held council-wide.
        </div>
        {error ? (
          <p id="grant-error" className="govuk-error-message">
            <span className="govuk-visually-hidden">Error:</span> {error}
          </p>
        ) : null}
        {choices.roles.map((r) => {
          const options = [...(r.central ? [{ value: `${r.role}|all`, text: "Council-wide" }] : []), ...choices.directorates.map((d) => ({ value: `${r.role}|${d.id}`, text: d.name }))];
          return (
            <fieldset key={r.role} className="govuk-fieldset govuk-!-margin-bottom-4">
              <legend className="govuk-fieldset__legend govuk-fieldset__legend--s">{r.label}</legend>
              <div className="govuk-checkboxes govuk-checkboxes--small">
                {options.map((o, i) => {
                  const id = `grant-${r.role}-${i}`;
                  return (
                    <div key={o.value} className="govuk-checkboxes__item">
                      <input className="govuk-checkboxes__input" id={id} name="grant" type="checkbox" value={o.value} defaultChecked={chosen.includes(o.value)} />
                      <label className="govuk-label govuk-checkboxes__label" htmlFor={id}>
                        {o.text}
                        <span className="govuk-visually-hidden"> ({r.label})</span>
                      </label>
                    </div>
                  );
                })}
              </div>
            </fieldset>
          );
        })}
      </fieldset>
    </div>
  );
}
