import { describe, expect, it } from "vitest";
import { tmpdir } from "node:os";
import path from "node:path";
import { DEFAULT_PLUGINS_CONFIG, defaultPlugins } from "../install.js";
import { main, run as runCommand } from "./explain.js";

const plugins = await defaultPlugins();

function run(...argv: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const code = main(
    argv,
    plugins,
    (l) => out.push(l),
    (l) => err.push(l),
  );
  return { code, out: out.join("\n"), err: err.join("\n") };
}

describe("pnpm profile:explain <profile>", () => {
  it("prints each service's resolved rules per stage, with the layer and rule each value came from", () => {
    const { code, out } = run("leeds");
    expect(code).toBe(0);
    expect(out).toContain('Leeds City Council (profile "leeds")');
    expect(out).toContain("== Environments and Housing / Housing Leeds [housing-leeds]");
    expect(out).toContain(
      'stage-1.target: 10 working days from receipt — service setting "housing-leeds" (Leeds housing complaints review 2013/14: Housing Leeds keeps its 10 working-day Stage 1 performance target',
    );
    expect(out).toContain(
      'stage-1.respond: 10 working days from the acknowledgement — plugin "housing" (Housing Ombudsman Complaint Handling Code 2024 6.3',
    );
    expect(out).toContain('[overrides council profile "leeds": 15 working days from receipt;');
    expect(out).toContain(
      'stage-1.respond: 15 working days from receipt — council profile "leeds" (Leeds policy para 16',
    );
  });

  it("shows the kinds a plugin claims in the service: the FOI review skips Stage 1", () => {
    const { out } = run("leeds", "--service", "waste-management");
    expect(out).toContain(
      '-- foi-eir-review cases of service "waste-management" (profile "leeds"): FOI/EIR internal review',
    );
    expect(out).toContain('stage-1: skipped — plugin "foi-eir" (Leeds policy para 61');
    expect(out).toContain("-- member-enquiry cases of service");
    expect(out).not.toContain("[housing-leeds]");
  });

  it("says which default is used where the documents are silent, and why", () => {
    const { out } = run("lancaster");
    expect(out).toContain("Where the documents are silent (default used, and why):");
    expect(out).toContain(
      "all timescales (acknowledgement, Stage 1, Stage 2, extensions, escalation)",
    );
    expect(out).toContain(
      'stage-2.referBackTo: stage-1 — council profile "lancaster" (Lancaster task group recommendations 3(3)(e) and 8(2)',
    );
  });

  it("explains every profile", () => {
    for (const id of ["default", "leeds", "lewisham", "southwark", "lancaster"])
      expect(run(id).code).toBe(0);
    expect(
      run("lewisham", "--service", "planning", "--kind", "complaint", "--rules-only").out,
    ).toContain(
      "stages: Stage 1 → Stage 2 → Stage 3: Independent Adjudicator → Local Government and Social Care Ombudsman",
    );
  });

  it("exits 2 with the usage for an unknown profile, kind or argument; 1 for an unknown service", () => {
    expect(run("york")).toMatchObject({
      code: 2,
      err: expect.stringContaining(
        'Unknown profile "york". usage: pnpm profile:explain <default|leeds|lewisham|southwark|lancaster>',
      ),
    });
    expect(run()).toMatchObject({ code: 2 });
    expect(run("leeds", "--kind", "grumble")).toMatchObject({
      code: 2,
      err: expect.stringContaining('Unknown case kind "grumble"'),
    });
    expect(run("leeds", "--service", "parks")).toMatchObject({
      code: 1,
      err: expect.stringContaining('Profile "leeds" has no service "parks"'),
    });
  });
});

describe("pnpm profile:explain <profile> --plugins <file>", () => {
  const command = async (...argv: string[]) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await runCommand(argv, (l) => out.push(l), (l) => err.push(l));
    return { code, out: out.join("\n"), err: err.join("\n") };
  };

  it("explains with the plugins of the file given, as the server would run them (decision 0405)", async () => {
    expect(await command("leeds", "--plugins", DEFAULT_PLUGINS_CONFIG, "--service", "housing-leeds", "--rules-only")).toMatchObject({
      code: 0,
      out: expect.stringContaining('plugin "housing"'),
    });
  });

  it("exits 1 naming the plugins file when it cannot be used, 2 when --plugins names no file", async () => {
    const missing = path.join(tmpdir(), "no-such-plugins-file.json");
    expect(await command("leeds", "--plugins", missing)).toEqual({ code: 1, out: "", err: `The plugins file ${missing}: there is no such file (PLUGINS_CONFIG names it)` });
    expect(await command("leeds", "--plugins")).toMatchObject({ code: 2, err: expect.stringContaining("--plugins needs a plugins file.") });
  });
});
