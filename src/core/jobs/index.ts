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
