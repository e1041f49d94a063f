import { en } from './en';
import { sv, type Messages } from './sv';

export type Language = 'sv' | 'en';
export type MessageKey = keyof Messages;
export const LANGUAGES: readonly Language[] = ['sv', 'en'];

const catalogs: Record<Language, Messages> = { sv, en };

/** Looks up a message and fills `{name}` placeholders. */
export function translate(
  lang: Language,
  key: MessageKey,
  params?: Record<string, string | number>,
): string {
  const catalog = catalogs[lang];
  // Plurals: a key may have a form for exactly one (`…_one`), used when the count `n` is 1.
  const one = params?.n === 1 ? (catalog as Record<string, string>)[`${key}_one`] : undefined;
  const text = one ?? catalog[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (m, name: string) => {
    const v = params[name];
    return v === undefined ? m : typeof v === 'number' ? formatNumber(lang, v) : v;
  });
}

export function formatNumber(lang: Language, n: number): string {
  return n.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
}

export function formatPercent(lang: Language, share: number, digits = 1): string {
  return (
    (share * 100).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
      minimumFractionDigits: digits,
      maximumFractionDigits: digits,
    }) + ' %'
  );
}

/** Whether a key built at run time (`tblErr_${kind}`) names a message (sv and en share keys). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(sv, key);
}

/** A byte count as megabytes with one decimal (`300,0 MB`), as the readers' messages give it. */
export function formatMegabytes(lang: Language, bytes: number): string {
  const mb = (bytes / (1024 * 1024)).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  return `${mb} MB`;
}
