// Starter codebooks for the four variables of a study of aktualiseringar. They are a starting
// point that users edit: the reason list is the 22 categories reconstructed from NUSO's PM #4,
// the actions its 3 main categories with 7 subgroups.
//
// Definitions, include/exclude notes and synonyms are written for Kodbok from general Swedish
// social-services vocabulary. They deliberately do not repeat the labelled dev-set values:
// those measure suggestion quality and must stay unseen.
import type { Codebook } from '../types';
import { STARTER_VERSION as VERSION, aktualiseringsorsak } from './codebook-orsak';

export { aktualiseringsorsak };

export const åtgärd: Codebook = {
  id: 'kodbok-atgard',
  title: 'Åtgärder efter aktualisering',
  version: VERSION,
  variable: 'åtgärd',
  categories: [
    {
      code: 'UTR',
      label: 'Utredning',
      parent: null,
      definition: 'Aktualiseringen leder till utredning.',
    },
    { code: 'EJU', label: 'Ingen utredning', parent: null, definition: 'Ingen utredning inleds.' },
    {
      code: 'ANN',
      label: 'Annan åtgärd',
      parent: null,
      // Both subgroups are unreadable as to what actually happened, which is itself a finding.
      definition: 'Åtgärder där det inte går att utläsa vad som faktiskt hände.',
    },
    {
      code: 'UTR1',
      label: 'Utredning inleds',
      parent: 'UTR',
      definition:
        'Beslut att inleda utredning enligt 11 kap. 1 § SoL (11:1) med anledning av aktualiseringen.',
      include: 'Inledd, startad eller påbörjad utredning, även "utredning 11:1".',
      exclude:
        'Negerade formuleringar ("inleds ej", "inleds inte", "ingen utredning") är EJU1; tillägg till en redan pågående utredning är UTR2.',
      synonyms: [
        'inleda utredning',
        'utredning påbörjas',
        'utredning enligt 11:1',
        'beslut att inleda utredning',
        'utredning startad',
      ],
    },
    {
      code: 'UTR2',
      label: 'Påförs pågående utredning',
      parent: 'UTR',
      definition: 'Aktualiseringen förs till en utredning om barnet som redan pågår.',
      synonyms: [
        'läggs till pågående utredning',
        'biläggs pågående utredning',
        'ingår i pågående utredning',
        'redan pågående utredning',
      ],
    },
    {
      code: 'EJU1',
      label: 'Ingen utredning inleds',
      parent: 'EJU',
      definition: 'Beslut att inte inleda utredning efter förhandsbedömning.',
      include:
        'Negerade formuleringar: "utredning inleds ej", "inleds inte", "ej utredning", "ingen åtgärd".',
      exclude: 'Hänvisning eller stöd utan biståndsbeslut (EJU2); överlämnande (EJU3).',
      synonyms: [
        'utredning inleds ej',
        'utredning inleds inte',
        'ej utredning',
        'beslut att inte inleda utredning',
        'ingen åtgärd',
      ],
    },
    {
      code: 'EJU2',
      label: 'Ingen utredning, hänvisning eller stöd utan biståndsbeslut',
      parent: 'EJU',
      definition:
        'Ingen utredning inleds, men barnet eller familjen hänvisas vidare eller får råd, stöd eller insats utan biståndsbeslut.',
      synonyms: [
        'hänvisning till annan verksamhet',
        'råd och stöd',
        'stöd utan biståndsbeslut',
        'serviceinsats',
        'öppen insats utan beslut',
      ],
    },
    {
      code: 'EJU3',
      label: 'Överlämnas till annan kommun eller myndighet',
      parent: 'EJU',
      definition:
        'Ärendet överlämnas eller flyttas över till annan kommun, eller lämnas till annan myndighet.',
      synonyms: [
        'överflyttning',
        'överlämnas annan kommun',
        'överlämnande till annan myndighet',
        'flyttat till annan kommun',
      ],
    },
    {
      code: 'ANN1',
      label: 'Påförs pågående ärende',
      parent: 'ANN',
      definition:
        'Aktualiseringen läggs till ett pågående ärende (förhandsbedömning, utredning eller insats) utan att det framgår vilket.',
      exclude: 'När det anges att ärendet är en utredning (UTR2).',
      synonyms: [
        'påförs akt',
        'aktuellt ärende',
        'redan aktuell',
        'pågående insats',
        'läggs till ärende',
      ],
    },
    {
      code: 'ANN2',
      label: 'Annan åtgärd',
      parent: 'ANN',
      definition:
        'Annan åtgärd enligt kommunens verksamhetssystem, utan uppgift om vad som gjordes.',
      synonyms: ['övrig åtgärd', 'annat beslut', 'annat'],
    },
  ],
};

export const kön: Codebook = {
  id: 'kodbok-kon',
  title: 'Kön',
  version: VERSION,
  variable: 'kön',
  categories: [
    {
      code: 'F',
      label: 'Flicka',
      parent: null,
      definition: 'Barnet är registrerat som flicka.',
      synonyms: ['f', 'k', 'kvinna', 'tjej'],
    },
    {
      code: 'P',
      label: 'Pojke',
      parent: null,
      definition: 'Barnet är registrerat som pojke.',
      synonyms: ['p', 'm', 'man', 'kille'],
    },
    {
      code: 'X',
      label: 'Okänt/ej angivet',
      parent: null,
      definition: 'Kön saknas, är okänt eller går inte att tolka.',
      synonyms: ['okänt', 'ej angivet', 'uppgift saknas', '-'],
    },
  ],
};

export const aktualiseringstyp: Codebook = {
  id: 'kodbok-akttyp',
  title: 'Aktualiseringstyp',
  version: VERSION,
  variable: 'aktualiseringstyp',
  categories: [
    {
      code: 'ANM',
      label: 'Anmälan',
      parent: null,
      definition:
        'Anmälan till socialtjänsten om oro för ett barn, från anmälningsskyldig (14 kap. 1 § SoL) eller enskild.',
      include:
        'Orosanmälan, anmälan oavsett ålders- eller enhetsangivelse ("B anmälan", "Anmälan 0-17").',
      synonyms: ['orosanmälan', 'anmälan 14:1', 'anm'],
    },
    {
      code: 'ANS',
      label: 'Ansökan',
      parent: null,
      definition: 'Barnet eller vårdnadshavaren ansöker själv om stöd eller insats.',
      synonyms: ['egen ansökan', 'ansökan om bistånd', 'ansökan vårdnadshavare'],
    },
    {
      code: 'INF',
      label: 'Information på annat sätt',
      parent: null,
      definition:
        'Socialtjänsten får kännedom på annat sätt än genom anmälan eller ansökan, till exempel genom egen iakttagelse eller intern information från annan enhet.',
      synonyms: [
        'egen iakttagelse',
        'intern aktualisering',
        'övrig information',
        'kännedom på annat sätt',
      ],
    },
  ],
};

/** The four starter codebooks, in the order the variables are usually shown. */
export const starterCodebooks: readonly Codebook[] = [
  kön,
  aktualiseringstyp,
  aktualiseringsorsak,
  åtgärd,
];
