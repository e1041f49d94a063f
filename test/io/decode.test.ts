// A researcher drops files written by Excel on Swedish Windows (Windows-1252), by Excel's
// "CSV UTF-8" (BOM), by "Unicode text" (UTF-16LE), or by mistake a binary: å ä ö must come out
// right, and the binary must be refused, never shown as mojibake.
import { describe, expect, it } from 'vitest';
import {
  decodeText,
  decodeWindows1252,
  detectEncoding,
  detectSourceEncoding,
} from '../../src/io/decode';
import { memorySource } from '../../src/io/source';
import { fixture, refusal } from '../support/io-fixtures';

const bytes = (...b: number[]) => Uint8Array.from(b);

describe('decodeText', () => {
  it('reads Excel-on-Windows CSV (Windows-1252) with å ä ö Å Ä Ö and the en dash right', () => {
    const { text, encoding } = decodeText(fixture('cp1252-semicolon.csv'));
    expect(encoding).toBe('windows-1252');
    expect(text).toContain('Gävle;Missbruk förälder;12');
    expect(text).toContain('Åre;"Missbruk BoU – Barnet/den unge; Skolproblem";3');
    expect(text).toContain('Örebro;ÅÄÖ åäö: Bristande omsorg;1');
  });

  it('maps 0x80–0x9F the Windows-1252 way, whatever the runtime does (Node decodes them as Latin-1)', () => {
    expect(decodeWindows1252(bytes(0x80, 0x96, 0x92, 0x9f, 0xff, 0xe5, 0x81))).toBe('€–’Ÿÿå\u0081');
    expect(decodeText(bytes(0x47, 0xe4, 0x76, 0x6c, 0x65, 0x20, 0x96, 0x20, 0x80)).text).toBe(
      'Gävle – €',
    );
  });

  it('takes a UTF-8 BOM off and says so; a second BOM is data', () => {
    const { text, encoding } = decodeText(fixture('utf8-bom-comma.csv'));
    expect(encoding).toBe('utf-8-bom');
    expect(text.startsWith('kommun,orsak,antal\r\nGävle,')).toBe(true);
    expect(decodeText(bytes(0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf, 0x61)).text).toBe('\ufeffa');
  });

  it('reads UTF-8 without a BOM as UTF-8', () => {
    const { text, encoding } = decodeText(new TextEncoder().encode('orsak\nMissbruk förälder\n'));
    expect(encoding).toBe('utf-8');
    expect(text).toBe('orsak\nMissbruk förälder\n');
  });

  it('reads Excel "Unicode text" (UTF-16LE with BOM), UTF-16BE, and UTF-16LE without a BOM', () => {
    const le = decodeText(fixture('utf16le-tab.txt'));
    expect(le.encoding).toBe('utf-16le');
    expect(le.text.startsWith('kommun\torsak\tantal\r\nGävle\t')).toBe(true);
    expect(decodeText(bytes(0xfe, 0xff, 0x00, 0xe5, 0x00, 0x3b))).toEqual({
      text: 'å;',
      encoding: 'utf-16be',
    });
    const bomless = new Uint8Array(
      [...'id;namn\r\n1;Åsa\r\n'].flatMap((c) => [c.charCodeAt(0), 0]),
    );
    expect(decodeText(bomless)).toEqual({ text: 'id;namn\r\n1;Åsa\r\n', encoding: 'utf-16le' });
  });

  it('refuses a file that says UTF-8 (BOM) but is not, naming the line', () => {
    const e = refusal(() => decodeText(bytes(0xef, 0xbb, 0xbf, 0x61, 0x0a, 0x62, 0xe4, 0x0a)));
    expect(e.issue.kind).toBe('encoding');
    expect(e.message).toMatch(/line 2/);
  });

  it('refuses binary data with a clear message', () => {
    expect(refusal(() => decodeText(fixture('libreoffice.xlsx'))).message).toMatch(/ZIP archive/);
    expect(refusal(() => decodeText(fixture('libreoffice.xls'))).message).toMatch(
      /Office document/,
    );
    expect(refusal(() => decodeText(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a))).message).toMatch(
      /PNG/,
    );
    const nul = refusal(() =>
      decodeText(bytes(0x61, 0x3b, 0x00, 0x02, 0x62, 0x0a, 0x00, 0x00, 0x00)),
    );
    expect(nul.issue.kind).toBe('binary');
    const noise = new Uint8Array(4096).map((_, i) => (i * 7) % 32 || 1);
    expect(refusal(() => decodeText(noise)).message).toMatch(/control characters/);
  });

  it('detects the encoding without decoding the whole file', () => {
    expect(detectEncoding(fixture('utf16le-tab.txt'))).toEqual({
      encoding: 'utf-16le',
      bomLength: 2,
    });
    expect(detectEncoding(new Uint8Array())).toEqual({ encoding: 'utf-8', bomLength: 0 });
  });
});

describe('detectSourceEncoding: a file read chunk by chunk (kodbok apply, issue 14 item 2)', () => {
  const cp1252 = (text: string) =>
    Uint8Array.from([...text], (c) => (c === '–' ? 0x96 : (c.codePointAt(0) as number)));
  const utf8 = (text: string) => new TextEncoder().encode(text);
  const join = (...parts: Uint8Array[]) => {
    const all = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      all.set(p, at);
      at += p.length;
    }
    return all;
  };
  const lines = (n: number) =>
    Array.from({ length: n }, (_, i) => `Gävle;${i};Våld i nära relation – förälder`).join('\n');

  const cases: Record<string, Uint8Array> = {
    'UTF-8': utf8(`kommun;id;orsak\n${lines(400)}\n`),
    'Windows-1252': cp1252(`kommun;id;orsak\n${lines(400)}\n`),
    // UTF-8 but for line 302: read as UTF-8 with that line named (mixed).
    'UTF-8 with one Windows-1252 line': join(
      utf8(`kommun;id;orsak\n${lines(300)}\n`),
      cp1252('Åre;x;Våld\n'),
      utf8(`${lines(100)}\n`),
    ),
    'UTF-8 with a BOM': join(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(`a;b\n${lines(300)}\n`)),
    'a character cut at the end': join(utf8('a;b\nå;'), Uint8Array.of(0xc3)),
  };

  for (const [name, bytes] of Object.entries(cases)) {
    it(`gives the same answer as detectEncoding on the whole file: ${name}`, async () => {
      // 7-byte chunks: characters and lines are cut at every possible place.
      for (const chunk of [7, 64, 1 << 20]) {
        for (const choice of [undefined, 'utf-8', 'windows-1252'] as const) {
          expect(await detectSourceEncoding(memorySource(bytes), chunk, choice)).toEqual(
            detectEncoding(bytes, choice),
          );
        }
      }
    });
  }

  it('refuses a file with a BOM that is not UTF-8 with the same line as for the whole file', async () => {
    const bytes = join(Uint8Array.of(0xef, 0xbb, 0xbf), utf8(`a;b\n${lines(50)}\n`), cp1252('ö\n'));
    const whole = (() => {
      try {
        detectEncoding(bytes);
      } catch (e) {
        return (e as Error).message;
      }
    })();
    expect(whole).toContain('line 52');
    await expect(detectSourceEncoding(memorySource(bytes), 7)).rejects.toThrow(whole);
  });

  it('refuses binary data from the start of the file, as detectEncoding does', async () => {
    const zip = Uint8Array.of(0x50, 0x4b, 0x03, 0x04, 0, 0, 0, 0);
    await expect(detectSourceEncoding(memorySource(zip), 4)).rejects.toThrow(/ZIP archive/);
  });
});
