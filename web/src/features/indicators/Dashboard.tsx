import { useState } from 'react';
import {
  Anchor,
  Button,
  Card,
  FileInput,
  Group,
  Modal,
  Pagination,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { QueryState, errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { exportUrl, useCommuneIndicators, useFreeze, useIndicatorTickets, useSaveManual, type Indicator } from './api';
import { PeriodSelect, StatusBadge, TrendChart } from './components';
import { BaselineTable, CommitmentsSummary, TargetOriginBadge } from './TargetOrigin';
import { reportingPeriodFor } from './periods';
import { ButtonLink } from '../../ui/links';
import { AvailabilitySummary } from '../applications/AvailabilitySummary';

const drillable = new Set(['3.3.1', '3.3.2', '3.2.1', 'SD.volume', 'SD.fcr', 'SD.satisfaction']);
/** Indicators measured on outages of critical applications: drill-down to those outages. */
const outageDrill = new Set(['4.1.1', '4.1.2']);

/** A commune's dashboard: each commitment with its indicators, trend, drill-down, exports. */
export function Dashboard({
  communeId,
  period,
  onPeriod,
}: {
  communeId: string;
  period: string;
  onPeriod: (p: string) => void;
}) {
  const { t } = useTranslation(['indicators', 'common']);
  const me = useMe();
  const q = useCommuneIndicators(communeId, period);
  const freeze = useFreeze(communeId, period);
  const [drill, setDrill] = useState<Indicator | null>(null);
  const [manual, setManual] = useState<Indicator | null>(null);
  const manage = hasPermission(me, 'indicators.manage');
  const groups = new Map<string, Indicator[]>();
  for (const i of q.data?.items ?? []) {
    const key = i.commitmentCode ?? 'SD';
    groups.set(key, [...(groups.get(key) ?? []), i]);
  }
  return (
    <Stack gap="lg">
      <Group align="flex-end" gap="sm" wrap="wrap">
        <PeriodSelect value={period} onChange={onPeriod} />
        <Button component="a" variant="default" href={exportUrl(communeId, period, 'xlsx')} download>
          {t('exportXlsx')}
        </Button>
        <Button component="a" variant="default" href={exportUrl(communeId, period, 'pdf')} download>
          {t('exportPdf')}
        </Button>
        {manage && (
          <Button
            onClick={() => freeze.mutate(undefined, { onSuccess: () => notifySuccess(t('frozenDone')) })}
            loading={freeze.isPending}
          >
            {t('freeze')}
          </Button>
        )}
      </Group>
      {freeze.error && (
        <Text c="red.8" role="alert">
          {errorMessage(t, freeze.error)}
        </Text>
      )}
      {!q.data && <QueryState isPending={q.isPending} error={q.error} />}
      <CommitmentsSummary communeId={communeId} period={period} />
      {hasPermission(me, 'applications.read') && <AvailabilitySummary communeId={communeId} period={period} />}
      {[...groups.entries()].map(([key, list]) => (
        <Card key={key} withBorder padding="md" component="section" aria-labelledby={`commitment-${key}`}>
          <Title order={2} size="h4" id={`commitment-${key}`} mb="sm">
            {key === 'SD' ? t('serviceDesk') : `${t('commitment')} ${key} — ${list[0]!.commitmentText ?? ''}`}
          </Title>
          <Stack gap="md">
            {list.map((i) => (
              <IndicatorRow
                key={i.code}
                communeId={communeId}
                agree={hasPermission(me, 'contracts.agree_targets')}
                indicator={i}
                period={period}
                onPeriod={onPeriod}
                onDrill={drillable.has(i.code) ? () => setDrill(i) : undefined}
                onManual={manage && i.source === 'manual' && !i.frozen ? () => setManual(i) : undefined}
              />
            ))}
          </Stack>
        </Card>
      ))}
      <DrillDown communeId={communeId} period={period} indicator={drill} onClose={() => setDrill(null)} />
      {manual && (
        <ManualForm communeId={communeId} period={period} indicator={manual} onClose={() => setManual(null)} />
      )}
    </Stack>
  );
}

function IndicatorRow({
  communeId,
  agree,
  indicator: i,
  period,
  onPeriod,
  onDrill,
  onManual,
}: {
  communeId: string;
  agree: boolean;
  indicator: Indicator;
  period: string;
  onPeriod: (p: string) => void;
  onDrill?: () => void;
  onManual?: () => void;
}) {
  const { t, i18n } = useTranslation(['indicators', 'common']);
  const change =
    i.volumeChange === null ? null : `${i.volumeChange >= 0 ? '+' : ''}${Math.round(i.volumeChange * 100)} %`;
  return (
    <Group
      align="flex-start"
      justify="space-between"
      wrap="wrap"
      gap="md"
      style={{ borderTop: '1px solid #dee2e6', paddingTop: 8 }}
    >
      <Stack gap={4} style={{ flex: '1 1 320px' }}>
        <Title order={3} size="h6">
          {i.code} — {i.title}
        </Title>
        <Group gap="xs">
          <StatusBadge status={i.status} />
          <Text fw={700}>{i.display}</Text>
          {i.target && (
            <Text size="sm">
              {t('target')} : {i.target}
            </Text>
          )}
        </Group>
        <TargetOriginBadge indicator={i} />
        {i.reporting &&
          (() => {
            const own = reportingPeriodFor(period, i.reporting.periods, i.reporting.default);
            return own ? (
              <Text size="sm">
                {t('reportedOn', { kind: t(`reportingKind.${i.reporting.default}`) })}{' '}
                <Button variant="subtle" size="compact-sm" onClick={() => onPeriod(own)}>
                  {t('seePeriod', { period: own })}
                </Button>
              </Text>
            ) : null;
          })()}
        {i.baseline && <BaselineTable baseline={i.baseline} />}
        {i.volume !== null && (
          <Text size="sm">
            {t('volume')} : {i.volume}
            {i.baselineVolume !== null && ` — ${t('baseline')} : ${i.baselineVolume}${change ? ` (${change})` : ''}`}
          </Text>
        )}
        <Details indicator={i} />
        {i.pieces.length > 1 && (
          <Text size="sm">
            {t('pieces', { count: i.pieces.length })}{' '}
            {i.pieces.map((p) => `${p.from} → ${p.to} (v${p.version ?? '—'})`).join(' ; ')}
          </Text>
        )}
        {i.frozen && (
          <Text size="sm">
            {t('frozenBy', { who: i.frozenBy, when: i.frozenAt ? formatDateTime(i.frozenAt, i18n.language) : '' })}
            {i.difference ? ` — ${t('liveNow', { value: i.live?.display })}` : ''}
          </Text>
        )}
        {i.manual && (
          <Text size="sm">
            {t('manualBy', { who: i.manual.enteredBy, when: formatDateTime(i.manual.enteredAt, i18n.language) })} —{' '}
            {i.manual.comment}
            {i.manual.evidence.map((e) => (
              <Anchor key={e.id} ml="xs" href={`/api/v1/indicator-evidence/${e.id}`}>
                {e.filename}
              </Anchor>
            ))}
          </Text>
        )}
        <Group gap="xs">
          {onDrill && (
            <Button size="xs" variant="light" onClick={onDrill}>
              {t('tickets')}
            </Button>
          )}
          {outageDrill.has(i.code) && (
            <ButtonLink
              size="xs"
              variant="light"
              to="/parc-applicatif/$communeId/pannes"
              params={{ communeId }}
              search={{ periode: period, criticite: 'critical' }}
            >
              {t('outages')}
            </ButtonLink>
          )}
          {onManual && (
            <Button size="xs" variant="light" onClick={onManual}>
              {t('enterValue')}
            </Button>
          )}
          {(i.targetOrigin === 'to_be_agreed' || i.targetOrigin === 'agreed') && (
            <ButtonLink
              size="xs"
              variant="light"
              to="/indicateurs/$communeId/cibles"
              params={{ communeId }}
              search={{ code: i.code }}
            >
              {t(agree && i.targetOrigin === 'to_be_agreed' ? 'targets:agreeAction' : 'targets:proposalsAction')}
            </ButtonLink>
          )}
        </Group>
      </Stack>
      <TrendChart indicator={i} />
    </Group>
  );
}

/** A number with one decimal in the interface language's way (3,5 in French). */
const decimal = (v: number, lang: string) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  }).format(v);
const pct = (v: unknown, lang: string) =>
  typeof v === 'number'
    ? `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(v * 100)} %`
    : '—';
const hrs = (v: unknown, lang: string) =>
  typeof v === 'number'
    ? `${new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 }).format(v)} h`
    : '—';

/** The explanation of a computed figure: percentiles, per-priority shares, backlog, hours. */
function Details({ indicator: i }: { indicator: Indicator }) {
  const { t, i18n } = useTranslation('indicators');
  const d = i.details;
  const lang = i18n.language;
  const parts: string[] = [];
  if ('medianHours' in d)
    parts.push(t('details.percentiles', { median: hrs(d.medianHours, lang), p90: hrs(d.p90Hours, lang) }));
  if (Array.isArray(d.byPriority)) {
    parts.push(
      (d.byPriority as Array<{ priority: string; value: number | null; volume: number }>)
        .filter((p) => p.volume > 0)
        .map((p) => `${p.priority} ${pct(p.value, lang)} (${p.volume})`)
        .join(' · '),
    );
  }
  if ('backlogAtEnd' in d)
    parts.push(t('details.backlog', { backlog: d.backlogAtEnd, reopen: pct(d.reopenRate, lang) }));
  if ('outsideHoursShare' in d)
    parts.push(
      t('details.hours', { promised: hrs(d.promisedHoursPerWeek, lang), outside: pct(d.outsideHoursShare, lang) }),
    );
  if (parts.length === 0) return null;
  return <Text size="sm">{parts.join(' — ')}</Text>;
}

function DrillDown({
  communeId,
  period,
  indicator,
  onClose,
}: {
  communeId: string;
  period: string;
  indicator: Indicator | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation(['indicators', 'common']);
  const [page, setPage] = useState(1);
  const q = useIndicatorTickets(communeId, indicator?.code ?? null, period, (page - 1) * 20);
  return (
    <Modal
      opened={indicator !== null}
      onClose={() => {
        setPage(1);
        onClose();
      }}
      title={indicator ? `${indicator.code} — ${t('tickets')}` : ''}
      size="xl"
    >
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} />
      ) : (
        <Stack>
          <Text size="sm">{t('ticketCount', { count: q.data.total })}</Text>
          <Table.ScrollContainer minWidth={600}>
            <Table striped>
              <Table.Thead>
                <Table.Tr>
                  {['reference', 'title', 'priority', 'created', 'ackHours', 'resolveHours', 'late'].map((k) => (
                    <Table.Th key={k} scope="col">
                      {t(`col.${k}`)}
                    </Table.Th>
                  ))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {q.data.items.map((x) => (
                  <Table.Tr key={x.id}>
                    <Table.Td>{x.reference}</Table.Td>
                    <Table.Td>{x.title}</Table.Td>
                    <Table.Td>{x.priority}</Table.Td>
                    <Table.Td>{formatDateTime(x.createdAt, i18n.language)}</Table.Td>
                    <Table.Td>
                      {x.ackBusinessSeconds === null ? '—' : decimal(x.ackBusinessSeconds / 3600, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      {x.resolveBusinessSeconds === null
                        ? '—'
                        : decimal(x.resolveBusinessSeconds / 3600, i18n.language)}
                    </Table.Td>
                    <Table.Td>
                      {(indicator?.code === '3.3.1' ? x.ackBreached : x.resolveBreached) ? t('yes') : t('no')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {q.data.total > 20 && (
            <Pagination
              total={Math.ceil(q.data.total / 20)}
              value={page}
              onChange={setPage}
              aria-label={t('pages')}
              getControlProps={(control) => ({ 'aria-label': t(`pager.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('pager.page', { page: p }) })}
            />
          )}
        </Stack>
      )}
    </Modal>
  );
}

function ManualForm({
  communeId,
  period,
  indicator,
  onClose,
}: {
  communeId: string;
  period: string;
  indicator: Indicator;
  onClose: () => void;
}) {
  const { t } = useTranslation(['indicators', 'common']);
  const save = useSaveManual(communeId, period);
  const [value, setValue] = useState(indicator.valueText ?? (indicator.value === null ? '' : String(indicator.value)));
  // No status preset: the server judges a value against a computable rule itself and refuses one
  // given for it; the contract manager assesses only an indicator without such a rule.
  const [status, setStatus] = useState<string | null>(null);
  const [comment, setComment] = useState(indicator.manual?.comment ?? '');
  const [file, setFile] = useState<File | null>(null);
  const errors = fieldErrors(save.error);
  const submit = () => {
    const num = Number(value.replace(',', '.'));
    save.mutate(
      {
        code: indicator.code,
        input: {
          value: value.trim() !== '' && Number.isFinite(num) ? num : value,
          status: (status ?? undefined) as 'met' | undefined,
          comment,
        },
        file,
      },
      {
        onSuccess: () => {
          notifySuccess(t('saved'));
          onClose();
        },
      },
    );
  };
  return (
    <Modal opened onClose={onClose} title={`${indicator.code} — ${t('enterValue')}`}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <TextInput
            label={t('value')}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            required
            error={errors.value}
          />
          <Select
            label={t('statusLabel')}
            value={status}
            onChange={setStatus}
            clearable
            error={errors.status}
            data={(['met', 'at_risk', 'missed', 'no_data'] as const).map((s) => ({
              value: s,
              label: t(`status.${s}`),
            }))}
          />
          <Textarea
            label={t('comment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            error={errors.comment}
          />
          <FileInput
            label={t('evidence')}
            value={file}
            onChange={setFile}
            clearable
            error={errors.file}
            accept=".pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.odt,.ods,.csv,.txt"
          />
          {save.error && !Object.keys(errors).length && (
            <Text c="red.8" role="alert">
              {errorMessage(t, save.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
