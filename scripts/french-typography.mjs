// Fixes French spacing in messages/fr.json: a no-break space before « : ; ? ! » and inside « ».
// Run after editing the French catalogue: node scripts/french-typography.mjs
import fs from "node:fs";

const file = new URL("../messages/fr.json", import.meta.url);
const nbsp = "\u00a0";
const narrow = "\u202f";

function fix(text) {
  return text
    .replace(/ ([:;?!»])/g, (_, mark) => `${mark === ":" || mark === "»" ? nbsp : narrow}${mark}`)
    .replace(/« /g, `«${nbsp}`)
    .replace(/'/g, "’");
}

function walk(value) {
  if (typeof value === "string") return value.includes("{") ? fixIcu(value) : fix(value);
  if (Array.isArray(value)) return value.map(walk);
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, walk(inner)]));
}

// ICU uses ' as an escape character: only fix the spaces there, keep apostrophes typographic (’) by hand.
function fixIcu(text) {
  return text.replace(/ ([:;?!»])/g, (_, mark) => `${mark === ":" || mark === "»" ? nbsp : narrow}${mark}`).replace(/« /g, `«${nbsp}`);
}

const messages = JSON.parse(fs.readFileSync(file, "utf8"));
fs.writeFileSync(file, `${JSON.stringify(walk(messages), null, 2)}\n`);
