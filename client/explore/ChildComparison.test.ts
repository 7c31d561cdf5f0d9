// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { describe, expect, it } from 'vitest';
import { createMemoryHistory, createRouter } from 'vue-router';
import { createAppI18n } from '../i18n';
import { useWallScreenStore } from '../stores/wallScreen';
import ChildComparison from './ChildComparison.vue';
import type { ChildFigures } from './childRanking';

const AMBER = '#ffbf00';
const RED = '#ff0000';
for (const [name, value] of Object.entries({ '--sla-warning': AMBER, '--sla-breached': RED, '--surface': '#000000', '--text': '#ffffff' })) document.documentElement.style.setProperty(name, value);

/** 2 and 4 of 400 open tickets breached: 0.5 % and 1 %, calm by the default shares. */
const CHILDREN = [
  { node: { name: '华东', level: 'region', scope: { kind: 'region', id: 'east' } }, values: { backlog_open: 400, breached_open: 2 } },
  { node: { name: '西南', level: 'region', scope: { kind: 'region', id: 'west' } }, values: { backlog_open: 400, breached_open: 4 } },
] as unknown as ChildFigures[];

async function mountOn(address: string, profileThresholds: string | null) {
  const pinia = createPinia();
  setActivePinia(pinia);
  useWallScreenStore().adoptProfile({ name: '全网大屏', scope: 'network', board: 'network', thresholds: profileThresholds });
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/explore/:scope?', name: 'explore', component: { template: '<div />' } }] });
  await router.push(address);
  const i18n = createAppI18n();
  i18n.global.locale.value = 'en';
  const wrapper = mount(ChildComparison, { props: { children: CHILDREN, window: 'today' }, global: { plugins: [pinia, router, i18n], stubs: { EChart: true, RouterLink: true } } });
  const treemap = wrapper.findAllComponents({ name: 'EChart' }).find((chart) => chart.props('testId') === 'backlog-treemap')!;
  const cells = (treemap.props('option') as { series: Array<{ data: Array<{ itemStyle: { color: string }; text: string }> }> }).series[0]!.data;
  return { fills: cells.map((cell) => cell.itemStyle.color), labels: cells.map((cell) => cell.text), title: wrapper.find('figure:nth-of-type(2) figcaption').text() };
}

describe('the /explore treemap judges breaches by the screen\'s own thresholds', () => {
  it('colours and titles by the display profile\'s levels, as its wall does', async () => {
    const { fills, title, labels } = await mountOn('/explore', 'breached_open:2:4');
    expect(fills).toEqual([AMBER, RED]);
    // Each cell names the figure its colour judges: here the count, not the share.
    expect(labels).toEqual(['华东\n400 open\n2 breached', '西南\n400 open\n4 breached']);
    expect(title).toBe('Open backlog (area) × tickets breached (colour: amber from 2, red from 4)');
  });

  it('takes the address\'s levels over the profile\'s, and the default shares without either', async () => {
    expect((await mountOn('/explore?thresholds=breached_open:4:9', 'breached_open:2:4')).fills).toEqual([expect.not.stringMatching(AMBER), AMBER]);
    const plain = await mountOn('/explore', null);
    expect(plain.fills).not.toContain(AMBER);
    expect(plain.fills).not.toContain(RED);
    expect(plain.labels[0]).toMatch(/^华东\n400 open\n0\.5(0)?% breached$/);
    expect(plain.title).toMatch(/^Open backlog \(area\) × share breached \(colour: amber from 8(\.0)?%, red from 12(\.0)?%\)$/);
  });
});
