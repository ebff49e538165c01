import { useState } from 'react';
import {
  Badge,
  Breadcrumbs,
  Button,
  Card,
  Group,
  NativeSelect,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Timeline,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { ApiError, hasPermission, useMe } from '../../api/client';
import { NotFoundPage } from '../../routes/NotFoundPage';
import { QueryState } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { AnchorLink } from '../../ui/links';
import { formatDate, formatDateTime } from '../../ui/format';
import { useCommune, useCommunes } from '../communes/api';
import {
  useApplication,
  useApplicationHistory,
  useApplications,
  useAvailability,
  useOutages,
  useTicketBrief,
  type Application,
  type Outage,
} from './api';
import { applicationRoute, outagesRoute, portfolioRoute } from './routes';
import { BaselinePanel } from './admin';
import { OutageForm } from './OutageForm';

const criticalityColor = { critical: 'red', important: 'orange', standard: 'gray' } as const;

function CriticalityBadge({ value }: { value: Application['criticality'] }) {
  const { t } = useTranslation('applications');
  return (
    <Badge color={criticalityColor[value]} variant="light">
      {t(`criticality.${value}`)}
    </Badge>
  );
}

/** The years offered for a period: this year and the two before. */
function years(): string[] {
  const y = new Date().getFullYear();
  return [String(y), String(y - 1), String(y - 2)];
}

const hours = (h: number | null, language: string) =>
  h === null
    ? '—'
    : `${new Intl.NumberFormat(language === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(h)} h`;

/** The portfolio's home: a commune user's own commune, else the communes in scope. */
export function PortfolioIndexPage() {
  const { t } = useTranslation('applications');
  const me = useMe();
  const communes = useCommunes();
  if (me.communeId) return <Portfolio communeId={me.communeId} />;
  return (
    <Page title={t('title')} description={t('pick')}>
      <QueryState isPending={communes.isPending} error={communes.error} />
      <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
        {communes.data?.items.map((c) => (
          <Card key={c.id} withBorder>
            <AnchorLink to="/parc-applicatif/$communeId" params={{ communeId: c.id }} fw={600}>
              {c.name}
            </AnchorLink>
          </Card>
        ))}
      </SimpleGrid>
    </Page>
  );
}

export function PortfolioPage() {
  const { communeId } = portfolioRoute.useParams();
  return <Portfolio communeId={communeId} />;
}

function Portfolio({ communeId }: { communeId: string }) {
  const { t } = useTranslation(['applications', 'common']);
  const me = useMe();
  const commune = useCommune(communeId);
  const [q, setQ] = useState('');
  const [criticality, setCriticality] = useState('');
  const list = useApplications(communeId, { q: q.trim() || undefined, criticality: criticality || undefined });
  if (
    (commune.error instanceof ApiError && commune.error.status === 404) ||
    (list.error instanceof ApiError && list.error.status === 404)
  )
    return <NotFoundPage />;
  const name = commune.data?.name ?? '';
  return (
    <Stack gap="md">
      {!me.communeId && (
        <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
          <AnchorLink to="/parc-applicatif">{t('title')}</AnchorLink>
          <Text aria-current="page">{name}</Text>
        </Breadcrumbs>
      )}
      <Page
        title={name ? t('communeTitle', { name }) : t('title')}
        description={t('intro')}
        actions={
          <Group gap="md">
            <AnchorLink to="/parc-applicatif/$communeId/pannes" params={{ communeId }}>
              {t('outages.link')}
            </AnchorLink>
            <AnchorLink to="/parc-applicatif/$communeId/regles-alertes" params={{ communeId }}>
              {t('rules.link')}
            </AnchorLink>
          </Group>
        }
      >
        <Group align="end">
          <TextInput label={t('filter.q')} value={q} onChange={(e) => setQ(e.currentTarget.value)} w={280} />
          <NativeSelect
            label={t('filter.criticality')}
            value={criticality}
            onChange={(e) => setCriticality(e.currentTarget.value)}
            data={[
              { value: '', label: t('filter.all') },
              ...(['critical', 'important', 'standard'] as const).map((c) => ({
                value: c,
                label: t(`criticality.${c}`),
              })),
            ]}
          />
        </Group>
        <QueryState isPending={list.isPending} error={list.error} />
        {list.data && (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('count', { count: list.data.total })}
            </Text>
            <Table.ScrollContainer minWidth={900}>
              <Table striped highlightOnHover>
                <Table.Caption>{t('tableCaption')}</Table.Caption>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th scope="col">{t('field.name')}</Table.Th>
                    <Table.Th scope="col">{t('field.domain')}</Table.Th>
                    <Table.Th scope="col">{t('field.product')}</Table.Th>
                    <Table.Th scope="col">{t('field.hosting')}</Table.Th>
                    <Table.Th scope="col">{t('field.criticality')}</Table.Th>
                    <Table.Th scope="col">{t('field.status')}</Table.Th>
                    <Table.Th scope="col">{t('field.inBaseline')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {list.data.items.map((a) => (
                    <Table.Tr key={a.id}>
                      <Table.Th scope="row" fw={500}>
                        <AnchorLink to="/applications/$applicationId" params={{ applicationId: a.id }}>
                          {a.name}
                        </AnchorLink>
                      </Table.Th>
                      <Table.Td>{t(`domain.${a.domain}`)}</Table.Td>
                      <Table.Td>
                        {[a.vendor, a.product].filter(Boolean).join(' — ')}
                        {a.version ? ` (${a.version})` : ''}
                      </Table.Td>
                      <Table.Td>{t(`hosting.${a.hosting}`)}</Table.Td>
                      <Table.Td>
                        <CriticalityBadge value={a.criticality} />
                      </Table.Td>
                      <Table.Td>{t(`status.${a.status}`)}</Table.Td>
                      <Table.Td>{a.inBaseline ? t('yes') : t('no')}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </>
        )}
        <BaselinePanel communeId={communeId} />
      </Page>
    </Stack>
  );
}

/** A stored value as text: strings and numbers as they are, anything else as JSON, null as a dash. */
function show(v: unknown): string {
  if (v === null || v === undefined) return '—';
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : JSON.stringify(v);
}

/** Fields whose values are codes, and the catalogue key of their labels. */
const coded: Record<string, string> = {
  domain: 'domain',
  hosting: 'hosting',
  criticality: 'criticality',
  outageCalendar: 'calendar',
  status: 'status',
};

function changeText(t: TFunction, changes: Record<string, [unknown, unknown]>): string {
  const value = (k: string, v: unknown) =>
    coded[k] && typeof v === 'string' ? t(`applications:${coded[k]}.${v}`, { defaultValue: v }) : show(v);
  return Object.entries(changes)
    .map(
      ([k, [before, after]]) =>
        `${t(`applications:field.${k}`, { defaultValue: k })} : ${value(k, before)} → ${value(k, after)}`,
    )
    .join(' ; ');
}

export function ApplicationPage() {
  const { applicationId } = applicationRoute.useParams();
  const { t, i18n } = useTranslation(['applications', 'common']);
  const app = useApplication(applicationId);
  const [period, setPeriod] = useState(years()[0]!);
  const availability = useAvailability(applicationId, period);
  const outages = useOutages(app.data?.communeId ?? '', period, applicationId);
  const history = useApplicationHistory(applicationId);
  if (app.error instanceof ApiError && app.error.status === 404) return <NotFoundPage />;
  const a = app.data;
  const lang = i18n.language;
  const rows: Array<[string, string]> = a
    ? [
        [t('field.domain'), t(`domain.${a.domain}`)],
        [t('field.vendor'), a.vendor ?? '—'],
        [t('field.product'), [a.product, a.version].filter(Boolean).join(' ') || '—'],
        [t('field.hosting'), t(`hosting.${a.hosting}`)],
        [t('field.criticality'), t(`criticality.${a.criticality}`)],
        [t('field.outageCalendar'), t(`calendar.${a.outageCalendar}`)],
        [t('field.status'), t(`status.${a.status}`)],
        [t('field.communeOwner'), a.communeOwner ?? '—'],
        [t('field.providerOwner'), a.providerOwner ?? '—'],
        [t('field.maintenanceEndsOn'), a.maintenanceEndsOn ? formatDate(a.maintenanceEndsOn, lang) : '—'],
        [t('field.inServiceSince'), a.inServiceSince ? formatDate(a.inServiceSince, lang) : '—'],
        [t('field.retiredOn'), a.retiredOn ? formatDate(a.retiredOn, lang) : '—'],
        [t('field.inBaseline'), a.inBaseline ? t('yes') : t('no')],
      ]
    : [];
  return (
    <Stack gap="md">
      {a && (
        <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
          <AnchorLink to="/parc-applicatif/$communeId" params={{ communeId: a.communeId }}>
            {t('title')}
          </AnchorLink>
          <Text aria-current="page">{a.name}</Text>
        </Breadcrumbs>
      )}
      <Page title={a?.name ?? t('title')} description={a?.reconstructed ? t('reconstructed') : undefined}>
        <QueryState isPending={app.isPending} error={app.error} />
        {a && (
          <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
            <Card withBorder>
              <Title order={2} size="h4" mb="sm">
                {t('details')}
              </Title>
              <Table>
                <Table.Tbody>
                  {rows.map(([k, v]) => (
                    <Table.Tr key={k}>
                      <Table.Th scope="row" w="45%">
                        {k}
                      </Table.Th>
                      <Table.Td>{v}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Card>
            <Card withBorder>
              <Group justify="space-between" mb="sm">
                <Title order={2} size="h4">
                  {t('availability.title')}
                </Title>
                <NativeSelect
                  label={t('period')}
                  value={period}
                  onChange={(e) => setPeriod(e.currentTarget.value)}
                  data={years()}
                />
              </Group>
              <QueryState isPending={availability.isPending} error={availability.error} />
              {availability.data && (
                <Stack gap={4}>
                  <Text size="xl" fw={700}>
                    {availability.data.availability === null
                      ? '—'
                      : `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 3 }).format(availability.data.availability * 100)} %`}
                  </Text>
                  <Text size="sm">
                    {t('availability.detail', {
                      down: hours(availability.data.downtimeHours, lang),
                      window: hours(availability.data.windowHours, lang),
                      count: availability.data.outages,
                      clock: t(`calendar.${availability.data.outageCalendar}`),
                    })}
                  </Text>
                </Stack>
              )}
            </Card>
          </SimpleGrid>
        )}
        {a && (
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('outages.ofApplication', { period })}
            </Title>
            <QueryState isPending={outages.isPending} error={outages.error} />
            {outages.data && <OutageTimeline items={outages.data.items} showApplication={false} />}
          </Stack>
        )}
        {history.data && (
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('history')}
            </Title>
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('historyAt')}</Table.Th>
                  <Table.Th scope="col">{t('historyBy')}</Table.Th>
                  <Table.Th scope="col">{t('historyChanges')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.data.items.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>{formatDateTime(h.at, lang)}</Table.Td>
                    <Table.Td>{h.actor === 'system' ? t('system') : h.actor}</Table.Td>
                    <Table.Td>
                      {t(`historyKind.${h.kind}`)} — {changeText(t, h.changes)}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        )}
      </Page>
    </Stack>
  );
}

/** Outages as a timeline, latest first: start, first intervention and restoration with their delays. */
function OutageTimeline({ items, showApplication }: { items: Outage[]; showApplication: boolean }) {
  const { t, i18n } = useTranslation('applications');
  const lang = i18n.language;
  if (items.length === 0) return <Text c="dimmed">{t('outages.none')}</Text>;
  return (
    <Timeline bulletSize={14} lineWidth={2} aria-label={t('outages.timeline')}>
      {items.map((o) => (
        <Timeline.Item
          key={o.id}
          color={o.restoredAt ? 'teal' : 'red'}
          title={
            <Group gap="xs">
              <Text fw={600} component="span">
                {formatDateTime(o.startedAt, lang)}
              </Text>
              {showApplication && (
                <AnchorLink to="/applications/$applicationId" params={{ applicationId: o.applicationId }}>
                  {o.applicationName}
                </AnchorLink>
              )}
              {showApplication && <CriticalityBadge value={o.criticality} />}
              {!o.restoredAt && (
                <Badge color="red" variant="filled">
                  {t('outages.ongoing')}
                </Badge>
              )}
            </Group>
          }
        >
          <Text size="sm">
            {t('outages.intervention')} :{' '}
            {o.intervenedAt ? `${formatDateTime(o.intervenedAt, lang)} (${hours(o.interventionHours, lang)})` : '—'} ·{' '}
            {t('outages.restoration')} :{' '}
            {o.restoredAt ? `${formatDateTime(o.restoredAt, lang)} (${hours(o.restorationHours, lang)})` : '—'} ·{' '}
            {t(`calendar.${o.outageCalendar}`)}
          </Text>
          <Text size="sm" c="dimmed">
            {[o.cause, o.summary].filter(Boolean).join(' — ')}
            {o.ticketId && o.ticketReference && (
              <>
                {' · '}
                <AnchorLink to="/demandes/$ticketId" params={{ ticketId: o.ticketId }} underline="always">
                  {o.ticketReference}
                </AnchorLink>
              </>
            )}
            {' · '}
            {t(`source.${o.source}`)}
          </Text>
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

export function OutagesPage() {
  const { communeId } = outagesRoute.useParams();
  const search = outagesRoute.useSearch();
  const navigate = outagesRoute.useNavigate();
  const { t } = useTranslation(['applications', 'common']);
  const commune = useCommune(communeId);
  const period = search.periode ?? years()[0]!;
  const criticality = search.criticite ?? '';
  const outages = useOutages(communeId, period, undefined, criticality || undefined);
  const periods = years().includes(period) ? years() : [period, ...years()];
  const me = useMe();
  const canRecord = hasPermission(me, 'applications.manage');
  const [recording, setRecording] = useState(false);
  const fromTicket = useTicketBrief(search.ticket);
  const setSearch = (next: { periode?: string; criticite?: string; ticket?: string }) =>
    void navigate({
      search: (prev) => {
        const merged = { ...prev, ...next };
        return {
          ...(merged.periode ? { periode: merged.periode } : {}),
          ...(merged.criticite ? { criticite: merged.criticite as 'critical' } : {}),
          ...(merged.ticket ? { ticket: merged.ticket } : {}),
        };
      },
      replace: true,
    });
  if (
    (commune.error instanceof ApiError && commune.error.status === 404) ||
    (outages.error instanceof ApiError && outages.error.status === 404)
  )
    return <NotFoundPage />;
  const name = commune.data?.name ?? '';
  return (
    <Stack gap="md">
      <Breadcrumbs aria-label={t('common:common.breadcrumb')}>
        <AnchorLink to="/parc-applicatif/$communeId" params={{ communeId }}>
          {name ? t('communeTitle', { name }) : t('title')}
        </AnchorLink>
        <Text aria-current="page">{t('outages.title')}</Text>
      </Breadcrumbs>
      <Page
        title={t('outages.communeTitle', { name })}
        description={t('outages.intro')}
        actions={canRecord ? <Button onClick={() => setRecording(true)}>{t('outageForm.open')}</Button> : undefined}
      >
        {canRecord && (recording || (search.ticket && fromTicket.data)) && (
          <OutageForm
            communeId={communeId}
            ticket={search.ticket ? fromTicket.data : undefined}
            onClose={() => {
              setRecording(false);
              if (search.ticket) setSearch({ ticket: '' });
            }}
            // Show the period the outage started in (an incident of last year → last year).
            onSaved={(o) => {
              setRecording(false);
              setSearch({ ticket: '', periode: String(new Date(o.startedAt).getFullYear()) });
            }}
          />
        )}
        <Group align="end">
          <NativeSelect
            label={t('period')}
            value={period}
            onChange={(e) => setSearch({ periode: e.currentTarget.value })}
            data={periods}
            w={160}
          />
          <NativeSelect
            label={t('filter.criticality')}
            value={criticality}
            onChange={(e) => setSearch({ criticite: e.currentTarget.value })}
            data={[
              { value: '', label: t('filter.all') },
              ...(['critical', 'important', 'standard'] as const).map((c) => ({
                value: c,
                label: t(`criticality.${c}`),
              })),
            ]}
          />
        </Group>
        <QueryState isPending={outages.isPending} error={outages.error} />
        {outages.data && (
          <>
            <Text size="sm" c="dimmed" aria-live="polite">
              {t('outages.count', { count: outages.data.total })}
            </Text>
            <OutageTimeline items={outages.data.items} showApplication />
          </>
        )}
      </Page>
    </Stack>
  );
}
