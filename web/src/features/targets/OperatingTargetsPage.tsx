import { useState } from 'react';
import {
  Badge,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  Stack,
  Table,
  Text,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Page } from '../../ui/Page';
import { QueryState, errorMessage, fieldErrors, notifyError, notifySuccess } from '../../ui/feedback';
import { formatDateTime } from '../../ui/format';
import { useCommunes } from '../communes/api';
import { formatDay } from '../contracts/format';
import { formatDelay } from '../indicators/TargetOrigin';
import { useCreateOperatingTarget, useDeleteOperatingTarget, useOperatingTargets, type Priority } from './api';

const priorities: Priority[] = ['P1', 'P2', 'P3', 'P4'];

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

/** Hours as an ISO duration: 24 → PT24H, 1.5 → PT1H30M. */
function delayOf(hours: number): string {
  const total = Math.round(hours * 60);
  const h = Math.floor(total / 60);
  const m = total % 60;
  if (!h && !m) return 'PT0H';
  return `PT${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
}

/**
 * The provider's operating targets ("objectifs de service internes"): resolution delays per
 * priority that run the queues where neither the signed annex nor an agreement sets one —
 * provider-wide or per commune, effective-dated. Not a contract term.
 */
export function OperatingTargetsPage() {
  const { t } = useTranslation('targets');
  const communes = useCommunes();
  const [communeId, setCommuneId] = useState<string | null>(null);
  const list = useOperatingTargets(communeId);
  const names = new Map((communes.data?.items ?? []).map((c) => [c.id, c.name]));
  return (
    <Page title={t('operating.title')} description={t('operating.intro')}>
      <Select
        label={t('operating.show')}
        w={360}
        maw="100%"
        value={communeId ?? ''}
        onChange={(v) => setCommuneId(v || null)}
        allowDeselect={false}
        data={[
          { value: '', label: t('operating.providerWide') },
          ...(communes.data?.items ?? []).map((c) => ({
            value: c.id,
            label: t('operating.withCommune', { name: c.name }),
          })),
        ]}
      />
      <section aria-labelledby="versions-title">
        <Title order={2} size="h4" id="versions-title" mb="sm">
          {t('operating.versions')}
        </Title>
        {!list.data ? (
          <QueryState isPending={list.isPending} error={list.error} />
        ) : (
          <Versions items={list.data.items} names={names} />
        )}
      </section>
      <NewVersion
        key={communeId ?? 'provider'}
        communeId={communeId}
        communeName={communeId ? names.get(communeId) : undefined}
      />
    </Page>
  );
}

function Versions({
  items,
  names,
}: {
  items: NonNullable<ReturnType<typeof useOperatingTargets>['data']>['items'];
  names: Map<string, string>;
}) {
  const { t, i18n } = useTranslation('targets');
  const lang = i18n.language;
  const del = useDeleteOperatingTarget();
  const day = today();
  if (items.length === 0) return <Text>{t('operating.none')}</Text>;
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped withTableBorder>
        <Table.Caption>{t('operating.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('operating.scope')}</Table.Th>
            <Table.Th scope="col">{t('operating.effectiveFrom')}</Table.Th>
            {priorities.map((p) => (
              <Table.Th key={p} scope="col">
                {p}
              </Table.Th>
            ))}
            <Table.Th scope="col">{t('operating.note')}</Table.Th>
            <Table.Th scope="col">{t('operating.createdBy')}</Table.Th>
            <Table.Th scope="col">
              <span className="sr-only">{t('operating.actions')}</span>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.map((o) => (
            <Table.Tr key={o.id}>
              <Table.Td>
                {o.scope === 'provider'
                  ? t('operating.providerWide')
                  : t('operating.commune', { name: names.get(o.communeId ?? '') ?? o.communeId })}
                {o.inForce && (
                  <Badge ml="xs" color="green.8" variant="filled" radius="sm" tt="none">
                    {t('operating.inForce')}
                  </Badge>
                )}
              </Table.Td>
              <Table.Td>{formatDay(o.effectiveFrom, lang)}</Table.Td>
              {priorities.map((p) => (
                <Table.Td key={p} style={{ whiteSpace: 'nowrap' }}>
                  {formatDelay(o.resolution[p], lang)}
                </Table.Td>
              ))}
              <Table.Td>{o.note || '—'}</Table.Td>
              <Table.Td>
                {o.createdBy}, {formatDateTime(o.createdAt, lang)}
              </Table.Td>
              <Table.Td>
                {o.effectiveFrom >= day && !o.inForce && (
                  <Button
                    size="xs"
                    variant="default"
                    color="red"
                    loading={del.isPending && del.variables === o.id}
                    onClick={() =>
                      del.mutate(o.id, {
                        onSuccess: () => notifySuccess(t('operating.deleted')),
                        onError: (e) => notifyError(t, e),
                      })
                    }
                  >
                    {t('operating.delete')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function NewVersion({ communeId, communeName }: { communeId: string | null; communeName?: string }) {
  const { t } = useTranslation('targets');
  const create = useCreateOperatingTarget();
  const [hours, setHours] = useState<Record<Priority, number | ''>>({ P1: '', P2: '', P3: '', P4: '' });
  const [effectiveFrom, setEffectiveFrom] = useState(today);
  const [note, setNote] = useState('');
  // The one rule the generic wording cannot explain: a priority's delay shorter than the previous one's.
  const errors = fieldErrors(create.error, (p) =>
    p.field.startsWith('resolution.') && p.code !== 'required' ? t('operating.notShorter') : undefined,
  );
  return (
    <Card withBorder component="section" aria-labelledby="new-version-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            {
              communeId,
              effectiveFrom,
              note,
              resolution: {
                P1: delayOf(Number(hours.P1)),
                P2: delayOf(Number(hours.P2)),
                P3: delayOf(Number(hours.P3)),
                P4: delayOf(Number(hours.P4)),
              },
            },
            { onSuccess: () => notifySuccess(t('operating.created')) },
          );
        }}
      >
        <Stack gap="sm">
          <Title order={2} size="h4" id="new-version-title">
            {communeName ? t('operating.newFor', { name: communeName }) : t('operating.newProvider')}
          </Title>
          <Text size="sm">{t('operating.newHelp')}</Text>
          <Group gap="sm" wrap="wrap">
            {priorities.map((p) => (
              <NumberInput
                key={p}
                w={140}
                label={t('operating.delayFor', { priority: p })}
                suffix=" h"
                min={0}
                decimalScale={2}
                value={hours[p]}
                onChange={(v) => setHours({ ...hours, [p]: v === '' ? '' : Number(v) })}
                required
                error={errors[`resolution.${p}`] ?? (p === 'P1' ? errors.resolution : undefined)}
              />
            ))}
          </Group>
          <TextInput
            type="date"
            w={220}
            label={t('operating.effectiveFrom')}
            description={t('operating.effectiveFromHelp')}
            value={effectiveFrom}
            onChange={(e) => setEffectiveFrom(e.currentTarget.value)}
            required
            error={errors.effectiveFrom}
          />
          <Textarea
            label={t('operating.note')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            autosize
            minRows={2}
            error={errors.note}
          />
          {create.error && !Object.keys(errors).length && (
            <Text c="red.8" role="alert">
              {errorMessage(t, create.error)}
            </Text>
          )}
          <Group>
            <Button type="submit" loading={create.isPending}>
              {t('operating.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
