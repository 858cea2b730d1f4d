import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { readProfileFile } from "./files.js";
import { defaultPlugins } from "./install.js";

const plugins = await defaultPlugins();

/**
 * The fictional councils that ship beside the three nations' plugins (issue 17): each file is
 * what `npm run council -- install --profile plugins/<id>/example-council.yaml` reads, so each
 * must start with the installed plugins, put every service under its nation's procedure and
 * name the next body the plugin sends complainants to.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const example = (plugin: string) => path.join(root, "plugins", plugin, "example-council.yaml");

const NATIONS = [
  {
    plugin: "spso",
    jurisdiction: "scotland",
    council: "Glenbrae Council",
    nation: "scotland",
    regime: "spso-mchp-local-authority",
    body: "Scottish Public Services Ombudsman",
  },
  {
    plugin: "psow",
    jurisdiction: "wales",
    council: "Afonwy County Council",
    nation: "england-and-wales",
    regime: "psow-model-complaints-policy",
    body: "Public Services Ombudsman for Wales",
  },
  {
    plugin: "nipso",
    jurisdiction: "northern-ireland",
    council: "Lough Carran District Council",
    nation: "northern-ireland",
    regime: "nipso-mchp-local-government",
    body: "Northern Ireland Public Services Ombudsman",
  },
] as const;

describe.each(NATIONS)(
  "the example council of the $plugin plugin",
  ({ plugin, council, jurisdiction, nation, regime, body }) => {
    const { profile, book } = readProfileFile(example(plugin), plugins);

    it(`is ${council}, and starts with the installed plugins`, () => {
      expect(profile.name).toBe(council);
      expect(book.pluginIds()).toContain(plugin);
    });

    it(`puts every service's complaints under the ${plugin} procedure, on ${nation} working days`, () => {
      for (const serviceId of book.serviceIds()) {
        const rules = book.rulesFor(serviceId, "complaint");
        expect(rules.plugins, serviceId).toEqual([plugin]);
        expect(rules.regime.id, serviceId).toBe(regime);
        expect(rules.regime.nations, serviceId).toEqual([nation]);
      }
    });

    it(`declares ${jurisdiction}'s rules, and starts without a warning that an English value was inherited (decision 0107)`, () => {
      for (const serviceId of book.serviceIds())
        expect(book.rulesFor(serviceId, "complaint").regime.jurisdiction, serviceId).toBe(jurisdiction);
      // The values kept on purpose (acceptInherited: day 0 while day-1 counting is unconfirmed)
      // do not warn; anything else the plugin left unset would be named here.
      expect(book.warnings).toEqual([]);
    });

    it(`gives the ${body}'s contact details for the final letter`, () => {
      const id = book.rulesFor(book.serviceIds()[0]!, "complaint").regime.nextBody.id;
      expect(profile.ombudsmen[id]?.name).toBe(body);
    });
  },
);

describe("Welsh-language duties (Welsh Language (Wales) Measure 2011; docs/decisions/0517)", () => {
  it("the Welsh example council writes to residents in Welsh and English, which the psow plugin cannot set itself", () => {
    expect(readProfileFile(example("psow"), plugins).profile.correspondence.languages).toBe("bilingual");
  });
});
