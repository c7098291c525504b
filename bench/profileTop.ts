/**
 * The functions with the most self time in V8 CPU profiles (`node --cpu-prof`), as a Markdown
 * table: what the speed work should look at first.
 * Usage: `npx tsx bench/profileTop.ts <file.cpuprofile | folder of them> [count=10] [skipSeconds=0]`;
 * `skipSeconds` leaves out the first seconds of each profile (start-up, module loading).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

interface CpuProfile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** V8's pseudo-frames that are not functions of the program. */
const IDLE_FRAMES = new Set(['(idle)', '(program)', '(root)']);

function profileFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((name) => name.endsWith('.cpuprofile'))
    .map((name) => path.join(target, name));
}

/** "name (file:line)": a dependency's path from its package, the project's as `./path`. */
function frameLabel({ functionName, url, lineNumber }: ProfileNode['callFrame']): string {
  if (!url) return functionName || '(anonymous)';
  const file = url
    .replace(/^file:\/\//, '')
    .replace(/^.*node_modules\//, '')
    .replace(`${process.cwd()}/`, './');
  return `${functionName || '(anonymous)'} (${file}:${lineNumber + 1})`;
}

/** Self time in ms per function label, summed over the samples after `skipMs` of one profile. */
function selfTimes(profile: CpuProfile, skipMs: number, into: Map<string, number>): number {
  const labels = new Map(profile.nodes.map((node) => [node.id, frameLabel(node.callFrame)]));
  let busyMs = 0;
  let sinceStartMs = 0;
  profile.samples.forEach((nodeId, index) => {
    const label = labels.get(nodeId)!;
    const ms = (profile.timeDeltas[index] ?? 0) / 1000;
    sinceStartMs += ms;
    if (sinceStartMs < skipMs || IDLE_FRAMES.has(label)) return;
    busyMs += ms;
    into.set(label, (into.get(label) ?? 0) + ms);
  });
  return busyMs;
}

/** The package a function label belongs to: `node` (Node's own), a dependency, or the project. */
function packageOf(label: string): string {
  const file = /\(([^)]*):\d+\)$/.exec(label)?.[1];
  if (!file) return label.startsWith('(') ? label : 'node (native)';
  if (file.startsWith('node:')) return 'node';
  if (file.startsWith('wasm://')) return 'wasm';
  if (file.startsWith('./')) return 'project';
  return /^(@[^/]+\/[^/]+|[^/]+)\//.exec(file)?.[1] ?? 'other';
}

function printTable(title: string, rows: Array<[string, number]>, busyMs: number): void {
  console.log(`\n| ${title} | self ms | share of busy time |`);
  console.log('| --- | ---: | ---: |');
  for (const [label, ms] of rows) console.log(`| ${label} | ${ms.toFixed(0)} | ${((100 * ms) / busyMs).toFixed(1)}% |`);
}

function main() {
  const [target, countArg, skipArg] = process.argv.slice(2);
  if (!target) throw new Error('usage: tsx bench/profileTop.ts <file.cpuprofile | folder> [count] [skipSeconds]');
  const skipMs = Number(skipArg ?? 0) * 1000;
  const totals = new Map<string, number>();
  let busyMs = 0;
  for (const file of profileFiles(target)) busyMs += selfTimes(JSON.parse(readFileSync(file, 'utf8')) as CpuProfile, skipMs, totals);
  const count = Number(countArg ?? 10);
  const packages = new Map<string, number>();
  for (const [label, ms] of totals) packages.set(packageOf(label), (packages.get(packageOf(label)) ?? 0) + ms);
  const top = (map: Map<string, number>) => [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  console.log(`busy (not idle) CPU time: ${busyMs.toFixed(0)} ms`);
  printTable('function', top(totals), busyMs);
  printTable('package', top(packages), busyMs);
}

main();
