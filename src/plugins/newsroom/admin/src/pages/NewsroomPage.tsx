import { Box, Tabs } from '@strapi/design-system';
import { Layouts, Page } from '@strapi/strapi/admin';
import { BoilerplatePanel } from '../components/BoilerplatePanel';
import { IngestPanel } from '../components/IngestPanel';
import { MergesPanel } from '../components/MergesPanel';
import { RailPanel } from '../components/RailPanel';
import { WebhooksPanel } from '../components/WebhooksPanel';
import { useNewsroomPermissions } from '../permissions';

/**
 * The Newsroom page: what the plugin does, where editors can see and steer it. Reading needs the
 * "read" action (checked by the menu link and by every route); uploading, marking lines and
 * managing webhooks each need their own action, and their controls are hidden without it.
 */
function NewsroomPage() {
  const { can, isLoading } = useNewsroomPermissions();
  if (isLoading) return <Page.Loading />;
  if (!can.read) return <Page.NoPermissions />;

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
              <RailPanel canCurate={can.curate} />
            </Tabs.Content>
            <Tabs.Content value="ingest">
              <IngestPanel canIngest={can.ingest} />
            </Tabs.Content>
            <Tabs.Content value="merges">
              <MergesPanel canSplit={can.curate} />
            </Tabs.Content>
            <Tabs.Content value="boilerplate">
              <BoilerplatePanel canEdit={can.boilerplate} />
            </Tabs.Content>
            <Tabs.Content value="webhooks">
              <WebhooksPanel canEdit={can.webhooks} />
            </Tabs.Content>
          </Box>
        </Tabs.Root>
      </Layouts.Content>
    </Page.Main>
  );
}

export default NewsroomPage;
