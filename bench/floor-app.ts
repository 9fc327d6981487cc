// The framework's floor for `bench:compare --floor`: an empty Next.js app built from this project's
// own node_modules (same Next, same React), with one dynamic page and one route handler, no
// middleware, no database, no i18n. What its page costs beside its route handler is a cost no
// page of ours can go under, whatever the page does.
import { spawn, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

const files: Record<string, string> = {
  "package.json": JSON.stringify({ name: "org-console-bench-floor", private: true }),
  "next.config.mjs": "export default {};\n",
  "tsconfig.json": JSON.stringify({
    compilerOptions: { target: "ES2022", lib: ["dom", "esnext"], strict: true, module: "esnext", moduleResolution: "bundler", jsx: "react-jsx", noEmit: true, skipLibCheck: true, isolatedModules: true },
    include: ["**/*.ts", "**/*.tsx"],
    exclude: ["node_modules"],
  }),
  "app/layout.tsx": `export default function Layout({ children }: { children: React.ReactNode }) {
  return <html lang="en"><body>{children}</body></html>;
}
`,
  // Rendered at each request, as every console page is.
  "app/page.tsx": `import { connection } from "next/server";
export default async function Page() {
  await connection();
  return <main><h1>Floor</h1><p>An empty page rendered at each request.</p></main>;
}
`,
  "app/api/health/route.ts": `export const dynamic = "force-dynamic";
export function GET() {
  return Response.json({ status: "ok" });
}
`,
};

export type FloorApp = { origin: string; stop: () => Promise<void> };

/**
 * Writes, builds and starts the empty app on `port` (a temporary folder; node_modules hard-linked
 * from this project, as Turbopack refuses a symlinked one). `stop` ends it and removes the folder.
 */
export async function startFloorApp(port: number): Promise<FloorApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "org-console-floor-"));
  const remove = () => fs.rmSync(dir, { recursive: true, force: true });
  try {
    for (const [name, text] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
      fs.writeFileSync(path.join(dir, name), text);
    }
    const linked = spawnSync("cp", ["-al", path.resolve("node_modules"), path.join(dir, "node_modules")], { stdio: "inherit" });
    if (linked.status !== 0) throw new Error("could not link node_modules into the floor app");
    const next = path.join(dir, "node_modules", "next", "dist", "bin", "next");
    const built = spawnSync(process.execPath, [next, "build"], { cwd: dir, env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" }, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`the floor app did not build:\n${built.stdout}\n${built.stderr}`);
  } catch (error) {
    remove();
    throw error;
  }
  const origin = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [path.join(dir, "node_modules", "next", "dist", "bin", "next"), "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: dir,
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1" },
    stdio: "ignore",
    detached: true,
  });
  const stop = async () => {
    try {
      process.kill(-child.pid!, "SIGTERM");
    } catch {}
    await new Promise((resolve) => setTimeout(resolve, 500));
    remove();
  };
  for (let waited = 0; ; waited += 200) {
    const up = await fetch(`${origin}/api/health`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (waited > 30_000) {
      await stop();
      throw new Error(`the floor app did not start on ${origin}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return { origin, stop };
}
