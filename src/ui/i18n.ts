import { useCallback } from 'react';
import { translate, type MessageKey } from '../i18n';
import { useApp } from '../state/app';

export type T = (key: MessageKey, params?: Record<string, string | number>) => string;

/** The translator for the chosen language. */
export function useT(): T {
  const lang = useApp((s) => s.lang);
  return useCallback((key, params) => translate(lang, key, params), [lang]);
}
