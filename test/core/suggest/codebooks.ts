// Codebooks for the suggestion tests, as the reference codebooks of the dev set are built: the
// reason codebook's groups say whose problem a leaf is about (`Barnets eget beteende`).
import type { Category, Codebook } from '../../../src/core/types';

function leaf(code: string, label: string, parent: string, synonyms?: string[]): Category {
  return synonyms ? { code, label, parent, synonyms } : { code, label, parent };
}

export const reasons: Codebook = {
  id: 'test-orsak',
  variable: 'aktualiseringsorsak',
  categories: [
    { code: 'HEM', label: 'Hemmiljö', parent: null },
    { code: 'BRN', label: 'Barnets eget beteende', parent: null },
    { code: 'OVR', label: 'Övrigt', parent: null },
    leaf('H01', 'Bristande omsorg', 'HEM', ['omsorgsbrist']),
    leaf('H02', 'Fysiskt/psykiskt våld mot barnet', 'HEM', ['misshandel av barn']),
    leaf('H04', 'Upplevt våld mellan omsorgspersoner', 'HEM', ['våld i nära relation']),
    leaf('H06', 'Konflikt i familjen', 'HEM'),
    leaf('H07', 'Skadligt bruk och beroende hos förälder/omsorgsperson', 'HEM', [
      'missbruk förälder',
    ]),
    leaf('H08', 'Psykisk ohälsa/funktionsnedsättning hos förälder/omsorgsperson', 'HEM'),
    leaf('H09', 'Kriminalitet hos förälder/omsorgsperson', 'HEM'),
    leaf('B10', 'Barnets psykiska ohälsa', 'BRN', ['självskada']),
    leaf('B11', 'Barnets skadliga bruk och beroende', 'BRN', ['missbruk barnet']),
    leaf('B12', 'Barnets kriminalitet eller kriminella umgänge', 'BRN'),
    leaf('B13', 'Barnets eget våldsutövande', 'BRN'),
    leaf('B15', 'Skolproblematik', 'BRN', ['skolfrånvaro']),
    leaf('O19', 'Ekonomisk utsatthet inkl. boende', 'OVR'),
    leaf('O22', 'Annan orsak', 'OVR', ['övrigt']),
  ],
};

export const actions: Codebook = {
  id: 'test-atgard',
  variable: 'åtgärd',
  categories: [
    { code: 'UTR', label: 'Utredning', parent: null },
    { code: 'EJU', label: 'Ingen utredning', parent: null },
    { code: 'ANN', label: 'Annan åtgärd', parent: null },
    leaf('UTR1', 'Utredning inleds', 'UTR'),
    leaf('UTR2', 'Påförs pågående utredning', 'UTR'),
    leaf('EJU1', 'Ingen utredning inleds', 'EJU', ['ingen åtgärd']),
    leaf('EJU2', 'Ingen utredning, hänvisning eller stöd utan biståndsbeslut', 'EJU', [
      'hänvisning',
    ]),
    leaf('EJU3', 'Överlämnas till annan kommun eller myndighet', 'EJU'),
    leaf('ANN1', 'Påförs pågående ärende', 'ANN'),
    leaf('ANN2', 'Annan åtgärd', 'ANN', ['övrigt']),
  ],
};

export const leafCodes = (codebook: Codebook): Set<string> => {
  const parents = new Set(codebook.categories.map((c) => c.parent));
  return new Set(codebook.categories.filter((c) => !parents.has(c.code)).map((c) => c.code));
};
