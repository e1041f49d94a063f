// What a value says beyond its words: WHOSE problem it is and whether it is NEGATED. The two
// source documents show both decide the category — `Missbruk förälder` (the parent's misuse) and
// `Missbruk barnet` (the child's own) are different categories, and `Utredning inleds ej` is the
// opposite of `Utredning inleds` — while string similarity sees them as near-identical.
// These are general rules over Swedish word forms, applied alike to raw values, labels, synonyms
// and known values; they contain no raw values of any data set.

import { personStem, personWord, type PersonWord } from './persons';
import type { TermMatcher } from './terms';

/** Whose problem a value names: the child's own, or a parent's / caregiver's. */
export type Owner = 'child' | 'caregiver';

export interface ValueFeatures {
  /** `null`: the value does not say, or names both. */
  readonly owner: Owner | null;
  /** A possessive, `eget`, `ungdom`: said outright, not only `barn` in passing. */
  readonly ownerStated: boolean;
  /** The child is what is done to (`våld mot barnet`, `barn utsatt för …`), not the doer. */
  readonly childVictim: boolean;
  readonly negated: boolean;
  /** The words that say WHAT the problem or action is, for string similarity. */
  readonly matchText: string;
}

// SKR's Basinformation writes `egen`/`annan` where NUSO writes `barnets`/`omsorgspersonens`.
const OWN_WORD = /^(?:egen|eget|egna|själv)$/u;
const OTHER_WORD = /^(?:annan|annans|andra)$/u;
const DEN = /^(?:den|de)$/u;

const NEGATION_WORD = /^(?:ej|inte|icke|ingen|inget|inga|utan|aldrig)$/u;

// A person after one of these is the object, victim or party, not the one whose problem it is:
// `våld mot barnet`, `oro för ofött barn`, `konflikt mellan föräldrar och barn`.
const OBJECT_PREPOSITION = /^(?:mot|av|för|till|om|på|med|över|åt|mellan|från)$/u;
// …except after a participle: `misshandel utförd av ungdom` names the doer.
const AGENT_PARTICIPLE =
  /^(?:utförd|utfört|utförda|utövad|utövat|utövade|begången|begånget|begångna|orsakad|orsakat)$/u;
// `våld mot barnet`: the child is the victim.
const VICTIM_PREPOSITION = /^(?:mot)$/u;
// `barn utsatt för …`, `utsatt för våld i hemmet`, `våldsutsatt`: the child suffers it. The word
// says who is concerned, not what happened, so it is not content (`utsatt` is not `utsatthet`).
const VICTIM_VERB = /^(?:utsatt|utsatta|utsätts|utsatts|drabbad|drabbat|drabbade)$/u;
const VICTIM_HEAD = /^(\p{L}{3,}?)s?(?:utsatt|utsatta|drabbad|drabbat|drabbade)$/u;
const COORDINATION = /^(?:och|eller)$/u;

// Function words: their bigrams only add noise to similarity.
const STOPWORD =
  /^(?:och|i|av|för|mot|hos|med|till|om|på|den|det|de|som|eller|inkl|inklusive|samt|se|vid|en|ett|är|har|hade|från|under|efter|pga|p|g|a|ang|angående|gällande|avseende)$/u;
// Hedges: `oro för X`, `misstanke om X`, `misstänkt X` are about X. Dropped when other words remain.
const HEDGE =
  /^(?:oro|orosanmälan|misstanke|misstankar|misstänkt|misstänkta|misstänks|risk|eventuell|eventuellt|ev|befarad|befarat|möjlig|möjligt)$/u;
// Generic heads say that there is a problem, not which: `skolsvårigheter` is `skol-`,
// `hedersproblematik` is `heders-`. As whole words they are dropped when other words remain.
const GENERIC_WORD =
  /^(?:problem|problemet|problemen|problematik|problematiken|problematisk|problematiskt|problematiska|svårighet|svårigheter|svårigheterna|bekymmer|situation|situationen|frågor|frågeställning)$/u;
const GENERIC_HEAD =
  /^(\p{L}{3,}?)(?:problematiken|problematik|problemen|problem|svårigheterna|svårigheter|svårighet|bekymmer|situationen|situation)$/u;

/** Splits a normalised value into words; case is ignored here whatever the normalisation did. */
function wordsOf(normalised: string): string[] {
  return normalised
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');
}

/** What one word can say, worked out once per word: the vocabulary of raw values is small. */
interface WordClass {
  readonly objectPreposition: boolean;
  readonly victimPreposition: boolean;
  readonly agentParticiple: boolean;
  readonly negation: boolean;
  readonly victimVerb: boolean;
  readonly person: PersonWord | undefined;
  readonly own: boolean;
  readonly other: boolean;
  readonly coordination: boolean;
  readonly den: boolean;
  readonly stem: 'caregiver' | 'childStrong' | undefined;
  readonly victimHead: boolean;
  readonly stop: boolean;
  /** A hedge or a generic word: dropped when other words remain. */
  readonly vague: boolean;
  /** The word without a generic or victim head (`skolsvårigheter` → `skol`). */
  readonly specific: string;
}

const classes = new Map<string, WordClass>();

function classify(word: string): WordClass {
  let c = classes.get(word);
  if (c) return c;
  c = {
    objectPreposition: OBJECT_PREPOSITION.test(word),
    victimPreposition: VICTIM_PREPOSITION.test(word),
    agentParticiple: AGENT_PARTICIPLE.test(word),
    negation: NEGATION_WORD.test(word),
    victimVerb: VICTIM_VERB.test(word),
    person: personWord(word),
    own: OWN_WORD.test(word),
    other: OTHER_WORD.test(word),
    coordination: COORDINATION.test(word),
    den: DEN.test(word),
    stem: personStem(word),
    victimHead: VICTIM_HEAD.test(word),
    stop: STOPWORD.test(word),
    vague: HEDGE.test(word) || GENERIC_WORD.test(word),
    specific: GENERIC_HEAD.exec(word)?.[1] ?? VICTIM_HEAD.exec(word)?.[1] ?? word,
  };
  // Bounded: a hostile file of random words must not grow this without end.
  if (classes.size >= 200_000) classes.clear();
  classes.set(word, c);
  return c;
}

const NOT_A_WORD = classify('');

/**
 * The features of a normalised value (see normalise.ts). With `terms`, content words are matched
 * as their domain concept (terms.ts).
 */
export function analyseValue(normalised: string, terms?: TermMatcher): ValueFeatures {
  const words = wordsOf(normalised);
  const word = words.map(classify);
  let caregiver = false;
  let childStrong = false;
  let childWeak = false;
  let own = false;
  let victim = false;
  let negated = false;
  // Words that say who, or that it is negated: not content.
  const person: boolean[] = words.map(() => false);
  // The preposition that governs the current phrase, kept across `och`/`eller` and person words:
  // in `mellan föräldrar och barn` both are parties.
  let governor: WordClass | null = null;

  for (let i = 0; i < words.length; i++) {
    const w = word[i] as WordClass;
    const before = word[i - 1] ?? NOT_A_WORD;
    if (w.objectPreposition) {
      governor = before.agentParticiple ? null : w;
      continue;
    }
    if (w.negation || w.victimVerb) {
      negated ||= w.negation;
      victim ||= w.victimVerb;
      person[i] = true;
      continue;
    }
    const governed = governor !== null;
    if (w.person === 'caregiver') {
      person[i] = true;
      if (!governed) caregiver = true;
    } else if (w.person === 'home') {
      // Where, not what: `konflikt i familjen` is a conflict, placed in the home.
      person[i] = true;
      caregiver = true;
    } else if (
      w.person === 'childStrong' ||
      w.person === 'childWeak' ||
      (words[i] === 'unga' && before.den)
    ) {
      person[i] = true;
      if ((word[i + 1] ?? NOT_A_WORD).victimVerb) victim = true;
      else if (!governed) {
        if (w.person === 'childWeak') childWeak = true;
        else childStrong = true;
      } else if (governor?.victimPreposition) victim = true;
    } else if (w.own) {
      person[i] = true;
      own = true;
    } else if (w.other && i === words.length - 1 && i > 0 && !governed) {
      // `Missbruk annan`: a trailing `annan` is the other person; `annan kommun` is not.
      person[i] = true;
      caregiver = true;
    } else if (!w.coordination && !w.den) {
      governor = null;
      if (w.stem === 'caregiver') caregiver = true;
      else if (w.stem === 'childStrong') childStrong = true;
      if (w.victimHead) victim = true;
    }
  }

  // A caregiver named outright decides: `Barn Alkohol förälder` (a bare `barn` is only the context
  // of every value here), `F/O egen problematik` (with a caregiver named, `egen` is theirs).
  let owner: Owner | null = null;
  let ownerStated = false;
  if (caregiver && !childStrong) {
    owner = 'caregiver';
    ownerStated = true;
  } else if (!caregiver && (childStrong || own)) {
    owner = 'child';
    ownerStated = true;
  } else if (!caregiver && childWeak && !victim) {
    owner = 'child';
  }
  // Otherwise both are named outright (`förälder och ungdom`) or neither.

  return {
    owner,
    ownerStated,
    childVictim: victim,
    negated,
    matchText: contentOf(words, word, person, terms),
  };
}

/** The words that carry meaning: no persons, negations, function words, hedges or generic heads. */
function contentOf(
  words: readonly string[],
  word: readonly WordClass[],
  person: readonly boolean[],
  terms?: TermMatcher,
): string {
  const kept: number[] = [];
  for (let i = 0; i < words.length; i++)
    if (!person[i] && !(word[i] as WordClass).stop) kept.push(i);
  const specific: string[] = [];
  for (const i of kept) {
    const w = word[i] as WordClass;
    if (w.vague) continue;
    if (!terms) specific.push(w.specific);
    else {
      // A concept said twice (`alkohol narkotika`) is said once.
      for (const part of terms.conceptOf(w.specific))
        if (!specific.includes(part)) specific.push(part);
    }
  }
  if (specific.length > 0) return specific.join(' ');
  if (kept.length > 0) return kept.map((i) => words[i]).join(' ');
  return words.join(' ');
}

/**
 * Label and synonym variants for codebook text: `A/B` in a label means either word, so
 * `Psykisk ohälsa/funktionsnedsättning hos förälder/omsorgsperson` is also matched as
 * `Psykisk ohälsa hos förälder` and `Psykisk funktionsnedsättning hos omsorgsperson`.
 * The whole text is always the first variant.
 */
export function alternativeVariants(text: string, max = 8): string[] {
  const out = [text];
  const alternative = /([\p{L}\p{N}]+)\/([\p{L}\p{N}]+)/u;
  const queue = [text];
  while (queue.length > 0 && out.length < max) {
    const current = queue.shift() as string;
    const m = alternative.exec(current);
    if (!m) continue;
    for (const pick of [m[1], m[2]]) {
      const next = current.slice(0, m.index) + (pick ?? '') + current.slice(m.index + m[0].length);
      if (!out.includes(next) && out.length < max) {
        out.push(next);
        queue.push(next);
      }
    }
  }
  return out;
}
