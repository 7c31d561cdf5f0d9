/**
 * Canvas cannot read CSS, so an ECharts theme is built from the page's custom properties, in whichever
 * colour theme is showing, and built again when it changes. Sizes come from the element's font size so
 * chart text scales with the screen like the rest of the page.
 */
export interface ChartThemeOption {
  color: string[];
  backgroundColor: string;
  textStyle: { color: string; fontFamily: string; fontSize: number };
  /** Not ECharts': colours that stand for a meaning on every screen (created, resolved), for the series that show it. */
  named: { created: string; resolved: string };
  [component: string]: unknown;
}

const SERIES_COLOR_VARS = ['--chart-1', '--chart-2', '--chart-3', '--chart-4', '--chart-5', '--chart-6'];

export function readChartThemeOption(element: HTMLElement): ChartThemeOption {
  const style = getComputedStyle(element);
  const cssVar = (name: string) => style.getPropertyValue(name).trim();
  const fontSize = parseFloat(style.fontSize) || 14;
  const text = cssVar('--text');
  const muted = cssVar('--text-muted');
  const gridLine = cssVar('--grid-line');
  const axis = {
    axisLine: { lineStyle: { color: gridLine } },
    axisTick: { lineStyle: { color: gridLine } },
    axisLabel: { color: muted, fontSize },
    splitLine: { lineStyle: { color: gridLine } },
    nameTextStyle: { color: muted, fontSize },
  };
  return {
    color: SERIES_COLOR_VARS.map(cssVar).filter((color) => color !== ''),
    backgroundColor: 'transparent',
    textStyle: { color: text, fontFamily: style.fontFamily, fontSize },
    named: { created: cssVar('--created'), resolved: cssVar('--resolved') },
    title: { textStyle: { color: text, fontSize: fontSize * 1.1 } },
    legend: { textStyle: { color: text, fontSize } },
    // Below a legend of one row at the top (its text, 5 px padding each side) and half the top axis label that hangs above the plot.
    grid: { top: Math.round(fontSize * 2 + 14) },
    tooltip: { backgroundColor: cssVar('--surface-raised'), borderColor: gridLine, textStyle: { color: text, fontSize } },
    categoryAxis: axis,
    valueAxis: axis,
    timeAxis: axis,
    // A treemap's label is several lines (a name over its figures); without a line height of its own they were drawn over each other.
    treemap: { label: { fontSize, lineHeight: Math.round(fontSize * 1.3) } },
  };
}
