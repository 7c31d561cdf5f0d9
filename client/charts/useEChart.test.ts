// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { defineComponent, h, nextTick, ref, useTemplateRef } from 'vue';
import { useColorTheme } from './colorTheme';
import { useEChart } from './useEChart';

/** What the chart was told, in order: ECharts itself draws on a canvas happy-dom does not have. */
const calls: string[] = [];
const instance = {
  on: vi.fn(),
  resize: vi.fn(),
  dispose: vi.fn(() => calls.push('dispose')),
  setTheme: vi.fn(() => calls.push('setTheme')),
  setOption: vi.fn((option: { title: { text: string } }) => calls.push(`setOption ${option.title.text}`)),
};
vi.mock('echarts/core', () => ({ init: vi.fn(() => instance) }));

const label = ref('first');
const Chart = defineComponent(() => {
  const container = useTemplateRef<HTMLElement>('container');
  useEChart(container, (theme) => ({ title: { text: `${label.value} in ${theme.textStyle.color || 'any'}` } }));
  return () => h('div', { ref: 'container' });
});

afterEach(() => {
  calls.length = 0;
  useColorTheme().choose('dark');
});

describe('useEChart', () => {
  it('draws a colour-theme switch once: the new theme, then the option built in it, nothing after', async () => {
    const wrapper = mount(Chart, { attachTo: document.body });
    await nextTick();
    expect(calls).toEqual(['setOption first in any']);
    calls.length = 0;
    useColorTheme().choose('light');
    await nextTick();
    await nextTick();
    expect(calls).toEqual(['setTheme', 'setOption first in any']);
    calls.length = 0;
    label.value = 'second';
    await nextTick();
    expect(calls, 'a change after the switch is merged as before').toEqual(['setOption second in any']);
    wrapper.unmount();
    expect(calls.at(-1)).toBe('dispose');
  });
});
