// IndexedDB for Dexie in Node; each test file gets a fresh in-memory database factory.
import 'fake-indexeddb/auto';
