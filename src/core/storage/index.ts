// Object storage for uploaded media: the interface and the local-disk implementation.
export { assertValidKey, isValidKey, InvalidStorageKeyError, type Storage, type StoredObject } from './storage.js';
export { createLocalDiskStorage, readAll, type LocalDiskStorage } from './local-disk.js';
