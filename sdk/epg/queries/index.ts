// Guide queries over an EpgStore: one-shot (Promise) and live (Observable).
export { nowNext, watchNowNext } from './now-next.js';
export type { NowNext, WatchNowNextOptions } from './now-next.js';
export { grid, watchGrid } from './grid.js';
export type { GridQuery, GridCell, ProgrammeCell, GapCell, GridRow } from './grid.js';
export { search } from './search.js';
export type { SearchOptions } from './search.js';
export { byGenre } from './by-genre.js';
export type { ByGenreOptions } from './by-genre.js';
export { programme, listChannels } from './programme.js';
export { live, changeAffects } from './live.js';
export type { LiveOptions } from './live.js';
