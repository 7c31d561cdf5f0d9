import {
  type Random,
  between,
  chance,
  integerBetween,
  logNormalMinutes,
  pick,
  seededRandom,
  seedOf,
  weighted,
} from './seededRandom';
import type { Center, Customer, Engineer } from '../../shared/reference/referenceSchema';
import type { IngestEventType } from '../../shared/ingest/eventSchema';
import type { Priority } from '../../shared/domain/vocabulary';
import { localClock } from '../../shared/time/zonedCalendar';

/** One ticket's whole life, planned at creation; the simulator releases each event when its time comes. */
export interface PlannedEvent {
  id: string;
  type: IngestEventType;
  at: number;
  ticketId: string;
  data: Record<string, unknown>;
}

export interface TicketContext {
  ticketId: string;
  createdAt: number;
  center: Center;
  engineers: readonly Engineer[];
  customers: readonly Customer[];
  models: readonly string[];
  seed: number;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const SYMPTOMS = ['不制冷', '异响', '漏水', '无法启动', '报警代码E4', '显示屏黑屏', '运行不稳定', '温度异常', '门机故障', '压力不足'];
const CAUSES = ['压缩机损坏', '电容老化', '控制板故障', '传感器失效', '管路泄漏', '用户操作不当', '电机烧毁', '线路松动'];
const PARTS = ['PCB-CTRL-01', 'MTR-220', 'CAP-35UF', 'SNS-T10', 'VLV-EXP-2', 'FAN-450'];

class TicketScript {
  readonly events: PlannedEvent[] = [];
  private readonly counts = new Map<string, number>();

  constructor(private readonly ticketId: string) {}

  emit(type: IngestEventType, at: number, data: Record<string, unknown> = {}): number {
    const n = (this.counts.get(type) ?? 0) + 1;
    this.counts.set(type, n);
    const at_ = Math.round(at);
    this.events.push({ id: `${this.ticketId}:${type}:${n}`, type, at: at_, ticketId: this.ticketId, data });
    return at_;
  }
}

function priorityFor(random: Random, customer: Customer): Priority {
  if (customer.tier === 'vip') return weighted(random, { P1: 40, P2: 50, P3: 10 });
  if (customer.tier === 'key') return weighted(random, { P1: 10, P2: 40, P3: 40, P4: 10 });
  return weighted(random, { P1: 3, P2: 22, P3: 55, P4: 20 });
}

const VISITS_FROM_HOUR = 8;
const VISITS_UNTIL_HOUR = 20;

/** Engineers knock on doors between 08:00 and 20:00 local time; only P1 work goes out at night. */
function duringVisitingHours(random: Random, at: number, ctx: TicketContext, priority: Priority): number {
  if (priority === 'P1') return at;
  const { hour, minute } = localClock(at, ctx.center.timeZone);
  if (hour >= VISITS_FROM_HOUR && hour < VISITS_UNTIL_HOUR) return at;
  const hoursToMorning = hour < VISITS_FROM_HOUR ? VISITS_FROM_HOUR - hour : 24 - hour + VISITS_FROM_HOUR;
  return at + (hoursToMorning * 60 - minute) * MINUTE + between(random, 0, 90) * MINUTE;
}

/** How long until the engineer can come: a county center is slower, a high priority faster. */
function appointmentDelay(random: Random, ctx: TicketContext, priority: Priority): number {
  const median = (ctx.center.zone === 'county' ? 20 : 9) * HOUR * (priority === 'P1' ? 0.35 : priority === 'P2' ? 0.7 : 1);
  return logNormalMinutes(random, median / MINUTE, 0.7) * MINUTE;
}

function visitUntilResolved(random: Random, script: TicketScript, ctx: TicketContext, engineer: Engineer, from: number): number {
  const arrived = script.emit('ticket.engineer_arrived', from, { engineerId: engineer.id });
  let t = arrived + logNormalMinutes(random, 70, 0.5) * MINUTE;
  if (chance(random, 0.15)) {
    // No part on the van: order it, come back when it is delivered (需另约时间上门).
    const requestId = `${ctx.ticketId}-p${integerBetween(random, 1, 9)}`;
    script.emit('ticket.status_changed', t, { status: 'waiting_parts', reason: '缺少备件' });
    script.emit('parts.requested', t + 10 * MINUTE, { requestId, partNo: pick(random, PARTS), quantity: integerBetween(random, 1, 2) });
    const shipped = script.emit('parts.shipped', t + between(random, 3, 20) * HOUR, { requestId });
    const delivered = script.emit('parts.delivered', shipped + (chance(random, 0.1) ? between(random, 3, 6) : between(random, 0.6, 2.5)) * DAY, { requestId });
    script.emit('ticket.scheduled', delivered + HOUR, { appointmentAt: new Date(delivered + between(random, 4, 20) * HOUR).toISOString() });
    const back = script.emit('ticket.engineer_arrived', delivered + between(random, 4, 20) * HOUR, { engineerId: engineer.id });
    t = back + logNormalMinutes(random, 50, 0.4) * MINUTE;
  } else if (chance(random, 0.06)) {
    script.emit('ticket.status_changed', t, { status: 'waiting_customer', reason: '客户不在现场' });
    const back = script.emit('ticket.engineer_arrived', t + between(random, 3, 30) * HOUR, { engineerId: engineer.id });
    t = back + logNormalMinutes(random, 45, 0.4) * MINUTE;
  }
  return script.emit('ticket.resolved', t, { cause: pick(random, CAUSES) });
}

function aftercare(random: Random, script: TicketScript, ctx: TicketContext, resolvedAt: number, troubled: boolean): void {
  script.emit('ticket.closed', resolvedAt + between(random, 0.5, 3) * DAY);
  // Nearly every ticket gets its return call 3–7 days after the repair; a few are called late or never.
  if (chance(random, 0.97)) {
    const visitAt = resolvedAt + (chance(random, 0.05) ? between(random, 7, 10) : between(random, 3, 7)) * DAY;
    if (chance(random, 0.9)) {
      const score = troubled ? weighted(random, { '1': 20, '2': 25, '3': 30, '4': 20, '5': 5 }) : weighted(random, { '3': 3, '4': 17, '5': 80 });
      script.emit('survey.completed', visitAt, { score: Number(score) });
    } else {
      script.emit('survey.failed', visitAt, { reason: weighted(random, { unreachable: 45, no_answer: 35, refused: 15, in_progress: 5 }) });
    }
  }
  if (chance(random, troubled ? 0.25 : 0.015)) complaint(random, script, ctx, resolvedAt + between(random, 2, 96) * HOUR);
}

function complaint(random: Random, script: TicketScript, ctx: TicketContext, openedAt: number): void {
  const complaintId = `${ctx.ticketId}-K1`;
  script.emit('complaint.opened', openedAt, {
    complaintId,
    category: weighted(random, { timeliness: 40, repair_quality: 25, attitude: 15, parts: 12, price: 8 }),
    severity: weighted(random, { low: 30, medium: 45, high: 20, critical: 5 }),
    owner: `${ctx.center.id}-manager`,
  });
  let t = openedAt;
  if (chance(random, 0.35)) {
    t = script.emit('complaint.escalated', t + between(random, 12, 48) * HOUR, { complaintId, level: 2 });
    if (chance(random, 0.25)) t = script.emit('complaint.escalated', t + between(random, 12, 48) * HOUR, { complaintId, level: 3 });
  }
  script.emit('complaint.resolved', t + between(random, 6, 72) * HOUR, { complaintId, resolution: '已回访确认客户满意' });
}

/** Every event of one ticket, deterministic for the ticket's id and the demo seed. */
export function planTicket(ctx: TicketContext): PlannedEvent[] {
  const random = seededRandom(seedOf(ctx.seed, ctx.ticketId));
  const script = new TicketScript(ctx.ticketId);
  const customer = pick(random, ctx.customers);
  const priority = priorityFor(random, customer);
  const type = weighted(random, { repair: 55, installation: 15, maintenance: 13, inspection: 5, consultation: 12 });
  const created = script.emit('ticket.created', ctx.createdAt, {
    centerId: ctx.center.id,
    customerId: customer.id,
    priority,
    type,
    channel: weighted(random, { hotline: 50, wechat: 20, web: 10, dealer: 15, walk_in: 5 }),
    productModel: pick(random, ctx.models),
    symptom: type === 'repair' ? pick(random, SYMPTOMS) : undefined,
  });
  const responded = script.emit('ticket.first_response', created + logNormalMinutes(random, priority === 'P1' ? 12 : 35, 0.8) * MINUTE);
  if (type === 'consultation') {
    aftercare(random, script, ctx, script.emit('ticket.resolved', responded + logNormalMinutes(random, 40, 0.6) * MINUTE), false);
    return script.events;
  }
  if (chance(random, 0.02)) {
    script.emit('ticket.cancelled', responded + between(random, 1, 12) * HOUR, { reason: '客户取消' });
    return script.events;
  }
  const engineer = pick(random, ctx.engineers);
  const assigned = script.emit('ticket.assigned', created + logNormalMinutes(random, 25, 0.8) * MINUTE, { engineerId: engineer.id });
  const appointment = duringVisitingHours(random, assigned + appointmentDelay(random, ctx, priority), ctx, priority);
  script.emit('ticket.scheduled', assigned + between(random, 10, 60) * MINUTE, { appointmentAt: new Date(appointment).toISOString() });
  let resolved = visitUntilResolved(random, script, ctx, engineer, appointment + between(random, -20, 40) * MINUTE);
  const repeat = chance(random, 0.07);
  if (repeat) {
    // A misdiagnosis brings the engineer back (二次上门) and counts against first-time fix.
    script.emit('ticket.reopened', resolved + between(random, 1, 5) * DAY, { reason: '故障复发' });
    resolved = visitUntilResolved(random, script, ctx, engineer, resolved + between(random, 5, 7) * DAY);
  }
  aftercare(random, script, ctx, resolved, repeat || resolved - created > 3 * DAY);
  return script.events;
}
