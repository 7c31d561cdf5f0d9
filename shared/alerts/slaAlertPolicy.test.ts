import { describe, expect, it } from 'vitest';
import { type BreachedClock, DEFAULT_SLA_ALERT_POLICY, customersOfGroup, groupBreaches, slaAlertPolicySchema } from './slaAlertPolicy';

const topRegion: Record<string, string> = { 'sh-01': 'east', 'sh-02': 'east', 'urc-01': 'west' };
const clock = (centerId: string, metric: BreachedClock['metric'], tier: BreachedClock['tier'] = 'standard', contract: BreachedClock['contract'] = 'standard'): BreachedClock => ({ centerId, metric, tier, contract });
const shapes = (clocks: BreachedClock[], policy = DEFAULT_SLA_ALERT_POLICY) =>
  groupBreaches(policy, clocks, (centerId) => topRegion[centerId] ?? null).map((group) => `${group.scope} ${group.metric} ${group.severity} ${group.count}/${group.minCount}`).sort();

describe('SLA breach groups under the default policy', () => {
  it('keeps critical open-work breaches per center, gathers the other open-work breaches and the return visits into one group per top-level region', () => {
    expect(shapes([
      clock('sh-01', 'on_site'), clock('sh-01', 'resolution'), clock('sh-02', 'first_response'), clock('urc-01', 'resolution'),
      clock('sh-01', 'on_site', 'vip'), clock('sh-02', 'resolution', 'key', '7x24x4'),
      clock('sh-01', 'return_visit'), clock('sh-02', 'return_visit', 'vip', '7x24x4'), clock('urc-01', 'return_visit'),
      clock('sh-02', 'complaint_response'),
    ])).toEqual([
      'center:sh-01 first_response+on_site+resolution critical 1/1',
      'center:sh-02 complaint_response warning 1/1',
      'center:sh-02 first_response+on_site+resolution critical 1/1',
      'region:east first_response+on_site+resolution warning 3/2',
      'region:east return_visit info 2/1',
      'region:west first_response+on_site+resolution warning 1/2',
      'region:west return_visit info 1/1',
    ]);
  });

  it('counts a region group\'s clocks by center, so it can name where they are', () => {
    const [group] = groupBreaches(DEFAULT_SLA_ALERT_POLICY, [clock('sh-01', 'on_site'), clock('sh-01', 'resolution'), clock('sh-02', 'first_response')], (centerId) => topRegion[centerId] ?? null);
    expect(group).toMatchObject({ scope: 'region:east', count: 3, byCenter: { 'sh-01': 2, 'sh-02': 1 } });
  });

  it('keeps the per-center-and-metric grouping of a stored policy written before grouping could be chosen', () => {
    const older = slaAlertPolicySchema.parse({ rules: [{ metrics: ['return_visit'], severity: 'info', escalates: false }, { severity: 'warning' }] });
    expect(shapes([clock('sh-01', 'on_site'), clock('sh-01', 'resolution'), clock('sh-01', 'return_visit')], older)).toEqual([
      'center:sh-01 on_site warning 1/1',
      'center:sh-01 resolution warning 1/1',
      'center:sh-01 return_visit info 1/1',
    ]);
  });

  it('groups a rule without metrics under `any`, and a center with no region on its own', () => {
    const policy = slaAlertPolicySchema.parse({ rules: [{ severity: 'warning', groupBy: 'region', minCount: 5 }] });
    expect(shapes([clock('sh-01', 'on_site'), clock('lost-01', 'resolution')], policy)).toEqual(['center:lost-01 any warning 1/5', 'region:east any warning 1/5']);
  });

  it('says whose breaches a group gathers: the critical open-work group VIP and 7×24×4 customers\', the warning group everyone\'s', () => {
    expect(customersOfGroup(DEFAULT_SLA_ALERT_POLICY, 'first_response+on_site+resolution', 'critical')).toEqual({ tiers: ['vip'], contracts: ['7x24x4'] });
    expect(customersOfGroup(DEFAULT_SLA_ALERT_POLICY, 'first_response+on_site+resolution', 'warning')).toBeNull();
    expect(customersOfGroup(DEFAULT_SLA_ALERT_POLICY, 'complaint_response', 'warning')).toBeNull();
  });

  it('refuses a minimum below one, with the field and the reason', () => {
    const refused = slaAlertPolicySchema.safeParse({ rules: [{ severity: 'info', minCount: 0 }] });
    expect(refused.error?.issues.map((issue) => [issue.path.join('.'), issue.message])).toEqual([['rules.0.minCount', 'must be at least 1']]);
  });
});
