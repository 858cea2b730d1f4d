/**
 * Installing a plugin is configuration (issue 17; docs/decisions/0405 and 0406): the plugins
 * file names packages or folders, and every way it can be wrong stops the start with a message
 * naming the plugin and the file.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { RuleBook, applyPeriod, letterRequirements, parseCouncilProfile, recordPlugin, receiptOf } from "@complaints/core";
import { NORTHMOOR_CHARTER, NORTHMOOR_PANEL, writeOutsidePlugin } from "../test/outside-plugin.js";
import { leeds } from "./councils/leeds.js";
import { DEFAULT_PLUGINS_CONFIG, PluginConfigError, coreVersion, defaultPlugins, loadPlugins, readPluginsConfig } from "./install.js";

// Outside this repository, as a council's own folder would be. The name is one vitest leaves to
// Node (vitest.config.ts), so the plugin is loaded as the running product loads it.
const outside = mkdtempSync(path.join(tmpdir(), "outside-plugin-"));
afterAll(() => rmSync(outside, { recursive: true, force: true }));

let files = 0;
/** A plugins file in the outside folder naming `plugins`. */
function pluginsFile(plugins: unknown, name = `plugins-${++files}.json`): string {
  const file = path.join(outside, name);
  writeFileSync(file, JSON.stringify({ plugins }));
  return file;
}

/** The problems loading `file` reports. */
async function problems(file: string): Promise<readonly string[]> {
  try {
    await loadPlugins(file);
  } catch (error) {
    if (error instanceof PluginConfigError) {
      expect(error.file).toBe(file);
      expect(error.message).toContain(`The plugins file ${file}`);
      return error.problems;
    }
    throw error;
  }
  throw new Error(`${file} loaded without a problem`);
}

describe("the plugins file that ships with the product", () => {
  it("loads every plugin it names, once each and in its order, and each records its rules", async () => {
    const entries = readPluginsConfig(DEFAULT_PLUGINS_CONFIG);
    const plugins = await defaultPlugins();
    expect(plugins.length).toBe(entries.length);
    expect(new Set(plugins.map((p) => p.id)).size).toBe(plugins.length);
    // The bundled packages are named "@complaints/plugin-<id>".
    expect(plugins.map((p) => `@complaints/plugin-${p.id}`)).toEqual(entries);
    for (const plugin of plugins) expect(() => recordPlugin(plugin)).not.toThrow();
    expect(await defaultPlugins()).toBe(plugins);
  });
});

describe("a plugin in a folder outside the product", () => {
  const folder = writeOutsidePlugin(path.join(outside, "northmoor-repairs"));

  it("is installed by naming its folder (relative to the plugins file, or absolute), its @complaints/core the product's own", async () => {
    for (const entry of ["./northmoor-repairs", folder]) {
      const [plugin] = await loadPlugins(pluginsFile([entry]));
      expect(plugin).toMatchObject({ id: "northmoor-repairs", name: "Northmoor repairs charter", $$type: "@complaints/ServicePlugin" });
    }
  });

  it("governs the service a profile enables it on, with its own timescales and their rules", async () => {
    const plugins = [...(await defaultPlugins()), ...(await loadPlugins(pluginsFile(["./northmoor-repairs"])))];
    const input = structuredClone(leeds.input) as { directorates: Array<{ services: Array<{ id: string; plugins?: string[] }> }> };
    input.directorates.flatMap((d) => d.services).find((s) => s.id === "waste-management")!.plugins = ["northmoor-repairs"];
    const rules = new RuleBook(parseCouncilProfile(input), plugins).rulesFor("waste-management", "complaint");
    expect(rules.plugins).toEqual(["northmoor-repairs"]);
    const stage1 = rules.regime.stages[0]!;
    expect(stage1.respond).toEqual({ period: { workingDays: 5 }, from: "receipt", rule: NORTHMOOR_CHARTER.respond });
    // Received Monday 7 December 2026: due the following Monday, five working days on.
    const { countsFrom } = receiptOf(new Date("2026-12-07T10:00:00Z"), rules.calendar, rules.receipt);
    expect(applyPeriod(rules.calendar, countsFrom, stage1.respond.period).date).toBe("2026-12-14");
    // Its one stage is final, so that response must name its own next body (decision 0407).
    expect(rules.regime.stages.map((s) => s.id)).toEqual(["stage-1"]);
    expect(rules.regime.nextBody).toMatchObject({ ...NORTHMOOR_PANEL, rule: NORTHMOOR_CHARTER.panel });
    expect(letterRequirements(rules.letters, "stage-1-response")).toContainEqual(expect.objectContaining({ element: "ombudsman-details", mentionsAnyOf: [NORTHMOOR_PANEL.name], source: NORTHMOOR_CHARTER.panel }));
  });

  it("is installed by its package name once it is in node_modules beside the plugins file (npm install there)", async () => {
    writeOutsidePlugin(path.join(outside, "node_modules/@northmoor/complaints-plugin-waste"), { id: "northmoor-waste" });
    const [plugin] = await loadPlugins(pluginsFile(["@northmoor/complaints-plugin-waste"]));
    expect(plugin!.id).toBe("northmoor-waste");
  });
});

describe("start-up refuses a plugins file that cannot be used, naming the plugin and the file", () => {
  it("a package that is not installed, a folder that is not there", async () => {
    expect(await problems(pluginsFile(["@northmoor/complaints-plugin-nowhere", "./no-such-folder"]))).toEqual([
      `"@northmoor/complaints-plugin-nowhere": no such package is installed (looked in node_modules beside this file and in the product's); install it there with npm, or name its folder ("./…" or an absolute path)`,
      `"./no-such-folder": there is no such folder (${path.join(outside, "no-such-folder")})`,
    ]);
  });

  it("a module that exports no service plugin", async () => {
    writeOutsidePlugin(path.join(outside, "not-a-plugin"), { source: "export const rules = { respond: 5 };\n" });
    expect(await problems(pluginsFile(["./not-a-plugin"]))).toEqual([
      `"./not-a-plugin": ${path.join(outside, "not-a-plugin/index.js")} exports no service plugin (make one with createServicePlugin from @complaints/core and export it)`,
    ]);
  });

  it("two plugins with one id: an outside folder reusing a bundled plugin's id", async () => {
    writeOutsidePlugin(path.join(outside, "other-housing"), { id: "housing" });
    expect(await problems(pluginsFile(["@complaints/plugin-housing", "./other-housing"]))).toEqual([
      '"@complaints/plugin-housing" and "./other-housing" are both the plugin "housing": a server runs one plugin per id, so name only one of them',
    ]);
  });

  it("a plugin whose declared core versions exclude this core, and one that declares none", async () => {
    writeOutsidePlugin(path.join(outside, "for-core-9"), { id: "for-core-9", coreRange: "^9.0.0" });
    writeOutsidePlugin(path.join(outside, "undeclared"), { id: "undeclared", coreRange: null });
    const core = coreVersion();
    expect(await problems(pluginsFile(["./for-core-9", "./undeclared"]))).toEqual([
      `"./for-core-9": it supports @complaints/core ^9.0.0, and this product runs ${core}; install a version of the plugin made for this core, or ask its authors for one`,
      `"./undeclared": its package.json declares no compatible core: add "peerDependencies": { "@complaints/core": "^0.1.0" } naming the core versions it was tested with (docs/plugins.md, "Installing a plugin")`,
    ]);
  });

  it("a plugins file that is missing or not the expected shape", async () => {
    expect(await problems(path.join(outside, "missing.json"))).toEqual(["there is no such file (PLUGINS_CONFIG names it)"]);
    expect(await problems(pluginsFile("@complaints/plugin-housing"))).toEqual([`"plugins" must list package names or folders as text: it must be { "plugins": ["<npm package or folder>", …] }`]);
    const typo = path.join(outside, "typo.json");
    writeFileSync(typo, JSON.stringify({ plugin: [] }));
    expect((await problems(typo))[0]).toMatch(/^unknown setting "plugin"/);
  });

  it("lists every problem at once, and loads nothing partly", async () => {
    mkdirSync(path.join(outside, "empty-folder"), { recursive: true });
    const found = await problems(pluginsFile(["@complaints/plugin-housing", "./empty-folder", "./for-core-9", "@complaints/plugin-housing"]));
    expect(found).toEqual([
      `"./empty-folder": the folder ${path.join(outside, "empty-folder")} has no package.json, so it is not a plugin package`,
      expect.stringMatching(/^"\.\/for-core-9": it supports @complaints\/core \^9\.0\.0/),
      '"@complaints/plugin-housing" is named 2 times: name each plugin once',
    ]);
  });
});
