import { Badge, Card, Group, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { QueryState } from '../../ui/feedback';
import { formatDay } from '../contracts/format';
import type { Indicator } from './api';
import { useCommitments, type AgreedTarget, type Baseline, type TargetApproval } from './targets-api';

/** "PT34H" → "34 h", "PT1H30M" → "1 h 30", "P2D" → "2 j" (business time); anything else as written. */
export function formatDelay(iso: string | undefined, lang: string): string {
  if (!iso) return '—';
  const m = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(iso);
  if (!m) return iso;
  const [, d, h, min] = m;
  const parts: string[] = [];
  if (d) parts.push(`${d} ${lang === 'en' ? 'd' : 'j'}`);
  if (h) parts.push(`${h} h`);
  if (min) parts.push(h ? min.padStart(2, '0') : `${min} min`);
  return parts.join(' ') || iso;
}

const nf = (lang: string, digits = 1) =>
  new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: digits });

export const formatShare = (v: number | null | undefined, lang: string) =>
  typeof v === 'number' ? `${nf(lang).format(v * 100)} %` : '—';
export const formatHours = (v: number | null | undefined, lang: string) =>
  typeof v === 'number' ? `${nf(lang).format(v)} h` : '—';

/** A target in words: per-priority delays or one delay, with its share. */
export function targetText(target: AgreedTarget, lang: string): string {
  const share = formatShare(target.targetShare, lang);
  if (target.byPriority)
    return `${(['P1', 'P2', 'P3', 'P4'] as const).map((p) => `${p} ${formatDelay(target.byPriority![p], lang)}`).join(' · ')} — ${share}`;
  if (target.delay) return `${formatDelay(target.delay, lang)} — ${share}`;
  return share;
}

/** Where an indicator's target comes from, as a badge (text, not colour alone), with the agreement's decision. */
export function TargetOriginBadge({ indicator: i }: { indicator: Indicator }) {
  const { t, i18n } = useTranslation('targets');
  if (!i.targetOrigin) return null;
  const colour = { contract: 'blue.8', agreed: 'teal.8', to_be_agreed: 'orange.9' }[i.targetOrigin];
  return (
    <Group gap="xs" wrap="wrap">
      <Badge color={colour} variant="outline" radius="sm">
        {t(`origin.${i.targetOrigin}`)}
      </Badge>
      {i.agreement && (
        <Text size="sm">
          {t('agreedOn', {
            date: formatDay(i.agreement.agreedAt.slice(0, 10), i18n.language),
            from: formatDay(i.agreement.effectiveFrom, i18n.language),
          })}
          {i.agreement.decisionRef ? ` — ${t('decision', { ref: i.agreement.decisionRef })}` : ''}
          {' — '}
          <Approvals approvals={i.agreement.approvals} />
        </Text>
      )}
      {i.volumeReview && (
        <Badge color="grape.8" variant="light" radius="sm">
          {t('volumeReview')}
        </Badge>
      )}
    </Group>
  );
}

/** Who approved, side by side. */
export function Approvals({ approvals }: { approvals: TargetApproval[] }) {
  const { t, i18n } = useTranslation('targets');
  if (approvals.length === 0) return <>{t('noApproval')}</>;
  return (
    <>
      {approvals
        .map((a) =>
          t('approvedBy', {
            side: t(`side.${a.side}`),
            name: a.name,
            date: formatDay(a.approvedAt.slice(0, 10), i18n.language),
          }),
        )
        .join(' ; ')}
    </>
  );
}

/** The measured distribution of a baseline: per criticality, median / p80 / p90 / p95, and the volume. */
export function BaselineTable({ baseline: b, caption }: { baseline: Baseline; caption?: string }) {
  const { t, i18n } = useTranslation('targets');
  const lang = i18n.language;
  return (
    <Stack gap={4}>
      <Text size="sm">
        {t('baselinePeriod', {
          from: formatDay(b.from, lang),
          to: formatDay(b.to, lang),
          volume: b.volume,
          perYear: nf(lang, 0).format(b.volumePerYear),
        })}
        {typeof b.share === 'number' ? ` — ${t('baselineShare', { share: formatShare(b.share, lang) })}` : ''}
      </Text>
      {b.groups.length > 0 && (
        <Table.ScrollContainer minWidth={420}>
          <Table striped withTableBorder fz="sm" verticalSpacing={4}>
            <Table.Caption>{caption ?? t('baselineCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                {(['group', 'count', 'median', 'p80', 'p90', 'p95'] as const).map((k) => (
                  <Table.Th key={k} scope="col">
                    {t(`col.${k}`)}
                  </Table.Th>
                ))}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {b.groups.map((g) => (
                <Table.Tr key={g.group}>
                  <Table.Th scope="row">{g.group === '*' ? t('allGroups') : g.group}</Table.Th>
                  <Table.Td>{g.count}</Table.Td>
                  <Table.Td>{formatHours(g.medianHours, lang)}</Table.Td>
                  <Table.Td>{formatHours(g.p80Hours, lang)}</Table.Td>
                  <Table.Td>{formatHours(g.p90Hours, lang)}</Table.Td>
                  <Table.Td>{formatHours(g.p95Hours, lang)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {b.proposal ? (
        <Text size="sm">{t('suggested', { target: targetText(b.proposal, lang) })}</Text>
      ) : (
        b.proposalGap && <Text size="sm">{t('noSuggestion', { why: b.proposalGap })}</Text>
      )}
    </Stack>
  );
}

const commitmentColours = {
  met: 'green.8',
  at_risk: 'orange.9',
  review: 'grape.8',
  missed: 'red.8',
  info: 'blue.8',
  no_data: 'gray.7',
} as const;

/** The commitments of the contract with their status for the period. */
export function CommitmentsSummary({ communeId, period }: { communeId: string; period: string }) {
  const { t } = useTranslation('targets');
  const q = useCommitments(communeId, period);
  return (
    <Card withBorder padding="md" component="section" aria-labelledby="commitments-title">
      <Title order={2} size="h4" id="commitments-title" mb="sm">
        {t('commitments.title')}
      </Title>
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} />
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table striped fz="sm">
            <Table.Caption>{t('commitments.caption', { period: q.data.period })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('commitments.code')}</Table.Th>
                <Table.Th scope="col">{t('commitments.text')}</Table.Th>
                <Table.Th scope="col">{t('commitments.status')}</Table.Th>
                <Table.Th scope="col">{t('commitments.pending')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {q.data.items.map((c) => (
                <Table.Tr key={c.code}>
                  <Table.Th scope="row">{c.code}</Table.Th>
                  <Table.Td>{c.text}</Table.Td>
                  <Table.Td>
                    <Badge color={commitmentColours[c.status]} variant="filled" radius="sm">
                      {t(`commitments.statusValue.${c.status}`)}
                    </Badge>
                    {c.partial && c.status !== 'info' && c.status !== 'no_data' && (
                      <Text size="xs">{t('commitments.partial')}</Text>
                    )}
                  </Table.Td>
                  <Table.Td>{c.pending.length ? c.pending.join(', ') : '—'}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Card>
  );
}
