// Normalisation of raw values: a normalised form is DERIVED from a raw value for matching,
// clustering and display; the raw value itself is never changed. Every step is a named rule
// that a project can switch off, and `previewNormaliseRules` shows what each one changes so the
// rules panel can explain itself before anything is applied.
//
// Å, ä and ö are letters of their own in Swedish (`får`/`far`, `för`/`for`): no rule here ever
// folds them, and NFC composition keeps a decomposed `å` from looking like `a` + a mark.

import svProfile from './profiles/sv-barn-och-unga.profile.json';
import type { DomainTerm } from './terms';

export const NORMALISE_RULES = [
  'case',
  'whitespace',
  'ageRanges',
  'unitPrefixes',
  'abbreviations',
  'conjunctions',
  'punctuation',
  'repeatedWords',
  'garbled',
] as const;
export type NormaliseRuleId = (typeof NORMALISE_RULES)[number];

/** An abbreviation as it is written in raw values and what it stands for. */
export interface Abbreviation {
  /** Matched case-insensitively as a whole word, e.g. `F/O`, `VH`, `11:1`. */
  readonly short: string;
  readonly long: string;
  /**
   * Matched only as written, capitals and all: `VIN` is `våld i nära relation`, the word `vin` in
   * `dricker vin` is wine. Absent or false: any case.
   */
  readonly exactCase?: boolean;
}

/** An abbreviation as stored and written: `exactCase` only when true (absent means any case). */
export function abbreviationOf(short: string, long: string, exactCase: unknown): Abbreviation {
  return exactCase === true ? { short, long, exactCase } : { short, long };
}

export interface NormaliseConfig {
  readonly rules: Readonly<Record<NormaliseRuleId, boolean>>;
  /** Editable by the user in the rules panel. */
  readonly abbreviations: readonly Abbreviation[];
  /**
   * Leading unit or target-group markers (`B/U`, `BoF`, …) that name WHO recorded the value, not
   * what it is about. Matched case-insensitively at the start only, with spacing around `/ & -`
   * tolerated. A marker elsewhere in the value is kept (it may say whose problem it is).
   */
  readonly unitPrefixes: readonly string[];
  /**
   * Abbreviated unit codes (`BoU`, `B&U`) removed wherever they stand: `Missbruk BoU – Förälder`
   * is about the parent, the `BoU` only says which unit wrote it.
   */
  readonly unitMarkers?: readonly string[];
  /**
   * The domain vocabulary the engine matches words by (terms.ts); absent: the default vocabulary.
   * Not a normalisation of the text: it decides which words count as the same concept.
   */
  readonly terms?: readonly DomainTerm[];
}

/**
 * A configuration as stored by this or an older version, made whole: rules and lists missing are
 * the defaults, and anything of the wrong shape (a hand-edited or damaged setting) is dropped
 * rather than trusted. Never throws.
 */
export function readNormaliseConfig(stored: unknown): NormaliseConfig {
  if (stored === undefined || stored === null) return defaultNormaliseConfig;
  const o = isRecord(stored) ? stored : {};
  const rules = { ...defaultNormaliseConfig.rules };
  if (isRecord(o.rules))
    for (const rule of NORMALISE_RULES) {
      const on = o.rules[rule];
      if (typeof on === 'boolean') rules[rule] = on;
    }
  const strings = (x: unknown, fallback: readonly string[]): readonly string[] =>
    Array.isArray(x) ? x.filter((s): s is string => typeof s === 'string') : fallback;
  const abbreviations = Array.isArray(o.abbreviations)
    ? o.abbreviations.flatMap((a): Abbreviation[] =>
        isRecord(a) && typeof a.short === 'string' && typeof a.long === 'string'
          ? [abbreviationOf(a.short, a.long, a.exactCase)]
          : [],
      )
    : defaultAbbreviations;
  const config: NormaliseConfig = {
    rules,
    abbreviations,
    unitPrefixes: strings(o.unitPrefixes, defaultUnitPrefixes),
    unitMarkers: strings(o.unitMarkers, defaultUnitMarkers),
  };
  if (!Array.isArray(o.terms)) return config;
  const terms = o.terms.flatMap((t): DomainTerm[] => {
    if (!isRecord(t) || typeof t.concept !== 'string' || t.concept.trim() === '') return [];
    return [{ concept: t.concept, stems: strings(t.stems, []), forms: strings(t.forms, []) }];
  });
  return { ...config, terms };
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

// The defaults are the default profile's (profiles/sv-barn-och-unga.profile.json): `F/O`, `VH`,
// `11:1` (the paragraph investigations come under: it says investigation, not that one is opened);
// unit prefixes such as `B/U` or a lone `B` before the value; unit markers removed anywhere.
export const defaultAbbreviations: readonly Abbreviation[] = svProfile.normalise.abbreviations;
export const defaultUnitPrefixes: readonly string[] = svProfile.normalise.unitPrefixes;
export const defaultUnitMarkers: readonly string[] = svProfile.normalise.unitMarkers;

export const defaultNormaliseConfig: NormaliseConfig = {
  rules: svProfile.normalise.rules,
  abbreviations: defaultAbbreviations,
  unitPrefixes: defaultUnitPrefixes,
  unitMarkers: defaultUnitMarkers,
};

// Letters and digits of any script: word boundaries that know å, ä, ö (\b does not).
const WORD = '\\p{L}\\p{N}';

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * A pattern for a written form that tolerates any spacing around `/ & - : . §` and any run of
 * whitespace between words: `F/O` also matches `F / O`, `11 kap. 1 §` also `11 kap 1§`, and an
 * `och` also matches how it is abbreviated: `Barn och unga` matches `Barn o unga`, `Barn&unga`.
 */
function formSource(form: string): string {
  const words = form.trim().split(/\s+/u);
  let out = '';
  words.forEach((word, i) => {
    if (word.toLocaleLowerCase('sv-SE') === 'och' && i > 0 && i < words.length - 1) {
      out += '(?:\\s+(?:och|o)\\s+|\\s*&\\s*)';
      return;
    }
    const previous = words[i - 1];
    if (
      i > 0 &&
      !(previous !== undefined && previous.toLocaleLowerCase('sv-SE') === 'och' && i > 1)
    )
      out += '\\s+';
    out += wordSource(word);
  });
  return out;
}

function wordSource(word: string): string {
  let out = '';
  for (const ch of word) {
    out += /[/&\-:.§]/u.test(ch) ? `\\s*${escapeRegExp(ch)}\\s*` : escapeRegExp(ch);
  }
  return out.replace(/^\\s\*|\\s\*$/gu, '');
}

type Step = (text: string) => string;

/** Compiles the active rules once per configuration; values are then normalised in a loop. */
function compileSteps(config: NormaliseConfig): { rule: NormaliseRuleId; apply: Step }[] {
  const steps: { rule: NormaliseRuleId; apply: Step }[] = [];
  // A configuration saved by an older version may lack rules or lists added since: defaults apply.
  const on = { ...defaultNormaliseConfig.rules, ...config.rules };
  const abbreviationList = config.abbreviations ?? defaultAbbreviations;
  const prefixList = config.unitPrefixes ?? defaultUnitPrefixes;
  const markerList = config.unitMarkers ?? defaultUnitMarkers;
  // Text garbled before it reached Kodbok is read as it was meant, before anything else.
  if (on.garbled) steps.push({ rule: 'garbled', apply: repairGarbled });
  const abbreviations = abbreviationList.filter((a) => a.short.trim() !== '');
  // Abbreviations matched only as written go before the case is folded (`VIN`, not `vin`).
  const exact = abbreviations.filter((a) => a.exactCase === true);
  if (on.abbreviations && exact.length > 0) steps.push(abbreviationStep(exact, true, false));
  // Plain toLowerCase: Swedish has no special casing rules, and it is many times faster.
  if (on.case) steps.push({ rule: 'case', apply: (t) => t.toLowerCase() });
  if (on.whitespace) {
    steps.push({ rule: 'whitespace', apply: tidySpaces });
  }
  if (on.ageRanges) {
    // `0-12 år`, `(0 – 17)`, `13-20år`, `12 år`: the age group of the unit, not the reason.
    // A colon may follow (`13-17: Missbruk`), but not a paragraph number (`11:1`); otherwise the
    // range survived until punctuation was stripped and a second normalisation changed it again.
    const range = new RegExp(
      `\\(?(?<![${WORD}:])\\d{1,2}\\s*[-–—]\\s*\\d{1,2}(?:\\s*år)?(?![${WORD}]|:\\d)\\)?`,
      'giu',
    );
    const single = new RegExp(`(?<![${WORD}:])\\d{1,2}\\s*år(?![${WORD}])`, 'giu');
    steps.push({
      rule: 'ageRanges',
      apply: (t) =>
        HAS_DIGIT.test(t) ? tidySpaces(t.replace(range, ' ').replace(single, ' ')) : t,
    });
  }
  const prefixes = [...prefixList].filter((p) => p.trim() !== '');
  if (on.unitPrefixes && prefixes.length > 0) {
    prefixes.sort((a, b) => b.length - a.length);
    // Repeated (`IFO B/U …`) and followed by a separator or space; never the whole value.
    const re = new RegExp(
      `^[^${WORD}]*(?:(?:${prefixes.map(formSource).join('|')})(?![${WORD}])[^${WORD}]*)+(?=[${WORD}&+])`,
      'iu',
    );
    steps.push({ rule: 'unitPrefixes', apply: (t) => t.replace(re, '') });
  }
  const markers = markerList.filter((m) => m.trim() !== '');
  if (on.unitPrefixes && markers.length > 0) {
    const re = new RegExp(
      `(?<![${WORD}])(?:${markers.map(formSource).join('|')})(?![${WORD}])`,
      'giu',
    );
    steps.push({
      rule: 'unitPrefixes',
      apply: (t) => tidySpaces(t.replace(re, ' ')),
    });
  }
  const anyCase = abbreviations.filter((a) => a.exactCase !== true);
  if (on.abbreviations && anyCase.length > 0) steps.push(abbreviationStep(anyCase, false, on.case));
  if (on.conjunctions) {
    // `&` and `+` are `och` wherever they stand (before punctuation would make them spaces).
    const sign = /\s*[&+]\s*/gu;
    steps.push({
      rule: 'conjunctions',
      apply: (t) => (HAS_SIGN.test(t) ? t.replace(sign, ' och ').trim() : t),
    });
  }
  if (on.punctuation) {
    // `/`, dashes, brackets, quotes, `.`, `,`, `;`, `:`, `§` separate words; letters and digits stay.
    // Footnote marks copied from a report's table are no part of the word they end (`ej¹`,
    // `omsorg²`): superscript and subscript digits separate words too.
    const re = new RegExp(`[^${WORD}\\s]+|[\\u00b2\\u00b3\\u00b9\\u2070-\\u209f]+`, 'gu');
    // … but the colon of a genitive after a short form is part of the word: `mo:s`, `BUP:s`.
    const genitive = new RegExp(`(?<=\\p{L}):s(?![${WORD}])`, 'gu');
    steps.push({
      rule: 'punctuation',
      apply: (t) => (t.includes(':') ? t.replace(genitive, 's') : t).replace(re, ' '),
    });
  }
  if (on.whitespace || on.punctuation || on.conjunctions) {
    steps.push({ rule: on.whitespace ? 'whitespace' : 'punctuation', apply: tidySpaces });
  }
  if (on.conjunctions) {
    // A lone `o` between two words is `och`: `Missbruk barn o ungdom`. Only once punctuation is
    // gone can it be told from the `o` of `F/O`.
    const lone = new RegExp(`(?<=[${WORD}] )o(?= [${WORD}])`, 'giu');
    steps.push({ rule: 'conjunctions', apply: (t) => t.replace(lone, 'och') });
  }
  if (on.repeatedWords) {
    // After expansion `Utredning inleds 11:1` says `utredning inleds` twice; once is the meaning.
    steps.push({ rule: 'repeatedWords', apply: dropRepeatedWords });
  }
  return steps;
}

// Quick tests that let a step skip values it cannot change (most values have no digit or sign).
const HAS_DIGIT = /\d/u;
const HAS_SIGN = /[&+]/u;

const SPACES = /\s+/gu;
// A short form without a letter or digit: a sign (`🍺`, `Ø`).
const SYMBOL = new RegExp(`^[^${WORD}]+$`, 'u');
// Whitespace that tidying would change: a run, one that is not a plain space, or one at an end.
const UNTIDY = /\s\s|[^\S ]|^ | $/u;

/** Runs of whitespace as one space, none at the ends; most texts are so already and kept as they are. */
function tidySpaces(t: string): string {
  return UNTIDY.test(t) ? t.replace(SPACES, ' ').trim() : t;
}

// Windows-1252's characters for the bytes 0x80–0x9F (where Latin-1 has control characters).
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';
/** A character as the byte Windows-1252 (or Latin-1) writes it; -1 when it has none. */
function cp1252Byte(ch: string): number {
  const code = ch.charCodeAt(0);
  if (code < 0x80 || (code >= 0xa0 && code <= 0xff)) return code;
  const at = CP1252_HIGH.indexOf(ch);
  return at >= 0 ? 0x80 + at : code >= 0x80 && code < 0xa0 ? code : -1;
}
// A UTF-8 lead byte read as Windows-1252 (`Ã`, `Â`, `â`) and one to three continuation bytes.
const MOJIBAKE = new RegExp(
  `[\u00c2-\u00f4][\u0080-\u00bf${CP1252_HIGH.replace(/[\u0080-\u009f]/gu, '')}]{1,3}`,
  'gu',
);
// The same, to test for one without a replace (Swedish text has `ä`, `å` and `Ä` everywhere).
const HAS_MOJIBAKE = new RegExp(MOJIBAKE.source, 'u');
// What a repaired run may be: letters and signs of Latin script and general punctuation.
const REPAIRED = /^[\u00a0-\u024f\u2010-\u2027\u20ac\u2122]+$/u;
const UTF8 = new TextDecoder('utf-8', { fatal: true });

/** Bytes read as UTF-8, or null when they are not. */
function utf8(bytes: Uint8Array): string | null {
  try {
    return UTF8.decode(bytes);
  } catch {
    return null;
  }
}
const ENTITY = /&(#\d{1,6}|#x[0-9a-f]{1,5}|[a-z]{2,8});/giu;
const ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  aring: 'å',
  auml: 'ä',
  ouml: 'ö',
  Aring: 'Å',
  Auml: 'Ä',
  Ouml: 'Ö',
  eacute: 'é',
  Eacute: 'É',
  uuml: 'ü',
  Uuml: 'Ü',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
};
// A hyphen and one space between a letter and a lower-case word that does not join two parts.
const LINE_BREAK_HYPHEN =
  /(?<=\p{L})- (?!(?:och|eller|samt|resp|respektive|som|till|and|or|nor|to)(?![\p{L}\p{N}]))(\p{Ll})/gu;
// Excel's escape of a control character in a cell (`_x000D_`, a carriage return).
const EXCEL_ESCAPE = /_x00([01][0-9a-f])_/giu;

/**
 * Text garbled before it reached Kodbok, read as it was meant: UTF-8 that a system read as
 * Windows-1252 (`fÃ¶rÃ¤lder`, `Dadâ€™s`), HTML's character references (`F&ouml;r&auml;lder`,
 * `&lt;`), Excel's escaped control characters (`_x000D_`) and a PDF's line-break hyphen
 * (`för- älder`). Only what decodes to letters and signs of Latin script is repaired; text that is
 * right is never touched (`Förälder` stays).
 */
// Swedish typed on a US keyboard layout (a remote desktop's, a borrowed laptop's): å ä ö are the
// keys of [ ' ; (Å Ä Ö of { " :), so `Missbruk förälder` comes out `Missbruk f;r'lder`. A word is
// so typed when `[` or `;` stands between letters or `[` ends it; a `;` between two words of four
// letters or more is a separator (`missbruk;kriminalitet`), not a slip, and a value that has an
// å, ä or ö of its own was typed on a Swedish layout.
const US_LAYOUT_WORD =
  /(?<![\p{L}[;'])[\p{L}[;'{:"]*\p{L}[[;]\p{L}[\p{L}[;']*|(?<![\p{L}])[\p{L}']*\p{L}\[(?![\p{L}])/gu;
const SWEDISH_LETTER = /[åäöÅÄÖ]/u;
const US_SEPARATOR = /^\p{L}{4,};\p{L}{4,}$/u;
const US_KEYS: Readonly<Record<string, string>> = {
  '[': 'å',
  "'": 'ä',
  ';': 'ö',
  '{': 'Å',
  '"': 'Ä',
  ':': 'Ö',
};

/** A value typed on a US layout, read as typed on a Swedish one; any other value as it is. */
function repairLayout(t: string): string {
  if ((!t.includes('[') && !t.includes(';')) || SWEDISH_LETTER.test(t)) return t;
  let slipped = false;
  const words = t.replace(US_LAYOUT_WORD, (word) => {
    if (US_SEPARATOR.test(word)) return word;
    slipped = true;
    return word.replace(/[[';]/gu, (k) => US_KEYS[k] as string);
  });
  if (!slipped) return t;
  // The same value's other words: an `ä` alone (`'r`), capitals at a word's start (`:verl'mnas`).
  return words
    .replace(/(?<![\p{L}])'(?=\p{L})|(?<=\p{L})'(?=\p{L})/gu, 'ä')
    .replace(/(?<![\p{L}])[{":](?=\p{Ll})/gu, (k) => US_KEYS[k] as string);
}

// A system's key written in camel case (`beslut.ingenUtredning`, `missbrukForalder`): a word of
// three small letters or more, then a capital and small letters, is two words. Short forms with a
// capital inside (`SoL`, `BoU`, `iPhone`, `McDonald`) have fewer small letters before it.
const CAMEL_CASE = /(?<=\p{Ll}{3})(?=\p{Lu}\p{Ll}{2})/gu;
const HAS_CAMEL_CASE = /\p{Ll}{3}\p{Lu}\p{Ll}{2}/u;
// A developer's identifier of three words or more (`tagenFörKlotterAvPolisen`,
// `VHBerusadHemmaBarnenEnsammaMedHen`, `ejInleddUtrFBKlar`): at least two small letters followed by
// a capital inside one word; it is split before every capital that follows a small letter, and
// between capitals and a capital that begins a word (`VH Berusad`).
const IDENTIFIER = /[\p{L}\p{N}]*\p{Ll}\p{Lu}[\p{L}\p{N}]*\p{Ll}\p{Lu}[\p{L}\p{N}]*/gu;
const IDENTIFIER_BREAK = /(?<=\p{Ll})(?=\p{Lu})|(?<=\p{Lu})(?=\p{Lu}\p{Ll})/gu;

// A word processor's tracked changes left in a pasted value: deleted text is not the value
// (`[Borttaget: Ingen ]Utredning inleds` is an investigation started), inserted text is.
const TRACKED_DELETION = /\[(?:borttaget|raderat|deleted):[^\]]*\]/giu;
const TRACKED_INSERTION = /\[(?:infogat|inserted):\s?([^\]]*)\]/giu;

// A heading a PDF spaced out letter by letter (`B r i s t a n d e  o m s o r g`): runs of three
// letters or more, each alone between single spaces, are words again (two spaces part them).
const LETTER_SPACED = /(?<![\p{L}\p{N}])\p{L}(?: \p{L}){2,}(?![\p{L}\p{N}])/gu;
// …and so are two after a wider gap that end the value or stand before another: a short word
// spaced out for emphasis, as a typewriter stressed it (`Utredning inleds  e j`).
const LETTER_SPACED_PAIR = /(?<=\S\s\s)\p{L} \p{L}(?=\s\s|$)/gu;

/**
 * A value with its letter-spaced runs as words (`B r i s t a n d e  o m s o r g` →
 * `Bristande  omsorg`, `Utredning inleds  e j` → `Utredning inleds  ej`). Read by the engine before
 * normalising, not a normalisation step: removing punctuation may leave single letters side by side
 * (`x ö, B`) that a second normalisation would then join, and a normalised form must not change
 * when normalised again.
 */
export function joinLetterSpaced(text: string): string {
  if (!text.includes(' ')) return text;
  const joined = text.replace(LETTER_SPACED, (run) => run.replace(/ /gu, ''));
  return joined.includes('  ')
    ? joined.replace(LETTER_SPACED_PAIR, (pair) => pair.replace(' ', ''))
    : joined;
}

// A terminal's escape codes for bold or colour (SGR, ECMA-48), as a log or a console export keeps
// them: the escape character itself or its caret notation `^[` (`^[[1mNedstämd^[[0m`).
// eslint-disable-next-line no-control-regex -- the escape character is what is matched
const TERMINAL_ESCAPE = /(?:\u001b|\^\[)\[[0-9;]*m/gu;

// Cyrillic letters that look like Latin ones (Unicode's confusables, UTS #39), as a keyboard that
// switches layout by itself types them into Latin words (`cаnnаbіs`, `Pарра`, `ЕКВ`).
// Written as escapes: in the source they would look like the Latin letters they stand for.
const LOOK_ALIKE_FROM =
  '\u0430\u0435\u043e\u0440\u0441\u0445\u0443\u0456\u0458\u0455\u0501\u04bb\u04cf\u04af\u0410\u0412\u0415\u041a\u041c\u041d\u041e\u0420\u0421\u0422\u0425\u0406\u0408\u0405\u04ae';
const LOOK_ALIKE_TO = 'aeopcxyijsdhlyABEKMHOPCTXIJSY';
const LOOK_ALIKE: ReadonlyMap<string, string> = new Map(
  [...LOOK_ALIKE_FROM].map((c, i) => [c, LOOK_ALIKE_TO[i] as string]),
);
const CYRILLIC = /\p{Script=Cyrillic}/u;
const CYRILLIC_WORD = /[\p{L}\p{M}]*\p{Script=Cyrillic}[\p{L}\p{M}]*/gu;
const LATIN = /\p{Script=Latin}/u;

/**
 * Cyrillic look-alikes as the Latin letters they look like: in a word that also has Latin letters,
 * and in every word of a text whose Cyrillic letters all look Latin (`ЕКВ`). Text written in
 * Cyrillic (with a letter of its own, `дом`) stays as it is but for its mixed words.
 */
function latinLookAlikes(t: string): string {
  if (!CYRILLIC.test(t)) return t;
  const lookAlike = (w: string) => [...w].every((c) => !CYRILLIC.test(c) || LOOK_ALIKE.has(c));
  const all = (t.match(CYRILLIC_WORD) ?? []).every(lookAlike);
  return t.replace(CYRILLIC_WORD, (w) =>
    lookAlike(w) && (all || LATIN.test(w)) ? [...w].map((c) => LOOK_ALIKE.get(c) ?? c).join('') : w,
  );
}

// A Mac's dead diaeresis key that did not compose: the spacing diaeresis typed before the vowel it
// was to go on (`f¨or¨alder`, `sk¨ar`), as a remote desktop or a web form passes it on.
const LOOSE_DIAERESIS = /\u00a8([aeiouyAEIOUY])/gu;

// A table copied back out of a LaTeX source: Swedish letters as TeX writes them (`\"a`, `{\"o}`,
// `\aa{}`, `{\AA}`, `\'e`), a command around a word (`\emph{snattat}`), escaped signs (`\&`, `\%`)
// and the row's end (`\\`).
const TEX_ACCENT = /\{?\\(["'`^~])\{?([A-Za-z])\}?\}?/gu;
// Only braced (`{\aa}`, `\aa{}`), as TeX needs before a letter: a path's `\aa.txt` is no å.
const TEX_RING = /\{\\(aa|AA)\}|\\(aa|AA)\{\}/gu;
const TEX_COMMAND = /\\(?:emph|textbf|textit|texttt|underline|mbox|text)\{([^{}]*)\}/gu;
const TEX_ESCAPE = /\\([&%$#_])/gu;
const TEX_ROW_END = /\s*\\\\\s*(?=$|&)/gu;
const TEX_MARK: Readonly<Record<string, string>> = {
  '"': '\u0308',
  "'": '\u0301',
  '`': '\u0300',
  '^': '\u0302',
  '~': '\u0303',
};
const HAS_TEX =
  /\\(?:["'`^~]\{?[A-Za-z]|aa|AA|emph|textbf|textit|texttt|underline|mbox|text\{|[&%$#_]|\\)/u;

// A `\"` that closes a quotation (`sa \"nej\" till`) is a quote escaped as JSON escapes it: then no
// `\"` of the value is TeX's umlaut, which is always followed by a letter or a brace.
const ESCAPED_QUOTE = /\\"(?![A-Za-z{])/u;

function repairTeX(t: string): string {
  if (!t.includes('\\') || !HAS_TEX.test(t)) return t;
  const quoted = ESCAPED_QUOTE.test(t);
  return t
    .replace(TEX_COMMAND, '$1')
    .replace(TEX_ACCENT, (m: string, mark: string, letter: string) =>
      mark === '"' && quoted ? m : `${letter}${TEX_MARK[mark] as string}`.normalize('NFC'),
    )
    .replace(TEX_RING, (_, a?: string, b?: string) => ((a ?? b) === 'AA' ? 'Å' : 'å'))
    .replace(TEX_ESCAPE, '$1')
    .replace(TEX_ROW_END, '');
}

function repairGarbled(t: string): string {
  if (t.includes('[')) t = t.replace(TERMINAL_ESCAPE, '');
  if (t.includes('\u00a8'))
    t = t.replace(LOOSE_DIAERESIS, (_, v: string) => `${v}\u0308`.normalize('NFC'));
  t = latinLookAlikes(t);
  t = repairTeX(t);
  if (t.includes('[') && t.includes(':')) {
    t = t.replace(TRACKED_DELETION, '').replace(TRACKED_INSERTION, '$1');
  }
  if (/\p{Ll}\p{Lu}/u.test(t)) t = t.replace(IDENTIFIER, (w) => w.replace(IDENTIFIER_BREAK, ' '));
  if (HAS_CAMEL_CASE.test(t)) t = t.replace(CAMEL_CASE, ' ');
  // A word a PDF broke at a line end (`för- älder`, `Själv- skadebeteende`) is one word again; an
  // elided compound's first part is not (`barn- och ungdomspsykiatri`, `pre- and post-natal`).
  if (t.includes('- ')) t = t.replace(LINE_BREAK_HYPHEN, '$1');
  // Garbled twice (`&amp;ouml;`, `ÃƒÂ¶`) is repaired twice: to a fixed point, so that normalising
  // again changes nothing.
  let out = t;
  for (let round = 0; round < 4; round++) {
    const next = repairOnce(out);
    if (next === out) break;
    out = next;
  }
  // Last: an entity's `;` (`F&ouml;r&auml;lder`) is no key typed on a US layout.
  return repairSevenBit(repairLayout(out));
}

// An e-mail's raw source (quoted-printable, RFC 2045): UTF-8 bytes as `=C3=B6`, and a `=` where a
// line was wrapped inside a word (`demen=sboendet`), which goes only once a byte run was read.
const QUOTED_PRINTABLE = /(?:=[0-9A-F]{2})+/gu;
const SOFT_BREAK = /(?<=\p{L})=(?=\p{L})/gu;

function decodeQuotedPrintable(t: string): string {
  let decoded = false;
  const out = t.replace(QUOTED_PRINTABLE, (run: string) => {
    const bytes = new Uint8Array(run.length / 3);
    for (let i = 0; i < bytes.length; i++) bytes[i] = parseInt(run.slice(3 * i + 1, 3 * i + 3), 16);
    // Only runs that are UTF-8 of letters and signs beyond ASCII (`=3D` alone, `=20` stay).
    const text = bytes.some((b) => b >= 0x80) ? utf8(bytes) : null;
    if (text === null) return run;
    decoded = true;
    return text;
  });
  return decoded ? out.replace(SOFT_BREAK, '') : t;
}

// Swedish in 7 bits (SEN 850200, the Swedish ISO 646), as an old system exported it: `}` å, `{` ä,
// `|` ö, and `]` Å, `[` Ä, `\` Ö first in a word. Only in a value with no å, ä or ö, and only in a
// word of letters and these signs, one of them next to a small letter (`f|r{lder`, `p} n{tet`,
// `\verl{mnat`): `X | Y`, `{"a":1}`, `{dricker}`, `RSN|1` and `inte|e2b8d0f4` stay as
// they are.
const SEVEN_BIT_WORD = /(?<![\p{L}\p{N}{}|[\]\\])[\p{L}{}|[\]\\]+(?![\p{L}\p{N}{}|[\]\\])/gu;
const SEVEN_BIT_SIGN = /\p{Ll}[{}|]|[{}|]\p{Ll}/u;
const SEVEN_BIT_SMALL = /[{}|]/gu;
// A word in braces or bars (`{dricker}`, `|Obs|`) is marked, not written in 7 bits.
const ENCLOSED = /^(?:\{[^{}|]*\}|\|[^{}|]*\|)$/u;
const SEVEN_BIT_CAPITAL = /^[\][\\](?=\p{Ll})/u;
const SEVEN_BIT: Readonly<Record<string, string>> = {
  '}': 'å',
  '{': 'ä',
  '|': 'ö',
  ']': 'Å',
  '[': 'Ä',
  '\\': 'Ö',
};

function repairSevenBit(t: string): string {
  if (!SEVEN_BIT_SIGN.test(t) || SWEDISH_LETTER.test(t)) return t;
  return t.replace(SEVEN_BIT_WORD, (word) =>
    SEVEN_BIT_SIGN.test(word) && !ENCLOSED.test(word)
      ? word
          .replace(SEVEN_BIT_SMALL, (k) => SEVEN_BIT[k] as string)
          .replace(SEVEN_BIT_CAPITAL, (k) => SEVEN_BIT[k] as string)
      : word,
  );
}

function repairOnce(t: string): string {
  let out = t;
  if (out.includes('_x00'))
    out = out.replace(EXCEL_ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  if (out.includes('&'))
    out = out.replace(ENTITY, (m: string, name: string) => {
      if (name.startsWith('#')) {
        const code =
          name[1] === 'x' || name[1] === 'X'
            ? parseInt(name.slice(2), 16)
            : parseInt(name.slice(1), 10);
        return code >= 0x20 && code <= 0x10ffff && !(code >= 0xd800 && code <= 0xdfff)
          ? String.fromCodePoint(code)
          : m;
      }
      return ENTITIES[name] ?? m;
    });
  if (out.includes('=')) out = decodeQuotedPrintable(out);
  if (HAS_MOJIBAKE.test(out))
    out = out.replace(MOJIBAKE, (run: string) => {
      const bytes = new Uint8Array(run.length);
      for (let i = 0; i < run.length; i++) {
        const b = cp1252Byte(run[i] as string);
        if (b < 0) return run;
        bytes[i] = b;
      }
      const text = utf8(bytes);
      return text !== null && REPAIRED.test(text) ? text : run;
    });
  return out;
}

/**
 * A word said again within this many words is an echo (`utredning inleds 11:1`, expanded, says
 * `utredning inleds utredning`; `Missbruk - missbruk`). Further apart it is the sentence's own
 * (`drog henne i håret och slog henne i ansiktet`): dropping it there lost who was hurt.
 */
const ECHO_WITHIN = 2;

function dropRepeatedWords(t: string): string {
  const words = t.split(' ');
  // After the case rule the text is lower case already: its words are their own keys.
  const lower = t === t.toLowerCase() ? words : words.map((w) => w.toLowerCase());
  // Most values echo nothing: checked without building anything more.
  let repeated = false;
  for (let i = 1; i < lower.length && !repeated; i++) {
    for (let j = Math.max(0, i - ECHO_WITHIN); j < i; j++) {
      if (lower[i] === lower[j]) {
        repeated = true;
        break;
      }
    }
  }
  if (!repeated && !words.includes('')) return t;
  // Against the words kept, not those read: applied again, nothing more is dropped.
  const out: string[] = [];
  const kept: string[] = [];
  words.forEach((word, i) => {
    const key = lower[i] as string;
    if (word === '') return;
    for (let k = Math.max(0, kept.length - ECHO_WITHIN); k < kept.length; k++)
      if (kept[k] === key) return;
    kept.push(key);
    out.push(word);
  });
  return out.join(' ');
}

/**
 * The step that writes abbreviations out, matched in any case or, `exactCase`, only as written;
 * `lowerLong`: the long forms lowercased, as the value is by then.
 */
function abbreviationStep(
  abbreviations: readonly Abbreviation[],
  exactCase: boolean,
  lowerLong: boolean,
): { rule: NormaliseRuleId; apply: Step } {
  const keyOf = (form: string) => (exactCase ? form.replace(SPACES, '') : abbreviationKey(form));
  const sorted = [...abbreviations].sort((a, b) => b.short.length - a.short.length);
  const byKey = new Map<string, string>();
  for (const a of sorted) {
    const key = keyOf(a.short);
    if (!byKey.has(key)) byKey.set(key, lowerLong ? a.long.toLocaleLowerCase('sv-SE') : a.long);
  }
  // `VH:s` is the genitive (`vårdnadshavares`); `VH1`, `VH2` number the persons of a short form
  // that ends in a letter (`vårdnadshavare 1`), not one that ends in a digit (`11:1`).
  const re = new RegExp(
    `(?<![${WORD}])(${sorted.map((a) => formSource(a.short)).join('|')})(?:(:s)|(\\d{1,2}))?(?![${WORD}])`,
    exactCase ? 'gu' : 'giu',
  );
  return {
    rule: 'abbreviations',
    apply: (t) =>
      t.replace(
        re,
        (m: string, short: string, genitive: string | undefined, n: string | undefined) => {
          const long = byKey.get(keyOf(short));
          if (long === undefined) return m;
          if (n !== undefined) return /\p{L}$/u.test(short) ? `${long} ${n}` : m;
          if (genitive) return `${long}s`;
          // A sign for a word (`🍺`) stands between words, or beside its like (`🍺🍺🍺`): a word apart.
          return SYMBOL.test(short) ? ` ${long} ` : long;
        },
      ),
  };
}

/**
 * The lookup key of an abbreviation as matched: case and spacing do not matter. (Plain
 * toLowerCase: only Turkish, Azeri and Lithuanian lower-case otherwise, and it is many times faster
 * than a locale's, for every abbreviation found in every value.)
 */
function abbreviationKey(form: string): string {
  return form.toLowerCase().replace(SPACES, '');
}

const compiled = new WeakMap<NormaliseConfig, { rule: NormaliseRuleId; apply: Step }[]>();

function stepsOf(config: NormaliseConfig): { rule: NormaliseRuleId; apply: Step }[] {
  let steps = compiled.get(config);
  if (!steps) {
    steps = compileSteps(config);
    compiled.set(config, steps);
  }
  return steps;
}

// Below U+0300 no character has a composition or a canonical decomposition: text of those alone
// (most values) is NFC as it is, and is not handed to ICU. (The range starts at tab, not NUL, for
// the linter: the rare control characters below it take the slow way.)
const MAY_COMPOSE = /[^\t-\u02ff]/u;

// Characters that format text and are never part of a word: a soft hyphen (`för\u00adälder`, from
// a PDF or a word processor), zero-width spaces and joiners, direction marks, a byte-order mark.
const FORMAT_CHARACTERS = /\p{Cf}+/gu;
// A typesetter's ligatures (`ﬁ`, `ﬂ`, `ﬀ`, `ﬃ`, from a PDF), full-width forms from an East Asian
// input method (`（`, `：`, `，`), and the styled letters of a phone's "bold text" (`𝗢𝗺𝘀𝗼𝗿𝗴`,
// Mathematical Alphanumeric Symbols): their plain letters and signs (NFKC, these alone).
const COMPATIBILITY_FORMS = /[\ufb00-\ufb06\uff01-\uff5e\u{1d400}-\u{1d7ff}]/gu;

/**
 * The raw value in NFC, without format characters, its ligatures, full-width and styled letters as
 * plain ones: text copied from a PDF or a phone reads as it looks (`Omsorgs\u00adbrist`, `Fysisk
 * bestraﬀning`, `𝗔𝗹𝗸𝗼𝗵𝗼𝗹𝗺𝗶𝘀𝘀𝗯𝗿𝘂𝗸`).
 */
function composed(raw: string): string {
  // (A soft hyphen is below U+0300: MAY_COMPOSE does not see it.)
  const text = raw.includes('\u00ad') ? raw.replace(FORMAT_CHARACTERS, '') : raw;
  if (!MAY_COMPOSE.test(text)) return text;
  return text
    .replace(FORMAT_CHARACTERS, '')
    .replace(COMPATIBILITY_FORMS, (l) => l.normalize('NFKC'))
    .normalize('NFC');
}

/** The normalised form of a raw value under a configuration. Pure: the raw value is untouched. */
export function normaliseValue(
  raw: string,
  config: NormaliseConfig = defaultNormaliseConfig,
): string {
  let text = composed(raw);
  for (const step of stepsOf(config)) text = step.apply(text);
  return text;
}

/** One step of a value's normalisation, for a tooltip that explains a normalised form. */
export interface NormaliseTrace {
  readonly rule: NormaliseRuleId;
  readonly before: string;
  readonly after: string;
}

/** The rules that changed this value, in order, with the text before and after each. */
export function explainNormalisation(
  raw: string,
  config: NormaliseConfig = defaultNormaliseConfig,
): NormaliseTrace[] {
  const out: NormaliseTrace[] = [];
  let text = composed(raw);
  for (const step of stepsOf(config)) {
    const next = step.apply(text);
    if (next !== text) out.push({ rule: step.rule, before: text, after: next });
    text = next;
  }
  return out;
}

/** What one rule does to a set of values: how many it changes, with a few examples. */
export interface RulePreview {
  readonly rule: NormaliseRuleId;
  readonly enabled: boolean;
  /** Values whose normalised form differs with the rule on versus off (other rules as configured). */
  readonly changed: number;
  readonly examples: readonly {
    readonly raw: string;
    readonly without: string;
    readonly with: string;
  }[];
}

/**
 * For the rules panel: for each rule, how many of `values` it changes. Measured as the difference
 * the rule makes to the final normalised form, so rules that overlap are not double-counted.
 */
export function previewNormaliseRules(
  values: readonly string[],
  config: NormaliseConfig = defaultNormaliseConfig,
  maxExamples = 5,
): RulePreview[] {
  return NORMALISE_RULES.map((rule) => {
    const withRule: NormaliseConfig = { ...config, rules: { ...config.rules, [rule]: true } };
    const withoutRule: NormaliseConfig = { ...config, rules: { ...config.rules, [rule]: false } };
    let changed = 0;
    const examples: { raw: string; without: string; with: string }[] = [];
    for (const raw of values) {
      const a = normaliseValue(raw, withoutRule);
      const b = normaliseValue(raw, withRule);
      if (a === b) continue;
      changed++;
      if (examples.length < maxExamples) examples.push({ raw, without: a, with: b });
    }
    return {
      rule,
      enabled: config.rules[rule] ?? defaultNormaliseConfig.rules[rule],
      changed,
      examples,
    };
  });
}
