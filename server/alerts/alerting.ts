import type { Db } from '../../db/connection';
import type { AlertView } from '../../shared/alerts/alertApi';
import { type AlertRetention, DEFAULT_ALERT_RETENTION } from '../../shared/alerts/alertRetention';
import { DAY_MS } from '../../shared/calendar/calendarDates';
import { silencedBy } from '../../shared/alerts/silenceMatch';
import type { Scope } from '../../shared/live/socketContract';
import type { SlaFiring } from '../../shared/sla/slaFiring';
import type { Clock } from '../clock';
import type { OrgTree } from '../org/orgTree';
import { createAlertEngine } from './alertEngine';
import { createAlertRepository, type StoredInstance } from './alertRepository';
import { createAlertScopes } from './alertScopes';
import { createSignalReader } from './alertSignals';
import { alertView, historyView } from './alertViews';
import { createNotificationRepository } from './notificationRepository';
import { createNotifier } from './notifier';
import type { MetricReader, SampleReader } from './ruleObservation';
import { createRuleRepository } from './ruleRepository';
import { createSilenceRepository } from './silenceRepository';
import { createMuteHistory } from './muteHistory';
import { createSlaBreachGroups } from './slaBreachGroups';
import { createSlaPolicyRepository } from './slaPolicyRepository';
import { ACTIVE_ALERT_STATES } from '../../shared/alerts/alertVocabulary';
import { inhibitedBy } from '../../shared/alerts/inhibition';
import { isOpen } from './alertInstance';
import { SLICE_MS, nextTurn } from '../eventLoopSlices';
import { refusedTargetUrl } from './webhookDestination';
import { DEFAULT_WEBHOOK_OPTIONS, type WebhookOptions, createWebhookSender } from './webhookSender';
import { runAfterCommit } from '../ingest/afterCommit';


export interface AlertingDeps {
  db: Db;
  clock: Clock;
  org: OrgTree;
  readMetrics: MetricReader;
  readSamples?: SampleReader;
  log: (line: string) => void;
  /** Real milliseconds between rounds; null runs no timer, and the caller calls tick() (tests, the bench). */
  tickMs?: number | null;
  webhook?: Partial<WebhookOptions>;
  retention?: AlertRetention;
}

/** How often the SLA breach groups are counted again when no breach has fired: a clock met late stops without a firing. */
export const SLA_RECOUNT_MS = 10_000;

export interface AlertChange {
  view: AlertView;
  /** The dashboard rooms whose scope contains the alert's. */
  rooms: Scope[];
}

/**
 * Alerting assembled: rules and SLA firings in, alert states, history, screens and webhooks out.
 * Each tick runs the rules that are due, queues what the targets should hear, and sends what is
 * due in the delivery log.
 */
export function createAlerting(deps: AlertingDeps) {
  const { db, clock, log } = deps;
  const rules = createRuleRepository(db);
  rules.seedBuiltins(clock.now());
  const alerts = createAlertRepository(db);
  const silences = createSilenceRepository(db);
  const notifications = createNotificationRepository(db);
  const scopes = createAlertScopes(db, deps.org);
  const engine = createAlertEngine({ rules, alerts, scopes, log, readMetrics: deps.readMetrics, readSamples: deps.readSamples, readSignals: createSignalReader(db, deps.org) });
  // Open alerts of a rule disabled while the server was down (a retired built-in one) resolve now, not never.
  engine.rulesChanged('system', clock.now());
  const slaPolicy = createSlaPolicyRepository(db);
  const breachGroups = createSlaBreachGroups(db, deps.org);
  const muteHistory = createMuteHistory(alerts);
  const covers = (outer: string, inner: string) => scopes.covers(outer, inner);
  const silenceOf = (instance: StoredInstance, now = clock.now()) => silencedBy(silences.current(now), instance.labels, now, covers);

  /** Which open alerts are inhibited and by which firing alert; worked out again after any change. */
  let inhibitions: Map<string, string> | null = null;
  function inhibitorOf(instance: StoredInstance): StoredInstance | null {
    if (!isOpen(instance.state)) return null;
    inhibitions ??= inhibitedBy(
      [...engine.instances()]
        .filter((source) => ACTIVE_ALERT_STATES.includes(source.state) && (engine.rule(source.ruleId)?.definition.inhibits?.length ?? 0) > 0)
        .map((source) => ({ fingerprint: source.fingerprint, labels: source.labels, inhibits: engine.rule(source.ruleId)!.definition.inhibits })),
      [...engine.instances()].filter((target) => isOpen(target.state)),
    );
    const source = inhibitions.get(instance.fingerprint);
    return source === undefined ? null : (engine.instance(source) ?? null);
  }
  const names = { scope: (scope: string) => scopes.nameOf(scopes.parse(scope)), scopeEn: (scope: string) => scopes.nameEnOf(scopes.parse(scope)), rule: (id: string) => engine.rule(id), slaByCenter: engine.slaByCenter, slaPolicy: () => slaPolicy.policy() };
  const view = (instance: StoredInstance) => alertView(instance, names, silenceOf(instance), inhibitorOf(instance));
  const notifier = createNotifier({ repo: notifications, scopes, view, silenced: (instance) => silenceOf(instance) !== null || inhibitorOf(instance) !== null });
  const webhookOptions: WebhookOptions = { ...DEFAULT_WEBHOOK_OPTIONS, ...deps.webhook };
  const sender = createWebhookSender(notifications, clock, webhookOptions, log);
  const retention = deps.retention ?? DEFAULT_ALERT_RETENTION;
  const listeners = new Set<(changes: AlertChange[]) => void>();
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  /** Holds on the rounds: while any is kept, nothing is evaluated, fired or notified. */
  const holds = new Set<symbol>();

  /** Whether targets must be worked out again: something changed, or a group or silence boundary has come. */
  let notifyNextAt = -Infinity;
  let notifyDirty = true;

  function notifyIfDue(now: number): void {
    if (!notifyDirty && now < notifyNextAt) return;
    notifyDirty = false;
    const groupsDue = notifier.refresh(engine.instances(), now).nextAt;
    const silenceBoundaries = silences.current(now).flatMap((silence) => [silence.startsAt, silence.endsAt]).filter((at) => at > now);
    notifyNextAt = Math.min(groupsDue, ...silenceBoundaries);
  }

  let slaDirty = true;
  let slaCountedAt = -Infinity;

  /** Writes silencing and inhibition changes to the alerts' history; `actor` is who made the silence change, if anyone. */
  function lookAtMutes(now: number, actor?: string): StoredInstance[] {
    return muteHistory.look(engine.instances(), (instance) => {
      const source = inhibitorOf(instance);
      return { silence: silenceOf(instance, now), inhibitor: source && { fingerprint: source.fingerprint, ruleId: source.ruleId, ruleName: view(source).ruleName } };
    }, now, actor);
  }

  function announce(changed: readonly StoredInstance[]): void {
    if (changed.length === 0) return;
    notifyDirty = true;
    inhibitions = null;
    const changes = changed.map((instance) => ({ view: view(instance), rooms: scopes.rooms(scopes.parse(instance.scope)) }));
    // Called after the change is committed (an acknowledgement, a round): a push that fails must not undo its answer.
    listeners.forEach((listener) => runAfterCommit(log, 'an alert-change listener', () => listener(changes)));
  }

  /** A round came due while held: it runs as the last hold is released. */
  let roundOwed = false;

  /** One round; overlapping calls share the one in progress, so a slow webhook never doubles a round. */
  function tick(): Promise<void> {
    if (holds.size > 0) {
      roundOwed = true;
      return running ?? Promise.resolve();
    }
    roundOwed = false;
    running ??= round()
      .catch((error: unknown) => log(`alerting round failed: ${error instanceof Error ? error.stack : String(error)}`))
      .finally(() => {
        running = null;
      });
    return running;
  }

  async function round(): Promise<void> {
    const now = clock.now();
    // Slices of about SLICE_MS, so dashboards and requests are served between them.
    for (let done = false; !done; ) {
      const started = performance.now();
      const slice = engine.evaluateDue(now, () => performance.now() - started >= SLICE_MS);
      announce(slice.changed);
      done = slice.done;
      if (!done) await nextTurn();
    }
    if (slaDirty || now - slaCountedAt >= SLA_RECOUNT_MS) {
      slaDirty = false;
      slaCountedAt = now;
      announce(engine.slaGroupsObserved(breachGroups.read(slaPolicy.policy(), now), now));
    }
    announce(lookAtMutes(now));
    notifyIfDue(now);
    await sender.sendDue(now);
  }

  return {
    engine,
    rules,
    alerts,
    silences,
    notifications,
    /** Why a webhook target URL may not be saved, or null: its host is, or resolves to, an address webhooks may not reach. */
    refusedTargetUrl: (url: string) => refusedTargetUrl(url, webhookOptions.allowPrivate, webhookOptions.resolveHost),
    scopes,
    covers,
    view,
    /** An alert's history as the screen shows it: rules named as they read now, not as they read when it was written. */
    history: (fingerprint: string) => alerts.history(fingerprint).map((row) => historyView(row, names, (by) => (engine.instance(by) ?? alerts.find(by))?.ruleId)),
    announce,

    tick,

    /** A breach fired: the groups are counted again at the next round. */
    slaFired(firings: readonly SlaFiring[]): void {
      if (firings.some((firing) => firing.kind === 'sla.breached')) slaDirty = true;
    },

    slaPolicy,

    /**
     * Holds the rounds while history is replayed into the store, or a sent batch is committed in slices:
     * what the store passes through (a rate over half a window, a breach met an hour later in the
     * history or in the next slice) is not the present, and must not fire or notify as if it were. The
     * returned release lets a round judge the present as a whole, at once if one was due meanwhile.
     */
    holdRounds(): () => void {
      const hold = Symbol('hold');
      holds.add(hold);
      return () => {
        if (!holds.delete(hold)) return;
        slaDirty = true;
        notifyDirty = true;
        if (holds.size === 0 && roundOwed) void tick();
      };
    },

    /** After the SLA alert policy changed: severities are worked out again at the next round. */
    slaPolicyChanged(): void {
      slaDirty = true;
    },

    inhibitorOf,

    onChange(listener: (changes: AlertChange[]) => void): void {
      listeners.add(listener);
    },

    referenceChanged(): void {
      scopes.forget();
      breachGroups.forget();
    },

    /** After a notification target is added or removed: the next tick works the targets out again. */
    notificationsChanged(): void {
      notifyDirty = true;
    },

    /** After a silence was made or ended by `actor`: the affected alerts' history says so under their name, and they are announced. */
    silencesChanged(actor: string): StoredInstance[] {
      notifyDirty = true;
      const changed = lookAtMutes(clock.now(), actor);
      announce(changed);
      return changed;
    },

    /** What retention lets go, a chunk a step, for runInSlices: old history of closed alerts, old settled deliveries. */
    *pruneSteps(now: number): Generator<void, void> {
      yield* alerts.pruneHistorySteps(now - retention.historyDays * DAY_MS);
      yield* notifications.pruneDeliverySteps(now - retention.deliveryLogDays * DAY_MS);
    },

    start(): void {
      if (deps.tickMs === null || timer) return;
      timer = setInterval(() => void tick(), deps.tickMs ?? 1000);
      timer.unref();
    },

    async stop(): Promise<void> {
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}

export type Alerting = ReturnType<typeof createAlerting>;
