import { useState } from 'react';
import {
  Alert,
  Anchor,
  Button,
  FileInput,
  Group,
  List,
  Modal,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '../../api/client';
import { errorMessage, notifySuccess } from '../../ui/feedback';
import { translateFieldProblem } from '../../ui/validation';
import type { Amendment, ContractInForce } from './api';
import { formatDay } from './format';
import { ReconstructedBadge } from './Reconstructed';

type Kind = 'contract' | 'amendment';

/** What the preview reads of a file (the server validates the whole of it). */
interface ArticleLike {
  number?: unknown;
  title?: unknown;
  reconstructed?: unknown;
}
interface AnnexLike {
  domain?: unknown;
  domainTitle?: unknown;
  content?: { commitments?: Array<{ indicators?: unknown[] }>; reconstructionNote?: unknown };
}
interface EntryFile {
  number?: unknown;
  signedAt?: unknown;
  effectiveFrom?: unknown;
  content?: {
    title?: unknown;
    place?: unknown;
    object?: unknown;
    parties?: Array<{ name?: unknown; capacity?: unknown; representedBy?: unknown }>;
    articles?: ArticleLike[];
    revisions?: Array<{ domain?: unknown; object?: unknown }>;
    reconstructionNote?: unknown;
  };
  annexes?: AnnexLike[];
}

const str = (v: unknown) => (typeof v === 'string' || typeof v === 'number' ? String(v) : '');

function useRecord(communeId: string, kind: Kind) {
  const qc = useQueryClient();
  return useMutation<ContractInForce | Amendment, Error, unknown>({
    mutationFn: (body: unknown) =>
      kind === 'contract'
        ? api.post<ContractInForce>(`/communes/${encodeURIComponent(communeId)}/contracts`, body)
        : api.post<Amendment>(`/communes/${encodeURIComponent(communeId)}/amendments/signed`, body),
    onSuccess: () => {
      void qc.invalidateQueries({ queryKey: ['contracts'] });
      void qc.invalidateQueries({ queryKey: ['indicators'] });
    },
  });
}

/**
 * Entering a real contract (holders of contracts.record): "Saisir un contrat signé" when the
 * commune has none, "Enregistrer un avenant déjà signé" once it has one — from a JSON file (the
 * format served by GET /api/v1/contract-formats, examples in docs/examples/) uploaded or pasted,
 * previewed, then posted; the 400 answer's field errors are listed with their paths.
 */
export function ContractEntry({ communeId, hasContract }: { communeId: string; hasContract: boolean }) {
  const { t } = useTranslation('targets');
  const [open, setOpen] = useState<Kind | null>(null);
  return (
    <>
      <Group gap="xs">
        {hasContract ? (
          <Button variant="light" onClick={() => setOpen('amendment')}>
            {t('entry.recordAmendment')}
          </Button>
        ) : (
          <Button onClick={() => setOpen('contract')}>{t('entry.recordContract')}</Button>
        )}
      </Group>
      {open && <EntryModal communeId={communeId} kind={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function EntryModal({ communeId, kind, onClose }: { communeId: string; kind: Kind; onClose: () => void }) {
  const { t } = useTranslation('targets');
  const navigate = useNavigate();
  const record = useRecord(communeId, kind);
  const [text, setText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [parsed, setParsed] = useState<{ data: EntryFile } | { error: string } | null>(null);
  const read = (value: string) => {
    setText(value);
    record.reset();
    if (!value.trim()) return setParsed(null);
    try {
      const data = JSON.parse(value) as unknown;
      setParsed(
        typeof data === 'object' && data !== null && !Array.isArray(data)
          ? { data: data }
          : { error: t('entry.notObject') },
      );
    } catch (e) {
      setParsed({ error: t('entry.badJson', { message: e instanceof Error ? e.message : '' }) });
    }
  };
  const problems = record.error instanceof ApiError ? Object.values(record.error.fields) : [];
  return (
    <Modal
      opened
      onClose={onClose}
      size="xl"
      title={t(kind === 'contract' ? 'entry.recordContract' : 'entry.recordAmendment')}
    >
      <Stack>
        <Text size="sm">{t(kind === 'contract' ? 'entry.contractHelp' : 'entry.amendmentHelp')}</Text>
        <Text size="sm">
          <Anchor href="/api/v1/contract-formats" target="_blank" rel="noopener">
            {t('entry.format')}
          </Anchor>{' '}
          — {t('entry.examples')}
        </Text>
        <FileInput
          label={t('entry.file')}
          accept=".json,application/json"
          value={file}
          clearable
          onChange={(f) => {
            setFile(f);
            if (f) void f.text().then(read);
          }}
        />
        <Textarea
          label={t('entry.paste')}
          value={text}
          onChange={(e) => read(e.currentTarget.value)}
          autosize
          minRows={4}
          maxRows={12}
          styles={{ input: { fontFamily: 'monospace', fontSize: 12 } }}
        />
        {parsed && 'error' in parsed && (
          <Alert color="red" role="alert">
            {parsed.error}
          </Alert>
        )}
        {parsed && 'data' in parsed && <Preview kind={kind} data={parsed.data} />}
        {record.error && (
          <Alert color="red" role="alert" title={t('entry.refused')}>
            {problems.length > 0 ? (
              <List size="sm">
                {problems.map((p) => (
                  <List.Item key={p.field}>
                    <code>{p.field}</code> : {translateFieldProblem(p)}
                  </List.Item>
                ))}
              </List>
            ) : (
              errorMessage(t, record.error)
            )}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('cancel')}
          </Button>
          <Button
            disabled={!parsed || !('data' in parsed)}
            loading={record.isPending}
            onClick={() =>
              parsed &&
              'data' in parsed &&
              record.mutate(parsed.data, {
                onSuccess: (r) => {
                  notifySuccess(t(kind === 'contract' ? 'entry.contractDone' : 'entry.amendmentDone'));
                  onClose();
                  if (kind === 'amendment' && 'id' in r)
                    void navigate({ to: '/avenants/$amendmentId', params: { amendmentId: r.id } });
                },
              })
            }
          >
            {t('entry.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** A summary of the file before it is sent: dates, parties, articles (reconstructed marked), annexes. */
function Preview({ kind, data }: { kind: Kind; data: EntryFile }) {
  const { t, i18n } = useTranslation('targets');
  const lang = i18n.language;
  const c = data.content ?? {};
  // A date as written when it is no real day (2016-02-31): the server says why, the preview must not fix it.
  const real = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v);
  const day = (v: unknown) =>
    typeof v === 'string' && v ? (real(v) ? formatDay(v, lang) : v) : v === null ? t('entry.blank') : '—';
  return (
    <Stack gap="xs" aria-label={t('entry.preview')} role="region">
      <Title order={3} size="h5">
        {t('entry.preview')}
      </Title>
      <Table withTableBorder fz="sm" verticalSpacing={4}>
        <Table.Tbody>
          {kind === 'contract' ? (
            <>
              <Row label={t('entry.title')} value={str(c.title)} />
              <Row label={t('entry.place')} value={str(c.place)} />
            </>
          ) : (
            <>
              <Row label={t('entry.number')} value={str(data.number) || t('entry.nextNumber')} />
              <Row label={t('entry.object')} value={str(c.object)} />
            </>
          )}
          <Row label={t('entry.signedAt')} value={day(data.signedAt)} />
          <Row label={t('entry.effectiveFrom')} value={day(data.effectiveFrom)} />
          {kind === 'contract' && (
            <Row
              label={t('entry.parties')}
              value={(c.parties ?? [])
                .map((p) => `${str(p.name)} (${str(p.capacity)} : ${str(p.representedBy)})`)
                .join(' ; ')}
            />
          )}
          {kind === 'amendment' && (
            <Row
              label={t('entry.revisions')}
              value={(c.revisions ?? []).map((r) => `${str(r.domain)} : ${str(r.object)}`).join(' ; ')}
            />
          )}
        </Table.Tbody>
      </Table>
      {(c.articles ?? []).length > 0 && (
        <List size="sm">
          {(c.articles ?? []).map((a, i) => (
            <List.Item key={i}>
              <Group gap="xs">
                <span>{t('entry.article', { number: str(a.number), title: str(a.title) })}</span>
                {a.reconstructed === true && <ReconstructedBadge />}
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      {typeof c.reconstructionNote === 'string' && c.reconstructionNote && (
        <Text size="sm">
          <ReconstructedBadge /> {c.reconstructionNote}
        </Text>
      )}
      {(data.annexes ?? []).map((a, i) => (
        <Text key={i} size="sm">
          {t('entry.annex', {
            domain: str(a.domainTitle) || str(a.domain),
            count: (a.content?.commitments ?? []).reduce((n, x) => n + (x.indicators?.length ?? 0), 0),
          })}
          {typeof a.content?.reconstructionNote === 'string' && a.content.reconstructionNote && (
            <>
              {' '}
              <ReconstructedBadge /> {a.content.reconstructionNote}
            </>
          )}
        </Text>
      ))}
    </Stack>
  );
}

function Row({ label, value }: { label: string; value: string }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w={200}>
        {label}
      </Table.Th>
      <Table.Td>{value || '—'}</Table.Td>
    </Table.Tr>
  );
}
