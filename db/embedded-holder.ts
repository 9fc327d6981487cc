import fs from "node:fs";
import path from "node:path";
import { embeddedDataDir, embeddedOwnerFile } from "./index";

/**
 * The process that holds the embedded folder `dataDir` (it writes its ID beside the folder when it
 * opens it), if that process still runs: command-line tools refuse to open the folder while it does.
 * A file left by a crash may name a number the system has since given to another program; where
 * `/proc` tells, only a Node.js process counts as the holder.
 */
function runsNode(pid: number): boolean {
  try {
    return /node/i.test(path.basename(fs.readlinkSync(`/proc/${pid}/exe`)));
  } catch {
    return true; // no /proc, or not ours to read: assume the worst, as before
  }
}

export function embeddedHolder(dataDir = embeddedDataDir()): number | null {
  try {
    const pid = Number(fs.readFileSync(embeddedOwnerFile(dataDir), "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return null;
    process.kill(pid, 0);
    return runsNode(pid) ? pid : null;
  } catch {
    return null;
  }
}
