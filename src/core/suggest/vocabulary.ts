// The default domain vocabulary: word families of child welfare per concept, kept as data in the
// default profile (profiles/sv-barn-och-unga.profile.json; see terms.ts for how it is matched).
// It was written in three passes — with the engine; by a helper from the documents and
// professional usage only; everyday phrasings after misses on sets no longer used to measure — and
// merged into one entry per concept. Editable per variable in the rules panel.

import svProfile from './profiles/sv-barn-och-unga.profile.json';
import type { DomainTerm } from './terms';

/** Entries of the same concept as one (stems and forms in order): one row per concept to edit. */
export function mergeTerms(terms: readonly DomainTerm[]): DomainTerm[] {
  const byConcept = new Map<string, { stems: string[]; forms: string[] }>();
  for (const t of terms) {
    let m = byConcept.get(t.concept);
    if (!m) byConcept.set(t.concept, (m = { stems: [], forms: [] }));
    for (const x of t.stems) if (!m.stems.includes(x)) m.stems.push(x);
    for (const x of t.forms ?? []) if (!m.forms.includes(x)) m.forms.push(x);
  }
  return [...byConcept].map(([concept, m]) =>
    m.forms.length > 0 ? { concept, stems: m.stems, forms: m.forms } : { concept, stems: m.stems },
  );
}

export const defaultDomainTerms: readonly DomainTerm[] = svProfile.vocabulary;
