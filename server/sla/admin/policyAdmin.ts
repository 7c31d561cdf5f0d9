import type { Db } from '../../../db/connection';
import type { PolicyPreview, PolicySetChange, RecomputeJob } from '../../../shared/sla/adminSchema';
import type { SlaPolicy } from '../../../shared/sla/slaPolicy';
import type { Clock } from '../../clock';
import { HttpError } from '../../http/httpError';
import type { SlaEngine } from '../slaEngine';
import type { SlaRulebook } from '../slaRulebook';
import type { CalendarRepository } from './calendarRepository';
import { unknownCalendarIssues } from './calendarUses';
import { previewRules } from './policyPreview';
import type { PolicyRepository, PolicyVersionSummary, StoredPolicyVersion } from './policyRepository';
import type { RecomputeJobs } from './recomputeJobs';

export interface PolicyAdminDeps {
  db: Db;
  calendars: CalendarRepository;
  policies: PolicyRepository;
  rulebook: SlaRulebook;
  engine: Pick<SlaEngine, 'evaluate' | 'ticketIdsPage'>;
  jobs: RecomputeJobs;
  clock: Clock;
}

/** The versioned SLA policy set: every save appends a version, kept with who saved it and when. */
export function createPolicyAdmin(deps: PolicyAdminDeps) {
  const { db, calendars, policies, rulebook, engine, jobs, clock } = deps;

  function inForce(): StoredPolicyVersion {
    const row = policies.inForce();
    // The rulebook seeds version 1 when it is created, so an empty table means the store was tampered with.
    if (!row) throw new Error('sla_policy_versions is empty: the rulebook seeds version 1 on start');
    return row;
  }

  function refuseUnknownCalendars(candidate: readonly SlaPolicy[]): void {
    const issues = unknownCalendarIssues(candidate, new Set(calendars.list().map((row) => row.id)));
    if (issues.length > 0) throw new HttpError(400, 'invalid_request', 'Some policies name a calendar that does not exist.', issues);
  }

  const append = db.$client.transaction((change: PolicySetChange, actor: string): StoredPolicyVersion => {
    refuseUnknownCalendars(change.policies);
    const current = inForce();
    if (change.basedOnVersion !== undefined && change.basedOnVersion !== current.version) {
      throw new HttpError(
        409,
        'version_conflict',
        `The policy set was changed to version ${current.version} by ${current.changedBy} after version ${change.basedOnVersion} you started from; reload it and apply your change again.`,
      );
    }
    return policies.append({ version: current.version + 1, policies: change.policies, changedBy: actor, changedAt: clock.now(), note: change.note ?? null });
  });

  return {
    inForce,

    versions(): PolicyVersionSummary[] {
      return policies.summaries();
    },

    version(version: number): StoredPolicyVersion {
      const row = policies.find(version);
      if (!row) throw new HttpError(404, 'not_found', `No policy version ${version}.`);
      return row;
    },

    async preview(candidate: SlaPolicy[]): Promise<PolicyPreview> {
      refuseUnknownCalendars(candidate);
      const rules = rulebook.rules();
      return previewRules(engine, rulebook.withChanges(candidate), rules.policyVersion, clock.now());
    },

    /** Saves the next version, puts it in force and starts redoing the clocks of open tickets. */
    save(change: PolicySetChange, actor: string): { version: number; changedBy: string; changedAt: number; job: RecomputeJob } {
      const saved = append(change, actor);
      rulebook.reload();
      const job = jobs.start('open', `policy version ${saved.version}`);
      return { version: saved.version, changedBy: saved.changedBy, changedAt: saved.changedAt, job };
    },
  };
}

export type PolicyAdmin = ReturnType<typeof createPolicyAdmin>;
