/**
 * The registry of CA vendor tables (after shaka's TextEngine): built-in tables register themselves at
 * BUILT_IN priority when their file loads; an operator's or a box wrapper's table of the same id registered at
 * APPLICATION wins. A lookup miss is a `CaVendorUnknown` error naming the known vendors.
 */
import { ErrorCategory, ErrorCode, ErrorSeverity, YiwangError } from '../../errors/yiwang-error.js';
import type { CaVendorTable } from './ca-vendor.js';

export const CaVendorPriority = { BUILT_IN: 1, APPLICATION: 2 } as const;

const tables: { table: CaVendorTable; priority: number }[] = [];

export function registerCaVendor(table: CaVendorTable, priority: number = CaVendorPriority.BUILT_IN): void {
  const i = tables.findIndex((t) => t.table.id === table.id && t.priority === priority);
  if (i >= 0) tables.splice(i, 1);
  tables.push({ table, priority });
  tables.sort((a, b) => b.priority - a.priority);
}

/** Removes the table registered under `id` at `priority` (all priorities when absent). */
export function unregisterCaVendor(id: string, priority?: number): void {
  for (let i = tables.length - 1; i >= 0; i--) {
    const t = tables[i];
    if (t?.table.id === id && (priority === undefined || t.priority === priority)) tables.splice(i, 1);
  }
}

/** Ids of the registered vendor tables, sorted. */
export function caVendors(): string[] {
  return [...new Set(tables.map((t) => t.table.id))].sort();
}

/** The highest-priority table registered under `id`; throws `CaVendorUnknown`. */
export function findCaVendor(id: string): CaVendorTable {
  const found = tables.find((t) => t.table.id === id);
  if (!found) {
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaVendorUnknown,
      `Unknown CA vendor "${id}"; known vendors: ${caVendors().join(', ')}`, { vendor: id, known: caVendors() });
  }
  return found.table;
}

/** The first table (by priority) that names `caSystemId`; throws `CaVendorUnknown`. */
export function findCaVendorBySystemId(caSystemId: number): CaVendorTable {
  const found = tables.find((t) => t.table.caSystemIds.includes(caSystemId));
  if (!found) {
    const id = `0x${caSystemId.toString(16).toUpperCase().padStart(4, '0')}`;
    throw new YiwangError(ErrorSeverity.Recoverable, ErrorCategory.Ca, ErrorCode.CaVendorUnknown,
      `No CA vendor table for CA_system_id ${id}; known vendors: ${caVendors().join(', ')}`, { vendor: id, known: caVendors() });
  }
  return found.table;
}
