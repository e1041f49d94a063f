// pouchdb-browser ships no types; the engine uses it through its own RemoteDb interface.
declare module 'pouchdb-browser' {
  const PouchDB: new (name: string, options?: Record<string, unknown>) => unknown;
  export default PouchDB;
}

/** The team server's origin this build may contact (vite.config.ts), or '' for the app's own. */
declare const __KODBOK_TEAM_SERVER__: string;
