import { diffKnown, knownValuesOf } from '../core/known';
import { checksCombined, mayBeCombined, type CombinedPart } from '../core/suggest/combined';
import type { KnownValue } from '../core/suggest/engine';
import { variableProfile, type VariableProfile } from '../core/suggest/choose';
import type { SuggestProfile } from '../core/suggest/profile';
import { readStoredProfile } from '../core/formats/profile';
import type { Codebook, Suggestion, VariableId } from '../core/types';
import { appDb } from '../db/db';
import { translate } from '../i18n';
import { getSetting, observeStoredSetting, SETTINGS } from '../db/settings';
import { saveProfile } from '../db/team';
import { suggestWorker } from '../workers/client';
import { unpackSuggestions } from '../workers/suggestion-wire';
import { currentVariable, get, notify, reportError, set, setView, type ClusterInfo } from './store';

// Suggestions, normalisation rules and clusters of the current variable: the worker's engine kept
// in step with the approved values, and the grid's suggestions and clusters fresh.

const SUGGESTIONS_K = 3;
const SUGGEST_CHUNK = 2000;
// The grid redoes work over all its rows for every change it is given (sorting, row positions,
// the select-all box: ~0.2 s at 50 000 rows), so after the first chunk (the most frequent values,
// on top of the grid) the suggestions are handed over at most once a second, not per chunk: an
// import of 50 000 new values becomes ~5 grid updates instead of 25 (issue 14 item 3).
const PUBLISH_EVERY_MS = 1000;

let engineKey: string | null = null;
/** The engine's codebook as JSON: the variables are read again after every write to them (an
 * import stores the split), so the same codebook comes back as a new object. */
let engineCodebook: string | null = null;
let engineProfile: SuggestProfile | null = null;
let engineKnown: Map<string, KnownValue> = new Map();
// Values whose suggestions a learning may have moved and that are not suggested again yet.
const moved = new Set<string>();

let syncing = false;
let syncAgain = false;

/**
 * Suggestions asked ahead for the new values an import is committing (issue 14 item 3): the worker
 * suggests them while the import's transaction runs and the store and grid take the new rows in,
 * instead of only after (the engine's ~4 s for 50 000 values then starts seconds earlier). Valid
 * only for the engine as it was when asked: any (re)build or learning drops them (`dropAhead`),
 * and a run uses only the answers of values it still has to suggest.
 */
interface Ahead {
  readonly key: string;
  /** Each value's chunk and place in it; a chunk is asked when the pump or a run needs it. */
  readonly place: Map<string, readonly [number, number]>;
  readonly chunks: { readonly raws: readonly string[]; answer: Promise<Suggestion[][]> | null }[];
  next: number;
}
let ahead: Ahead | null = null;
/** Chunks asked ahead and not answered yet: two keep the worker busy without hogging it. */
const AHEAD_QUEUED = 2;

/**
 * Starts suggesting an import's new values of the current variable before they are stored, most
 * frequent first. Does nothing unless the worker's engine is the current variable's as the store
 * holds it now (otherwise the run after the import builds it and suggests them as before).
 */
export function suggestAhead(variable: VariableId, raws: readonly string[]): void {
  const s = get();
  const key = `${s.projectId}/${variable}`;
  const v = currentVariable();
  if (
    raws.length === 0 ||
    v?.id !== variable ||
    engineKey !== key ||
    s.valuesFor !== key ||
    engineProfile !== s.profile ||
    engineCodebook !== codebookKey(v.codebook)
  )
    return;
  const place = new Map<string, readonly [number, number]>();
  const chunks: Ahead['chunks'] = [];
  for (let i = 0; i < raws.length; i += SUGGEST_CHUNK) {
    const chunk = raws.slice(i, i + SUGGEST_CHUNK);
    chunk.forEach((raw, j) => place.set(raw, [chunks.length, j]));
    chunks.push({ raws: chunk, answer: null });
  }
  ahead = { key, place, chunks, next: 0 };
  for (let i = 0; i < AHEAD_QUEUED; i++) pumpAhead(ahead);
}

/** Forgets what was asked ahead (an answer still coming is ignored). */
export function dropAhead(): void {
  ahead = null;
}

/** Asks the next chunk not asked yet; when it is answered, the one after. */
function pumpAhead(a: Ahead): void {
  while (a.next < a.chunks.length && a.chunks[a.next]?.answer) a.next++;
  const chunk = a.chunks[a.next];
  if (!chunk || ahead !== a) return;
  a.next++;
  askAhead(a, chunk).then(
    () => pumpAhead(a),
    () => undefined,
  );
}

function askAhead(a: Ahead, chunk: Ahead['chunks'][number]): Promise<Suggestion[][]> {
  chunk.answer ??= suggestWorker()
    .suggest(a.key, chunk.raws, SUGGESTIONS_K)
    .then(unpackSuggestions);
  chunk.answer.catch(() => undefined);
  return chunk.answer;
}

/** The answer asked ahead for a value, asking its chunk now if the pump has not yet; or null. */
function answerAhead(key: string, raw: string): Promise<readonly Suggestion[]> | null {
  const a = ahead;
  const at = a?.key === key ? a.place.get(raw) : undefined;
  const chunk = at && a?.chunks[at[0]];
  if (!a || !at || !chunk) return null;
  return askAhead(a, chunk).then((out) => out[at[1]] ?? []);
}

/**
 * Keeps the worker's engine in step with the approved values, and the grid's suggestions fresh.
 * Runs one at a time; changes that arrive meanwhile are folded into one more run.
 */
export async function syncSuggestions(): Promise<void> {
  if (syncing) {
    syncAgain = true;
    return;
  }
  syncing = true;
  try {
    do {
      syncAgain = false;
      await syncOnce();
    } while (syncAgain);
  } catch (e) {
    notify(`Suggestions: ${e instanceof Error ? e.message : String(e)}`, 'error');
  } finally {
    syncing = false;
    set({ suggesting: null });
  }
}

async function syncOnce(): Promise<void> {
  const s = get();
  const variable = currentVariable();
  if (!s.projectId || !variable || s.valuesFor !== `${s.projectId}/${variable.id}`) return;
  const key = `${s.projectId}/${variable.id}`;
  const values = s.values;
  const known = knownValuesOf(values);
  const worker = suggestWorker();
  let fresh = false;
  const codebook = codebookKey(variable.codebook);
  if (engineKey !== key || engineCodebook !== codebook || engineProfile !== s.profile) {
    dropAhead();
    engineKey = null;
    const problem = await worker.init(key, variable.codebook, known, s.profile);
    if (problem !== null) notify(translate(get().lang, 'vectorsUnread', { problem }), 'error');
    engineKey = key;
    engineCodebook = codebook;
    engineProfile = s.profile;
    fresh = true;
    moved.clear();
  } else {
    const diff = diffKnown(engineKnown, known);
    // The worker knows which suggestions the learning may have moved; they wait in `moved` until
    // suggested again, also across a run cut short by newer changes.
    if (diff.size > 0) {
      // Answers asked ahead before this learning may be moved by it: asked again below.
      dropAhead();
      for (const raw of await worker.learn(key, diff)) moved.add(raw);
    }
  }
  engineKnown = known;
  // A new engine suggests everything; after learning, the values it may have moved and those
  // without a suggestion yet. (Most writes leave nothing to do: the map is copied only if not.)
  const current = get().suggestions;
  const todo = fresh ? values : values.filter((v) => !current.has(v.raw) || moved.has(v.raw));
  if (todo.length === 0) return;
  const have = fresh ? new Map<string, readonly Suggestion[]>() : new Map(current);
  const combined = fresh ? new Map<string, readonly CombinedPart[]>() : new Map(get().combined);
  // Most frequent first: what the researcher sees on top gets its suggestion first. Ties in
  // code-unit order, as an import's new values are asked ahead (newValues): the run's chunk i is
  // then the one asked ahead as chunk i, not values from every chunk (which waited for all).
  const raws = [...todo]
    .sort((a, b) => b.frequency - a.frequency || (a.raw < b.raw ? -1 : a.raw > b.raw ? 1 : 0))
    .map((v) => v.raw);
  set({ suggesting: { done: 0, total: raws.length } });
  let published = 0;
  let lastPublish = 0;
  let combinedChanged = fresh;
  const publish = () => {
    published = have.size;
    lastPublish = performance.now();
    set({
      suggestions: new Map(have),
      ...(combinedChanged ? { combined: new Map(combined) } : {}),
    });
    combinedChanged = false;
  };
  // The worker always has work queued (issue 14 item 3): it suggests chunk i + 1 and checks
  // chunk i's combined values while this thread hands chunk i to the store and the grid (~0.2 s
  // at 50 000 rows), instead of waiting for each round trip. A run cut short leaves at most one
  // chunk suggested for nothing.
  // Values asked ahead (an import's new values) take their answer from there; the rest are asked.
  const ask = (i: number): Promise<Suggestion[][]> | null => {
    if (i >= raws.length) return null;
    const chunk = raws.slice(i, i + SUGGEST_CHUNK);
    const answers = chunk.map((raw) => answerAhead(key, raw));
    const rest = chunk.filter((_, j) => answers[j] === null);
    const asked =
      rest.length > 0 ? worker.suggest(key, rest, SUGGESTIONS_K).then(unpackSuggestions) : null;
    const out =
      rest.length === chunk.length && asked
        ? asked
        : Promise.all([asked, Promise.all(answers)]).then(([fromWorker, fromAhead]) => {
            let r = 0;
            return fromAhead.map((a) => (a ? [...a] : (fromWorker?.[r++] ?? [])));
          });
    out.catch(() => undefined); // awaited below, unless the run stops first
    return out;
  };
  let checking: { candidates: string[]; parts: Promise<[string, CombinedPart[]][]> } | null = null;
  /** Takes in the combined values of the chunk before (the worker answered them by now, or
   * answers them next: they were asked before the chunk now suggested). */
  const takeChecked = async (): Promise<boolean> => {
    if (!checking) return true;
    const { candidates, parts } = checking;
    checking = null;
    const found = await parts;
    if (get().valuesFor !== key) return false;
    for (const raw of candidates) combined.delete(raw);
    for (const [raw, p] of found) combined.set(raw, p);
    combinedChanged = true;
    return true;
  };
  let next = ask(0);
  try {
    for (let i = 0; i < raws.length; i += SUGGEST_CHUNK) {
      if (syncAgain && !fresh) {
        // Newer data arrived: the next run redoes the rest (what was suggested keeps its check).
        await takeChecked();
        return;
      }
      const chunk = raws.slice(i, i + SUGGEST_CHUNK);
      const asked = next;
      next = ask(i + SUGGEST_CHUNK);
      const out = (await asked) ?? [];
      if (get().valuesFor !== key) return; // the user switched variable meanwhile
      chunk.forEach((raw, j) => {
        have.set(raw, out[j] ?? []);
        moved.delete(raw);
      });
      if (!(await takeChecked())) return;
      const candidates = checksCombined(variable.split) ? chunk.filter(mayBeCombined) : [];
      if (candidates.length > 0) {
        const parts = worker.combined(key, candidates);
        parts.catch(() => undefined);
        checking = { candidates, parts };
      }
      const done = Math.min(i + SUGGEST_CHUNK, raws.length);
      // The last chunk's combined values go with it: one grid update at the end, not two.
      if (done === raws.length && !(await takeChecked())) return;
      // The first chunk's suggestions are on screen before its values that may name several
      // reasons are checked (with each part's suggestion: the grid's marker).
      if (i === 0 || done === raws.length || performance.now() - lastPublish >= PUBLISH_EVERY_MS)
        publish();
      set({ suggesting: { done, total: raws.length } });
    }
    // Every value asked ahead has its answer now: let them go.
    const a = ahead;
    if (a?.key === key && [...a.place.keys()].every((raw) => have.has(raw))) dropAhead();
  } finally {
    // What was suggested is shown even when the run stops early (it stays valid for this variable).
    if ((have.size > published || combinedChanged) && get().valuesFor === key) publish();
  }
}

let lastCodebook: { readonly codebook: Codebook; readonly json: string } | null = null;

function codebookKey(codebook: Codebook): string {
  if (lastCodebook?.codebook !== codebook)
    lastCodebook = { codebook, json: JSON.stringify(codebook) };
  return lastCodebook.json;
}

// ---- the suggestion profile and clusters ----------------------------------------------------

/**
 * The profile a variable's suggestions use: the one saved for it, else the one its codebook fits
 * (core/suggest/choose.ts, as `kodbok suggest` without --profile chooses), with why.
 */
export async function readVariableProfile(
  projectId: string,
  variableId: VariableId,
): Promise<VariableProfile> {
  const stored = await getSetting(appDb(), SETTINGS.normalise.key(projectId, variableId));
  return profileOf(stored, variableId);
}

/**
 * The variable's profile from its stored setting and its codebook as held now. A codebook the
 * choice cannot read (something stored broke it) chooses nothing: the stored or default profile
 * is used, and the screen that shows the codebook fails into the recovery screen, which offers
 * another project; opening the project must not fail before it (that says "cannot open").
 */
function profileOf(stored: unknown, variableId: VariableId): VariableProfile {
  const codebook = get().variables.find((v) => v.id === variableId)?.codebook;
  try {
    if (codebook) return variableProfile(stored, codebook);
  } catch {
    // Shown by the screen (above).
  }
  return { profile: readStoredProfile(stored), choice: null };
}

/** Saves the current variable's suggestion profile; suggestions and clusters follow it. */
export async function setProfile(profile: SuggestProfile): Promise<void> {
  const s = get();
  if (!s.projectId || !s.variableId) return;
  set({ profile, profileChoice: null });
  profileSaves += 1;
  try {
    // A linked project's team gets it too (db/team.ts).
    await saveProfile(appDb(), s.projectId, s.variableId, profile, s.user).catch(reportError);
  } finally {
    profileSaves -= 1;
  }
  void syncSuggestions();
  void refreshClusters();
}

let profileSub: { unsubscribe(): void } | null = null;
/** Local saves of the profile under way: what is stored may be older than what is shown. */
let profileSaves = 0;

/**
 * Follows the open variable's stored profile: one set on another machine (a team's setting,
 * folded here) is used at once, its suggestions and clusters with it, without reopening.
 */
export function followProfile(projectId: string, variableId: string): void {
  profileSub?.unsubscribe();
  // The setting as stored (a team's arrives here too); absent, the codebook chooses as on open.
  profileSub = observeStoredSetting(
    appDb(),
    SETTINGS.normalise.key(projectId, variableId),
    (stored) => {
      const s = get();
      if (s.projectId !== projectId || s.variableId !== variableId || profileSaves > 0) return;
      const { profile, choice } = profileOf(stored, variableId);
      if (JSON.stringify(profile) === JSON.stringify(s.profile)) return;
      set({ profile, profileChoice: choice });
      void syncSuggestions();
      void refreshClusters();
    },
    reportError,
  );
}

export function stopFollowingProfile(): void {
  profileSub?.unsubscribe();
  profileSub = null;
}

let clusterRun = 0;

/** Recomputes the grid's clusters (in the worker) when the grid groups by them. */
export async function refreshClusters(): Promise<void> {
  const s = get();
  const mode = s.view.cluster ?? 'off';
  const run = ++clusterRun;
  if (mode === 'off') {
    if (s.clusters !== null) set({ clusters: null });
    return;
  }
  const out = new Set(s.view.clusterOut ?? []);
  const raws = s.values.map((v) => v.raw).filter((raw) => !out.has(raw));
  const clusters = await suggestWorker().clusters(
    raws,
    s.profile.normalise,
    mode === 'key' ? null : mode,
  );
  if (run !== clusterRun) return;
  const byRaw = new Map<string, ClusterInfo>();
  for (const c of clusters)
    for (const m of c.members) byRaw.set(m, { key: c.key, size: c.members.length });
  set({ clusters: byRaw });
}

export function setClusterMode(mode: 'off' | 'key' | number): void {
  setView({ cluster: mode });
  void refreshClusters();
}

/** Takes values out of their cluster; they stay in the grid, coded or not, on their own. */
export function takeOutOfCluster(raws: readonly string[]): void {
  const out = new Set(get().view.clusterOut ?? []);
  for (const r of raws) out.add(r);
  setView({ clusterOut: [...out] });
  void refreshClusters();
}
