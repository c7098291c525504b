/** The priority classifier measured honestly on its held-out split, and its safety rules. */
import { PRIORITIES } from '../sla';
import { PriorityClassifier } from './classifier';
import { FRESH_FILE, HELD_OUT_SHARE, loadDataset, splitDataset } from './dataset';
import { evaluate } from './evaluate';
import { dangerSignals } from './safety';

const examples = loadDataset();
const classifier = PriorityClassifier.fromDataset();

test('the data set has at least 400 tickets, balanced across the four priorities', () => {
  expect(examples.length).toBeGreaterThanOrEqual(400);
  const counts = PRIORITIES.map((p) => examples.filter((e) => e.priority === p).length);
  expect(Math.min(...counts)).toBeGreaterThanOrEqual(100);
  expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(10);
  expect(new Set(examples.map((e) => e.text)).size).toBe(examples.length);
});

test('at least 20% is held out, and training never sees it', () => {
  const { train, heldOut } = splitDataset(examples);
  expect(heldOut.length / examples.length).toBeGreaterThanOrEqual(HELD_OUT_SHARE);
  const trained = new Set(train.map((e) => e.text));
  expect(heldOut.some((e) => trained.has(e.text))).toBe(false);
  expect(train.length + heldOut.length).toBe(examples.length);
});

test('held-out accuracy is at least 85% and no CRITICAL ticket is ranked LOW or MEDIUM', () => {
  const result = evaluate(examples);
  expect(result.accuracy).toBeGreaterThanOrEqual(0.85);
  expect(result.criticalRankedLow.map((e) => e.text)).toEqual([]);
});

test('on the fresh test set, written apart from the data set and the rules, danger is never LOW or MEDIUM', () => {
  const result = evaluate(examples, loadDataset(FRESH_FILE));
  expect(result.heldOutSize).toBe(200);
  expect(result.criticalRankedLow.map((e) => e.text)).toEqual([]);
});

test('the same text always gets the same answer, also from a classifier trained anew', () => {
  const again = PriorityClassifier.fromDataset();
  for (const { text } of examples.slice(0, 50)) {
    expect(again.assess(text)).toEqual(classifier.assess(text));
    expect(classifier.assess(text)).toEqual(classifier.assess(text));
  }
});

test.each([
  'Sparks coming out of the socket behind my desk',
  'There are exposed live wires hanging from the ceiling in corridor B',
  'I can smell gas in the chemistry lab',
  'Smoke coming from the server room!!',
  'The basement is flooded, water everywhere',
  'Someone is stuck in the elevator between floors 3 and 4',
  'No power in the whole engineering building',
  'The ceiling is sagging and cracking above the reading room',
  'carbon monoxide alarm is going off in the dorm kitchen',
])('danger is CRITICAL: %s', (text) => {
  expect(classifier.assess(text).priority).toBe('CRITICAL');
});

test.each([
  ['The fire door squeaks when it opens', []],
  ['Please repaint the fire exit sign, it has faded', []],
  ['No smoke or sparks, but the socket in room 12 does not work', []],
  ['The smoke detector test is scheduled for Friday', []],
])('safety rules do not fire on harmless words: %s', (text, signals) => {
  expect(dangerSignals(text)).toEqual(signals);
});

test.each([
  ['a squeaky door', 'The door to room 204 squeaks a lot, could someone oil it?'],
  ['a broken projector', 'The projector in lecture hall 2 does not turn on'],
  ['a lift out of service', 'The lift in the library is out of service, nobody inside'],
])('everyday problems get everyday priorities: %s', (_name, text) => {
  expect(['LOW', 'MEDIUM', 'HIGH']).toContain(classifier.assess(text).priority);
});

test.each(['🔥🔥🔥', 'Der Beamer im Hörsaal funktioniert nicht', '教室的灯坏了', '!!!', '12345', 'x'.repeat(10_000)])(
  'any language, emoji or odd input is classified without error: %s',
  (text) => {
    const result = classifier.assess(text);
    expect(PRIORITIES).toContain(result.priority);
    expect(result.confidence).toBeGreaterThanOrEqual(0);
    expect(result.confidence).toBeLessThanOrEqual(1);
  },
);
