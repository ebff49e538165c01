import { useMemo } from 'react';
import DOMPurify from 'dompurify';
import { marked } from 'marked';
import { Typography } from '@mantine/core';

/**
 * Text written in Markdown (replies, notes), shown as HTML: GitHub-flavoured, line breaks kept as
 * typed, then sanitised (DOMPurify, HTML profile: no script, no event handler, no style; links
 * open in a new tab without the opener). What a requester wrote can never run in an agent's page.
 */
export function renderMarkdown(text: string): string {
  const html = marked.parse(text, { async: false, gfm: true, breaks: true });
  return DOMPurify.sanitize(html, { USE_PROFILES: { html: true }, FORBID_TAGS: ['style', 'form', 'input', 'img'] });
}

// Links written in a message open apart from the app, and cannot reach back to it.
DOMPurify.addHook('afterSanitizeAttributes', (node) => {
  if (node.tagName === 'A' && node.getAttribute('href')) {
    node.setAttribute('target', '_blank');
    node.setAttribute('rel', 'noopener noreferrer nofollow');
  }
});

export function Markdown({ text }: { text: string }) {
  const html = useMemo(() => renderMarkdown(text), [text]);
  return (
    <Typography className="markdown">
      <div dangerouslySetInnerHTML={{ __html: html }} />
    </Typography>
  );
}
