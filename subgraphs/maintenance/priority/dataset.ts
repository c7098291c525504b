/**
 * The labelled campus tickets (tickets.jsonl) and their fixed split: per priority, the 20% of
 * examples whose text hashes lowest are held out; training never sees them.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PRIORITIES, type TicketPriority } from '../sla';

export interface Example {
  text: string;
  priority: TicketPriority;
}

export const DATASET_FILE = path.join(__dirname, 'tickets.jsonl');
/**
 * Fresh sets, each written by someone who saw neither the data set nor the rules. Once a set's
 * misses have been studied to change the rules or the model, it is no longer unseen text:
 * STUDIED_FRESH names those (tickets.fresh.jsonl when the safety rules were widened, fresh2 in the
 * second round, fresh3 in the third, fresh4 in the fourth, when dangers became rules by kind:
 * kinds.ts; fresh5 to fresh9 in the fifth, when the model became a regression learning from ten
 * writers: fresh6 to fresh9 were written for it, and fresh5 to fresh9 chose its settings, leave
 * one writer out). Every studied set is trained on: each writer teaches the model more of how
 * people write. A fresh set not yet studied is never trained on: it stays the honest measure of
 * text nobody tuned on.
 */
const fresh = (name: string) => path.join(__dirname, `tickets.${name}.jsonl`);
export const FRESH_FILE = fresh('fresh');
export const STUDIED_FRESH: readonly string[] = ['fresh', 'fresh2', 'fresh3', 'fresh4', 'fresh5', 'fresh6', 'fresh7', 'fresh8', 'fresh9'].map(fresh);
/** The studied sets the model learns from: all of them. */
export const TRAINED_FRESH: readonly string[] = STUDIED_FRESH;

/** Every fresh test set present (tickets.fresh.jsonl, tickets.fresh2.jsonl…), none trained on. */
export function freshFiles(): string[] {
  return fs
    .readdirSync(__dirname)
    .filter((name) => /^tickets\.fresh.*\.jsonl$/.test(name))
    .sort()
    .map((name) => path.join(__dirname, name));
}

/** The fresh sets nobody has studied yet: the honest measure of text nobody tuned on. */
export function unstudiedFreshFiles(): string[] {
  return freshFiles().filter((file) => !STUDIED_FRESH.includes(file));
}
export const HELD_OUT_SHARE = 0.2;

export function loadDataset(file = DATASET_FILE): Example[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, index) => {
      const example = JSON.parse(line) as Example;
      if (typeof example.text !== 'string' || !PRIORITIES.includes(example.priority)) throw new Error(`${file}:${index + 1}: not a labelled ticket`);
      return example;
    });
}

const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * What the shipped model learns from: the training split of tickets.jsonl and every trained
 * fresh set except `leftOut` (leave-one-set-out evaluation scores a set with a model that never
 * saw it). The held-out split of tickets.jsonl is never among them.
 */
export function trainingExamples(leftOut?: string): Example[] {
  const studied = TRAINED_FRESH.filter((file) => file !== leftOut).flatMap((file) => loadDataset(file));
  return [...splitDataset(loadDataset()).train, ...studied];
}

export function splitDataset(examples: Example[]): { train: Example[]; heldOut: Example[] } {
  const train: Example[] = [];
  const heldOut: Example[] = [];
  for (const priority of PRIORITIES) {
    const ofPriority = examples.filter((e) => e.priority === priority).sort((a, b) => (hashOf(a.text) < hashOf(b.text) ? -1 : 1));
    const cut = Math.ceil(ofPriority.length * HELD_OUT_SHARE);
    heldOut.push(...ofPriority.slice(0, cut));
    train.push(...ofPriority.slice(cut));
  }
  return { train, heldOut };
}
