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
