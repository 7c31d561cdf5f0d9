import { describe, expect, it } from 'vitest';
import { createI18n } from 'vue-i18n';
import type { TicketEventView } from '../../shared/api/ticketPage';
import en from '../i18n/en';
import zhCN from '../i18n/zh-CN';
import { timelineLines } from './timelineWords';

const AT = Date.parse('2026-11-23T08:00:00+08:00');
let seq = 0;
const event = (type: string, data: Record<string, unknown>, source = 'crm'): TicketEventView => ({ id: `e${++seq}`, type, at: AT + seq * 60_000, receivedAt: AT + seq * 60_000, source, data });

const EVENTS = [
  event('ticket.created', { centerId: 'sh-01', customerId: 'c-001', priority: 'P2', type: 'repair', channel: 'hotline' }, 'sim'),
  event('ticket.assigned', { engineerId: 'e-001' }),
  event('ticket.engineer_arrived', {}),
  event('parts.requested', { requestId: 'r1', partNo: 'CMP-220', quantity: 2 }),
  event('parts.delivered', { requestId: 'r1' }),
  event('ticket.updated', { centerId: 'sh-02' }),
  event('ticket.assigned', { engineerId: 'e-404' }),
  event('ticket.engineer_arrived', {}),
  event('ticket.status_changed', { status: 'waiting_customer', reason: '客户不在家' }),
  event('complaint.opened', { complaintId: 'k1', category: 'timeliness', severity: 'high', level: 2 }),
  event('survey.failed', { reason: 'unreachable' }),
  event('ticket.resolved', { cause: '压缩机损坏' }),
  event('ticket.mystery', {}),
];
const NAMES = { engineers: { 'e-001': '张伟' }, engineersEn: { 'e-001': 'Zhang Wei' }, centers: { 'sh-01': '上海浦东服务中心', 'sh-02': '上海松江服务中心' }, centersEn: { 'sh-01': 'Shanghai Pudong Center' } };

function linesIn(locale: 'zh-CN' | 'en') {
  const i18n = createI18n({ legacy: false, locale, messages: { 'zh-CN': zhCN, en } });
  return timelineLines(EVENTS, NAMES, i18n.global.t as never, () => '11-23 09:00', locale);
}

describe('a ticket timeline in words', () => {
  it('names who took a complaint on: an engineer by name, a person on this site by username, never an engineer id', () => {
    const i18n = createI18n({ legacy: false, locale: 'en', messages: { 'zh-CN': zhCN, en } });
    const taken = [event('complaint.taken', { complaintId: 'k1', by: 'e-001' }), event('complaint.taken', { complaintId: 'k1', by: 'ui:sup.east' })];
    const lines = timelineLines(taken, NAMES, i18n.global.t as never, () => '11-23 09:00', 'en').map((line) => line.text);
    expect(lines.join('\n')).toContain('Zhang Wei');
    expect(lines.join('\n')).toContain('sup.east');
    expect(lines.join('\n')).not.toMatch(/e-001|ui:/);
  });

  it('reads in Chinese, naming the engineer on site at the moment they arrived', () => {
    const lines = linesIn('zh-CN');
    expect(lines.map((line) => line.text)).toEqual([
      '工单创建，由上海浦东服务中心受理（服务热线）',
      '派单给工程师张伟',
      '工程师张伟到达现场',
      '申请备件 CMP-220 × 2',
      '备件 CMP-220 已送达',
      '工单转至上海松江服务中心',
      // Someone the organisation does not know reads as unknown, never as an id.
      '派单给工程师（未知工程师）',
      '工程师（未知工程师）到达现场',
      '状态改为"等待客户"（客户不在家）',
      '客户投诉：时效（严重，区部）',
      '回访未成功：无法联系',
      '工单已解决，原因：压缩机损坏',
      '事件 ticket.mystery',
    ]);
    // The demo's events come from its customer service system, as a real network's do.
    expect(lines[0]!.source).toBe('客服系统');
    expect(lines[1]!.source).toBe('crm');
  });

  it('reads in English, naming engineers and centers by their English names and a recorded phrase in English where the phrase book has it', () => {
    const all = linesIn('en');
    const lines = all.map((line) => line.text);
    expect(all[0]!.source).toBe('Customer service system');
    expect(lines[0]).toBe('Ticket created, taken by Shanghai Pudong Center (Hotline)');
    expect(lines[2]).toBe('Engineer Zhang Wei arrived on site');
    expect(lines[11]).toBe('Ticket resolved; cause: Compressor failed');
    // A reason the phrase book does not hold reads as recorded.
    expect(lines[7]).toBe('Engineer (unknown engineer) arrived on site');
    expect(lines.join('\n')).not.toContain('e-404');
    expect(lines[8]).toBe('Status changed to "Waiting for customer" (客户不在家)');
    expect(lines[9]).toBe('Customer complaint: Timeliness (High, District)');
  });
});
