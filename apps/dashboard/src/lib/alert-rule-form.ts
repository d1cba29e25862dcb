import { AlertRuleV1 } from '@media-monitor/contracts';

export type RuleKind = AlertRuleV1['kind'];
export const RULE_KINDS: readonly RuleKind[] = ['instant-match', 'volume', 'tone-shift', 'new-entity'];

/** A field of the form beyond the common ones: how it is edited and what it means. */
export interface RuleField {
  name: string;
  label: string;
  type: 'number' | 'select' | 'list';
  options?: readonly string[];
  help: string;
}

const seasonal: RuleField[] = [
  {
    name: 'window',
    label: 'Window',
    type: 'select',
    options: ['hour', 'day'],
    help: 'the last complete hour, or the rolling 24 hours',
  },
  {
    name: 'sensitivity',
    label: 'Sensitivity',
    type: 'select',
    options: ['low', 'medium', 'high'],
    help: 'how far from the baseline fires',
  },
  { name: 'lookbackDays', label: 'Baseline days', type: 'number', help: 'past days of the same window (7 to 28)' },
  {
    name: 'warmupDays',
    label: 'Warm-up days',
    type: 'number',
    help: 'history needed before the rule may fire (0 to 28)',
  },
  { name: 'cooldownHours', label: 'Cool-down hours', type: 'number', help: 'silence after firing, per direction' },
];

export const KIND_FIELDS: Record<RuleKind, RuleField[]> = {
  'instant-match': [
    {
      name: 'maxToneScore',
      label: 'Fire at tone at or below',
      type: 'number',
      help: '1 fires on every article, -0.3 on negative ones',
    },
    {
      name: 'sourceIds',
      label: 'Priority sources',
      type: 'list',
      help: 'source ids, comma separated; empty: every source',
    },
  ],
  volume: [
    {
      name: 'direction',
      label: 'Direction',
      type: 'select',
      options: ['spike', 'drop', 'both'],
      help: 'rises, falls or both',
    },
    { name: 'minArticles', label: 'Minimum articles', type: 'number', help: 'articles a spike needs in the window' },
    ...seasonal,
  ],
  'tone-shift': [
    { name: 'minArticles', label: 'Minimum scored articles', type: 'number', help: 'in the window (at least 3)' },
    ...seasonal,
  ],
  'new-entity': [
    { name: 'windowHours', label: 'Window hours', type: 'number', help: 'an entity must newly appear within it' },
    { name: 'minMentions', label: 'Minimum mentions', type: 'number', help: 'articles of the window that name it' },
    {
      name: 'lookbackDays',
      label: 'Baseline days',
      type: 'number',
      help: 'past days the entity must be absent from (1 to 28)',
    },
    { name: 'warmupDays', label: 'Warm-up days', type: 'number', help: 'history needed before the rule may fire' },
  ],
};

/** The editor's state: every value as typed (numbers as text until validated). */
export interface RuleForm {
  kind: RuleKind;
  ruleId: string;
  name: string;
  scopeType: 'topic' | 'entity';
  scopeId: string;
  enabled: boolean;
  destinationIds: string[];
  values: Record<string, string>;
}

export function emptyRuleForm(scope: { type: 'topic' | 'entity'; id: string } = { type: 'topic', id: '' }): RuleForm {
  return {
    kind: 'instant-match',
    ruleId: '',
    name: '',
    scopeType: scope.type,
    scopeId: scope.id,
    enabled: true,
    destinationIds: [],
    values: {},
  };
}

export function ruleToForm(rule: AlertRuleV1): RuleForm {
  const values: Record<string, string> = {};
  for (const field of KIND_FIELDS[rule.kind]) {
    const value = (rule as Record<string, unknown>)[field.name];
    if (value !== undefined) values[field.name] = Array.isArray(value) ? value.join(', ') : String(value);
  }
  return {
    kind: rule.kind,
    ruleId: rule.ruleId,
    name: rule.name,
    scopeType: rule.scope.type,
    scopeId: rule.scope.id,
    enabled: rule.enabled,
    destinationIds: [...rule.destinationIds],
    values,
  };
}

/** The rule object the form describes, before validation (empty fields take the contract's defaults). */
export function formToDraft(form: RuleForm): Record<string, unknown> {
  const draft: Record<string, unknown> = {
    ruleId: form.ruleId.trim(),
    name: form.name.trim(),
    kind: form.kind,
    scope: { type: form.kind === 'new-entity' ? 'topic' : form.scopeType, id: form.scopeId.trim() },
    enabled: form.enabled,
    destinationIds: form.destinationIds,
  };
  for (const field of KIND_FIELDS[form.kind]) {
    const raw = form.values[field.name]?.trim() ?? '';
    if (raw === '') continue;
    if (field.type === 'number') draft[field.name] = Number.isFinite(Number(raw)) ? Number(raw) : raw;
    else if (field.type === 'list') draft[field.name] = raw.split(/[\s,]+/).filter(Boolean);
    else draft[field.name] = raw;
  }
  return draft;
}

export type RuleCheck = { ok: true; rule: AlertRuleV1 } | { ok: false; issues: Record<string, string> };

/** Checks the form against the contract the alert service enforces (AlertRuleV1), field by field. */
export function checkRule(form: RuleForm): RuleCheck {
  const result = AlertRuleV1.safeParse(formToDraft(form));
  if (result.success) return { ok: true, rule: result.data };
  const issues: Record<string, string> = {};
  for (const issue of result.error.issues) {
    const path = issue.path.map(String);
    const key = path[0] === 'scope' ? 'scopeId' : (path[0] ?? 'rule');
    issues[key] ??= issue.message;
  }
  return { ok: false, issues };
}
