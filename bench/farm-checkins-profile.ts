/**
 * `--cpu-prof` for farm-checkins.bench.ts: a V8 CPU profile of the server's (main) thread
 * during the check-in phase only, through node:inspector, so seeding and the bare-route
 * phase do not dilute it. Writes the .cpuprofile (open it in Chrome DevTools or
 * speedscope) and prints where the self time went, by area and by function.
 * The profiler costs some throughput: the numbers of a profiled run are not the bench's numbers.
 */
import { writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type Profile = { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

/** Which part of the stack a function belongs to, from its file. */
function areaOf(url: string, name: string): string {
  if (!url)
    return name === "(garbage collector)"
      ? "GC"
      : name === "(idle)"
        ? "idle"
        : name === "(program)"
          ? "V8/native (program)"
          : `native: ${name || "?"}`;
  const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (m) return m[1] as string;
  if (url.startsWith("node:")) return `node: ${url.slice(5).split("/")[0]}`;
  const own = /\/(src|contracts|bench)\/(.+)$/.exec(url);
  return own ? `app: ${own[1]}/${own[2]}` : url;
}

export async function startCpuProfile(): Promise<{ stop(file: string): Promise<string> }> {
  const session = new Session();
  session.connect();
  await session.post("Profiler.enable");
  await session.post("Profiler.setSamplingInterval", { interval: 200 });
  await session.post("Profiler.start");
  return {
    async stop(file) {
      const { profile } = (await session.post("Profiler.stop")) as unknown as { profile: Profile };
      session.disconnect();
      writeFileSync(file, JSON.stringify(profile));
      return summarizeProfile(profile);
    },
  };
}

/** Self time by area and by function, in % of the profiled wall time. */
export function summarizeProfile(profile: Profile): string {
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const nodeById = new Map(profile.nodes.map((n) => [n.id, n]));
  // Samples taken inside this file's own inspector calls (starting and stopping the profiler) are not the server's work.
  const ours = new Map<number, boolean>();
  const isOurs = (id: number): boolean => {
    let known = ours.get(id);
    if (known === undefined) {
      const up = parent.get(id);
      known = (nodeById.get(id)?.callFrame.url.endsWith("farm-checkins-profile.ts") ?? false) || (up !== undefined && isOurs(up));
      ours.set(id, known);
    }
    return known;
  };
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    if (!isOurs(id)) self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const total = [...self.values()].reduce((a, b) => a + b, 0) || 1;
  const byArea = new Map<string, number>();
  const byFunction = new Map<string, number>();
  for (const node of profile.nodes) {
    const us = self.get(node.id) ?? 0;
    if (us === 0) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    byArea.set(area, (byArea.get(area) ?? 0) + us);
    const fn = `${functionName || "(anonymous)"} ${url ? `${areaOf(url, "")}:${lineNumber + 1}` : ""}`.trim();
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + us);
  }
  // Inclusive time of the app's own functions: each sample counts once for every distinct app function on its stack.
  // After an `await` a stack starts afresh, so a function's inclusive time covers its synchronous parts only.
  const inclusive = new Map<string, number>();
  profile.samples.forEach((id, i) => {
    if (isOurs(id)) return;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodeById.get(at)?.callFrame;
      if (!frame || !/\/(src|contracts)\//.test(frame.url)) continue;
      const key = `${frame.functionName || "(anonymous)"} ${areaOf(frame.url, "")}:${frame.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const top = (map: Map<string, number>, n: number) =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`)
      .join("\n");
  return [
    `self time by area (% of the phase's wall time on the server thread):\n${top(byArea, 25)}`,
    `self time by function:\n${top(byFunction, 40)}`,
    `inclusive time of app functions (synchronous parts):\n${top(inclusive, 30)}`,
  ].join("\n\n");
}
