/**
 * The JavaScript each portal page makes the browser download, gzipped (issue 6: ≤ 150 KB per
 * page). Read from the built portal's own route manifest (`build/client/assets/manifest-*.js`,
 * which Remix writes for the browser): a page loads the client entry, the root route and its own
 * route module, each with the chunks it imports, plus the manifest itself. Chunks are counted
 * once per page, compressed as the server would send them.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

interface ManifestEntry {
  module: string;
  imports?: string[];
}

interface RemixManifest {
  entry: ManifestEntry;
  routes: Record<string, ManifestEntry & { id: string; parentId?: string; path?: string; index?: boolean }>;
}

export interface PageWeight {
  /** The route id ("routes/cases.$caseId._index"). */
  route: string;
  /** Gzipped bytes of every script the page loads. */
  gzipBytes: number;
  files: number;
}

export interface PageWeights {
  pages: PageWeight[];
  /** What every page loads whatever it is (entry, root, manifest): the framework's share. */
  sharedGzipBytes: number;
}

/** Reads `window.__remixManifest={...}` from the built client. */
export function readRemixManifest(clientDir: string): { manifest: RemixManifest; file: string } {
  const assets = path.join(clientDir, "assets");
  const name = existsSync(assets) ? readdirSync(assets).find((f) => /^manifest-[\w-]+\.js$/.test(f)) : undefined;
  if (!name) throw new Error(`no Remix manifest in ${assets}: build the portal first (pnpm --filter @complaints/portal build)`);
  const text = readFileSync(path.join(assets, name), "utf8");
  const json = text.slice(text.indexOf("=") + 1).replace(/;\s*$/, "");
  return { manifest: JSON.parse(json) as RemixManifest, file: `/assets/${name}` };
}

export function measurePageWeights(clientDir: string): PageWeights {
  const { manifest, file: manifestFile } = readRemixManifest(clientDir);
  const gzipped = new Map<string, number>();
  const sizeOf = (url: string) => {
    let size = gzipped.get(url);
    if (size === undefined) {
      size = gzipSync(readFileSync(path.join(clientDir, url))).byteLength;
      gzipped.set(url, size);
    }
    return size;
  };
  const scripts = (entry: ManifestEntry | undefined) => (entry ? [entry.module, ...(entry.imports ?? [])] : []);
  const shared = new Set([manifestFile, ...scripts(manifest.entry), ...scripts(manifest.routes.root)]);
  const total = (urls: Set<string>) => [...urls].reduce((sum, url) => sum + sizeOf(url), 0);
  const pages = Object.values(manifest.routes)
    .filter((route) => route.id !== "root")
    .map((route) => {
      const urls = new Set(shared);
      // A nested route also loads its parents' modules.
      for (let at: typeof route | undefined = route; at && at.id !== "root"; at = at.parentId ? manifest.routes[at.parentId] : undefined) {
        for (const url of scripts(at)) urls.add(url);
      }
      return { route: route.id, gzipBytes: total(urls), files: urls.size };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  return { pages, sharedGzipBytes: total(shared) };
}
