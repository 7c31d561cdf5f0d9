/**
 * The service desk's phrase book: the symptoms, causes and reasons its staff pick from a list rather than
 * type, each as the desk records it (Chinese) and in English. Tickets keep the recorded text, so an import
 * from a desk using the same list reads the same; the English UI shows the English of a text it knows and
 * any other text as recorded. The demo's simulator records from this book.
 */
type Phrase = readonly [recorded: string, english: string];

export const SYMPTOM_PHRASES: readonly Phrase[] = [
  ['不制冷', 'Not cooling'], ['异响', 'Abnormal noise'], ['漏水', 'Water leak'], ['无法启动', 'Will not start'],
  ['报警代码E4', 'Alarm code E4'], ['显示屏黑屏', 'Display blank'], ['运行不稳定', 'Runs unstably'], ['温度异常', 'Abnormal temperature'],
  ['门机故障', 'Door operator fault'], ['压力不足', 'Low pressure'],
];

export const CAUSE_PHRASES: readonly Phrase[] = [
  ['压缩机损坏', 'Compressor failed'], ['电容老化', 'Capacitor worn out'], ['控制板故障', 'Control board fault'], ['传感器失效', 'Sensor failed'],
  ['管路泄漏', 'Pipe leak'], ['用户操作不当', 'Misuse by the customer'], ['电机烧毁', 'Motor burnt out'], ['线路松动', 'Loose wiring'],
];

/** Why a ticket or complaint moved, and how a complaint was settled. */
export const REASON_PHRASES = {
  waitingParts: ['缺少备件', 'Spare part not in stock'],
  hardFault: ['疑难故障，技术支持诊断', 'Difficult fault, referred to technical support'],
  customerAway: ['客户不在现场', 'Customer not on site'],
  customerCancelled: ['客户取消', 'Cancelled by the customer'],
  faultRecurred: ['故障复发', 'Fault came back'],
  centerOverdue: ['门店未能在时限内解决', 'Not resolved by the service center in time'],
  regionEscalated: ['区部升级至服管处', 'Escalated by the region to service management'],
  visitedOnSite: ['已上门处理', 'Handled on site'],
  stillDissatisfied: ['客户仍不满意', 'Customer still dissatisfied'],
} as const satisfies Record<string, Phrase>;

const ENGLISH = new Map<string, string>([...SYMPTOM_PHRASES, ...CAUSE_PHRASES, ...Object.values(REASON_PHRASES)]);

/** A recorded symptom, cause or reason in the page language: its English where the phrase book has it, else as recorded. */
export function phraseText(recorded: string, locale: string): string {
  return (locale.startsWith('en') && ENGLISH.get(recorded.trim())) || recorded;
}
