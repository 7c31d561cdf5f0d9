/**
 * The metric catalog: every number the dashboard shows, defined once, exactly enough that a careful
 * person counting the tickets gets the same figure. The words the definitions lean on:
 *
 * - in scope: a ticket whose current center is in the scope (a region takes every center below it), or
 *   for an engineer scope a ticket whose current engineer is that engineer; a complaint, return visit,
 *   parts request or SLA clock is in scope when its ticket is.
 * - open: status new, assigned, scheduled, on_site, waiting_parts or waiting_customer.
 * - the window: from its start up to now, both inclusive; "today" starts at local midnight in the
 *   ticket's own center's time zone, the rolling windows 1 h, 24 h, 7 d or 30 d before now.
 * - resolution instant: a ticket's current one (set by resolving, or by closing one never resolved;
 *   cleared by a reopen), so a ticket counts as resolved once, at its latest resolution.
 * - breached: an SLA clock has used its whole target: active with its 100 % instant at or before now,
 *   paused after reaching it, or stopped or cancelled after reaching it (a clock stopped exactly at its
 *   due instant is met). Met: stopped and not breached; cancelled clocks are neither.
 * - median: the middle value, or the mean of the two middle values; p90: the nearest-rank 90th
 *   percentile (the ⌈0.9 n⌉-th smallest). Both null when there are no values.
 * - A fraction or average is null when its denominator is 0.
 *
 * `period` says what a figure reads: `now` the current state (the window does not change it), `today`
 * the local day whatever the window, `window` the requested window.
 */

export const METRIC_UNITS = ['count', 'fraction', 'per100', 'ms', 'score'] as const;
export type MetricUnit = (typeof METRIC_UNITS)[number];

export type MetricPeriod = 'now' | 'today' | 'window';

export interface Bilingual {
  'zh-CN': string;
  en: string;
}

export interface MetricDefinition {
  id: string;
  label: Bilingual;
  unit: MetricUnit;
  /** Whether a rise is good news; null where it is neither (volume, staffing). */
  higherIsBetter: boolean | null;
  period: MetricPeriod;
  definition: Bilingual;
}

export const METRIC_CATALOG = [
  // Volume and backlog
  { id: 'backlog_open', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未结工单', en: 'Open backlog' },
    definition: { en: 'Open tickets in scope.', 'zh-CN': '范围内当前状态为未结（新建、已派工、已预约、在现场、等待备件、等待客户）的工单数。' } },
  { id: 'created_today', unit: 'count', higherIsBetter: null, period: 'today', label: { 'zh-CN': '今日新建', en: 'Created today' },
    definition: { en: 'Tickets in scope created from local midnight in their own center\'s time zone up to now.', 'zh-CN': '范围内创建时间在其所属服务中心时区今日零点至当前之间的工单数。' } },
  { id: 'resolved_today', unit: 'count', higherIsBetter: true, period: 'today', label: { 'zh-CN': '今日解决', en: 'Resolved today' },
    definition: { en: 'Tickets in scope whose resolution instant falls from local midnight in their own center\'s time zone up to now.', 'zh-CN': '范围内当前解决时间在其所属服务中心时区今日零点至当前之间的工单数。' } },
  { id: 'resolved_in_window', unit: 'count', higherIsBetter: null, period: 'window', label: { 'zh-CN': '解决工单数', en: 'Tickets resolved' },
    definition: { en: 'Tickets in scope whose resolution instant falls in the window.', 'zh-CN': '范围内当前解决时间落在窗口内的工单数。' } },
  { id: 'backlog_age_median', unit: 'ms', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未结工单账龄中位数', en: 'Median backlog age' },
    definition: { en: 'The median, over open tickets in scope, of now minus the creation instant.', 'zh-CN': '范围内未结工单（当前时间 − 创建时间）的中位数。' } },
  { id: 'backlog_age_oldest', unit: 'ms', higherIsBetter: false, period: 'now', label: { 'zh-CN': '最久未结账龄', en: 'Oldest backlog age' },
    definition: { en: 'The largest value, over open tickets in scope, of now minus the creation instant.', 'zh-CN': '范围内未结工单（当前时间 − 创建时间）的最大值。' } },
  { id: 'unassigned_open', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未派工', en: 'Unassigned' },
    definition: { en: 'Open tickets in scope with no engineer assigned.', 'zh-CN': '范围内尚未指派工程师的未结工单数。' } },
  { id: 'waiting_parts_open', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '等待备件', en: 'Waiting for parts' },
    definition: { en: 'Open tickets in scope whose status is waiting for parts.', 'zh-CN': '范围内状态为等待备件的未结工单数。' } },
  { id: 'parts_wait_median', unit: 'ms', higherIsBetter: false, period: 'now', label: { 'zh-CN': '备件等待时长中位数', en: 'Median parts wait' },
    definition: { en: 'The median, over parts requests not yet delivered on open tickets in scope, of now minus the request instant.', 'zh-CN': '范围内未结工单上尚未到货的备件申请（当前时间 − 申请时间）的中位数。' } },

  // SLA
  { id: 'breached_open', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '已超时未结', en: 'Breached and open' },
    definition: { en: 'Open tickets in scope with at least one running (active or paused) SLA clock, of any metric, breached at now.', 'zh-CN': '范围内至少有一个运行中（计时或暂停）的 SLA 时钟（任一指标）在当前已超时的未结工单数。' } },
  { id: 'at_risk_open', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '超时风险', en: 'At risk' },
    definition: { en: 'Open tickets in scope with at least one active SLA clock that has reached the first warning level of its policy (75% of the target unless the policy sets others) by now and is not breached.', 'zh-CN': '范围内至少有一个计时中的 SLA 时钟已到达其策略的首个预警点（未另行设置时为时限的 75%）但尚未超时的未结工单数。' } },
  { id: 'sla_compliance_first_response', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '首次响应达成率', en: 'First response SLA compliance' },
    definition: { en: 'Of the first-response clocks in scope stopped in the window, the share met: met ÷ (met + breached).', 'zh-CN': '范围内在窗口内停止的首次响应时钟中，达成数 ÷（达成数 + 超时数）。' } },
  { id: 'sla_compliance_on_site', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '上门时效达成率', en: 'On-site SLA compliance' },
    definition: { en: 'Of the on-site clocks in scope stopped in the window, the share met: met ÷ (met + breached).', 'zh-CN': '范围内在窗口内停止的上门时钟中，达成数 ÷（达成数 + 超时数）。' } },
  { id: 'sla_compliance_resolution', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '解决时效达成率', en: 'Resolution SLA compliance' },
    definition: { en: 'Of the resolution clocks (every cycle) in scope stopped in the window, the share met: met ÷ (met + breached).', 'zh-CN': '范围内在窗口内停止的解决时钟（含每个周期）中，达成数 ÷（达成数 + 超时数）。' } },
  { id: 'sla_compliance_return_visit', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '回访时效达成率', en: 'Return-visit SLA compliance' },
    definition: { en: 'Of the return-visit clocks in scope stopped in the window, the share met: met ÷ (met + breached).', 'zh-CN': '范围内在窗口内停止的回访时钟中，达成数 ÷（达成数 + 超时数）。' } },
  { id: 'sla_compliance_complaint_response', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '投诉响应达成率', en: 'Complaint response SLA compliance' },
    definition: { en: 'Of the complaint-response clocks in scope stopped in the window, the share met: met ÷ (met + breached).', 'zh-CN': '范围内在窗口内停止的投诉响应时钟中，达成数 ÷（达成数 + 超时数）。' } },
  { id: 'sla_compliance_complaint_resolution', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '投诉解决达成率', en: 'Complaint resolution SLA compliance' },
    definition: { en: 'Of the complaint-resolution clocks in scope stopped in the window, the share met: met ÷ (met + breached).', 'zh-CN': '范围内在窗口内停止的投诉解决时钟中，达成数 ÷（达成数 + 超时数）。' } },

  // Quality
  { id: 'first_time_fix_rate', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '一次修复率', en: 'First-time fix rate' },
    definition: { en: 'Of the tickets in scope with a resolution instant in the window and at least one engineer visit, the share with exactly one visit.', 'zh-CN': '范围内解决时间在窗口内且至少上门一次的工单中，仅上门一次的比例。' } },
  { id: 'repeat_visit_rate', unit: 'fraction', higherIsBetter: false, period: 'window', label: { 'zh-CN': '二次上门率', en: 'Repeat-visit rate' },
    definition: { en: 'Of the tickets in scope with a resolution instant in the window and at least one engineer visit, the share with two or more visits.', 'zh-CN': '范围内解决时间在窗口内且至少上门一次的工单中，上门两次及以上的比例。' } },
  { id: 'reopen_rate', unit: 'fraction', higherIsBetter: false, period: 'window', label: { 'zh-CN': '重开率', en: 'Reopen rate' },
    definition: { en: 'Of the tickets in scope with a resolution instant in the window, the share reopened at least once before it.', 'zh-CN': '范围内解决时间在窗口内的工单中，此前至少重开过一次的比例。' } },
  { id: 'time_to_first_response_median', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '首次响应时长中位数', en: 'Median time to first response' },
    definition: { en: 'The median of first response minus creation over tickets in scope whose (earliest) first response falls in the window.', 'zh-CN': '范围内（最早的）首次响应时间在窗口内的工单，（首次响应 − 创建）的中位数。' } },
  { id: 'time_to_first_response_p90', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '首次响应时长 P90', en: 'Time to first response, p90' },
    definition: { en: 'The p90 of first response minus creation over tickets in scope whose (earliest) first response falls in the window.', 'zh-CN': '范围内（最早的）首次响应时间在窗口内的工单，（首次响应 − 创建）的 P90。' } },
  { id: 'time_to_on_site_median', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '上门时长中位数', en: 'Median time to on site' },
    definition: { en: 'The median of first arrival minus creation over tickets in scope whose first engineer arrival falls in the window.', 'zh-CN': '范围内首次上门到达时间在窗口内的工单，（首次到达 − 创建）的中位数。' } },
  { id: 'time_to_on_site_p90', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '上门时长 P90', en: 'Time to on site, p90' },
    definition: { en: 'The p90 of first arrival minus creation over tickets in scope whose first engineer arrival falls in the window.', 'zh-CN': '范围内首次上门到达时间在窗口内的工单，（首次到达 − 创建）的 P90。' } },
  { id: 'time_to_resolution_median', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '解决时长中位数', en: 'Median time to resolution' },
    definition: { en: 'The median of resolution instant minus creation over tickets in scope whose resolution instant falls in the window.', 'zh-CN': '范围内解决时间在窗口内的工单，（解决 − 创建）的中位数。' } },
  { id: 'time_to_resolution_p90', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '解决时长 P90', en: 'Time to resolution, p90' },
    definition: { en: 'The p90 of resolution instant minus creation over tickets in scope whose resolution instant falls in the window.', 'zh-CN': '范围内解决时间在窗口内的工单，（解决 − 创建）的 P90。' } },

  // Customer
  { id: 'complaint_rate', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率（每百单）', en: 'Complaints per 100 tickets' },
    definition: { en: 'Complaints in scope opened in the window, per 100 tickets in scope created in the window.', 'zh-CN': '范围内窗口内新开投诉数 ÷ 窗口内新建工单数 × 100。' } },
  { id: 'complaint_rate_attitude', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：服务态度（每百单）', en: 'Complaints per 100 tickets: service attitude' },
    definition: { en: 'Complaints in scope opened in the window about service attitude, per 100 tickets in scope created in the window (the categories add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、类别为服务态度的投诉数 ÷ 窗口内新建工单数 × 100（各类别之和即投诉率）。' } },
  { id: 'complaint_rate_timeliness', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：时效（每百单）', en: 'Complaints per 100 tickets: timeliness' },
    definition: { en: 'Complaints in scope opened in the window about timeliness, per 100 tickets in scope created in the window (the categories add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、类别为时效的投诉数 ÷ 窗口内新建工单数 × 100（各类别之和即投诉率）。' } },
  { id: 'complaint_rate_repair_quality', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：维修质量（每百单）', en: 'Complaints per 100 tickets: repair quality' },
    definition: { en: 'Complaints in scope opened in the window about repair quality, per 100 tickets in scope created in the window (the categories add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、类别为维修质量的投诉数 ÷ 窗口内新建工单数 × 100（各类别之和即投诉率）。' } },
  { id: 'complaint_rate_parts', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：备件（每百单）', en: 'Complaints per 100 tickets: parts' },
    definition: { en: 'Complaints in scope opened in the window about spare parts, per 100 tickets in scope created in the window (the categories add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、类别为备件的投诉数 ÷ 窗口内新建工单数 × 100（各类别之和即投诉率）。' } },
  { id: 'complaint_rate_price', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：价格（每百单）', en: 'Complaints per 100 tickets: price' },
    definition: { en: 'Complaints in scope opened in the window about price, per 100 tickets in scope created in the window (the categories add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、类别为价格的投诉数 ÷ 窗口内新建工单数 × 100（各类别之和即投诉率）。' } },
  { id: 'complaint_rate_level_1', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：门店级（每百单）', en: 'Complaints per 100 tickets at level 1' },
    definition: { en: 'Complaints in scope opened in the window that are now at escalation level 1 (center or store), open or not, per 100 tickets in scope created in the window (the levels add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、当前处于一级（门店）的投诉数（不论是否结案）÷ 窗口内新建工单数 × 100（各级之和即投诉率）。' } },
  { id: 'complaint_rate_level_2', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：区部级（每百单）', en: 'Complaints per 100 tickets at level 2' },
    definition: { en: 'Complaints in scope opened in the window that are now at escalation level 2 (district), open or not, per 100 tickets in scope created in the window (the levels add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、当前处于二级（区部）的投诉数（不论是否结案）÷ 窗口内新建工单数 × 100（各级之和即投诉率）。' } },
  { id: 'complaint_rate_level_3', unit: 'per100', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉率：服管处级（每百单）', en: 'Complaints per 100 tickets at level 3' },
    definition: { en: 'Complaints in scope opened in the window that are now at escalation level 3 (headquarters service management), open or not, per 100 tickets in scope created in the window (the levels add up to the complaint rate).', 'zh-CN': '范围内窗口内新开、当前处于三级（服管处）的投诉数（不论是否结案）÷ 窗口内新建工单数 × 100（各级之和即投诉率）。' } },
  { id: 'complaints_open', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未结投诉', en: 'Open complaints' },
    definition: { en: 'Complaints in scope not yet closed: open, escalated, or resolved and awaiting the customer\'s confirmation.', 'zh-CN': '范围内尚未结案的投诉数：处理中、已升级，或已处理待客户确认。' } },
  { id: 'complaints_open_level_1', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未结投诉（门店级）', en: 'Open complaints, level 1' },
    definition: { en: 'Complaints in scope not yet closed (as for Open complaints) at escalation level 1 (center or store).', 'zh-CN': '范围内处于一级（门店）的未结投诉数（同未结投诉，含已处理待客户确认）。' } },
  { id: 'complaints_open_level_2', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未结投诉（区部级）', en: 'Open complaints, level 2' },
    definition: { en: 'Complaints in scope not yet closed (as for Open complaints) at escalation level 2 (district).', 'zh-CN': '范围内处于二级（区部）的未结投诉数（同未结投诉，含已处理待客户确认）。' } },
  { id: 'complaints_open_level_3', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '未结投诉（服管处级）', en: 'Open complaints, level 3' },
    definition: { en: 'Complaints in scope not yet closed (as for Open complaints) at escalation level 3 (headquarters service management).', 'zh-CN': '范围内处于三级（服管处）的未结投诉数（同未结投诉，含已处理待客户确认）。' } },
  { id: 'complaint_resolution_median', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉处理时长中位数', en: 'Median time to complaint resolution' },
    definition: { en: 'The median of resolution minus opening over complaints in scope whose current resolution falls in the window (a complaint reopened by an unsatisfied call counts again once resolved again). Resolved is not closed: the complaint still awaits the customer\'s confirmation.', 'zh-CN': '范围内本轮处理时间在窗口内的投诉，（处理 − 开立）的中位数（客户确认不满意而重开的投诉，再次处理后按新的处理时间计）。处理不等于结案：仍待客户确认。' } },
  { id: 'complaints_from_return_visits', unit: 'count', higherIsBetter: false, period: 'window', label: { 'zh-CN': '回访转投诉', en: 'Complaints from return visits' },
    definition: { en: 'Complaints in scope opened in the window from a return visit: one scored at or below the complaint threshold (2 unless configured otherwise) opened them.', 'zh-CN': '范围内窗口内开立、来源为回访的投诉数：回访评分不高于设定的投诉阈值（默认 2 分）时自动开立。' } },
  { id: 'complaint_first_response_median', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉首次响应时长中位数', en: 'Median time to first complaint response' },
    definition: { en: 'The median of first response minus opening over complaints in scope whose first response falls in the window; the first response is the earliest of being taken, escalated or resolved.', 'zh-CN': '范围内首次响应时间在窗口内的投诉，（首次响应 − 开立）的中位数；首次响应为首次受理、升级或处理中最早的时间。' } },
  { id: 'complaint_resolved_48h_rate', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '投诉 48 小时解决率', en: 'Complaints resolved within 48 h' },
    definition: { en: 'Of the complaints in scope whose current resolution falls in the window, the share resolved within 48 h of opening.', 'zh-CN': '范围内本轮处理时间在窗口内的投诉中，开立后 48 小时内处理完毕的比例。' } },
  { id: 'complaint_satisfied_rate', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '投诉确认满意率', en: 'Complaints confirmed satisfied' },
    definition: { en: 'Of the complaints in scope whose latest confirmation call falls in the window, the share where the customer said they were satisfied: the customers recovered.', 'zh-CN': '范围内最近一次确认回访在窗口内的投诉中，客户确认满意的比例（挽回的客户）。' } },
  { id: 'complaint_confirmation_median', unit: 'ms', higherIsBetter: false, period: 'window', label: { 'zh-CN': '投诉确认满意时长中位数', en: 'Median time to confirmed satisfaction' },
    definition: { en: 'The median of closing minus opening over complaints in scope closed in the window; a complaint closes when the confirmation call finds the customer satisfied, so this is the time to confirmed satisfaction, every reopened round included.', 'zh-CN': '范围内窗口内结案的投诉，（结案 − 开立）的中位数；客户在确认回访中表示满意时结案，即至确认满意的时长，含每次重开后的处理。' } },
  { id: 'csat_mean', unit: 'score', higherIsBetter: true, period: 'window', label: { 'zh-CN': '满意度均分', en: 'CSAT mean' },
    definition: { en: 'The mean score (1–5) of return visits in scope completed in the window.', 'zh-CN': '范围内窗口内完成的回访评分（1–5）的平均值。' } },
  { id: 'csat_satisfied_rate', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '满意率', en: 'Satisfied rate' },
    definition: { en: 'Of the return visits in scope completed in the window, the share scoring 4 or 5.', 'zh-CN': '范围内窗口内完成的回访中，评分为 4 或 5 的比例。' } },
  { id: 'return_visit_rate', unit: 'fraction', higherIsBetter: true, period: 'window', label: { 'zh-CN': '回访及时率', en: 'Return visits on time' },
    definition: { en: 'Of the tickets in scope whose return visit came due in the window — the return-visit clock of their latest resolution, due at that resolution plus the return-visit target, not cancelled by a reopen — the share visited in time: that clock stopped by a return visit (completed or failed) at or before its due instant; the target is 100%.', 'zh-CN': '范围内回访到期时间落在窗口内的工单（取其最近一次解决的回访时钟：到期时间为该次解决时间加回访时限，未因重开而取消）中，按时回访的比例：该时钟在到期时间或之前因回访（完成或失败）而停止；目标为 100%。' } },
  { id: 'return_visits_failed', unit: 'count', higherIsBetter: false, period: 'window', label: { 'zh-CN': '回访失败', en: 'Failed return visits' },
    definition: { en: 'Return visits in scope that failed in the window, for any reason.', 'zh-CN': '范围内窗口内失败的回访数（任何原因）。' } },
  { id: 'return_visits_failed_refused', unit: 'count', higherIsBetter: false, period: 'window', label: { 'zh-CN': '回访失败：拒访', en: 'Failed return visits: refused' },
    definition: { en: 'Return visits in scope that failed in the window because the customer refused.', 'zh-CN': '范围内窗口内因客户拒访而失败的回访数。' } },
  { id: 'return_visits_failed_unreachable', unit: 'count', higherIsBetter: false, period: 'window', label: { 'zh-CN': '回访失败：无法联系', en: 'Failed return visits: unreachable' },
    definition: { en: 'Return visits in scope that failed in the window because the customer was unreachable.', 'zh-CN': '范围内窗口内因无法联系客户而失败的回访数。' } },
  { id: 'return_visits_failed_no_answer', unit: 'count', higherIsBetter: false, period: 'window', label: { 'zh-CN': '回访失败：无人接听', en: 'Failed return visits: no answer' },
    definition: { en: 'Return visits in scope that failed in the window because nobody answered.', 'zh-CN': '范围内窗口内因无人接听而失败的回访数。' } },
  { id: 'return_visits_failed_in_progress', unit: 'count', higherIsBetter: false, period: 'window', label: { 'zh-CN': '回访失败：进行中', en: 'Failed return visits: in progress' },
    definition: { en: 'Return visits in scope that failed in the window with the reason “in progress”.', 'zh-CN': '范围内窗口内以“进行中”为原因失败的回访数。' } },

  // People
  { id: 'engineers_on_shift', unit: 'count', higherIsBetter: null, period: 'now', label: { 'zh-CN': '在岗工程师', en: 'Engineers on shift' },
    definition: { en: 'Engineers of the centers in scope marked on shift; for an engineer scope, 1 if that engineer is on shift, else 0.', 'zh-CN': '范围内服务中心当前在岗的工程师数；工程师范围下，该工程师在岗为 1，否则为 0。' } },
  { id: 'engineer_load', unit: 'count', higherIsBetter: false, period: 'now', label: { 'zh-CN': '人均负荷', en: 'Engineer load' },
    definition: { en: 'Open tickets in scope held by an engineer on shift or by nobody yet, per engineer on shift in scope; tickets held by engineers off shift wait for them and are not counted.', 'zh-CN': '范围内在岗工程师人均未结工单数：由在岗工程师负责或尚未派工的未结工单 ÷ 在岗工程师；不在岗工程师名下的工单等其本人处理，不计入。' } },
] as const satisfies readonly MetricDefinition[];

export type MetricId = (typeof METRIC_CATALOG)[number]['id'];

export const METRIC_IDS: readonly MetricId[] = METRIC_CATALOG.map((metric) => metric.id);

/** A figure for every catalog metric; null where the catalog says there is none (an empty denominator or no values). */
export type MetricValues = Record<MetricId, number | null>;
