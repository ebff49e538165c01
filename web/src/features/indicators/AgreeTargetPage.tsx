import { useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Modal,
  NumberInput,
  Select,
  Stack,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { hasPermission, useMe } from '../../api/client';
import { Page } from '../../ui/Page';
import { QueryState, errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import { formatDateTime } from '../../ui/format';
import { useCommune } from '../communes/api';
import { formatDay } from '../contracts/format';
import { useCommuneIndicators, type Indicator } from './api';
import { defaultPeriod } from './periods';
import { agreeTargetsRoute } from './routes';
import { Approvals, BaselineTable, TargetOriginBadge, formatDelay, targetText } from './TargetOrigin';
import {
  useApproveProposal,
  useBaseline,
  useCreateProposal,
  useProposals,
  useWithdrawProposal,
  type AgreedTarget,
  type Baseline,
  type TargetProposal,
} from './targets-api';

const iso = (d: Date) =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;

/** Default baseline: the last twelve complete months. */
function defaultBaseline(today = new Date()): { from: string; to: string } {
  const to = new Date(today.getFullYear(), today.getMonth(), 1);
  const from = new Date(today.getFullYear() - 1, today.getMonth(), 1);
  return { from: iso(from), to: iso(to) };
}

/** Hours of an ISO business-time delay (PT34H, PT1H30M, P2D counted as 24 h a day); null when unreadable. */
function hoursOf(delay: string | undefined): number | null {
  const m = delay ? /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?)?$/.exec(delay) : null;
  if (!m) return null;
  return Number(m[1] ?? 0) * 24 + Number(m[2] ?? 0) + Number(m[3] ?? 0) / 60;
}

/** Hours as an ISO duration: 34 → PT34H, 1.5 → PT1H30M. */
function delayOf(hours: number): string {
  const total = Math.round(hours * 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (!h && !m) return 'PT0H';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

/** Which side the signed-in user approves for: the métropole's staff or the commune's. */
const sideOf = (communeId: string | null) => (communeId ? 'commune' : 'provider');

/** Targets to be agreed for a commune: the measured baseline, proposals, two-party approvals. */
export function AgreeTargetPage() {
  const { t } = useTranslation('targets');
  const { communeId } = agreeTargetsRoute.useParams();
  const { code } = agreeTargetsRoute.useSearch();
  const navigate = useNavigate();
  const me = useMe();
  const commune = useCommune(communeId);
  const indicators = useCommuneIndicators(communeId, defaultPeriod());
  const agree = hasPermission(me, 'contracts.agree_targets');
  const candidates = (indicators.data?.items ?? []).filter(
    (i) => i.targetOrigin === 'to_be_agreed' || i.targetOrigin === 'agreed',
  );
  const selected = candidates.find((i) => i.code === code) ?? null;
  return (
    <Page
      title={t('page.title', { name: commune.data?.name ?? '' })}
      description={
        <AnchorLink to="/indicateurs/$communeId" params={{ communeId }}>
          {t('page.back')}
        </AnchorLink>
      }
    >
      <Text>{t('page.intro')}</Text>
      {!indicators.data && <QueryState isPending={indicators.isPending} error={indicators.error} />}
      {indicators.data && (
        <Select
          label={t('page.indicator')}
          w={520}
          maw="100%"
          value={selected?.code ?? null}
          placeholder={t('page.choose')}
          onChange={(v) =>
            void navigate({ to: '/indicateurs/$communeId/cibles', params: { communeId }, search: v ? { code: v } : {} })
          }
          data={candidates.map((i) => ({ value: i.code, label: `${i.code} — ${i.title}` }))}
        />
      )}
      {selected && <IndicatorAgreement key={selected.code} communeId={communeId} indicator={selected} agree={agree} />}
      <ProposalList communeId={communeId} code={selected?.code} agree={agree} side={sideOf(me.communeId)} />
    </Page>
  );
}

function IndicatorAgreement({
  communeId,
  indicator,
  agree,
}: {
  communeId: string;
  indicator: Indicator;
  agree: boolean;
}) {
  const { t } = useTranslation('targets');
  const [range, setRange] = useState(defaultBaseline);
  const [draft, setDraft] = useState(range);
  const baseline = useBaseline(communeId, indicator.code, range.from, range.to);
  const errors = fieldErrors(baseline.error);
  return (
    <Card withBorder component="section" aria-labelledby="baseline-title">
      <Stack gap="sm">
        <Title order={2} size="h4" id="baseline-title">
          {indicator.code} — {indicator.title}
        </Title>
        <TargetOriginBadge indicator={indicator} />
        <form
          onSubmit={(e) => {
            e.preventDefault();
            setRange(draft);
          }}
        >
          <Group align="flex-end" gap="sm" wrap="wrap">
            <TextInput
              type="date"
              label={t('page.from')}
              value={draft.from}
              onChange={(e) => setDraft({ ...draft, from: e.currentTarget.value })}
              error={errors.from}
              required
            />
            <TextInput
              type="date"
              label={t('page.to')}
              description={t('page.toHelp')}
              value={draft.to}
              onChange={(e) => setDraft({ ...draft, to: e.currentTarget.value })}
              error={errors.to}
              required
            />
            <Button type="submit" variant="light">
              {t('page.measure')}
            </Button>
          </Group>
        </form>
        {baseline.error && !Object.keys(errors).length && (
          <Alert color="red" role="alert">
            {errorMessage(t, baseline.error)}
          </Alert>
        )}
        {baseline.isPending && <QueryState isPending error={null} />}
        {baseline.data && <BaselineTable baseline={baseline.data} caption={t('page.baselineCaption')} />}
        {agree && indicator.targetOrigin === 'to_be_agreed' && baseline.data && (
          <ProposalForm
            key={`${baseline.data.from}/${baseline.data.to}/${JSON.stringify(baseline.data.proposal)}`}
            communeId={communeId}
            code={indicator.code}
            baseline={baseline.data}
          />
        )}
      </Stack>
    </Card>
  );
}

/** The proposal, prefilled with the target the baseline suggests, every value editable. */
function ProposalForm({ communeId, code, baseline }: { communeId: string; code: string; baseline: Baseline }) {
  const { t } = useTranslation('targets');
  const create = useCreateProposal(communeId, code);
  const suggested = baseline.proposal;
  const kind = suggested?.kind ?? baseline.kind;
  const [byPriority, setByPriority] = useState<Record<'P1' | 'P2' | 'P3' | 'P4', number | ''>>(() => ({
    P1: hoursOf(suggested?.byPriority?.P1) ?? '',
    P2: hoursOf(suggested?.byPriority?.P2) ?? '',
    P3: hoursOf(suggested?.byPriority?.P3) ?? '',
    P4: hoursOf(suggested?.byPriority?.P4) ?? '',
  }));
  const [delay, setDelay] = useState<number | ''>(hoursOf(suggested?.delay) ?? '');
  const [share, setShare] = useState<number | ''>(suggested ? Math.round(suggested.targetShare * 1000) / 10 : 90);
  const [effectiveFrom, setEffectiveFrom] = useState(iso(new Date()));
  const [decisionRef, setDecisionRef] = useState('');
  const [note, setNote] = useState('');
  const errors = fieldErrors(create.error);
  const targetError = Object.entries(errors)
    .filter(([f]) => f.startsWith('target'))
    .map(([f, m]) => `${f.replace(/^target\.?/, '')} : ${m}`)
    .join(' ; ');
  const submit = () => {
    const targetShare = share === '' ? NaN : share / 100;
    let target: AgreedTarget;
    if (kind === 'resolution_delay')
      target = {
        kind,
        targetShare,
        byPriority: {
          P1: delayOf(Number(byPriority.P1)),
          P2: delayOf(Number(byPriority.P2)),
          P3: delayOf(Number(byPriority.P3)),
          P4: delayOf(Number(byPriority.P4)),
        },
      };
    else if (kind === 'acknowledgement') target = { kind, targetShare };
    else target = { kind, targetShare, delay: delayOf(Number(delay)) };
    create.mutate(
      {
        baselineFrom: baseline.from,
        baselineTo: baseline.to,
        effectiveFrom,
        target,
        decisionRef: decisionRef.trim() || null,
        ...(note.trim() ? { note } : {}),
      },
      { onSuccess: () => notifySuccess(t('form.created')) },
    );
  };
  return (
    <form
      aria-labelledby="proposal-title"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="proposal-title">
          {t('form.title')}
        </Title>
        <Text size="sm">{suggested ? t('form.prefilled') : t('form.noSuggestion')}</Text>
        {kind === 'resolution_delay' && (
          <Group gap="sm" wrap="wrap">
            {(['P1', 'P2', 'P3', 'P4'] as const).map((p) => (
              <NumberInput
                key={p}
                w={130}
                label={t('form.delayFor', { priority: p })}
                suffix=" h"
                min={0}
                decimalScale={2}
                value={byPriority[p]}
                onChange={(v) => setByPriority({ ...byPriority, [p]: v === '' ? '' : Number(v) })}
                required
                error={errors[`target.byPriority.${p}`]}
              />
            ))}
          </Group>
        )}
        {(kind === 'intervention_delay' || kind === 'restoration_delay') && (
          <NumberInput
            w={200}
            label={t('form.delay')}
            suffix=" h"
            min={0}
            decimalScale={2}
            value={delay}
            onChange={(v) => setDelay(v === '' ? '' : Number(v))}
            required
            error={errors['target.delay']}
          />
        )}
        <NumberInput
          w={260}
          label={t('form.share')}
          suffix=" %"
          min={0}
          max={100}
          decimalScale={1}
          value={share}
          onChange={(v) => setShare(v === '' ? '' : Number(v))}
          required
          error={errors['target.targetShare']}
        />
        <Group gap="sm" wrap="wrap" align="flex-start">
          <TextInput
            type="date"
            label={t('form.effectiveFrom')}
            description={t('form.effectiveFromHelp')}
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            required
            error={errors.effectiveFrom}
          />
          <TextInput
            w={360}
            maw="100%"
            label={t('form.decisionRef')}
            description={t('form.decisionRefHelp')}
            value={decisionRef}
            onChange={(e) => setDecisionRef(e.currentTarget.value)}
            error={errors.decisionRef}
          />
        </Group>
        <Textarea
          label={t('form.note')}
          value={note}
          onChange={(e) => setNote(e.currentTarget.value)}
          autosize
          minRows={2}
          error={errors.note}
        />
        {(targetError || errors.baselineFrom || errors.baselineTo) && (
          <Text c="red.8" role="alert" size="sm">
            {[targetError, errors.baselineFrom, errors.baselineTo].filter(Boolean).join(' ; ')}
          </Text>
        )}
        {create.error && !Object.keys(errors).length && (
          <Text c="red.8" role="alert">
            {errorMessage(t, create.error)}
          </Text>
        )}
        <Group>
          <Button type="submit" loading={create.isPending}>
            {t('form.submit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

const statusColours = { proposed: 'orange.9', agreed: 'teal.8', withdrawn: 'gray.7' } as const;

/** The proposals and agreements of the commune (of one indicator when chosen). */
function ProposalList({
  communeId,
  code,
  agree,
  side,
}: {
  communeId: string;
  code: string | undefined;
  agree: boolean;
  side: 'provider' | 'commune';
}) {
  const { t } = useTranslation('targets');
  const q = useProposals(communeId, code);
  return (
    <section aria-labelledby="proposals-title">
      <Title order={2} size="h4" id="proposals-title" mb="sm">
        {code ? t('list.titleFor', { code }) : t('list.title')}
      </Title>
      {!q.data ? (
        <QueryState isPending={q.isPending} error={q.error} />
      ) : q.data.items.length === 0 ? (
        <Text>{t('list.none')}</Text>
      ) : (
        <Stack gap="sm">
          {q.data.items.map((p) => (
            <ProposalCard key={p.id} proposal={p} agree={agree} side={side} />
          ))}
        </Stack>
      )}
    </section>
  );
}

function ProposalCard({
  proposal: p,
  agree,
  side,
}: {
  proposal: TargetProposal;
  agree: boolean;
  side: 'provider' | 'commune';
}) {
  const { t, i18n } = useTranslation('targets');
  const lang = i18n.language;
  const approve = useApproveProposal();
  const [withdrawing, setWithdrawing] = useState(false);
  const [comment, setComment] = useState('');
  const canApprove = agree && p.status === 'proposed' && p.awaiting.includes(side);
  return (
    <Card withBorder component="article" aria-label={`${p.indicatorCode} — ${t(`list.status.${p.status}`)}`}>
      <Stack gap={4}>
        <Group gap="xs">
          <Text fw={700}>{p.indicatorCode}</Text>
          <Badge color={statusColours[p.status]} variant="filled" radius="sm">
            {t(`list.status.${p.status}`)}
          </Badge>
        </Group>
        <Text size="sm">
          {t('list.target')} : {targetText(p.target, lang)}
        </Text>
        <Text size="sm">
          {t('list.baseline', { from: formatDay(p.baseline.from, lang), to: formatDay(p.baseline.to, lang) })}
          {' — '}
          {t('list.effectiveFrom', { date: formatDay(p.effectiveFrom, lang) })}
          {p.decisionRef ? ` — ${t('decision', { ref: p.decisionRef })}` : ''}
        </Text>
        <Text size="sm">
          {t('list.proposedBy', { who: p.createdBy, when: formatDateTime(p.createdAt, lang) })}
          {p.note ? ` — ${p.note}` : ''}
        </Text>
        <Text size="sm">
          <Approvals approvals={p.approvals} />
          {p.status === 'proposed' && p.awaiting.length > 0 && (
            <> — {t('list.awaiting', { sides: p.awaiting.map((s) => t(`side.${s}`)).join(', ') })}</>
          )}
        </Text>
        {p.approvals.some((a) => a.comment) && (
          <Text size="sm">
            {p.approvals
              .filter((a) => a.comment)
              .map((a) => `${a.name} : « ${a.comment} »`)
              .join(' ; ')}
          </Text>
        )}
        {p.target.byPriority && p.baseline.groups.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('list.p90', {
              values: p.baseline.groups
                .filter((g) => g.group !== '*')
                .map((g) => `${g.group} ${g.p90Hours ?? '—'} h`)
                .join(' · '),
              proposal: (['P1', 'P2', 'P3', 'P4'] as const)
                .map((k) => `${k} ${formatDelay(p.target.byPriority?.[k], lang)}`)
                .join(' · '),
            })}
          </Text>
        )}
        {agree && p.status === 'proposed' && (
          <Group gap="xs" align="flex-end" mt="xs">
            {canApprove && (
              <>
                <TextInput
                  size="xs"
                  w={280}
                  label={t('list.comment')}
                  value={comment}
                  onChange={(e) => setComment(e.currentTarget.value)}
                />
                <Button
                  size="xs"
                  loading={approve.isPending}
                  onClick={() =>
                    approve.mutate(
                      { id: p.id, comment: comment.trim() || undefined },
                      { onSuccess: (r) => notifySuccess(t(r.status === 'agreed' ? 'list.agreed' : 'list.approved')) },
                    )
                  }
                >
                  {t('list.approve', { side: t(`side.${side}`) })}
                </Button>
              </>
            )}
            <Button size="xs" variant="default" onClick={() => setWithdrawing(true)}>
              {t('list.withdraw')}
            </Button>
          </Group>
        )}
        {approve.error && (
          <Text c="red.8" role="alert" size="sm">
            {errorMessage(t, approve.error)}
          </Text>
        )}
      </Stack>
      {withdrawing && <WithdrawModal id={p.id} onClose={() => setWithdrawing(false)} />}
    </Card>
  );
}

function WithdrawModal({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const withdraw = useWithdrawProposal();
  const [reason, setReason] = useState('');
  const errors = fieldErrors(withdraw.error);
  return (
    <Modal opened onClose={onClose} title={t('list.withdrawTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          withdraw.mutate(
            { id, reason },
            {
              onSuccess: () => {
                notifySuccess(t('list.withdrawn'));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Textarea
            label={t('list.reason')}
            value={reason}
            onChange={(e) => setReason(e.currentTarget.value)}
            required
            autosize
            minRows={2}
            error={errors.reason}
          />
          {withdraw.error && !Object.keys(errors).length && (
            <Text c="red.8" role="alert">
              {errorMessage(t, withdraw.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('cancel')}
            </Button>
            <Button type="submit" color="red" loading={withdraw.isPending}>
              {t('list.withdraw')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
