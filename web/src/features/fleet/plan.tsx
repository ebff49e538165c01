import { Fragment, useState } from 'react';
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { RenewalPlan } from '../../../../src/shared/api';
import { errorMessage, fieldErrors, notifySuccess, QueryState } from '../../ui/feedback';
import { formatDate, formatDateTime } from '../../ui/format';
import { AnchorLink } from '../../ui/links';
import { deviceKinds } from './api';
import {
  useAdvanceLine,
  useApprovePlan,
  useDeviceTickets,
  usePutRenewalPolicy,
  useRenewalPolicy,
  type RenewalPlanLine,
  type RenewalPolicy,
} from './plan-api';

/** Today as a local date YYYY-MM-DD. */
const localToday = () => new Date().toLocaleDateString('sv-SE');
const euros = (v: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(v);
const lineColor: Record<string, string> = { planned: 'gray', ordered: 'blue', delivered: 'orange', deployed: 'green' };

/**
 * The approval of the plan by the commune (a button for those allowed), then its frozen lines
 * with their status, and the next step of each for those who manage the fleet.
 */
export function PlanApproval({ communeId, plan }: { communeId: string; plan: RenewalPlan }) {
  const { t, i18n } = useTranslation(['fleet', 'common']);
  const approve = useApprovePlan(communeId);
  const a = plan.approval;
  return (
    <Stack gap="sm">
      {!a && plan.abilities.canApprove && (
        <Group>
          <Button
            color="green"
            loading={approve.isPending}
            onClick={() =>
              approve.mutate(
                { year: plan.year, budget: plan.budget },
                { onSuccess: () => notifySuccess(t('approval.done', { year: plan.year })) },
              )
            }
          >
            {t('approval.approve', { year: plan.year, n: plan.required ?? 0 })}
          </Button>
        </Group>
      )}
      {approve.error && (
        <Alert color="red" role="alert">
          {errorMessage(t, approve.error)}
        </Alert>
      )}
      {!a && !plan.abilities.canApprove && (
        <Text size="sm" c="dimmed">
          {t('approval.notApproved')}
        </Text>
      )}
      {a && (
        <>
          <Alert color="green" role="status" title={t('approval.title', { year: a.year })}>
            {t('approval.summary', {
              at: formatDateTime(a.approvedAt, i18n.language),
              by: a.approvedBy,
              lines: plan.lines.length,
              cost: euros(a.estimatedCost),
              deployed: a.progress.deployed,
              delivered: a.progress.delivered,
              ordered: a.progress.ordered,
              planned: a.progress.planned,
            })}
          </Alert>
          <PlanLines communeId={communeId} lines={plan.lines} canTrack={plan.abilities.canTrack} />
        </>
      )}
    </Stack>
  );
}

function PlanLines({ communeId, lines, canTrack }: { communeId: string; lines: RenewalPlanLine[]; canTrack: boolean }) {
  const { t, i18n } = useTranslation(['fleet', 'common']);
  const [open, setOpen] = useState<string | null>(null);
  const date = (d: string | null, by: string | null) =>
    d ? `${formatDate(d, i18n.language)}${by ? ` (${by})` : ''}` : '—';
  return (
    <Table.ScrollContainer minWidth={900}>
      <Table>
        <Table.Caption className="sr-only">{t('approval.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('plan.rank')}</Table.Th>
            <Table.Th scope="col">{t('approval.device')}</Table.Th>
            <Table.Th scope="col">{t('approval.status')}</Table.Th>
            <Table.Th scope="col">{t('approval.ordered')}</Table.Th>
            <Table.Th scope="col">{t('approval.delivered')}</Table.Th>
            <Table.Th scope="col">{t('approval.deployed')}</Table.Th>
            <Table.Th scope="col">{t('approval.replacement')}</Table.Th>
            {canTrack && <Table.Th scope="col">{t('approval.action')}</Table.Th>}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Fragment key={l.id}>
              <Table.Tr>
                <Table.Td>{l.rank}</Table.Td>
                <Table.Td>
                  <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: l.device.id }}>
                    {l.device.label}
                  </AnchorLink>{' '}
                  ({t(`kinds.${l.device.kind}`)})
                </Table.Td>
                <Table.Td>
                  <Badge color={lineColor[l.status]} variant="light">
                    {t(`approval.statuses.${l.status}`)}
                  </Badge>
                </Table.Td>
                <Table.Td>{date(l.orderedOn, l.orderedBy)}</Table.Td>
                <Table.Td>{date(l.deliveredOn, l.deliveredBy)}</Table.Td>
                <Table.Td>{date(l.deployedOn, l.deployedBy)}</Table.Td>
                <Table.Td>
                  {l.replacement ? (
                    <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: l.replacement.id }}>
                      {l.replacement.label}
                    </AnchorLink>
                  ) : (
                    '—'
                  )}
                </Table.Td>
                {canTrack && (
                  <Table.Td>
                    {l.nextStep && (
                      <Button
                        size="compact-sm"
                        variant={open === l.id ? 'filled' : 'default'}
                        aria-expanded={open === l.id}
                        aria-label={t('approval.recordFor', {
                          step: t(`approval.steps.${l.nextStep}`),
                          device: l.device.label,
                        })}
                        onClick={() => setOpen(open === l.id ? null : l.id)}
                      >
                        {t(`approval.steps.${l.nextStep}`)}
                      </Button>
                    )}
                  </Table.Td>
                )}
              </Table.Tr>
              {open === l.id && l.nextStep && (
                <Table.Tr>
                  <Table.Td colSpan={8}>
                    <StepForm communeId={communeId} line={l} onDone={() => setOpen(null)} />
                  </Table.Td>
                </Table.Tr>
              )}
            </Fragment>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The next step of a line: its date and, from delivery on, the replacement (a new device record). */
function StepForm({ communeId, line, onDone }: { communeId: string; line: RenewalPlanLine; onDone: () => void }) {
  const { t } = useTranslation(['fleet', 'common']);
  const advance = useAdvanceLine(communeId);
  const step = line.nextStep!;
  const [on, setOn] = useState(localToday());
  const [serial, setSerial] = useState('');
  const [model, setModel] = useState('');
  const asksReplacement = step !== 'ordered' && !line.replacement;
  const errors = fieldErrors(advance.error);
  const other = advance.error && !Object.keys(errors).length ? errorMessage(t, advance.error) : null;
  return (
    <form
      aria-label={t('approval.recordFor', { step: t(`approval.steps.${step}`), device: line.device.label })}
      onSubmit={(e) => {
        e.preventDefault();
        const replacement =
          asksReplacement && (serial.trim() || model.trim())
            ? { serial: serial.trim() || undefined, model: model.trim() || undefined }
            : undefined;
        advance.mutate(
          { lineId: line.id, body: { step, on, replacement } },
          {
            onSuccess: () => {
              notifySuccess(t('approval.recorded', { step: t(`approval.steps.${step}`) }));
              onDone();
            },
          },
        );
      }}
    >
      <Group align="flex-end" wrap="wrap">
        <TextInput
          type="date"
          label={t('approval.on')}
          value={on}
          max={localToday()}
          onChange={(e) => setOn(e.currentTarget.value)}
          error={errors.on}
          required
        />
        {asksReplacement && (
          <>
            <TextInput
              label={t('approval.newSerial')}
              description={step === 'deployed' ? t('approval.newRequired') : t('approval.newOptional')}
              value={serial}
              onChange={(e) => setSerial(e.currentTarget.value)}
              error={errors.replacementDeviceId ?? errors['replacement.serial'] ?? errors.replacement}
            />
            <TextInput label={t('model')} value={model} onChange={(e) => setModel(e.currentTarget.value)} />
          </>
        )}
        <Button type="submit" loading={advance.isPending}>
          {t('approval.record')}
        </Button>
      </Group>
      {other && (
        <Alert color="red" role="alert" mt="sm">
          {other}
        </Alert>
      )}
    </form>
  );
}

/** The share from the contract (read-only, with its source) and the commune's age/warranty policy, editable. */
export function PolicyPanel({ communeId }: { communeId: string }) {
  const { t, i18n } = useTranslation(['fleet', 'common']);
  const policy = useRenewalPolicy(communeId);
  const [editing, setEditing] = useState(false);
  const p = policy.data;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="policy-heading">
      <Stack gap="sm">
        <Title order={2} size="h3" id="policy-heading">
          {t('policy.title')}
        </Title>
        <QueryState isPending={policy.isPending} error={policy.error} />
        {p && (
          <>
            <Text>
              {p.share
                ? t('policy.share', {
                    share: new Intl.NumberFormat(i18n.language === 'en' ? 'en-GB' : 'fr-FR', {
                      maximumFractionDigits: 1,
                    }).format(p.share.sharePerYear * 100),
                    code: p.share.indicatorCode,
                    version: p.share.version,
                  })
                : t('policy.noShare')}
            </Text>
            <Text size="sm" c="dimmed">
              {p.current.effectiveFrom
                ? t('policy.since', {
                    from: formatDate(p.current.effectiveFrom, i18n.language),
                    by: p.current.createdBy ?? '—',
                  })
                : t('policy.defaults')}
              {p.current.note ? ` — ${p.current.note}` : ''}
            </Text>
            {p.upcoming.map((u) => (
              <Text size="sm" key={u.effectiveFrom}>
                {t('policy.upcoming', { from: formatDate(u.effectiveFrom!, i18n.language) })}
              </Text>
            ))}
            {editing ? (
              <PolicyForm communeId={communeId} policy={p} onDone={() => setEditing(false)} />
            ) : (
              <>
                <Table>
                  <Table.Caption className="sr-only">{t('policy.caption')}</Table.Caption>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th scope="col">{t('kind')}</Table.Th>
                      <Table.Th scope="col">{t('policy.maxAge')}</Table.Th>
                      <Table.Th scope="col">{t('policy.outOfWarranty')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {deviceKinds.map((k) => (
                      <Table.Tr key={k}>
                        <Table.Th scope="row">{t(`kinds.${k}`)}</Table.Th>
                        <Table.Td>{t('plan.years', { n: p.current.rules[k].maxAgeYears })}</Table.Td>
                        <Table.Td>{p.current.rules[k].renewOutOfWarranty ? t('yes') : t('no')}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
                {p.abilities.canEdit && (
                  <Group>
                    <Button variant="default" onClick={() => setEditing(true)}>
                      {t('policy.edit')}
                    </Button>
                  </Group>
                )}
              </>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}

function PolicyForm({ communeId, policy, onDone }: { communeId: string; policy: RenewalPolicy; onDone: () => void }) {
  const { t } = useTranslation(['fleet', 'common']);
  const put = usePutRenewalPolicy(communeId);
  const [from, setFrom] = useState(localToday());
  const [note, setNote] = useState('');
  const [rules, setRules] = useState(policy.current.rules);
  const errors = fieldErrors(put.error);
  const other = put.error && !Object.keys(errors).length ? errorMessage(t, put.error) : null;
  return (
    <form
      aria-label={t('policy.edit')}
      onSubmit={(e) => {
        e.preventDefault();
        put.mutate(
          { effectiveFrom: from, rules, note: note.trim() || null },
          {
            onSuccess: () => {
              notifySuccess(t('policy.saved'));
              onDone();
            },
          },
        );
      }}
    >
      <Stack gap="sm">
        <TextInput
          type="date"
          label={t('policy.effectiveFrom')}
          description={t('policy.effectiveHelp')}
          value={from}
          min={localToday()}
          onChange={(e) => setFrom(e.currentTarget.value)}
          error={errors.effectiveFrom}
          required
        />
        <Table>
          <Table.Caption className="sr-only">{t('policy.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('kind')}</Table.Th>
              <Table.Th scope="col">{t('policy.maxAge')}</Table.Th>
              <Table.Th scope="col">{t('policy.outOfWarranty')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {deviceKinds.map((k) => (
              <Table.Tr key={k}>
                <Table.Th scope="row">{t(`kinds.${k}`)}</Table.Th>
                <Table.Td>
                  <NumberInput
                    aria-label={t('policy.maxAgeOf', { kind: t(`kinds.${k}`) })}
                    min={1}
                    max={20}
                    allowDecimal={false}
                    value={rules[k].maxAgeYears}
                    onChange={(v) =>
                      setRules({ ...rules, [k]: { ...rules[k], maxAgeYears: typeof v === 'number' ? v : 0 } })
                    }
                    error={errors[`rules.${k}.maxAgeYears`]}
                    w={120}
                  />
                </Table.Td>
                <Table.Td>
                  <Checkbox
                    aria-label={t('policy.outOfWarrantyOf', { kind: t(`kinds.${k}`) })}
                    checked={rules[k].renewOutOfWarranty}
                    onChange={(e) =>
                      setRules({ ...rules, [k]: { ...rules[k], renewOutOfWarranty: e.currentTarget.checked } })
                    }
                  />
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
        <Textarea label={t('policy.note')} value={note} onChange={(e) => setNote(e.currentTarget.value)} />
        {other && (
          <Alert color="red" role="alert">
            {other}
          </Alert>
        )}
        <Group>
          <Button type="submit" loading={put.isPending}>
            {t('policy.save')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('import.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** The tickets about a device (those the reader may see), linked to their page. */
export function DeviceTicketsSection({ deviceId }: { deviceId: string }) {
  const { t, i18n } = useTranslation(['fleet', 'tickets', 'common']);
  const tickets = useDeviceTickets(deviceId);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="device-tickets-heading">
      <Title order={2} size="h3" id="device-tickets-heading" mb="sm">
        {t('deviceTickets.title')}
        {tickets.data ? ` (${tickets.data.items.length})` : ''}
      </Title>
      <QueryState isPending={tickets.isPending} error={tickets.error} />
      {tickets.data && tickets.data.items.length === 0 && <Text c="dimmed">{t('deviceTickets.none')}</Text>}
      {tickets.data && tickets.data.items.length > 0 && (
        <>
          <Text size="sm" mb="xs">
            {t('deviceTickets.incidents', { count: tickets.data.incidents })}
          </Text>
          <Table>
            <Table.Caption className="sr-only">{t('deviceTickets.title')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('deviceTickets.reference')}</Table.Th>
                <Table.Th scope="col">{t('deviceTickets.subject')}</Table.Th>
                <Table.Th scope="col">{t('deviceTickets.type')}</Table.Th>
                <Table.Th scope="col">{t('status')}</Table.Th>
                <Table.Th scope="col">{t('deviceTickets.opened')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tickets.data.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Td>
                    <AnchorLink to="/demandes/$ticketId" params={{ ticketId: x.id }}>
                      {x.reference}
                    </AnchorLink>
                  </Table.Td>
                  <Table.Td>{x.title}</Table.Td>
                  <Table.Td>{t(`tickets:type.${x.type}`)}</Table.Td>
                  <Table.Td>{t(`tickets:status.${x.status}`)}</Table.Td>
                  <Table.Td>{formatDate(x.createdAt, i18n.language)}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </>
      )}
    </Paper>
  );
}
