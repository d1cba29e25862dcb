import { useEffect, useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'wouter';
import { useApp } from '../app/app-context.js';
import { type ApiError } from '../api/api-error.js';
import { useApiQuery } from '../api/use-api.js';
import { Panel } from '../components/bits.js';
import { ErrorNotice, Loading } from '../components/status.js';
import {
  KIND_FIELDS,
  RULE_KINDS,
  checkRule,
  emptyRuleForm,
  ruleToForm,
  type RuleForm,
} from '../lib/alert-rule-form.js';
import { segment } from '../lib/safe-url.js';
import { TestSendButton } from './alerts.view.js';

function FieldError({ issues, name }: { issues: Record<string, string>; name: string }) {
  return issues[name] ? <span className="field-error"> {issues[name]}</span> : null;
}

/** Creates or edits an alert rule, checked against the contract as it is typed; test-sends to its destinations. */
export default function AlertRuleEditorView({ ruleId }: { ruleId?: string }) {
  const { api } = useApp();
  const [, navigate] = useLocation();
  const [params] = useSearchParams();
  const existing = useApiQuery(`rules:${ruleId ?? ''}`, (a, signal) => a.alertRules(undefined, signal), {
    enabled: !!ruleId,
  });
  const destinations = useApiQuery('destinations', (a, signal) => a.alertDestinations(signal));
  const [form, setForm] = useState<RuleForm | null>(() =>
    ruleId
      ? null
      : emptyRuleForm(
          params.get('entity')
            ? { type: 'entity', id: params.get('entity') ?? '' }
            : { type: 'topic', id: params.get('topic') ?? '' },
        ),
  );
  const [touched, setTouched] = useState(false);
  const [saveState, setSaveState] = useState<{ error?: ApiError | Error; saved?: string } | null>(null);

  useEffect(() => {
    if (!ruleId || form || !existing.data) return;
    const rule = existing.data.rules.find((r) => r.ruleId === ruleId);
    if (rule) setForm(ruleToForm(rule));
  }, [ruleId, form, existing.data]);

  const check = useMemo(() => (form ? checkRule(form) : null), [form]);
  if (ruleId && !form) {
    if (existing.error) return <ErrorNotice error={existing.error} what="the alert rule" />;
    if (existing.data) return <p className="notice notice-error">No alert rule “{ruleId}”.</p>;
    return <Loading what="the alert rule" />;
  }
  if (!form || !check) return null;
  const issues = touched && !check.ok ? check.issues : {};
  const set = (patch: Partial<RuleForm>) => setForm({ ...form, ...patch });
  const setValue = (name: string, value: string) => setForm({ ...form, values: { ...form.values, [name]: value } });

  const save = async (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!check.ok) return;
    try {
      const { rule, created } = await api.saveAlertRule(check.rule);
      setSaveState({ saved: created ? 'Created.' : 'Saved.' });
      if (!ruleId) navigate(`/alert-rules/${segment(rule.ruleId)}`, { replace: true });
    } catch (error) {
      setSaveState({ error: error as Error });
    }
  };
  const remove = async () => {
    if (!ruleId || !window.confirm(`Delete the rule ${ruleId}?`)) return;
    try {
      await api.deleteAlertRule(ruleId);
      navigate('/alerts');
    } catch (error) {
      setSaveState({ error: error as Error });
    }
  };
  const destinationList = destinations.data?.destinations ?? [];
  const targets = form.destinationIds.length
    ? destinationList.filter((d) => form.destinationIds.includes(d.destinationId))
    : destinationList;

  return (
    <div className="page">
      <Panel title={ruleId ? `Alert rule ${ruleId}` : 'New alert rule'} testId="rule-editor">
        <form className="editor" onSubmit={(e) => void save(e)} noValidate>
          <label>
            Kind{' '}
            <select
              value={form.kind}
              onChange={(e) => set({ kind: e.target.value as RuleForm['kind'], values: {} })}
              disabled={!!ruleId}
            >
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {k}
                </option>
              ))}
            </select>
          </label>
          <label>
            Id{' '}
            <input
              value={form.ruleId}
              onChange={(e) => set({ ruleId: e.target.value })}
              disabled={!!ruleId}
              placeholder="bars-negative"
            />
            <FieldError issues={issues} name="ruleId" />
          </label>
          <label>
            Name{' '}
            <input
              value={form.name}
              onChange={(e) => set({ name: e.target.value })}
              placeholder="Negative BARS coverage"
            />
            <FieldError issues={issues} name="name" />
          </label>
          <label>
            Watches{' '}
            <select
              value={form.kind === 'new-entity' ? 'topic' : form.scopeType}
              onChange={(e) => set({ scopeType: e.target.value as 'topic' | 'entity' })}
              disabled={form.kind === 'new-entity'}
            >
              <option value="topic">topic</option>
              <option value="entity">entity</option>
            </select>{' '}
            <input
              value={form.scopeId}
              onChange={(e) => set({ scopeId: e.target.value })}
              placeholder="bars or unit:bars-kursk"
            />
            <FieldError issues={issues} name="scopeId" />
          </label>
          <label className="check">
            <input type="checkbox" checked={form.enabled} onChange={(e) => set({ enabled: e.target.checked })} />{' '}
            enabled
          </label>
          {KIND_FIELDS[form.kind].map((field) => (
            <label key={field.name}>
              {field.label}{' '}
              {field.type === 'select' ? (
                <select value={form.values[field.name] ?? ''} onChange={(e) => setValue(field.name, e.target.value)}>
                  <option value="">(default)</option>
                  {field.options?.map((o) => (
                    <option key={o} value={o}>
                      {o}
                    </option>
                  ))}
                </select>
              ) : (
                <input
                  value={form.values[field.name] ?? ''}
                  onChange={(e) => setValue(field.name, e.target.value)}
                  placeholder="(default)"
                />
              )}
              <span className="muted small"> {field.help}</span>
              <FieldError issues={issues} name={field.name} />
            </label>
          ))}
          <fieldset>
            <legend>Destinations (none ticked: every destination)</legend>
            {destinations.error ? (
              <ErrorNotice error={destinations.error} what="destinations" />
            ) : destinationList.length === 0 ? (
              <p className="muted small">No destinations yet.</p>
            ) : (
              destinationList.map((d) => (
                <label key={d.destinationId} className="check">
                  <input
                    type="checkbox"
                    checked={form.destinationIds.includes(d.destinationId)}
                    onChange={(e) =>
                      set({
                        destinationIds: e.target.checked
                          ? [...form.destinationIds, d.destinationId]
                          : form.destinationIds.filter((id) => id !== d.destinationId),
                      })
                    }
                  />{' '}
                  {d.name} <TestSendButton destinationId={d.destinationId} />
                </label>
              ))
            )}
          </fieldset>
          {touched && !check.ok && issues['rule'] ? <p className="field-error">{issues['rule']}</p> : null}
          <div className="buttons">
            <button type="submit">Save</button>
            {ruleId ? (
              <button type="button" className="danger" onClick={() => void remove()}>
                Delete
              </button>
            ) : null}
            <Link href="/alerts">Back to alerts</Link>
          </div>
          {saveState?.saved ? <p className="ok">{saveState.saved}</p> : null}
          {saveState?.error ? <ErrorNotice error={saveState.error} what="the rule (not saved)" /> : null}
        </form>
        {targets.length ? (
          <p className="small">
            Test send to the rule's destinations:{' '}
            {targets.map((d) => (
              <TestSendButton key={d.destinationId} destinationId={d.destinationId} />
            ))}
          </p>
        ) : null}
      </Panel>
    </div>
  );
}
