import { playlistOfProfile } from '../../shared/wall/wallQuery';

type Translate = (key: string, values?: Record<string, unknown>) => string;

/** A wall screen's board profile in words: one board by name, or boards in turn with their seconds. */
export function boardWords(board: string, t: Translate): string {
  const stops = playlistOfProfile(board);
  if (!stops) return board;
  return stops.map((stop, _index, all) => (all.length === 1 ? t(`wall.boards.${stop.board}`) : t('admin.displays.stop', { board: t(`wall.boards.${stop.board}`), seconds: stop.seconds }))).join(' → ');
}
