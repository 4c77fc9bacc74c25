import { Box, Tabs } from '@strapi/design-system';
import { Layouts, Page, useRBAC } from '@strapi/strapi/admin';
import { BoilerplatePanel } from '../components/BoilerplatePanel';
import { IngestPanel } from '../components/IngestPanel';
import { MergesPanel } from '../components/MergesPanel';
import { RailPanel } from '../components/RailPanel';
import { WebhooksPanel } from '../components/WebhooksPanel';
import { NEWSROOM_PERMISSIONS } from '../permissions';

/**
 * The Newsroom page: what the plugin does, where editors can see and steer it. Reading needs the
 * "read" action (checked by the menu link and by every route); uploading, marking lines and
 * managing webhooks each need their own action, and their controls are hidden without it.
 */
function NewsroomPage() {
  const { allowedActions, isLoading } = useRBAC(NEWSROOM_PERMISSIONS);
  if (isLoading) return <Page.Loading />;
  if (!allowedActions.canRead) return <Page.NoPermissions />;

  return (
    <Page.Main>
      <Page.Title>Newsroom</Page.Title>
      <Layouts.Header title="Newsroom" subtitle="The Latest rail (pin and hide cards), page uploads, merges, the boilerplate ledger and rebuild webhooks" />
      <Layouts.Content>
        <Tabs.Root defaultValue="rail">
          <Tabs.List aria-label="Newsroom sections">
            <Tabs.Trigger value="rail">Latest rail</Tabs.Trigger>
            <Tabs.Trigger value="ingest">Upload pages</Tabs.Trigger>
            <Tabs.Trigger value="merges">Recent merges</Tabs.Trigger>
            <Tabs.Trigger value="boilerplate">Boilerplate</Tabs.Trigger>
            <Tabs.Trigger value="webhooks">Rebuild webhooks</Tabs.Trigger>
          </Tabs.List>
          <Box background="neutral0" padding={6} shadow="tableShadow" hasRadius>
            <Tabs.Content value="rail">
              <RailPanel canCurate={Boolean(allowedActions.canCurate)} />
            </Tabs.Content>
            <Tabs.Content value="ingest">
              <IngestPanel canIngest={Boolean(allowedActions.canIngest)} />
            </Tabs.Content>
            <Tabs.Content value="merges">
              <MergesPanel canSplit={Boolean(allowedActions.canCurate)} />
            </Tabs.Content>
            <Tabs.Content value="boilerplate">
              <BoilerplatePanel canEdit={Boolean(allowedActions.canBoilerplate)} />
            </Tabs.Content>
            <Tabs.Content value="webhooks">
              <WebhooksPanel canEdit={Boolean(allowedActions.canWebhooks)} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

export default NewsroomPage;
