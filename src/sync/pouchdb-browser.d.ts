// pouchdb-browser ships no types; the engine uses it through its own RemoteDb interface.
declare module 'pouchdb-browser' {
  const PouchDB: new (name: string, options?: Record<string, unknown>) => unknown;
  export default PouchDB;
}
