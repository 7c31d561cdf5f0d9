import type { AuditEntryView } from '../../shared/api/auditQuery';
import { type BilingualNamed, localizedName } from '../../shared/sla/localizedName';
import type { LocaleFormat } from '../i18n/useLocaleFormat';
import { boardWords } from './boardWords';
import type { OrgNames } from './useOrgNames';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** What the audit page needs to read an entry in words: the catalogue, the organisation and the calendars by name. */
export interface AuditNaming {
  t: Translate;
  te: (key: string) => boolean;
  org: Pick<OrgNames, 'grantName' | 'engineerName'>;
  calendarName: (id: string) => string;
  format: LocaleFormat;
  /** The page's language, for the names of calendars and policies kept in two. */
  locale: string;
}

type AuditRecord = Record<string, unknown>;

const INSTANT_FIELD = /(At|Until)$/;
const SCOPE_TEXT = /^(region|center):(.+)$/;
/** Where a list of catalogue values lives in a record, and the catalogue that names them. */
const VALUE_CATALOGUES: Record<string, string> = {
  eventTypes: 'admin.eventTypes',
  tiers: 'admin.vocabulary.tiers',
  contracts: 'admin.vocabulary.contracts',
  priorities: 'admin.vocabulary.priorities',
  ticketTypes: 'admin.vocabulary.ticketTypes',
  channels: 'admin.vocabulary.channels',
  zones: 'admin.vocabulary.zones',
  metric: 'admin.metrics',
  role: 'roles',
};

/** Grants are stored as {kind, id} pairs; in the diff each reads as one scope, named. */
export function readableRecord(record: unknown): unknown {
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return record;
  const grants = (record as AuditRecord).grants;
  if (!Array.isArray(grants)) return record;
  return { ...record, grants: grants.map((grant: { kind?: string; id?: string }) => (grant?.kind && grant.id ? `${grant.kind}:${grant.id}` : grant)) };
}

function lookup(naming: AuditNaming, key: string): string | null {
  return naming.te(key) ? naming.t(key) : null;
}

/** A field path (`policies.0.metrics.on_site.target.minutes`) in words, a policy by its name, a list item by its place. */
export function fieldText(naming: AuditNaming, path: string, record: AuditRecord): string {
  const parts = path.split('.');
  return parts
    .map((part, index) => {
      if (/^\d+$/.test(part)) {
        const policies = parts[index - 1] === 'policies' && index === 1 ? (record.policies as Partial<BilingualNamed>[] | undefined) : undefined;
        const policy = policies?.[Number(part)];
        return policy?.name ? localizedName({ id: policy.id ?? '', name: policy.name, nameEn: policy.nameEn }, naming.locale) : `#${Number(part) + 1}`;
      }
      return lookup(naming, `accounts.audit.fields.${part}`) ?? lookup(naming, `admin.metrics.${part}`) ?? part;
    })
    .join(' · ');
}

/** A recorded value in words: instants as dates, scopes and centers by name, catalogue values by label. */
export function valueText(naming: AuditNaming, path: string, value: string | null): string {
  const { t, format } = naming;
  // Nothing, an empty list and an empty record all read as nothing there.
  if (value === null || value === 'null' || value === '[]' || value === '{}') return '—';
  if (value === 'true' || value === 'false') return t(`accounts.audit.${value === 'true' ? 'yes' : 'no'}`);
  const parts = path.split('.').filter((part) => !/^\d+$/.test(part));
  const field = parts.at(-1) ?? '';
  const parent = parts.at(-2) ?? '';
  if (parts.some((part) => INSTANT_FIELD.test(part)) && /^\d{11,14}$/.test(value)) return format.dateTime(Number(value));
  if (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(value)) return format.dateTime(Date.parse(value));
  const scope = SCOPE_TEXT.exec(value);
  if (scope) return naming.org.grantName({ kind: scope[1] as 'region' | 'center', id: scope[2]! });
  if (value === 'network' && (field === 'scope' || field === 'board')) return field === 'scope' ? t('admin.scope.network') : boardWords(value, t);
  if (field === 'board') return boardWords(value, t);
  if (field === 'centerIds' || field === 'centerId') return naming.org.grantName({ kind: 'center', id: value });
  if (field === 'regionIds') return naming.org.grantName({ kind: 'region', id: value });
  if (field === 'engineerId') return naming.org.engineerName(value);
  if (field === 'calendarId') return naming.calendarName(value);
  if (field === 'kind' && parent === 'target') return lookup(naming, `admin.policies.kind.${value}`) ?? value;
  if (field === 'zone' && parts.includes('metrics')) return lookup(naming, `admin.policies.zoneOf.${value}`) ?? value;
  const catalogue = VALUE_CATALOGUES[field];
  // Event types are dotted (ticket.created); a dot in a message key would nest it.
  return (catalogue && lookup(naming, `${catalogue}.${value.replaceAll('.', '_')}`)) ?? value;
}

export function actionText(naming: AuditNaming, action: string): string {
  return lookup(naming, `accounts.audit.actions.${action.replaceAll('.', '_')}`) ?? action;
}

/** The thing acted on by name where the record has one (a display, a token, a calendar), else as the log names it. */
export function targetText(naming: AuditNaming, entry: Pick<AuditEntryView, 'target' | 'before' | 'after'>): string {
  const { target, before, after } = entry;
  const separator = target.indexOf(':');
  const kind = (separator > 0 ? target.slice(0, separator) : target).replaceAll('-', '_');
  const rest = separator > 0 ? target.slice(separator + 1) : '';
  const record = (after ?? before ?? {}) as AuditRecord;
  const name = typeof record.name === 'string' && typeof record.id === 'string' ? localizedName(record as unknown as BilingualNamed, naming.locale) : record.name;
  const named = [name, record.source, record.username].find((value) => typeof value === 'string') as string | undefined;
  const byKind: Record<string, () => string> = {
    calendar: () => naming.calendarName(rest),
    engineer: () => naming.org.engineerName(rest),
    policy_version: () => naming.t('admin.policies.versionN', { version: rest }),
    scope: () => lookup(naming, `accounts.audit.recomputeScope.${rest}`) ?? rest,
  };
  const kindText = lookup(naming, `accounts.audit.targets.${kind}`) ?? kind;
  return [kindText, named ?? byKind[kind]?.() ?? rest].filter(Boolean).join(' · ');
}
