// The repository: one function per user action, each one transaction. The rest of the app
// imports storage from here (or db.ts for the database itself), never Dexie. The exceptions are
// overview.ts and double-coding.ts: only their lazily loaded dialogs (through state/) use them,
// so the first screen does not carry them or the core they bring.
export * from './backup';
export * from './changes';
export * from './codebook';
export * from './decisions';
export * from './imports';
export * from './notes';
export * from './projects';
export * from './settings';
