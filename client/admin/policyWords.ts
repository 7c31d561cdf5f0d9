import { type SlaMatch, type SlaMetric, type SlaPolicy, type SlaTarget, slaPolicySchema } from '../../shared/sla/slaPolicy';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** The matcher fields in the order a person reads them. */
const MATCH_FIELDS = ['tiers', 'contracts', 'priorities', 'ticketTypes', 'channels', 'zones', 'regionIds', 'centerIds'] as const;

/** A target in words: "4 h", "9 business h", "end of the next business day". */
export function targetWords(target: SlaTarget, t: Translate): string {
  if (target.kind === 'end_of_business_day') return t('admin.policies.endOfDay', { days: target.offsetDays });
  const hours = target.minutes % 60 === 0;
  const amount = hours ? target.minutes / 60 : target.minutes;
  return t(`admin.policies.${target.kind}${hours ? 'Hours' : 'Minutes'}`, { amount });
}

/** What a policy matches, value by value in words; regions and centers by the name `nameOf` gives. */
export function matchWords(match: SlaMatch, t: Translate, nameOf: (scope: string) => string): string[] {
  return MATCH_FIELDS.flatMap((field) => {
    const values = match[field] as readonly string[] | undefined;
    if (!values) return [];
    if (field === 'regionIds') return [values.map((id) => nameOf(`region:${id}`)).join(' / ')];
    if (field === 'centerIds') return [values.map((id) => nameOf(`center:${id}`)).join(' / ')];
    return [values.map((value) => t(`admin.vocabulary.${field}.${value}`)).join(' / ')];
  });
}

type MetricRules = [SlaMetric, NonNullable<SlaPolicy['metrics'][SlaMetric]>][];

/**
 * "首次响应 30 分钟", one per metric the policy sets, each with its calendar by name when not round the
 * clock; when every timed metric runs on one calendar it is named once, at the end.
 */
export function metricWords(policy: SlaPolicy, t: Translate, calendarName: (id: string) => string = (id) => id): string[] {
  const rules = Object.entries(policy.metrics) as MetricRules;
  const calendars = new Set(rules.map(([, rule]) => rule.calendarId).filter((id) => id !== '24x7'));
  const shared = calendars.size === 1 && rules.every(([, rule]) => rule.calendarId !== '24x7') ? [...calendars][0]! : null;
  const words = rules.map(([metric, rule]) => {
    const calendar = rule.calendarId === '24x7' || shared ? '' : ` (${calendarName(rule.calendarId)})`;
    return `${t(`admin.metrics.${metric}`)} ${targetWords(rule.target, t)}${calendar}`;
  });
  return shared ? [...words, t('admin.policies.onCalendar', { calendar: calendarName(shared) })] : words;
}

/** The one line a policy reads as: "VIP · 7×24×4 · on site 4 h · …". */
export function policyLine(policy: SlaPolicy, t: Translate, nameOf: (scope: string) => string, calendarName?: (id: string) => string): string {
  const matchers = matchWords(policy.match, t, nameOf);
  const pause = policy.pauseOnWaitingParts ? [t('admin.policies.pauses')] : [];
  return [...(matchers.length > 0 ? matchers : [t('admin.policies.everyone')]), ...metricWords(policy, t, calendarName), ...pause].join(' · ');
}

const ISSUE_OF_FIELD: Record<string, string> = { name: 'name', minutes: 'amount', offsetDays: 'amount', warnAt: 'warnAt', calendarId: 'calendar' };

/** What the shared policy schema refuses in `policy`, each in the page's words, once each. */
export function policyIssues(policy: SlaPolicy, t: Translate): string[] {
  const parsed = slaPolicySchema.safeParse(policy);
  if (parsed.success) return [];
  const texts = parsed.error.issues.map((issue) => {
    const field = [...issue.path].reverse().find((part) => typeof part === 'string' && part in ISSUE_OF_FIELD) as string | undefined;
    return field ? t(`admin.policies.invalid.${ISSUE_OF_FIELD[field]}`) : t('admin.policies.invalid.other', { field: issue.path.join('.') });
  });
  return [...new Set(texts)];
}
