import { z } from 'zod';
import { ConfigError, loadConfig } from '@media-monitor/service-kit';
import { serviceEnv } from '@media-monitor/service-runtime';

const flag = z
  .enum(['true', 'false', '1', '0'])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/** The alert service's environment: the service runtime's plus detection and delivery settings. */
export const alertEnv = serviceEnv('alert', 3005).extend({
  /** Lets destinations use http://127.0.0.1 (tests and the local demo); refused in production. */
  ALERT_ALLOW_INSECURE_WEBHOOKS: flag,
  /** Slack incoming-webhook URL saved as the destination "default-slack" on first start. */
  SLACK_WEBHOOK_URL: z.url().optional(),
  /** How often the detection rules run, in milliseconds. */
  ALERT_DETECTION_INTERVAL_MS: z.coerce.number().int().min(1_000).default(60_000),
  /** Wait after an hour closes before it is judged (late articles), in milliseconds. */
  ALERT_DETECTION_GRACE_MS: z.coerce
    .number()
    .int()
    .min(0)
    .default(10 * 60_000),
  /** How often the delivery worker looks for due deliveries, in milliseconds. */
  ALERT_DELIVERY_POLL_MS: z.coerce.number().int().min(50).default(1_000),
  /** Budget of one HTTP attempt (connect, headers, body), in milliseconds. */
  ALERT_DELIVERY_TIMEOUT_MS: z.coerce.number().int().min(100).default(10_000),
  ALERT_DELIVERY_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(50).default(12),
  /** First retry delay; later ones double up to 15 minutes, with jitter. In milliseconds. */
  ALERT_DELIVERY_RETRY_BASE_MS: z.coerce.number().int().min(10).default(2_000),
  /** Sends per second per destination (Slack allows about 1) and the burst allowed. */
  ALERT_DELIVERY_RATE_PER_SECOND: z.coerce.number().positive().max(100).default(1),
  ALERT_DELIVERY_BURST: z.coerce.number().int().min(1).max(100).default(1),
  /** A destination with this many deliveries due at once gets them as digests instead of one by one. */
  ALERT_DIGEST_BACKLOG: z.coerce.number().int().min(2).max(1000).default(10),
  /** Link to an article in messages, `{articleId}` replaced; empty shows ids. */
  ALERT_ARTICLE_URL_TEMPLATE: z.string().default(''),
  /** Days of hourly series kept; detectors look back at most 29 days. */
  ALERT_SERIES_RETENTION_DAYS: z.coerce.number().int().min(30).max(3650).default(60),
  /** Set false to skip the demo rules on the BARS topic. */
  ALERT_SEED_DEMO_RULES: z
    .enum(['true', 'false', '1', '0'])
    .default('true')
    .transform((value) => value === 'true' || value === '1'),
});

export type AlertConfig = z.infer<typeof alertEnv>;

/** Validated at boot: a bad value stops the service with the variable's name. */
export function loadAlertConfig(env: NodeJS.ProcessEnv = process.env): AlertConfig {
  const config = loadConfig(alertEnv, env);
  if (config.ALERT_ALLOW_INSECURE_WEBHOOKS && config.NODE_ENV === 'production') {
    throw new ConfigError([{ variable: 'ALERT_ALLOW_INSECURE_WEBHOOKS', message: 'must not be set in production' }]);
  }
  return config;
}
