import type { Actor } from '../../access/actor';
import type { ApplicationTable } from './tables';
import type { OutageRow } from './repo';
import { clockSeconds } from './measure';
import type { CompiledCalendar } from '../calendars';

export function presentApplication(row: ApplicationTable, actor: Actor, inBaseline: boolean) {
  return {
    id: row.id,
    communeId: row.communeId,
    name: row.name,
    domain: row.domain,
    vendor: row.vendor,
    product: row.product,
    version: row.version,
    hosting: row.hosting,
    criticality: row.criticality,
    outageCalendar: row.outageCalendar,
    communeOwner: row.communeOwner,
    providerOwner: row.providerOwner,
    maintenanceEndsOn: row.maintenanceEndsOn,
    status: row.status,
    inServiceSince: row.inServiceSince,
    retiredOn: row.retiredOn,
    notes: row.notes,
    reconstructed: row.reconstructed === 1,
    inBaseline,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    abilities: { canEdit: actor.permissions.has('applications.manage') },
  };
}

const hours = (s: number) => Math.round((s / 3600) * 100) / 100;

export function presentOutage(row: OutageRow, cal: CompiledCalendar) {
  const start = Date.parse(row.startedAt);
  const delay = (end: string | null) =>
    end === null ? null : hours(clockSeconds(cal, row.outageCalendar, start, Date.parse(end)));
  return {
    id: row.id,
    communeId: row.communeId,
    applicationId: row.applicationId,
    applicationName: row.applicationName,
    criticality: row.criticality,
    outageCalendar: row.outageCalendar,
    startedAt: row.startedAt,
    intervenedAt: row.intervenedAt,
    restoredAt: row.restoredAt,
    interventionHours: delay(row.intervenedAt),
    restorationHours: delay(row.restoredAt),
    cause: row.cause,
    summary: row.summary,
    ticketId: row.ticketId,
    ticketReference: row.ticketReference,
    source: row.source,
    alertName: row.alertName,
    notifications: row.notifications,
    reconstructed: row.reconstructed === 1,
  };
}
