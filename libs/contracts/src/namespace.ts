/**
 * A namespace isolates one deployment, tenant or test from another on the same NATS server:
 * it prefixes every subject (`<ns>.article.ingested.v1`), stream (`<NS>_ARTICLES`) and durable name.
 * The empty namespace is the production default and leaves every name as it is.
 */
export class Namespace {
  static readonly none = new Namespace('');

  constructor(readonly value: string) {
    if (value !== '' && !/^[a-z][a-z0-9-]{0,40}$/.test(value)) {
      throw new Error(`namespace "${value}" must match [a-z][a-z0-9-]{0,40}`);
    }
  }

  subject(subject: string): string {
    return this.value ? `${this.value}.${subject}` : subject;
  }

  /** Removes the namespace prefix from a subject received from NATS. */
  unprefix(subject: string): string {
    const prefix = `${this.value}.`;
    return this.value && subject.startsWith(prefix) ? subject.slice(prefix.length) : subject;
  }

  stream(name: string): string {
    return this.value ? `${this.value.toUpperCase().replace(/-/g, '_')}_${name}` : name;
  }

  durable(name: string): string {
    return this.value ? `${this.value}-${name}` : name;
  }

  queueGroup(name: string): string {
    return this.durable(name);
  }
}
