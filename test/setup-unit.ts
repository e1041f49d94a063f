// Unit tests of db/ run against a real IndexedDB implementation, not mocks.
import 'fake-indexeddb/auto';
