// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { AlertView } from '../../shared/alerts/alertApi';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import { useAlertsStore } from '../alerts/alertsStore';
import { useLiveDashboardStore } from '../stores/liveDashboard';
import { useWallAlertsStore } from './wallAlerts';

const AT = Date.parse('2026-11-23T02:10:00Z');

function firing(ticketId: string, kind: SlaFiring['kind'] = 'sla.breached'): SlaFiring {
  return { kind, ticketId, metric: 'first_response', cycle: 1, subjectId: null, level: 100, at: AT, firedAt: AT, late: false, dueAt: AT, centerId: 'sh-01', regionIds: ['sh', 'east'] };
}

async function fire(firings: SlaFiring[]): Promise<void> {
  useLiveDashboardStore().slaFirings = { receivedAt: Date.now(), firings };
  await nextTick();
}

function alert(fingerprint: string, overrides: Partial<AlertView> = {}): AlertView {
  return {
    fingerprint, ruleId: 'backlog-at-center', ruleName: { 'zh-CN': '服务中心未结工单过多', en: 'Backlog at a center' }, scope: 'center:sh-01', scopeName: '浦东服务中心', labels: {}, severity: 'critical', state: 'firing', value: 3, count: 0,
    stateSince: new Date(AT).toISOString(), firingSince: new Date(AT).toISOString(), resolvedAt: null, lastEvaluatedAt: new Date(AT).toISOString(), error: null,
    summary: { 'zh-CN': '服务中心未结工单过多', en: 'Too many open tickets at the center' }, runbook: '', acknowledgement: null, assignee: null, escalationLevel: 1, silence: null, inhibitedBy: null,
    ...overrides,
  };
}

/** alert:changed as the live store hands it on, to an alert list that has had its first load. */
async function change(alerts: AlertView[]): Promise<void> {
  useAlertsStore().loaded = true;
  useLiveDashboardStore().alertChanges = { receivedAt: Date.now(), alerts };
  await nextTick();
}

describe('wall alerts', () => {
  beforeEach(() => {
    window.localStorage.clear();
    setActivePinia(createPinia());
  });

  it('announces breaches, newest first and each once, and not warnings', async () => {
    const alerts = useWallAlertsStore();
    await fire([firing('T-1'), firing('T-2', 'sla.warning')]);
    await fire([firing('T-1'), firing('T-3')]);
    expect(alerts.alerts.map((alert) => alert.ticketId)).toEqual(['T-3', 'T-1']);
  });

  it('stays silent until the screen opts into sound', async () => {
    const alerts = useWallAlertsStore();
    await fire([firing('T-1')]);
    expect(alerts.lastSoundAt).toBeNull();
    alerts.setSoundEnabled(true);
    await fire([firing('T-2')]);
    expect(alerts.lastSoundAt).not.toBeNull();
  });

  it('keeps a mute across reloads until it lapses', async () => {
    const alerts = useWallAlertsStore();
    alerts.setSoundEnabled(true);
    alerts.mute(15);
    await fire([firing('T-1')]);
    expect(alerts.lastSoundAt).toBeNull();

    setActivePinia(createPinia());
    const reloaded = useWallAlertsStore();
    expect(reloaded.sound.enabled).toBe(true);
    expect(reloaded.isMuted(Date.now())).toBe(true);
    expect(reloaded.isMuted(Date.now() + 16 * 60_000)).toBe(false);
    reloaded.unmute();
    await fire([firing('T-2')]);
    expect(reloaded.lastSoundAt).not.toBeNull();
  });

  it('announces firing alerts that are not silenced, and sounds only for ones that begin to fire while it watches', async () => {
    const alerts = useWallAlertsStore();
    alerts.setSoundEnabled(true);
    await change([alert('A'), alert('B', { state: 'pending' }), alert('C', { silence: { id: 's', createdBy: 'li', comment: 'known', endsAt: new Date(AT + 3_600_000).toISOString() } })]);
    expect(alerts.firing.map((item) => item.fingerprint)).toEqual(['A']);
    expect(alerts.lastSoundAt).toBeNull();
    await change([alert('B')]);
    expect(alerts.firing.map((item) => item.fingerprint)).toEqual(['A', 'B']);
    expect(alerts.lastSoundAt).not.toBeNull();
    await change([alert('A', { state: 'resolved' })]);
    expect(alerts.firing.map((item) => item.fingerprint)).toEqual(['B']);
  });

  it('on a wall scoped to a center, carries only that center\'s breaches and alerts', async () => {
    const alerts = useWallAlertsStore();
    alerts.show({ kind: 'center', id: 'sh-02' });
    await fire([firing('T-1')]);
    expect(alerts.alerts).toEqual([]);
    await change([alert('A'), alert('D', { scope: 'center:sh-02' })]);
    expect(alerts.firing.map((item) => item.fingerprint)).toEqual(['D']);
    alerts.show({ kind: 'region', id: 'east' });
    expect(alerts.alerts.map((alert) => alert.ticketId)).toEqual(['T-1']);
  });
});
