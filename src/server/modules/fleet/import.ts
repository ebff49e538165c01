import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { authorize } from '../../access/actor';
import { scoped } from '../../db/scope';
import { invalid } from '../../errors';
import { newId } from '../../lib/ids';
import type { Upload } from '../../lib/upload';
import { recordAudit } from '../audit';
import {
  amountOf,
  booleanOf,
  dateOf,
  fieldOfHeader,
  formulaShaped,
  importFields,
  kindOf,
  normalise,
  readSheet,
  statusOfText,
  type ImportField,
} from './import-parse';
import type { DeviceKind } from './model';
import {
  devicesOfCommune,
  entitiesOfCommune,
  insertDevices,
  insertHistory,
  updateDeviceRow,
  type DeviceRow,
} from './repo';
import { localToday } from './service';
import type { DeviceHistoryTable } from './tables';

/**
 * Import of a fleet file (CSV or XLSX): each row is matched to the commune's devices by serial,
 * then inventory number (case-insensitive); a known device gets the fields the row fills in
 * (empty cells change nothing), an unknown one is created. A dry run answers the same report
 * without writing; a real run writes the valid rows in one transaction (rows with an error are
 * skipped, each reported). Importing the same file again changes nothing.
 */

export interface ImportProblem {
  row: number;
  field: string;
  reason: string;
}

export interface ImportReport {
  dryRun: boolean;
  format: 'csv' | 'xlsx';
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  columns: Array<{ header: string; field: ImportField | null }>;
  errors: ImportProblem[];
  actions: Array<{
    row: number;
    action: 'create' | 'update' | 'unchanged' | 'reject';
    deviceId: string | null;
    serial: string | null;
    inventoryNumber: string | null;
    changes: Record<string, [unknown, unknown]>;
  }>;
}

type Values = Partial<Omit<DeviceRow, 'id' | 'communeId' | 'createdAt' | 'updatedAt'>> & { replaces?: string };

export interface ImportOptions {
  dryRun: boolean;
  mapping?: Record<string, string>;
  defaultKind?: DeviceKind;
}

export async function importDevices(
  ctx: AppContext,
  actor: Actor,
  communeId: string,
  file: Upload,
  opts: ImportOptions,
): Promise<ImportReport> {
  await scoped(ctx.db, actor).assertCommune(communeId);
  authorize(actor, 'fleet.manage');
  if (file.truncated) throw invalid('file', 'The file is larger than the upload limit.', 'too_big');
  const format = file.data.subarray(0, 2).toString('latin1') === 'PK' ? 'xlsx' : 'csv';
  let sheet;
  try {
    sheet = await readSheet(file.data, file.filename);
  } catch {
    throw invalid('file', 'The file is neither a readable CSV nor an XLSX workbook.');
  }
  if (sheet.headers.length === 0) throw invalid('file', 'The file has no header row.', 'required');
  const mapping = new Map(Object.entries(opts.mapping ?? {}).map(([h, f]) => [normalise(h), f]));
  for (const [h, f] of mapping)
    if (f !== '' && !(importFields as readonly string[]).includes(f))
      throw invalid('mapping', `Column "${h}" is mapped to an unknown field "${f}".`, 'invalid_option');
  const columns = sheet.headers.map((header) => {
    const m = mapping.get(normalise(header));
    return { header, field: m !== undefined ? ((m || null) as ImportField | null) : fieldOfHeader(header) };
  });
  if (!columns.some((c) => c.field === 'serial' || c.field === 'inventoryNumber'))
    throw invalid(
      'file',
      'No column holds a serial or an inventory number (match the columns with `mapping`).',
      'required',
    );

  const now = ctx.now();
  const today = localToday(now);
  const at = now.toISOString();
  return ctx.db.transaction().execute(async (trx) => {
    const existing = await devicesOfCommune(trx, communeId);
    const entities = await entitiesOfCommune(trx, communeId);
    const entityByName = new Map(entities.map((e) => [normalise(e.name), e.id]));
    const bySerial = new Map<string, DeviceRow>();
    const byInventory = new Map<string, DeviceRow>();
    const index = (d: DeviceRow) => {
      if (d.serial) bySerial.set(d.serial.toLowerCase(), d);
      if (d.inventoryNumber) byInventory.set(d.inventoryNumber.toLowerCase(), d);
    };
    existing.forEach(index);
    const seen = new Map<string, number>();
    const report: ImportReport = {
      dryRun: opts.dryRun,
      format,
      rows: sheet.rows.length,
      created: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      columns,
      errors: [],
      actions: [],
    };
    const toInsert: DeviceRow[] = [];
    const history: DeviceHistoryTable[] = [];
    const formulaCells = new Set(sheet.formulas.map((f) => `${f.row}:${f.col}`));

    for (const { row, cells } of sheet.rows) {
      const problems: ImportProblem[] = [];
      const v: Values = {};
      columns.forEach((c, i) => {
        if (!c.field) return;
        if (formulaCells.has(`${row}:${i}`)) {
          problems.push({ row, field: c.field, reason: 'formula without a computed value' });
          return;
        }
        const raw = cells[i];
        if (raw === null || raw === undefined) return;
        const s =
          raw instanceof Date
            ? raw.toISOString()
            : typeof raw === 'string'
              ? raw.trim()
              : typeof raw === 'number' || typeof raw === 'boolean'
                ? String(raw)
                : '';
        if (s === '' || s === '-') return;
        const bad = (reason: string) => problems.push({ row, field: c.field!, reason });
        if (typeof raw === 'string' && formulaShaped(s) && c.field !== 'cost')
          return bad('looks like a spreadsheet formula; not imported');
        switch (c.field) {
          case 'kind': {
            const k = kindOf(s);
            if (k) v.kind = k;
            else bad(`unknown kind "${s.slice(0, 60)}"`);
            break;
          }
          case 'status': {
            const st = statusOfText(s);
            if (st) v.status = st;
            else bad(`unknown status "${s.slice(0, 60)}"`);
            break;
          }
          case 'purchaseDate':
          case 'warrantyEnd':
          case 'inServiceFrom':
          case 'retiredOn': {
            const d = dateOf(raw);
            if (d) v[c.field] = d;
            else bad(`not a date "${s.slice(0, 40)}" (YYYY-MM-DD or DD/MM/YYYY)`);
            break;
          }
          case 'cost': {
            if (formulaShaped(s) && typeof raw === 'string')
              return bad('looks like a spreadsheet formula; not imported');
            const a = amountOf(raw);
            if (a !== null) v.costCents = Math.round(a * 100);
            else bad(`not an amount in euros "${s.slice(0, 40)}"`);
            break;
          }
          case 'renewal': {
            const b = booleanOf(s);
            if (b !== null) v.renewal = b ? 1 : 0;
            else bad(`not yes/no "${s.slice(0, 20)}"`);
            break;
          }
          case 'entity': {
            const last = s.split('>').pop()!.trim();
            const id = entityByName.get(normalise(last));
            if (id) v.entityId = id;
            else if (!entities.length || !s.includes('>')) bad(`no sub-entity "${last.slice(0, 60)}" in this commune`);
            break;
          }
          case 'replaces':
            v.replaces = s;
            break;
          default:
            if (s.length > (c.field === 'notes' ? 4000 : 200)) bad('too long');
            else (v as Record<string, unknown>)[c.field] = s;
        }
      });
      if (!v.serial && !v.inventoryNumber && problems.length === 0)
        problems.push({ row, field: 'serial', reason: 'no serial and no inventory number' });
      for (const key of [
        v.serial ? `s:${v.serial.toLowerCase()}` : null,
        v.inventoryNumber ? `i:${v.inventoryNumber.toLowerCase()}` : null,
      ]) {
        if (!key) continue;
        const first = seen.get(key);
        if (first !== undefined)
          problems.push({
            row,
            field: key.startsWith('s') ? 'serial' : 'inventoryNumber',
            reason: `same as row ${first}`,
          });
      }
      const match =
        (v.serial ? bySerial.get(v.serial.toLowerCase()) : undefined) ??
        (v.inventoryNumber ? byInventory.get(v.inventoryNumber.toLowerCase()) : undefined);
      // A row's serial and inventory number must not name two different devices.
      const other = v.inventoryNumber ? byInventory.get(v.inventoryNumber.toLowerCase()) : undefined;
      if (match && other && other.id !== match.id)
        problems.push({ row, field: 'inventoryNumber', reason: 'belongs to another device than the serial' });
      let replaced: DeviceRow | undefined;
      if (v.replaces) {
        replaced = bySerial.get(v.replaces.toLowerCase()) ?? byInventory.get(v.replaces.toLowerCase());
        if (!replaced)
          problems.push({ row, field: 'replaces', reason: `no device "${v.replaces.slice(0, 60)}" to replace` });
        else if (replaced.id === match?.id)
          problems.push({ row, field: 'replaces', reason: 'a device cannot renew itself' });
      }
      if (!match && !v.kind && !opts.defaultKind && !problems.some((p) => p.field === 'kind'))
        problems.push({ row, field: 'kind', reason: 'required for a new device' });
      const after = { ...match, ...v };
      if (after.inServiceFrom && after.retiredOn && after.retiredOn < after.inServiceFrom)
        problems.push({ row, field: 'retiredOn', reason: 'before the day it went into service' });

      if (problems.length) {
        report.rejected++;
        report.errors.push(...problems);
        report.actions.push({
          row,
          action: 'reject',
          deviceId: match?.id ?? null,
          serial: v.serial ?? null,
          inventoryNumber: v.inventoryNumber ?? null,
          changes: {},
        });
        continue;
      }
      for (const key of [
        v.serial ? `s:${v.serial.toLowerCase()}` : null,
        v.inventoryNumber ? `i:${v.inventoryNumber.toLowerCase()}` : null,
      ])
        if (key) seen.set(key, row);

      const set: Partial<DeviceRow> = { ...v };
      delete (set as Values).replaces;
      // The keys matched case-insensitively keep their stored spelling.
      if (match && set.serial?.toLowerCase() === match.serial?.toLowerCase()) delete set.serial;
      if (match && set.inventoryNumber?.toLowerCase() === match.inventoryNumber?.toLowerCase())
        delete set.inventoryNumber;
      if (replaced) {
        set.replacesId = replaced.id;
        if (v.renewal === undefined) set.renewal = 1;
      }
      const status = set.status ?? match?.status ?? (v.inServiceFrom ? 'deployed' : 'in_stock');
      if (!match) set.status = status;
      if (
        (status === 'deployed' || status === 'in_repair' || status === 'retired') &&
        !(match?.inServiceFrom ?? set.inServiceFrom)
      )
        set.inServiceFrom = set.purchaseDate ?? match?.purchaseDate ?? today;
      if (status === 'retired' && !(match?.retiredOn ?? set.retiredOn)) set.retiredOn = today;

      const changes: Record<string, [unknown, unknown]> = {};
      for (const [k, val] of Object.entries(set)) {
        const before = match ? (match as unknown as Record<string, unknown>)[k] : null;
        if (JSON.stringify(before ?? null) !== JSON.stringify(val ?? null)) changes[k] = [before ?? null, val];
      }
      if (match && Object.keys(changes).length === 0) {
        report.unchanged++;
        report.actions.push({
          row,
          action: 'unchanged',
          deviceId: match.id,
          serial: match.serial,
          inventoryNumber: match.inventoryNumber,
          changes,
        });
        continue;
      }
      let device: DeviceRow;
      if (match) {
        device = { ...match, ...set, updatedAt: at };
        if (!opts.dryRun) await updateDeviceRow(trx, match.id, { ...set, updatedAt: at });
        report.updated++;
      } else {
        device = {
          id: newId(now.getTime()),
          communeId,
          entityId: null,
          kind: opts.defaultKind ?? 'desktop',
          name: null,
          serial: null,
          inventoryNumber: null,
          manufacturer: null,
          model: null,
          purchaseDate: null,
          warrantyEnd: null,
          costCents: null,
          site: null,
          assignedTo: null,
          status,
          inServiceFrom: null,
          retiredOn: null,
          renewal: 0,
          replacesId: null,
          source: 'import',
          agentDeviceId: null,
          hardware: null,
          lastInventoryAt: null,
          notes: null,
          createdAt: at,
          updatedAt: at,
          ...set,
        };
        toInsert.push(device);
        report.created++;
      }
      index(device);
      history.push(entry(communeId, device.id, actor, match ? 'updated' : 'created', changes, now));
      report.actions.push({
        row,
        action: match ? 'update' : 'create',
        deviceId: device.id,
        serial: device.serial,
        inventoryNumber: device.inventoryNumber,
        changes,
      });
      if (replaced && !replaced.retiredOn && device.inServiceFrom) {
        const retire = { status: 'retired', retiredOn: device.inServiceFrom, updatedAt: at };
        history.push(
          entry(
            communeId,
            replaced.id,
            actor,
            'renewed',
            {
              status: [replaced.status, 'retired'],
              retiredOn: [null, device.inServiceFrom],
              replacedBy: [null, device.id],
            },
            now,
          ),
        );
        if (!opts.dryRun && !toInsert.includes(replaced)) await updateDeviceRow(trx, replaced.id, retire);
        Object.assign(replaced, retire);
      }
    }
    if (!opts.dryRun) {
      await insertDevices(trx, toInsert);
      await insertHistory(trx, history);
      await recordAudit(
        trx,
        actor,
        {
          action: 'device.import',
          targetType: 'commune',
          targetId: communeId,
          communeId,
          changes: {
            filename: file.filename,
            created: report.created,
            updated: report.updated,
            rejected: report.rejected,
          },
        },
        now,
      );
    }
    report.actions = report.actions.slice(0, 500);
    return report;
  });
}

function entry(
  communeId: string,
  deviceId: string,
  actor: Actor,
  action: string,
  changes: Record<string, [unknown, unknown]>,
  now: Date,
): DeviceHistoryTable {
  return {
    id: newId(now.getTime()),
    communeId,
    deviceId,
    at: now.toISOString(),
    actorId: actor.kind === 'system' ? null : actor.id,
    actorLabel: actor.label,
    action,
    source: 'import',
    changes: JSON.stringify(changes),
  };
}
