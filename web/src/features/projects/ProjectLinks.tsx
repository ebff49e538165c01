import { useState } from 'react';
import { Anchor, Button, FileInput, Group, Paper, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { errorMessage, fieldErrors, notifyError, notifySuccess, QueryState } from '../../ui/feedback';
import { AnchorLink } from '../../ui/links';
import { formatDate } from '../../ui/format';
import {
  useDeleteDocument,
  useLinkTicket,
  useProjectDocuments,
  useProjectTickets,
  useUnlinkTicket,
  useUploadDocument,
  type ProjectDetail,
} from './api';

/** The tickets linked to the project (those the reader may see), with a form to link one. */
export function ProjectTickets({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation(['projects', 'tickets', 'common']);
  const tickets = useProjectTickets(project.id);
  const link = useLinkTicket(project.id);
  const unlink = useUnlinkTicket(project.id);
  const [ticket, setTicket] = useState('');
  const errors = fieldErrors(link.error);
  const generic = link.error && !Object.keys(errors).length ? errorMessage(t, link.error) : null;
  const canEdit = project.abilities.canEdit;
  return (
    <section aria-labelledby="tickets-title">
      <Title order={2} size="h3" id="tickets-title" mb="sm">
        {t('links.tickets')}
      </Title>
      <QueryState isPending={tickets.isPending} error={tickets.error} />
      {tickets.data && tickets.data.items.length === 0 && <Text size="sm">{t('links.noTickets')}</Text>}
      {tickets.data && tickets.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Caption>{t('links.ticketsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('links.reference')}</Table.Th>
                <Table.Th scope="col">{t('links.ticketTitle')}</Table.Th>
                <Table.Th scope="col">{t('links.ticketStatus')}</Table.Th>
                <Table.Th scope="col">{t('links.linkedAt')}</Table.Th>
                {canEdit && <Table.Th scope="col">{t('common:common.actions', { defaultValue: 'Actions' })}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {tickets.data.items.map((x) => (
                <Table.Tr key={x.id}>
                  <Table.Th scope="row">
                    <AnchorLink to="/demandes/$ticketId" params={{ ticketId: x.id }}>
                      {x.reference}
                    </AnchorLink>
                  </Table.Th>
                  <Table.Td>{x.title}</Table.Td>
                  <Table.Td>{t(`tickets:status.${x.status}`, { defaultValue: x.status })}</Table.Td>
                  <Table.Td>{formatDate(x.linkedAt.slice(0, 10), i18n.language)}</Table.Td>
                  {canEdit && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="default"
                        loading={unlink.isPending && unlink.variables === x.id}
                        aria-label={t('links.unlinkLabel', { reference: x.reference })}
                        onClick={() =>
                          unlink.mutate(x.id, {
                            onSuccess: () => notifySuccess(t('links.unlinked')),
                            onError: (e) => notifyError(t, e),
                          })
                        }
                      >
                        {t('links.unlink')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {canEdit && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            link.mutate(ticket, {
              onSuccess: () => {
                notifySuccess(t('links.linked'));
                setTicket('');
              },
            });
          }}
        >
          <Group align="flex-end" mt="sm">
            <TextInput
              label={t('links.ticket')}
              description={t('links.ticketHint')}
              value={ticket}
              onChange={(e) => setTicket(e.currentTarget.value)}
              error={errors.ticket}
              required
            />
            <Button type="submit" loading={link.isPending}>
              {t('links.link')}
            </Button>
          </Group>
          {generic && (
            <Text c="red" size="sm" role="alert" mt="xs">
              {generic}
            </Text>
          )}
        </form>
      )}
    </section>
  );
}

function size(bytes: number, lang: string): string {
  const nf = new Intl.NumberFormat(lang === 'en' ? 'en-GB' : 'fr-FR', { maximumFractionDigits: 1 });
  if (bytes < 1024) return `${nf.format(bytes)} o`;
  if (bytes < 1024 * 1024) return `${nf.format(bytes / 1024)} Ko`;
  return `${nf.format(bytes / 1024 / 1024)} Mo`;
}

/** The project's documents: download links, upload and delete for editors. */
export function ProjectDocuments({ project }: { project: ProjectDetail }) {
  const { t, i18n } = useTranslation(['projects', 'common']);
  const docs = useProjectDocuments(project.id);
  const upload = useUploadDocument(project.id);
  const remove = useDeleteDocument(project.id);
  const [file, setFile] = useState<File | null>(null);
  const uploadError = upload.error ? errorMessage(t, upload.error) : null;
  return (
    <section aria-labelledby="documents-title">
      <Title order={2} size="h3" id="documents-title" mb="sm">
        {t('links.documents')}
      </Title>
      <QueryState isPending={docs.isPending} error={docs.error} />
      {docs.data && docs.data.items.length === 0 && <Text size="sm">{t('links.noDocuments')}</Text>}
      {docs.data && docs.data.items.length > 0 && (
        <Table.ScrollContainer minWidth={600}>
          <Table striped>
            <Table.Caption>{t('links.documentsCaption')}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('links.file')}</Table.Th>
                <Table.Th scope="col">{t('links.size')}</Table.Th>
                <Table.Th scope="col">{t('links.uploadedBy')}</Table.Th>
                <Table.Th scope="col">{t('links.uploadedAt')}</Table.Th>
                {project.abilities.canEdit && (
                  <Table.Th scope="col">{t('common:common.actions', { defaultValue: 'Actions' })}</Table.Th>
                )}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {docs.data.items.map((d) => (
                <Table.Tr key={d.id}>
                  <Table.Th scope="row">
                    <Anchor href={d.url} download={d.filename}>
                      {d.filename}
                    </Anchor>
                  </Table.Th>
                  <Table.Td>{size(d.size, i18n.language)}</Table.Td>
                  <Table.Td>{d.uploadedBy?.name ?? '—'}</Table.Td>
                  <Table.Td>{formatDate(d.createdAt.slice(0, 10), i18n.language)}</Table.Td>
                  {project.abilities.canEdit && (
                    <Table.Td>
                      {d.abilities.canDelete && (
                        <Button
                          size="xs"
                          variant="default"
                          color="red"
                          loading={remove.isPending && remove.variables === d.id}
                          aria-label={t('links.deleteLabel', { name: d.filename })}
                          onClick={() =>
                            remove.mutate(d.id, {
                              onSuccess: () => notifySuccess(t('links.deleted')),
                              onError: (e) => notifyError(t, e),
                            })
                          }
                        >
                          {t('links.delete')}
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      {project.abilities.canEdit && (
        <Paper withBorder p="md" mt="sm">
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (!file) return;
              upload.mutate(file, {
                onSuccess: () => {
                  notifySuccess(t('links.uploaded'));
                  setFile(null);
                },
              });
            }}
          >
            <Stack gap="xs">
              <FileInput
                label={t('links.upload')}
                description={t('links.uploadHint')}
                placeholder={t('links.pick')}
                value={file}
                onChange={setFile}
                error={uploadError}
                clearable
              />
              <Group>
                <Button type="submit" loading={upload.isPending} disabled={!file}>
                  {t('links.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Paper>
      )}
    </section>
  );
}
