import { useState } from 'react';
import { Alert, Button, Group, List, MultiSelect, Stack, Text, Title } from '@mantine/core';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, hasPermission, useMe } from '../../api/client';
import { errorMessage, fieldErrors, notifySuccess } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import type { DeviceChoice } from '../../../../src/shared/api';
import { usePatchTicket } from './api';
import type { Ticket } from './types';

type Named = Pick<DeviceChoice, 'id' | 'kind' | 'name' | 'serial' | 'inventoryNumber' | 'model'>;

/** How a device reads in a list: its name or numbers, and its kind and model. */
export function deviceLabel(t: (k: string) => string, d: Named): string {
  const id = d.name ?? d.inventoryNumber ?? d.serial ?? '—';
  const numbers = [d.serial && d.serial !== id ? d.serial : null, d.inventoryNumber !== id ? d.inventoryNumber : null]
    .filter(Boolean)
    .join(' · ');
  return `${id} — ${t(`fleet:kinds.${d.kind}`)}${d.model ? ` ${d.model}` : ''}${numbers ? ` (${numbers})` : ''}`;
}

/** The devices a ticket may name (the server's picker: the requester's own, exact serial or inventory number). */
function useDeviceChoices(communeId: string | null | undefined, q: string, requesterId?: string) {
  return useQuery({
    queryKey: ['device-choices', communeId, q, requesterId] as const,
    queryFn: () =>
      api.get<{ items: DeviceChoice[]; total: number }>(`/communes/${encodeURIComponent(communeId!)}/device-choices`, {
        q: q || undefined,
        requesterId,
      }),
    enabled: Boolean(communeId),
    placeholderData: keepPreviousData,
  });
}

/**
 * Picks the devices a ticket is about: the requester's devices are offered, any other is found
 * by its serial or inventory number (any part of it for those who read the fleet).
 */
export function DevicePicker({
  communeId,
  requesterId,
  value,
  onChange,
  error,
  known = [],
}: {
  communeId: string | null | undefined;
  requesterId?: string;
  value: string[];
  onChange: (ids: string[]) => void;
  error?: string;
  known?: Named[];
}) {
  const { t } = useTranslation(['tickets', 'fleet']);
  const [q, setQ] = useState('');
  const choices = useDeviceChoices(communeId, q.trim(), requesterId);
  const [seen, setSeen] = useState<Map<string, Named>>(() => new Map(known.map((d) => [d.id, d])));
  const found = choices.data?.items ?? [];
  const all = new Map(seen);
  for (const d of found) all.set(d.id, d);
  const data = [...all.values()]
    .filter((d) => value.includes(d.id) || found.some((f) => f.id === d.id))
    .map((d) => ({ value: d.id, label: deviceLabel(t, d) }));
  return (
    <MultiSelect
      label={t('devices.label')}
      description={t('devices.help')}
      placeholder={t('devices.placeholder')}
      data={data}
      value={value}
      searchable
      searchValue={q}
      onSearchChange={setQ}
      filter={({ options }) => options}
      nothingFoundMessage={q.trim() ? t('devices.noneFound') : t('devices.noneOwn')}
      onChange={(ids) => {
        setSeen(new Map([...all].filter(([id]) => ids.includes(id))));
        onChange(ids);
      }}
      clearable
      error={error}
    />
  );
}

/** The ticket's devices, linked to their page for those who read the fleet; staff change the list. */
export function TicketDevices({ ticket }: { ticket: Ticket }) {
  const { t } = useTranslation(['tickets', 'fleet', 'common']);
  const me = useMe();
  const patch = usePatchTicket(ticket.id);
  const [editing, setEditing] = useState<string[] | null>(null);
  const readsFleet = hasPermission(me, 'fleet.read');
  return (
    <section aria-labelledby="ticket-devices">
      <Title order={2} size="h3" id="ticket-devices" mb="sm">
        {t('devices.title')}
      </Title>
      <Stack gap="xs">
        {ticket.devices.length === 0 ? (
          <Text c="dimmed">{t('devices.none')}</Text>
        ) : (
          <List>
            {ticket.devices.map((d) => (
              <List.Item key={d.id}>
                {readsFleet ? (
                  <AnchorLink to="/parc/appareils/$deviceId" params={{ deviceId: d.id }}>
                    {deviceLabel(t, d)}
                  </AnchorLink>
                ) : (
                  deviceLabel(t, d)
                )}
              </List.Item>
            ))}
          </List>
        )}
        {ticket.abilities.canEdit &&
          (editing === null ? (
            <Group>
              <Button variant="default" size="compact-sm" onClick={() => setEditing(ticket.devices.map((d) => d.id))}>
                {t('devices.change')}
              </Button>
            </Group>
          ) : (
            <Stack gap="xs">
              <DevicePicker
                communeId={ticket.communeId}
                requesterId={ticket.requesterId ?? undefined}
                value={editing}
                onChange={setEditing}
                known={ticket.devices}
                error={fieldErrors(patch.error).deviceIds}
              />
              {patch.error && !fieldErrors(patch.error).deviceIds && (
                <Alert color="red" role="alert">
                  {errorMessage(t, patch.error)}
                </Alert>
              )}
              <Group>
                <Button
                  size="compact-sm"
                  loading={patch.isPending}
                  onClick={() =>
                    patch.mutate(
                      { deviceIds: editing },
                      {
                        onSuccess: () => {
                          setEditing(null);
                          notifySuccess(t('devices.saved'));
                        },
                      },
                    )
                  }
                >
                  {t('devices.save')}
                </Button>
                <Button variant="default" size="compact-sm" onClick={() => setEditing(null)}>
                  {t('devices.cancel')}
                </Button>
              </Group>
            </Stack>
          ))}
      </Stack>
    </section>
  );
}
