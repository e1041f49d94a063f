#!/usr/bin/env node
// `npm run server`: a CouchDB-compatible team server (PouchDB Server's own parts: express-pouchdb
// over LevelDB) for development, tests and a single research group. Production: Apache CouchDB 3
// (docs/team.md). Data in KODBOK_SERVER_DATA; an admin is created on first start; no admin party.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const express = require('express');
const expressPouchDB = require('express-pouchdb');
const PouchDBCore = require('pouchdb-core');
const Auth = require('pouchdb-auth');
const wrappers = require('pouchdb-wrappers');
const changesLike = require('pouchdb-changeslike-wrapper');

const env = process.env;
const dataDir = resolve(env.KODBOK_SERVER_DATA || './.kodbok-server');
const host = env.KODBOK_SERVER_HOST || '127.0.0.1';
const port = Number(env.KODBOK_SERVER_PORT ?? env.PORT ?? 5984);
const adminName = env.KODBOK_SERVER_ADMIN || 'admin';
// Origins of the Kodbok app allowed to call this server from a browser (with its session cookie).
const origins = (
  env.KODBOK_SERVER_ORIGINS ||
  'http://127.0.0.1:4173,http://localhost:4173,http://127.0.0.1:5173,http://localhost:5173'
)
  .split(',')
  .map((o) => o.trim())
  .filter(Boolean);

if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(
    `KODBOK_SERVER_PORT must be a port number (0-65535), not "${env.KODBOK_SERVER_PORT ?? env.PORT}"`,
  );
  process.exit(2);
}
mkdirSync(dataDir, { recursive: true, mode: 0o700 });
const configPath = `${dataDir}/config.json`;

// First start: one server admin, its password hashed before it is written (CouchDB's own
// "-pbkdf2-" format). The password comes from KODBOK_SERVER_ADMIN_PASSWORD or is generated and
// printed once; it is never stored in clear.
const config = existsSync(configPath) ? JSON.parse(readFileSync(configPath, 'utf8')) : {};
let newPassword = null;
if (!config.admins || Object.keys(config.admins).length === 0) {
  newPassword = env.KODBOK_SERVER_ADMIN_PASSWORD || randomBytes(18).toString('base64url');
  config.admins = await Auth.hashAdminPasswords({ [adminName]: newPassword });
  config.couch_httpd_auth = { ...config.couch_httpd_auth, secret: randomBytes(16).toString('hex') };
  writeFileSync(configPath, JSON.stringify(config, null, 2) + '\n', { mode: 0o600 });
}

const PouchDB = PouchDBCore.plugin(require('pouchdb-adapter-leveldb'))
  .plugin(require('pouchdb-adapter-http'))
  .plugin(require('pouchdb-mapreduce'))
  .plugin(require('pouchdb-replication'))
  .defaults({ prefix: `${dataDir}/` });

const couch = expressPouchDB({ configPath, logPath: `${dataDir}/log.txt`, mode: 'fullCouchDB' });

// CouchDB 3's default, which PouchDB Server (a CouchDB 2 emulation) lacks: a database is for its
// `_security` members and admins only; one without members is for server admins. Calls that
// carry no user context are the server's own (session lookups in _users) and pass.
function isIn(userCtx, section = {}) {
  return (
    (section.names ?? []).includes(userCtx.name) ||
    (section.roles ?? []).some((r) => userCtx.roles.includes(r))
  );
}
function refuse(userCtx) {
  const err = new Error(
    userCtx.name
      ? `${userCtx.name} is not a member of this database.`
      : 'Log in first (no anonymous access).',
  );
  err.status = userCtx.name ? 403 : 401;
  err.name = userCtx.name ? 'forbidden' : 'unauthorized';
  return Promise.reject(err);
}
const isUsersDb = (db) => (db?.name ?? '') === '_users';
function membersOnly(original, args) {
  const userCtx = args.options.userCtx;
  if (!userCtx) return original();
  // Some routes (GET /db, _bulk_docs) run before express-pouchdb reads the security object, and
  // pouchdb-validation then gives validate_doc_update an empty one: read it here, for both.
  const known = args.options.secObj;
  const secObj =
    known && (known.members || known.admins) ? Promise.resolve(known) : args.base.getSecurity();
  return secObj.then((sec = {}) => {
    args.options.secObj = sec;
    if (userCtx.roles.includes('_admin')) return original();
    // _users keeps pouchdb-auth's rules (a user reads and changes only her own document).
    if (isUsersDb(args.base)) return original();
    if (userCtx.name && (isIn(userCtx, sec.members) || isIn(userCtx, sec.admins)))
      return original();
    return refuse(userCtx);
  });
}
const guarded = {};
for (const m of [
  'get',
  'allDocs',
  'getAttachment',
  'info',
  'revsDiff',
  'bulkGet',
  'query',
  'find',
  'explain',
]) {
  guarded[m] = membersOnly;
}
for (const m of ['put', 'post', 'remove', 'bulkDocs', 'putAttachment', 'removeAttachment']) {
  guarded[m] = membersOnly;
}
guarded.changes = changesLike(membersOnly);
// First in the list, so that its handlers are the outermost: they run before pouchdb-security
// and pouchdb-validation, and hand them the database's real security object.
couch.dbWrapper._wrappers.unshift((name, db, next) => {
  wrappers.installWrapperMethods(db, guarded);
  return next();
});

// express-pouchdb 4.2.0 expects PouchDB.new() to return a database, but pouchdb-security returns
// a rejected promise when a non-admin creates one, and the next line (`db.info(cb)`) throws and
// ends the process: one anonymous `PUT /name` would stop the server. This outermost handler turns
// the refusal into a database-like object whose info() reports it, so the client gets a 401.
function refusalAsDb(original) {
  const made = original();
  if (made && typeof made.info !== 'function' && typeof made.then === 'function') {
    const refusal = Promise.resolve(made).then(
      () => new Error('unexpected'),
      (err) => err,
    );
    return { info: (cb) => void refusal.then((err) => cb(err)) };
  }
  return made;
}
couch.daemonManager.registerDaemon({
  start: (P) => void P.new._handlers.unshift(refusalAsDb),
  stop: (P) => void P.new._handlers.splice(P.new._handlers.indexOf(refusalAsDb), 1),
});
await couch.setPouchDB(PouchDB);

const app = express();
app.disable('x-powered-by');
app.use((req, res, next) => {
  const origin = req.headers.origin;
  if (origin && origins.includes(origin)) {
    res.set({
      'Access-Control-Allow-Origin': origin,
      'Access-Control-Allow-Credentials': 'true',
      'Access-Control-Allow-Methods': 'GET, PUT, POST, HEAD, DELETE',
      'Access-Control-Allow-Headers': 'accept, authorization, content-type, origin, referer',
      'Access-Control-Expose-Headers': 'content-type, cache-control, etag, x-couch-request-id',
      Vary: 'Origin',
    });
    if (req.method === 'OPTIONS') return res.sendStatus(204);
  }
  next();
});
// CouchDB lets anyone sign up by writing a user document; here only a server admin adds users,
// and a logged-in user may change her own document (pouchdb-auth keeps her roles as they are).
// The _users database does not pass express-pouchdb's database wrappers: the session is asked here.
app.use('/_users', (req, res, next) => {
  if (req.method === 'GET' || req.method === 'HEAD') return next();
  const headers = {};
  if (req.headers.cookie) headers.cookie = req.headers.cookie;
  if (req.headers.authorization) headers.authorization = req.headers.authorization;
  fetch(`${selfUrl()}/_session`, { headers })
    .then((r) => r.json())
    .then((session) => {
      const ctx = session?.userCtx ?? {};
      const own =
        ctx.name &&
        req.method === 'PUT' &&
        decodeURIComponent(req.path) === `/org.couchdb.user:${ctx.name}`;
      if ((ctx.roles ?? []).includes('_admin') || own) return next();
      res
        .status(ctx.name ? 403 : 401)
        .json({ error: 'unauthorized', reason: 'Only an admin adds users.' });
    })
    .catch(next);
});
app.use(couch);

// The address this process reaches itself at (a wildcard bind answers on loopback).
function selfUrl() {
  const h = host === '0.0.0.0' ? '127.0.0.1' : host === '::' ? '::1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${server.address().port}`;
}
const server = app.listen(port, host, () => {
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${server.address().port}`;
  console.log(`Kodbok team server (PouchDB Server) at ${url}`);
  console.log(`Data: ${dataDir}`);
  if (newPassword !== null) {
    if (env.KODBOK_SERVER_ADMIN_PASSWORD) {
      console.log(
        `Created admin "${adminName}" with the password from KODBOK_SERVER_ADMIN_PASSWORD.`,
      );
    } else {
      console.log(`Created admin "${adminName}" with password: ${newPassword}`);
      console.log('This password is shown once: keep it now.');
    }
  }
  console.log('Add a user (one per person):');
  console.log(
    `  curl -u ${adminName} -X PUT ${url}/_users/org.couchdb.user:NAME -H 'Content-Type: application/json' \\\n` +
      `    -d '{"name": "NAME", "password": "PASSWORD", "roles": [], "type": "user"}'`,
  );
  console.log(
    'Kodbok creates a project database (as admin) and adds its members; see docs/team.md.',
  );
  console.log(`Allowed app origins: ${origins.join(', ')} (KODBOK_SERVER_ORIGINS)`);
});
for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => server.close(() => process.exit(0)));
