// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { nextTick } from 'vue';
import type { SlaFiring } from '../../shared/sla/slaFiring';
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
});
