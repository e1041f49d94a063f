// The repository: one function per user action, each one transaction. The rest of the app
// imports storage from here (or db.ts for the database itself), never Dexie.
export * from './backup';
export * from './changes';
export * from './codebook';
export * from './decisions';
export * from './imports';
export * from './notes';
export * from './projects';
export * from './settings';
