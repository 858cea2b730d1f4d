import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { measurePageWeights } from "./page-weight.js";

const dir = mkdtempSync(path.join(os.tmpdir(), "page-weight-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function asset(name: string, bytes: number): number {
  // Varied content, so that compression does not make every file the same size.
  const body = Array.from({ length: bytes }, (_, i) => String.fromCharCode(33 + ((i * 7919) % 90))).join("");
  writeFileSync(path.join(dir, "assets", name), body);
  return gzipSync(Buffer.from(body)).byteLength;
}

describe("portal page weight (issue 6: ≤ 150 KB of JavaScript per page, gzipped)", () => {
  it("counts the entry, the root, the page's parents and its own chunks once each, gzipped", () => {
    mkdirSync(path.join(dir, "assets"));
    const size = {
      entry: asset("entry.js", 4000),
      react: asset("components.js", 20000),
      root: asset("root.js", 3000),
      parent: asset("cases.js", 1000),
      page: asset("case.js", 2000),
      forms: asset("forms.js", 1500),
      other: asset("other.js", 500),
    };
    const manifest = {
      entry: { module: "/assets/entry.js", imports: ["/assets/components.js"] },
      routes: {
        root: { id: "root", module: "/assets/root.js", imports: ["/assets/components.js"] },
        "routes/cases": { id: "routes/cases", parentId: "root", module: "/assets/cases.js", imports: ["/assets/components.js"] },
        "routes/cases.$id": { id: "routes/cases.$id", parentId: "routes/cases", module: "/assets/case.js", imports: ["/assets/forms.js", "/assets/components.js"] },
        "routes/other": { id: "routes/other", parentId: "root", module: "/assets/other.js", imports: [] },
      },
    };
    const manifestText = `window.__remixManifest=${JSON.stringify(manifest)};`;
    writeFileSync(path.join(dir, "assets", "manifest-abc123.js"), manifestText);
    const manifestSize = gzipSync(Buffer.from(manifestText)).byteLength;

    const weights = measurePageWeights(dir);
    const shared = manifestSize + size.entry + size.react + size.root;
    expect(weights.sharedGzipBytes).toBe(shared);
    expect(weights.pages).toEqual([
      { route: "routes/cases.$id", gzipBytes: shared + size.parent + size.page + size.forms, files: 7 },
      { route: "routes/cases", gzipBytes: shared + size.parent, files: 5 },
      { route: "routes/other", gzipBytes: shared + size.other, files: 5 },
    ]);
  });

  it("says how to build the portal when there is no manifest", () => {
    expect(() => measurePageWeights(path.join(dir, "nowhere"))).toThrow(/build the portal first/);
  });
});
