import { notifications } from '@mantine/notifications';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../../ui/feedback';
import { Page } from '../../ui/Page';
import { TicketForm } from './TicketForm';

/** Requester portal: open a ticket for one's commune. */
export function NewTicketPage() {
  const { t } = useTranslation(['tickets', 'common']);
  const navigate = useNavigate();
  return (
    <Page title={t('form.title')} description={t('form.description')}>
      <TicketForm
        onCreated={(ticket, fileErrors) => {
          notifySuccess(t('form.created', { reference: ticket.reference }));
          for (const message of fileErrors) notifications.show({ color: 'red', title: t('form.fileRefused'), message });
          void navigate({ to: '/demandes/$ticketId', params: { ticketId: ticket.id } });
        }}
      />
    </Page>
  );
}
