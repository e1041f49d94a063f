import type { TextEncoding } from '../../io/decode';
import type { T } from '../i18n';

/** How an encoding is named to the user (the preview says which one was used: rule 4). */
export function encodingName(t: T, encoding: string | null): string {
  switch (encoding as TextEncoding | null) {
    case 'utf-8':
      return 'UTF-8';
    case 'utf-8-bom':
      return t('impEncodingUtf8Bom');
    case 'utf-16le':
      return 'UTF-16LE';
    case 'utf-16be':
      return 'UTF-16BE';
    case 'windows-1252':
      return 'Windows-1252';
    default:
      return encoding ?? '';
  }
}

export function delimiterName(t: T, delimiter: string | null): string {
  if (delimiter === ';') return t('impDelimiterSemicolon');
  if (delimiter === ',') return t('impDelimiterComma');
  if (delimiter === '\t') return t('impDelimiterTab');
  return delimiter ?? '';
}

/** A separator shown so its spaces can be seen: ` – ` as `␣–␣`. */
export function separatorLabel(separator: string): string {
  return separator.replace(/ /g, '␣').replace(/\t/g, '→');
}

export function bytesLabel(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} kB`;
  return `${bytes} B`;
}

/** The rows of a file whose year column named no year: how many, and the first few row numbers. */
export function noYearMessage(
  t: T,
  file: string,
  noYear: { readonly rows: number; readonly first: readonly number[] },
): string {
  return t('impNoYear', {
    file,
    n: noYear.rows,
    rows: noYear.first.join(', '),
    more: noYear.rows > noYear.first.length ? ', …' : '',
  });
}

/** The years a file's rows have: `2022–2024`, `2021, 2023`, or "no year". */
export function yearsLabel(t: T, years: readonly number[]): string {
  if (years.length === 0) return t('impYearsNone');
  const first = years[0] as number;
  const last = years[years.length - 1] as number;
  if (years.length > 2 && last - first === years.length - 1) return `${first}–${last}`;
  return years.join(', ');
}
