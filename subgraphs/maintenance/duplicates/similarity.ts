/**
 * How alike two ticket texts are, 0..1, for telling whether two reports at one place are about
 * the same fault. Each text becomes a set of terms: Porter-stemmed words with stop words aside,
 * after campus synonyms are folded into one word ("beamer" → projector, "lift" → elevator,
 * "won't turn on" → dead). Terms are weighted by their inverse document frequency in the
 * campus tickets of the priority data set (natural's TfIdf), so "projector" or "hdmi" weigh far
 * more than "room" or "broken", and the score is the cosine of the two weighted sets. A pair at or
 * above DUPLICATE_THRESHOLD is taken for the same fault (chosen on pairs.jsonl: README.md).
 */
import { TfIdf } from 'natural/lib/natural/tfidf';
import { PorterStemmer } from 'natural/lib/natural/stemmers';
import { loadDataset } from '../priority/dataset';

const WORD = /[\p{L}\p{N}]+/gu;
const STOP_WORDS = new Set(
  (
    'a an the and or but of in on at to from by into onto over under near next is are was were be been being it its this that these ' +
    'there here for with my our your their his her i we you they me us them please can could would will just also very really so too ' +
    'some any all every one has have had do does did am as if when then than again still keeps keep kept since today now yesterday ' +
    'morning afternoon evening someone somebody anyone anything something thing things there s t get got getting seems seem'
  ).split(' '),
);

/** Phrases folded before splitting into words: ways of saying "it does not work" or naming one thing. */
const PHRASES: ReadonlyArray<readonly [RegExp, string]> = [
  [
    /\b(not|isn'?t|aren'?t|doesn'?t|does not|don'?t|do not|won'?t|will not|can'?t|cannot|stopped) (working|work|turn(ing)? on|start(ing)?|come on|coming on|boot(ing)?|switch(ing)? on|respond(ing)?)\b/g,
    ' dead ',
  ],
  [/\bout of (order|service)\b/g, ' dead '],
  [/\b(nothing happens|does nothing|gives nothing)\b/g, ' dead '],
  [/\b(no|not any) (sound|audio)\b/g, ' silent '],
  [/\bsound system\b/g, ' speaker '],
  [/\b(won'?t|doesn'?t|does not|will not|can'?t|cannot) (close|shut)\b|\bstays open\b/g, ' unclosable '],
  [/\b(won'?t|doesn'?t|does not|will not|can'?t|cannot) (open)\b|\bstays? (closed|shut)\b|\bnot opening\b|\bstuck shut\b/g, ' unopenable '],
  [/\b(won'?t|doesn'?t|does not|will not|can'?t|cannot) (lock)\b/g, ' unlockable '],
  [/\b(water all over|covered in water|under water)\b/g, ' flood '],
  [/\b(too|very) hot\b/g, ' hot '],
  [/\b(not|isn'?t|aren'?t) (cooling|cold)\b/g, ' warm '],
  [/\bno (power|electricity)\b/g, ' powerless '],
  [/\bpower (cut|outage|failure)\b/g, ' powerless '],
  [/\bair ?con(ditioning|ditioner)?\b|\ba\/c\b/g, ' aircon '],
  [/\bwi-?fi\b|\bwireless( network)?\b|\beduroam\b/g, ' wifi '],
  [/\bsmart ?board\b|\binteractive whiteboard\b/g, ' smartboard '],
  [/\bfume (hood|cupboard)\b/g, ' fumehood '],
  [/\bhand ?dryer\b/g, ' handdryer '],
  [/\b(fire|smoke) (alarm|detector)\b/g, ' smokealarm '],
  [/\bfire door\b/g, ' firedoor '],
  [/\bcard reader\b|\bbadge reader\b|\bcard access\b/g, ' cardreader '],
  [/\bpaper jam\b/g, ' jam '],
  [/\btoilet paper\b/g, ' toiletpaper '],
  [/\bpaper towels?\b/g, ' papertowel '],
  [/\bwater (cooler|dispenser)\b/g, ' watercooler '],
  [/\b(drinking )?(water )?fountain\b/g, ' fountain '],
  [/\bvending machine\b|\bsnack machine\b/g, ' vendingmachine '],
  [/\bcoffee (machine|maker)\b/g, ' coffeemachine '],
  [/\bexit sign\b|\bemergency exit light\b/g, ' exitsign '],
  [/\blight ?bulb\b/g, ' bulb '],
  [/\blecture (theatre|theater|hall)\b|\blt\d\b/g, ' lecturehall '],
];

/** Single words with one meaning on campus, folded before stemming. */
const SYNONYMS: Record<string, string> = {
  beamer: 'projector',
  dead: 'broken',
  faulty: 'broken',
  off: 'broken',
  out: 'broken',
  shut: 'close',
  wobbly: 'wobble',
  wobbles: 'wobble',
  rocks: 'wobble',
  speakers: 'speaker',
  smells: 'smell',
  stink: 'smell',
  odour: 'smell',
  sparked: 'spark',
  sparking: 'spark',
  sparks: 'spark',
  lift: 'elevator',
  lifts: 'elevator',
  elevators: 'elevator',
  wc: 'toilet',
  loo: 'toilet',
  restroom: 'toilet',
  restrooms: 'toilet',
  toilets: 'toilet',
  lavatory: 'toilet',
  faucet: 'tap',
  faucets: 'tap',
  outlet: 'socket',
  outlets: 'socket',
  plug: 'socket',
  mold: 'mould',
  moldy: 'mould',
  internet: 'wifi',
  pc: 'computer',
  pcs: 'computer',
  workstation: 'computer',
  hallway: 'corridor',
  stairwell: 'stair',
  staircase: 'stair',
  stairs: 'stair',
  bicycle: 'bike',
  trash: 'bin',
  rubbish: 'bin',
  garbage: 'bin',
  bins: 'bin',
  lamp: 'light',
  lamps: 'light',
  lights: 'light',
  lighting: 'light',
  clogged: 'blocked',
  clog: 'blocked',
  blocked: 'blocked',
  jammed: 'stuck',
  rodent: 'rat',
  mic: 'microphone',
  audio: 'sound',
  fridge: 'refrigerator',
  ripped: 'torn',
  rip: 'torn',
  drip: 'leak',
  drips: 'leak',
  dripping: 'leak',
  leaking: 'leak',
  leaks: 'leak',
  leaky: 'leak',
  cracked: 'crack',
  cracking: 'crack',
  smashed: 'broken',
  damaged: 'broken',
  bathroom: 'toilet',
  freezing: 'cold',
  boiling: 'hot',
  radiators: 'radiator',
  heater: 'radiator',
  heat: 'heating',
  lan: 'ethernet',
  wired: 'ethernet',
  vent: 'ventilation',
  vents: 'ventilation',
  puddle: 'flood',
  flooded: 'flood',
  floods: 'flood',
  overflowing: 'overflow',
  pigeon: 'bird',
  pigeons: 'bird',
  birds: 'bird',
  wasps: 'wasp',
  shards: 'glass',
  desk: 'table',
  desks: 'table',
  tables: 'table',
};

export const DUPLICATE_THRESHOLD = 0.6;

export function termsOf(text: string): Set<string> {
  let folded = ` ${text.toLowerCase().replace(/[’‘]/g, "'")} `;
  for (const [pattern, replacement] of PHRASES) folded = folded.replace(pattern, replacement);
  const words = folded.replace(/'/g, '').match(WORD) ?? [];
  return new Set(
    words
      .filter((word) => !STOP_WORDS.has(word))
      .map((word) => SYNONYMS[word] ?? word)
      .map((word) => PorterStemmer.stem(word)),
  );
}

let weights: ((term: string) => number) | undefined;

/** Builds the weights now (a few hundred milliseconds) rather than in the first ticket's transaction. */
export function prepareSimilarity(): void {
  weightOf('');
}

/** Inverse document frequency over the campus tickets, computed once per process. */
function weightOf(term: string): number {
  if (!weights) {
    const corpus = new TfIdf();
    const examples = loadDataset();
    for (const example of examples) corpus.addDocument([...termsOf(example.text)]);
    const known = new Map<string, number>();
    weights = (t) => {
      let w = known.get(t);
      if (w === undefined) {
        w = corpus.idf(t);
        known.set(t, w);
      }
      return w;
    };
  }
  return weights(term);
}

/** The cosine of two term sets weighted by IDF. */
export function weightedCosine(left: Set<string>, right: Set<string>): number {
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  let leftNorm = 0;
  let rightNorm = 0;
  for (const term of left) {
    const w = weightOf(term) ** 2;
    leftNorm += w;
    if (right.has(term)) shared += w;
  }
  for (const term of right) rightNorm += weightOf(term) ** 2;
  return shared / Math.sqrt(leftNorm * rightNorm);
}

/** A ticket's words as compared: its title (which names the fault) and its description. */
export interface TicketText {
  title: string;
  description: string;
}

/**
 * The mean of two cosines: of the titles, which name the fault in few words, and of the whole
 * texts, which add the details that tell two faults of one thing apart.
 */
export function ticketSimilarity(a: TicketText, b: TicketText): number {
  const titles = weightedCosine(termsOf(a.title), termsOf(b.title));
  const whole = weightedCosine(termsOf(`${a.title} ${a.description}`), termsOf(`${b.title} ${b.description}`));
  return (titles + whole) / 2;
}

/** A text written as "Title. Description" (the labelled pairs), split at its first sentence. */
export function asTicketText(text: string): TicketText {
  const cut = text.indexOf('. ');
  return cut < 0 ? { title: text, description: '' } : { title: text.slice(0, cut), description: text.slice(cut + 2) };
}

export function textSimilarity(a: string, b: string): number {
  return ticketSimilarity(asTicketText(a), asTicketText(b));
}
