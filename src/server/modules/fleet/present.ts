import type { DeviceRow } from './repo';
import type { DeviceView } from './schemas';
import type { DeviceKind, DeviceSource, DeviceStatus } from './model';

/** Age in years (one decimal) from a local date to another. */
export function ageYears(from: string | null, today: string): number | null {
  if (!from) return null;
  if (Number.isNaN(Date.parse(`${from}T00:00:00Z`))) return null;
  const days = (Date.parse(`${today}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
  return Math.max(0, Math.round((days / 365.25) * 10) / 10);
}

function parseHardware(text: string | null): Record<string, unknown> | null {
  if (!text) return null;
  try {
    const v = JSON.parse(text) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

/** A stored device as the API shows it. */
export function presentDevice(
  r: DeviceRow,
  opts: { entities: Map<string, string>; today: string; canEdit: boolean },
): DeviceView {
  return {
    id: r.id,
    communeId: r.communeId,
    entityId: r.entityId,
    entityName: r.entityId ? (opts.entities.get(r.entityId) ?? null) : null,
    kind: r.kind as DeviceKind,
    name: r.name,
    serial: r.serial,
    inventoryNumber: r.inventoryNumber,
    manufacturer: r.manufacturer,
    model: r.model,
    purchaseDate: r.purchaseDate,
    warrantyEnd: r.warrantyEnd,
    cost: r.costCents === null ? null : Number(r.costCents) / 100,
    site: r.site,
    assignedTo: r.assignedTo,
    status: r.status as DeviceStatus,
    inServiceFrom: r.inServiceFrom,
    retiredOn: r.retiredOn,
    renewal: Number(r.renewal) === 1,
    replacesId: r.replacesId,
    source: r.source as DeviceSource,
    agentDeviceId: r.agentDeviceId,
    hardware: parseHardware(r.hardware),
    lastInventoryAt: r.lastInventoryAt,
    notes: r.notes,
    ageYears: ageYears(r.purchaseDate ?? r.inServiceFrom, opts.today),
    warrantyExpired: r.warrantyEnd !== null && r.warrantyEnd < opts.today,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    abilities: { canEdit: opts.canEdit },
  };
}
