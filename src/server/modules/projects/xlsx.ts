import ExcelJS from 'exceljs';
import type { AppContext } from '../../context';
import type { Actor } from '../../access/actor';
import { scoped } from '../../db/scope';
import { listPlans, listProjects, workload } from './service';

/** Neutralises text a spreadsheet would read as a formula (OWASP "CSV injection"). */
function safe(v: string | null | undefined): string | null {
  if (v === null || v === undefined) return null;
  return /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
}

const kinds: Record<string, string> = {
  commune: 'Projet communal',
  collective: 'Projet collectif (service commun)',
  metropolitan: 'Projet métropolitain',
};
const statuses: Record<string, string> = {
  proposed: 'Proposé',
  planned: 'Planifié',
  in_progress: 'En cours',
  on_hold: 'Suspendu',
  delivered: 'Mis en service',
  dropped: 'Abandonné',
};

/**
 * A commune's portfolio as XLSX: the projects (one row each), the plan versions, and the
 * planned and approved person-days per month and team over the projects' years.
 */
export async function exportProjectsXlsx(ctx: AppContext, actor: Actor, communeId: string) {
  const { items: projects } = await listProjects(ctx, actor, communeId, {});
  const { items: plans } = await listPlans(ctx, actor, communeId);
  const commune = await scoped(ctx.db, actor)
    .selectFrom('communes')
    .select(['name', 'slug'])
    .where('id', '=', communeId)
    .executeTakeFirstOrThrow();
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Mutualis';
  const ps = wb.addWorksheet('Projets');
  ps.columns = [
    { header: 'Projet', key: 'title', width: 45 },
    { header: 'Type', key: 'kind', width: 30 },
    { header: 'Année au schéma', key: 'year', width: 16 },
    { header: 'Priorité', key: 'priority', width: 10 },
    { header: 'Statut', key: 'status', width: 16 },
    { header: 'En retard', key: 'late', width: 10 },
    { header: 'Mise en service prévue', key: 'plannedGoLive', width: 20 },
    { header: 'Mise en service', key: 'goLiveOn', width: 16 },
    { header: 'Chef de projet commune', key: 'communeOwner', width: 25 },
    { header: 'Chef de projet service commun', key: 'providerOwner', width: 25 },
    { header: 'Charge prévue (j*h)', key: 'planned', width: 18 },
    { header: 'Charge réalisée validée (j*h)', key: 'actual', width: 22 },
  ];
  for (const p of projects)
    ps.addRow({
      title: safe(p.title),
      kind: kinds[p.kind],
      year: p.plannedYear,
      priority: p.priority,
      status: statuses[p.status],
      late: p.late ? 'oui' : 'non',
      plannedGoLive: p.plannedGoLive,
      goLiveOn: p.goLiveOn,
      communeOwner: safe(p.communeOwner?.name),
      providerOwner: safe(p.providerOwner?.name),
      planned: p.plannedDays,
      actual: p.actualDays,
    });
  ps.getRow(1).font = { bold: true };
  const vs = wb.addWorksheet('Schéma numérique');
  vs.columns = [
    { header: 'Schéma', key: 'plan', width: 40 },
    { header: 'Version', key: 'version', width: 9 },
    { header: 'Horizon', key: 'horizon', width: 12 },
    { header: 'Approuvé le', key: 'approvedOn', width: 12 },
    { header: 'Approuvé par', key: 'approvedBy', width: 25 },
    { header: 'Instance', key: 'committee', width: 30 },
    { header: 'Projets programmés', key: 'scheduled', width: 18 },
    { header: 'Modifications', key: 'changes', width: 60 },
  ];
  for (const p of plans)
    for (const v of p.versions)
      vs.addRow({
        plan: safe(p.title),
        version: v.version,
        horizon: `${v.startYear}-${v.endYear}`,
        approvedOn: v.approvedOn,
        approvedBy: safe(v.approvedBy),
        committee: safe(v.committee),
        scheduled: v.scheduled.length,
        changes: safe(v.changes),
      });
  vs.getRow(1).font = { bold: true };
  const years = projects.map((p) => p.plannedYear).filter((y): y is number => y !== null);
  if (years.length) {
    const from = `${Math.max(Math.min(...years), Math.max(...years) - 4)}-01`;
    const to = `${Math.max(...years)}-12`;
    const w = await workload(ctx, actor, { from, to, groupBy: 'team', communeId });
    const ws = wb.addWorksheet('Charge');
    ws.columns = [
      { header: 'Mois', key: 'month', width: 10 },
      ...w.items.flatMap((i) => [
        { header: `${i.label} prévu`, key: `${i.key}-p`, width: 16 },
        { header: `${i.label} réalisé`, key: `${i.key}-a`, width: 16 },
      ]),
    ];
    for (const m of w.months)
      ws.addRow(
        Object.fromEntries([
          ['month', m],
          ...w.items.flatMap((i) => {
            const c = i.months.find((x) => x.month === m)!;
            return [
              [`${i.key}-p`, c.planned],
              [`${i.key}-a`, c.actual],
            ];
          }),
        ]),
      );
    ws.getRow(1).font = { bold: true };
  }
  const data = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    filename: `projets-${commune.slug}.xlsx`,
    contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    data,
  };
}
