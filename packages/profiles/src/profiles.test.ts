import {
  RuleBook,
  defaultProfile,
  parseCouncilProfile,
  recordPlugin,
  type Timescale,
} from "@complaints/core";
import { describe, expect, it } from "vitest";
import { PROFILE_IDS, loadProfile, profileDocuments } from "./councils/index.js";
import * as profiles from "./index.js";
import { installedPlugins } from "./plugins.js";

describe("installed plugins", () => {
  it("are the nine service plugins, each once", () => {
    expect(installedPlugins.map((p) => p.id)).toEqual([
      "housing",
      "foi-eir",
      "adult-social-care",
      "children-social-care",
      "member-enquiries",
      "independent-adjudicator",
      "spso",
      "psow",
      "nipso",
    ]);
    for (const plugin of installedPlugins) expect(() => recordPlugin(plugin)).not.toThrow();
  });
});

describe.each(PROFILE_IDS)("profile %s", (id) => {
  const document = profileDocuments[id];
  const { profile, notes } = loadProfile(document);

  it("is valid data: core's parseCouncilProfile accepts it, and its id is the one it is filed under", () => {
    expect(parseCouncilProfile(document.input).id).toBe(id);
    expect(profile.sources.length).toBeGreaterThan(0);
  });

  it("starts with the installed plugins, and every plugin it enables is installed", () => {
    const book = new RuleBook(profile, installedPlugins);
    const enabled = profile.directorates.flatMap((d) => [
      ...d.plugins,
      ...d.services.flatMap((s) => s.plugins),
    ]);
    for (const pluginId of enabled) expect(installedPlugins.map((p) => p.id)).toContain(pluginId);
    expect(book.serviceIds().length).toBe(profile.directorates.flatMap((d) => d.services).length);
  });

  it("every timescale it sets names its source", () => {
    const layers = [
      profile.timescales,
      ...profile.directorates.flatMap((d) => [d.settings, ...d.services.map((s) => s.settings)]),
    ];
    for (const layer of layers) {
      for (const [stageId, fields] of Object.entries(layer?.stages ?? {})) {
        for (const [field, value] of Object.entries(fields)) {
          if (value && typeof value === "object" && "period" in value) {
            expect((value as Timescale).rule, `${stageId}.${field}`).toMatch(/\w{3,}/);
          }
        }
      }
    }
  });

  it("says where its other values come from, and which default it uses where the documents are silent, and why", () => {
    expect(notes.length).toBeGreaterThan(0);
    for (const note of notes) {
      if (note.kind === "from-document") expect(note.source.length).toBeGreaterThan(10);
      if (note.kind === "default") {
        expect(note.uses.length).toBeGreaterThan(3);
        expect(note.why.length).toBeGreaterThan(20);
      }
      if (note.kind === "practice") expect(note.handling.length).toBeGreaterThan(10);
    }
    expect(notes.some((n) => n.kind === "default" && n.about.includes("delegatedLimits"))).toBe(
      true,
    );
  });
});

describe("the default profile", () => {
  it("is core's defaultProfile, re-exported (the 2024 code)", () => {
    expect(profiles.defaultProfile).toBe(defaultProfile);
    expect(loadProfile(profileDocuments.default).profile).toEqual(defaultProfile);
  });
});

describe("each council enables what its documents describe", () => {
  const enabledOn = (id: (typeof PROFILE_IDS)[number], serviceId: string) =>
    new RuleBook(loadProfile(profileDocuments[id]).profile, installedPlugins).rulesFor(
      serviceId,
      "complaint",
    ).plugins;

  it("Leeds: housing on Housing Leeds, the statutory plugins on social care", () => {
    expect(enabledOn("leeds", "housing-leeds")).toEqual(["housing"]);
    expect(enabledOn("leeds", "adult-social-care")).toEqual(["adult-social-care"]);
    expect(enabledOn("leeds", "childrens-social-care")).toEqual(["children-social-care"]);
  });

  it("Lewisham: the Independent Adjudicator on corporate services, housing on Lewisham Homes and Regenter B3", () => {
    expect(enabledOn("lewisham", "planning")).toEqual(["independent-adjudicator"]);
    expect(enabledOn("lewisham", "regenter-b3")).toEqual(["housing"]);
  });

  it("Southwark: housing on landlord services, not on homelessness", () => {
    expect(enabledOn("southwark", "rents-and-service-charges")).toEqual(["housing"]);
    expect(enabledOn("southwark", "homelessness-and-housing-solutions")).toEqual([]);
  });

  it("Lancaster: the core default with Stage 2 able to refer back", () => {
    expect(enabledOn("lancaster", "customer-services")).toEqual([]);
  });
});
