import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { parseCouncilProfile } from "@complaints/core";
import { PROFILE_IDS, loadProfile, profileDocuments } from "./councils/index.js";
import { ProfileFileError, parseProfileText, profileToText, readProfileFile, resolveProfile } from "./files.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

const dir = mkdtempSync(path.join(tmpdir(), "profile-files-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

/** The problems a file is refused with (the test fails if it is accepted). */
function problems(run: () => unknown): readonly string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ProfileFileError) return error.problems;
    throw error;
  }
  throw new Error("accepted");
}

const leeds = () => structuredClone(loadProfile(profileDocuments.leeds).profile) as unknown as {
  referencePrefix: string;
  calendar: Record<string, unknown>;
  directorates: Array<Record<string, unknown> & { services: Array<Record<string, unknown>> }>;
};
const service = (p: ReturnType<typeof leeds>, id: string) => p.directorates.flatMap((d) => d.services).find((s) => s["id"] === id)!;

describe("council profiles as files (issue 14)", () => {
  it("every packaged profile written as YAML or JSON reads back as the same profile", () => {
    for (const id of PROFILE_IDS) {
      const profile = loadProfile(profileDocuments[id]).profile;
      for (const format of ["yaml", "json"] as const) {
        const text = profileToText(profile, format);
        expect(parseCouncilProfile(parseProfileText(text, format, `${id}.${format}`)), `${id} as ${format}`).toEqual(profile);
      }
    }
  });

  it("YAML keeps times, dates and words as text (YAML 1.2: no sexagesimal 17:00, no Norway problem)", () => {
    const text = profileToText(loadProfile(profileDocuments.default).profile, "yaml");
    expect(text).toContain("cutOffTime: 17:00");
    expect(parseProfileText("a: 17:00\nb: 2026-12-29\nc: no\n", "yaml", "t.yaml")).toEqual({ a: "17:00", b: "2026-12-29", c: "no" });
  });

  it("a file with several mistakes is refused with every one: path, the value found, the rule", () => {
    const p = leeds();
    p.referencePrefix = "leeds";
    p.calendar["cutOffTime"] = "5pm";
    service(p, "waste-management")["id"] = "Waste Management";
    p.directorates[0]!["colour"] = "green";
    const file = write("several.yaml", stringify(p));
    expect(problems(() => readProfileFile(file, plugins))).toEqual([
      'calendar.cutOffTime: HH:MM, 24-hour (found "5pm")',
      'directorates.0.services.2.id: use lower-case letters, digits and hyphens (found "Waste Management")',
      'directorates.0.colour: not a field of a council profile (check its spelling) (found "green")',
      'referencePrefix: 2 to 6 capital letters, like LCC (found "leeds")',
    ]);
  });

  it("rules that clash are refused with every clash: two plugins on a service, a timescale above a statutory maximum, a plugin not installed", () => {
    const p = leeds();
    service(p, "housing-leeds")["plugins"] = ["housing", "adult-social-care"];
    service(p, "adult-social-care")["settings"] = { stages: { "stage-1": { acknowledge: { period: { workingDays: 5 }, from: "receipt", rule: "Leeds corporate 5 days" } } } };
    service(p, "waste-management")["plugins"] = ["trading-standards"];
    const found = problems(() => readProfileFile(write("clashes.json", JSON.stringify(p)), plugins));
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringContaining('Service "waste-management" enables plugin "trading-standards", which is not installed'),
        expect.stringContaining('Service "housing-leeds" is claimed by two plugins, "housing" and "adult-social-care": enable only one regime per service'),
        expect.stringContaining('Service "adult-social-care": service setting "adult-social-care" sets the Local resolution (SI 2009/309) acknowledgement to 5 working days, above the statutory maximum of 3 working days'),
      ]),
    );
  });

  it("names what is wrong with the file itself: its syntax (with the line), its name, its absence", () => {
    expect(problems(() => readProfileFile(write("broken.yaml", "id: leeds\nname: [unclosed\n"), plugins)).join()).toMatch(/not valid YAML: .*line 3/);
    expect(problems(() => readProfileFile(write("broken.json", "{ \"id\": "), plugins))[0]).toMatch(/^not valid JSON: /);
    expect(problems(() => readProfileFile(write("profile.txt", "id: leeds"), plugins))).toEqual(['the file name must end in .yaml, .yml or .json (it ends in ".txt")']);
    expect(problems(() => readProfileFile(path.join(dir, "missing.yaml"), plugins))).toEqual(["there is no such file"]);
  });

  it("--profile takes a packaged id or a file; an unknown id is refused naming the valid ones", () => {
    expect(resolveProfile("lewisham", plugins)).toMatchObject({ profile: { id: "lewisham", referencePrefix: expect.any(String) }, from: 'the packaged profile "lewisham"' });
    const file = write("leeds.yml", profileToText(loadProfile(profileDocuments.leeds).profile, "yaml"));
    expect(resolveProfile(file, plugins).profile).toEqual(loadProfile(profileDocuments.leeds).profile);
    expect(problems(() => resolveProfile("york", plugins))).toEqual(['there is no packaged profile "york": use one of default, leeds, lewisham, southwark, lancaster, or a .yaml or .json file']);
  });
});
