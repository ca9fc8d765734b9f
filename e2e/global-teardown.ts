import { readdirSync, rmSync } from "node:fs";
import { join } from "node:path";

/** Removes the throwaway e2e databases and uploaded files (the server keeps no state worth inspecting). */
export default function globalTeardown() {
  const tmpDir = join(import.meta.dirname, "..", ".tmp");
  for (const name of readdirSync(tmpDir)) {
    if (/^e2e-\d+-\d+(\.sqlite(-wal|-shm|-journal)?|-files)$/.test(name))
      rmSync(join(tmpDir, name), { recursive: true, force: true });
  }
}
