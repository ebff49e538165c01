import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError, hasPermission, useMe } from '../../api/client';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { AnchorLink } from '../../ui/links';
import { formatDate } from '../../ui/format';
import { useCommune, useCommunes } from '../communes/api';
import {
  projectsExportUrl,
  useCreateProject,
  usePlans,
  useProjects,
  useRecordPlanVersion,
  type DigitalPlan,
  type Project,
} from './api';
import { communeProjectsRoute } from './routes';
import { PhaseListPanel } from './PhaseListPanel';

const kinds = ['commune', 'collective', 'metropolitan'] as const;
const statuses = ['proposed', 'planned', 'in_progress', 'on_hold', 'delivered', 'dropped'] as const;

/** Home of the feature: a commune user's own commune, else the communes in scope. */
export function ProjectsIndexPage() {
  const { t } = useTranslation('projects');
  const me = useMe();
  const communes = useCommunes();
  if (me.communeId) return <CommuneProjects communeId={me.communeId} />;
  return (
    <Page title={t('index.title')} description={t('index.pick')}>
      <QueryState isPending={communes.isPending} error={communes.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {communes.data?.items.map((c) => (
          <Card key={c.id} withBorder>
            <AnchorLink to="/projets/commune/$communeId" params={{ communeId: c.id }} fw={600}>
              {c.name}
            </AnchorLink>
          </Card>
        ))}
      </SimpleGrid>
      {hasPermission(me, 'projects.manage') && <PhaseListPanel />}
    </Page>
  );
}

export function CommuneProjectsPage() {
  const { communeId } = communeProjectsRoute.useParams();
  return <CommuneProjects communeId={communeId} />;
}

function CommuneProjects({ communeId }: { communeId: string }) {
  const { t, i18n } = useTranslation(['projects', 'common']);
  const me = useMe();
  const commune = useCommune(communeId);
  const plans = usePlans(communeId);
  if (
    (commune.error instanceof ApiError && commune.error.status === 404) ||
    (plans.error instanceof ApiError && plans.error.status === 404)
  )
    return <NotFoundPage />;
  const canManage = hasPermission(me, 'projects.manage');
  const name = commune.data?.name ?? '';
  return (
    <Page
      title={name ? t('commune.title', { name }) : t('index.title')}
      description={t('commune.intro')}
      actions={
        <Button component="a" variant="default" href={projectsExportUrl(communeId)} download>
          {t('list.export')}
        </Button>
      }
    >
      <Stack gap="xl">
        <section aria-labelledby="plan-title">
          <Title order={2} size="h3" id="plan-title" mb="sm">
            {t('plan.title')}
          </Title>
          <QueryState isPending={plans.isPending} error={plans.error} />
          {plans.data && plans.data.items.length === 0 && <Text>{t('plan.none')}</Text>}
          <Stack gap="md">
            {plans.data?.items.map((p) => (
              <PlanView key={p.id} plan={p} language={i18n.language} />
            ))}
          </Stack>
          {canManage && plans.data && <RecordVersion communeId={communeId} plans={plans.data.items} />}
        </section>
        <ProjectList communeId={communeId} canManage={canManage} />
      </Stack>
    </Page>
  );
}

function PlanView({ plan, language }: { plan: DigitalPlan; language: string }) {
  const { t } = useTranslation('projects');
  return (
    <Paper withBorder p="md">
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{plan.title}</Text>
        <Group gap="xs">
          <Badge variant="light">{t('plan.horizon', { from: plan.startYear, to: plan.endYear })}</Badge>
          <Text size="sm" c="dimmed">
            {t('plan.lastApproved', { date: formatDate(plan.lastApprovedOn, language) })}
          </Text>
        </Group>
      </Group>
      <Table.ScrollContainer minWidth={700}>
        <Table striped>
          <Table.Caption>{t('plan.versions', { title: plan.title })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('plan.version')}</Table.Th>
              <Table.Th scope="col">{t('plan.approvedOn')}</Table.Th>
              <Table.Th scope="col">{t('plan.horizonCol')}</Table.Th>
              <Table.Th scope="col">{t('plan.approvedBy')}</Table.Th>
              <Table.Th scope="col">{t('plan.committee')}</Table.Th>
              <Table.Th scope="col">{t('plan.scheduled')}</Table.Th>
              <Table.Th scope="col">{t('plan.changes')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {plan.versions.map((v) => (
              <Table.Tr key={v.id}>
                <Table.Th scope="row">{v.version}</Table.Th>
                <Table.Td>{formatDate(v.approvedOn, language)}</Table.Td>
                <Table.Td>
                  {v.startYear} – {v.endYear}
                </Table.Td>
                <Table.Td>{v.approvedBy}</Table.Td>
                <Table.Td>{v.committee ?? '—'}</Table.Td>
                <Table.Td>{v.scheduled.length}</Table.Td>
                <Table.Td>{v.changes}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}

function RecordVersion({ communeId, plans }: { communeId: string; plans: DigitalPlan[] }) {
  const { t } = useTranslation('projects');
  const record = useRecordPlanVersion(communeId);
  const year = new Date().getFullYear();
  const [planId, setPlanId] = useState<string>(plans[0]?.id ?? 'new');
  const [title, setTitle] = useState('');
  const [startYear, setStartYear] = useState<number | string>(year + 1);
  const [endYear, setEndYear] = useState<number | string>(year + 3);
  const [approvedOn, setApprovedOn] = useState(new Date().toISOString().slice(0, 10));
  const [approvedBy, setApprovedBy] = useState('Conseil municipal');
  const [committee, setCommittee] = useState('');
  const [changes, setChanges] = useState('');
  const errors = fieldErrors(record.error);
  return (
    <Paper withBorder p="md" mt="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          record.mutate(
            {
              ...(planId === 'new' ? { title } : { planId }),
              startYear: Number(startYear),
              endYear: Number(endYear),
              approvedOn,
              approvedBy,
              committee: committee || null,
              changes,
            },
            { onSuccess: () => notifySuccess(t('plan.recorded')) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('plan.record')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('plan.recordHint')}
          </Text>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
            <Select
              label={t('plan.revise')}
              data={[
                ...plans.map((p) => ({ value: p.id, label: p.title })),
                { value: 'new', label: t('plan.newPlan') },
              ]}
              value={planId}
              onChange={(v) => setPlanId(v ?? 'new')}
              allowDeselect={false}
            />
            {planId === 'new' && (
              <TextInput
                label={t('plan.planTitle')}
                value={title}
                onChange={(e) => setTitle(e.currentTarget.value)}
                error={errors.title}
                required
              />
            )}
            <NumberInput
              label={t('plan.startYear')}
              value={startYear}
              onChange={setStartYear}
              error={errors.startYear}
            />
            <NumberInput label={t('plan.endYear')} value={endYear} onChange={setEndYear} error={errors.endYear} />
            <TextInput
              type="date"
              label={t('plan.approvedOn')}
              value={approvedOn}
              onChange={(e) => setApprovedOn(e.currentTarget.value)}
              error={errors.approvedOn}
              required
            />
            <TextInput
              label={t('plan.approvedBy')}
              value={approvedBy}
              onChange={(e) => setApprovedBy(e.currentTarget.value)}
              error={errors.approvedBy}
              required
            />
            <TextInput
              label={t('plan.committee')}
              value={committee}
              onChange={(e) => setCommittee(e.currentTarget.value)}
            />
          </SimpleGrid>
          <Textarea
            label={t('plan.changes')}
            value={changes}
            onChange={(e) => setChanges(e.currentTarget.value)}
            error={errors.changes}
            required
          />
          {record.error && !Object.keys(errors).length ? (
            <Alert color="red" role="alert">
              {record.error.message}
            </Alert>
          ) : null}
          <Group>
            <Button type="submit" loading={record.isPending}>
              {t('plan.record')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function ProjectList({ communeId, canManage }: { communeId: string; canManage: boolean }) {
  const { t, i18n } = useTranslation(['projects', 'common']);
  const [year, setYear] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const projects = useProjects(communeId, { year: year ? Number(year) : undefined, status: status ?? undefined });
  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: thisYear - 2012 }, (_, i) => String(thisYear + 2 - i));
  return (
    <section aria-labelledby="projects-title">
      <Title order={2} size="h3" id="projects-title" mb="sm">
        {t('list.title')}
      </Title>
      <Group mb="sm" align="flex-end">
        <Select
          label={t('list.year')}
          data={[{ value: '', label: t('list.all') }, ...years.map((y) => ({ value: y, label: y }))]}
          value={year ?? ''}
          onChange={(v) => setYear(v || null)}
          w={160}
        />
        <Select
          label={t('list.status')}
          data={[
            { value: '', label: t('list.allStatuses') },
            ...statuses.map((s) => ({ value: s, label: t(`status.${s}`) })),
          ]}
          value={status ?? ''}
          onChange={(v) => setStatus(v || null)}
          w={200}
        />
      </Group>
      <QueryState isPending={projects.isPending} error={projects.error} />
      {projects.data && projects.data.items.length === 0 && <Text>{t('list.empty')}</Text>}
      {projects.data && projects.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={800}>
          <Table striped highlightOnHover>
            <Table.Caption>{t('list.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('list.project')}</Table.Th>
                <Table.Th scope="col">{t('list.kind')}</Table.Th>
                <Table.Th scope="col">{t('list.year')}</Table.Th>
                <Table.Th scope="col">{t('list.priority')}</Table.Th>
                <Table.Th scope="col">{t('list.status')}</Table.Th>
                <Table.Th scope="col">{t('list.goLive')}</Table.Th>
                <Table.Th scope="col">{t('list.planned')}</Table.Th>
                <Table.Th scope="col">{t('list.actual')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {projects.data.items.map((p) => (
                <Table.Tr key={p.id}>
                  <Table.Th scope="row">
                    <AnchorLink to="/projets/$projectId" params={{ projectId: p.id }}>
                      {p.title}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{t(`kind.${p.kind}`)}</Table.Td>
                  <Table.Td>{p.plannedYear ?? '—'}</Table.Td>
                  <Table.Td>{t(`priority.${p.priority}`)}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      <Badge
                        variant="light"
                        color={p.status === 'dropped' ? 'gray' : p.status === 'delivered' ? 'green' : 'blue'}
                      >
                        {t(`status.${p.status}`)}
                      </Badge>
                      {p.late && (
                        <Badge variant="light" color="orange">
                          {t('list.late')}
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    {p.goLiveOn
                      ? formatDate(p.goLiveOn, i18n.language)
                      : p.plannedGoLive
                        ? `(${formatDate(p.plannedGoLive, i18n.language)})`
                        : '—'}
                  </Table.Td>
                  <Table.Td>{p.plannedDays}</Table.Td>
                  <Table.Td>{p.actualDays}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {projects.data && year && projects.data.items.length > 0 && (
        <Timeline year={Number(year)} projects={projects.data.items} />
      )}
      {!year && (
        <Text size="sm" c="dimmed" mt="sm">
          {t('timeline.pickYear')}
        </Text>
      )}
      {canManage && <CreateProject communeId={communeId} />}
    </section>
  );
}

/**
 * The portfolio as a Gantt-like grid, in its accessible form: a table of projects × months whose
 * cells say in words whether work is planned that month and when the project went (or goes) live.
 */
function Timeline({ year, projects }: { year: number; projects: Project[] }) {
  const { t } = useTranslation('projects');
  const months = t('timeline.months', { returnObjects: true }) as string[];
  const cell = (p: Project, m: number) => {
    const ym = `${year}-${String(m + 1).padStart(2, '0')}`;
    const start = p.plannedStart?.slice(0, 7) ?? null;
    const end = p.plannedGoLive?.slice(0, 7) ?? null;
    if (p.goLiveOn?.slice(0, 7) === ym) return { text: t('timeline.live'), color: 'var(--mantine-color-green-2)' };
    if (!p.goLiveOn && end === ym) return { text: t('timeline.plannedLive'), color: 'var(--mantine-color-blue-2)' };
    if (start && end && start <= ym && ym <= end)
      return { text: t('timeline.planned'), color: 'var(--mantine-color-blue-0)' };
    return { text: '', color: undefined };
  };
  return (
    <section aria-labelledby="timeline-title">
      <Title order={3} size="h4" id="timeline-title" mt="lg" mb="sm">
        {t('timeline.title', { year })}
      </Title>
      <Table.ScrollContainer minWidth={1000}>
        <Table withColumnBorders>
          <Table.Caption>{t('timeline.caption', { year })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('list.project')}</Table.Th>
              {months.map((m) => (
                <Table.Th scope="col" key={m}>
                  {m}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {projects.map((p) => (
              <Table.Tr key={p.id}>
                <Table.Th scope="row">{p.title}</Table.Th>
                {months.map((m, i) => {
                  const c = cell(p, i);
                  return (
                    <Table.Td key={m} style={{ background: c.color }}>
                      <Text size="xs">{c.text}</Text>
                    </Table.Td>
                  );
                })}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </section>
  );
}

function CreateProject({ communeId }: { communeId: string }) {
  const { t } = useTranslation('projects');
  const create = useCreateProject(communeId);
  const [title, setTitle] = useState('');
  const [kind, setKind] = useState<(typeof kinds)[number]>('commune');
  const [plannedYear, setPlannedYear] = useState<number | string>(new Date().getFullYear() + 1);
  const [priority, setPriority] = useState('2');
  const errors = fieldErrors(create.error);
  return (
    <Paper withBorder p="md" mt="md">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { title, kind, plannedYear: Number(plannedYear), priority: Number(priority) },
            {
              onSuccess: () => {
                notifySuccess(t('list.created'));
                setTitle('');
              },
            },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={3} size="h4">
            {t('list.create')}
          </Title>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <TextInput
              label={t('list.project')}
              value={title}
              onChange={(e) => setTitle(e.currentTarget.value)}
              error={errors.title}
              required
            />
            <Select
              label={t('list.kind')}
              data={kinds.map((k) => ({ value: k, label: t(`kind.${k}`) }))}
              value={kind}
              onChange={(v) => setKind((v as (typeof kinds)[number]) ?? 'commune')}
              allowDeselect={false}
            />
            <NumberInput
              label={t('list.year')}
              value={plannedYear}
              onChange={setPlannedYear}
              error={errors.plannedYear}
            />
            <Select
              label={t('list.priority')}
              data={['1', '2', '3'].map((p) => ({ value: p, label: t(`priority.${p}`) }))}
              value={priority}
              onChange={(v) => setPriority(v ?? '2')}
              allowDeselect={false}
            />
          </SimpleGrid>
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('list.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
