/**
 * What grew between two V8 heap snapshots (`npm run bench:soak` with BENCH_SOAK_SNAPSHOTS=1 writes
 * them): objects counted by constructor (node type and name), the top BENCH_HEAP_TOP (25) by growth
 * of retained-by-self bytes, with their counts before and after.
 *
 * Usage: npx tsx bench/heapDiff.ts before.heapsnapshot after.heapsnapshot
 */
import { readFileSync } from 'node:fs';

interface HeapSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

interface Tally {
  count: number;
  bytes: number;
}

/** Count and self size of every (type, constructor name) in the snapshot at `file`. */
function tallyByConstructor(file: string): Map<string, Tally> {
  const heap = JSON.parse(readFileSync(file, 'utf8')) as HeapSnapshot;
  const fields = heap.snapshot.meta.node_fields;
  const typeNames = heap.snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field));
  const tallies = new Map<string, Tally>();
  for (let node = 0; node < heap.nodes.length; node += fields.length) {
    const type = typeNames[heap.nodes[node + typeAt]];
    // Strings and code are named by their contents; count them by type alone.
    const name = type === 'object' || type === 'closure' || type === 'native' ? heap.strings[heap.nodes[node + nameAt]] : '';
    const key = `${type} ${name}`.trim();
    const tally = tallies.get(key) ?? { count: 0, bytes: 0 };
    tally.count++;
    tally.bytes += heap.nodes[node + sizeAt];
    tallies.set(key, tally);
  }
  return tallies;
}

function main(): void {
  const [beforeFile, afterFile] = process.argv.slice(2);
  if (!beforeFile || !afterFile) throw new Error('Usage: npx tsx bench/heapDiff.ts before.heapsnapshot after.heapsnapshot');
  const top = Number(process.env.BENCH_HEAP_TOP ?? 25);
  const before = tallyByConstructor(beforeFile);
  const after = tallyByConstructor(afterFile);
  const none: Tally = { count: 0, bytes: 0 };
  const rows = [...new Set([...before.keys(), ...after.keys()])].map((key) => {
    const was = before.get(key) ?? none;
    const is = after.get(key) ?? none;
    return { key, was, is, grew: is.bytes - was.bytes };
  });
  rows.sort((a, b) => b.grew - a.grew);
  const kb = (bytes: number) => (bytes / 1024).toFixed(0);
  const total = (tallies: Map<string, Tally>) => [...tallies.values()].reduce((sum, tally) => sum + tally.bytes, 0);
  console.log(`self size: ${kb(total(before))} KB before, ${kb(total(after))} KB after`);
  console.log('| constructor | count before | count after | KB before | KB after | KB grown |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
  for (const { key, was, is, grew } of rows.slice(0, top)) {
    console.log(`| ${key} | ${was.count} | ${is.count} | ${kb(was.bytes)} | ${kb(is.bytes)} | ${kb(grew)} |`);
  }
}

main();
