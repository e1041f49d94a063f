// What a value says beyond its words: WHOSE problem it is and whether it is NEGATED. The two
// source documents show both decide the category — `Missbruk förälder` (the parent's misuse) and
// `Missbruk barnet` (the child's own) are different categories, and `Utredning inleds ej` is the
// opposite of `Utredning inleds` — while string similarity sees them as near-identical.
// These are general rules over Swedish word forms, applied alike to raw values, labels, synonyms
// and known values; they contain no raw values of any data set.

import {
  compileLanguage,
  defaultLanguage,
  type Language,
  type OwnerName,
  type PersonWord,
} from './language';
import type { TermMatcher } from './terms';

/**
 * Whose problem a value names: the child's own, a parent's / caregiver's, or (a pregnancy named)
 * the unborn child's.
 */
export type Owner = OwnerName;

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

// The words of each class come from the profile's language (language.ts); the comments on the
// classes there, and below, say what each class does to the reading.

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
  readonly reflexive: boolean;
  readonly article: boolean;
  readonly violenceVerb: boolean;
  readonly victimParticiple: boolean;
  readonly telling: boolean;
  readonly witness: boolean;
  readonly betweenSubjectAndVerb: boolean;
  readonly subjectVerb: boolean;
  readonly otherPerson: boolean;
  readonly childPronoun: boolean;
  /** `f` or `m` when the word names or points to one sex (`mamma`, `honom`). */
  readonly sex: 'f' | 'm' | undefined;
  /** A possessive form (the word class `genitives`: `flickans`, `pappas`). */
  readonly genitive: boolean;
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

// Per language: the vocabulary of raw values is small, so each word is classified once.
const classesOf = new WeakMap<Language, Map<string, WordClass>>();

function classify(word: string, lang: Language): WordClass {
  let classes = classesOf.get(lang);
  if (!classes) classesOf.set(lang, (classes = new Map()));
  let c = classes.get(word);
  if (c) return c;
  // Asking for help is telling of a need: the one who asks is not whose problem it is.
  const telling = lang.has('tellingVerbs', word) || lang.has('applyingVerbs', word);
  const witness = lang.has('witnessVerbs', word);
  const pronoun = lang.has('pronouns', word);
  c = {
    // `våld mot barnet`, `oro för ofött barn`: a person after these is the object, victim or party,
    // not the one whose problem it is; `enligt mamma`: who says so.
    objectPreposition: lang.has('objectPrepositions', word),
    // `våld mot barnet`: the child is the victim.
    victimPreposition: lang.has('victimPrepositions', word),
    // …except after a participle: `misshandel utförd av ungdom` names the doer.
    agentParticiple: lang.has('agentParticiples', word),
    negation: lang.isNegation(word),
    // `barn utsatt för …`: says who is concerned, not what happened, so it is not content.
    victimVerb: lang.has('victimVerbs', word),
    person: lang.personWord(word),
    // SKR's Basinformation writes `egen`/`annan` where NUSO writes `barnets`/`omsorgspersonens`.
    own: lang.has('own', word),
    other: lang.has('otherPronouns', word),
    coordination: lang.has('coordination', word),
    den: lang.has('determiners', word),
    word,
    pronoun,
    // `mot sin mamma`: the possessive points back to the doer, unsaid.
    reflexive: lang.has('reflexives', word),
    article: lang.has('articles', word),
    // Active verbs of violence: the person before is the doer, the one after the victim.
    violenceVerb: lang.has('violenceVerbs', word),
    // Passive participles of violence: the person just before is the one hurt; still content.
    victimParticiple: lang.has('victimParticiples', word),
    // The person before a verb of telling says so; seeing and hearing said of the child is witnessing.
    telling,
    witness,
    betweenSubjectAndVerb: lang.has('betweenSubjectAndVerb', word),
    // `barnet har …`: a weak child word followed by a finite verb is its subject.
    subjectVerb: lang.has('subjectVerbs', word),
    // Persons other than the child and its caregivers, as victims of violence.
    otherPerson: lang.has('otherPersons', word),
    // Object pronouns after a verb of violence: in a child's record, the child.
    childPronoun: lang.has('childPronouns', word),
    sex: lang.has('feminine', word) ? 'f' : lang.has('masculine', word) ? 'm' : undefined,
    genitive: lang.genitive(word),
    adultViolence: lang.adultViolence(word),
    // `barnet förövare`: the person before is the doer.
    doer: lang.has('doers', word),
    stem: lang.personStem(word),
    victimHead: lang.victimHead(word),
    // Function words, references (`14 kap 1 § SoL`), pronouns and verbs of telling and seeing: their
    // bigrams only add noise to similarity.
    stop: lang.has('stopwords', word) || lang.reference(word) || pronoun || telling || witness,
    // Hedges (`oro för X` is about X) and generic words: dropped when other words remain.
    vague: lang.has('hedges', word) || lang.has('generic', word),
    specific: lang.specific(word),
  };
  // Bounded: a hostile file of random words must not grow this without end.
  if (classes.size >= 200_000) classes.clear();
  classes.set(word, c);
  return c;
}

/**
 * The features of a normalised value (see normalise.ts). With `terms`, content words are matched
 * as their domain concept (terms.ts).
 */
export function analyseValue(
  normalised: string,
  terms?: TermMatcher,
  language: Language = compileLanguage(defaultLanguage),
): ValueFeatures {
  const lang = language;
  const NOT_A_WORD = classify('', lang);
  const isViolence = (w: string): boolean =>
    lang.violent(w) || (terms?.conceptOf(w).some((c) => lang.has('violence', c)) ?? false);
  const words = withoutPointer(
    terms && terms.phrases.length > 0
      ? joinPhrases(wordsOf(normalised), terms)
      : wordsOf(normalised),
    lang,
  );
  const word = words.map((w) => classify(w, lang));
  // Who tells and who sees: the person just before a verb of telling says so (`barnet berättar att
  // …`, `grannar hör …`) and is not whose problem it is; a child who sees or hears has witnessed.
  const told: boolean[] = words.map(() => false);
  const toldNegation: boolean[] = words.map(() => false);
  for (let i = 1; i < words.length; i++) {
    const w = word[i] as WordClass;
    if (!w.telling && !w.witness) continue;
    // `mamma uppger att hon dricker`: the teller speaks of herself, and stays whose problem it is.
    if (
      w.telling &&
      lang.has('complementizers', words[i + 1] ?? '') &&
      lang.has('selfPronouns', words[i + 2] ?? '')
    )
      continue;
    // `mamma söker hjälp för sin depression`: asking for what is her own, she stays whose it is.
    if (w.telling && words.slice(i + 1, i + 1 + OWN_AFTER).some((x) => lang.has('reflexives', x)))
      continue;
    // `ser (inte) till barnets behov`: seeing to something, not seeing it.
    const after = lang.isNegation(words[i + 1] ?? '') ? words[i + 2] : words[i + 1];
    if (w.witness && lang.has('seeToWords', after ?? '')) continue;
    // A negation between the teller and the verb is the telling's (`mamma ej nådd`, `VH ej
    // informerade`), not the value's: what the value says happened still did.
    let j = i - 1;
    while (
      j > 0 &&
      ((word[j] as WordClass).betweenSubjectAndVerb ||
        (w.telling && (word[j] as WordClass).negation))
    )
      j--;
    // `pappan slår mamman, säger grannen`: a teller named after the verb, last, is the one who
    // tells; the person before it is what is told about.
    const inverted = word[i + 1];
    if (
      w.telling &&
      i + 2 === words.length &&
      inverted !== undefined &&
      (inverted.person !== undefined || inverted.otherPerson)
    ) {
      told[i + 1] = true;
      continue;
    }
    const subject = word[j] as WordClass;
    if (subject.person === undefined && !subject.otherPerson) continue;
    told[j] = true;
    for (let k = j + 1; k < i; k++) if ((word[k] as WordClass).negation) toldNegation[k] = true;
    if (w.telling && lang.has('toldWhere', words[i + 1] ?? '') && i + 2 < words.length)
      told[i + 2] = true;
    if (
      w.witness &&
      (subject.person === 'childStrong' || subject.person === 'childWeak') &&
      speaksOfViolence(words, word, isViolence)
    ) {
      words[i] = lang.first('witnessed');
      word[i] = classify(words[i] as string, lang);
    }
  }
  let caregiver = false;
  // A caregiver hurt (`mamma misshandlad`), and a doer named after violence (`… av sin son`).
  let caregiverHurt = false;
  // Caregivers as the parties of something between them (`våld mellan föräldrarna`).
  let caregiversBetween = false;
  let passiveAgent = false;
  // A person named after that `av` (`slagen av sambon`): who did it is said.
  let agentNamed = false;
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
  // Within a clause of time, cause or condition begun after the value's first word.
  let subclause = false;
  // A caregiver read only from where it happened (`i hemmet`): a doer the reading found wins over it.
  let caregiverByHome = false;
  // A caregiver named, and after it someone beside the family (`mammans sambo`): a `henne` hurt
  // after that is the caregiver, not the child, when the two agree in sex.
  let caregiverSeen: WordClass | null = null;
  let partnerOfCaregiver: WordClass | null = null;
  // Adults named as hurt, and caregivers who tell: whom a later `henne`/`honom` after violence
  // points back to when the sex agrees (`slår sin mamma och har hotat henne`, `mamma berättar att
  // pappa slår henne`), rather than the child.
  const named: WordClass[] = [];
  // Words that say who, or that it is negated: not content.
  const person: boolean[] = words.map(() => false);
  // The preposition that governs the current phrase, kept across `och`/`eller` and person words:
  // in `mellan föräldrar och barn` both are parties.
  let governor: WordClass | null = null;
  // The governor is an `av` right after a word of violence.
  let ofViolence = false;

  for (let i = 0; i < words.length; i++) {
    const w = word[i] as WordClass;
    const before = word[i - 1] ?? NOT_A_WORD;
    const next = word[i + 1] ?? NOT_A_WORD;
    // The verb after a person, past the words that may stand between (`mamma har blivit slagen`).
    let v = i + 1;
    while (v < words.length - 1 && (word[v] as WordClass).betweenSubjectAndVerb) v++;
    const verb = word[v] ?? NOT_A_WORD;
    if (told[i]) {
      person[i] = true;
      if (w.person === 'caregiver') named.push(w);
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
      // And right after the one hurt (`våld mot förälder av barnet`).
      const agent =
        lang.has('agentPrepositions', w.word) &&
        (before.violenceVerb ||
          before.victimParticiple ||
          ((victim || otherVictim) && isViolence(before.word)) ||
          ((victim || otherVictim) && person[i - 1] === true));
      passiveAgent ||= agent;
      // `oro för mammas drickande`: what a hedge is about is the value itself, not an object.
      const about = lang.has('hedges', before.word);
      governor = before.agentParticiple || agent || about ? null : w;
      // `misshandel av klasskamrat`: after a noun of violence, `av` names the one hurt.
      ofViolence =
        governor !== null && lang.has('agentPrepositions', w.word) && isViolence(before.word);
      continue;
    }
    if (i > 0 && lang.has('subordinators', w.word)) subclause = true;
    if (w.negation || w.victimVerb) {
      negated ||= w.negation && !subclause && !toldNegation[i];
      // `mamma utsatt för våld`: the mother is hurt, not the child.
      // `våldsutsatt mamma`: before the one hurt, it is theirs too.
      victim ||= w.victimVerb && !anAdult(before) && !anAdult(next);
      person[i] = true;
      continue;
    }
    if (w.violenceVerb) {
      // The verb stays content (it is the violence); the persons after it are its victims, the
      // child named before it (`barnet har slagit mamma`) or no one (the child unsaid) its doer.
      violenceSeen = true;
      if (lang.has('agentPrepositions', next.word)) {
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
      person[i] = true;
      if (next.person !== undefined) {
        // `förövare styvfar`: the person named next did it, whatever governed the words before.
        governor = null;
        continue;
      }
      // `barnet förövare`, `den unge är gärningsperson`: the person just named did it.
      const doer = before.stop ? (word[i - 2] ?? NOT_A_WORD).person : before.person;
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
      caregiverSeen = w;
      agentNamed ||= passiveAgent;
      if (
        verb.victimVerb ||
        verb.victimParticiple ||
        // `våldsutsatt mamma`, not `barnet utsatt, pappa` (the child hurt, the father named after).
        ((before.victimVerb || before.victimParticiple || before.victimHead) &&
          person[i - 2] !== true)
      ) {
        // `mamma misshandlad`: hurt, not (yet) whose problem it is; that is the doer's if one is
        // named (`av sin son`), else the adults' (below).
        otherVictim = caregiverVictim = caregiverHurt = true;
        named.push(w);
      } else if (
        !governed ||
        // `anm. om pappas missbruk`, `med anledning av fars drickande`: the possessive names whose
        // the problem after it is, whatever the preposition before it.
        (w.genitive &&
          next.person === undefined &&
          next.word !== '' &&
          !victimSide &&
          !lang.has('betweenPrepositions', governor?.word ?? ''))
      ) {
        caregiver = true;
        caregiverByHome = false;
      } else if (victimSide || lang.has('betweenPrepositions', governor?.word ?? '')) {
        otherVictim = caregiverVictim = true;
        if (victimSide) named.push(w);
        caregiversBetween ||= !victimSide;
        // `våldsam mot sin mamma`: her own mother, hurt by the one the record is about, unsaid.
        if (victimSide && before.reflexive && !caregiver && !victim) childDoer = true;
      }
    } else if (w.otherPerson) {
      // A partner, a classmate, staff: only ever the victim or the doer beside the family.
      person[i] = true;
      agentNamed ||= passiveAgent;
      if (victimSide || verb.victimVerb || verb.victimParticiple || (governed && ofViolence)) {
        otherVictim = true;
        named.push(w);
      } else partnerOfCaregiver ??= caregiverSeen;
    } else if (w.childPronoun && governor?.violenceVerb) {
      person[i] = true;
      const agrees = (p: WordClass | null): p is WordClass =>
        p !== null && (p.sex === undefined || w.sex === undefined || p.sex === w.sex);
      const hurt = partnerOfCaregiver;
      const before = named.findLast((p) => agrees(p) && p !== hurt) ?? null;
      if (agrees(hurt) || before?.person === 'caregiver')
        otherVictim = caregiverVictim = caregiverHurt = true;
      else if (before) otherVictim = true;
      else victim = true;
    } else if (w.other && victimSide) {
      // `hot och våld mot andra`
      person[i] = true;
      otherVictim = true;
    } else if (w.pronoun || w.article) {
      // `slår sina föräldrar`, `misshandlat en kamrat`: the phrase goes on.
    } else if (w.person === 'home') {
      // Where, not what: `konflikt i familjen` is a conflict, placed in the home.
      person[i] = true;
      if (!caregiver) caregiverByHome = true;
      caregiver = true;
    } else if (
      w.person === 'childStrong' ||
      w.person === 'childWeak' ||
      (lang.has('youngCollective', words[i] ?? '') && before.den)
    ) {
      person[i] = true;
      if (verb.victimVerb || verb.victimParticiple) victim = true;
      else if (w.person === 'childStrong' && w.genitive && next.person === 'caregiver') {
        // `Flickans pappa`: whose caregiver, not whose problem.
      } else if (w.person === 'childStrong' && w.genitive && caregiver && !caregiverByHome) {
        // `Förälder med intellektuell funktionsnedsättning, svårt att förstå barnets behov`: after
        // a caregiver named, the child's possessive says whose needs, not whose problem.
      } else if (!governed && caregiverHurt && agentNamed) {
        // `mamma misshandlad av sambon medan barnen sov`, `… , 3 barn på plats`: a child named
        // after a caregiver hurt and who did it was there, and neither did it nor is whose
        // problem it is (`mamma misshandlad av sin son` names the child as the one who did).
      } else if (!governed) {
        if (w.person === 'childWeak' && !passiveAgent) {
          childWeak = true;
          // Only when the child comes first: `när barnen var hemma` after `pappa slår` is not it.
          childSubject ||= next.subjectVerb && !caregiver;
        } else childStrong = true;
      } else if (governor?.victimPreposition) {
        // `rån mot annan ungdom`, `våld mot andra barn`: another child is hurt, not this one.
        if (before.other) otherVictim = true;
        else victim = true;
      }
    } else if (w.own) {
      person[i] = true;
      own = true;
    } else if (w.other && i === words.length - 1 && i > 0 && !governed) {
      // `Missbruk annan`: a trailing `annan` is the other person; `annan kommun` is not.
      person[i] = true;
      caregiver = true;
      caregiverByHome = false;
    } else if (
      !w.coordination &&
      !w.den &&
      // `slår alltid mamman`: how often, between a verb of violence and the one it hurts.
      !(governor?.violenceVerb && lang.has('hedges', w.word))
    ) {
      governor = null;
      if (w.stem === 'caregiver') {
        caregiver = true;
        caregiverByHome = false;
      } else if (w.stem === 'childStrong') childStrong = true;
      if ((w.victimHead && !anAdult(next)) || lang.childVictimCompound(w.word)) victim = true;
    }
  }

  // A caregiver named outright decides: `Barn Alkohol förälder` (a bare `barn` is only the context
  // of every value here), `F/O egen problematik` (with a caregiver named, `egen` is theirs).
  // Whose problem it is: the language's owner rules over what was found (language.ts). In the
  // default profile a caregiver named outright decides (`Barn Alkohol förälder`: a bare `barn` is
  // only the context of every value here); `eget` or a strong child word makes it the child's; a
  // child hurting staff or a classmate, in the child's record, the child's; a parent hurt and no
  // doer named, the adults' (`mamma utsatt för våld`).
  // `våldsam mot sin mamma i hemmet`: the child did it, at home; the place names no owner.
  if (caregiverByHome && childDoer) caregiver = false;
  const decided = lang.owner({
    caregiver,
    childStrong,
    childWeak,
    childSubject,
    own,
    childDoer,
    victim,
    otherVictim,
    caregiverVictim,
    caregiverHurt,
    caregiversBetween,
    // A pregnancy named (`gravid`, `ofött barn`).
    expectant: words.some((w) => lang.expectant(w)),
  });
  const owner: Owner | null = decided?.owner ?? null;
  const ownerStated = decided?.stated ?? false;
  // Otherwise both are named outright (`förälder och ungdom`) or neither.

  const matchText = contentOf(words, word, person, terms);
  const violent = violenceSeen || lang.violent(matchText);
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

/** Words after a verb of telling or applying within which a reflexive makes the teller's own. */
const OWN_AFTER = 4;

/** A caregiver or another adult beside the family: a word of hurt next to one is theirs. */
const anAdult = (w: WordClass): boolean => w.person === 'caregiver' || w.otherPerson;

/** Whether any word is violence (`barnet har sett pappa slå`, not `barnet ser pappa dricka`). */
function speaksOfViolence(
  words: readonly string[],
  word: readonly WordClass[],
  isViolence: (word: string) => boolean,
): boolean {
  return words.some(
    (w, i) =>
      (word[i] as WordClass).violenceVerb ||
      (word[i] as WordClass).victimParticiple ||
      isViolence(w),
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

/**
 * The words before a tail that points elsewhere (the word class `pointers`: `… – inkom via skolans
 * e-tjänst`, `… jfr BVC-journal`): a pointer after the value's first word ends what it is about.
 */
function withoutPointer(words: string[], lang: Language): string[] {
  for (let i = 1; i < words.length; i++) {
    let phrase = words[i] as string;
    for (let n = 1; ; n++) {
      if (lang.has('pointers', phrase)) return words.slice(0, i);
      if (n === POINTER_WORDS || i + n >= words.length) break;
      phrase += ` ${words[i + n] as string}`;
    }
  }
  return words;
}

/**
 * A text without its tail saying what it is not (the word class `exclusions`: `Skolfrånvaro – ej
 * sjukdom`, `Förälderns alkoholmissbruk (inte barnets eget)`): a dash, comma, semicolon or opening
 * bracket after a word, then an exclusion word. The text as it is when it has none.
 */
export function withoutExclusionTail(text: string, lang: Language): string {
  // Most values have no boundary at all; the first word of four letters is found once.
  if (!HAS_BOUNDARY.test(text)) return text;
  const word = FOUR_LETTERS.exec(text);
  if (word === null) return text;
  EXCLUSION_TAIL.lastIndex = word.index + word[0].length;
  for (let m = EXCLUSION_TAIL.exec(text); m !== null; m = EXCLUSION_TAIL.exec(text)) {
    if (lang.has('exclusions', (m[1] as string).toLowerCase()))
      return text.slice(0, m.index).trimEnd();
  }
  return text;
}

// A day and a month's name, or a month's name and a year, joined by a hyphen as a spreadsheet
// writes the date it made of what was typed (`01-mar`, `dec-17`); a military date-time group first
// (`022055 nov`, `112320Z JUL 24`), with its colon or dash.
const DAY_MONTH = /(?<![\p{L}\p{N}])\d{1,2}-(\p{L}{3,9})(?![\p{L}\p{N}-])/gu;
const MONTH_YEAR = /(?<![\p{L}\p{N}-])(\p{L}{3,9})-(?:\d{2}|\d{4})(?![\p{L}\p{N}])/gu;
const DATE_TIME_GROUP = /^\s*\d{6}Z?\s?(\p{L}{3,9})(?:\s\d{2})?(?![\p{L}\p{N}])(?:\s*[:–—-])?\s*/u;
const MONTH_DATE = /\d-\p{L}|\p{L}-\d|^\s*\d{6}/u;

/**
 * The text without the dates a spreadsheet or a military stamp put in it, as the word class
 * `months` names them: what the value is about stays (`snatteri 01-mar` is `snatteri`). Kept when
 * nothing of two letters would remain, or the profile names no months.
 */
export function withoutDates(text: string, lang: Language): string {
  if (!MONTH_DATE.test(text) || lang.first('months') === '') return text;
  const month = (m: string, name: string) => (lang.has('months', name.toLowerCase()) ? ' ' : m);
  const cut = text
    .replace(DATE_TIME_GROUP, (m: string, name: string) => (month(m, name) === ' ' ? '' : m))
    .replace(DAY_MONTH, month)
    .replace(MONTH_YEAR, month)
    .replace(/\s{2,}/gu, ' ')
    .replace(/[\s,;]+$/u, '')
    .trim();
  return cut !== text.trim() && /\p{L}\p{L}/u.test(cut) ? cut : text;
}

// A bracketed note with a time of day in it (`[offline – synkad 07:42]`, `(ons 09.30)`): a stamp.
const TIME_STAMP =
  /\s*[[(][^[\]()]{0,40}?(?<!\d)(?:[01]?\d|2[0-3])[:.][0-5]\d(?!\d)[^[\]()]{0,40}?[\])]/gu;

/**
 * The text without bracketed notes that carry a time of day: what a system or a device stamped on
 * the record (a sync, a call, a meeting), not what it is about. Kept when nothing of two letters
 * would remain.
 */
export function withoutTimeStamps(text: string): string {
  if (!text.includes('[') && !text.includes('(')) return text;
  const cut = text.replace(TIME_STAMP, ' ').trim();
  return cut !== text.trim() && /\p{L}\p{L}/u.test(cut) ? cut : text;
}

// The end of a sentence: `.` or `!` after a letter or digit, then space and a capitalised word (not
// `PÅG. UTREDNING`; and not `?`: the answer after a question is its meaning, `Utredning? Nej`).
const SENTENCE_END = /(?<=[\p{L}\p{N}][.!])\s+(?=\p{Lu}\p{Ll})/u;

/**
 * The text without its sentences that say nothing of the matter (`Sökt mamman två gånger utan
 * svar. Flickan skär sig` is `Flickan skär sig`): a sentence is dropped when `bare` says so and
 * another one is not bare. The text as it is with one sentence, or none that is bare.
 */
export function withoutBareSentences(text: string, bare: (sentence: string) => boolean): string {
  if (!SENTENCE_END.test(text)) return text;
  const sentences = text.split(SENTENCE_END);
  const kept = sentences.filter((s) => !bare(s));
  return kept.length > 0 && kept.length < sentences.length ? kept.join(' ') : text;
}

// A boundary a system or a registrar puts around a stamp or a note beside the matter: a spaced dash,
// a bullet or a bar, or a note in square brackets (`Handb. kap 1.1 – ingen hämtar`, `… [mall v2.2]`,
// `Viva • i går • Barnet …`). Not a comma, and not round brackets: those hold the value's own words
// (`Missbruk (pappa)`).
const SEGMENT_BREAK = /\s+[–—|•·]\s+|\s+-\s+|\s*\[[^[\]]*\]\s*/gu;
const HAS_SEGMENT_BREAK = /\s[–—|•·-]\s|\[/u;

/**
 * The text without its parts that say nothing of the matter, as `withoutBareSentences` leaves out
 * sentences: the parts between spaced dashes, bullets or bars, and notes in square brackets, that
 * `bare` says are bare, when another part is not. The text as it is with one part, or none bare.
 */
export function withoutBareSegments(text: string, bare: (part: string) => boolean): string {
  if (!HAS_SEGMENT_BREAK.test(text)) return text;
  const parts: { text: string; before: string; bracket: boolean }[] = [];
  let at = 0;
  let before = '';
  for (const m of text.matchAll(SEGMENT_BREAK)) {
    parts.push({ text: text.slice(at, m.index), before, bracket: false });
    const sign = m[0].trim();
    if (sign.startsWith('[')) {
      parts.push({ text: sign.slice(1, -1), before: '', bracket: true });
      before = '';
    } else before = sign;
    at = m.index + m[0].length;
  }
  parts.push({ text: text.slice(at), before, bracket: false });
  const said = parts.filter((p) => /[\p{L}\p{N}]/u.test(p.text));
  const kept = said.filter((p) => !bare(p.text));
  if (kept.length === 0 || kept.length === said.length) return text;
  let out = '';
  for (const p of kept) {
    const part = p.bracket ? `[${p.text}]` : p.text.trim();
    out = out === '' ? part : `${out} ${p.before === '' ? '' : `${p.before} `}${part}`;
  }
  return out;
}

// An opening that says when or at what, then a colon and a space (`Efter separationen: …`).
const OPENER = /^\s*([^:]{1,60}?):\s+(\S.*)$/su;
const LETTERS = /\p{L}/u;

/**
 * The text without an opening that says when or at what it was noted, not what it is: the words
 * before the first colon, when a word of `openers` begins them and two words or more follow
 * (`Efter separationen: mamman dricker` is `mamma dricker`; `Sedan pappa dog: 14-åringen har
 * panikattacker` is the child's). The text as it is otherwise.
 */
export function withoutOpener(text: string, lang: Language): string {
  if (!text.includes(': ')) return text;
  const m = OPENER.exec(text);
  if (!m) return text;
  const head = (m[1] as string).trim().split(/\s+/u);
  if (head.length > 6 || !lang.has('openers', (head[0] as string).toLowerCase())) return text;
  const rest = m[2] as string;
  return rest.split(/\s+/u).filter((w) => LETTERS.test(w)).length >= 2 ? rest : text;
}

/**
 * A text as its negations mean it, before it is read (engine.ts, every value and codebook text):
 * - A denied alternative is dropped: a negation of the word class `exclusions` beginning the text
 *   or a clause, one to five words, then a word of `contrasts` (`Inte konflikt utan våld – …` is
 *   `våld – …`, `Not capital but income` is `income`). A word of `contrastAdditives` right after
 *   either (`inte bara … utan även`, `not only … but also`) adds instead: nothing is dropped.
 * - A negation of a negation says yes: a word of `exclusions` and a word of `negatingVerbs` or
 *   `negatingPrepositions` side by side (`Skäl saknas inte`, `Ej utan grund`), or the second in an
 *   `att`-clause of at most two words after the first (`Inte skäl att avstå utredning`), are both
 *   dropped.
 * The text as it is when it has neither.
 */
export function withNegationsRead(text: string, lang: Language): string {
  // Both need a negation of `exclusions`; most values have none.
  if (!lang.mentions('exclusions', text)) return text;
  const tokens: { word: string | null; start: number; end: number }[] = [];
  for (const m of text.matchAll(NEGATION_TOKEN)) {
    const word = m[1] === undefined ? null : m[1].normalize('NFC').toLowerCase();
    tokens.push({ word, start: m.index, end: m.index + m[0].length });
  }
  const at = (i: number): string | null => tokens[i]?.word ?? null;
  const exclusion = (i: number): boolean => lang.has('exclusions', at(i) ?? '');
  const additive = (i: number): boolean => lang.has('contrastAdditives', at(i) ?? '');
  const clause = (i: number): boolean =>
    lang.has('complementizers', at(i) ?? '') || lang.has('subordinators', at(i) ?? '');
  const person = (i: number): boolean => {
    const p = lang.personWord(at(i) ?? '');
    return p !== undefined && p !== 'home';
  };
  for (let i = 0; i < tokens.length; i++) {
    if (!exclusion(i) || (i > 0 && at(i - 1) !== null) || additive(i + 1)) continue;
    for (let j = i + 2; j <= i + 5 && at(j) !== null && !clause(j); j++) {
      if (!lang.has('contrasts', at(j) as string)) continue;
      if (at(j + 1) === null || additive(j + 1)) break;
      const start = (tokens[i] as { start: number }).start;
      // `Inte pappans kriminalitet utan sonens – …`: the person alone, the denied words are theirs.
      if (person(j + 1) && at(j + 2) === null) {
        const denied = tokens.slice(i + 1, j).filter((_, k) => !person(i + 1 + k));
        const words = denied.map((t) => t.word).filter((w) => !lang.has('own', w ?? ''));
        const rest = text.slice((tokens[j + 1] as { end: number }).end);
        const said = `${text.slice(0, start)}${at(j + 1) as string} ${words.join(' ')}${rest}`;
        return withNegationsRead(said, lang);
      }
      const rest = text.slice((tokens[j] as { end: number }).end).trimStart();
      return withNegationsRead(text.slice(0, start) + rest, lang);
    }
  }
  // The counterfactual (`Hade inte anmält om inte pappan druckit`, `… om BVC-besöken inte
  // uteblivit`): a negation within a clause's first three words, then within eight words a word of
  // `conditionals` with a negation within three words after it, and no boundary between. The
  // clause up to the conditional is the registrar's own frame, and what it names did happen.
  for (let i = 0; i < tokens.length; i++) {
    if (!exclusion(i)) continue;
    let first = i;
    while (first > 0 && at(first - 1) !== null) first--;
    if (i - first > 2) continue;
    for (let j = i + 1; j <= i + 8 && at(j) !== null; j++) {
      if (j === i + 1 || !lang.has('conditionals', at(j) as string)) continue;
      for (let k = j + 1; k <= j + 3 && at(k) !== null; k++) {
        if (!exclusion(k) || at(k + 1) === null) continue;
        const start = (tokens[first] as { start: number }).start;
        const cond = tokens[j] as { end: number };
        const neg = tokens[k] as { start: number; end: number };
        const said = `${text.slice(0, start)}${text.slice(cond.end, neg.start).trim()} ${text.slice(neg.end).trim()}`;
        return withNegationsRead(said.replace(/\s{2,}/gu, ' ').trim(), lang);
      }
      break;
    }
  }
  const negating = (i: number): boolean =>
    lang.has('negatingVerbs', at(i) ?? '') || lang.has('negatingPrepositions', at(i) ?? '');
  for (let i = 0; i < tokens.length; i++) {
    if (!exclusion(i) && !negating(i)) continue;
    for (let j = i + 1; j <= i + 3 && at(j) !== null; j++) {
      // Side by side (`Ej utan grund`), or the negating verb in an `att`-clause (`inte skäl att avstå`).
      if (j > i + 1 && !lang.has('complementizers', at(j - 1) as string)) continue;
      if (!((exclusion(i) && negating(j)) || (negating(i) && exclusion(j)))) continue;
      const a = tokens[i] as { start: number; end: number };
      const b = tokens[j] as { start: number; end: number };
      const cut = `${text.slice(0, a.start)}${text.slice(a.end, b.start)}${text.slice(b.end)}`;
      return withNegationsRead(cut.replace(/\s{2,}/gu, ' ').trim(), lang);
    }
  }
  return text;
}

/** A word, or a boundary between clauses (a line break and a spaced hyphen too, not `e-tjänst`'s). */
const NEGATION_TOKEN = /([\p{L}\p{M}\p{N}]+)|[–—,;:.!?()[\]/\n\r]|(?<=\s)-(?=\s)/gu;

/**
 * A boundary after a word of four letters or more (not after a prefix alone: `P 2 år: ej hämtad`,
 * `231120 JH – ej i skolan` say what is not done), and the word after it. A hyphen only with a
 * space after it (`X- ej`, not `e-tjänst`); a colon ends a heading, not what the value is.
 */
const EXCLUSION_TAIL = /(?:[–—,;([]|-(?=\s))\s*(\p{L}+)/gu;
const HAS_BOUNDARY = /[–—,;([]|-\s/u;
const FOUR_LETTERS = /\p{L}{4}/u;

/** The most words a pointer phrase has (`inkom via`, `se bilaga`). */
const POINTER_WORDS = 3;

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
