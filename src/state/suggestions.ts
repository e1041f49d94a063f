import { diffKnown, knownValuesOf } from '../core/known';
import { checksCombined, mayBeCombined, type CombinedPart } from '../core/suggest/combined';
import type { KnownValue } from '../core/suggest/engine';
import { variableProfile, type VariableProfile } from '../core/suggest/choose';
import type { SuggestProfile } from '../core/suggest/profile';
import { readStoredProfile } from '../core/formats/profile';
import type { Codebook, Suggestion, VariableId } from '../core/types';
import { appDb } from '../db/db';
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
    await worker.init(key, variable.codebook, known, s.profile);
    engineKey = key;
    engineCodebook = codebook;
    engineProfile = s.profile;
    fresh = true;
    moved.clear();
  } else {
    const diff = diffKnown(engineKnown, known);
    // The worker knows which suggestions the learning may have moved; they wait in `moved` until
    // suggested again, also across a run cut short by newer changes.
    if (diff.size > 0) for (const raw of await worker.learn(key, diff)) moved.add(raw);
  }
  engineKnown = known;
  // A new engine suggests everything; after learning, the values it may have moved and those
  // without a suggestion yet. (Most writes leave nothing to do: the map is copied only if not.)
  const current = get().suggestions;
  const todo = fresh ? values : values.filter((v) => !current.has(v.raw) || moved.has(v.raw));
  if (todo.length === 0) return;
  const have = fresh ? new Map<string, readonly Suggestion[]>() : new Map(current);
  const combined = fresh ? new Map<string, readonly CombinedPart[]>() : new Map(get().combined);
  // Most frequent first: what the researcher sees on top gets its suggestion first.
  const raws = [...todo].sort((a, b) => b.frequency - a.frequency).map((v) => v.raw);
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
  const ask = (i: number): Promise<Suggestion[][]> | null => {
    if (i >= raws.length) return null;
    const out = worker
      .suggest(key, raws.slice(i, i + SUGGEST_CHUNK), SUGGESTIONS_K)
      .then(unpackSuggestions);
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
