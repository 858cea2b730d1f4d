/**
 * A plugin as a council writes it outside this repository (issue 17): a folder with a
 * package.json declaring the core versions it supports (a peer, docs/decisions/0406) and an
 * index.js importing @complaints/core, which the product provides (no node_modules of its own).
 * The loader's tests (src/install.test.ts) and the portal's end-to-end test install it.
 *
 * Its rules are a made-up council's, so they cite that council's made-up charter.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/** The fixture's rules: Stage 1 within 5 working days of receipt, acknowledged in 2. */
export const NORTHMOOR_CHARTER = {
  acknowledge: "Northmoor repairs charter para 3: acknowledge within 2 working days of receipt",
  respond: "Northmoor repairs charter para 4: a Stage 1 response within 5 working days of receipt",
} as const;

export interface OutsidePluginOptions {
  /** The plugin's id (kebab case). */
  id?: string;
  /** package.json "name". */
  name?: string;
  /** The peer range of @complaints/core; null: none declared. */
  coreRange?: string | null;
  /** index.js instead of the plugin (a module that is not a plugin…). */
  source?: string;
}

/** Writes the plugin folder `dir` and returns it. */
export function writeOutsidePlugin(dir: string, options: OutsidePluginOptions = {}): string {
  const id = options.id ?? "northmoor-repairs";
  mkdirSync(dir, { recursive: true });
  const pkg = {
    name: options.name ?? `@northmoor/complaints-plugin-${id}`,
    version: "1.0.0",
    type: "module",
    exports: { ".": "./index.js" },
    complaints: { role: "service-plugin" },
    ...(options.coreRange === null ? {} : { peerDependencies: { "@complaints/core": options.coreRange ?? "^0.1.0" } }),
  };
  writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(pkg, null, 2)}\n`);
  writeFileSync(
    path.join(dir, "index.js"),
    options.source ??
      `import { createServicePlugin } from "@complaints/core";

const CHARTER = ${JSON.stringify(NORTHMOOR_CHARTER, null, 2)};

export const northmoorRepairsPlugin = createServicePlugin({
  id: ${JSON.stringify(id)},
  name: "Northmoor repairs charter",
  version: "1.0.0",
  register(r) {
    r.claimService();
    r.setTimescale("stage-1", "acknowledge", { period: { workingDays: 2 }, from: "receipt", rule: CHARTER.acknowledge });
    r.setTimescale("stage-1", "respond", { period: { workingDays: 5 }, from: "receipt", rule: CHARTER.respond });
  },
});
`,
  );
  return dir;
}
