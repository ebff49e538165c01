import { createContext, useEffect, useRef, type ReactNode } from 'react';
import { AppShell, Avatar, Box, Burger, Group, Menu, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Navigate, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { api, hasPermission, meQuery } from '../api/client';
import type { Me } from '../api/types';
import i18n, { storedLanguage } from '../i18n';
import { activeEntry, visibleNav, type NavEntry, type NavPath } from '../nav';
import { Brand } from '../ui/Brand';
import { IconChevronDown, IconLogout, IconUser } from '../ui/icons';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { Shortcuts } from '../ui/Shortcuts';
import { NavLinkLink, UnstyledButtonLink } from '../ui/links';
import { InboxBell } from '../features/inbox/InboxBell';

/** The signed-in shell: header (brand, language, user menu), navigation, main content. */
export function AppLayout() {
  const { data: me } = useQuery(meQuery);
  if (!me) return <Navigate to="/connexion" />;
  return <Shell me={me} />;
}

/** True inside the signed-in frame: a page shown there does not bring its own. */
export const InSignedInFrame = createContext(false);

/** The signed-in frame around given content (the root's "not found" page). */
export function SignedInFrame({ me, children }: { me: Me; children: ReactNode }) {
  return <Shell me={me}>{children}</Shell>;
}

function Shell({ me, children }: { me: Me; children?: ReactNode }) {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  // The account's language applies unless this browser has an explicit choice.
  useEffect(() => {
    if (!storedLanguage() && i18n.language !== me.locale) void i18n.changeLanguage(me.locale);
  }, [me.locale]);

  // The mobile menu closes once a page is chosen. (Focus moves to the new page's heading: Page.)
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    close();
  }, [pathname, close]);

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 272, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main-content" className="skip-link">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger
              opened={opened}
              onClick={toggle}
              hiddenFrom="sm"
              size="sm"
              aria-label={opened ? t('nav.closeMenu') : t('nav.openMenu')}
              aria-expanded={opened}
              aria-controls="app-navigation"
            />
            <UnstyledButtonLink to="/" aria-label={t('nav.homeLink')}>
              <Brand />
            </UnstyledButtonLink>
          </Group>
          <Group gap="sm" wrap="nowrap">
            <Shortcuts canCreateTicket={hasPermission(me, 'tickets.create')} />
            <LanguageSwitch />
            <InboxBell />
            <UserMenu me={me} />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="sm" id="app-navigation" aria-label={t('nav.label')}>
        <AppShell.Section grow component={ScrollArea} viewportProps={{ tabIndex: -1 }}>
          <Navigation me={me} pathname={pathname} />
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main-content" tabIndex={-1} style={{ outline: 'none' }}>
        <Box maw={1280} mx="auto">
          <InSignedInFrame.Provider value={true}>{children ?? <Outlet />}</InSignedInFrame.Provider>
        </Box>
      </AppShell.Main>
    </AppShell>
  );
}

function Navigation({ me, pathname }: { me: Me; pathname: string }) {
  const { t } = useTranslation();
  const { main, admin } = visibleNav(me.permissions);
  const active = activeEntry(pathname, [...main, ...admin]);
  const item = (e: NavEntry<NavPath>) => {
    const Icon = e.icon;
    const isActive = active === e;
    return (
      <li key={e.path}>
        <NavLinkLink
          to={e.path}
          label={t(e.labelKey)}
          leftSection={Icon ? <Icon size={20} /> : undefined}
          active={isActive}
          aria-current={isActive ? 'page' : undefined}
          fw={isActive ? 700 : 500}
          style={{ borderRadius: 6 }}
        />
      </li>
    );
  };
  return (
    <>
      <ul className="nav-list">{main.map(item)}</ul>
      {admin.length > 0 && (
        <>
          <Text
            component="h2"
            id="nav-admin-heading"
            size="xs"
            fw={700}
            tt="uppercase"
            c="dimmed"
            mt="lg"
            mb={6}
            px="sm"
            style={{ letterSpacing: '0.04em' }}
          >
            {t('nav.admin')}
          </Text>
          <ul className="nav-list" aria-labelledby="nav-admin-heading">
            {admin.map(item)}
          </ul>
        </>
      )}
    </>
  );
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter(Boolean)
    .slice(0, 2)
    .map((w) => w[0]!.toUpperCase())
    .join('');
}

function UserMenu({ me }: { me: Me }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const navigate = useNavigate();

  const logout = async () => {
    try {
      await api.post('/auth/logout');
    } finally {
      queryClient.clear();
      queryClient.setQueryData(meQuery.queryKey, null);
      await navigate({ to: '/connexion' });
    }
  };

  return (
    <Menu position="bottom-end" width={260} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('header.userMenu', { name: me.name })} px="xs" py={4} style={{ borderRadius: 6 }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="marianne" radius="xl" size={34} aria-hidden="true">
              {initials(me.name)}
            </Avatar>
            <Box visibleFrom="md">
              <Text size="sm" fw={600} lh={1.2}>
                {me.name}
              </Text>
              <Text size="xs" c="dimmed" lh={1.2}>
                {me.roles.map((r) => t(`roles.${r}`)).join(', ')}
              </Text>
            </Box>
            <Box component="span" visibleFrom="sm" lh={0}>
              <IconChevronDown size={16} />
            </Box>
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Item leftSection={<IconUser size={18} />} onClick={() => void navigate({ to: '/profil' })}>
          {t('profile:menu')}
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={18} />} onClick={() => void logout()}>
          {t('header.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
