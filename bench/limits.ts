/**
 * `npm run bench:limits`: what the operation limits cost per request. Times the guard alone on
 * an ordinary operation (a cache hit, as for every repeated operation, and a first sight that
 * lexes, parses and measures it) and on hostile ones, which it refuses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse } from 'graphql';
import { costModelFromSdl } from '../gateway/cost';
import { OperationGuard } from '../gateway/limits';
import { loadConfig } from '../lib/config';
import { median } from './harness';

const ORDINARY = '{ me { id name bookings(limit: 20) { id date timeSlot room { id name capacity } } } notifications(limit: 10) { id title read } }';
const HOSTILE: Record<string, string> = {
  'fragment chain, 2^24 aliases': `{ me { ...F0 } }\n${Array.from({ length: 24 }, (_, i) => `fragment F${i} on User { a: id ...F${i + 1} ...F${i + 1} }`).join('\n')}\nfragment F24 on User { id }`,
  'cost bomb': '{ users(limit: 100) { bookings(limit: 100) { user { bookings(limit: 100) { id } } } } }',
};

function timePerCall(run: () => void, rounds = 7, calls = 20_000): number {
  const samples: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const started = process.hrtime.bigint();
    for (let i = 0; i < calls; i++) run();
    samples.push(Number(process.hrtime.bigint() - started) / calls / 1000);
  }
  return median(samples);
}

function main() {
  const config = loadConfig({ ...process.env, NODE_ENV: 'test' });
  const root = path.join(__dirname, '..', 'schema');
  const model = costModelFromSdl(
    parse(fs.readFileSync(path.join(root, 'supergraph.graphql'), 'utf8')),
    buildSchema(fs.readFileSync(path.join(root, 'api.graphql'), 'utf8')),
    50,
  );
  const guard = new OperationGuard(config.limits, () => model);
  const rows: Array<[string, number]> = [];
  guard.check({ query: ORDINARY });
  rows.push(['ordinary query, seen before (cache hit + cost estimate)', timePerCall(() => guard.check({ query: ORDINARY }))]);
  let n = 0;
  rows.push(['ordinary query, first sight (lex + parse + measure)', timePerCall(() => guard.check({ query: `${ORDINARY} # ${n++}` }), 5, 2000)]);
  for (const [name, query] of Object.entries(HOSTILE)) {
    rows.push([`${name}, first sight (refused)`, timePerCall(() => guard.check({ query: `${query} # ${n++}` }), 5, 500)]);
  }
  console.log('| what the guard judged | µs per request (median of rounds) |\n| --- | --- |');
  for (const [name, micros] of rows) console.log(`| ${name} | ${micros.toFixed(2)} |`);
}

main();
