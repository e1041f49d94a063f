// A researcher drops files written by Excel on Swedish Windows (Windows-1252), by Excel's
// "CSV UTF-8" (BOM), by "Unicode text" (UTF-16LE), or by mistake a binary: å ä ö must come out
// right, and the binary must be refused, never shown as mojibake.
import { describe, expect, it } from 'vitest';
import { decodeText, decodeWindows1252, detectEncoding } from '../../src/io/decode';
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
