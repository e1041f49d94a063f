// The words of the exported files (status names, the codebook document's headings) in one
// language, for the app and the command line alike: the same words give the same bytes.

import type { ExportWords } from '../core/export/words';
import { translate, type Language, type MessageKey } from './index';

export function exportWords(lang: Language): ExportWords {
  const t = (key: MessageKey, params?: Record<string, string | number>) =>
    translate(lang, key, params);
  // Counts are written with plain digits (no locale's thin spaces): a file is read by programs too.
  const n = (value: number) => String(value);
  return {
    lang,
    status: (status) => t(`status_${status}`),
    definition: t('expDefinition'),
    include: t('expInclude'),
    exclude: t('expExclude'),
    synonyms: t('expSynonyms'),
    crosswalk: t('expCrosswalkHeading'),
    examples: t('expExamples'),
    examplesNote: t('expExamplesNote'),
    group: t('expGroup'),
    version: t('expVersion'),
    variable: t('expVariable'),
    contents: t('expContents'),
    counts: (values, rows) =>
      `${values === 1 ? t('expValuesOne') : t('expValuesMany').replace('{n}', n(values))} ${
        rows === 1 ? t('expRowsOne') : t('expRowsMany').replace('{n}', n(rows))
      }`,
    noValues: t('expNoValues'),
    uncoded: t('expUncoded'),
  };
}
