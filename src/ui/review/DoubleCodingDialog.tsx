// Blind double coding (issue 10 item 6): a reviewer draws a sample of the open variable's values
// for chosen members; each of them codes it seeing only the values and her own codes; once she
// has coded it all (or for anyone not coding it) the agreement, the confusion table and the
// disagreements are shown, computed by core/double-coding.ts (the figures of kodbok agreement).

import { useEffect, useMemo, useState } from 'react';
import { leaves } from '../../core/codebook';
import {
  blindView,
  codesByCoder,
  disagreements,
  mayCompare,
  sampleAgreement,
  type AgreementLevel,
  type BlindCode,
  type DoubleSample,
  type SampleMode,
} from '../../core/double-coding';
import { canReview } from '../../core/members';
import type { Variable } from '../../core/types';
import { appDb } from '../../db/db';
import { formatNumber, formatPercent, type Language } from '../../i18n';
import { notify, reportError, useApp, useReview } from '../../state/app';
import { drawDoubleSample, observeDoubleCoding, saveBlindCodes } from '../../state/double-coding';
import { useT, type T } from '../i18n';
import { RawText } from '../RawText';
import { Modal } from './Modal';

const REFUSAL = {
  'not-a-coder': 'dcRefused_not_a_coder',
  'not-in-sample': 'dcRefused_not_in_sample',
  'not-a-leaf': 'dcRefused_not_a_leaf',
  missing: 'dcRefused_missing',
} as const;

interface Stored {
  readonly samples: readonly DoubleSample[];
  readonly codes: readonly BlindCode[];
}

/** A fresh 32-bit seed, shown and editable before drawing. */
function newSeed(): number {
  return crypto.getRandomValues(new Uint32Array(1))[0]!;
}

export function DoubleCodingDialog({ onClose }: { onClose: () => void }) {
  const t = useT();
  const projectId = useApp((s) => s.projectId);
  const variable = useApp((s) => s.variables.find((v) => v.id === s.variableId));
  const values = useApp((s) => s.values);
  const user = useApp((s) => s.user);
  const lang = useApp((s) => s.lang);
  const people = useReview((s) => s.people);
  const [stored, setStored] = useState<Stored | null>(null);
  const variableId = variable?.id;
  // Followed live: a teammate's sample or codes arriving from the server show at once.
  useEffect(() => {
    if (!projectId || !variableId) return;
    const sub = observeDoubleCoding(appDb(), projectId, variableId, setStored, reportError);
    return () => sub.unsubscribe();
  }, [projectId, variableId]);
  const frequencies = useMemo(() => new Map(values.map((v) => [v.raw, v.frequency])), [values]);
  if (!variable) return null;

  const draw = async (request: Parameters<typeof drawDoubleSample>[0]) => {
    const sample = await drawDoubleSample(request);
    if (sample === 'empty') notify(t('dcEmpty'), 'error');
    else if (sample) notify(t('dcDrawn', { n: sample.raws.length }));
  };
  const save = async (sample: string, codes: { raw: string; code: string }[]) => {
    const out = await saveBlindCodes(sample, codes);
    if (Array.isArray(out)) notify(t('dcSaved', { n: out.length }));
    else if (out !== undefined) notify(t(REFUSAL[out], { by: user }), 'error');
  };

  return (
    <Modal
      label={t('dcTitle', { variable: variable.label })}
      onCancel={onClose}
      testId="double-coding"
      className="double-coding"
    >
      <h2>{t('dcTitle', { variable: variable.label })}</h2>
      <div className="dc-body">
        {stored && stored.samples.length === 0 && <p className="muted">{t('dcNoSamples')}</p>}
        {stored?.samples.map((sample, i) => (
          <SampleSection
            key={sample.id}
            t={t}
            lang={lang}
            n={i + 1}
            sample={sample}
            codes={stored.codes.filter((c) => c.sample === sample.id)}
            variable={variable}
            user={user}
            frequencies={frequencies}
            onSave={(codes) => void save(sample.id, codes)}
          />
        ))}
        <DrawForm
          t={t}
          members={people.members.map((m) => m.name)}
          mayDraw={canReview(people, user)}
          onDraw={(r) => void draw(r)}
        />
      </div>
      <div className="modal-actions">
        <button onClick={onClose} data-testid="dc-close">
          {t('close')}
        </button>
      </div>
    </Modal>
  );
}

/** A labelled choice among a few named options. */
function Choice<V extends string>(props: {
  label: string;
  value: V;
  options: readonly (readonly [V, string])[];
  onChange: (value: V) => void;
  testId: string;
}) {
  return (
    <label>
      {props.label}{' '}
      <select
        value={props.value}
        onChange={(e) => props.onChange(e.target.value as V)}
        data-testid={props.testId}
      >
        {props.options.map(([value, text]) => (
          <option key={value} value={value}>
            {text}
          </option>
        ))}
      </select>
    </label>
  );
}

interface DrawProps {
  readonly t: T;
  readonly members: readonly string[];
  readonly mayDraw: boolean;
  readonly onDraw: (request: {
    mode: SampleMode;
    size: number;
    seed: number;
    coders: string[];
  }) => void;
}

function DrawForm({ t, members, mayDraw, onDraw }: DrawProps) {
  const [size, setSize] = useState(50);
  const [mode, setMode] = useState<SampleMode>('stratified');
  const [seed, setSeed] = useState(newSeed);
  const [coders, setCoders] = useState<readonly string[]>([]);
  const toggle = (name: string, on: boolean) =>
    setCoders((list) => (on ? [...list, name] : list.filter((c) => c !== name)));
  return (
    <fieldset className="dc-draw">
      <legend>{t('dcDraw')}</legend>
      <small className="muted">{t('dcDrawNote')}</small>
      {!mayDraw && <p className="warn">{t('dcNotAdmin')}</p>}
      {members.length === 0 && <p className="warn">{t('dcNoMembers')}</p>}
      <label>
        {t('dcSize')}{' '}
        <input
          type="number"
          min={1}
          value={size}
          onChange={(e) => setSize(Math.max(1, Math.floor(Number(e.target.value) || 1)))}
          data-testid="dc-size"
        />
      </label>
      <Choice
        label={t('dcMode')}
        value={mode}
        options={[
          ['stratified', t('dcModeStratified')],
          ['random', t('dcModeRandom')],
        ]}
        onChange={setMode}
        testId="dc-mode"
      />
      <label>
        {t('dcSeed')}{' '}
        <input
          type="number"
          min={0}
          value={seed}
          onChange={(e) => setSeed(Math.max(0, Math.floor(Number(e.target.value) || 0)) >>> 0)}
          data-testid="dc-seed"
        />
      </label>
      <div>
        {t('dcCoders')}:{' '}
        {members.map((name) => (
          <label key={name} className="dc-coder">
            <input
              type="checkbox"
              checked={coders.includes(name)}
              onChange={(e) => toggle(name, e.target.checked)}
              data-testid={`dc-coder-${name}`}
            />{' '}
            {name}
          </label>
        ))}
      </div>
      <div>
        <button
          className="btn-primary"
          disabled={!mayDraw || coders.length === 0}
          onClick={() => {
            onDraw({ mode, size, seed, coders: [...coders] });
            setSeed(newSeed());
          }}
          data-testid="dc-draw"
        >
          {t('dcDrawButton')}
        </button>
      </div>
    </fieldset>
  );
}

interface SampleProps {
  readonly t: T;
  readonly lang: Language;
  readonly n: number;
  readonly sample: DoubleSample;
  readonly codes: readonly BlindCode[];
  readonly variable: Variable;
  readonly user: string;
  readonly frequencies: ReadonlyMap<string, number>;
  readonly onSave: (codes: { raw: string; code: string }[]) => void;
}

function SampleSection(props: SampleProps) {
  const { t, lang, sample, codes, user } = props;
  const coded = codesByCoder(sample, codes);
  const at = new Date(sample.at).toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB');
  return (
    <section className="dc-sample" data-testid="dc-sample">
      <h3>
        {t('dcSample', {
          n: props.n,
          size: sample.raws.length,
          mode: t(sample.mode === 'random' ? 'dcModeRandom' : 'dcModeStratified'),
          seed: String(sample.seed),
          by: sample.by,
          at,
        })}
      </h3>
      <p className="muted">
        {sample.coders
          .map((coder) =>
            t('dcProgress', {
              coder,
              done: coded.get(coder)?.size ?? 0,
              size: sample.raws.length,
            }),
          )
          .join(' · ')}
      </p>
      {sample.coders.includes(user) && (
        <BlindCoding
          key={`${sample.id}:${user}`}
          t={t}
          rows={blindView(sample, codes, user)}
          variable={props.variable}
          onSave={props.onSave}
        />
      )}
      {mayCompare(sample, codes, user) ? (
        <Report {...props} />
      ) : (
        <p className="muted">{t('dcHidden')}</p>
      )}
    </section>
  );
}

function BlindCoding({
  t,
  rows,
  variable,
  onSave,
}: {
  t: T;
  rows: readonly { raw: string; code: string | null }[];
  variable: Variable;
  onSave: (codes: { raw: string; code: string }[]) => void;
}) {
  const choices = leaves(variable.codebook);
  // What she has chosen in this form and not saved yet (a Map: raw values can be `__proto__`).
  const [draft, setDraft] = useState<ReadonlyMap<string, string>>(new Map());
  const changed = [...draft].filter(
    ([raw, code]) => rows.find((r) => r.raw === raw)?.code !== code,
  );
  return (
    <div className="dc-code">
      <h4>{t('dcCode')}</h4>
      <small className="muted">{t('dcCodeNote')}</small>
      <table>
        <tbody>
          {rows.map((r) => (
            <tr key={r.raw} data-testid="dc-row">
              <td>
                <RawText raw={r.raw} />
              </td>
              <td>
                <select
                  aria-label={r.raw}
                  value={draft.get(r.raw) ?? r.code ?? ''}
                  onChange={(e) => setDraft((d) => new Map(d).set(r.raw, e.target.value))}
                  data-testid="dc-choice"
                >
                  <option value="" disabled>
                    {t('dcChoose')}
                  </option>
                  {choices.map((c) => (
                    <option key={c.code} value={c.code}>
                      {c.code} {c.label}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <button
        className="btn-primary"
        disabled={changed.length === 0}
        onClick={() => {
          onSave(changed.map(([raw, code]) => ({ raw, code })));
          setDraft(new Map());
        }}
        data-testid="dc-save"
      >
        {t('dcSave')}
      </button>
    </div>
  );
}

function Report({ t, lang, sample, codes, variable, frequencies }: SampleProps) {
  const [level, setLevel] = useState<AgreementLevel>('leaf');
  const [weight, setWeight] = useState<'values' | 'rows'>('values');
  const report = sampleAgreement(sample, codes, {
    codebook: variable.codebook,
    level,
    weight,
    frequencies,
  });
  const list = disagreements(sample, codes, variable.codebook, level);
  const figure = (x: number | null, percent = false) =>
    x === null
      ? t('dcUndefined')
      : percent
        ? formatPercent(lang, x)
        : x.toLocaleString(lang === 'sv' ? 'sv-SE' : 'en-GB', { maximumFractionDigits: 3 });
  const { confusion } = report;
  return (
    <div className="dc-report" data-testid="dc-report">
      <h4>{t('dcReport')}</h4>
      <div className="dc-options">
        <Choice
          label={t('dcLevel')}
          value={level}
          options={[
            ['leaf', t('dcLevelLeaf')],
            ['group', t('dcLevelGroup')],
          ]}
          onChange={setLevel}
          testId="dc-level"
        />
        <Choice
          label={t('dcWeight')}
          value={weight}
          options={[
            ['values', t('dcWeightValues')],
            ['rows', t('dcWeightRows')],
          ]}
          onChange={setWeight}
          testId="dc-weight"
        />
      </div>
      <dl className="dc-figures">
        <dt>{t('dcUnits')}</dt>
        <dd data-testid="dc-n">{formatNumber(lang, report.n)}</dd>
        <dt>{t('dcPercent')}</dt>
        <dd data-testid="dc-percent">{figure(report.percentAgreement, true)}</dd>
        <dt>{t('dcKappa')}</dt>
        <dd data-testid="dc-kappa">{figure(report.cohenKappa)}</dd>
        <dt>{t('dcAlpha')}</dt>
        <dd data-testid="dc-alpha">{figure(report.krippendorffAlpha)}</dd>
      </dl>
      {confusion.codes.length > 0 && (
        <table className="dc-confusion" aria-label={t('dcConfusion')}>
          <caption>{t('dcConfusion')}</caption>
          <thead>
            <tr>
              <th />
              {confusion.codes.map((c) => (
                <th key={c}>{c}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {confusion.codes.map((c, i) => (
              <tr key={c}>
                <th>{c}</th>
                {confusion.counts[i]!.map((x, j) => (
                  <td key={j}>{formatNumber(lang, x)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h4>{t('dcDisagreements')}</h4>
      {list.length === 0 ? (
        <p className="muted">{t('dcNoDisagreements')}</p>
      ) : (
        <ul className="dc-disagreements" data-testid="dc-disagreements">
          {list.map((d) => (
            <li key={d.raw}>
              <RawText raw={d.raw} />: {d.codes.map((c) => `${c.coder} ${c.code}`).join(' · ')}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
