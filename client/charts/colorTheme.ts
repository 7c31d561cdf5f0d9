import { readonly, ref } from 'vue';

/** Dark is the default: walls run all day in dim rooms. Light is for desks by a window. */
export const COLOR_THEMES = ['dark', 'light'] as const;
export type ColorTheme = (typeof COLOR_THEMES)[number];

const STORAGE_KEY = 'service-ops.theme';

function storedTheme(): ColorTheme {
  const stored = typeof window === 'undefined' ? null : window.localStorage.getItem(STORAGE_KEY);
  return stored === 'light' ? 'light' : 'dark';
}

const current = ref<ColorTheme>(storedTheme());

function apply(theme: ColorTheme): void {
  if (typeof document !== 'undefined') document.documentElement.dataset.theme = theme;
}
apply(current.value);
// Chosen in another tab (its Settings page): this one follows, charts and all, instead of keeping the old theme until reloaded.
if (typeof window !== 'undefined') {
  window.addEventListener('storage', (event) => {
    if (event.key !== STORAGE_KEY) return;
    current.value = storedTheme();
    apply(current.value);
  });
}

/** One theme for the whole page; charts watch it to repaint their canvas, which CSS cannot reach. */
export function useColorTheme() {
  function choose(theme: ColorTheme): void {
    current.value = theme;
    window.localStorage.setItem(STORAGE_KEY, theme);
    apply(theme);
  }
  return { theme: readonly(current), choose };
}
