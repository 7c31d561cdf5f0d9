import type { AlertRepository, HistoryRow, StoredInstance } from './alertRepository';
import type { StoredSilence } from './silenceRepository';
import type { Bilingual } from '../../shared/metrics/metricCatalog';
import { ENGINE_ACTOR, isOpen } from './alertInstance';

interface Mute {
  silence: StoredSilence | null;
  /**
   * The firing alert inhibiting this one and its rule: the history names the rule as it reads when shown,
   * and by the name it had here once it is deleted.
   */
  inhibitor: { fingerprint: string; ruleId: string; ruleName: Bilingual } | null;
}

/**
 * Silencing and inhibition as they happen to each open alert, written to its history: a silence
 * made or ended by someone (under their name), one that starts or runs out on its own, an alert that
 * fires into an existing silence, and a compliance alert that begins or stops inhibiting it. The
 * first look after a start only records where things stand, so a restart repeats nothing.
 */
export function createMuteHistory(alerts: AlertRepository) {
  const known = new Map<string, { silenceId: string | null; inhibitor: string | null }>();
  let primed = false;

  return {
    /** Compares each open alert with the last look; returns the alerts whose history grew. */
    look(instances: Iterable<StoredInstance>, muteOf: (instance: StoredInstance) => Mute, now: number, actor = ENGINE_ACTOR): StoredInstance[] {
      const rows: HistoryRow[] = [];
      const changed: StoredInstance[] = [];
      const open = new Set<string>();
      for (const instance of instances) {
        if (!isOpen(instance.state)) continue;
        open.add(instance.fingerprint);
        const { silence, inhibitor: source } = muteOf(instance);
        const inhibitor = source?.fingerprint ?? null;
        const before = known.get(instance.fingerprint) ?? { silenceId: null, inhibitor: null };
        const after = { silenceId: silence?.id ?? null, inhibitor };
        known.set(instance.fingerprint, after);
        if (!primed) continue;
        const base = { fingerprint: instance.fingerprint, at: now, fromState: null, toState: null, value: null };
        const length = rows.length;
        if (before.silenceId !== null && before.silenceId !== after.silenceId) rows.push({ ...base, kind: 'unsilence', actor, comment: null, detail: { silenceId: before.silenceId } });
        if (silence && before.silenceId !== silence.id) rows.push({ ...base, kind: 'silence', actor: actor === ENGINE_ACTOR ? silence.createdBy : actor, comment: silence.comment, detail: { silenceId: silence.id, endsAt: silence.endsAt } });
        if (before.inhibitor !== null && before.inhibitor !== inhibitor) rows.push({ ...base, kind: 'uninhibit', actor: ENGINE_ACTOR, comment: null, detail: { by: before.inhibitor } });
        if (source && before.inhibitor !== inhibitor) rows.push({ ...base, kind: 'inhibit', actor: ENGINE_ACTOR, comment: null, detail: { by: source.fingerprint, ruleId: source.ruleId, ruleName: source.ruleName } });
        if (rows.length > length) changed.push(instance);
      }
      for (const fingerprint of known.keys()) if (!open.has(fingerprint)) known.delete(fingerprint);
      primed = true;
      if (rows.length > 0) alerts.save([], rows);
      return changed;
    },
  };
}
