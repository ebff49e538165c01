import { useState } from 'react';
import {
  Badge,
  Breadcrumbs,
  Button,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { errorMessage, fieldErrors, notifyError, notifySuccess, QueryState } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { AnchorLink } from '../../ui/links';
import { formatDate } from '../../ui/format';
import {
  useDecideTime,
  usePatchProject,
  useProject,
  useRecordTime,
  useTimeEntries,
  type ProjectDetail,
  type TimeEntry,
} from './api';
import { projectRoute } from './routes';
import { EditMilestones, EditPhases, EditProject, EditRisks } from './ProjectEditors';
import { ProjectDocuments, ProjectTickets } from './ProjectLinks';

const teams = ['applications', 'infrastructure', 'support', 'pmo'] as const;

export function ProjectPage() {
  const { projectId } = projectRoute.useParams();
  const { t, i18n } = useTranslation(['projects', 'common']);
  const project = useProject(projectId);
  if (project.error instanceof ApiError && project.error.status === 404) return <NotFoundPage />;
  const p = project.data;
  const lang = i18n.language;
  return (
    <Stack gap="md">
      {p && (
        <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
          <AnchorLink to="/projets/commune/$communeId" params={{ communeId: p.communeId }}>
            {t('project.back')}
          </AnchorLink>
          <Text aria-current="page">{p.title}</Text>
        </Breadcrumbs>
      )}
      <Page title={p?.title ?? t('list.project')} description={p?.description ?? undefined}>
        <QueryState isPending={project.isPending} error={project.error} />
        {p && (
          <Stack gap="xl">
            <Group gap="xs">
              <Badge variant="light">{t(`kind.${p.kind}`)}</Badge>
              <Badge variant="light" color={p.status === 'delivered' ? 'green' : 'blue'}>
                {t(`status.${p.status}`)}
              </Badge>
              {p.late && (
                <Badge variant="light" color="orange">
                  {t('list.late')}
                </Badge>
              )}
            </Group>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} component="dl">
              <Fact label={t('project.plannedYear')} value={p.plannedYear ?? '—'} />
              <Fact label={t('list.priority')} value={t(`priority.${p.priority}`)} />
              <Fact
                label={t('project.plannedGoLive')}
                value={p.plannedGoLive ? formatDate(p.plannedGoLive, lang) : '—'}
              />
              <Fact label={t('project.goLiveOn')} value={p.goLiveOn ? formatDate(p.goLiveOn, lang) : '—'} />
              <Fact label={t('project.communeOwner')} value={p.communeOwner?.name ?? t('project.nobody')} />
              <Fact label={t('project.providerOwner')} value={p.providerOwner?.name ?? t('project.nobody')} />
              <Fact label={t('list.planned')} value={p.plannedDays} />
              <Fact label={t('list.actual')} value={p.actualDays} />
            </SimpleGrid>
            {p.abilities.canEdit && <EditProject key={p.updatedAt} project={p} />}
            <Phases project={p} />
            {p.abilities.canEdit && (
              <SimpleGrid cols={{ base: 1 }} spacing="md">
                <EditPhases key={`phases-${p.updatedAt}`} project={p} />
                <EditMilestones key={`milestones-${p.updatedAt}`} project={p} />
                <EditRisks key={`risks-${p.updatedAt}`} project={p} />
              </SimpleGrid>
            )}
            <ProjectTickets project={p} />
            <ProjectDocuments project={p} />
            <Load project={p} />
            {p.abilities.canEdit && <EditLoad project={p} />}
            <History project={p} />
            <TimeEntries project={p} />
          </Stack>
        )}
      </Page>
    </Stack>
  );
}

function Fact({ label, value }: { label: string; value: React.ReactNode }) {
  return (
    <div>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500}>
        {value}
      </Text>
    </div>
  );
}

function Phases({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation('projects');
  return (
    <section aria-labelledby="phases-title">
      <Title order={2} size="h3" id="phases-title" mb="sm">
        {t('project.phases')}
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('project.phase')}</Table.Th>
            <Table.Th scope="col">{t('list.status')}</Table.Th>
            <Table.Th scope="col">{t('project.from')}</Table.Th>
            <Table.Th scope="col">{t('project.to')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {project.phases.map((ph) => (
            <Table.Tr key={ph.key}>
              <Table.Th scope="row">{ph.label}</Table.Th>
              <Table.Td>{t(`project.phaseStatus.${ph.status}`)}</Table.Td>
              <Table.Td>{ph.start ? formatDate(ph.start, i18n.language) : '—'}</Table.Td>
              <Table.Td>{ph.end ? formatDate(ph.end, i18n.language) : '—'}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {project.milestones.length > 0 && (
        <>
          <Title order={3} size="h4" mt="md" mb="xs">
            {t('project.milestones')}
          </Title>
          <ul>
            {project.milestones.map((m) => (
              <li key={`${m.label}${m.date}`}>
                {m.label} — {formatDate(m.date, i18n.language)}
                {m.reached ? ` (${t('project.reached')})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <Title order={3} size="h4" mt="md" mb="xs">
        {t('project.risks')}
      </Title>
      {project.risks.length ? (
        <ul>
          {project.risks.map((r) => (
            <li key={r.text}>
              {r.text} — {t(`edit.level.${r.level}`)}
            </li>
          ))}
        </ul>
      ) : (
        <Text size="sm">{t('project.noRisks')}</Text>
      )}
    </section>
  );
}

function Load({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('projects');
  const keys = new Map<string, { month: string; team: string; planned: number; actual: number; submitted: number }>();
  const get = (month: string, team: string) => {
    const k = `${month}|${team}`;
    let v = keys.get(k);
    if (!v) keys.set(k, (v = { month, team, planned: 0, actual: 0, submitted: 0 }));
    return v;
  };
  for (const l of project.plannedLoad) get(l.month, l.team).planned += l.days;
  for (const a of project.actualByMonth) {
    const v = get(a.month, a.team);
    v.actual += a.days;
    v.submitted += a.submitted;
  }
  const rows = [...keys.values()].sort((a, b) => (a.month + a.team < b.month + b.team ? -1 : 1));
  const r2 = (n: number) => Math.round(n * 100) / 100;
  return (
    <section aria-labelledby="load-title">
      <Title order={2} size="h3" id="load-title" mb="sm">
        {t('project.load')}
      </Title>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('project.month')}</Table.Th>
            <Table.Th scope="col">{t('project.team')}</Table.Th>
            <Table.Th scope="col">{t('project.planned')}</Table.Th>
            <Table.Th scope="col">{t('project.actual')}</Table.Th>
            <Table.Th scope="col">{t('project.submitted')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={`${r.month}${r.team}`}>
              <Table.Th scope="row">{r.month}</Table.Th>
              <Table.Td>{t(`team.${r.team}`, { defaultValue: r.team })}</Table.Td>
              <Table.Td>{r2(r.planned)}</Table.Td>
              <Table.Td>{r2(r.actual)}</Table.Td>
              <Table.Td>{r2(r.submitted)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </section>
  );
}

function EditLoad({ project }: { project: ProjectDetail }) {
  const { t } = useTranslation('projects');
  const patch = usePatchProject(project.id);
  const [month, setMonth] = useState(project.plannedStart?.slice(0, 7) ?? new Date().toISOString().slice(0, 7));
  const [team, setTeam] = useState<(typeof teams)[number]>('applications');
  const [days, setDays] = useState<number | string>(1);
  const errors = fieldErrors(patch.error);
  return (
    <Paper withBorder p="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const others = project.plannedLoad.filter((l) => !(l.month === month && l.team === team));
          patch.mutate(
            { plannedLoad: [...others, ...(Number(days) > 0 ? [{ month, team, days: Number(days) }] : [])] },
            { onSuccess: () => notifySuccess(t('project.saved')) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('project.loadEdit')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('project.loadHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 3 }}>
            <TextInput
              type="month"
              label={t('project.month')}
              value={month}
              onChange={(e) => setMonth(e.currentTarget.value)}
              error={Object.entries(errors).find(([k]) => k.startsWith('plannedLoad'))?.[1]}
              required
            />
            <Select
              label={t('project.team')}
              data={teams.map((x) => ({ value: x, label: t(`team.${x}`) }))}
              value={team}
              onChange={(v) => setTeam((v as (typeof teams)[number]) ?? 'applications')}
              allowDeselect={false}
            />
            <NumberInput label={t('project.planned')} value={days} onChange={setDays} min={0} step={0.5} />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={patch.isPending}>
              {t('project.loadSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function History({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation('projects');
  return (
    <section aria-labelledby="history-title">
      <Title order={2} size="h3" id="history-title" mb="sm">
        {t('project.history')}
      </Title>
      {project.scheduleHistory.length === 0 ? (
        <Text size="sm">{t('project.historyEmpty')}</Text>
      ) : (
        <Table striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plan.title')}</Table.Th>
              <Table.Th scope="col">{t('plan.version')}</Table.Th>
              <Table.Th scope="col">{t('plan.approvedOn')}</Table.Th>
              <Table.Th scope="col">{t('project.plannedYear')}</Table.Th>
              <Table.Th scope="col">{t('list.priority')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {project.scheduleHistory.map((h) => (
              <Table.Tr key={h.versionId}>
                <Table.Th scope="row">{h.planTitle}</Table.Th>
                <Table.Td>{h.version}</Table.Td>
                <Table.Td>{formatDate(h.approvedOn, i18n.language)}</Table.Td>
                <Table.Td>{h.year}</Table.Td>
                <Table.Td>{t(`priority.${h.priority}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </section>
  );
}

/** The Monday of the current week, YYYY-MM-DD (local). */
function thisMonday(): string {
  const d = new Date();
  const day = (d.getDay() + 6) % 7;
  d.setDate(d.getDate() - day);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function TimeEntries({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation(['projects', 'common']);
  const entries = useTimeEntries(project.id);
  const decide = useDecideTime(project.id);
  const [rejecting, setRejecting] = useState<string | null>(null);
  const [reason, setReason] = useState('');
  const onDecide = (entry: TimeEntry, decision: 'approved' | 'rejected', comment?: string) =>
    decide.mutate(
      { entryId: entry.id, decision, comment },
      {
        onSuccess: () => {
          notifySuccess(t('time.decided'));
          setRejecting(null);
          setReason('');
        },
        onError: (e) => notifyError(t, e),
      },
    );
  return (
    <section aria-labelledby="time-title">
      <Title order={2} size="h3" id="time-title" mb="sm">
        {t('time.title')}
      </Title>
      {project.abilities.canLogTime && <RecordWeek projectId={project.id} />}
      <QueryState isPending={entries.isPending} error={entries.error} />
      {entries.data && entries.data.items.length === 0 && <Text>{t('time.empty')}</Text>}
      {entries.data && entries.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped>
            <Table.Caption>{t('time.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('time.week')}</Table.Th>
                <Table.Th scope="col">{t('time.who')}</Table.Th>
                <Table.Th scope="col">{t('project.team')}</Table.Th>
                <Table.Th scope="col">{t('time.days')}</Table.Th>
                <Table.Th scope="col">{t('time.total')}</Table.Th>
                <Table.Th scope="col">{t('time.status')}</Table.Th>
                {project.abilities.canApprove && (
                  <Table.Th scope="col">{t('common:common.actions', { defaultValue: 'Actions' })}</Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {entries.data.items.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Th scope="row">{formatDate(e.weekStart, i18n.language)}</Table.Th>
                  <Table.Td>{e.user.name}</Table.Td>
                  <Table.Td>{t(`team.${e.team}`, { defaultValue: e.team })}</Table.Td>
                  <Table.Td>{e.days.join(' · ')}</Table.Td>
                  <Table.Td>{e.totalDays}</Table.Td>
                  <Table.Td>
                    {t(`time.statuses.${e.status}`)}
                    {e.decisionComment ? ` — ${e.decisionComment}` : ''}
                  </Table.Td>
                  {project.abilities.canApprove && (
                    <Table.Td>
                      {e.status === 'submitted' &&
                        (rejecting === e.id ? (
                          <Group gap="xs" align="flex-end">
                            <TextInput
                              label={t('time.rejectReason')}
                              value={reason}
                              onChange={(ev) => setReason(ev.currentTarget.value)}
                              size="xs"
                            />
                            <Button size="xs" color="red" onClick={() => onDecide(e, 'rejected', reason)}>
                              {t('time.reject')}
                            </Button>
                          </Group>
                        ) : (
                          <Group gap="xs">
                            <Button
                              size="xs"
                              onClick={() => onDecide(e, 'approved')}
                              aria-label={`${t('time.approve')} — ${e.user.name}, ${e.weekStart}`}
                            >
                              {t('time.approve')}
                            </Button>
                            <Button
                              size="xs"
                              variant="default"
                              onClick={() => setRejecting(e.id)}
                              aria-label={`${t('time.reject')} — ${e.user.name}, ${e.weekStart}`}
                            >
                              {t('time.reject')}
                            </Button>
                          </Group>
                        ))}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}

function RecordWeek({ projectId }: { projectId: string }) {
  const { t } = useTranslation(['projects', 'common']);
  const record = useRecordTime(projectId);
  const [weekStart, setWeekStart] = useState(thisMonday());
  const [team, setTeam] = useState<(typeof teams)[number]>('applications');
  const [days, setDays] = useState<Array<number | string>>([0, 0, 0, 0, 0, 0, 0]);
  const [comment, setComment] = useState('');
  const errors = fieldErrors(record.error);
  const generic = record.error && !Object.keys(errors).length ? errorMessage(t, record.error) : null;
  return (
    <Paper withBorder p="md" mb="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate(
            { weekStart, team, days: days.map((d) => Number(d) || 0), comment: comment || null },
            {
              onSuccess: () => {
                notifySuccess(t('time.recorded'));
                setDays([0, 0, 0, 0, 0, 0, 0]);
                setComment('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('time.record')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              type="date"
              label={t('time.weekStart')}
              value={weekStart}
              onChange={(e) => setWeekStart(e.currentTarget.value)}
              error={errors.weekStart}
              required
            />
            <Select
              label={t('project.team')}
              data={teams.map((x) => ({ value: x, label: t(`team.${x}`) }))}
              value={team}
              onChange={(v) => setTeam((v as (typeof teams)[number]) ?? 'applications')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <SimpleGrid cols={{ base: 2, sm: 4, md: 7 }}>
            {days.map((d, i) => (
              <NumberInput
                key={i}
                label={t(`time.dayLabel.${i}`)}
                value={d}
                min={0}
                max={1}
                step={0.25}
                decimalScale={2}
                onChange={(v) => setDays(days.map((x, j) => (j === i ? v : x)))}
                error={errors[`days.${i}`]}
              />
            ))}
          </SimpleGrid>
          {errors.days && (
            <Text c="red" size="sm" role="alert">
              {errors.days}
            </Text>
          )}
          <TextInput label={t('time.comment')} value={comment} onChange={(e) => setComment(e.currentTarget.value)} />
          {generic && (
            <Text c="red" size="sm" role="alert">
              {generic}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('time.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
