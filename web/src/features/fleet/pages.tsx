import { useState } from 'react';
import {
  Alert,
  Badge,
  Breadcrumbs,
  Button,
  Card,
  FileInput,
  Group,
  NumberInput,
  Pagination,
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
import { ApiError, hasPermission, useMe } from '../../api/client';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { errorMessage, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDate, formatDateTime } from '../../ui/format';
import { AnchorLink } from '../../ui/links';
import { Page } from '../../ui/Page';
import { useCommune, useCommunes } from '../communes/api';
import {
  deviceKinds,
  devicesExportUrl,
  deviceStatuses,
  useDevice,
  useDevices,
  useImportDevices,
  useRenewalPlan,
  useUpdateDevice,
  type DeviceImportReport,
} from './api';
import { deviceRoute, fleetRoute } from './routes';
import { DeviceTicketsSection, PlanApproval, PolicyPanel } from './plan';
import { RenewalProgressCard } from './RenewalProgressCard';

const PAGE_SIZE = 50;
/** A reported value as text ('—' when absent or not a plain value). */
const text = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '—');
const statusColor: Record<string, string> = {
  deployed: 'green',
  in_stock: 'blue',
  in_repair: 'orange',
  retired: 'gray',
};

/** The fleet's home: a commune user's own commune, else the communes in scope. */
export function FleetIndexPage() {
  const { t } = useTranslation('fleet');
  const me = useMe();
  const communes = useCommunes();
  if (me.communeId) return <CommuneFleet communeId={me.communeId} />;
  return (
    <Page title={t('title')} description={t('pick')}>
      <QueryState isPending={communes.isPending} error={communes.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {communes.data?.items.map((c) => (
          <Card key={c.id} withBorder>
            <AnchorLink to="/parc/$communeId" params={{ communeId: c.id }} fw={600}>
              {c.name}
            </AnchorLink>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}

export function FleetPage() {
  const { communeId } = fleetRoute.useParams();
  return <CommuneFleet communeId={communeId} />;
}

function CommuneFleet({ communeId }: { communeId: string }) {
  const { t, i18n } = useTranslation(['fleet', 'common']);
  const me = useMe();
  const commune = useCommune(communeId);
  const [kind, setKind] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [q, setQ] = useState('');
  const [sort, setSort] = useState('kind');
  const [page, setPage] = useState(1);
  const devices = useDevices(communeId, {
    kind: kind ?? undefined,
    status: status ?? undefined,
    q: q.trim() || undefined,
    sort,
    limit: PAGE_SIZE,
    offset: (page - 1) * PAGE_SIZE,
  });
  if (devices.error instanceof ApiError && devices.error.status === 404) return <NotFoundPage />;
  const name = commune.data?.name ?? '';
  const canManage = hasPermission(me, 'fleet.manage');
  const sortable = (field: string, label: string) => (
    <Table.Th scope="col" aria-sort={sort === field ? 'ascending' : sort === `-${field}` ? 'descending' : 'none'}>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => {
          setSort(sort === field ? `-${field}` : field);
          setPage(1);
        }}
      >
        {label}
      </Button>
    </Table.Th>
  );
  return (
    <Stack gap="md">
      {!me.communeId && (
        <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
          <AnchorLink to="/parc">{t('title')}</AnchorLink>
          <Text aria-current="page">{name}</Text>
        </Breadcrumbs>
      )}
      <Page title={name ? t('communeTitle', { name }) : t('title')} description={t('intro')}>
        <RenewalPlanCard communeId={communeId} />
        <PolicyPanel communeId={communeId} />
        <RenewalProgressCard communeId={communeId} />
        {canManage && <ImportPanel communeId={communeId} />}
        <Paper withBorder p="md" component="section" aria-labelledby="devices-heading">
          <Stack gap="sm">
            <Title order={2} size="h3" id="devices-heading">
              {t('devices')}
              {devices.data ? ` (${devices.data.total})` : ''}
            </Title>
            <Group align="flex-end" wrap="wrap">
              <TextInput
                label={t('search')}
                description={t('searchHelp')}
                value={q}
                onChange={(e) => {
                  setQ(e.currentTarget.value);
                  setPage(1);
                }}
              />
              <Select
                label={t('kind')}
                clearable
                value={kind}
                onChange={(v) => {
                  setKind(v);
                  setPage(1);
                }}
                data={deviceKinds.map((k) => ({ value: k, label: t(`kinds.${k}`) }))}
              />
              <Select
                label={t('status')}
                clearable
                value={status}
                onChange={(v) => {
                  setStatus(v);
                  setPage(1);
                }}
                data={deviceStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
              />
              {(['csv', 'xlsx'] as const).map((format) => (
                <Button
                  key={format}
                  component="a"
                  variant="default"
                  download
                  title={t('export.help')}
                  href={devicesExportUrl(
                    communeId,
                    { kind: kind ?? undefined, status: status ?? undefined, q: q.trim() || undefined, sort },
                    format,
                    i18n.language,
                  )}
                >
                  {t(`export.${format}`)}
                </Button>
              ))}
            </Group>
            <QueryState isPending={devices.isPending} error={devices.error} />
            {devices.data && (
              <Table.ScrollContainer minWidth={900}>
                <Table striped highlightOnHover>
                  <Table.Caption className="sr-only">{t('devices')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      {sortable('name', t('name'))}
                      {sortable('kind', t('kind'))}
                      {sortable('serial', t('serial'))}
                      <Table.Th scope="col">{t('model')}</Table.Th>
                      {sortable('status', t('status'))}
                      {sortable('inServiceFrom', t('inServiceFrom'))}
                      {sortable('warrantyEnd', t('warrantyEnd'))}
                      {sortable('assignedTo', t('assignedTo'))}
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {devices.data.items.map((d) => (
                      <Table.Tr key={d.id}>
                        <Table.Td>
                          <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: d.id }}>
                            {d.name ?? d.inventoryNumber ?? d.serial ?? t('unnamed')}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{t(`kinds.${d.kind}`)}</Table.Td>
                        <Table.Td ff="monospace">{d.serial ?? '—'}</Table.Td>
                        <Table.Td>{[d.manufacturer, d.model].filter(Boolean).join(' ') || '—'}</Table.Td>
                        <Table.Td>
                          <Badge color={statusColor[d.status]} variant="light">
                            {t(`statuses.${d.status}`)}
                          </Badge>
                        </Table.Td>
                        <Table.Td>{d.inServiceFrom ? formatDate(d.inServiceFrom, 'fr') : '—'}</Table.Td>
                        <Table.Td>
                          {d.warrantyEnd ? formatDate(d.warrantyEnd, 'fr') : '—'}
                          {d.warrantyExpired && d.status !== 'retired' ? ` · ${t('expired')}` : ''}
                        </Table.Td>
                        <Table.Td>{d.assignedTo ?? '—'}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {devices.data.items.length === 0 && <Text c="dimmed">{t('none')}</Text>}
              </Table.ScrollContainer>
            )}
            {devices.data && devices.data.total > PAGE_SIZE && (
              <Pagination
                total={Math.ceil(devices.data.total / PAGE_SIZE)}
                value={page}
                onChange={setPage}
                getControlProps={(control) => ({ 'aria-label': t(`common:common.page.${control}`) })}
                getItemProps={(p) => ({ 'aria-label': t('common:common.page.number', { page: p }) })}
              />
            )}
          </Stack>
        </Paper>
      </Page>
    </Stack>
  );
}

const euros = (v: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v);

/** A number with one decimal in the interface language (16,7 in French). */
const decimal = (language: string, v: number) =>
  new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(v);

function RenewalPlanCard({ communeId }: { communeId: string }) {
  const { t, i18n } = useTranslation('fleet');
  const [year, setYear] = useState(new Date().getFullYear() + 1);
  const [budget, setBudget] = useState<number | undefined>(undefined);
  const plan = useRenewalPlan(communeId, year, budget);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="plan-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="plan-heading">
          {t('plan.title', { year })}
        </Title>
        <Group align="flex-end">
          <NumberInput
            label={t('plan.year')}
            value={year}
            min={2000}
            max={2100}
            onChange={(v) => typeof v === 'number' && setYear(v)}
          />
          <NumberInput
            label={t('plan.budget')}
            value={budget ?? ''}
            min={0}
            step={1000}
            suffix=" €"
            onChange={(v) => setBudget(typeof v === 'number' ? v : undefined)}
          />
        </Group>
        <QueryState isPending={plan.isPending} error={plan.error} />
        {plan.data && (
          <>
            <Text>
              {plan.data.required === null
                ? t('plan.noShare', { fleet: plan.data.fleet })
                : t('plan.summary', {
                    fleet: plan.data.fleet,
                    share: decimal(i18n.language, (plan.data.sharePerYear ?? 0) * 100),
                    required: plan.data.required,
                    due: plan.data.due,
                    cost: euros(plan.data.estimatedCost),
                  })}
            </Text>
            {plan.data.budget !== null && plan.data.affordable !== null && (
              <Alert color={plan.data.budgetCovers ? 'green' : 'orange'} role="status">
                {t(plan.data.budgetCovers ? 'plan.budgetCovers' : 'plan.budgetShort', {
                  affordable: plan.data.affordable,
                })}
              </Alert>
            )}
            <Table.ScrollContainer minWidth={700}>
              <Table>
                <Table.Caption className="sr-only">{t('plan.caption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('plan.rank')}</Table.Th>
                    <Table.Th scope="col">{t('name')}</Table.Th>
                    <Table.Th scope="col">{t('kind')}</Table.Th>
                    <Table.Th scope="col">{t('plan.age')}</Table.Th>
                    <Table.Th scope="col">{t('plan.reason')}</Table.Th>
                    <Table.Th scope="col">{t('plan.cost')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {plan.data.items
                    .filter((i) => i.selected)
                    .slice(0, 15)
                    .map((i) => (
                      <Table.Tr key={i.device.id}>
                        <Table.Td>{i.rank}</Table.Td>
                        <Table.Td>
                          <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: i.device.id }}>
                            {i.device.name ?? i.device.inventoryNumber ?? i.device.serial ?? t('unnamed')}
                          </AnchorLink>
                        </Table.Td>
                        <Table.Td>{t(`kinds.${i.device.kind}`)}</Table.Td>
                        <Table.Td>
                          {i.ageYears === null ? '—' : t('plan.years', { n: decimal(i18n.language, i.ageYears) })}
                        </Table.Td>
                        <Table.Td>
                          {[
                            i.due ? t('plan.due', { n: i.policyAgeYears }) : null,
                            i.outOfWarranty ? t('plan.outOfWarranty') : null,
                            i.incidents ? t('plan.incidents', { n: i.incidents }) : null,
                          ]
                            .filter(Boolean)
                            .join(' · ') || '—'}
                        </Table.Td>
                        <Table.Td>{euros(i.replacementCost)}</Table.Td>
                      </Table.Tr>
                    ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
            <PlanApproval communeId={communeId} plan={plan.data} />
          </>
        )}
      </Stack>
    </Paper>
  );
}

function ImportPanel({ communeId }: { communeId: string }) {
  const { t } = useTranslation(['fleet', 'common']);
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<DeviceImportReport | null>(null);
  const run = useImportDevices(communeId);
  const send = (dryRun: boolean) =>
    file &&
    run.mutate(
      { file, dryRun },
      {
        onSuccess: (r) => {
          if (r.dryRun) setPreview(r);
          else {
            setPreview(null);
            setFile(null);
            notifySuccess(t('import.done', { created: r.created, updated: r.updated, rejected: r.rejected }));
          }
        },
      },
    );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="import-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="import-heading">
          {t('import.title')}
        </Title>
        <Group align="flex-end">
          <FileInput
            label={t('import.file')}
            description={t('import.help')}
            accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              setFile(f);
              setPreview(null);
            }}
            clearable
            clearButtonProps={{ 'aria-label': t('import.clear') }}
          />
          <Button onClick={() => send(true)} disabled={!file} loading={run.isPending && !preview}>
            {t('import.preview')}
          </Button>
        </Group>
        {run.error && (
          <Alert color="red" role="alert">
            {errorMessage(t, run.error)}
          </Alert>
        )}
        {preview && (
          <Stack gap="xs" role="status">
            <Text>{t('import.report', preview)}</Text>
            {preview.errors.length > 0 && (
              <Table>
                <Table.Caption className="sr-only">{t('import.errors')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('import.row')}</Table.Th>
                    <Table.Th scope="col">{t('import.field')}</Table.Th>
                    <Table.Th scope="col">{t('import.reason')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {preview.errors.slice(0, 100).map((e, i) => (
                    <Table.Tr key={i}>
                      <Table.Td>{e.row}</Table.Td>
                      <Table.Td>{e.field}</Table.Td>
                      <Table.Td>{e.reason}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
            <Group>
              <Button
                color="green"
                onClick={() => send(false)}
                loading={run.isPending}
                disabled={preview.created + preview.updated === 0}
              >
                {t('import.accept')}
              </Button>
              <Button variant="default" onClick={() => setPreview(null)}>
                {t('import.cancel')}
              </Button>
            </Group>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}

/** One device: what it is, where, its dates, its history; its status changed by those who manage the fleet. */
export function DevicePage() {
  const { deviceId } = deviceRoute.useParams();
  const { t, i18n } = useTranslation(['fleet', 'common']);
  const device = useDevice(deviceId);
  const update = useUpdateDevice(deviceId);
  const [status, setStatus] = useState<string | null>(null);
  if (device.error instanceof ApiError && device.error.status === 404) return <NotFoundPage />;
  const d = device.data;
  const title = d ? (d.name ?? d.inventoryNumber ?? d.serial ?? t('unnamed')) : t('device');
  const rows: Array<[string, string | null]> = d
    ? [
        [t('kind'), t(`kinds.${d.kind}`)],
        [t('serial'), d.serial],
        [t('inventoryNumber'), d.inventoryNumber],
        [t('model'), [d.manufacturer, d.model].filter(Boolean).join(' ') || null],
        [t('entity'), d.entityName],
        [t('site'), d.site],
        [t('assignedTo'), d.assignedTo],
        [t('purchaseDate'), d.purchaseDate ? formatDate(d.purchaseDate, i18n.language) : null],
        [t('cost'), d.cost === null ? null : euros(d.cost)],
        [t('warrantyEnd'), d.warrantyEnd ? formatDate(d.warrantyEnd, i18n.language) : null],
        [t('inServiceFrom'), d.inServiceFrom ? formatDate(d.inServiceFrom, i18n.language) : null],
        [t('retiredOn'), d.retiredOn ? formatDate(d.retiredOn, i18n.language) : null],
        [t('age'), d.ageYears === null ? null : t('plan.years', { n: decimal(i18n.language, d.ageYears) })],
        [t('renewal'), d.renewal ? t('yes') : t('no')],
        [t('source'), t(`sources.${d.source}`)],
        [t('lastInventoryAt'), d.lastInventoryAt ? formatDateTime(d.lastInventoryAt, i18n.language) : null],
        [t('notes'), d.notes],
      ]
    : [];
  return (
    <Stack gap="md">
      {d && (
        <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
          <AnchorLink to="/parc/$communeId" params={{ communeId: d.communeId }}>
            {t('title')}
          </AnchorLink>
          <Text aria-current="page">{title}</Text>
        </Breadcrumbs>
      )}
      <Page title={title}>
        <QueryState isPending={device.isPending} error={device.error} />
        {d && (
          <>
            <Group>
              <Badge color={statusColor[d.status]} variant="light" size="lg">
                {t(`statuses.${d.status}`)}
              </Badge>
              {d.replacesId && (
                <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: d.replacesId }}>
                  {t('replaces')}
                </AnchorLink>
              )}
              {d.replacedBy && (
                <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: d.replacedBy }}>
                  {t('replacedBy')}
                </AnchorLink>
              )}
            </Group>
            <Paper withBorder p="md" component="section" aria-labelledby="details-heading">
              <Title order={2} size="h3" id="details-heading" mb="sm">
                {t('details')}
              </Title>
              <Table>
                <Table.Tbody>
                  {rows.map(([label, value]) => (
                    <Table.Tr key={label}>
                      <Table.Th scope="row" w="30%">
                        {label}
                      </Table.Th>
                      <Table.Td>{value ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
              {d.hardware && (
                <Text size="sm" c="dimmed" mt="sm">
                  {t('hardware', {
                    os: text(d.hardware.os),
                    cpu: text(d.hardware.cpu),
                    memory: text(d.hardware.memoryMb),
                  })}
                </Text>
              )}
            </Paper>
            {d.abilities.canEdit && (
              <Paper withBorder p="md" component="section" aria-labelledby="change-heading">
                <Title order={2} size="h3" id="change-heading" mb="sm">
                  {t('change')}
                </Title>
                <Group align="flex-end">
                  <Select
                    label={t('status')}
                    value={status ?? d.status}
                    onChange={setStatus}
                    data={deviceStatuses.map((s) => ({ value: s, label: t(`statuses.${s}`) }))}
                  />
                  <Button
                    disabled={!status || status === d.status}
                    loading={update.isPending}
                    onClick={() =>
                      status &&
                      update.mutate(
                        { status: status as (typeof deviceStatuses)[number] },
                        { onSuccess: () => notifySuccess(t('saved')) },
                      )
                    }
                  >
                    {t('save')}
                  </Button>
                </Group>
                {update.error && (
                  <Alert color="red" role="alert" mt="sm">
                    {errorMessage(t, update.error)}
                  </Alert>
                )}
              </Paper>
            )}
            <DeviceTicketsSection deviceId={d.id} />
            <Paper withBorder p="md" component="section" aria-labelledby="history-heading">
              <Title order={2} size="h3" id="history-heading" mb="sm">
                {t('history')}
              </Title>
              <Table>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('when')}</Table.Th>
                    <Table.Th scope="col">{t('who')}</Table.Th>
                    <Table.Th scope="col">{t('what')}</Table.Th>
                    <Table.Th scope="col">{t('changes')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {d.history.map((h) => (
                    <Table.Tr key={h.id}>
                      <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(h.at, i18n.language)}</Table.Td>
                      <Table.Td>{h.actorLabel}</Table.Td>
                      <Table.Td>
                        {t(`actions.${h.action}`)} ({t(`sources.${h.source}`)})
                      </Table.Td>
                      <Table.Td>
                        {Object.entries(h.changes)
                          .map(
                            ([k, [a, b]]) =>
                              `${k} : ${a === null ? '—' : String(a as string)} → ${b === null ? '—' : String(b as string)}`,
                          )
                          .join(' ; ')}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Paper>
          </>
        )}
      </Page>
    </Stack>
  );
}
