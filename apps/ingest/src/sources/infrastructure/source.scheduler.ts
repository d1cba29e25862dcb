import {
  Inject,
  Injectable,
  Logger,
  type BeforeApplicationShutdown,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { FETCH_OPTIONS, type FetchOptions } from '../application/fetch.options.js';
import { readSourcesFile } from '../application/load-config-sources.js';
import { RunDueSourcesUseCase } from '../application/run-due-sources.use-case.js';
import {
  FETCH_RUN_REPOSITORY,
  SOURCE_REPOSITORY,
  SOURCE_STATE_REPOSITORY,
  type FetchRunRepository,
  type SourceRepository,
  type SourceStateRepository,
} from '../application/source.repository.js';
import { isFetched } from '../domain/source.js';

const HOUR_MS = 3_600_000;
/** Fetch runs are kept this long for health and the operator, in milliseconds. */
const RUN_RETENTION_MS = 14 * 24 * HOUR_MS;

/**
 * Loads the sources file at start, then runs the fetch scheduler on a timer; on shutdown it stops
 * starting fetches and waits for those in progress.
 */
@Injectable()
export class SourceScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SourceScheduler.name);
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | undefined;
  private lastPruneAt = 0;

  constructor(
    @Inject(FETCH_OPTIONS) private readonly options: FetchOptions,
    @Inject(SOURCE_REPOSITORY) private readonly sources: SourceRepository,
    @Inject(SOURCE_STATE_REPOSITORY) private readonly states: SourceStateRepository,
    @Inject(FETCH_RUN_REPOSITORY) private readonly runs: FetchRunRepository,
    private readonly due: RunDueSourcesUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.options.sourcesFile) await this.loadSourcesFile(this.options.sourcesFile);
    if (!this.options.enabled) {
      this.logger.log('fetching disabled (FETCH_ENABLED=false): sources are only served');
      return;
    }
    this.timer = setInterval(() => void this.tick(), this.options.tickMs);
    this.timer.unref();
    void this.tick();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.ticking;
    await this.due.stop();
  }

  private async loadSourcesFile(path: string): Promise<void> {
    const inputs = readSourcesFile(path);
    const now = new Date();
    const counts: Record<string, number> = {};
    for (const input of inputs) {
      const outcome = await this.sources.saveFromConfig(input, now);
      counts[outcome] = (counts[outcome] ?? 0) + 1;
      if (isFetched(input)) await this.states.ensure(input.sourceId, now, this.options.minIntervalMs);
    }
    this.logger.log(`sources file ${path}: ${inputs.length} source(s) ${JSON.stringify(counts)}`);
  }

  private async tick(): Promise<void> {
    if (this.ticking || !this.timer) return;
    this.ticking = (async () => {
      try {
        await this.due.startDue(new Date());
        if (Date.now() - this.lastPruneAt > HOUR_MS) {
          this.lastPruneAt = Date.now();
          await this.states.pruneClaims(new Date(Date.now() - 2 * this.options.leaseMs - HOUR_MS));
          await this.runs.prune(new Date(Date.now() - RUN_RETENTION_MS));
        }
      } catch (error) {
        this.logger.warn(`scheduler pass failed, will retry: ${(error as Error).message}`);
      }
    })().finally(() => (this.ticking = undefined));
    await this.ticking;
  }
}
