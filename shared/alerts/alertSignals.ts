import type { Bilingual } from '../metrics/metricCatalog';

/**
 * Counts alerting needs that the metric catalog does not carry, each with a definition as exact as
 * the catalog's. They are current-state counts over the scope's tickets ("in scope" as the catalog says).
 */
export const ALERT_SIGNALS = [
  { id: 'vip_complaints_open', label: { 'zh-CN': 'VIP 客户未结投诉', en: 'Open complaints of VIP customers' },
    definition: { en: 'Complaints in scope not yet closed (open, escalated, or resolved and awaiting the customer\'s confirmation, as complaints_open) whose customer tier is vip.', 'zh-CN': '范围内客户等级为 VIP 且尚未结案（处理中、已升级，或已处理待客户确认，同未结投诉）的投诉数。' } },
  { id: 'complaints_open_over_2d', label: { 'zh-CN': '超两天未解决投诉', en: 'Complaints unresolved over 2 days' },
    definition: { en: 'Open or escalated complaints in scope opened more than 48 h before now.', 'zh-CN': '范围内开立超过 48 小时仍未解决的投诉数。' } },
  { id: 'return_visits_overdue', label: { 'zh-CN': '回访逾期', en: 'Return visits overdue' },
    definition: { en: 'Running return_visit SLA clocks in scope whose due instant is at or before now.', 'zh-CN': '范围内到期时间已过仍在计时的回访 SLA 时钟数。' } },
  { id: 'waiting_parts_over_3d', label: { 'zh-CN': '等件超三天', en: 'Waiting for parts over 3 days' },
    definition: { en: 'Open tickets in scope with status waiting_parts and a parts request not delivered, requested more than 72 h before now.', 'zh-CN': '范围内状态为等待备件、且有超过 72 小时仍未到货的备件申请的未结工单数。' } },
] as const satisfies readonly { id: string; label: Bilingual; definition: Bilingual }[];

export type AlertSignalId = (typeof ALERT_SIGNALS)[number]['id'];
export const ALERT_SIGNAL_IDS: readonly AlertSignalId[] = ALERT_SIGNALS.map((signal) => signal.id);
export type AlertSignalValues = Record<AlertSignalId, number>;
