import { Flex, Loader, Typography } from '@strapi/design-system';
import { formatDateTime, useNewsroomResource, type MergeEntry } from '../api';
import { useNewsroomPermissions } from '../permissions';
import { describeMerge } from './MergesPanel';

const ARTICLE_UID = 'api::article.article';
/** As many as the merges route gives at once; a story is rarely scraped more often. */
const SHOWN = 200;

/** What the Content Manager gives a side panel of its edit view (the parts used here). */
export interface EditViewPanelProps {
  model: string;
  documentId?: string;
}

/**
 * The side panel of an article in the Content Manager: every copy of its story that was merged into
 * it, newest first. The article's Sources field lists only the copies whose text it carries; a
 * duplicate copy is recorded here (from the merge log) and leaves the article as it was.
 */
export function mergedCopiesPanel({ model, documentId }: EditViewPanelProps) {
  // Panels are described by hooks: the permission check runs on every render, before any return.
  const { can, isLoading } = useNewsroomPermissions();
  if (model !== ARTICLE_UID || !documentId || isLoading || !can.read) return null;
  return { title: 'Merged copies', content: <MergedCopies documentId={documentId} /> };
}

function MergedCopies({ documentId }: { documentId: string }) {
  const merges = useNewsroomResource<MergeEntry[]>(`/newsroom/merges?documentId=${encodeURIComponent(documentId)}&limit=${SHOWN}`);
  if (merges.problem) return <Typography textColor="danger600">The merge log could not be loaded: {merges.problem.message}</Typography>;
  if (!merges.data || merges.loading) return <Loader small>Loading merged copies…</Loader>;
  if (merges.data.length === 0) return <Typography textColor="neutral600">No other copy of this story has been read.</Typography>;
  return (
    <Flex direction="column" alignItems="stretch" gap={2} data-testid="merged-copies">
      {merges.data.map((merge, index) => (
        <Flex key={`${merge.at}-${index}`} direction="column" alignItems="flex-start" data-testid="merged-copy">
          <Typography variant="omega" style={{ wordBreak: 'break-all' }}>
            {merge.source}
          </Typography>
          <Typography variant="pi" textColor="neutral600">
            {formatDateTime(merge.at)} · {describeMerge(merge)}
          </Typography>
        </Flex>
      ))}
    </Flex>
  );
}
