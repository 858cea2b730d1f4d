/**
 * Installing a plugin is configuration (issue 17; docs/decisions/0405-plugins-installed-by-a-config-file.md):
 * the plugins a server runs are the ones its plugins file names, each an npm package or a
 * folder, loaded with `import()` once at start-up and then passed to everything that needs
 * them. Every problem is found before the server starts, each naming the plugin and the file:
 * a package or folder that is not there, a module that exports no service plugin, two plugins
 * with one id, a plugin whose declared core versions exclude this core (decision 0406).
 */
import { existsSync, readFileSync, realpathSync, statSync } from "node:fs";
import { createRequire, register } from "node:module";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import semver from "semver";
import { DomainError, type ServicePlugin } from "@complaints/core";

/** The plugins file that ships with the product: the nine bundled plugins (repository root). */
export const DEFAULT_PLUGINS_CONFIG = fileURLToPath(new URL("../../../complaints.plugins.json", import.meta.url));

/** The package every plugin runs on; its version is what plugins declare they support. */
const CORE = "@complaints/core";

/** A plugins file that cannot be used, with every problem found (each names the plugin). */
export class PluginConfigError extends DomainError {
  override readonly name = "PluginConfigError";
  constructor(
    /** The plugins file the problems are about. */
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super("INVALID_INPUT", `The plugins file ${file}: ${problems.length === 1 ? problems[0] : `${problems.length} problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`}`);
  }
}

/**
 * A plugin declares core as a peer: the product gives it the core it runs, the one copy whose
 * version start-up checked. A plugin in a folder outside the product (no node_modules of its
 * own, or one without core) finds `@complaints/core` through this resolve hook, which retries
 * a core import it could not resolve from the product's own folder (Node's module hooks; a
 * data: URL, so it works from the built code and from the sources under test alike).
 */
let peerHookRegistered = false;
function provideCoreToPlugins(): void {
  if (peerHookRegistered) return;
  peerHookRegistered = true;
  const hook = `const PEER = ${JSON.stringify(CORE)}, PRODUCT = ${JSON.stringify(import.meta.url)};
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    if (error?.code !== "ERR_MODULE_NOT_FOUND" || (specifier !== PEER && !specifier.startsWith(PEER + "/"))) throw error;
    return next(specifier, { ...context, parentURL: PRODUCT });
  }
}`;
  register(`data:text/javascript,${encodeURIComponent(hook)}`);
}

/** The version of core this product runs, which each plugin's declared range must include. */
export function coreVersion(): string {
  const pkg = JSON.parse(readFileSync(createRequire(import.meta.url).resolve(`${CORE}/package.json`), "utf8")) as { version: string };
  return pkg.version;
}

/** The plugin entries of a plugins file: `{ "plugins": ["@scope/package", "./folder", "/abs/folder"] }`. */
export function readPluginsConfig(file: string): string[] {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new PluginConfigError(file, [code === "ENOENT" ? "there is no such file (PLUGINS_CONFIG names it)" : `cannot be read (${code ?? (error as Error).message})`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new PluginConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
  const shape = 'it must be { "plugins": ["<npm package or folder>", …] }';
  if (typeof data !== "object" || data === null || Array.isArray(data)) throw new PluginConfigError(file, [shape]);
  const { plugins, $comment, ...rest } = data as Record<string, unknown>;
  const problems: string[] = [];
  if (Object.keys(rest).length) problems.push(`unknown setting${Object.keys(rest).length > 1 ? "s" : ""} ${Object.keys(rest).map((k) => `"${k}"`).join(", ")}: ${shape}`);
  if ($comment !== undefined && typeof $comment !== "string") problems.push('"$comment" must be text');
  if (!Array.isArray(plugins) || plugins.some((p) => typeof p !== "string" || !p.trim())) problems.push(`"plugins" must list package names or folders as text: ${shape}`);
  if (problems.length) throw new PluginConfigError(file, problems);
  return (plugins as string[]).map((p) => p.trim());
}

/** A folder entry is a path ("./x", "../x", "/x", "C:\x"); anything else is a package name. */
function isFolderEntry(entry: string): boolean {
  return entry.startsWith(".") || path.isAbsolute(entry);
}

/**
 * Where a package name is installed: node_modules of the plugins file's folder and its parents
 * (a council keeps its plugins beside its file: `npm install` there), then the product's own
 * (the bundled plugins are dependencies of this package).
 */
function packageFolder(name: string, configDir: string): string | null {
  const productDir = path.dirname(fileURLToPath(import.meta.url));
  for (const start of [configDir, productDir]) {
    for (let dir = start; ; dir = path.dirname(dir)) {
      const candidate = path.join(dir, "node_modules", name);
      if (existsSync(path.join(candidate, "package.json"))) return candidate;
      if (path.dirname(dir) === dir) break;
    }
  }
  return null;
}

interface PluginPackage {
  name?: unknown;
  version?: unknown;
  main?: unknown;
  exports?: unknown;
  peerDependencies?: Record<string, unknown>;
}

/** The file an ES module import of the package reaches: "exports" (import/default), else "main", else index.js. */
function entryFile(folder: string, pkg: PluginPackage): string | null {
  const pick = (target: unknown): string | null => {
    if (typeof target === "string") return target;
    if (Array.isArray(target)) return target.map(pick).find((t) => t !== null) ?? null;
    if (target && typeof target === "object") {
      const conditions = target as Record<string, unknown>;
      if ("." in conditions) return pick(conditions["."]);
      for (const condition of ["import", "node", "default"]) if (condition in conditions) return pick(conditions[condition]);
    }
    return null;
  };
  const relative = pkg.exports !== undefined ? pick(pkg.exports) : typeof pkg.main === "string" ? pkg.main : "index.js";
  return relative === null ? null : path.resolve(folder, relative);
}

/** The service plugin a module exports: its default export, or its one named export that is one. */
function pluginOf(module: Record<string, unknown>): ServicePlugin[] {
  const isPlugin = (value: unknown): value is ServicePlugin =>
    typeof value === "object" && value !== null && (value as { $$type?: unknown }).$$type === "@complaints/ServicePlugin";
  if (isPlugin(module["default"])) return [module["default"]];
  return [...new Set(Object.values(module).filter(isPlugin))];
}

interface Loaded {
  entry: string;
  plugin: ServicePlugin;
}

/** One entry of the plugins file, loaded and checked, or the problem with it. */
async function loadEntry(entry: string, configDir: string, core: string): Promise<Loaded | string> {
  const folder = isFolderEntry(entry) ? path.resolve(configDir, entry) : packageFolder(entry, configDir);
  const named = `"${entry}"`;
  if (folder === null) return `${named}: no such package is installed (looked in node_modules beside this file and in the product's); install it there with npm, or name its folder ("./…" or an absolute path)`;
  if (!existsSync(folder) || !statSync(folder).isDirectory()) return `${named}: there is no such folder (${folder})`;
  const pkgFile = path.join(folder, "package.json");
  if (!existsSync(pkgFile)) return `${named}: the folder ${folder} has no package.json, so it is not a plugin package`;
  let pkg: PluginPackage;
  try {
    pkg = JSON.parse(readFileSync(pkgFile, "utf8")) as PluginPackage;
  } catch (error) {
    return `${named}: its package.json is not valid JSON (${(error as Error).message})`;
  }
  const range = pkg.peerDependencies?.[CORE];
  if (typeof range !== "string" || semver.validRange(range) === null) {
    return `${named}: its package.json declares no compatible core: add "peerDependencies": { "${CORE}": "^${semver.major(core)}.${semver.minor(core)}.0" } naming the core versions it was tested with (docs/plugins.md, "Installing a plugin")`;
  }
  if (!semver.satisfies(core, range, { includePrerelease: true })) {
    return `${named}: it supports ${CORE} ${range}, and this product runs ${core}; install a version of the plugin made for this core, or ask its authors for one`;
  }
  const file = entryFile(folder, pkg);
  if (file === null || !existsSync(file)) return `${named}: its entry file ${file ?? "(none in \"exports\")"} is missing${existsSync(path.join(folder, "tsconfig.json")) ? " (is the plugin built?)" : ""}`;
  let module: Record<string, unknown>;
  try {
    module = (await import(pathToFileURL(realpathSync(file)).href)) as Record<string, unknown>;
  } catch (error) {
    return `${named}: loading ${file} failed: ${(error as Error).message}`;
  }
  const found = pluginOf(module);
  if (found.length === 0) return `${named}: ${file} exports no service plugin (make one with createServicePlugin from ${CORE} and export it)`;
  if (found.length > 1) return `${named}: ${file} exports ${found.length} service plugins (${found.map((p) => p.id).join(", ")}); a package is one plugin: export only one, or the one as default`;
  return { entry, plugin: found[0]! };
}

/**
 * The plugins a plugins file names, loaded in its order. Throws PluginConfigError naming the
 * file and every plugin at fault; loads nothing partly.
 */
export async function loadPlugins(file: string): Promise<readonly ServicePlugin[]> {
  const absolute = path.resolve(file);
  const entries = readPluginsConfig(absolute);
  const core = coreVersion();
  provideCoreToPlugins();
  const results = await Promise.all(entries.map((entry) => loadEntry(entry, path.dirname(absolute), core)));
  const problems = results.filter((r): r is string => typeof r === "string");
  const loaded = results.filter((r): r is Loaded => typeof r !== "string");
  const byId = new Map<string, string[]>();
  for (const { entry, plugin } of loaded) byId.set(plugin.id, [...(byId.get(plugin.id) ?? []), entry]);
  for (const [id, from] of byId) {
    if (from.length < 2) continue;
    if (new Set(from).size === 1) problems.push(`"${from[0]}" is named ${from.length} times: name each plugin once`);
    else problems.push(`${[...new Set(from)].map((e) => `"${e}"`).join(" and ")} are both the plugin "${id}": a server runs one plugin per id, so name only one of them`);
  }
  if (problems.length) throw new PluginConfigError(absolute, problems);
  return Object.freeze(loaded.map((l) => l.plugin));
}

let shipped: Promise<readonly ServicePlugin[]> | null = null;

/** The plugins of the file that ships with the product, loaded once (tests, the profile:explain command). */
export function defaultPlugins(): Promise<readonly ServicePlugin[]> {
  shipped ??= loadPlugins(DEFAULT_PLUGINS_CONFIG);
  return shipped;
}
