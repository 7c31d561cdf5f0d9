// @vitest-environment happy-dom
import { RouterLinkStub, mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { TWENTY_FOUR_SEVEN } from '../../shared/calendar/builtinCalendars';
import { BOARD_NOW, boardItem } from '../../test/support/boardItems';
import { createAppI18n } from '../i18n';
import BreachTable from './BreachTable.vue';
import { buildRows } from './breachBoardRows';

const DAY = 24 * 60;

function mountTable(locale: 'zh-CN' | 'en', hasMore = false, section: 'breached' | 'followup' = 'breached') {
  const i18n = createAppI18n();
  i18n.global.locale.value = locale;
  const items = [
    boardItem('T-late', -65, { priority: 'P1' }),
    boardItem('T-calm', 45, { priority: 'P3', engineerId: null, engineerName: null, customerName: '某连锁超市', customerNameEn: null, tier: 'key' }),
    boardItem('T-old', -22 * DAY, { metric: 'return_visit' }),
  ];
  const rows = buildRows(items, () => TWENTY_FOUR_SEVEN, BOARD_NOW);
  return mount(BreachTable, { props: { rows, section, total: 40, hasMore, loadingMore: false, serverNow: BOARD_NOW }, global: { plugins: [i18n], stubs: { RouterLink: RouterLinkStub } } });
}

describe('BreachTable', () => {
  it('keeps the server order, with countdowns, states in words and shapes', () => {
    const table = mountTable('en');
    const rendered = table.findAll('tbody tr');
    expect(rendered.map((row) => row.attributes('data-testid'))).toEqual(['breach-row-T-late', 'breach-row-T-calm', 'breach-row-T-old']);
    // The breached tab's heading says "Overdue by": the cell is the bare span, no minus sign.
    expect(table.find('thead').text()).toContain('Overdue by');
    expect(table.get('[data-testid="countdown-T-late"]').text()).toBe('1h 05m');
    expect(table.get('[data-testid="countdown-T-calm"]').text()).toBe('45m 00s');
    expect(rendered[0]!.attributes('data-tone')).toBe('breached');
    expect(rendered[0]!.text()).toContain('Breached');
    expect(rendered[0]!.find('svg.sla-tone-icon--breached').exists()).toBe(true);
    expect(rendered[1]!.find('svg.sla-tone-icon--ok').exists()).toBe(true);
  });

  it('says overdue in words where a tab mixes due and overdue clocks, in both languages', () => {
    expect(mountTable('en', false, 'followup').get('[data-testid="countdown-T-late"]').text()).toBe('Overdue by 1h 05m');
    expect(mountTable('zh-CN', false, 'followup').get('[data-testid="countdown-T-old"]').text()).toBe('已超时 22天00小时');
    expect(mountTable('zh-CN', false, 'followup').get('[data-testid="countdown-T-calm"]').text()).toBe('45分00秒');
  });

  it('names the customer with its tier, the center and the engineer, and says when nobody is assigned', () => {
    const table = mountTable('zh-CN');
    const [late, calm, old] = table.findAll('tbody tr');
    expect(late!.text()).toContain('上海某医院');
    expect(late!.text()).toContain('VIP');
    expect(late!.text()).toContain('上海浦东服务中心');
    expect(late!.text()).toContain('张伟');
    expect(calm!.text()).toContain('重点');
    expect(calm!.text()).toContain('未派工');
    // Due weeks ago: the due column carries the date, not a bare time of day.
    expect(old!.text()).toContain('回访');
    expect(old!.findAll('td').at(-1)!.text()).toMatch(/^\d\d\/\d\d \d\d:\d\d$/);
    expect(late!.findAll('td').at(-1)!.text()).toMatch(/^\d\d:\d\d$/);
  });

  it('names the customer in English in the English UI where it has an English name, in Chinese otherwise', () => {
    const [late, calm] = mountTable('en').findAll('tbody tr');
    expect(late!.text()).toContain('Shanghai Hospital');
    expect(late!.text()).not.toContain('上海某医院');
    expect(calm!.text()).toContain('某连锁超市');
    expect(mountTable('zh-CN').findAll('tbody tr')[0]!.text()).not.toContain('Shanghai Hospital');
  });

  it('says how many of the true total are shown, asks for more, and opens a ticket\'s timeline from its row', async () => {
    const table = mountTable('zh-CN', true);
    expect(table.get('[data-testid="shown-breached"]').text()).toBe('已显示 3 / 共 40 项');
    await table.get('[data-testid="more-breached"]').trigger('click');
    expect(table.emitted('more')).toHaveLength(1);
    await table.get('[data-testid="open-T-calm"]').trigger('click');
    expect(table.emitted('open')).toEqual([['T-calm']]);
  });

  it('makes each ticket id a link to the ticket page', () => {
    const links = mountTable('en').findAllComponents(RouterLinkStub);
    expect(links.map((link) => [link.text(), link.props('to')])).toEqual(
      ['T-late', 'T-calm', 'T-old'].map((id) => [id, { name: 'ticket', params: { id } }]),
    );
  });
});
