import type { ProjectPeople } from '../core/members';
import { CHECKPOINT_PART_TYPE, CHECKPOINT_TYPE } from '../core/team/checkpoint';
import { EVENT_TYPE } from '../core/team/events';

// The rules the server itself enforces on a project's database (issue 10 item 5), as a CouchDB
// design document with a validate_doc_update function. CouchDB runs it on every write, also an
// admin's and a replicated one; a thrown {forbidden} refuses the write with 403 and the message.
// The function cannot read other documents, so the project's roles and four eyes are written
// into it: a project admin rewrites the design document whenever the members change.
//
// The source is ES5 in a string, exactly what the server runs (CouchDB's JavaScript engine and
// PouchDB Server's both take it); the unit tests evaluate this same string.

export const DESIGN_ID = '_design/kodbok';

/** Refusal codes, the first word of the server's message: `kodbok:<code>: <words>`. */
export const REFUSALS = [
  'not-a-member',
  'not-an-admin',
  'immutable',
  'not-an-event',
  'not-the-author',
  'bad-event',
  'not-a-reviewer',
  'own-coding',
  'not-a-coder',
] as const;
export type Refusal = (typeof REFUSALS)[number];

/** Reads the refusal code out of a server's `forbidden` reason, or null for another message. */
export function refusalOf(reason: unknown): Refusal | null {
  if (typeof reason !== 'string') return null;
  const code = /^kodbok:([a-z-]+):/.exec(reason)?.[1];
  return code !== undefined && (REFUSALS as readonly string[]).includes(code)
    ? (code as Refusal)
    : null;
}

const VALIDATE = `function (newDoc, oldDoc, userCtx, secObj) {
  var PEOPLE = __PEOPLE__;
  var EVENT_TYPE = __EVENT_TYPE__;
  function has(list, x) { return !!list && list.indexOf(x) !== -1; }
  function no(code, words) { throw ({ forbidden: 'kodbok:' + code + ': ' + words }); }
  var roles = userCtx.roles || [];
  function inSection(s) {
    if (!s) return false;
    if (userCtx.name !== null && has(s.names, userCtx.name)) return true;
    for (var i = 0; i < (s.roles || []).length; i++) if (has(roles, s.roles[i])) return true;
    return false;
  }
  var sec = secObj || {};
  var serverAdmin = has(roles, '_admin');
  var admin = serverAdmin || inSection(sec.admins);
  if (!admin && !inSection(sec.members)) no('not-a-member', 'only the project\\'s members write to it');
  if (newDoc._id.indexOf('_design/') === 0) {
    if (!admin) no('not-an-admin', 'only a project admin changes the rules');
    return;
  }
  // A write without _rev over a stored event is the same event sent again (a browser that died
  // before hearing back): the store answers 409, which the sender counts as sent.
  if (oldDoc && !serverAdmin && newDoc._rev) no('immutable', 'an event is never changed or deleted');
  if (newDoc._deleted) no('immutable', 'an event is never deleted');
  // A checkpoint of the project (a manifest cp:… and its parts cpp:…): from a project admin only.
  var cp = newDoc._id.indexOf('cp:') === 0, part = newDoc._id.indexOf('cpp:') === 0;
  if (cp || part) {
    if (!admin) no('not-an-admin', 'only a project admin writes a checkpoint');
    if (newDoc.type !== (cp ? __CHECKPOINT_TYPE__ : __CHECKPOINT_PART_TYPE__) || newDoc.v !== 1) no('bad-event', 'not a Kodbok checkpoint');
    if (newDoc.author !== userCtx.name) no('not-the-author', 'a checkpoint is written by its author only');
    if (typeof newDoc.at !== 'string') no('bad-event', 'a checkpoint needs a time');
    return;
  }
  if (newDoc.type !== EVENT_TYPE || newDoc.v !== 1) no('not-an-event', 'only Kodbok events are stored here');
  if (newDoc.author !== userCtx.name) no('not-the-author', 'an event is written by its author only');
  if (typeof newDoc.at !== 'string' || newDoc._id.indexOf('ev:') !== 0) no('bad-event', 'an event needs an ev: id and a time');
  var kind = newDoc.kind;
  if (kind === 'members' && !admin) no('not-an-admin', 'only a project admin changes the members');
  if (kind === 'past' && !admin) no('not-an-admin', 'only a project admin sends the project\\'s past');
  var members = PEOPLE.members;
  function reviewer(name) {
    if (members.length === 0) return true;
    for (var i = 0; i < members.length; i++) {
      if (members[i].name === name) return members[i].role === 'reviewer' || members[i].role === 'both';
    }
    return false;
  }
  var review = (kind === 'decision' && (newDoc.action === 'approve' || newDoc.action === 'reject')) || kind === 'resolve' ||
    (kind === 'codebook' && newDoc.action === 'resolve');
  if (review && !reviewer(newDoc.author)) no('not-a-reviewer', newDoc.author + ' is not a reviewer of this project');
  if (kind === 'sample') {
    if (!admin && !reviewer(newDoc.author)) no('not-a-reviewer', newDoc.author + ' is not a reviewer of this project: only a reviewer or an admin draws a sample');
    if (!newDoc.sample || newDoc.sample.by !== newDoc.author) no('not-the-author', 'a sample is drawn by its author only');
  }
  if (kind === 'blind-codes') {
    // The sample's coders travel with the codes (this function cannot read the sample itself).
    if (!has(newDoc.coders, newDoc.author)) no('not-a-coder', newDoc.author + ' is not one of the sample\\'s coders');
    var codes = newDoc.codes;
    if (!codes || typeof codes !== 'object' || typeof codes.length !== 'number') no('bad-event', 'blind codes list their codes');
    for (var k = 0; k < codes.length; k++) {
      if (!codes[k] || codes[k].by !== newDoc.author) no('not-the-author', 'a coder saves her own blind codes only');
      if (codes[k].sample !== newDoc.sample) no('bad-event', 'every blind code is on the event\\'s sample');
    }
  }
  if (kind === 'decision') {
    var changes = newDoc.changes;
    if (!changes || typeof changes.length !== 'number') no('bad-event', 'a decision lists its changes');
    if (newDoc.action === 'approve' && PEOPLE.fourEyes) {
      for (var j = 0; j < changes.length; j++) {
        var seen = changes[j].seen;
        if (!seen || seen.codedBy === newDoc.author) no('own-coding', 'four eyes: a value is approved by someone other than its coder');
      }
    }
  }
}`;

/** The validate function's source for a project's people. */
export function validateSource(people: ProjectPeople): string {
  const baked = {
    members: people.members.map((m) => ({ name: m.name, role: m.role })),
    fourEyes: people.fourEyes,
  };
  return VALIDATE.replace('__PEOPLE__', JSON.stringify(baked))
    .replace('__EVENT_TYPE__', JSON.stringify(EVENT_TYPE))
    .replace('__CHECKPOINT_TYPE__', JSON.stringify(CHECKPOINT_TYPE))
    .replace('__CHECKPOINT_PART_TYPE__', JSON.stringify(CHECKPOINT_PART_TYPE));
}

export interface DesignDoc {
  readonly _id: typeof DESIGN_ID;
  readonly _rev?: string;
  readonly language: 'javascript';
  readonly validate_doc_update: string;
}

export function designDoc(people: ProjectPeople, rev?: string): DesignDoc {
  return {
    _id: DESIGN_ID,
    ...(rev ? { _rev: rev } : {}),
    language: 'javascript',
    validate_doc_update: validateSource(people),
  };
}
