import { Injectable } from '@nestjs/common';
import type { Job, Worker } from 'bullmq';
import { Counter, Histogram } from 'prom-client';
import { JobName } from '@app/queue';
import { MetricsRegistry } from './metrics.registry';

const JOB_NAMES = new Set<string>(Object.values(JobName));

export type JobOutcome = 'completed' | 'retrying' | 'failed';

/** Job duration and outcome counters, fed by the BullMQ workers' completed/failed events. */
@Injectable()
export class JobMetrics {
  private readonly duration: Histogram<'queue' | 'job' | 'outcome'>;
  private readonly completed: Counter<'queue' | 'job'>;
  private readonly failed: Counter<'queue' | 'job'>;
  /** The series of one queue, job name and outcome, looked up once instead of hashing labels per job. */
  private readonly series = new Map<string, (seconds: number) => void>();

  constructor(metrics: MetricsRegistry) {
    const registers = [metrics.registry];
    this.duration = new Histogram({
      name: 'job_duration_seconds',
      help: 'Duration of one job attempt in seconds by queue, job name and outcome (completed, retrying, failed = attempts exhausted)',
      labelNames: ['queue', 'job', 'outcome'],
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300],
      registers,
    });
    this.completed = new Counter({ name: 'jobs_completed_total', help: 'Jobs completed by queue and job name', labelNames: ['queue', 'job'], registers });
    this.failed = new Counter({ name: 'jobs_failed_total', help: 'Failed job attempts (retried or final) by queue and job name', labelNames: ['queue', 'job'], registers });
  }

  /** Records every attempt `worker` finishes. */
  watch(worker: Worker): void {
    worker.on('completed', (job) => this.record(worker.name, job, 'completed'));
    // BullMQ sets finishedOn only when the job leaves for good; a retried attempt has none.
    worker.on('failed', (job) => job && this.record(worker.name, job, job.finishedOn ? 'failed' : 'retrying'));
  }

  record(queue: string, job: Job, outcome: JobOutcome): void {
    const end = job.finishedOn ?? Date.now();
    this.seriesOf(queue, JOB_NAMES.has(job.name) ? job.name : 'unknown', outcome)(Math.max(0, end - (job.processedOn ?? end)) / 1000);
  }

  /** Observes the duration and counts the attempt in the series of one queue, job name and outcome. */
  private seriesOf(queue: string, name: string, outcome: JobOutcome): (seconds: number) => void {
    const key = `${queue} ${name} ${outcome}`;
    let series = this.series.get(key);
    if (!series) {
      const duration = this.duration.labels({ queue, job: name, outcome });
      const attempts = (outcome === 'completed' ? this.completed : this.failed).labels({ queue, job: name });
      series = (seconds) => {
        duration.observe(seconds);
        attempts.inc();
      };
      this.series.set(key, series);
    }
    return series;
  }
}
