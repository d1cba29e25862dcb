import mongoose from 'mongoose';
import type { AlertDraft, InstantMatchRule } from '../domain/alert-rule.js';

export interface AlertDocument extends Omit<AlertDraft, 'alertId' | 'raisedAt'> {
  _id: string;
  raisedAt: Date;
  /** Set once alert.raised was acknowledged by JetStream. */
  announcedAt: Date | null;
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
    announcedAt: { type: Date, default: null },
  },
  { collection: 'alerts', versionKey: false },
);
alertSchema.index({ raisedAt: -1 });

export interface RuleDocument extends Omit<InstantMatchRule, 'ruleId'> {
  _id: string;
}

export const RULE_MODEL = 'AlertRule';
export const ruleSchema = new mongoose.Schema<RuleDocument>(
  {
    _id: String,
    topicId: { type: String, required: true },
    kind: { type: String, required: true },
    name: { type: String, required: true },
    maxToneScore: { type: Number, required: true },
    enabled: { type: Boolean, required: true },
  },
  { collection: 'alert_rules', versionKey: false },
);
ruleSchema.index({ topicId: 1 });
