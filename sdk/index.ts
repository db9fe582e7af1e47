/**
 * Yiwang SDK: the public entry. Each module stands on its own; import what you use.
 */
export * from './errors/yiwang-error.js';
export * from './keys/index.js';
export * from './platform/index.js';
export * from './text/index.js';
export * from './epg/index.js';
export * from './alerts/index.js';
export * from './channels/index.js';
export * from './player/index.js';
export * from './ca/index.js';
export * from './parental/index.js';
export * from './overlays/index.js';
