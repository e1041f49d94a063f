// How systems phrase the action taken after an aktualisering (åtgärd), and the few ways they
// name type and sex. Every phrasing belongs to one leaf of its starter codebook.

/** Leaf codes of the action codebook, in codebook order. */
export const ACTION_CODES = ['UTR1', 'UTR2', 'EJU1', 'EJU2', 'EJU3', 'ANN1', 'ANN2'] as const;
export type ActionCode = (typeof ACTION_CODES)[number];

/**
 * Phrasings per action, most common first. Negation decides the category: `Utredning inleds ej`
 * (EJU1) is the opposite of `Utredning inleds` (UTR1), so the negated forms are listed apart.
 */
export const ACTION_PHRASES: Readonly<Record<ActionCode, readonly string[]>> = {
  UTR1: [
    'Utredning inleds',
    'Inleda utredning',
    'Utredning inledd',
    'Beslut att inleda utredning',
    'Utredning enl 11:1 SoL',
    'Inledd utredning',
    'Utredning 11:1',
    'Utredning inleds enligt 11 kap. 1 § SoL',
    'Utredning påbörjas',
    'Ny utredning',
    'Utredning startad',
    'Inled utredning',
    'Beslut om utredning',
    'Utr inleds',
    'Utredning inleds (11:1)',
    'Inleder utredning 11 kap 1 § SoL',
    'Öppnar utredning',
    'Utredning - inleds',
  ],
  UTR2: [
    'Påförs pågående utredning',
    'Läggs till pågående utredning',
    'Pågående utredning - påförs',
    'Ingår i pågående utredning',
    'Biläggs pågående utredning',
    'Till pågående utredning',
    'Redan pågående utredning',
    'Beaktas i pågående utredning',
    'Påförs pågående utr',
    'Aktualisering i pågående utredning',
    'Påföres pågående utredning',
  ],
  EJU1: [
    'Utredning inleds ej',
    'Ingen utredning inleds',
    'Utredning inleds inte',
    'Ej utredning',
    'Inleder ej utredning',
    'Ingen utredning',
    'Beslut att inte inleda utredning',
    'Ingen åtgärd',
    'Utredning ej aktuell',
    'Inleds ej',
    'Förhandsbedömning utan utredning',
    'Avslutad förhandsbedömning - ingen utredning',
    'Ej inleda utredning',
    '11:1 inleds ej',
    'Utredning inleds ej 11:1',
    'Inte inleda utredning',
    'Ingen utr',
    'Avslut utan utredning',
    'Ingen vidare åtgärd',
    'Ej åtgärd',
  ],
  EJU2: [
    'Hänvisning till annan verksamhet',
    'Råd och stöd',
    'Ingen utredning, hänvisning',
    'Stöd utan biståndsbeslut',
    'Hänvisad till öppenvården',
    'Ingen utredning - råd och stöd',
    'Råd o stöd',
    'Service/råd och stöd',
    'Öppen insats utan biståndsbeslut',
    'Hänvisning BUP',
    'Hänvisning till familjebehandling',
    'Serviceinsats',
    'Ingen utredning, insats utan beslut',
    'Hänvisas',
    'Förhandsbedömning - hänvisning',
    'Råd, stöd och hänvisning',
    'Hänvisning till annan huvudman',
  ],
  EJU3: [
    'Överlämnas till annan kommun',
    'Överflyttning till annan kommun',
    'Överlämnad till annan myndighet',
    'Överlämnas',
    'Överflyttning',
    'Flyttat till annan kommun',
    'Överlämnat till annan kommun',
    'Vidarebefordrad till annan kommun',
    'Skickad till annan kommun',
    'Överlämnas enl 2a kap 10 § SoL',
    'Överlämnad',
    'Annan kommun',
  ],
  ANN1: [
    'Påförs pågående ärende',
    'Pågående ärende - påförs',
    'Påförs akt',
    'Aktuellt ärende',
    'Redan aktuell',
    'Läggs till pågående ärende',
    'Påförs pågående insats',
    'Pågående insats',
    'Påförs pågående förhandsbedömning',
    'Aktuell sedan tidigare',
    'Till akt',
    'Påförs öppet ärende',
  ],
  ANN2: [
    'Annan åtgärd',
    'Annat',
    'Övrig åtgärd',
    'Annat beslut',
    'Annan',
    'Övrigt beslut',
    'Annan åtgärd vidtas',
    'Åtgärd saknas',
  ],
};

/**
 * Each system's standard list: the index of its phrasing per action (in ACTION_CODES order).
 * Municipalities on the same system share these phrasings unless they configured their own.
 */
export const SYSTEM_ACTION_DEFAULTS: readonly (readonly number[])[] = [
  [0, 0, 0, 0, 0, 0, 0],
  [1, 1, 1, 1, 1, 1, 1],
  [2, 2, 2, 2, 2, 2, 2],
  [3, 0, 3, 3, 3, 2, 2],
  [4, 3, 4, 4, 1, 3, 3],
];

/** Some systems export the local code number with the text: `3 Utredning inleds`, `03. …`. */
export const ACTION_NUMBERING: readonly ((n: number) => string)[] = [
  (n) => `${n} `,
  (n) => `${n}. `,
  (n) => `0${n} `,
  (n) => `${n} - `,
];

/** Leaf codes of the type codebook. */
export const TYPE_CODES = ['ANM', 'ANS', 'INF'] as const;
export type TypeCode = (typeof TYPE_CODES)[number];

export const TYPE_BASES: Readonly<Record<TypeCode, readonly string[]>> = {
  ANM: ['Anmälan', 'Orosanmälan', 'Anmälan enl 14 kap 1 § SoL', 'Anm', 'Anmälan 14:1'],
  ANS: [
    'Ansökan',
    'Ansökan VH',
    'Egen ansökan',
    'Ansökan om bistånd',
    'Ansökan vårdnadshavare',
    'Ansökan den unge',
  ],
  // Internal reports from within social services ("information på annat sätt").
  INF: [
    'Egen iakttagelse',
    'Information på annat sätt',
    'Övrig information',
    'Intern aktualisering',
    'Information',
    'Kännedom på annat sätt',
    'Annan aktualisering',
  ],
};

/** Leading unit abbreviations on types: `B anmälan`, `B/U Ansökan`. */
export const TYPE_PREFIXES: readonly string[] = ['B ', 'B/U ', 'BoU ', 'Barn ', 'BoF '];

/**
 * Age statements on types: one for all ages (`Anmälan 0-17`), or split by age group, where the
 * row's age decides the value (`Anmälan barn 0-12 år` / `Anmälan ungdom 13-17 år`).
 */
export const TYPE_AGE_STYLES: readonly (readonly [string, string])[] = [
  [' 0-17', ' 0-17'],
  [' 0-17 år', ' 0-17 år'],
  [' barn 0-12 år', ' ungdom 13-17 år'],
  [' 0-12 år', ' 13-17 år'],
  [' 0-12', ' 13-17'],
  [' barn', ' ungdom'],
];

export const SEX_CODES = ['F', 'P', 'X'] as const;
export type SexCode = (typeof SEX_CODES)[number];

/** How systems write girl/boy; most common first. */
export const SEX_PAIRS: readonly (readonly [string, string])[] = [
  ['F', 'P'],
  ['Flicka', 'Pojke'],
  ['Kvinna', 'Man'],
  ['f', 'p'],
  ['flicka', 'pojke'],
  ['K', 'M'],
];

/** How systems write an unknown or missing sex. */
export const SEX_UNKNOWN: readonly string[] = ['Okänt', '-', 'Ej angivet', 'okänt'];
