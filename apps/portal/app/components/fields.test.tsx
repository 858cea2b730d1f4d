/**
 * The triage form offers a later stage only where the council's rules let triage open one
 * (docs/decisions/0108-day-one-counting-triage-to-a-later-stage.md: SPSO's complex complaints go
 * straight to Stage 2); elsewhere "Accept" reveals nothing, as before.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { COMMAND_FORMS } from "../utils/commands";
import { Fields, type FieldState } from "./fields";

const triage = COMMAND_FORMS.triage!.fields;
const render = (options: FieldState["options"]) => renderToStaticMarkup(<Fields fields={triage} state={{ errors: {}, values: {}, options }} />);

describe("triage: opening a later stage directly", () => {
  it("offers the stages the rules allow, with the first stage as the default", () => {
    const html = render({ "triage-stages": [{ value: "stage-2", text: "Stage 2" }] });
    expect(html).toContain('name="stageId"');
    expect(html).toContain('<option value="stage-2">Stage 2</option>');
    expect(html).toContain("No, the first stage");
  });

  it("shows no question, and no empty reveal under Accept, where the rules allow none", () => {
    const reveals = (html: string) => html.split('class="govuk-radios__conditional"').length - 1;
    const html = render({});
    expect(html).not.toContain('name="stageId"');
    // One reveal fewer than where a stage is offered: Accept's, which would be empty.
    expect(reveals(html)).toBe(reveals(render({ "triage-stages": [{ value: "stage-2", text: "Stage 2" }] })) - 1);
  });
});
