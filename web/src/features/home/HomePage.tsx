import { Badge, Group, Paper, SimpleGrid, Stack, Table, Text, ThemeIcon, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, hasPermission, useMe } from '../../api/client';
import type { Me, Page as ApiPage } from '../../api/types';
import { visibleNav } from '../../nav';
import { Page } from '../../ui/Page';
import { QueryState } from '../../ui/feedback';
import { useCommune, useCommunes, useEntities } from '../communes/api';
import { CommuneCard } from '../communes/CommuneCard';
import { homeSections, sectionOrder } from './sections';
import { AnchorLink, UnstyledButtonLink } from '../../ui/links';

/** Home page: what the signed-in user works with, according to their scope. */
export function HomePage() {
  const { t } = useTranslation();
  const me = useMe();
  const firstName = me.name.split(/\s+/)[0] ?? me.name;
  return (
    <Page
      title={t('home.greeting', { name: firstName })}
      documentTitle={t('nav.home')}
      description={t('home.roles', { roles: me.roles.map((r) => t(`roles.${r}`)).join(', ') })}
    >
      {/* The day's work first (order below 10: the service desk's block), then the scope. */}
      {homeSections
        .filter((s) => sectionOrder(s, me) < 10 && hasPermission(me, s.permission))
        .sort((a, b) => sectionOrder(a, me) - sectionOrder(b, me))
        .map(({ id, component: Section }) => (
          <Section key={id} />
        ))}
      {me.communeId ? (
        <MyCommune communeId={me.communeId} />
      ) : me.communeIds === 'all' ? (
        <AllCommunes me={me} />
      ) : (
        <AssignedCommunes />
      )}
      {homeSections
        .filter((s) => sectionOrder(s, me) >= 10 && hasPermission(me, s.permission))
        .sort((a, b) => sectionOrder(a, me) - sectionOrder(b, me))
        .map(({ id, component: Section }) => (
          <Section key={id} />
        ))}
      <QuickAccess me={me} />
    </Page>
  );
}

/** A commune user: their commune and its sub-entities. */
function MyCommune({ communeId }: { communeId: string }) {
  const { t } = useTranslation();
  const commune = useCommune(communeId);
  const entities = useEntities(communeId);
  if (!commune.data) return <QueryState isPending={commune.isPending} error={commune.error} />;
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Text size="sm" c="dimmed">
              {t('home.myCommune')}
            </Text>
            <Title order={2} size="h3">
              {commune.data.name}
            </Title>
          </div>
          <AnchorLink to="/communes/$communeId" params={{ communeId: commune.data.id }}>
            {t('home.openCommune')}
          </AnchorLink>
        </Group>
        {commune.data.inseeCode && <Text size="sm">{t('communes.insee', { code: commune.data.inseeCode })}</Text>}
        <Title order={3} size="h5" mt="sm">
          {t('communes.entities')}
        </Title>
        {entities.data ? (
          entities.data.items.length ? (
            <Group gap="xs">
              {entities.data.items.map((e) => (
                <Badge key={e.id} variant="light" size="lg" radius="sm" tt="none" fw={500}>
                  {e.name} · {t(`entityKinds.${e.kind}`)}
                </Badge>
              ))}
            </Group>
          ) : (
            <Text c="dimmed">{t('communes.noEntities')}</Text>
          )
        ) : (
          <QueryState isPending={entities.isPending} error={entities.error} />
        )}
      </Stack>
    </Paper>
  );
}

/** Provider staff: the communes they are assigned to. */
function AssignedCommunes() {
  const { t } = useTranslation();
  const communes = useCommunes();
  return (
    <section aria-labelledby="home-communes">
      <Title order={2} size="h3" id="home-communes" mb="md">
        {t('home.assignedCommunes')}
      </Title>
      {communes.data ? (
        communes.data.items.length ? (
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {communes.data.items.map((c) => (
              <CommuneCard key={c.id} commune={c} />
            ))}
          </SimpleGrid>
        ) : (
          <Text c="dimmed">{t('home.noAssignment')}</Text>
        )
      ) : (
        <QueryState isPending={communes.isPending} error={communes.error} />
      )}
    </section>
  );
}

/** Director and administrator: every commune with its counts, and the organisation's figures. */
function AllCommunes({ me }: { me: Me }) {
  const { t } = useTranslation();
  const communes = useCommunes();
  const canUsers = hasPermission(me, 'users.read');
  const users = useQuery({
    queryKey: ['users', 'count'],
    queryFn: () => api.get<ApiPage<unknown>>('/users', { limit: 1 }),
    enabled: canUsers,
  });
  const tokens = useQuery({
    queryKey: ['tokens'],
    queryFn: () => api.get<ApiPage<{ revokedAt: string | null }>>('/tokens'),
    enabled: hasPermission(me, 'tokens.manage'),
  });
  const perCommune = useQuery({
    queryKey: ['users', 'count-per-commune', communes.data?.items.map((c) => c.id)],
    enabled: canUsers && Boolean(communes.data),
    queryFn: async () => {
      const list = communes.data?.items ?? [];
      const totals = await Promise.all(
        list.map((c) =>
          api.get<ApiPage<unknown>>('/users', { communeId: c.id, limit: 1 }).then((r) => [c.id, r.total] as const),
        ),
      );
      return Object.fromEntries(totals);
    },
  });

  const stats: Array<{ label: string; value: number | undefined }> = [
    { label: t('home.stats.communes'), value: communes.data?.total },
    ...(canUsers ? [{ label: t('home.stats.users'), value: users.data?.total }] : []),
    ...(tokens.data
      ? [{ label: t('home.stats.activeTokens'), value: tokens.data.items.filter((x) => !x.revokedAt).length }]
      : []),
  ];

  return (
    <Stack gap="xl">
      <SimpleGrid cols={{ base: 1, xs: 3 }} component="dl" m={0}>
        {stats.map((s) => (
          <Paper key={s.label} withBorder p="md" radius="md">
            <Text component="dt" size="sm" c="dimmed">
              {s.label}
            </Text>
            <Text component="dd" m={0} fz={28} fw={700}>
              {s.value ?? '—'}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      <section aria-labelledby="home-all-communes">
        <Title order={2} size="h3" id="home-all-communes" mb="md">
          {t('home.allCommunes')}
        </Title>
        {communes.data ? (
          <Paper withBorder radius="md">
            <Table>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th scope="col">{t('communes.name')}</Table.Th>
                  <Table.Th scope="col">{t('communes.inseeCode')}</Table.Th>
                  <Table.Th scope="col">{t('communes.entities')}</Table.Th>
                  {canUsers && <Table.Th scope="col">{t('home.usersColumn')}</Table.Th>}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {communes.data.items.map((c) => (
                  <Table.Tr key={c.id}>
                    <Table.Td>
                      <AnchorLink to="/communes/$communeId" params={{ communeId: c.id }} fw={600}>
                        {c.name}
                      </AnchorLink>
                    </Table.Td>
                    <Table.Td>{c.inseeCode ?? '—'}</Table.Td>
                    <Table.Td>{c.entityCount}</Table.Td>
                    {canUsers && <Table.Td>{perCommune.data?.[c.id] ?? '—'}</Table.Td>}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Paper>
        ) : (
          <QueryState isPending={communes.isPending} error={communes.error} />
        )}
      </section>
    </Stack>
  );
}

/** Shortcuts to every space of the navigation the user may open (the registry of nav.ts). */
function QuickAccess({ me }: { me: Me }) {
  const { t } = useTranslation();
  const { main, admin } = visibleNav(me.permissions);
  const entries = [...main, ...admin].filter((e) => e.path !== '/');
  if (!entries.length) return null;
  return (
    <section aria-labelledby="home-quick-access">
      <Title order={2} size="h3" id="home-quick-access" mb="md">
        {t('home.quickAccess')}
      </Title>
      <SimpleGrid
        cols={{ base: 2, sm: 3, lg: 4 }}
        spacing="sm"
        component="ul"
        m={0}
        p={0}
        style={{ listStyle: 'none' }}
      >
        {entries.map((e) => {
          const Icon = e.icon;
          return (
            <li key={e.path}>
              <UnstyledButtonLink to={e.path} className="quick-link" p="md" w="100%" h="100%">
                <Group gap="sm" wrap="nowrap">
                  {Icon && (
                    <ThemeIcon variant="light" size={36} radius="md" aria-hidden="true">
                      <Icon size={20} />
                    </ThemeIcon>
                  )}
                  <Text fw={600} size="sm">
                    {t(e.labelKey)}
                  </Text>
                </Group>
              </UnstyledButtonLink>
            </li>
          );
        })}
      </SimpleGrid>
    </section>
  );
}
