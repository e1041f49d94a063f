// Domain vocabulary: everyday and professional Swedish words of child welfare mapped to the concept
// word that codebooks use for them (`alkohol`, `narkotika`, `droger` → `missbruk`). String
// similarity cannot know that `Förälder alkohol` is substance misuse; a researcher does. The list
// is a starting point per concept of the domain (not a list of anyone's raw values), editable like
// the abbreviations, and applied alike to values, labels, synonyms and known values, so it only
// ever brings words of the same concept together.

import { WordList, folded } from './spelling';

export interface DomainTerm {
  /** The word family as stems: a word matches when it is a stem plus an inflectional ending. */
  readonly stems: readonly string[];
  /**
   * Exact word forms, for stems too short to inflect safely (`rymt`, but not `rymd`), and phrases
   * of several words that mean the concept together (`skär sig`, `vill inte leva`).
   */
  readonly forms?: readonly string[];
  /** The concept word(s) the family is matched as. */
  readonly concept: string;
}

const firstPass: readonly DomainTerm[] = [
  {
    concept: 'missbruk',
    stems: [
      'missbruk',
      'alkohol',
      'sprit',
      'berusning',
      'berusad',
      'påverkad',
      'narkotika',
      'drog',
      'knark',
      'cannabis',
      'hasch',
      'marijuana',
      'amfetamin',
      'kokain',
      'heroin',
      'opioid',
      'opiat',
      'bensodiazepin',
      'sniffning',
      'beroende',
      'riskbruk',
    ],
  },
  {
    concept: 'kriminalitet',
    stems: [
      'kriminalitet',
      'kriminell',
      'brottslig',
      'brott',
      'stöld',
      'snatteri',
      'inbrott',
      'skadegörelse',
      'bedrägeri',
      'häleri',
      'fängelse',
      'häktad',
      'anhållen',
      'langning',
      'klotter',
      'vandalisering',
    ],
    forms: ['rån', 'rånet', 'rånade', 'dömd', 'dömda', 'dömts', 'stöldbrott'],
  },
  {
    concept: 'våld',
    stems: [
      'misshandel',
      'misshandlad',
      'våldsam',
      'stryptag',
      'örfil',
      'hotelse',
      'knuffa',
      'kränkning',
    ],
    // Threats are psychological violence; hitting and kicking in their tenses.
    forms: [
      'aga',
      'agad',
      'slagen',
      'slår',
      'slog',
      'slagit',
      'sparkar',
      'sparkat',
      'sparkade',
      'hot',
      'hotad',
      'hotade',
      'hotar',
      'hotat',
      'hotfull',
      'misshandlar',
      'misshandlat',
      'misshandlade',
      'knuffar',
      'knuffat',
      'knuffade',
    ],
  },
  {
    concept: 'övergrepp',
    stems: [
      'övergrepp',
      'ofredande',
      'våldtäkt',
      'incest',
      'utnyttjande',
      'grooming',
      'blottning',
      'sexualbrott',
    ],
  },
  {
    concept: 'psykisk ohälsa',
    stems: [
      'depression',
      'deprimerad',
      'nedstämd',
      'ångest',
      'suicid',
      'självmord',
      'självskad',
      'ätstörning',
      'anorexi',
      'psykos',
      'sjukdom',
      'mående',
      'psykiatri',
    ],
    forms: ['sjuk', 'mår'],
  },
  {
    concept: 'funktionsnedsättning',
    stems: [
      'funktionsnedsättning',
      'funktionshinder',
      'handikapp',
      'autism',
      'asperger',
      'utvecklingsstörning',
      'diagnos',
      'neuropsykiatrisk',
      'kognitiv',
      'intellektuell',
    ],
    forms: ['adhd', 'add'],
  },
  {
    concept: 'boende',
    stems: ['bostad', 'bostadslös', 'hemlös', 'vräkning', 'avhysning', 'avhyst', 'trångboddhet'],
    forms: ['vräkt', 'vräkta'],
  },
  {
    concept: 'ekonomi',
    stems: ['ekonomi', 'ekonomisk', 'skulder', 'fattigdom', 'fattig', 'försörjning', 'pengar'],
    forms: ['skuld'],
  },
  {
    concept: 'avvikande',
    stems: [
      'avvikande',
      'avvikning',
      'avviker',
      'försvunnen',
      'försvunnet',
      'försvunna',
      'försvinnande',
      'efterlyst',
      'rymning',
    ],
    forms: ['rymt', 'rymmer', 'rymde', 'rymma', 'avvikit', 'avvek', 'försvann', 'saknad', 'saknat'],
  },
  {
    concept: 'ofött',
    stems: ['graviditet', 'gravid', 'ofödd', 'ofött', 'ofödda', 'förlossning', 'mödravård'],
    // `blivande förälder`: a parent to be.
    forms: ['blivande'],
  },
  {
    concept: 'omsorgsbrist',
    // Neglect as it is seen: no supervision, hunger, dirt, missed child health care.
    stems: [
      'omsorgsbrist',
      'omsorgssvikt',
      'försummelse',
      'försummad',
      'vanvård',
      'undernäring',
      'tillsyn',
      'hemförhållande',
      'hungrig',
      'smutsig',
      'ovårdad',
      'hygien',
    ],
    // `lämnas ensam`: left alone (as exact forms: `ensamkommande` is another matter).
    forms: ['ensam', 'ensamt', 'ensamma'],
  },
  {
    concept: 'konflikt',
    stems: [
      'konflikt',
      'tvist',
      'osämja',
      'slitning',
      'relationsproblem',
      'samarbetsproblem',
      'samarbetssvårighet',
    ],
    forms: ['bråk', 'gräl'],
  },
  {
    concept: 'skolfrånvaro',
    stems: ['skolk', 'skolvägran', 'hemmasittare', 'skolnärvaro', 'skolgång'],
  },
  {
    concept: 'hedersvåld',
    stems: ['tvångsgifte', 'tvångsäktenskap', 'barnäktenskap', 'könsstympning', 'bortgifte'],
  },
  // Selling sex is the risk behaviour (the concept word alone: `sexuell` is said of abuse too).
  { concept: 'riskbeteende', stems: ['prostitution', 'sexsäljande', 'sexhandel'] },
  {
    concept: 'beteende',
    stems: [
      'normbrott',
      'normbrytande',
      'utagerande',
      'utåtagerande',
      'aggressiv',
      'svårhanterlig',
      'gränslös',
      'regelbrott',
    ],
  },
  // Actions (åtgärd): the verbs of a decision in their many tenses.
  {
    concept: 'inleds',
    stems: [
      'inleds',
      'inleda',
      'inleder',
      'inledd',
      'inlett',
      'påbörja',
      'startas',
      'startad',
      'starta',
      'öppnas',
      'öppnad',
    ],
  },
  { concept: 'påförs', stems: ['påförs', 'påföres', 'påförd', 'påfört', 'påföra', 'tillförs'] },
  {
    concept: 'överlämnas',
    stems: [
      'överlämna',
      'överlämning',
      'överflytt',
      'överförd',
      'överfört',
      'överförs',
      'överföring',
    ],
  },
  { concept: 'hänvisning', stems: ['hänvisning', 'hänvisad', 'hänvisat', 'hänvisas', 'hänvisa'] },
  { concept: 'råd', stems: ['rådgivning', 'rådgivande', 'rådgivningssamtal'] },
  { concept: 'pågående', stems: ['pågående'], forms: ['pågår', 'pågick', 'pågått'] },
];

// A second pass, from the documents and professional usage rather than from any values
// (social services, police, school and health care; BBIC, SoL, LVU, LUL, LSS). Whole compounds
// that would otherwise fall to the wrong head (`sexbrott` is abuse, not `brott`; `utbrott` is
// behaviour; `bidragsberoende` is economy) are listed as their own stems, which are found first.
const secondPass: readonly DomainTerm[] = [
  {
    concept: 'missbruk',
    stems: [
      'rusmedel',
      'ruspåverkan',
      'narkoman',
      'narkomani',
      'substans',
      'avgiftning',
      'abstinens',
      'dopning',
      'anabol',
      'lustgas',
      'spice',
      'ecstasy',
      'tramadol',
      'benso',
      'onykter',
      'bakfull',
    ],
    forms: ['rus', 'bruk', 'onyktra', 'mdma', 'ghb', 'thc', 'lvm'],
  },
  {
    concept: 'kriminalitet',
    stems: [
      'kriminalvård',
      'frivård',
      'fotboja',
      'avtjäna',
      'snatta',
      'tjuv',
      'tillgrepp',
      'utpressning',
      'personrån',
      'rånförsök',
      'ungdomstjänst',
      'ungdomsövervakning',
      'lagöverträd',
      'graffiti',
      'gängmedlem',
      'gängrelater',
      'gängmiljö',
      'gängkonflikt',
    ],
    forms: [
      'åtal',
      'åtalad',
      'åtalade',
      'åtalas',
      'åtalats',
      'åtalet',
      'gripen',
      'gripna',
      'greps',
      'gripits',
      'stjäl',
      'stjäla',
      'stulit',
      'stulen',
      'stulet',
      'stulna',
      'rånar',
      'rånat',
      'lul',
      'gäng',
      'gänget',
      'gängen',
      'gängens',
    ],
  },
  {
    concept: 'våld',
    stems: ['blåmärk', 'bestraff', 'nedvärder', 'förnedr', 'våldsutsatt', 'stryp'],
    forms: ['stryk', 'smisk', 'agar', 'agat', 'agade'],
  },
  {
    concept: 'övergrepp',
    stems: [
      'tafs',
      'pedofil',
      'könsumgänge',
      'barnporr',
      'barnporn',
      'barnpornografibrott',
      'sexbrott',
    ],
    forms: ['våldtagen', 'våldtagna', 'våldtog', 'våldtogs', 'våldtagit', 'ofredad', 'ofredat'],
  },
  {
    concept: 'psykisk ohälsa',
    stems: [
      'psykiatrisk',
      'psykotisk',
      'suicidal',
      'bipolär',
      'borderline',
      'personlighetsstörning',
      'schizofren',
      'schizofreni',
      'bulimi',
      'utmattning',
      'utbränd',
      'tvångssyndrom',
      'tvångstank',
      'krisreaktion',
      'panikattack',
      'traumatiser',
      'sammanbrott',
    ],
    forms: ['ptsd', 'ocd', 'bup', 'psyk'],
  },
  {
    concept: 'funktionsnedsättning',
    stems: [
      'autist',
      'habilitering',
      'särskola',
      'särskole',
      'funktionsnedsatt',
      'funktionshindr',
      'tourette',
      'språkstörning',
      'rörelsehind',
      'hörselnedsättning',
      'synnedsättning',
      'hörselskad',
      'synskad',
      'utvecklingsförsen',
    ],
    forms: ['lss', 'npf', 'döv', 'döva', 'dövt', 'dövhet'],
  },
  {
    concept: 'boende',
    stems: [
      'lägenhet',
      'hyres',
      'trångbodd',
      'boendeproblem',
      'boendesituation',
      'härbärge',
      'vandrarhem',
    ],
    forms: ['hyra', 'hyran', 'hyror'],
  },
  {
    concept: 'ekonomi',
    stems: [
      'arbetslös',
      'inkomst',
      'kronofogd',
      'betalningsanmärkning',
      'utmätning',
      'skuldsatt',
      'skuldsättning',
      'bidrag',
      'bidragsberoende',
      'obetald',
    ],
    forms: ['obetalt'],
  },
  {
    concept: 'avvikande',
    stems: ['rymling', 'bortsprung', 'efterlys', 'försvinn'],
    forms: ['avviken', 'avvikna'],
  },
  {
    concept: 'ofött',
    stems: ['havandeskap', 'barnmorska', 'barnmorsk', 'prenatal', 'fosterskad', 'födsel'],
    forms: ['mvc'],
  },
  {
    concept: 'omsorgsbrist',
    stems: [
      'föräldraförmåga',
      'omsorgsförmåga',
      'understimuler',
      'undernärd',
      'övergiv',
      'tandvård',
      'tandohälsa',
      'karies',
      'hunger',
    ],
    forms: ['omsorg', 'omsorgen'],
  },
  {
    concept: 'konflikt',
    stems: ['skilsmäss', 'uppbrott', 'dispyt', 'relationssvårighet'],
    forms: [
      'skilsmässan',
      'osams',
      'separation',
      'separationen',
      'grälar',
      'grälat',
      'grälade',
      'grälen',
    ],
  },
  {
    concept: 'skolfrånvaro',
    stems: ['frånvaro', 'närvaro', 'skolvägr', 'hemmasitt', 'skolavbrott', 'studieavbrott'],
  },
  {
    concept: 'hedersvåld',
    stems: ['heder', 'förtryck', 'oskuld', 'bortgift', 'äktenskapstvång'],
  },
  {
    concept: 'riskbeteende',
    stems: ['prostituer', 'sexförsälj', 'sexköp', 'sugar', 'promiskuös', 'promiskuit'],
  },
  {
    concept: 'beteende',
    stems: [
      'utbrott',
      'trotsig',
      'impulsiv',
      'oregerlig',
      'uppförande',
      'antisocial',
      'aggression',
      'problemskapande',
      'regelbryt',
    ],
  },
  // Violence between the adults, which the child lives with (`barn som bevittnat våld`).
  {
    concept: 'bevittnat',
    stems: [
      'bevittna',
      'partnervåld',
      'relationsvåld',
      'kvinnofrid',
      'kvinnofridsbrott',
      'kvinnofridskränkning',
      'barnfridsbrott',
      'kvinnomisshandel',
      'hustrumisshandel',
    ],
    forms: ['upplevt', 'åhörare'],
  },
  { concept: 'våldsutövande', stems: ['våldsutöv', 'slagsmål'] },
  { concept: 'ensamkommande', stems: ['ensamkom', 'asyl'] },
  { concept: 'övrigt', stems: ['övrig'], forms: ['diverse'] },
  // Actions.
  { concept: 'inleds', stems: ['inledning', 'initier'] },
  { concept: 'påförs', stems: ['bifog'] },
  { concept: 'pågående', stems: ['befintlig'], forms: ['redan'] },
  { concept: 'överlämnas', stems: ['överför', 'vidarebefordra'], forms: ['vidarebefordran'] },
  { concept: 'råd', stems: ['vägledning'] },
  { concept: 'stöd', stems: ['stödsamtal', 'stödjande', 'stöttning', 'serviceinsats'] },
  { concept: 'ärende', stems: ['personakt'], forms: ['akten'] },
  // Phrases: what the words mean together, not one by one.
  {
    concept: 'psykisk ohälsa',
    stems: [],
    forms: [
      'skär sig',
      'skurit sig',
      'skadar sig själv',
      'skadat sig själv',
      'vill inte leva',
      // In a subordinate clause the negation comes first: `att hen inte vill leva`.
      'inte vill leva',
      'vill dö',
      'tar livet av sig',
      'ta livet av sig',
      'ta sitt liv',
    ],
  },
  { concept: 'riskbeteende', stems: [], forms: ['säljer sex', 'sålt sex', 'sålde sex'] },
  {
    concept: 'kriminalitet',
    stems: [],
    forms: ['säljer narkotika', 'säljer droger', 'sålt narkotika', 'langar narkotika'],
  },
  { concept: 'avvikande', stems: [], forms: ['okänd vistelseort', 'vistelseort okänd'] },
  {
    concept: 'omsorgsbrist',
    stems: [],
    forms: ['lämnas ensam', 'lämnad ensam', 'lämnats ensam', 'lämnas ensamt', 'lämnas ensamma'],
  },
  {
    concept: 'ensamkommande',
    stems: [],
    forms: ['utan vårdnadshavare i sverige', 'utan föräldrar i sverige'],
  },
];

/** Entries of the same concept as one (stems and forms in order): one row per concept to edit. */
export function mergeTerms(terms: readonly DomainTerm[]): DomainTerm[] {
  const byConcept = new Map<string, { stems: string[]; forms: string[] }>();
  for (const t of terms) {
    let m = byConcept.get(t.concept);
    if (!m) byConcept.set(t.concept, (m = { stems: [], forms: [] }));
    for (const x of t.stems) if (!m.stems.includes(x)) m.stems.push(x);
    for (const x of t.forms ?? []) if (!m.forms.includes(x)) m.forms.push(x);
  }
  return [...byConcept].map(([concept, m]) =>
    m.forms.length > 0 ? { concept, stems: m.stems, forms: m.forms } : { concept, stems: m.stems },
  );
}

export const defaultDomainTerms: readonly DomainTerm[] = mergeTerms([...firstPass, ...secondPass]);

// Swedish inflectional endings of nouns, adjectives and verbs (`drog-er`, `berusad-e`, `påbörja-s`).
const ENDINGS = [
  '',
  'a',
  'e',
  'n',
  's',
  't',
  'r',
  'd',
  'en',
  'et',
  'er',
  'ar',
  'or',
  'na',
  'ns',
  'es',
  'as',
  'ts',
  'at',
  'ad',
  'de',
  'te',
  'ens',
  'ets',
  'ers',
  'nas',
  'ade',
  'ande',
  'ende',
  'arna',
  'erna',
  'orna',
  'ning',
  'ningen',
  'ningar',
  'ats',
  'des',
  'het',
  'heten',
];
// Stems shorter than this match only as exact forms: `rån` must not match `rånd…`-like words.
const MIN_STEM = 4;
// A compound's modifier or head must leave at least this many letters for the other part.
const MIN_PART = 3;
// Typing slips (`depresion`, `cannabsi`) are forgiven in forms this long (see spelling.ts).
const MIN_TYPO = 6;

/** Words to concepts, compiled once per list. */
export interface TermMatcher {
  /** The word as its concept's words, or the word itself when no family has it. */
  conceptOf(word: string): readonly string[];
  /** Phrases of several words (lower case, longest first) and their concepts. */
  readonly phrases: readonly { readonly words: readonly string[]; readonly concept: string }[];
}

// Slips are forgiven in these forms only (not every inflection): the typo map stays small.
const FORGIVING_ENDINGS = new Set(['', 'a', 'e', 'en', 'et', 'er', 'ar', 'n', 't']);

const compiled = new WeakMap<readonly DomainTerm[], TermMatcher>();

/** The matcher of a term list, compiled once per list (engines are rebuilt; lists rarely change). */
export function compileTerms(terms: readonly DomainTerm[]): TermMatcher {
  let matcher = compiled.get(terms);
  if (!matcher) {
    matcher = compileTermsNow(terms);
    compiled.set(terms, matcher);
  }
  return matcher;
}

function compileTermsNow(terms: readonly DomainTerm[]): TermMatcher {
  const forms: [string, string, boolean][] = [];
  const stems: { stem: string; concept: string }[] = [];
  const phrases: { words: string[]; concept: string }[] = [];
  for (const t of terms) {
    // The concept's own words are members too, so their slips and folded spellings are found —
    // as whole words only: `våldsutövande` is not `våld`.
    for (const word of t.concept.split(' ')) {
      if (word.length >= MIN_STEM)
        for (const ending of ENDINGS)
          forms.push([word + ending, t.concept, FORGIVING_ENDINGS.has(ending)]);
    }
    for (const form of t.forms ?? []) {
      const lower = form.toLocaleLowerCase('sv-SE').trim();
      const parts = lower.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== '');
      if (parts.length > 1) phrases.push({ words: parts, concept: t.concept });
      else if (parts.length === 1) forms.push([parts[0] as string, t.concept, true]);
    }
    for (const raw of t.stems) {
      const stem = raw.toLocaleLowerCase('sv-SE');
      if (stem.length < MIN_STEM) forms.push([stem, t.concept, true]);
      else stems.push({ stem, concept: t.concept });
    }
  }
  for (const { stem, concept } of stems)
    for (const ending of ENDINGS)
      forms.push([stem + ending, concept, FORGIVING_ENDINGS.has(ending)]);
  // `psykisk ohälsa` is a concept of its own, not `psykisk` + something: its words stay themselves.
  const words = new WordList<string>(
    forms.map(
      ([form, concept, forgiving]) =>
        [
          form,
          concept.includes(' ') && concept.split(' ').includes(form) ? form : concept,
          forgiving,
        ] as const,
    ),
    MIN_TYPO,
  );
  // Longest stems first: `brottslig` before `brott`. Compounds are matched on folded spelling.
  const folds = stems
    .map(({ stem, concept }) => ({ stem: folded(stem), concept }))
    .sort((a, b) => b.stem.length - a.stem.length);
  const cache = new Map<string, readonly string[]>();

  const lookup = (word: string): string => {
    const whole = words.exactly(word);
    if (whole !== undefined) return whole;
    const w = folded(word);
    // Compound head (`narkotikabrott`, `vårdnadstvist`): the head is what it is, the modifier stays.
    for (const { stem, concept } of folds) {
      const at = w.lastIndexOf(stem);
      if (at < MIN_PART) continue;
      if (ENDINGS.includes(w.slice(at + stem.length))) return word.slice(0, at) + concept;
    }
    // Compound modifier (`suicidtankar`, `alkoholproblem`): the family decides the meaning.
    for (const { stem, concept } of folds) {
      if (w.startsWith(stem) && w.length - stem.length >= MIN_PART) return concept;
    }
    return words.find(word) ?? word;
  };

  phrases.sort((a, b) => b.words.length - a.words.length);
  return {
    phrases,
    conceptOf(word) {
      let c = cache.get(word);
      if (c === undefined) {
        c = lookup(word).split(' ');
        if (cache.size < 100_000) cache.set(word, c);
      }
      return c;
    },
  };
}
