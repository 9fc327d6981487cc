/**
 * What reaches the browser, checked by `npm run lint:deps` after the layering rules: the main rules'
 * options, but a server action file ("use server") is not followed — a client component importing
 * one gets a reference to call, none of the action's imports.
 */
import fs from "node:fs";
import path from "node:path";
import base from "./.dependency-cruiser.cjs";

function sourceFiles(directory) {
  return fs.readdirSync(directory, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(directory, entry.name);
    if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(file);
    return /[.]tsx?$/.test(entry.name) ? [file.split(path.sep).join("/")] : [];
  });
}
const startsWith = (directive) => (file) => new RegExp(`^\\s*["']use ${directive}["']`).test(fs.readFileSync(file, "utf8"));
const files = ["app", "components", "lib"].flatMap(sourceFiles);
const pattern = (list) => list.map((file) => `^${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}$`);
// Found by reading the sources, so a new client component or action file is covered at once.
const clientComponents = pattern(files.filter(startsWith("client")));
const serverActions = pattern(files.filter(startsWith("server")));

const config = {
  forbidden: [
    {
      name: "client-no-zod",
      severity: "error",
      comment: "zod stays on the server: no client component imports it, directly or through any module (it shipped ~30 KB gzip to the Organization page).",
      from: { path: clientComponents },
      to: { path: "^node_modules/zod/", reachable: true },
    },
  ],
  options: {
    ...base.options,
    doNotFollow: { path: ["node_modules", ...serverActions] },
  },
};

export default config;
