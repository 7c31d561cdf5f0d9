import { BOARD_PAGE_MAX, BOARD_SECTIONS, type BoardItem, type BoardPage, type BoardSection } from '../../shared/api/slaBoardApi';
import { serverInstantAmong } from './liveClock';
import { fetchBoardPage } from './slaBoardApi';

/** What the desk holds of one section: the rows read so far, the section's true total and where the next page starts. */
export interface SectionState {
  items: BoardItem[];
  total: number | null;
  nextCursor: string | null;
}

export type Sections = Record<BoardSection, SectionState>;

export function emptySections(): Sections {
  return Object.fromEntries(BOARD_SECTIONS.map((section) => [section, { items: [], total: null, nextCursor: null }])) as unknown as Sections;
}

const asState = (page: BoardPage): SectionState => ({ items: page.items, total: page.total, nextCursor: page.nextCursor });

/**
 * Every section's first rows, as many as each already shows (so a refresh does not fold back what a
 * reader paged open), at least `pageSize`, at most the server's page. `params` may differ by section.
 */
export async function loadSections(params: Record<string, string> | ((section: BoardSection) => Record<string, string>), shown: Sections, pageSize: number): Promise<Sections> {
  const paramsOf = typeof params === 'function' ? params : () => params;
  const pages = await Promise.all(
    BOARD_SECTIONS.map((section) => fetchBoardPage(section, paramsOf(section), null, Math.min(BOARD_PAGE_MAX, Math.max(pageSize, shown[section].items.length)))),
  );
  return Object.fromEntries(pages.map((page) => [page.section, asState(page)])) as unknown as Sections;
}

export async function loadMore(params: Record<string, string>, section: BoardSection, state: SectionState, pageSize: number): Promise<SectionState> {
  if (state.nextCursor === null) return state;
  const page = await fetchBoardPage(section, params, state.nextCursor, pageSize);
  return { items: [...state.items, ...page.items], total: page.total, nextCursor: page.nextCursor };
}

/** The server's time when it answered the board, off its first running clock; null when none runs. */
export function serverInstantIn(sections: Sections): number | null {
  return serverInstantAmong(BOARD_SECTIONS.flatMap((section) => sections[section].items));
}
