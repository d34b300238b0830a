export { connectDatabase, type Database, type Db, type Tx, type DbOrTx } from './client.js';
export { withTransaction, type TxOptions } from './transaction.js';
export { runMigrations, appliedMigrationCount, expectedMigrationCount, MIGRATIONS_DIR } from './migrate.js';
export { startEmbeddedPostgres, EmbeddedStartError, DataDirLockedError, type EmbeddedServer } from './embedded.js';
