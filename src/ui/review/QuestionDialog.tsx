import { useState } from 'react';
import { formatNumber } from '../../i18n';
import { useApp, useReview, type Question } from '../../state/app';
import { useT } from '../i18n';
import { actionName } from '../report';
import { formatWhen, plural, stepAction } from './format';
import { Modal } from './Modal';

/** The question asked before an action goes on, if any (state/review.ts `ask`). */
export function QuestionDialog() {
  const question = useReview((s) => s.question);
  if (!question) return null;
  switch (question.kind) {
    case 'approved':
      return <ApprovedQuestion q={question} />;
    case 'reason':
      return <ReasonQuestion q={question} />;
    case 'old-undo':
      return <OldUndoQuestion q={question} />;
    case 'merge':
      return <MergeQuestion q={question} />;
  }
}

type Of<K extends Question['kind']> = Extract<Question, { kind: K }>;

/** Approved work is protected: by default it is left as it is. */
function ApprovedQuestion({ q }: { q: Of<'approved'> }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  return (
    <Modal label={t('approvedAskTitle')} onCancel={() => q.answer(null)} testId="approved-ask">
      <h2>{t('approvedAskTitle')}</h2>
      <p>
        {plural(t, 'approvedAsk', q.values, {
          action: actionName(t, q.action),
          rows: formatNumber(lang, q.rows),
        })}
      </p>
      <div className="modal-actions">
        <button onClick={() => q.answer(null)}>{t('cancel')}</button>
        <button onClick={() => q.answer('change')} data-testid="approved-change">
          {t('approvedChange')}
        </button>
        <button
          className="btn-primary"
          autoFocus
          onClick={() => q.answer('keep')}
          data-testid="approved-keep"
        >
          {t('approvedKeep')}
        </button>
      </div>
    </Modal>
  );
}

/** _Skicka tillbaka_ asks why: the reason becomes the note. */
function ReasonQuestion({ q }: { q: Of<'reason'> }) {
  const t = useT();
  const [reason, setReason] = useState('');
  const title = plural(t, 'reasonTitle', q.values);
  return (
    <Modal label={title} onCancel={() => q.answer(null)} testId="reason-ask">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (reason.trim()) q.answer(reason.trim());
        }}
      >
        <h2>{title}</h2>
        <label className="stack">
          {t('reasonLabel')}
          <input
            autoFocus
            value={reason}
            maxLength={4000}
            onChange={(e) => setReason(e.target.value)}
            data-testid="reason"
          />
        </label>
        <div className="modal-actions">
          <button type="button" onClick={() => q.answer(null)}>
            {t('cancel')}
          </button>
          <button
            type="submit"
            className="btn-primary"
            disabled={!reason.trim()}
            data-testid="reason-ok"
          >
            {t('reject')}
          </button>
        </div>
      </form>
    </Modal>
  );
}

/** An undo of an action made before this page was loaded: whose, and when. */
function OldUndoQuestion({ q }: { q: Of<'old-undo'> }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  return (
    <Modal label={t('oldUndoTitle')} onCancel={() => q.answer(false)} testId="old-undo-ask">
      <h2>{t('oldUndoTitle')}</h2>
      <p>
        {t('oldUndoAsk', {
          action: stepAction(t, q.step),
          by: q.step.by,
          time: formatWhen(lang, q.step.at),
        })}
      </p>
      <div className="modal-actions">
        <button onClick={() => q.answer(false)}>{t('cancel')}</button>
        <button
          className="btn-primary"
          autoFocus
          onClick={() => q.answer(true)}
          data-testid="old-undo-ok"
        >
          {t('undo')}
        </button>
      </div>
    </Modal>
  );
}

/** A merge recodes approved values: the person says whether they are reviewed again. */
function MergeQuestion({ q }: { q: Of<'merge'> }) {
  const t = useT();
  const lang = useApp((s) => s.lang);
  return (
    <Modal label={t('cbMergeAskTitle')} onCancel={() => q.answer(null)} testId="merge-ask">
      <h2>{t('cbMergeAskTitle')}</h2>
      <p>
        {plural(t, 'cbMergeAsk', q.values, {
          code: q.from,
          into: q.into,
          rows: formatNumber(lang, q.rows),
        })}
      </p>
      <div className="modal-actions">
        <button onClick={() => q.answer(null)}>{t('cancel')}</button>
        <button onClick={() => q.answer('keep-approval')} data-testid="merge-keep">
          {t('cbMergeKeep')}
        </button>
        <button
          className="btn-primary"
          autoFocus
          onClick={() => q.answer('review-again')}
          data-testid="merge-review"
        >
          {t('cbMergeReview')}
        </button>
      </div>
    </Modal>
  );
}
