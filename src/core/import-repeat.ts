// A file whose content was imported into the project before would add its counts a second
// time (issue 9 item 7). Files are recognised by the SHA-256 of their bytes, not by name: a
// municipality's file renamed is the same file, and next year's file under this year's name
// is not.

/** A file of an earlier import, as its record keeps it (`sha256` absent on older records). */
export interface EarlierFile {
  readonly name: string;
  readonly sha256?: string;
}

/** An earlier import, as its record keeps it. */
export interface EarlierImport {
  readonly id: string;
  readonly at: string;
  readonly files: readonly EarlierFile[];
  /** An undone import's content is no longer in the project. */
  readonly undone: unknown;
}

/** Where a file's content was imported before. */
export interface Repeat {
  readonly import: string;
  /** When that import was made (ISO time). */
  readonly at: string;
  /** The file's name in that import. */
  readonly name: string;
}

/**
 * The files (by id) whose content is already in the project through an import not undone, with
 * the earliest such import. Files without a hash are never repeats.
 */
export function findRepeats(
  files: readonly { readonly id: string; readonly sha256: string | null }[],
  imports: readonly EarlierImport[],
): Map<string, Repeat> {
  const earlier = new Map<string, Repeat>();
  for (const r of [...imports].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0))) {
    if (r.undone) continue;
    for (const f of r.files)
      if (f.sha256 && !earlier.has(f.sha256))
        earlier.set(f.sha256, { import: r.id, at: r.at, name: f.name });
  }
  const out = new Map<string, Repeat>();
  for (const f of files) {
    const hit = f.sha256 === null ? undefined : earlier.get(f.sha256);
    if (hit) out.set(f.id, hit);
  }
  return out;
}
