// Stop 28, from round 19's misses after its sealed measurement: a remote desktop's clipboard that
// put `?` for every å, ä and ö (`F?r?ldrarnas spelberoende`); a child named after a caregiver hurt
// (`mamma misshandlad av sambon medan barnen sov`) read as the one who did it; words of the field
// not known (`klara sig själv`, `tunt klädd`, `drar … i håret`, `weed`, `langar`); a negation typed
// with a slip (`Ingrn utredning`); and a laptop's keypad on for a word (`r5s2beteende`). Each test
// failed before its change.
import { describe, it } from 'vitest';
import { haveDevSet } from './golden';
import { devActions, devReasons, tops } from './tops';

describe('letters lost as question marks', () => {
  it.skipIf(!haveDevSet)('are read as the å, ä or ö of the words the engine knows', () => {
    tops(devReasons(), {
      'Sj?lvmordstankar hos 15-?ringen': 'B10',
      'F?r?lderns spelberoende': 'H07',
      'Pappa har gett barnet ?rfilar': 'H02',
      'F?r?ldrarna br?kar om v?rdnaden': 'H06',
    });
    tops(devActions(), { 'H?nvisas till familjebehandlare, ej utredning': 'EJU2' });
  });

  it.skipIf(!haveDevSet)('leave a question as a question', () => {
    tops(devActions(), { 'Utredning? Ja': 'UTR1' });
  });
});

describe('a child named after a caregiver hurt', () => {
  it.skipIf(!haveDevSet)('was there: the violence is between the adults', () => {
    tops(devReasons(), {
      'mamma misshandlad av sambon medan barnen sov': 'H04',
      'mamman slagen av sin partner, två barn på plats': 'H04',
    });
  });

  it.skipIf(!haveDevSet)('is still the one hurt when the violence is theirs', () => {
    tops(devReasons(), {
      'mamma misshandlad av sin son': 'B13',
      'barnet slaget av pappan': 'H02',
    });
  });
});

describe('words of the field', () => {
  it.skipIf(!haveDevSet)(
    'name the neglect, the violence, the misuse and the crime they are',
    () => {
      tops(devReasons(), {
        'barnen får klara sig själva på kvällarna': 'H01',
        'för tunt klädd, fryser på förskolan': 'H01',
        'styvpappan drar henne i håret': 'H02',
        '15-åringen röker weed': 'B11',
        'langar hasch åt yngre på skolan': 'B12',
      });
    },
  );
});

describe('a negation of five letters or more typed with one slip', () => {
  it.skipIf(!haveDevSet)('still negates', () => {
    tops(devActions(), {
      'Ingrn utredning inleds': 'EJU1',
      'ingwn åtgärd': 'EJU1',
      'ignen utredning': 'EJU1',
    });
  });

  it.skipIf(!haveDevSet)('is not read into a word of four letters', () => {
    tops(devActions(), { 'Utredning inleds, inre utredning': 'UTR1' });
  });
});

describe('a word typed with the keypad on (NumLock)', () => {
  it.skipIf(!haveDevSet)('is read as its letters', () => {
    tops(devReasons(), {
      '05sshande3 av barnet': 'H02',
      'Sexuellt r5s2beteende': 'B17',
    });
  });
});

// From round 20's misses, after its sealed measurement: a phone's or a tablet's wrong accents
// (`misstãnkt fòr ràn`), and a euphemist's roundabout words.
describe('a vowel with a wrong accent', () => {
  it.skipIf(!haveDevSet)('is read as the letter meant', () => {
    tops(devReasons(), {
      'Pojken misstãnkt fòr ràn': 'B12',
      'màmma dricker varje kväll': 'H07',
      'Barnet har hórt váldet mot mamma': 'H04',
    });
  });

  it.skipIf(!haveDevSet)('leaves UTF-8 read as Windows-1252 to the rule garbled', () => {
    tops(devActions(), { 'PÃ¥fÃ¶rs pÃ¥gÃ¥ende utredning': 'UTR2' });
  });
});

describe('a euphemism of the field', () => {
  it.skipIf(!haveDevSet)('names the violence, the abuse, the misuse or the illness it is', () => {
    tops(devReasons(), {
      'Styvpappan tar i för hårt när pojken inte lyder': 'H02',
      'Mamman är hårdhänt mot dottern': 'H02',
      'Misstanke om att grannen förgripit sig på flickan': 'H03',
      'Pappan tycker om flaskan lite för mycket': 'H07',
      'Mamman har pratat om att inte vilja finnas': 'H08',
    });
  });
});
