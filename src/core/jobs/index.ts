export { jobs, idempotencyKeys, settings, JOB_STATES, type JobState } from './jobs.tables.js';
export {
  createJobRunner,
  enqueue,
  cancel,
  purgeFinishedJobs,
  type JobRunner,
  type JobRunnerOptions,
  type JobHandler,
  type JobHandlerSpec,
  type JobContext,
  type JobLogger,
  type JobPayload,
  type EnqueueJob,
  type RunSummary,
} from './runner.js';
export {
  housekeepingHandler,
  ensureHousekeepingScheduled,
  HOUSEKEEPING_JOB,
  FINISHED_JOB_RETENTION_MS,
  type HousekeepingTask,
  type HousekeepingOptions,
} from './housekeeping.js';
