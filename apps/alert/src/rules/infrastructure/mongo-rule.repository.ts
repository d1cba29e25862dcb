import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Connection, Model } from 'mongoose';
import { AlertRuleV1 } from '@media-monitor/contracts';
import { MONGO_CONNECTION, insertOnce, trusted } from '@media-monitor/persistence';
import type { RuleRepository } from '../application/rule.repository.js';
import { RULE_MODEL, ruleSchema, type RuleDocument } from './alert.schemas.js';

@Injectable()
export class MongoRuleRepository implements RuleRepository {
  private readonly logger = new Logger(MongoRuleRepository.name);
  private readonly rules: Model<RuleDocument>;

  constructor(@Inject(MONGO_CONNECTION) connection: Connection) {
    this.rules = connection.models[RULE_MODEL] ?? connection.model<RuleDocument>(RULE_MODEL, ruleSchema);
  }

  list(scopeId?: string): Promise<AlertRuleV1[]> {
    return this.read(scopeId ? { scopeId } : {});
  }

  enabledFor(scopeIds: readonly string[]): Promise<AlertRuleV1[]> {
    return this.read({ scopeId: trusted({ $in: [...scopeIds] }), enabled: true });
  }

  enabled(): Promise<AlertRuleV1[]> {
    return this.read({ enabled: true });
  }

  async save(rule: AlertRuleV1): Promise<{ created: boolean }> {
    const result = await this.rules.updateOne(
      { _id: rule.ruleId },
      { $set: { scopeId: rule.scope.id, enabled: rule.enabled, rule } },
      { upsert: true },
    );
    return { created: result.upsertedCount === 1 };
  }

  async seed(rules: readonly AlertRuleV1[]): Promise<void> {
    for (const rule of rules) {
      await insertOnce(this.rules, { _id: rule.ruleId, scopeId: rule.scope.id, enabled: rule.enabled, rule });
    }
  }

  async delete(ruleId: string): Promise<boolean> {
    return (await this.rules.deleteOne({ _id: ruleId })).deletedCount === 1;
  }

  /** Stored rules are read back through the contract; one that no longer parses is skipped, loudly. */
  private async read(filter: object): Promise<AlertRuleV1[]> {
    const docs = await this.rules.find(filter).sort({ _id: 1 }).lean<RuleDocument[]>();
    return docs.flatMap((doc) => {
      const parsed = AlertRuleV1.safeParse(doc.rule);
      if (parsed.success) return [parsed.data];
      this.logger.error(`stored rule ${doc._id} does not parse and is skipped: ${parsed.error.message}`);
      return [];
    });
  }
}
