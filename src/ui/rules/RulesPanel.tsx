import { useEffect, useMemo, useRef, useState } from 'react';
import {
  NORMALISE_RULES,
  type Abbreviation,
  type NormaliseConfig,
  type RulePreview,
} from '../../core/suggest/normalise';
import { leaves } from '../../core/codebook';
import { termsOfCodebook } from '../../core/suggest/scope';
import { FIT_RULE, type ProfileChoice } from '../../core/suggest/choose';
import {
  defaultProfile,
  englishProfile,
  neutralProfile,
  type SuggestProfile,
} from '../../core/suggest/profile';
import type { Codebook } from '../../core/types';
import { setProfile, useApp } from '../../state/app';
import { suggestWorker } from '../../workers/client';
import { useT } from '../i18n';
import { RawText } from '../RawText';
import { useDismiss } from '../useDismiss';
import { AddRow, RemoveCell } from './AddRow';
import { ProfileActions, WordClassEditor } from './ProfileActions';
import { VocabularyEditor } from './VocabularyEditor';
import { WordListEditor } from './WordListEditor';

type Tab = 'rules' | 'abbreviations' | 'units' | 'vocabulary' | 'words';

/**
 * A variable's suggestion profile (core/suggest/profile.ts): the normalisation rules, each with a
 * preview of what it changes and on how many values (computed in the suggestion worker), the lists
 * they use (abbreviations, unit prefixes and codes), the domain vocabulary and the word classes of
 * the reading; exported and imported as a `kodbok/profile` file. Raw values are never changed.
 */
export function RulesPanel({
  variableLabel,
  codebook,
  onClose,
}: {
  variableLabel: string;
  codebook: Codebook;
  onClose: () => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  useDismiss(box, onClose);
  const t = useT();
  const saved = useApp((s) => s.profile);
  const choice = useApp((s) => s.profileChoice);
  const values = useApp((s) => s.values);
  const [draft, setDraft] = useState<SuggestProfile>(saved);
  const normalise = draft.normalise;
  const setNormalise = (n: NormaliseConfig) => setDraft({ ...draft, normalise: n });
  const [preview, setPreview] = useState<RulePreview[] | null>(null);
  const [short, setShort] = useState('');
  const [long, setLong] = useState('');
  const [tab, setTab] = useState<Tab>('rules');
  // The concepts this variable's codebook speaks of (the engine uses only those).
  const usedConcepts = useMemo(
    () =>
      new Set(
        termsOfCodebook(leaves(codebook), draft.vocabulary, draft.normalise).map(
          (term) => term.concept,
        ),
      ),
    [codebook, draft],
  );
  const tabs: [Tab, string][] = [
    ['rules', t('rulesTabRules')],
    ['abbreviations', t('rulesAbbreviations')],
    ['units', t('rulesTabUnits')],
    ['vocabulary', t('rulesVocabulary')],
    ['words', t('profileWords')],
  ];

  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      void suggestWorker()
        .previewRules(
          values.map((v) => v.raw),
          normalise,
        )
        .then((p) => live && setPreview(p));
    }, 150);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [values, normalise]);

  const setAbbreviations = (abbreviations: readonly Abbreviation[]) =>
    setNormalise({ ...normalise, abbreviations });

  return (
    <div className="modal-backdrop">
      <div
        className="modal rules"
        role="dialog"
        aria-label={t('rulesTitle', { variable: variableLabel })}
        ref={box}
      >
        <h2>{t('rulesTitle', { variable: variableLabel })}</h2>
        <p className="muted">{t('rulesIntro')}</p>
        <ProfileInUse profile={saved} choice={choice} />
        <div className="modal-tabs" role="tablist">
          {tabs.map(([id, label]) => (
            <button
              key={id}
              role="tab"
              aria-selected={tab === id}
              className={tab === id ? 'modal-tab active' : 'modal-tab'}
              data-testid={`rules-tab-${id}`}
              onClick={() => setTab(id)}
            >
              {label}
            </button>
          ))}
        </div>
        {tab === 'rules' && (
          <div className="rules-list">
            {NORMALISE_RULES.map((rule) => {
              const p = preview?.find((x) => x.rule === rule);
              return (
                <div key={rule} className="rule">
                  <label>
                    <input
                      type="checkbox"
                      checked={normalise.rules[rule]}
                      onChange={(e) =>
                        setNormalise({
                          ...normalise,
                          rules: { ...normalise.rules, [rule]: e.target.checked },
                        })
                      }
                      data-rule={rule}
                    />{' '}
                    <b>{t(`rule_${rule}`)}</b>{' '}
                    <span className="muted" data-testid={`rule-count-${rule}`}>
                      {p ? t('rulesChanged', { n: p.changed }) : '…'}
                    </span>
                  </label>
                  {p && p.examples.length > 0 && (
                    <ul className="rule-examples">
                      {p.examples.slice(0, 3).map((ex) => (
                        <li key={ex.raw}>
                          <RawText raw={ex.raw} /> → <code>{ex.with}</code>
                          {ex.without !== ex.with && <span className="muted"> ({ex.without})</span>}
                        </li>
                      ))}
                    </ul>
                  )}
                </div>
              );
            })}
          </div>
        )}
        {tab === 'abbreviations' && (
          <div className="abbr-wrap">
            <table className="abbr">
              <thead>
                <tr>
                  <th>{t('rulesShort')}</th>
                  <th>{t('rulesLong')}</th>
                  <th />
                </tr>
              </thead>
              <tbody>
                {normalise.abbreviations.map((a, i) => (
                  <tr key={`${a.short}-${i}`}>
                    <td>
                      <code>{a.short}</code>
                      {a.exactCase === true && (
                        <span className="muted"> · {t('rulesExactCase')}</span>
                      )}
                    </td>
                    <td>{a.long}</td>
                    <RemoveCell
                      onRemove={() =>
                        setAbbreviations(normalise.abbreviations.filter((_, j) => j !== i))
                      }
                    />
                  </tr>
                ))}
                <AddRow
                  fields={[
                    { label: t('rulesShort'), value: short, onChange: setShort },
                    { label: t('rulesLong'), value: long, onChange: setLong },
                  ]}
                  canAdd={short.trim() !== '' && long.trim() !== ''}
                  onAdd={() => {
                    setAbbreviations([
                      ...normalise.abbreviations,
                      { short: short.trim(), long: long.trim() },
                    ]);
                    setShort('');
                    setLong('');
                  }}
                />
              </tbody>
            </table>
          </div>
        )}
        {tab === 'units' && (
          <div className="units">
            <WordListEditor
              label={t('rulesUnitPrefixes')}
              help={t('rulesUnitPrefixesHelp')}
              words={normalise.unitPrefixes}
              onChange={(unitPrefixes) => setNormalise({ ...normalise, unitPrefixes })}
              testId="rules-unit-prefixes"
            />
            <WordListEditor
              label={t('rulesUnitMarkers')}
              help={t('rulesUnitMarkersHelp')}
              words={normalise.unitMarkers ?? []}
              onChange={(unitMarkers) => setNormalise({ ...normalise, unitMarkers })}
              testId="rules-unit-markers"
            />
          </div>
        )}
        {tab === 'vocabulary' && (
          <VocabularyEditor
            terms={draft.vocabulary}
            used={usedConcepts}
            onChange={(vocabulary) => setDraft({ ...draft, vocabulary })}
          />
        )}
        {tab === 'words' && <WordClassEditor profile={draft} onChange={setDraft} />}
        <div className="modal-actions">
          <ProfileActions profile={draft} variableLabel={variableLabel} onLoad={setDraft} />
          <span className="spacer" />
          <button onClick={onClose}>{t('cancel')}</button>
          <button
            className="btn-primary"
            data-testid="rules-save"
            onClick={() => {
              void setProfile(draft);
              onClose();
            }}
          >
            {t('rulesSave')}
          </button>
        </div>
      </div>
    </div>
  );
}

/** Which profile the variable's suggestions use, and why: saved for it, or chosen from its codebook. */
function ProfileInUse({
  profile,
  choice,
}: {
  profile: SuggestProfile;
  choice: ProfileChoice | null;
}) {
  const t = useT();
  const percent = (x: number) => String(Math.round(100 * x));
  return (
    <p className="profile-in-use" data-testid="profile-in-use" data-profile={profile.id}>
      {t('profileInUse', {
        // The built-in profiles by their names in the interface's language.
        title:
          profile.title === neutralProfile.title
            ? t('profileNeutral')
            : profile.title === defaultProfile.title
              ? t('rulesReset')
              : profile.title === englishProfile.title
                ? t('profileEnglish')
                : (profile.title ?? profile.id),
      })}{' '}
      {choice === null
        ? t('profileWhySaved')
        : t(
            choice.fits
              ? 'profileWhyFits'
              : choice.profile === englishProfile
                ? choice.fit.collapsed === null
                  ? 'profileWhyEnglishByWords'
                  : 'profileWhyEnglish'
                : choice.fit.collapsed === null
                  ? 'profileWhyNeutralByWords'
                  : 'profileWhyNeutral',
            {
              language: percent(choice.fit.language),
              vocabulary: percent(choice.fit.vocabulary),
              needLanguage: percent(FIT_RULE.language),
              needVocabulary: percent(FIT_RULE.vocabulary),
              collapsed: percent(choice.fit.collapsed ?? 0),
              needCollapsed: percent(FIT_RULE.collapsed),
              english: percent(choice.english),
              needEnglish: percent(FIT_RULE.english),
            },
          )}
    </p>
  );
}
