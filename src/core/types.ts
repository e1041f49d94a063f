// The domain of Kodbok, in one place. Pure types: no React, no Dexie, no DOM.
import type { ResolveRecord } from './team/fold';

/** A variable of the data set, e.g. `aktualiseringsorsak`. Its id is the name used in files. */
export type VariableId = string;

/** One category of a codebook. Categories with children are groups; values are coded to leaves. */
export interface Category {
  readonly code: string;
  readonly label: string;
  /** `null` at the top. */
  readonly parent: string | null;
  readonly definition?: string;
  readonly include?: string;
  readonly exclude?: string;
  readonly synonyms?: readonly string[];
  /** Other codebook id → code or label in that codebook. Keys are codebook ids, never raw values. */
  readonly crosswalk?: Readonly<Record<string, string>>;
  /** No longer given to values (the editor refuses it while values have it). */
  readonly deprecated?: boolean;
  /**
   * When the category was last split (ISO 8601): its values coded before then are queued to be
   * coded again; they keep the code until someone decides on them.
   */
  readonly recodeSince?: string;
}

/** Which saved version of a codebook this is (issue 11 item 2): number, time, author. */
export interface CodebookRevision {
  /** 1, 2, … per variable of a project. */
  readonly number: number;
  /** ISO 8601. */
  readonly at: string;
  readonly by: string;
}

/** A codebook as in FORMATS.md (the envelope fields live only in the file). */
export interface Codebook {
  readonly id: string;
  readonly title?: string;
  readonly version?: string;
  /** The saved version, once the codebook was changed in the app; absent: version 1. */
  readonly revision?: CodebookRevision;
  readonly variable: VariableId;
  readonly categories: readonly Category[];
}

/** How multi-value cells of a variable are split into single values. */
export interface SplitConfig {
  /** Separators, tried as literal strings, e.g. `;`, `,`, ` – `. Empty: cells are not split. */
  readonly separators: readonly string[];
  /** Values that contain a separator but are ONE value (`Missbruk BoU – Barnet/den unge`). */
  readonly protect?: readonly string[];
}

/**
 * The life of a raw value's coding. `uncoded`: no decision yet (never written to a mapping file).
 * The others are the statuses of FORMATS.md.
 */
export type Status = 'uncoded' | 'suggested' | 'coded' | 'approved' | 'rejected' | 'flagged';
export const STATUSES: readonly Status[] = [
  'uncoded',
  'suggested',
  'coded',
  'approved',
  'rejected',
  'flagged',
];

export const FILE_STATUSES = ['suggested', 'coded', 'approved', 'rejected', 'flagged'] as const;
export type FileStatus = (typeof FILE_STATUSES)[number];

/** One unique single raw value of one variable, with its counts and its coding. */
export interface RawValue {
  readonly variable: VariableId;
  /** Exactly as it appeared after splitting (atoms are trimmed by the splitter, nothing else). */
  readonly raw: string;
  /** Number of rows (referrals) the value occurs in. */
  readonly frequency: number;
  /** Number of distinct municipalities the value occurs in. */
  readonly municipalities: number;
  readonly code: string | null;
  readonly status: Status;
  readonly codedBy: string | null;
  readonly codedAt: string | null;
  readonly reviewedBy: string | null;
  readonly reviewedAt: string | null;
  readonly note: string;
  readonly updatedAt: string | null;
  /**
   * Distinct cells (combinations) the value occurs in; `null` where it was counted before
   * combinations were kept (schema v1).
   */
  readonly combinations: number | null;
  /**
   * The import that first brought the value into the project, `null` for values that came
   * some other way (a mapping file, schema v1). "New" values are those of the latest import.
   */
  readonly firstImport: string | null;
}

/** What matched when a category was suggested: `label: …`, `synonym: …`, `approved: …`. */
export interface Suggestion {
  readonly code: string;
  /** In [0, 1]. */
  readonly score: number;
  readonly via: string;
}

/** The decisions a user takes on values; every one is recorded in the history. */
export type DecisionKind =
  | 'assign'
  | 'accept-suggestion'
  | 'approve'
  | 'reject'
  | 'flag'
  | 'clear'
  | 'note'
  | 'reopen'
  | 'undo'
  | 'redo'
  | 'import-mapping'
  /** A change of the codebook in the editor; the values it recoded are its changes. */
  | 'codebook'
  /** A team's disagreement settled: which side was kept, of which (issue 10). */
  | 'resolve';

/** One entry of the append-only history: who did what to which value, and what it became. */
export interface Decision {
  readonly variable: VariableId;
  readonly raw: string;
  readonly kind: DecisionKind;
  readonly code: string | null;
  readonly status: Status;
  readonly by: string;
  readonly at: string;
  /** All decisions of one bulk action share a batch id. */
  readonly batch: string;
  readonly note: string;
  /** The value's coding before this decision, so a batch can be undone. */
  readonly before: Coding;
  /** A resolved team disagreement: the side kept, of which sides. */
  readonly resolve?: ResolveRecord;
}

/** The part of a RawValue that decisions change. */
export type Coding = Pick<
  RawValue,
  'code' | 'status' | 'codedBy' | 'codedAt' | 'reviewedBy' | 'reviewedAt' | 'note' | 'updatedAt'
>;

/** A variable of a project: its codebook and how its cells are split. */
export interface Variable {
  readonly id: VariableId;
  /** Display label, e.g. `Åtgärd`. */
  readonly label: string;
  readonly codebook: Codebook;
  readonly split: SplitConfig;
  readonly order: number;
}

/** Approved (or other) codings of one variable keyed by raw value. Always a Map: raw values can be `__proto__`. */
export type MappingIndex = ReadonlyMap<string, { readonly code: string; readonly status: Status }>;
