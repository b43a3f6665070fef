import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { metricsRegistry } from '../../libs/shared/src/metrics/metrics';
import '../../libs/shared/src/kafka/outbox-relay'; // registers the outbox gauges
import '../../apps/gateway/src/webhooks/webhooks.metrics'; // registers the webhook counters
import '../../libs/shared/src/platform/work-calendar.provider'; // registers the calendar gauge
import { kustomize } from './kustomize';

const ROOT = join(__dirname, '..', '..');

interface Rule {
  alert: string;
  expr: string;
  for: string;
  labels: { severity: string };
  annotations: { summary: string; runbook: string };
}

/** Series the platform exports (histograms also as _bucket/_sum/_count), plus the cluster's own. */
function knownSeries(): Set<string> {
  const names = new Set<string>(['kube_pod_status_ready']);
  for (const m of metricsRegistry.getMetricsAsArray()) {
    names.add(m.name);
    for (const suffix of ['_bucket', '_sum', '_count']) names.add(`${m.name}${suffix}`);
  }
  return names;
}

const PROMQL_WORDS = new Set(['max', 'min', 'sum', 'by', 'rate', 'increase', 'changes', 'humanizeDuration']);

describe('k8s/monitoring alert rules (rendered and checked offline)', () => {
  const docs = kustomize('k8s/monitoring') as unknown as Array<{
    kind: string;
    spec: { groups: Array<{ rules: Rule[] }> };
  }>;
  const rules = docs.flatMap((d) => d.spec.groups.flatMap((g) => g.rules));

  it('has the alerts the operations team needs, each complete and with a runbook in the README', () => {
    expect(docs.map((d) => d.kind)).toEqual(['PrometheusRule']);
    expect(rules.map((r) => r.alert).sort()).toEqual(
      [
        'ConsumerLagHigh',
        'DeadLettersGrowing',
        'InfrastructureClientErrors',
        'OutboxNotPublishing',
        'OutboxRowParked',
        'ReadinessFlapping',
        'ServerErrorsHigh',
        'WebhookSubscriptionDisabled',
        'WorkCalendarEndingSoon',
        'WorkCalendarRunningOut',
      ].sort(),
    );
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const r of rules) {
      expect(r.expr.trim().length).toBeGreaterThan(0);
      expect(r.for).toMatch(/^\d+[smh]$/);
      expect(['warning', 'critical']).toContain(r.labels.severity);
      expect(r.annotations.summary.length).toBeGreaterThan(0);
      expect(r.annotations.runbook).toBe(`README#${r.alert.toLowerCase()}`);
      expect(readme).toContain(`#### ${r.alert}`);
    }
  });

  it('uses only series the services export (a renamed metric fails here, not silently in production)', () => {
    const known = knownSeries();
    for (const r of rules) {
      const expr = r.expr.replace(/"[^"]*"/g, '""').replace(/\[[^\]]*\]/g, '');
      const identifiers = [...expr.matchAll(/\b([a-z_][a-z0-9_]*)\b\s*(?=\{|\)|>|\s*\/|$)/g)]
        .map((m) => m[1])
        .filter(
          (w) =>
            !PROMQL_WORDS.has(w) && !/^(service|topic|client|status|namespace|condition|outcome)$/.test(w),
        );
      expect(identifiers.length).toBeGreaterThan(0);
      for (const id of identifiers) expect([r.alert, id, known.has(id)]).toEqual([r.alert, id, true]);
    }
  });
});
