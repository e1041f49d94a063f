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
  /**
   * Someone other than the child is what is done to: a parent, a partner, a classmate
   * (`våld mot mamma`, `slår sina föräldrar`, `mamma utsatt för våld`, `partnervåld`). Whose
   * violence it is then decides between violence between the adults and the child's own.
   */
  readonly otherVictim: boolean;
  /** Among those hurt, a parent or caregiver: with no doer named, violence between the adults. */
  readonly caregiverVictim: boolean;
  /** The content is violence (after the domain vocabulary: `slår`, `hot` are `våld`). */
  readonly violent: boolean;
  readonly negated: boolean;
  /** The words that say WHAT the problem or action is, for string similarity. */
  readonly matchText: string;
}

// SKR's Basinformation writes `egen`/`annan` where NUSO writes `barnets`/`omsorgspersonens`.
const OWN_WORD = /^(?:egen|eget|egna|själv)$/u;
const OTHER_WORD = /^(?:annan|annans|andra)$/u;
const DEN = /^(?:den|de)$/u;

export const NEGATION_WORD = /^(?:ej|inte|icke|ingen|inget|inga|utan|aldrig)$/u;

// A person after one of these is the object, victim or party, not the one whose problem it is:
// `våld mot barnet`, `oro för ofött barn`, `konflikt mellan föräldrar och barn`.
// `enligt mamma`, `uppgift från skolan`: who says so, not whose problem it is.
const OBJECT_PREPOSITION = /^(?:mot|av|för|till|om|på|med|över|åt|mellan|från|enligt|enl|inför)$/u;
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
// Verbs of violence in the active voice: the person before is the doer, the one after the victim
// (`pappa slår mamma`, `slår sina föräldrar` with the child as the unsaid subject).
// Infinitives too (`ser pappa slå mamma`), as written with or without å.
const VIOLENCE_VERB =
  /^(?:slå|sla|slår|slar|slog|slagit|sparka|sparkar|sparkat|sparkade|misshandla|misshandlar|misshandlat|misshandlade|hota|hotar|hotat|hotade|knuffa|knuffar|knuffat|knuffade|attackera|attackerar|attackerat|attackerade|överfalla|överfaller|överföll|överfallit|nyper|nypa|nypt|nöp|örfilar|örfilat|örfilade|stryper|strypt|strypte|skakar|skakat|skakade|agar|agat|agade)$/u;
// Passive participles of violence: the person just before is the one hurt (`mamma misshandlad av
// sambon`, `barnet slaget`). Unlike `utsatt`, the word is the violence itself, so it stays content.
const VICTIM_PARTICIPLE =
  /^(?:misshandlad|slagen|slaget|slagna|hotad|sparkad|knuffad|agad|våldtagen|strypt)$/u;
// Verbs of telling: the person before is who says so, not whose problem it is (`barnet berättar
// att pappa slår henne`, `grannar hör bråk`). Seeing and hearing said of the child is witnessing.
const TELLING_VERB =
  /^(?:berättar|berättat|berättade|uppger|uppgett|uppgav|säger|sagt|beskriver|beskrivit|anmäler|anmält|anmälde|larmar|larmat|larmade|rapporterar|rapporterat)$/u;
const WITNESS_VERB = /^(?:ser|sett|såg|hör|hört|hörde)$/u;
// The teller's own pronoun after `att`: the claim is about the teller.
const SELF_PRONOUN = /^(?:hon|han|hen|de)$/u;
// After a verb of telling, to whom or where: `berättar för skolsköterskan`, `berättar i skolan`.
const TOLD_WHERE = /^(?:för|till|i|på)$/u;
// Auxiliaries and adverbs between a person and the verb (`barnet har sett`, `mamma har även berättat`).
const BETWEEN_SUBJECT_AND_VERB = /^(?:har|hade|även|också|själv|ofta)$/u;
// `barnet har …`, `pojken är …`: a weak child word followed by a finite verb is its subject.
const SUBJECT_VERB = /^(?:har|hade|är|var|mår|visar|uppvisar|uppvisat|saknar|behöver|med)$/u;
// `barnmisshandel`, `barnaga`: violence with the child as its first part is done to the child.
const CHILD_VICTIM_COMPOUND = /^barn(?:misshandel|mishandel|aga|våld)/u;
// Persons other than the child and its caregivers, as victims of violence: partners of the adults,
// and the people around the child (`våld mot personal`, `misshandlat klasskamrat`).
const OTHER_PERSON =
  /^(?:partner|partnern|partners|sambo|sambon|sambos|pojkvän|pojkvännen|flickvän|flickvännen|make|maken|maka|makan|fru|frun|man|mannen|personal|personalen|lärare|läraren|lärarna|pedagog|pedagogen|klasskamrat|klasskamraten|klasskamrater|kompis|kompisen|kompisar|kamrat|kamraten|kamrater|syskon|syskonet|syskonen|bror|brodern|brorsan|syster|systern|lillebror|storebror|lillasyster|storasyster|jämnårig|jämnåriga|granne|grannen|grannar|grannarna|morbror|farbror|moster|faster|mormor|farmor|morfar|farfar|kusin|kusinen)$/u;
// Object pronouns after a verb of violence: in a child's record, the child (`pappa slår henne`).
const CHILD_PRONOUN = /^(?:henne|honom|hen|dem)$/u;
// Reflexive possessives and pronouns: function words (`slår sina föräldrar`, `skadar sig själv`).
const PRONOUN = /^(?:sin|sina|sitt|sig|hon|han|hen|henne|honom)$/u;
// Violence between adults said in one word (`partnervåld`, `relationsvåld`).
const ADULT_VIOLENCE_WORD =
  /^(?:partnervåld|relationsvåld|parrelationsvåld|kvinnomisshandel|hustrumisshandel|kvinnofrid)\p{L}*$/u;
// Violence in the content, after the domain vocabulary (`slår`, `hot`, `misshandel` → `våld`).
const VIOLENT = /våld|misshand/u;
// `barnet förövare`: the person before is the doer.
const DOER_WORD = /^(?:förövare|förövaren|förövarens|gärningsperson|gärningspersonen)$/u;

// Legal references (`14 kap 1 § SoL`, `31 § LUL`, `11:1`): the paragraph a report was made
// under, not what it is about. (An expansion the user asks for, such as `11:1` → `utredning
// inleds`, has already replaced its paragraph by then.)
const LEGAL_WORD =
  /^(?:\d+|kap|kapitlet|sol|socialtjänstlagen|lvu|brb|brottsbalken|fb|föräldrabalken|osl)$/u;

// Function words: their bigrams only add noise to similarity.
const STOPWORD =
  /^(?:och|i|av|för|mot|hos|med|till|om|på|den|det|de|som|eller|inkl|inklusive|samt|se|vid|en|ett|är|har|hade|från|under|efter|pga|p|g|a|ang|angående|gällande|avseende|enligt|enl|mellan|över|åt|att|när|då|där|inför|ar|pa|for|over)$/u;
// Hedges and how often: `oro för X`, `misstänkt X`, `X flera gånger` are about X. Dropped when
// other words remain.
const HEDGE =
  /^(?:oro|orosanmälan|misstanke|misstankar|misstänkt|misstänkta|misstänks|risk|eventuell|eventuellt|ev|befarad|befarat|möjlig|möjligt|flera|gånger|gång|ofta|upprepad|upprepade|upprepat|mycket|mkt|väldigt|ständig|ständiga|ständigt|återkommande|alltid)$/u;
// Generic heads say that there is a problem, not which: `skolsvårigheter` is `skol-`,
// `hedersproblematik` is `heders-`. As whole words they are dropped when other words remain.
const GENERIC_WORD =
  /^(?:problem|problemet|problemen|problematik|problematiken|problematisk|problematiskt|problematiska|svårighet|svårigheter|svårigheterna|bekymmer|situation|situationen|frågor|frågeställning|beslut|beslutas|beslutat|beslutades|anmälan|anmälningen|anmälningar|underrättelse|underrättelsen)$/u;
const GENERIC_HEAD =
  /^(\p{L}{3,}?)(?:problematiken|problematik|problemen|problem|svårigheterna|svårigheter|svårighet|bekymmer|situationen|situation|behovet|behov|relaterad|relaterat|relaterade)$/u;

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
  readonly word: string;
  readonly pronoun: boolean;
  readonly article: boolean;
  readonly violenceVerb: boolean;
  readonly victimParticiple: boolean;
  readonly telling: boolean;
  readonly witness: boolean;
  readonly betweenSubjectAndVerb: boolean;
  readonly subjectVerb: boolean;
  readonly otherPerson: boolean;
  readonly childPronoun: boolean;
  readonly adultViolence: boolean;
  readonly doer: boolean;
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
    word,
    pronoun: PRONOUN.test(word),
    article: word === 'en' || word === 'ett',
    violenceVerb: VIOLENCE_VERB.test(word),
    victimParticiple: VICTIM_PARTICIPLE.test(word),
    telling: TELLING_VERB.test(word),
    witness: WITNESS_VERB.test(word),
    betweenSubjectAndVerb: BETWEEN_SUBJECT_AND_VERB.test(word),
    subjectVerb: SUBJECT_VERB.test(word),
    otherPerson: OTHER_PERSON.test(word),
    childPronoun: CHILD_PRONOUN.test(word),
    adultViolence: ADULT_VIOLENCE_WORD.test(word),
    doer: DOER_WORD.test(word),
    stem: personStem(word),
    victimHead: VICTIM_HEAD.test(word),
    stop:
      STOPWORD.test(word) ||
      LEGAL_WORD.test(word) ||
      PRONOUN.test(word) ||
      TELLING_VERB.test(word) ||
      WITNESS_VERB.test(word),
    vague: HEDGE.test(word) || GENERIC_WORD.test(word),
    specific: GENERIC_HEAD.exec(word)?.[1] ?? VICTIM_HEAD.exec(word)?.[1] ?? word,
  };
  // Bounded: a hostile file of random words must not grow this without end.
  if (classes.size >= 200_000) classes.clear();
  classes.set(word, c);
  return c;
}

const NOT_A_WORD = classify('');
// What a child's seeing or hearing becomes: the vocabulary's word for violence witnessed.
const WITNESSED = 'bevittnat';

/**
 * The features of a normalised value (see normalise.ts). With `terms`, content words are matched
 * as their domain concept (terms.ts).
 */
export function analyseValue(normalised: string, terms?: TermMatcher): ValueFeatures {
  const words =
    terms && terms.phrases.length > 0
      ? joinPhrases(wordsOf(normalised), terms)
      : wordsOf(normalised);
  const word = words.map(classify);
  // Who tells and who sees: the person just before a verb of telling says so (`barnet berättar att
  // …`, `grannar hör …`) and is not whose problem it is; a child who sees or hears has witnessed.
  const told: boolean[] = words.map(() => false);
  for (let i = 1; i < words.length; i++) {
    const w = word[i] as WordClass;
    if (!w.telling && !w.witness) continue;
    // `mamma uppger att hon dricker`: the teller speaks of herself, and stays whose problem it is.
    if (w.telling && words[i + 1] === 'att' && SELF_PRONOUN.test(words[i + 2] ?? '')) continue;
    // `ser (inte) till barnets behov`: seeing to something, not seeing it.
    const after = NEGATION_WORD.test(words[i + 1] ?? '') ? words[i + 2] : words[i + 1];
    if (w.witness && after === 'till') continue;
    let j = i - 1;
    while (j > 0 && (word[j] as WordClass).betweenSubjectAndVerb) j--;
    const subject = word[j] as WordClass;
    if (subject.person === undefined && !subject.otherPerson) continue;
    told[j] = true;
    if (w.telling && TOLD_WHERE.test(words[i + 1] ?? '') && i + 2 < words.length)
      told[i + 2] = true;
    if (
      w.witness &&
      (subject.person === 'childStrong' || subject.person === 'childWeak') &&
      speaksOfViolence(words, word, terms)
    ) {
      words[i] = WITNESSED;
      word[i] = classify(WITNESSED);
    }
  }
  let caregiver = false;
  // A caregiver hurt (`mamma misshandlad`), and a doer named after violence (`… av sin son`).
  let caregiverHurt = false;
  let passiveAgent = false;
  // A weak child word that is the subject of a verb (`barnet har autism`): the child's, even when a
  // caregiver is named too (`… och föräldrarna behöver avlastning`).
  let childSubject = false;
  let childStrong = false;
  let childWeak = false;
  let own = false;
  let victim = false;
  let otherVictim = false;
  // …and among them a caregiver (`våld mot mamma`, `mellan föräldrarna`, `partnervåld`).
  let caregiverVictim = false;
  // A verb of violence with no person before it: the child is its unsaid subject.
  let childDoer = false;
  // A verb of violence or a word of violence between the adults was read.
  let violenceSeen = false;
  let negated = false;
  // Words that say who, or that it is negated: not content.
  const person: boolean[] = words.map(() => false);
  // The preposition that governs the current phrase, kept across `och`/`eller` and person words:
  // in `mellan föräldrar och barn` both are parties.
  let governor: WordClass | null = null;

  for (let i = 0; i < words.length; i++) {
    const w = word[i] as WordClass;
    const before = word[i - 1] ?? NOT_A_WORD;
    const next = word[i + 1] ?? NOT_A_WORD;
    if (told[i]) {
      person[i] = true;
      continue;
    }
    if (w.victimParticiple) violenceSeen = true;
    // `våld mot barnet – förälder`: a caregiver right after the child hurt names who did it.
    if (
      governor?.victimPreposition &&
      w.person === 'caregiver' &&
      (before.person === 'childStrong' || before.person === 'childWeak')
    ) {
      governor = null;
    }
    if (w.objectPreposition) {
      // `agad av pappa`, `slagen av sambon`: after violence in the passive, `av` names the doer.
      // After violence done to someone named, `av` names who did it too (`mamma utsatt för våld
      // av sin son`).
      const agent =
        w.word === 'av' &&
        (before.violenceVerb ||
          before.victimParticiple ||
          ((victim || otherVictim) && isViolence(before.word, terms)));
      passiveAgent ||= agent;
      governor = before.agentParticiple || agent ? null : w;
      continue;
    }
    if (w.negation || w.victimVerb) {
      negated ||= w.negation;
      // `mamma utsatt för våld`: the mother is hurt, not the child.
      victim ||= w.victimVerb && before.person !== 'caregiver' && !before.otherPerson;
      person[i] = true;
      continue;
    }
    if (w.violenceVerb) {
      // The verb stays content (it is the violence); the persons after it are its victims, the
      // child named before it (`barnet har slagit mamma`) or no one (the child unsaid) its doer.
      violenceSeen = true;
      if (next.word === 'av') {
        // The passive (`barnet agat av pappa`): the child named before is the one hurt.
        if (childWeak || childStrong) victim = true;
      } else if (!caregiver && !childStrong && !childWeak && !own) childDoer = true;
      else if (!caregiver && childWeak) childStrong = true;
      governor = w;
      continue;
    }
    const governed = governor !== null;
    // Violence done to someone: after `mot` or a verb of violence.
    const victimSide = governor !== null && (governor.victimPreposition || governor.violenceVerb);
    if (w.doer) {
      // `barnet förövare`: the person just named did it.
      person[i] = true;
      const doer = before.person;
      if (doer === 'childStrong' || doer === 'childWeak') childStrong = true;
      continue;
    }
    if (w.adultViolence) {
      // `partnervåld` may be matched as a concept without `våld` in its name: violent all the same.
      otherVictim = true;
      caregiverVictim = true;
      violenceSeen = true;
    }
    if (w.person === 'caregiver') {
      person[i] = true;
      if (next.victimVerb || next.victimParticiple) {
        // `mamma misshandlad`: hurt, not (yet) whose problem it is; that is the doer's if one is
        // named (`av sin son`), else the adults' (below).
        otherVictim = caregiverVictim = caregiverHurt = true;
      } else if (!governed) caregiver = true;
      else if (victimSide || governor?.word === 'mellan') otherVictim = caregiverVictim = true;
    } else if (w.otherPerson) {
      // A partner, a classmate, staff: only ever the victim or the doer beside the family.
      person[i] = true;
      if (victimSide || next.victimVerb || next.victimParticiple) otherVictim = true;
    } else if (w.childPronoun && governor?.violenceVerb) {
      person[i] = true;
      victim = true;
    } else if (w.other && victimSide) {
      // `hot och våld mot andra`
      person[i] = true;
      otherVictim = true;
    } else if (w.pronoun || w.article) {
      // `slår sina föräldrar`, `misshandlat en kamrat`: the phrase goes on.
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
      if (next.victimVerb || next.victimParticiple) victim = true;
      else if (!governed) {
        if (w.person === 'childWeak' && !passiveAgent) {
          childWeak = true;
          // Only when the child comes first: `när barnen var hemma` after `pappa slår` is not it.
          childSubject ||= next.subjectVerb && !caregiver;
        } else childStrong = true;
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
      if (w.victimHead || CHILD_VICTIM_COMPOUND.test(w.word)) victim = true;
    }
  }

  // A caregiver named outright decides: `Barn Alkohol förälder` (a bare `barn` is only the context
  // of every value here), `F/O egen problematik` (with a caregiver named, `egen` is theirs).
  let owner: Owner | null = null;
  let ownerStated = false;
  if (caregiver && !childStrong && !childSubject) {
    owner = 'caregiver';
    ownerStated = true;
  } else if (!caregiver && (childStrong || own)) {
    owner = 'child';
    ownerStated = true;
  } else if (!caregiver && (childWeak || childDoer) && !victim) {
    owner = 'child';
  } else if (!caregiver && otherVictim && !caregiverVictim && !victim) {
    // Violence against staff or a classmate with no doer named: in the child's record, the child's.
    owner = 'child';
  } else if (caregiverHurt && !caregiver && !childStrong && !own) {
    // A parent hurt and no doer named: the adults' (`mamma utsatt för våld`).
    owner = 'caregiver';
    ownerStated = true;
  }
  // Otherwise both are named outright (`förälder och ungdom`) or neither.

  const matchText = contentOf(words, word, person, terms);
  const violent = violenceSeen || VIOLENT.test(matchText);
  return {
    owner,
    ownerStated,
    childVictim: victim,
    // Said of violence only: `konflikt mellan föräldrarna` hurts no one in particular.
    otherVictim: otherVictim && violent,
    caregiverVictim: caregiverVictim && violent,
    violent,
    negated,
    matchText,
  };
}

function isViolence(word: string, terms: TermMatcher | undefined): boolean {
  return VIOLENT.test(word) || (terms?.conceptOf(word).includes('våld') ?? false);
}

/** Whether any word is violence (`barnet har sett pappa slå`, not `barnet ser pappa dricka`). */
function speaksOfViolence(
  words: readonly string[],
  word: readonly WordClass[],
  terms: TermMatcher | undefined,
): boolean {
  return words.some(
    (w, i) =>
      (word[i] as WordClass).violenceVerb ||
      (word[i] as WordClass).victimParticiple ||
      isViolence(w, terms),
  );
}

/**
 * Phrases of the vocabulary (`skär sig`, `vill inte leva`) become one word, their concept, before
 * anything else is read: their words mean the concept together, not one by one (the `inte` of
 * `vill inte leva` negates nothing the codebook says).
 */
function joinPhrases(words: string[], terms: TermMatcher): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length;) {
    const phrase = terms.phraseAt(words, i);
    if (phrase) {
      // Word by word: a concept that negates (`ingen utredning`) is read as a negation.
      for (const w of phrase.concept.split(' ')) out.push(w);
      i += phrase.length;
    } else out.push(words[i++] as string);
  }
  return out;
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
      // The whole word first (`relationsproblem` may be a member as it stands), then without its
      // generic head. A concept said twice (`alkohol narkotika`) is said once.
      const whole = w.specific === w.word ? undefined : terms.conceptOf(w.word);
      const parts =
        whole !== undefined && !(whole.length === 1 && whole[0] === w.word)
          ? whole
          : terms.conceptOf(w.specific);
      for (const part of parts) if (!specific.includes(part)) specific.push(part);
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
