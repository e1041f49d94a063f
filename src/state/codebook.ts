import { useEffect, useState } from 'react';
import {
  codeUses,
  type ApprovedChoice,
  type CodebookEdit,
  type EditRefusal,
} from '../core/codebook-edit';
import { translate, type MessageKey } from '../i18n';
import { appDb, type CodebookVersionRow } from '../db/db';
import * as repo from '../db/repo';
import { ask } from './review';
import { get, notify, reportError } from './store';
import { saving } from './app';

// The codebook editor's actions (issue 11 items 1 and 2): one call per edit, which asks first
// when a merge touches approved values, saves in one transaction and says what happened.

const REFUSAL_KEY: Record<EditRefusal, MessageKey> = {
  'unknown-code': 'cbRefused_unknownCode',
  'empty-code': 'cbRefused_emptyCode',
  'empty-label': 'cbRefused_emptyLabel',
  'duplicate-code': 'cbRefused_duplicateCode',
  'has-values': 'cbRefused_hasValues',
  'has-children': 'cbRefused_hasChildren',
  'parent-has-values': 'cbRefused_parentHasValues',
  'parent-deprecated': 'cbRefused_parentDeprecated',
  cycle: 'cbRefused_cycle',
  'not-a-leaf': 'cbRefused_notALeaf',
  'same-category': 'cbRefused_sameCategory',
  deprecated: 'cbRefused_deprecated',
  'no-new-category': 'cbRefused_noNewCategory',
  invalid: 'cbRefused_invalid',
};

/** The message of a refused edit, in the person's language. */
export function refusalText(refusal: EditRefusal, code: string): string {
  return translate(get().lang, REFUSAL_KEY[refusal], { code });
}

/**
 * Saves one edit of the current variable's codebook. A merge that recodes approved values says
 * how many (and their rows) and asks whether they are reviewed again. Resolves true when saved;
 * a refusal is shown with its reason and nothing is stored.
 */
export async function editCurrentCodebook(edit: CodebookEdit): Promise<boolean> {
  const { projectId, variableId, user, values } = get();
  if (!projectId || !variableId) return false;
  let approved: ApprovedChoice = 'review-again';
  if (edit.kind === 'merge') {
    const use = codeUses(values).get(edit.from);
    if (use && use.approvedValues > 0) {
      const answer = await ask<ApprovedChoice | null>((a) => ({
        kind: 'merge',
        from: edit.from,
        into: edit.into,
        values: use.approvedValues,
        rows: use.approvedRows,
        answer: a,
      }));
      if (answer === null) return false;
      approved = answer;
    }
  }
  const result = await saving(() =>
    repo.editCodebook(appDb(), {
      project: projectId,
      variable: variableId,
      edit,
      by: user,
      approved,
    }),
  );
  if (!result) return false;
  if (!result.ok) {
    notify(refusalText(result.refusal, result.code), 'error');
    return false;
  }
  notify(translate(get().lang, 'cbSaved', { version: result.version }));
  return true;
}

/** The versions of a variable's codebook, oldest first, kept fresh while the caller is mounted. */
export function useCodebookVersions(
  project: string | null,
  variable: string | null,
): CodebookVersionRow[] {
  const [versions, setVersions] = useState<CodebookVersionRow[]>([]);
  useEffect(() => {
    setVersions([]);
    if (!project || !variable) return;
    const sub = repo.observeCodebookVersions(appDb(), project, variable, setVersions, reportError);
    return () => sub.unsubscribe();
  }, [project, variable]);
  return versions;
}
