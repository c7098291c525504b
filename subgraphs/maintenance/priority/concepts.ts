/**
 * Campus-maintenance concepts the classifier sees as extra tokens (`§lift_down`, `§cosmetic`…):
 * a few hundred examples cannot teach that "elevator out of order" and "lift not working" are
 * the same fault, so these phrases say it once. They only add evidence; the classifier weighs it.
 * Written as word lists in the notation of phrases.ts; they read the classifier's word stream
 * (features.ts: lower case, punctuation gone, "won't" and "doesn't" already turned to "not").
 */
import { compilePhraseSet, type PhraseSet, type WordLists } from './phrases';

const LISTS: WordLists = {
  // Said of equipment that does not do its job.
  broken: [
    'broken',
    'not working',
    "isn't working",
    "doesn't work",
    'not work',
    'out of order',
    'out of service',
    'failed',
    'failing',
    'faulty',
    'dead',
    'stopped',
    'down',
    'off',
    'cutting out',
    'keeps cutting',
    "won't",
    'not turning',
    'not coming on',
    'broken down',
  ],
  noNot: ['no', 'not'],
  climate: ['heat', 'heating', 'hot air', 'cooling', 'air con*', 'aircon*', 'ac'],
  climatePlant: ['heat', 'heating', 'radiator', 'radiators', 'boiler', 'air con*', 'aircon*', 'ac', 'cooling', 'ventilation', 'hvac'],
  climateAfter: ['heat', 'heating', 'boiler', 'air con*', 'aircon*', 'cooling'],
  lift: ['lift', 'lifts', 'elevator', 'elevators'],
  cannot: ["won't", 'will not', "doesn't", 'does not', "can't", 'cannot', 'not'],
  closes: ['lock', 'close', 'latch', 'shut'],
  access: ['lock', 'latch', 'card reader', 'access control', 'security gate', 'barrier'],
  accessBroken: ['broken', 'not working', 'failed', 'faulty', 'jammed'],
  network: ['internet', 'network', 'wi fi', 'wifi', 'ethernet', 'phone', 'phones'],
  networkDown: ['down', 'outage', 'no connection', 'not working', 'offline'],
  everywhere: ['whole', 'entire', 'all', 'building', 'campus', 'every'],
  wide: ['whole', 'entire', 'all'],
  detector: ['detector', 'detectors', 'alarm', 'alarms'],
  missing: ['missing', 'removed', 'taken'],
  our: ['my', 'our', 'the'],
  ownSpace: ['office', 'room', 'classroom', 'lab'],
  works: ['works', 'working', 'work', 'runs', 'running', 'locks', 'opens', 'closes', 'latches', 'moving', 'flushes'],
  fine: ['fine', 'ok', 'okay', 'properly', 'normally', 'as normal'],
};

const CONCEPTS: ReadonlyArray<readonly [string, PhraseSet]> = [
  // Heating, cooling, ventilation that does not work.
  [
    'climate_fail',
    {
      phrases: ['{noNot} {climate}', '{climatePlant} ... {broken}', '{broken} ... {climateAfter}', 'freezing', 'boiling hot', 'sweltering'],
    },
  ],
  ['lift_down', { phrases: ['{lift} ... {broken}', '{lift} ... stuck', '{broken} ... lift', '{broken} ... elevator', 'taken it? out of use'] }],
  // A door or access control that no longer keeps people out.
  ['insecure', { phrases: ['{cannot} {closes}', '{access} ... {accessBroken}'] }],
  [
    'leak',
    {
      phrases: ['leak', 'leaks', 'leaking', 'leaky', 'drip', 'drips', 'dripping', 'seeping', 'water stain spreading', 'damp patch'],
    },
  ],
  ['network_down', { phrases: ['{network} ... {networkDown} ... {everywhere}', '{wide} ... {network}'] }],
  // Kit that keeps people safe in an emergency.
  [
    'safety_kit',
    {
      phrases: [
        'emergency light',
        'emergency lights',
        'emergency lighting',
        'fire alarm panel',
        'smoke {detector} {missing}',
        'extinguisher',
        'handrail',
        'hand rail',
        'cctv',
        'stairwell is? dark',
        'stairwell is? pitch black',
        'pitch black',
      ],
    },
  ],
  [
    'equipment',
    {
      phrases: [
        'projector',
        'screen',
        'speaker',
        'speakers',
        'microphone',
        'mic',
        'smartboard',
        'whiteboard',
        'printer',
        'pc',
        'computer',
        'monitor',
        'clock',
        'fan',
        'hand dryer',
        'microwave',
        'vending machine',
        'kettle',
        'tv',
        'television',
        'hdmi',
        'socket',
        'plug',
      ],
    },
  ],
  [
    'furniture',
    {
      phrases: [
        'chair',
        'chairs',
        'table',
        'tables',
        'desk',
        'desks',
        'seat',
        'seats',
        'stool',
        'bench',
        'drawer',
        'cupboard',
        'shelf',
        'shelves',
        'locker',
        'wobbly',
        'wobbles',
      ],
    },
  ],
  // Plumbing that is slow or annoying, not a leak.
  [
    'minor_plumbing',
    {
      phrases: [
        'slow drain',
        'slow draining',
        'drain slowly',
        'drains slowly',
        'blocked sink',
        'blocked drain',
        'blocked toilet',
        'sink is? blocked',
        'drain is? blocked',
        'keeps running',
        'running toilet',
        "won't flush",
        "doesn't flush",
        'dripping tap',
        'tap is? dripping',
      ],
    },
  ],
  ['room_light', { phrases: ['flicker*', 'buzzing light', 'light tube', 'light bulb', 'bulb', 'one light', 'a light'] }],
  [
    'cosmetic',
    {
      phrases: [
        'paint',
        'painted',
        'repaint*',
        'stain',
        'stains',
        'stained',
        'scuff*',
        'graffiti',
        'dust',
        'dusty',
        'cobweb*',
        'faded',
        'peeling',
        'worn',
        'label',
        'sign',
        'poster',
        'notice board',
        'noticeboard',
        'carpet',
        'fingerprints',
        'crooked',
        'smudge*',
        'mark',
        'marks',
        'scratch*',
        'tidy',
        'clean',
      ],
    },
  ],
  // Asking for something new rather than reporting a fault.
  [
    'request',
    {
      phrases: [
        'can we',
        'could we',
        'could you',
        'can you',
        'is there any chance',
        'would it be possible',
        "we'd like",
        'we would like',
        "i'd like",
        'please add',
        'please provide',
        'please install',
        'please get',
        'request*',
        'extra',
        'more',
        'additional',
        'another',
        'new',
      ],
    },
  ],
  ['minor_noise', { phrases: ['squeak*', 'creak*', 'rattl*', 'noisy'] }],
  ['one_room', { phrases: ['in {our} {ownSpace}'] }],
  // The reporter says the thing still does its job: the fault is a nuisance, not a loss.
  [
    'still_works',
    {
      phrases: ['{works} {fine}', '{works} and {works} {fine}', 'still works', 'still working', 'otherwise fine', 'otherwise ok'],
      // "the other lift works fine" says nothing of the one that does not.
      unlessBefore: ['other', 'others', 'the rest', 'everything else', 'another', 'second', 'hot water', 'cold water'],
    },
  ],
  // The reporter says it matters little.
  [
    'minor',
    {
      phrases: [
        'just cosmetic',
        'cosmetic',
        'not a big deal',
        'no big deal',
        'not urgent',
        'no rush',
        'no hurry',
        'not a priority',
        'low priority',
        'when you get a chance',
        'when you have time',
        'just the noise',
        'just annoying',
        'bit annoying',
        'slightly annoying',
        'mildly annoying',
        'just a bit',
        'bit of a nuisance',
        'small thing',
      ],
    },
  ],
  // A detector or device that only asks for a new battery: it still works, and says so.
  [
    'battery_low',
    {
      phrases: [
        'battery is? low',
        "battery's low",
        'low battery',
        'battery warning',
        'batteries are? low',
        'needs a new battery',
        'needs new batteries',
        'chirp*',
      ],
    },
  ],
  // One item of several, the rest working.
  ['one_item', { phrases: ['one of the', 'one of our', 'a single', 'only one', 'others work', 'the rest work', 'others are fine'] }],
  [
    'building_wide',
    {
      phrases: [
        'whole',
        'entire',
        'all floors',
        'all the floors',
        'all rooms',
        'all the rooms',
        'all building',
        'all the building',
        'every floor',
        'every room',
        'buildingwide',
        'building wide',
        'across the building',
      ],
    },
  ],
];

const COMPILED = CONCEPTS.map(([name, set]) => ({ name, pattern: new RegExp(compilePhraseSet(set, LISTS).source) }));

export interface ConceptMatch {
  /** The concept's token, as the classifier sees it (`§lift_down`). */
  token: string;
  /** The words of the text that named it ("lift out of order"). */
  words: string;
}

/** The concepts a normalized text mentions, with the first words that named each. */
export function conceptMatches(normalized: string): ConceptMatch[] {
  return COMPILED.flatMap(({ name, pattern }) => {
    const match = pattern.exec(normalized);
    if (!match) return [];
    // "not leaking", "no smoke detector missing": a denied concept is evidence of its absence.
    const denial = DENIED.exec(normalized.slice(Math.max(0, match.index - 25), match.index));
    return denial ? [{ token: `§not_${name}`, words: `${denial[1]} ${match[0]}` }] : [{ token: `§${name}`, words: match[0] }];
  });
}

/** A denial just before a concept, at most one word between ("not really leaking"). */
const DENIED = /\b(no|not|never|without|nothing)\s+(?:[\w']+\s+)?$/;

/** The concept tokens a normalized text mentions. */
export function conceptsOf(normalized: string): string[] {
  return conceptMatches(normalized).map((match) => match.token);
}
