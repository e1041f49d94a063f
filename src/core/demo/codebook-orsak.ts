// The starter reason codebook: the 22 aktualiseringsorsaker reconstructed from NUSO's PM #4,
// in three groups. Definitions, notes and synonyms are written for Kodbok (see codebooks.ts).
import type { Category, Codebook } from '../types';

/** Version of all the starter codebooks shipped with Kodbok. */
export const STARTER_VERSION = '2026.1';

/** SKR's Basinformation, the national proposal the reason list is compared with. */
const SKR = 'skr-basinformation';

// Crosswalks only where the comparison in PM #4 says what corresponds: one broad
// "utsatt för våld/övergrepp", "egen"/"annan" instead of barnets/omsorgspersonens, psykisk
// ohälsa apart from psykisk funktionsnedsättning, and "Boendeproblematik". The labels follow
// that wording; check them against the published Basinformation before relying on them.
const skr = (label: string): Readonly<Record<string, string>> => ({ [SKR]: label });
const VIOLENCE = skr('Utsatt för våld/övergrepp');

const reasonCategories: readonly Category[] = [
  {
    code: 'HEM',
    label: 'Hemmiljö',
    parent: null,
    definition: 'Orsaker i barnets hemmiljö: föräldraförmåga, familj och omsorgspersoner.',
  },
  {
    code: 'BRN',
    label: 'Barnets eget beteende',
    parent: null,
    definition: 'Orsaker som rör barnets eget mående, bruk, beteende, skolgång eller funktion.',
  },
  { code: 'OVR', label: 'Övrigt', parent: null, definition: 'Övriga orsaker.' },
  {
    code: 'H01',
    label: 'Bristande omsorg',
    parent: 'HEM',
    definition:
      'Oro för att förälder eller annan omsorgsperson inte tillgodoser barnets grundläggande behov av tillsyn, mat, hygien, sömn, vård, trygghet eller stimulans.',
    include: 'Försummelse, vanvård, bristande tillsyn eller föräldraförmåga utan angiven orsak.',
    exclude:
      'Brister som anges bero på förälderns missbruk, psykiska ohälsa eller kriminalitet (H07–H09); våld mot barnet (H02).',
    synonyms: [
      'försummelse',
      'vanvård',
      'omsorgssvikt',
      'bristande föräldraförmåga',
      'brister i hemmiljön',
      'otillräcklig omsorg',
    ],
  },
  {
    code: 'H02',
    label: 'Fysiskt/psykiskt våld mot barnet',
    parent: 'HEM',
    definition:
      'Barnet misstänks vara utsatt för fysiskt eller psykiskt våld, hot eller kränkningar av förälder, omsorgsperson eller annan närstående.',
    include:
      'Misshandel, aga, hot om våld och psykiskt våld riktat mot barnet, även "våld av förälder".',
    exclude:
      'Sexuellt våld (H03); våld mellan vuxna som barnet upplever (H04); hedersrelaterat våld (H05); våld som barnet självt utövar (B13).',
    synonyms: [
      'barnmisshandel',
      'misshandel av barnet',
      'aga',
      'fysisk misshandel',
      'psykisk misshandel',
      'hot mot barnet',
    ],
    crosswalk: VIOLENCE,
  },
  {
    code: 'H03',
    label: 'Sexuellt våld mot barnet',
    parent: 'HEM',
    definition:
      'Barnet misstänks vara utsatt för sexuella övergrepp, sexuellt ofredande eller annat sexuellt våld.',
    include: 'Misstanke om övergrepp, incest och våldtäkt mot barn.',
    exclude: 'Barnets eget sexuella riskbeteende och sex mot ersättning (B17).',
    synonyms: ['sexuella övergrepp mot barn', 'sexuellt övergrepp', 'incest', 'våldtäkt mot barn'],
    crosswalk: VIOLENCE,
  },
  {
    code: 'H04',
    label: 'Upplevt våld mellan omsorgspersoner',
    parent: 'HEM',
    definition:
      'Barnet har sett, hört eller på annat sätt upplevt våld eller hot mellan vuxna i familjen, till exempel mellan föräldrarna.',
    include: 'Våld i nära relation (VINR, VIN) där barnet finns i hemmet; barnfridsbrott.',
    exclude: 'Våld riktat mot barnet (H02); hedersrelaterat våld (H05).',
    synonyms: [
      'VINR',
      'VIN',
      'barnfridsbrott',
      'våld mellan föräldrarna',
      'partnervåld',
      'barn som bevittnar våld',
    ],
    crosswalk: VIOLENCE,
  },
  {
    code: 'H05',
    label: 'Hedersrelaterat våld och förtryck',
    parent: 'HEM',
    definition:
      'Våld, hot, kontroll och begränsningar som motiveras av familjens eller släktens heder.',
    include: 'HRV, risk för tvångsäktenskap eller barnäktenskap, könsstympning.',
    synonyms: [
      'HRV',
      'hedersförtryck',
      'hedersrelaterat våld',
      'tvångsäktenskap',
      'barnäktenskap',
      'könsstympning',
    ],
    crosswalk: VIOLENCE,
  },
  {
    code: 'H06',
    label: 'Konflikt i familjen',
    parent: 'HEM',
    definition:
      'Konflikter i familjen som påverkar barnet, mellan föräldrarna (även vid separation) eller mellan förälder och barn.',
    include: 'Vårdnads- och umgängestvist, separationskonflikt, relationsproblem.',
    exclude: 'Våld mellan vuxna (H04) eller mot barnet (H02).',
    synonyms: [
      'familjekonflikt',
      'vårdnadstvist',
      'umgängestvist',
      'separationskonflikt',
      'föräldrakonflikt',
      'relationsproblem i familjen',
    ],
  },
  {
    code: 'H07',
    label: 'Skadligt bruk/beroende hos förälder/omsorgsperson',
    parent: 'HEM',
    definition:
      'Förälder eller annan omsorgsperson har missbruk, riskbruk eller beroende av alkohol, narkotika, läkemedel eller spel som påverkar barnet.',
    include:
      'Missbruk med "förälder", "vårdnadshavare" (VH), "F/O" (förälder/omsorgsperson) eller "annan" angiven; berusad förälder.',
    exclude: 'Barnets eget bruk: "eget", "barnet", "den unge", "ungdom" (B11).',
    synonyms: [
      'missbruk hos förälder',
      'missbruk vårdnadshavare',
      'missbruk VH',
      'alkoholmissbruk förälder',
      'narkotikamissbruk förälder',
      'berusad förälder',
    ],
    crosswalk: skr('Missbruk/beroende annan'),
  },
  {
    code: 'H08',
    label: 'Psykisk ohälsa/funktionsnedsättning hos förälder/omsorgsperson',
    parent: 'HEM',
    definition:
      'Förälder eller annan omsorgsperson har psykisk ohälsa, psykisk sjukdom eller funktionsnedsättning som påverkar omsorgen om barnet.',
    exclude: 'Barnets egen psykiska ohälsa (B10) eller funktionsnedsättning (B16).',
    synonyms: [
      'psykisk sjukdom förälder',
      'psykiskt sjuk förälder',
      'psykisk ohälsa VH',
      'funktionsnedsättning förälder',
      'NPF förälder',
    ],
    crosswalk: skr('Psykisk ohälsa annan / Psykisk funktionsnedsättning annan'),
  },
  {
    code: 'H09',
    label: 'Kriminalitet hos förälder/omsorgsperson',
    parent: 'HEM',
    definition:
      'Förälder eller annan omsorgsperson är kriminellt aktiv, misstänkt eller dömd för brott, eller frihetsberövad.',
    exclude: 'Barnets egen kriminalitet (B12).',
    synonyms: [
      'kriminell förälder',
      'förälder i fängelse',
      'brottslighet förälder',
      'kriminalitet VH',
    ],
    crosswalk: skr('Kriminalitet annan'),
  },
  {
    code: 'B10',
    label: 'Psykisk ohälsa',
    parent: 'BRN',
    definition:
      'Barnets eget psykiska mående: ångest, nedstämdhet, självskadebeteende, suicidtankar eller suicidförsök, ätstörning.',
    include: 'Även när ingen person anges avses barnet.',
    exclude:
      'Förälderns psykiska ohälsa (H08); diagnos eller funktionsnedsättning utan uppgift om ohälsa (B16).',
    synonyms: [
      'självskadebeteende',
      'suicidförsök',
      'ångest',
      'depression',
      'ätstörning',
      'psykisk ohälsa egen',
    ],
    crosswalk: skr('Psykisk ohälsa egen'),
  },
  {
    code: 'B11',
    label: 'Skadligt bruk och beroende',
    parent: 'BRN',
    definition:
      'Barnets eget bruk av alkohol, narkotika, läkemedel eller andra beroendeframkallande medel, eller spelberoende.',
    include:
      '"Eget", "egen", "barnet", "den unge", "ungdom", "barn och ungdom" (BoU); även när ingen person anges.',
    exclude: 'Förälders eller annan omsorgspersons missbruk (H07).',
    synonyms: [
      'missbruk eget',
      'riskbruk ungdom',
      'narkotikabruk',
      'alkoholbruk ungdom',
      'drogpåverkad',
      'spelberoende',
    ],
    crosswalk: skr('Missbruk/beroende egen'),
  },
  {
    code: 'B12',
    label: 'Kriminalitet/kriminellt umgänge',
    parent: 'BRN',
    definition: 'Barnet misstänks för eller har begått brott, eller har ett kriminellt umgänge.',
    include:
      'Snatteri, stöld, skadegörelse, narkotikabrott, rån; brott av barn under 15 år; gängkriminalitet.',
    exclude: 'Förälders kriminalitet (H09); våld som barnet utövar (B13).',
    synonyms: [
      'brottsmisstanke',
      'kriminellt umgänge',
      'ungdomsbrott',
      'snatteri',
      'skadegörelse',
      'gängkriminalitet',
    ],
    crosswalk: skr('Kriminalitet egen'),
  },
  {
    code: 'B13',
    label: 'Eget våldsutövande',
    parent: 'BRN',
    definition:
      'Barnet utövar våld eller hot mot andra, till exempel mot kamrater, syskon, förälder eller i skolan.',
    exclude: 'Våld mot barnet (H02, H03); våld mellan vuxna (H04).',
    synonyms: [
      'våldsutövande',
      'utövar våld',
      'våldsamt beteende',
      'misshandel av annan',
      'hot och våld mot andra',
    ],
  },
  {
    code: 'B14',
    label: 'Beteendeproblem',
    parent: 'BRN',
    definition:
      'Barnets utagerande, normbrytande eller socialt nedbrytande beteende som inte främst är brott, våld eller skolproblem.',
    exclude: 'Kriminalitet (B12); våldsutövande (B13); sexuellt riskbeteende (B17).',
    synonyms: [
      'normbrytande beteende',
      'utagerande beteende',
      'socialt nedbrytande beteende',
      'riskbeteende',
      'trotsbeteende',
    ],
  },
  {
    code: 'B15',
    label: 'Skolproblematik',
    parent: 'BRN',
    definition:
      'Svårigheter i förskola eller skola: hög eller problematisk frånvaro, skolvägran, konflikter eller bristande skolgång.',
    synonyms: [
      'problematisk skolfrånvaro',
      'skolvägran',
      'hemmasittare',
      'ogiltig frånvaro',
      'skolproblem',
    ],
  },
  {
    code: 'B16',
    label: 'Funktionsnedsättning',
    parent: 'BRN',
    definition:
      'Barnets egen funktionsnedsättning eller diagnos, till exempel NPF (ADHD, autism) eller intellektuell funktionsnedsättning.',
    exclude: 'Förälders funktionsnedsättning (H08); barnets psykiska ohälsa (B10).',
    synonyms: [
      'NPF',
      'neuropsykiatrisk funktionsnedsättning',
      'ADHD',
      'autism',
      'intellektuell funktionsnedsättning',
      'funktionshinder',
    ],
  },
  {
    code: 'B17',
    label: 'Sexuellt riskbeteende',
    parent: 'BRN',
    definition:
      'Barnets eget sexuella riskbeteende: sex mot ersättning, sexuellt självskadebeteende, riskfyllda kontakter på nätet.',
    exclude: 'Sexuella övergrepp mot barnet (H03).',
    synonyms: [
      'sex mot ersättning',
      'sexuellt självskadebeteende',
      'riskfyllt sexuellt beteende',
      'sexuellt utagerande',
    ],
  },
  {
    code: 'O18',
    label: 'Ensamkommande barn',
    parent: 'OVR',
    definition:
      'Barn som kommit till Sverige utan vårdnadshavare, eller blivit ensamma efter ankomsten, och aktualiseras av det skälet.',
    synonyms: [
      'EKB',
      'ensamkommande',
      'ensamkommande asylsökande barn',
      'barn utan vårdnadshavare i Sverige',
    ],
  },
  {
    code: 'O19',
    label: 'Ekonomisk utsatthet inkl. boende',
    parent: 'OVR',
    definition:
      'Familjens ekonomi eller boende: bristande ekonomi, skulder, hemlöshet, risk för vräkning, trångboddhet.',
    synonyms: [
      'ekonomisk utsatthet',
      'boendeproblematik',
      'bostadslöshet',
      'vräkning',
      'avhysning',
      'trångboddhet',
      'skulder',
    ],
    crosswalk: skr('Boendeproblematik'),
  },
  {
    code: 'O20',
    label: 'Oro för ofött barn',
    parent: 'OVR',
    definition:
      'Oro för ett barn som ännu inte är fött, till exempel på grund av förhållanden under graviditeten.',
    synonyms: ['ofött barn', 'gravid', 'graviditet', 'oro under graviditet'],
  },
  {
    code: 'O21',
    label: 'Avvikande/försvunnet barn',
    parent: 'OVR',
    definition:
      'Barnet har avvikit från hemmet, familjehemmet eller HVB, eller är försvunnet eller efterlyst.',
    synonyms: ['avvikit', 'försvunnet barn', 'efterlyst', 'avvikit från HVB', 'saknad'],
  },
  {
    code: 'O22',
    label: 'Annan orsak',
    parent: 'OVR',
    definition:
      'Orsak som inte passar någon annan kategori, eller som är för oprecis för att kodas.',
    // Not "annan": alone it names a caregiver in the egen/annan wording (H07–H09).
    exclude: 'Värden med "annan" om en person: "Missbruk annan" är H07.',
    synonyms: ['övrig orsak', 'annat', 'okänd orsak', 'ej angiven'],
  },
];

export const aktualiseringsorsak: Codebook = {
  id: 'kodbok-orsak',
  title: 'Aktualiseringsorsaker',
  version: STARTER_VERSION,
  variable: 'aktualiseringsorsak',
  categories: reasonCategories,
};
