import { Counter, Gauge, Histogram, register as globalRegistry, type Registry } from 'prom-client';

type ConsumerLabels = 'consumer' | 'subject';
type PendingProbe = () => Promise<number>;

/** Upper bound on one consumer-info probe during a scrape, in milliseconds. */
const PENDING_PROBE_TIMEOUT_MS = 2_000;

/** Pending probes per registry, shared by every MessagingMetrics built on that registry. */
const pendingProbes = new WeakMap<Registry, Map<string, PendingProbe>>();
const instances = new WeakMap<Registry, MessagingMetrics>();

/**
 * Prometheus metrics of publishers and consumers. Metrics are registered once per registry: a second
 * instance on the same registry reuses them (no "already registered" error).
 * Labels: `consumer` is the logical durable name, `subject` the un-namespaced subject.
 */
export class MessagingMetrics {
  readonly processed: Counter<ConsumerLabels>;
  readonly failed: Counter<ConsumerLabels>;
  readonly redelivered: Counter<ConsumerLabels>;
  readonly deadLettered: Counter<ConsumerLabels | 'code'>;
  readonly handlerDuration: Histogram<ConsumerLabels | 'outcome'>;
  readonly consumerPending: Gauge<'consumer'>;
  readonly published: Counter<'subject' | 'outcome'>;
  private readonly probes: Map<string, PendingProbe>;

  constructor(readonly registry: Registry = globalRegistry) {
    const probes = pendingProbes.get(registry) ?? new Map<string, PendingProbe>();
    pendingProbes.set(registry, probes);
    this.probes = probes;
    const labels: ConsumerLabels[] = ['consumer', 'subject'];
    this.processed = reuse(
      registry,
      'messaging_messages_processed_total',
      (name) =>
        new Counter({ name, help: 'Messages handled and acknowledged', labelNames: labels, registers: [registry] }),
    );
    this.failed = reuse(
      registry,
      'messaging_messages_failed_total',
      (name) =>
        new Counter({
          name,
          help: 'Handler attempts that threw (transient or permanent)',
          labelNames: labels,
          registers: [registry],
        }),
    );
    this.redelivered = reuse(
      registry,
      'messaging_messages_redelivered_total',
      (name) =>
        new Counter({
          name,
          help: 'Messages received with a delivery count above 1',
          labelNames: labels,
          registers: [registry],
        }),
    );
    this.deadLettered = reuse(
      registry,
      'messaging_messages_dead_lettered_total',
      (name) =>
        new Counter({
          name,
          help: 'Messages moved to the dead-letter stream',
          labelNames: [...labels, 'code'],
          registers: [registry],
        }),
    );
    this.handlerDuration = reuse(
      registry,
      'messaging_handler_duration_seconds',
      (name) =>
        new Histogram({
          name,
          help: 'Handler run time in seconds (outcome: ok | error)',
          labelNames: [...labels, 'outcome'],
          buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
          registers: [registry],
        }),
    );
    this.consumerPending = reuse(
      registry,
      'messaging_consumer_pending',
      (name) =>
        new Gauge({
          name,
          help: 'Messages not yet delivered plus delivered but unacknowledged, per durable consumer',
          labelNames: ['consumer'],
          registers: [registry],
          async collect() {
            await Promise.all(
              [...probes].map(async ([consumer, probe]) => {
                try {
                  this.set({ consumer }, await withTimeout(probe(), PENDING_PROBE_TIMEOUT_MS));
                } catch {
                  // keep the last value: a scrape must not fail because NATS is slow
                }
              }),
            );
          },
        }),
    );
    this.published = reuse(
      registry,
      'messaging_published_total',
      (name) =>
        new Counter({
          name,
          help: 'Events published to JetStream (outcome: stored | duplicate | failed)',
          labelNames: ['subject', 'outcome'],
          registers: [registry],
        }),
    );
  }

  /** The shared instance for a registry (default: the prom-client global registry). */
  static forRegistry(registry: Registry = globalRegistry): MessagingMetrics {
    let metrics = instances.get(registry);
    if (!metrics) {
      metrics = new MessagingMetrics(registry);
      instances.set(registry, metrics);
    }
    return metrics;
  }

  /** Scrapes read `messaging_consumer_pending{consumer}` from `probe`; returns the function that stops it. */
  trackPending(consumer: string, probe: PendingProbe): () => void {
    this.probes.set(consumer, probe);
    return () => {
      if (this.probes.get(consumer) === probe) this.probes.delete(consumer);
    };
  }
}

function reuse<M>(registry: Registry, name: string, create: (name: string) => M): M {
  return (registry.getSingleMetric(name) as M | undefined) ?? create(name);
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });
}
