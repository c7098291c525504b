/**
 * Campus-maintenance concepts the classifier sees as extra tokens (`§lift_down`, `§cosmetic`…):
 * a few hundred examples cannot teach that "elevator out of order" and "lift not working" are
 * the same fault, so these phrases say it once. They only add evidence; the classifier weighs it.
 */
const BROKEN =
  "(broken|not working|isn't working|doesn't work|not work|out of order|out of service|failed|failing|faulty|dead|stopped|down|off|cutting out|keeps cutting|won't|not turning|not coming on|broken down)";

export const CONCEPTS: ReadonlyArray<readonly [string, RegExp]> = [
  // Heating, cooling, ventilation that does not work.
  [
    'climate_fail',
    new RegExp(
      `\\b((no|not) (heat|heating|hot air|cooling|air ?con\\w*|ac)|(heat|heating|radiators?|boiler|air ?con\\w*|ac|cooling|ventilation|hvac)\\b.{0,30}\\b${BROKEN}|${BROKEN}.{0,20}\\b(heat|heating|boiler|air ?con\\w*|cooling))\\b|\\b(freezing|boiling hot|sweltering)\\b`,
    ),
  ],
  [
    'lift_down',
    new RegExp(`\\b(lift|lifts|elevator|elevators)\\b.{0,40}\\b${BROKEN}|\\b${BROKEN}.{0,20}\\b(lift|elevator)\\b|taken (it )?out of use`),
  ],
  [
    'insecure',
    /\b(won't|will not|doesn't|does not|can't|cannot|not) (lock|close|latch|shut)\b|\b(lock|latch|card reader|access control|security gate|barrier)\b.{0,30}\b(broken|not working|failed|faulty|jammed)\b/,
  ],
  ['leak', /\b(leak|leaks|leaking|leaky|drip|drips|dripping|seeping|water stain spreading|damp patch)\b/],
  [
    'network_down',
    /\b(internet|network|wi ?fi|wifi|ethernet|phones?)\b.{0,40}\b(down|outage|no connection|not working|offline)\b.{0,40}\b(whole|entire|all|building|campus|every)\b|\b(whole|entire|all)\b.{0,30}\b(internet|network|wi ?fi|wifi)\b/,
  ],
  [
    'safety_kit',
    /\b(emergency (light|lights|lighting)|fire alarm panel|smoke (detector|alarm)s? (missing|removed|taken)|extinguisher|handrail|hand rail|cctv|stairwell (is )?(dark|pitch black)|pitch black)\b/,
  ],
  [
    'equipment',
    /\b(projector|screen|speakers?|microphone|mic|smartboard|whiteboard|printer|pc|computer|monitor|clock|fan|hand dryer|microwave|vending machine|kettle|tv|television|hdmi|socket|plug)\b/,
  ],
  ['furniture', /\b(chair|chairs|table|tables|desk|desks|seat|seats|stool|bench|drawer|cupboard|shelf|shelves|locker|wobbly|wobbles)\b/],
  [
    'minor_plumbing',
    /\b(slow (drain|draining)|drains? slowly|blocked (sink|drain|toilet)|(sink|drain) (is )?blocked|keeps running|running toilet|won't flush|doesn't flush|dripping tap|tap (is )?dripping)\b/,
  ],
  ['room_light', /\b(flicker\w*|buzzing light|light (tube|bulb)|bulb|one light|a light)\b/],
  [
    'cosmetic',
    /\b(paint|painted|repaint\w*|stain|stains|stained|scuff\w*|graffiti|dust|dusty|cobweb\w*|faded|peeling|worn|label|sign|poster|notice ?board|carpet|fingerprints|crooked|smudge\w*|marks?|scratch\w*|tidy|clean)\b/,
  ],
  [
    'request',
    /\b(can we|could we|could you|can you|is there any chance|would it be possible|we'd like|we would like|i'd like|please (add|provide|install|get)|request\w*|extra|more|additional|another|new)\b/,
  ],
  ['minor_noise', /\b(squeak\w*|creak\w*|rattl\w*|noisy|rattle)\b/],
  ['one_room', /\b(in (my|our|the) (office|room|classroom|lab))\b/],
  ['building_wide', /\b(whole|entire|all (the )?(floors|rooms|building)|every (floor|room)|building ?wide|across the building)\b/],
];

/** The concept tokens a normalized text mentions. */
export function conceptsOf(normalized: string): string[] {
  return CONCEPTS.filter(([, pattern]) => pattern.test(normalized)).map(([name]) => `§${name}`);
}
