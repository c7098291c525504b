/**
 * Safety rules on top of the classifier: words that mean danger to people or the building now
 * raise a ticket to CRITICAL whatever the classifier thinks, so such a report is never ranked
 * LOW or MEDIUM. Each rule is a phrase, not a bare keyword, so "fire door squeaks" or
 * "repaint the fire exit sign" stay where the classifier puts them.
 */

interface DangerRule {
  name: string;
  pattern: RegExp;
}

const PEOPLE =
  "(people|ppl|someone|somebody|student|students|person|staff|child|children|kids?|visitor|colleague|\\d+ of us|(two|three|four|five|some|all) of us|we are|we're|i am|i'm|me)";
const BUILDINGISH =
  '(building|hall|dorm|dorms|block|residence|residences|tower|wing|flats|campus|library|centre|center|house|court|lodge|school|pavilion|chapel|annex|annexe)';
const WHOLE = '(all|whole|entire|everything|nothing works|in the dark|in darkness|pitch black|evacuat\\w*|\\d+ rooms)';
const ELECTRICS =
  '(electrics|light fittings?|ceiling light|sockets?|extension leads?|fuse ?board|distribution board|switch ?board|consumer unit|wiring)';

export const DANGER_RULES: readonly DangerRule[] = [
  {
    name: 'fire',
    pattern:
      /\b(on fire|fire (in|on|at|near|inside|from|coming|spreading|broke|started|has started)|flames?|burning|caught fire|blaze|melting|melted|scorch\w*|glowing red|burnt (plastic|rubber)|(smell|smells|reeks) of (hot|burnt|burning) (wiring|plastic|rubber|cables?))\b/,
  },
  { name: 'smoke', pattern: /\b(smoke|smoking|smouldering|smoldering|getting hazy)\b(?! (detector|alarm|area|sign))/ },
  {
    name: 'gas',
    pattern:
      /\b(gas\b[^.,;:!?]{0,40}\b(leak\w*|hiss\w*|smell\w*|escaping|odou?r|won't (shut|turn) off|can't (shut|turn) off)|(smell\w*|hiss\w*|leak\w*|reeks?) (of |like )?gas|rotten eggs?|eggy smell|carbon monoxide|co (alarm|detector)s? (going off|sounding|beeping)|chlorine (leak|gas|smell))\b/,
  },
  {
    name: 'electrical',
    pattern: new RegExp(
      `\\b(sparks?|sparking|arcing|fizzing|(exposed|bare|frayed)\\b[^.,;:!?]{0,25}\\b(wir(e|es|ing)|cables?|copper)|(live|bare) (wires?|copper|cables?)|electric(al)? shock|electrocut\\w*|(got|get|gives? you) a (shock|tingle)|shocked me|substation|exploded|explosion|blew up|high voltage|(socket|sockets|switch|plug|fuse ?board|wiring|board)\\b[^.,;:!?]{0,30}\\bcrackl\\w*|crackl\\w*\\b[^.,;:!?]{0,30}\\b(socket|switch|wiring|smell)|water\\b[^.,;:!?]{0,50}\\b${ELECTRICS})\\b`,
    ),
  },
  {
    name: 'flood',
    pattern:
      /\b(flood|floods|flooded|flooding|under (\d+ ?cm of )?water|(inch|inches|cm|centimetres) of water|filling (up )?with water|burst its banks|water (is )?(pouring|gushing|spraying|streaming|rising|bubbling up|everywhere|coming (in|into|through)|running (down|out))|(pipe|main|mains) (has )?burst|burst (pipe|main|water main)|overflowing\b[^.,;:!?]{0,60}\b(into|onto|across|down|spreading|pouring|running|under the door)|sewage|bulge of water)\b/,
  },
  {
    name: 'fumes',
    pattern:
      /\b((chemical|toxic|noxious) (fumes|spill|leak)|fumes\b[^.,;:!?]{0,40}\b(dizzy|sick|headaches?|faint\w*|breath\w*)|dizzy|fainted|unconscious|can't breathe|cannot breathe|bad headaches|coughing and|eyes are streaming)\b/,
  },
  {
    name: 'trapped',
    pattern: new RegExp(
      `\\b(trapped|(lift|elevator)\\b[^.,;:!?]{0,40}\\b(jammed|stuck|stopped|dropped)\\b[^.,;:!?]{0,40}\\b(with|inside)\\b|(locked|stuck|shut) (inside|in)\\b[^.,;:!?]{0,25}\\b(lift|elevator|freezer|room|toilet|cold store|stairwell)|(lift|elevator) (is )?stuck\\b[^.,;:!?]{0,30}\\b${PEOPLE}|${PEOPLE} (is |are )?(stuck|trapped|locked) (in|inside)|(foot|hand|arm|finger|leg)\\b[^.,;:!?]{0,10}\\b(caught|trapped|stuck) in|open (lift )?shaft)`,
    ),
  },
  {
    name: 'no supply',
    pattern: new RegExp(
      `\\b(blackout(?! blinds?)|total power cut|(no|lost|losing|without|cut off|off) (all )?(power|electricity|water|running water|water supply|drinking water)\\b[^.,;:!?]{0,60}\\b(${BUILDINGISH}|${WHOLE})|(${BUILDINGISH}|${WHOLE})\\b[^.,;:!?]{0,60}\\b(has |have )?(no|lost|without) (all )?(power|electricity|water|running water|water supply)|(power|electricity|water|water supply)( supply)? (is |has been |have been |are )?(down|out|off|cut|cut off|gone)\\b[^.,;:!?]{0,40}\\b(${BUILDINGISH}|${WHOLE})|(${BUILDINGISH})\\b[^.,;:!?]{0,20}\\b(power|electricity|water)( supply)? (is |has been )?(off|out|down|cut off|gone)|power (outage|cut|failure) (across|in|to) (the )?(whole|entire|all)|no water (in|at) (any|all|the whole|the entire))`,
    ),
  },
  {
    name: 'structural',
    pattern:
      /\b((?<!(shelf|shelves|bookcase|chair|table|desk|bed|umbrella|box|tent|stand)[^.,;:!?]{0,20})collaps\w*|(ceiling|roof|wall|floor|building|structure|balcony|staircase|stairs|bridge|scaffold\w*) (has |have |is )?(falling( down)?|coming down|caving in)|collaps\w* (of )?(the )?(ceiling|roof|wall|floor|building)|(building|structure) (seems to be |is )moving|cracking (and|more)|subsided|(ceiling|roof|wall|floor|balcony|mezzanine|beam|column|staircase|stairs|step|ramp|chimney|facade|window frame|glass)\b[^.,;:!?]{0,40}\b(fallen|fell|came down|caved|shattered|bent|tilting|bulging|bowing|sagging|sinking|dropping|snapped|hanging over|split open|cracked through|come away|broken away|pulling away|giving way|crumbling|subsiding|buckling|ripped|moving)|(chunks?|pieces?|sheets?|bits?) of (brick|concrete|plaster|masonry|metal|roof|stone)|bricks (have )?fallen|plaster (is )?falling|could (come down|fall on)|cracks?\b[^.,;:!?]{0,40}\b(getting wider|widening|growing|appeared|opened|has opened|right through)|(dangling|hanging) by (its|the) wires|falling (debris|masonry|bricks?))\b/,
  },
];

/** "no smoke", "without sparks", "no smoke or sparks" */
const NEGATED = /\b(no|not|never|without)\s+([\w-]+\s+(or|nor|and)\s+)?$/;

/** Lower case, one space between words, punctuation kept: rules look within one clause. */
function clauses(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/[’‘]/g, "'").replace(/\s+/g, ' ').trim();
}

/** The names of the danger rules the text matches (empty when none); "no smoke" is no match. */
export function dangerSignals(text: string): string[] {
  const normalized = clauses(text);
  return DANGER_RULES.filter((rule) => {
    const pattern = new RegExp(rule.pattern.source, 'g');
    for (let match = pattern.exec(normalized); match; match = pattern.exec(normalized)) {
      const before = normalized.slice(Math.max(0, match.index - 30), match.index);
      if (!NEGATED.test(before) || match[0].startsWith('no ')) return true;
    }
    return false;
  }).map((rule) => rule.name);
}
