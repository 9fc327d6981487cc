import fs from "node:fs";
import path from "node:path";
import en from "@/messages/en.json";
import { layoutClientNamespaces } from "@/i18n/client-messages";

/**
 * Client components receive only the namespaces their page hands down (<ClientMessages>), so a
 * missing one would show a raw key in the browser. This reads the sources: for every page, layout
 * and boundary under app/[locale], the client components it renders (through any server module;
 * server actions are not followed) and the namespaces they translate with, against what the file's
 * own <ClientMessages namespaces={[...]}> carries (or, without one, the root layout's).
 */
const root = process.cwd();
const localeDirectory = path.join(root, "app", "[locale]");
const entryNames = new Set(["page.tsx", "layout.tsx", "error.tsx", "not-found.tsx", "forbidden.tsx", "unauthorized.tsx", "loading.tsx", "template.tsx"]);

function walk(directory: string): string[] {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    return entry.isDirectory() ? walk(file) : [file];
  });
}

function resolveImport(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith("@/")) base = path.join(root, specifier.slice(2));
  else if (specifier.startsWith(".")) base = path.resolve(path.dirname(from), specifier);
  else return null;
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile() && /\.tsx?$/.test(candidate)) return candidate;
  }
  return null;
}

const sources = new Map<string, string>();
const source = (file: string) => sources.get(file) ?? (sources.set(file, fs.readFileSync(file, "utf8")), sources.get(file)!);
const directive = (file: string, name: string) => new RegExp(`^\\s*["']use ${name}["']`).test(source(file));

function importsOf(file: string): string[] {
  const text = source(file).replace(/^\s*import\s+type\s[^;]*;/gm, "");
  const specifiers = [...text.matchAll(/(?:import|export)\s[^;]*?from\s+["']([^"']+)["']/g), ...text.matchAll(/import\(\s*["']([^"']+)["']\s*\)/g)].map((match) => match[1]!);
  return specifiers.flatMap((specifier) => resolveImport(file, specifier) ?? []);
}

/**
 * What a client module translates with: `NS.key` for each key of a translator (`const t =
 * useTranslations("NS")`) called only with literal keys, so a page may hand down just those keys;
 * the whole `NS` when a key is computed, or for `useSectionMessages` (it looks codes up).
 */
function namespacesOf(file: string): string[] {
  const text = source(file);
  const used = [...text.matchAll(/useSectionMessages\(\s*["']([^"']+)["']/g)].map((match) => match[1]!);
  for (const [, name, namespace] of text.matchAll(/const\s+(\w+)\s*=\s*useTranslations\(\s*["']([^"']+)["']\s*\)/g)) {
    // A literal key ("key"), or a computed one below a literal part (`part.${…}`: all of `part`).
    const calls = [...text.matchAll(new RegExp(`\\b${name}(?:\\.(?:rich|markup|has))?\\(\\s*(?:["']([^"'\`]+)["'](?=\\s*[,)])|\`([\\w.]+)\\.\\$\\{)?`, "g"))];
    // Passed on as a value (not called), the translator could be asked anything.
    const mentions = [...text.matchAll(new RegExp(`\\b${name}\\b`, "g"))].length - 1;
    const keys = calls.map((call) => call[1] ?? call[2]);
    const literal = calls.length > 0 && calls.length === mentions && keys.every((key) => key !== undefined);
    used.push(...(literal ? keys.map((key) => `${namespace}.${key}`) : [namespace!]));
  }
  return used;
}

/** `A.b.c` is carried by a provider of `A`, `A.b` or `A.b.c`. */
const carries = (available: Set<string>, used: string) => used.split(".").some((_, index, parts) => available.has(parts.slice(0, index + 1).join(".")));

function exists(namespace: string): boolean {
  let node: unknown = en;
  for (const part of namespace.split(".")) {
    if (typeof node !== "object" || node === null || !(part in node)) return false;
    node = (node as Record<string, unknown>)[part];
  }
  return true;
}

/** Every namespace the client components reachable from `entry` use, with the file that uses it. */
function clientNamespaces(entry: string): Map<string, string> {
  const found = new Map<string, string>();
  const seen = new Set<string>();
  const queue = [entry];
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    if (file !== entry && directive(file, "server")) continue;
    if (directive(file, "client")) for (const namespace of namespacesOf(file)) if (!found.has(namespace)) found.set(namespace, path.relative(root, file));
    queue.push(...importsOf(file));
  }
  return found;
}

function declaredNamespaces(entry: string): string[] | null {
  const match = /<ClientMessages\s+namespaces=\{\[([^\]]*)\]\}/.exec(source(entry));
  return match ? [...match[1]!.matchAll(/["']([^"']+)["']/g)].map((item) => item[1]!) : null;
}

const entries = walk(localeDirectory).filter((file) => entryNames.has(path.basename(file)));

describe("messages handed to client components", () => {
  it("finds the pages and the client components' namespaces (the check below reads something)", () => {
    expect(entries.length).toBeGreaterThan(30);
    const organization = entries.find((file) => file.endsWith(path.join("admin", "organization", "page.tsx")))!;
    const adminLayout = entries.find((file) => file.endsWith(path.join("admin", "layout.tsx")))!;
    expect([...clientNamespaces(adminLayout).keys()]).toContain("LocaleSwitcher.switchTo");
    // Its forms get their words from the page and their answers translated by the actions (i18n/form-messages.ts).
    expect([...clientNamespaces(organization).keys()]).not.toContain("Errors");
    expect(namespacesOf(path.join(root, "components", "forms", "use-form-errors.ts"))).toContain("Errors");
    expect(carries(new Set(["Sso.settings"]), "Sso.settings")).toBe(true);
    expect(carries(new Set(["Sso.settings"]), "Sso.metadata")).toBe(false);
    expect(carries(new Set(["Sso"]), "Sso.metadata")).toBe(true);
  });

  it("reads the parts a page hands only when it shows them (`...ifShown(shown, \"A\")`) as carried", () => {
    const authentication = entries.find((file) => file.endsWith(path.join("admin", "authentication", "page.tsx")))!;
    expect(declaredNamespaces(authentication)).toEqual(expect.arrayContaining(["TwoStepPolicy.legend", "Sso.connection.idpEntityId", "JoinRequests.empty"]));
  });

  it.each(entries.map((file) => [path.relative(root, file)]))("%s: every namespace its client components use is handed to them", (relative) => {
    const entry = path.join(root, relative);
    const declared = declaredNamespaces(entry);
    // Layouts and boundaries sit under the root layout's provider; a page may bring its own.
    if (declared && path.basename(entry) !== "page.tsx") throw new Error(`${relative}: only pages declare <ClientMessages> (a layout's would replace its pages' messages)`);
    const available = new Set<string>(declared ?? layoutClientNamespaces);
    const missing = [...clientNamespaces(entry)].filter(([namespace]) => !carries(available, namespace)).map(([namespace, file]) => `${namespace} (used in ${file})`);
    expect(missing).toEqual([]);
    expect([...available].filter((namespace) => !exists(namespace))).toEqual([]);
  });
});
