/**
 * A plugin as a council writes it outside this repository (issue 17): a folder with a
 * package.json declaring the core versions it supports (a peer, docs/decisions/0406) and an
 * index.js importing @complaints/core, which the product provides (no node_modules of its own).
 * The loader's tests (src/install.test.ts) and the portal's end-to-end test install it.
 *
 * Its rules are a made-up council's, so they cite that council's made-up charter: one stage, then
 * its own made-up body (the Northmoor Housing Panel), whose letters say so (decision 0407).
 */
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * The fixture's rules: Stage 1 within 5 working days of receipt, acknowledged in 2, and no
 * Stage 2: the final response sends the resident to the Northmoor Housing Panel.
 */
export const NORTHMOOR_CHARTER = {
  acknowledge: "Northmoor repairs charter para 3: acknowledge within 2 working days of receipt",
  respond: "Northmoor repairs charter para 4: a Stage 1 response within 5 working days of receipt",
  oneStage: "Northmoor repairs charter para 5: the Stage 1 response is the council's final response",
  panel: "Northmoor repairs charter para 6: a resident unhappy with the final response may go to the Northmoor Housing Panel within 3 calendar months",
  letters: "Northmoor repairs charter para 7: what the acknowledgement and the final response say",
} as const;

/** The plugin's own next body (its id keys the profile's `ombudsmen` contact details). */
export const NORTHMOOR_PANEL = { id: "northmoor-housing-panel", name: "Northmoor Housing Panel" } as const;

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
      `import { createServicePlugin, nextBodyDetails, refusalLetters, requirement, sharedLetters } from "@complaints/core";

const CHARTER = ${JSON.stringify(NORTHMOOR_CHARTER, null, 2)};
const PANEL = ${JSON.stringify(NORTHMOOR_PANEL)};

// Core's blocks for the letters every procedure sends alike; its own acknowledgement and final response.
const letters = {
  procedure: "the Northmoor repairs charter",
  notSentBecause: CHARTER.letters,
  content: {
    ...sharedLetters(),
    ...refusalLetters(CHARTER.panel),
    acknowledgement: [
      requirement("complaint-summary", "our understanding of the complaint", CHARTER.letters),
      requirement("response-due-date", "when the resident will get our response", CHARTER.letters),
    ],
    "stage-1-response": [
      requirement("decision", "the decision: upheld, partly upheld or not upheld", CHARTER.letters, ["upheld"]),
      requirement("reasons", "the reasons for the decision", CHARTER.letters),
      nextBodyDetails(CHARTER.panel),
    ],
  },
};

export const northmoorRepairsPlugin = createServicePlugin({
  id: ${JSON.stringify(id)},
  name: "Northmoor repairs charter",
  version: "1.0.0",
  register(r) {
    r.claimService();
    r.setTimescale("stage-1", "acknowledge", { period: { workingDays: 2 }, from: "receipt", rule: CHARTER.acknowledge });
    r.setTimescale("stage-1", "respond", { period: { workingDays: 5 }, from: "receipt", rule: CHARTER.respond });
    r.skipStage("stage-2", CHARTER.oneStage);
    r.setNextBody({ ...PANEL, window: { period: { calendarMonths: 3 }, from: "response", rule: CHARTER.panel }, rule: CHARTER.panel });
    r.setLetters(letters, CHARTER.letters);
  },
});
`,
  );
  return dir;
}
