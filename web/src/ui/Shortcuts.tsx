import { useEffect, useRef, useState } from 'react';
import { ActionIcon, Kbd, Modal, Table, Text, Tooltip } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/**
 * Keyboard shortcuts, for agents who live in the app. Global keys (help, search, go to …) and
 * page keys: a page marks a control with `data-shortcut="<key>"` and the key focuses it (a field)
 * or presses it (a button). `?` opens the list of the keys that work on the page shown. Keys are
 * ignored while typing in a field, and with Ctrl/Alt/Meta held (the browser's and the screen
 * reader's own keys stay theirs).
 */

/** Page keys a page may offer (`data-shortcut`), in the order the help lists them. */
export const pageShortcuts = ['r', 'm'] as const;

type Go = { keys: string; to: string; label: string };

function typingIn(target: EventTarget | null): boolean {
  const el = target as HTMLElement | null;
  if (!el || !el.tagName) return false;
  return (
    el.isContentEditable ||
    ['INPUT', 'TEXTAREA', 'SELECT'].includes(el.tagName) ||
    el.getAttribute('role') === 'combobox' ||
    el.getAttribute('role') === 'textbox'
  );
}

/** The rows of the visible ticket (or other) list that `j`/`k` walk through: their first link. */
function rowLinks(): HTMLAnchorElement[] {
  // Each row's first link (a selection checkbox may come before it).
  return [...document.querySelectorAll('#main-content tbody tr')]
    .map((tr) => tr.querySelector<HTMLAnchorElement>('td a[href]'))
    .filter((a): a is HTMLAnchorElement => a !== null);
}

export function Shortcuts({ canCreateTicket }: { canCreateTicket: boolean }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [open, setOpen] = useState(false);
  const [available, setAvailable] = useState<string[]>([]);
  const pendingG = useRef<number | null>(null);

  const goes: Go[] = [
    { keys: 'g h', to: '/', label: t('shortcuts.goHome') },
    { keys: 'g d', to: '/demandes', label: t('shortcuts.goTickets') },
  ];

  const show = () => {
    setAvailable(pageShortcuts.filter((k) => document.querySelector(`[data-shortcut="${k}"]`)));
    setOpen(true);
  };

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.ctrlKey || e.altKey || e.metaKey || e.defaultPrevented) return;
      if (typingIn(e.target)) return;
      const key = e.key;
      if (pendingG.current !== null) {
        window.clearTimeout(pendingG.current);
        pendingG.current = null;
        const go = goes.find((g) => g.keys === `g ${key}`);
        if (go) {
          e.preventDefault();
          void navigate({ to: go.to });
        }
        return;
      }
      if (key === '?') {
        e.preventDefault();
        show();
        return;
      }
      if (open) return;
      if (key === 'g') {
        pendingG.current = window.setTimeout(() => (pendingG.current = null), 1200);
        return;
      }
      if (key === '/') {
        const search = document.querySelector<HTMLInputElement>('#main-content [role="search"] input');
        if (search) {
          e.preventDefault();
          search.focus();
        }
        return;
      }
      if (key === 'n' && canCreateTicket) {
        e.preventDefault();
        void navigate({ to: '/demandes/nouvelle' });
        return;
      }
      if (key === 'j' || key === 'k') {
        const links = rowLinks();
        if (!links.length) return;
        e.preventDefault();
        const at = links.indexOf(document.activeElement as HTMLAnchorElement);
        const next = at < 0 ? 0 : Math.min(links.length - 1, Math.max(0, at + (key === 'j' ? 1 : -1)));
        links[next]!.focus();
        links[next]!.closest('tr')?.scrollIntoView({ block: 'nearest' });
        return;
      }
      const target = document.querySelector<HTMLElement>(`[data-shortcut="${CSS.escape(key)}"]`);
      if (target && !target.hasAttribute('disabled')) {
        e.preventDefault();
        if (typingIn(target)) target.focus();
        else target.click();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('keydown', onKey);
      if (pendingG.current !== null) window.clearTimeout(pendingG.current);
    };
    // `goes` is rebuilt from the language each render; the listener reads the latest through it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, canCreateTicket, navigate, t]);

  const row = (keys: string, label: string) => (
    <Table.Tr key={keys}>
      <Table.Td style={{ whiteSpace: 'nowrap' }}>
        {keys.split(' ').map((k, i) => (
          <span key={i}>
            {i > 0 && ' '}
            <Kbd>{k}</Kbd>
          </span>
        ))}
      </Table.Td>
      <Table.Td>{label}</Table.Td>
    </Table.Tr>
  );

  return (
    <>
      <Tooltip label={t('shortcuts.title')}>
        <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('shortcuts.title')} onClick={show}>
          <Text fw={700} aria-hidden>
            ?
          </Text>
        </ActionIcon>
      </Tooltip>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('shortcuts.title')} size="lg">
        <Text size="sm" mb="sm">
          {t('shortcuts.intro')}
        </Text>
        <Table>
          <Table.Caption className="sr-only">{t('shortcuts.title')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('shortcuts.key')}</Table.Th>
              <Table.Th scope="col">{t('shortcuts.action')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {row('?', t('shortcuts.help'))}
            {row('/', t('shortcuts.search'))}
            {row('j', t('shortcuts.nextRow'))}
            {row('k', t('shortcuts.previousRow'))}
            {canCreateTicket && row('n', t('shortcuts.newTicket'))}
            {goes.map((g) => row(g.keys, g.label))}
            {available.map((k) => row(k, t(`shortcuts.page.${k}`)))}
          </Table.Tbody>
        </Table>
      </Modal>
    </>
  );
}
