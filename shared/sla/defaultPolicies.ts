import { type SlaPolicy, type SlaPolicyInput, slaPolicySetSchema } from './slaPolicy';

/**
 * The seeded policy set, from the contract tiers of the service domain. Integrations rely on these
 * ids and targets; admins change them through the versioned policy API, never here.
 */

const hours = (count: number) => count * 60;
const calendarHours = (count: number) => ({ target: { kind: 'calendar' as const, minutes: hours(count) }, calendarId: '24x7' });
const businessHours = (count: number) => ({ target: { kind: 'business' as const, minutes: hours(count) }, calendarId: '5x9', zone: 'center' as const });

const DEFAULT_POLICIES: SlaPolicyInput[] = [
  {
    id: 'contract-7x24x4',
    name: '7×24×4',
    match: { contracts: ['7x24x4'] },
    metrics: { first_response: calendarHours(0.5), on_site: calendarHours(4), resolution: calendarHours(24) },
  },
  {
    id: 'contract-7x24x8',
    name: '7×24×8',
    match: { contracts: ['7x24x8'] },
    metrics: { first_response: calendarHours(1), on_site: calendarHours(8), resolution: calendarHours(48) },
  },
  {
    id: 'contract-5x9',
    name: '5×9',
    match: { contracts: ['5x9'] },
    metrics: { first_response: businessHours(2), on_site: businessHours(9), resolution: businessHours(27) },
  },
  {
    id: 'standard-city',
    name: '标准服务 · 城区',
    nameEn: 'Standard service · city',
    match: { contracts: ['standard'], zones: ['city'] },
    metrics: { first_response: calendarHours(2), on_site: calendarHours(24), resolution: calendarHours(72) },
  },
  {
    id: 'standard-county',
    name: '标准服务 · 县区',
    nameEn: 'Standard service · county',
    match: { contracts: ['standard'], zones: ['county'] },
    metrics: { first_response: calendarHours(2), on_site: calendarHours(48), resolution: calendarHours(72) },
  },
  {
    id: 'complaints-and-return-visits',
    name: '投诉与回访',
    nameEn: 'Complaints and return visits',
    match: {},
    metrics: {
      complaint_response: calendarHours(24),
      complaint_resolution: calendarHours(48),
      // Two days unresolved at a level and the complaint is overdue for the next one.
      complaint_escalation: calendarHours(48),
      return_visit: calendarHours(7 * 24),
    },
  },
];

export const DEFAULT_SLA_POLICIES: SlaPolicy[] = slaPolicySetSchema.parse(DEFAULT_POLICIES);
