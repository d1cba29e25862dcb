import mongoose from 'mongoose';
import type { AlertDraft } from '../domain/alert.js';

export interface AlertDocument extends Omit<AlertDraft, 'alertId' | 'raisedAt'> {
  _id: string;
  raisedAt: Date;
  /** Set once alert.raised was acknowledged by JetStream. */
  announcedAt: Date | null;
  /** Set once a delivery per destination is in the outbox. */
  enqueuedAt: Date | null;
}

export const ALERT_MODEL = 'Alert';
export const alertSchema = new mongoose.Schema<AlertDocument>(
  {
    _id: String,
    ruleId: { type: String, required: true },
    topicId: { type: String, required: true },
    kind: { type: String, required: true },
    raisedAt: { type: Date, required: true },
    title: { type: String, required: true },
    explanation: { type: String, required: true },
    articleIds: { type: [String], required: true },
    details: { type: mongoose.Schema.Types.Mixed, default: null },
    destinationIds: { type: [String], default: [] },
    announcedAt: { type: Date, default: null },
    enqueuedAt: { type: Date, default: null },
  },
  { collection: 'alerts', versionKey: false, minimize: false },
);
alertSchema.index({ raisedAt: -1 });
alertSchema.index({ ruleId: 1, kind: 1, raisedAt: -1 });

/** A rule is stored as its validated contract shape, read back through AlertRuleV1. */
export interface RuleDocument {
  _id: string;
  scopeId: string;
  enabled: boolean;
  rule: Record<string, unknown>;
}

export const RULE_MODEL = 'AlertRule';
export const ruleSchema = new mongoose.Schema<RuleDocument>(
  {
    _id: String,
    scopeId: { type: String, required: true },
    enabled: { type: Boolean, required: true },
    rule: { type: mongoose.Schema.Types.Mixed, required: true },
  },
  { collection: 'alert_rules_v2', versionKey: false, minimize: false },
);
ruleSchema.index({ scopeId: 1 });
