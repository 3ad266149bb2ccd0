/**
 * Where the time went in a V8 .cpuprofile: self time by function and by area (our code, a
 * package, node internals, GC, idle), as JSON on stdout.
 *
 *   npx tsx bench/support/profile-summary.ts /tmp/prof/describe_instance_information.cpuprofile [top=25]
 */
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** An area of the process a frame belongs to: a package, our own folder, or node's internals. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (functionName === '(garbage collector)') return '(gc)';
  if (functionName === '(idle)' || functionName === '(program)' || functionName === '(root)') return functionName;
  if (url === '') return '(native)';
  if (url.startsWith('node:')) return url.split('/')[0]!.replace(/^node:internal.*/, 'node:internal');
  const packageMatch = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (packageMatch) return packageMatch[1]!;
  const ours = /\/(server|db|agent|app|e2e|bench)\/([^/]+)/.exec(url);
  return ours ? `${ours[1]}/${ours[2]}` : url;
}

/** Nodes under the profiler's own frames: stopping it and serialising the profile is not the server's work. */
function profilerNodes(profile: CpuProfile): Set<number> {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const excluded = new Set<number>();
  const exclude = (id: number) => {
    excluded.add(id);
    for (const child of byId.get(id)?.children ?? []) exclude(child);
  };
  for (const node of profile.nodes) if (node.callFrame.url.endsWith('cpu-profile-on-signal.mjs')) exclude(node.id);
  return excluded;
}

function summarise(profile: CpuProfile, top: number) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const excluded = profilerNodes(profile);
  const selfMicros = new Map<number, number>();
  let excludedMicros = 0;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    if (excluded.has(id)) excludedMicros += micros;
    else selfMicros.set(id, (selfMicros.get(id) ?? 0) + micros);
  });
  const total = profile.endTime - profile.startTime - excludedMicros;
  const byFunction = new Map<string, number>();
  const byArea = new Map<string, number>();
  for (const [id, micros] of selfMicros) {
    const frame = byId.get(id)!.callFrame;
    const file = frame.url.replace(/^.*\/(node_modules\/|work\/main\/)/, '');
    const key = `${frame.functionName || '(anonymous)'} ${file}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + micros);
    const area = areaOf(frame);
    byArea.set(area, (byArea.get(area) ?? 0) + micros);
  }
  const share = (entries: Map<string, number>, limit: number) =>
    [...entries]
      .sort(([, a], [, b]) => b - a)
      .slice(0, limit)
      .map(([name, micros]) => ({ name, ms: Math.round(micros / 1000), percent: Number(((micros / total) * 100).toFixed(1)) }));
  return { total_ms: Math.round(total / 1000), by_area: share(byArea, top), by_function: share(byFunction, top) };
}

const [file, topArg] = process.argv.slice(2);
if (!file) {
  console.error('usage: profile-summary.ts <file.cpuprofile> [top]');
  process.exit(2);
}
process.stdout.write(`${JSON.stringify(summarise(JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile, Number(topArg ?? 25)), null, 2)}\n`);
